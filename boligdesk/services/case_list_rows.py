"""The case list's rows — built by one rule, read by the ORM or, at start-up, by the driver alone.

:class:`CaseRow` is what the Sager tab, ``boligdesk cases`` and the letters show of a case.
:class:`RowBuilder` turns one result row of the list's query (the columns of :data:`COLUMNS`, in that
order, already typed: dates, enums, :class:`Money`) into a :class:`CaseRow`, next deadline included —
the ORM path (:mod:`boligdesk.services.case_list`) and :func:`read_first_list` both use it, so the
deadline and the texts shown have one definition.

:func:`read_first_list` is the start-up path with a remembered key (issue 15, decisions §36): it opens
the encrypted file with ``sqlcipher3`` and the already unwrapped key, runs :data:`CASE_LIST_SQL` and
:data:`FOLLOW_UP_SQL`, :data:`PLANS_SQL` and :data:`INSTALMENTS_SQL` (the same joins and filters as ``case_list._statements``; a test compares the two
paths' rows) and closes the connection — before SQLAlchemy and the models are imported, so the list can
be shown while they load. This module imports neither.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from boligdesk.budget.deadlines import (
    Deadline,
    TimelineFacts,
    choose_next,
    follow_up_deadline,
    is_urgent,
    timeline_due,
)
from boligdesk.budget.money import Money
from boligdesk.budget.repayment import (
    UPCOMING_INSTALMENT_DAYS,
    PaymentFact,
    PlannedInstalment,
    plan_deadlines,
    plan_progress,
)
from boligdesk.budget.vocabulary import CaseKind, CasePhase, PlanStatus

log = logging.getLogger(__name__)

_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class CaseRow:
    id: str
    number: str
    tenant_name: str
    phone: str
    address: str
    tenancy_number: str
    estate_id: str | None
    estate_name: str
    kind: CaseKind
    phase: CasePhase
    arrears: Money
    adviser_id: str | None
    adviser_name: str
    closed: bool
    next_deadline: Deadline | None
    search_text: str = field(repr=False, compare=False, default="")

    def matches(self, needle: str) -> bool:
        return needle.casefold() in self.search_text

    def is_urgent(self, today: dt.date) -> bool:
        return not self.closed and is_urgent(self.next_deadline, today)


_NOT_DIGITS = re.compile(r"\D+")


def _search_blob(*parts: str) -> str:
    text = " ".join(p for p in parts if p)
    compact_phone = _NOT_DIGITS.sub("", text)  # "12 34 56 78" is found as "12345678" too
    return f"{text} {compact_phone}".casefold()


def search_case_rows(rows: list[CaseRow], text: str) -> list[CaseRow]:
    needle = text.strip()
    if not needle:
        return rows
    words = needle.casefold().split()
    return [r for r in rows if all(w in r.search_text for w in words)]


#: The list query's columns, in the order :meth:`RowBuilder.row` takes them (both readers select these).
COLUMNS = (
    "case_id",
    "number",
    "kind",
    "phase",
    "arrears",
    "adviser_id",
    "closed_on",
    "reminder_sent_on",
    "reminder_received_on",
    "termination_on",
    "bailiff_request_on",
    "hearing_on",
    "eviction_on",
    "rescheduled_eviction_on",
    "withdrawn_on",
    "arrears_covered",
    "first_name",
    "last_name",
    "phone",
    "address_line",
    "postcode",
    "city",
    "tenancy_number",
    "estate_id",
    "estate_number",
    "estate_name",
    "adviser_name",
)

#: :data:`COLUMNS` with the driver alone: one row per live case, newest number first. Must select what
#: ``case_list._statements()`` selects (``tests/db/test_case_list_rows.py`` compares the rows). ``+c.number``
#: keeps SQLite off the number index: reading the table in file order and sorting was half the CPU of
#: following the index page by page through the encrypted file (20,000 cases: ~370 vs ~720 ms).
CASE_LIST_SQL = """
SELECT c.id, c.number, c.kind, c.phase, c.arrears, c.adviser_id, c.closed_on,
       c.reminder_sent_on, c.reminder_received_on, c.termination_on, c.bailiff_request_on,
       c.hearing_on, c.eviction_on, c.rescheduled_eviction_on, c.withdrawn_on,
       c.arrears_covered,
       p.first_name, p.last_name, p.phone,
       t.address_line, t.postcode, t.city, t.tenancy_number,
       e.id, e.number, e.name,
       a.name
FROM cases AS c
JOIN persons AS p ON c.tenant_id = p.id
LEFT OUTER JOIN tenancies AS t ON c.tenancy_id = t.id
LEFT OUTER JOIN estates AS e ON t.estate_id = e.id
LEFT OUTER JOIN advisers AS a ON c.adviser_id = a.id
WHERE c.deleted = 0
ORDER BY +c.number DESC
"""

#: The open follow-ups (the deadlines need them), as ``case_list._statements()`` reads them.
FOLLOW_UP_SQL = "SELECT case_id, due_on FROM follow_ups WHERE deleted = 0 AND done_on IS NULL"

#: The plans in force (running or kept), as ``plan_loading.plans_in_force`` reads them: the fact that
#: answers a påkrav (``budget.deadlines`` rule 5).
PLANS_SQL = (
    "SELECT case_id, agreed_on, start_on FROM repayment_plans WHERE deleted = 0 "
    f"AND status IN ('{PlanStatus.ACTIVE.value}', '{PlanStatus.FULFILLED.value}')"
)


#: The instalments and payments of the active plans, in one query: ``(case_id, plan_id, seq, day, amount)``,
#: ``seq`` NULL for a payment; the parameters are :func:`instalment_horizon` and today, ISO. As
#: ``case_list._instalments()`` reads them (the plans Frister reads).
INSTALMENTS_SQL = f"""
SELECT rp.case_id, rp.id, i.seq, i.due_on, i.amount
FROM instalments AS i JOIN repayment_plans AS rp ON i.plan_id = rp.id
WHERE i.deleted = 0 AND rp.deleted = 0 AND rp.status = '{PlanStatus.ACTIVE.value}' AND i.due_on <= ?
UNION ALL
SELECT rp.case_id, rp.id, NULL, pay.paid_on, pay.amount
FROM payments AS pay JOIN repayment_plans AS rp ON pay.plan_id = rp.id
WHERE pay.deleted = 0 AND rp.deleted = 0 AND rp.status = '{PlanStatus.ACTIVE.value}' AND pay.paid_on <= ?
"""


def instalment_horizon(today: dt.date) -> dt.date:
    """The last due day of an instalment the list needs: a later one is never shown (it is not within
    ``UPCOMING_INSTALMENT_DAYS``) and changes nothing before it (payments go to the oldest instalment
    first), so neither reader reads it. Payments after today do not count yet (``plan_progress``)."""
    return today + dt.timedelta(days=UPCOMING_INSTALMENT_DAYS)


def instalment_deadlines(
    results: Iterable[tuple[str, str, int | None, dt.date, Money]], today: dt.date
) -> dict[str, tuple[Deadline, ...]]:
    """Each case's missed and next instalments (``budget.repayment.plan_deadlines``) from the rows of
    :data:`INSTALMENTS_SQL`, by case id: the one reduction both readers use."""
    plans: dict[str, tuple[str, list[PlannedInstalment], list[PaymentFact]]] = {}
    for case_id, plan_id, seq, day, amount in results:
        if plan_id not in plans:
            plans[plan_id] = (case_id, [], [])
        _, planned, paid = plans[plan_id]
        if seq is None:
            paid.append(PaymentFact(day, amount))
        else:
            planned.append(PlannedInstalment(seq, day, amount))
    found: dict[str, list[Deadline]] = defaultdict(list)
    for case_id, planned, paid in plans.values():
        if planned:
            found[case_id].extend(plan_deadlines(plan_progress(planned, paid, today), today))
    return {case_id: tuple(items) for case_id, items in found.items() if items}


def plan_days(results: Iterable[tuple[str, dt.date | None, dt.date]]) -> dict[str, dt.date]:
    """The day each case's plan in force was agreed (its start if no day was registered), the latest if
    there are several, by case id: the one reduction both readers use."""
    days: dict[str, dt.date] = {}
    for case_id, agreed_on, start_on in results:
        day = agreed_on or start_on
        if case_id not in days or day > days[case_id]:
            days[case_id] = day
    return days


# Indexes of the date columns in COLUMNS (the driver returns them as ISO text).
_DATES = tuple(range(COLUMNS.index("closed_on"), COLUMNS.index("withdrawn_on") + 1))


class RowBuilder:
    """Builds the list's rows as of ``today`` from the open follow-ups' due dates per case, the day each
    case's plan in force was agreed (:func:`plan_days`) and its plan's missed and next instalments
    (:func:`instalment_deadlines`). The next deadline is the case header's (``choose_next``).

    With 20,000 cases most values repeat (the estate, the adviser, a deadline on the same day for the
    same reason): each row points at one shared copy instead of holding its own."""

    def __init__(
        self,
        today: dt.date,
        follow_ups: dict[str, list[dt.date]],
        plans: dict[str, dt.date] | None = None,
        instalments: dict[str, tuple[Deadline, ...]] | None = None,
    ) -> None:
        self._today = today
        self._follow_ups = follow_ups
        self._plans = plans or {}
        self._instalments = instalments or {}
        shared: dict[Any, Any] = {}
        self._one: Callable[[_T, _T], _T] = shared.setdefault
        # Cases registered the same days (a month's termination list) have the same facts: the deadline
        # rule (and the holiday look-ups behind it) runs once per distinct set of facts.
        self._due: dict[tuple[Any, ...], tuple[list[Deadline], Deadline | None]] = {}
        # ... and with the same open follow-ups, once per distinct pair; a follow-up's deadline once per day.
        self._with_follow_ups: dict[tuple[Any, ...], Deadline | None] = {}
        self._follow_up: dict[dt.date, Deadline] = {}

    def _follow_up_deadlines(self, days: Iterable[dt.date]) -> list[Deadline]:
        cached = self._follow_up
        return [cached.get(day) or cached.setdefault(day, follow_up_deadline(day)) for day in days]

    def _next(self, case_id: str, facts: tuple[Any, ...]) -> Deadline | None:
        """The case's next deadline: the case header's rule (``budget.deadlines.choose_next``) over the
        timeline's deadlines (``facts``: the :class:`TimelineFacts` fields but the follow-up, in their
        order), the open follow-ups and the plan's missed and next instalments."""
        today = self._today
        if facts in self._due:
            due, deadline = self._due[facts]
        else:
            (
                sent,
                received,
                terminated,
                requested,
                hearing,
                eviction,
                rescheduled,
                withdrawn,
                plan,
                covered,
            ) = facts
            timeline_facts = TimelineFacts(
                reminder_sent_on=sent,
                reminder_received_on=received,
                termination_on=terminated,
                bailiff_request_on=requested,
                hearing_on=hearing,
                eviction_on=eviction,
                rescheduled_eviction_on=rescheduled,
                withdrawn_on=withdrawn,
                plan_agreed_on=plan,
                arrears_covered=covered,
            )
            due = timeline_due(timeline_facts, today)
            deadline = choose_next(due, today)
            self._due[facts] = (due, deadline)
        follow_ups = self._follow_ups.get(case_id)
        instalments = self._instalments.get(case_id)
        if instalments:
            return choose_next([*due, *self._follow_up_deadlines(follow_ups or ()), *instalments], today)
        if not follow_ups:
            return deadline
        key = (facts, tuple(follow_ups))
        if key not in self._with_follow_ups:
            self._with_follow_ups[key] = choose_next([*due, *self._follow_up_deadlines(follow_ups)], today)
        return self._with_follow_ups[key]

    def row(self, r: Sequence[Any]) -> CaseRow:
        """One row of the list's query (:data:`COLUMNS`, typed) as a :class:`CaseRow`."""
        (
            case_id,
            number,
            kind,
            phase,
            arrears,
            adviser_id,
            closed_on,
            sent,
            received,
            terminated,
            requested,
            hearing,
            eviction,
            rescheduled,
            withdrawn,
            covered,
            first,
            last,
            phone,
            street,
            postcode,
            city,
            tenancy_number,
            estate_id,
            estate_number,
            estate_name,
            adviser_name,
        ) = r
        one = self._one
        closed = closed_on is not None
        deadline = None
        if not closed:
            # The facts as a plain tuple: a TimelineFacts is made once per distinct set (on a miss).
            facts = (sent, received, terminated, requested, hearing, eviction, rescheduled, withdrawn)
            deadline = self._next(case_id, (*facts, self._plans.get(case_id), bool(covered)))
        place = f"{postcode or ''} {city or ''}".strip()
        address = ", ".join(p for p in (street, place) if p)
        tenant_name = f"{first} {last}".strip()
        estate_label = f"{estate_number or ''} {estate_name or ''}".strip()
        return CaseRow(
            id=case_id,
            number=number,
            tenant_name=tenant_name,
            phone=phone,
            address=address,
            tenancy_number=tenancy_number or "",
            estate_id=one(estate_id, estate_id),
            estate_name=one(estate_label, estate_label),
            kind=kind,
            phase=phase,
            arrears=one(arrears, arrears),
            adviser_id=one(adviser_id, adviser_id),
            adviser_name=one(adviser_name or "", adviser_name or ""),
            closed=closed,
            next_deadline=deadline,
            search_text=_search_blob(number, tenant_name, phone, address, tenancy_number or ""),
        )

    def rows(self, results: Iterable[Sequence[Any]]) -> list[CaseRow]:
        return [self.row(r) for r in results]


def follow_ups_by_case(results: Iterable[tuple[str, dt.date]]) -> dict[str, list[dt.date]]:
    follow_ups: dict[str, list[dt.date]] = defaultdict(list)
    for case_id, due_on in results:
        follow_ups[case_id].append(due_on)
    return follow_ups


# --- the driver alone (start-up with a remembered key) ------------------------------------------------
@dataclass(frozen=True)
class FirstList:
    """The list read before the store is open: its rows, the day they were computed for, and the schema
    revision they were read from (the window reads the list again when the store migrated it)."""

    rows: list[CaseRow]
    today: dt.date
    revision: str


def _typed(raw: Sequence[Any], kinds: dict[str, CaseKind], phases: dict[str, CasePhase]) -> list[Any]:
    """One raw result row typed as SQLAlchemy types it (``models.base``: enums by value, Money as øre)."""
    r = list(raw)
    r[2] = kinds[r[2]]
    r[3] = phases[r[3]]
    r[4] = Money(r[4])
    for i in _DATES:
        if r[i] is not None:
            r[i] = dt.date.fromisoformat(r[i])
    return r


#: SQLCipher's page cache for the one read (KiB): the store's own size. The connection is closed (and the
#: heap trimmed) right after, so it is held only during the read; 2 MiB cost a third more CPU at 20,000.
_CACHE_KIB = 8192


def read_first_list(database: Path, key: bytes, today: dt.date) -> FirstList:
    """Every live case of the encrypted ``database`` as :class:`CaseRow` s, read with ``sqlcipher3`` and
    ``key`` (the raw database key) alone. Raises whatever the driver raises (wrong key, damaged file,
    an unknown schema): the caller then opens the store the ordinary way, which names the cause."""
    import sqlcipher3.dbapi2 as sqlcipher

    conn = sqlcipher.connect(str(database), check_same_thread=False)
    try:
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        conn.execute(f"PRAGMA cache_size = -{_CACHE_KIB}")
        conn.execute("PRAGMA query_only = ON")
        (revision,) = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        follow_ups = follow_ups_by_case(
            (case_id, dt.date.fromisoformat(due_on)) for case_id, due_on in conn.execute(FOLLOW_UP_SQL)
        )
        kinds = {k.value: k for k in CaseKind}
        phases = {p.value: p for p in CasePhase}
        plans = plan_days(
            (case_id, dt.date.fromisoformat(agreed) if agreed else None, dt.date.fromisoformat(start))
            for case_id, agreed, start in conn.execute(PLANS_SQL)
        )
        instalments = instalment_deadlines(
            (
                (case_id, plan_id, seq, dt.date.fromisoformat(day), Money(amount))
                for case_id, plan_id, seq, day, amount in conn.execute(
                    INSTALMENTS_SQL, (instalment_horizon(today).isoformat(), today.isoformat())
                )
            ),
            today,
        )
        builder = RowBuilder(today, follow_ups, plans, instalments)
        rows = [builder.row(_typed(r, kinds, phases)) for r in conn.execute(CASE_LIST_SQL)]
    finally:
        conn.close()
    return FirstList(rows, today, str(revision))
