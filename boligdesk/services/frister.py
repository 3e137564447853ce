"""Frister: the deadlines of all open cases, most urgent first.

For each open case:

* the computed timeline of :func:`boligdesk.budget.deadlines.timeline` (påkrav deadline, earliest
  termination, hearing, eviction or the expected eviction window): every item from today on; when all of
  a case's items have passed, the latest passed one (so a case whose eviction date has gone by stays on
  the list, red, until someone closes it);
* every follow-up the adviser set that is not done, passed or not, with its text;
* every missed instalment of a repayment plan (from :mod:`boligdesk.services.plan_loading`);
* the next instalment of each active plan when it falls due within :data:`UPCOMING_INSTALMENT_DAYS`;
* the applications waiting for an answer and the open appeal deadlines (``application_deadlines``).

The case header shows one of the same rows (:meth:`FristerService.next_for_case`, :func:`next_of`), so a
case never says "Ingen frister" while it stands under Frister.

"Ophævelse mulig fra" is a date from which the landlord may terminate, not a deadline: once it has
passed it is never "Overskredet" (a case shows its passed påkrav deadline instead). A påkrav answered by
an agreed plan or covered arrears (``budget.deadlines`` rule 5) is not listed at all.

Urgency: passed (red), within 3 days (orange), within 7 days (yellow), later. Sorted by date, then by
how serious the kind of deadline is (an eviction before a follow-up on the same day), then case number.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from boligdesk.budget.deadlines import (
    KIND_RANK,
    NOT_MISSABLE,
    Deadline,
    DeadlineKind,
    choice_rank,
    follow_up_deadline,
    timeline_due,
)
from boligdesk.budget.repayment import (
    UPCOMING_INSTALMENT_DAYS,
    instalment_due_deadline,
    missed_instalment_deadline,
)
from boligdesk.models import Case, FollowUp, Person, Tenancy
from boligdesk.services.applications import application_deadlines
from boligdesk.services.plan_loading import missed_instalments, plans_in_force, upcoming_instalments
from boligdesk.services.plan_rows import MissedInstalment

if TYPE_CHECKING:
    from boligdesk.services.desk import Desk

MissedInstalmentsFn = Callable[[Session, dt.date], Sequence[MissedInstalment]]


class Urgency(IntEnum):
    """Lower is more urgent."""

    PASSED = 0
    WITHIN_3_DAYS = 1
    WITHIN_7_DAYS = 2
    LATER = 3

    @property
    def label(self) -> str:
        return _URGENCY_LABELS[self]


_URGENCY_LABELS = {
    Urgency.PASSED: "Overskredet",
    Urgency.WITHIN_3_DAYS: "Inden for 3 dage",
    Urgency.WITHIN_7_DAYS: "Inden for 7 dage",
    Urgency.LATER: "Senere",
}


def urgency_for(days_left: int) -> Urgency:
    if days_left < 0:
        return Urgency.PASSED
    if days_left <= 3:
        return Urgency.WITHIN_3_DAYS
    if days_left <= 7:
        return Urgency.WITHIN_7_DAYS
    return Urgency.LATER


def days_left_text(days_left: int) -> str:
    """``i dag``, ``i morgen``, ``om 5 dage``, ``i går``, ``3 dage over``."""
    if days_left == 0:
        return "i dag"
    if days_left == 1:
        return "i morgen"
    if days_left == -1:
        return "i går"
    if days_left > 1:
        return f"om {days_left} dage"
    return f"{-days_left} dage over"


@dataclass(frozen=True, slots=True)
class DeadlineRow:
    case_id: str
    case_number: str
    tenant_name: str
    address: str
    kind: DeadlineKind
    what: str
    date: dt.date
    days_left: int
    explanation: str

    @property
    def urgency(self) -> Urgency:
        if self.kind in NOT_MISSABLE and self.days_left < 0:
            return Urgency.LATER  # passed, but nothing was missed: the case is past that point
        return urgency_for(self.days_left)

    @property
    def sort_key(self) -> tuple[dt.date, int, str, str]:
        return (self.date, KIND_RANK[self.kind], self.case_number, self.what)


@dataclass(frozen=True, slots=True)
class _CaseHead:
    number: str
    tenant_name: str
    address: str


def _open_cases(session: Session, case_id: str | None = None) -> dict[str, tuple[Case, _CaseHead]]:
    tenant = aliased(Person)
    stmt = (
        select(Case, tenant, Tenancy)
        .join(tenant, Case.tenant_id == tenant.id)
        .outerjoin(Tenancy, Case.tenancy_id == Tenancy.id)
        .where(Case.deleted.is_(False), Case.closed_on.is_(None))
    )
    if case_id is not None:
        stmt = stmt.where(Case.id == case_id)
    result: dict[str, tuple[Case, _CaseHead]] = {}
    for case, person, tenancy in session.execute(stmt):
        address = tenancy.full_address if tenancy is not None and not tenancy.deleted else ""
        result[case.id] = (case, _CaseHead(case.number, person.full_name, address))
    return result


def _row(
    head: _CaseHead, case_id: str, kind: DeadlineKind, what: str, day: dt.date, why: str, today: dt.date
) -> DeadlineRow:
    return DeadlineRow(
        case_id=case_id,
        case_number=head.number,
        tenant_name=head.tenant_name,
        address=head.address,
        kind=kind,
        what=what,
        date=day,
        days_left=(day - today).days,
        explanation=why,
    )


def _from(head: _CaseHead, case_id: str, d: Deadline, today: dt.date) -> DeadlineRow:
    return _row(head, case_id, d.kind, d.label, d.date, d.explanation, today)


class FristerService:
    """``desk.frister``: the Frister list as of the desk's today."""

    def __init__(self, desk: Desk) -> None:
        self._desk = desk

    def rows(self, *, missed: MissedInstalmentsFn | None = None) -> list[DeadlineRow]:
        """Every deadline of the open cases, most urgent first (see the module docstring for the rules).

        ``missed`` replaces the plan's :func:`~boligdesk.services.plan_loading.missed_instalments` (for tests).
        """
        with self._desk.reading() as session:
            return _rows(session, self._desk.today(), None, missed)

    def for_case(self, case_id: str) -> list[DeadlineRow]:
        """The Frister rows of one open case (none for a closed or unknown case), in the list's order."""
        with self._desk.reading() as session:
            return _rows(session, self._desk.today(), case_id, None)

    def next_for_case(self, case_id: str) -> DeadlineRow | None:
        """The deadline the case header shows (:func:`next_of`) of the case's Frister rows."""
        return next_of(self.for_case(case_id))


def next_of(rows: Sequence[DeadlineRow]) -> DeadlineRow | None:
    """The one deadline to show for a case: a passed deadline (red) first, then the next date to come,
    and only when there is nothing else a passed date that could not be missed ("Ansøgning afventer
    svar", "Ophævelse mulig fra"). The rule is ``budget.deadlines.choose_next``'s, which the Sager list
    uses: the same ranks, the same order."""
    return min(rows, key=lambda row: (choice_rank(row.kind, row.days_left), row.sort_key), default=None)


def _rows(
    session: Session, today: dt.date, case_id: str | None, missed: MissedInstalmentsFn | None
) -> list[DeadlineRow]:
    """The Frister rows of every open case, or of ``case_id`` only: one rule for the list and the header."""
    cases = _open_cases(session, case_id)
    if not cases:
        return []
    rows: list[DeadlineRow] = []
    plans = plans_in_force(session, None if case_id is None else [case_id])
    for one_case_id, (case, head) in cases.items():
        for d in timeline_due(case.timeline_facts(None, plans.get(one_case_id)), today):
            rows.append(_from(head, one_case_id, d, today))

    follow_ups: dict[str, list[FollowUp]] = defaultdict(list)
    stmt = select(FollowUp).where(FollowUp.deleted.is_(False), FollowUp.done_on.is_(None))
    if case_id is not None:
        stmt = stmt.where(FollowUp.case_id == case_id)
    for follow_up in session.scalars(stmt):
        follow_ups[follow_up.case_id].append(follow_up)
    for one_case_id, items_for_case in follow_ups.items():
        if one_case_id not in cases:
            continue
        head = cases[one_case_id][1]
        for follow_up in items_for_case:
            rows.append(_from(head, one_case_id, follow_up_deadline(follow_up.due_on, follow_up.text), today))

    overdue = (
        missed(session, today) if missed is not None else missed_instalments(session, today, case_id=case_id)
    )
    for item in overdue:
        if item.case_id not in cases:
            continue
        deadline = missed_instalment_deadline(item.seq, item.due_on, item.missing)
        rows.append(_from(cases[item.case_id][1], item.case_id, deadline, today))
    for due in upcoming_instalments(session, today, within_days=UPCOMING_INSTALMENT_DAYS, case_id=case_id):
        if due.case_id not in cases:
            continue
        deadline = instalment_due_deadline(due.seq, due.due_on, due.missing)
        rows.append(_from(cases[due.case_id][1], due.case_id, deadline, today))
    for waiting in application_deadlines(session, frozenset(cases), today):
        head = cases[waiting.case_id][1]
        rows.append(_row(head, waiting.case_id, waiting.kind, waiting.what, waiting.day, waiting.why, today))
    rows.sort(key=lambda r: r.sort_key)
    return rows
