"""The case register as plain rows: one query for all cases, next deadline computed by the pure rules.

The UI's list and ``boligdesk cases`` both use ``desk.case_list.rows()``. Search matches case-insensitively
on case number, tenant name, address, tenancy number and phone (:meth:`CaseRow.matches`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import Select, select

from boligdesk.budget.calendar import is_weekday
from boligdesk.budget.deadlines import Deadline, TimelineFacts, is_urgent, next_deadline
from boligdesk.budget.money import Money
from boligdesk.budget.vocabulary import CaseKind, CasePhase
from boligdesk.models import Adviser, Case, Estate, FollowUp, Person, Tenancy
from boligdesk.services.plan_loading import plans_in_force

if TYPE_CHECKING:
    from boligdesk.services.desk import Desk

_T = TypeVar("_T")

#: Rows fetched from the database at a time: the whole result is never held as SQLAlchemy rows beside the
#: list being built (with 20,000 cases that was ~20 MiB more resident memory, kept after the load).
_BATCH = 2000


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


def _search_blob(*parts: str) -> str:
    text = " ".join(p for p in parts if p)
    compact_phone = "".join(ch for ch in text if ch.isdigit())
    return f"{text} {compact_phone}".casefold()


def search_case_rows(rows: list[CaseRow], text: str) -> list[CaseRow]:
    needle = text.strip()
    if not needle:
        return rows
    words = needle.casefold().split()
    return [r for r in rows if all(w in r.search_text for w in words)]


def _statements() -> tuple[Select[*tuple[Any, ...]], Select[str, dt.date]]:
    """The list's query (one row per live case) and the open follow-ups' (the deadlines need them)."""
    # Plain columns, not ORM entities: ten times less work per row with 20,000 cases.
    stmt = (
        select(
            Case.id,
            Case.number,
            Case.kind,
            Case.phase,
            Case.arrears,
            Case.adviser_id,
            Case.closed_on,
            Case.reminder_sent_on,
            Case.reminder_received_on,
            Case.termination_on,
            Case.bailiff_request_on,
            Case.hearing_on,
            Case.eviction_on,
            Case.rescheduled_eviction_on,
            Case.withdrawn_on,
            Case.arrears_covered,
            Person.first_name,
            Person.last_name,
            Person.phone,
            Tenancy.address_line,
            Tenancy.postcode,
            Tenancy.city,
            Tenancy.tenancy_number,
            Estate.id,
            Estate.number,
            Estate.name,
            Adviser.name,
        )
        .join(Person, Case.tenant_id == Person.id)
        .outerjoin(Tenancy, Case.tenancy_id == Tenancy.id)
        .outerjoin(Estate, Tenancy.estate_id == Estate.id)
        .outerjoin(Adviser, Case.adviser_id == Adviser.id)
        .where(Case.deleted.is_(False))
        .order_by(Case.number.desc())
    )
    follow_up_stmt = select(FollowUp.case_id, FollowUp.due_on).where(
        FollowUp.deleted.is_(False), FollowUp.done_on.is_(None)
    )
    return stmt, follow_up_stmt


def warm_up() -> None:
    """Do the first list's one-time work ahead, off the GUI thread (``ui/lock/session.py`` calls it while
    the user types the passphrase): map the models, compile the list's queries once (SQLAlchemy keeps
    what it works out about the tables and columns), and read this year's and next year's public
    holidays (the ``holidays`` package imports every country the first time it is asked)."""
    from sqlalchemy.dialects import sqlite
    from sqlalchemy.orm import configure_mappers

    configure_mappers()
    dialect = sqlite.dialect()
    for statement in _statements():
        statement.compile(dialect=dialect)
    today = dt.date.today()
    is_weekday(today)
    is_weekday(dt.date(today.year + 1, 1, 1))


class CaseListService:
    """``desk.case_list``: the case register as rows, next deadlines as of the desk's today."""

    def __init__(self, desk: Desk) -> None:
        self._desk = desk

    def rows(self, case_ids: Sequence[str] | None = None) -> list[CaseRow]:
        """All live cases (or just ``case_ids``), newest number first."""
        today = self._desk.today()
        with self._desk.reading() as s:
            stmt, follow_up_stmt = _statements()
            if case_ids is not None:
                stmt = stmt.where(Case.id.in_(list(case_ids)))
                follow_up_stmt = follow_up_stmt.where(FollowUp.case_id.in_(list(case_ids)))
            follow_ups: dict[str, list[dt.date]] = defaultdict(list)
            for case_id, due_on in s.execute(follow_up_stmt.execution_options(yield_per=_BATCH)):
                follow_ups[case_id].append(due_on)
            plans = plans_in_force(s, case_ids)
            rows: list[CaseRow] = []
            # With 20,000 cases most values repeat (the estate, the adviser, a deadline on the same day
            # for the same reason): each row points at one shared copy instead of holding its own.
            shared: dict[Any, Any] = {}
            one: Callable[[_T, _T], _T] = shared.setdefault
            for r in s.execute(stmt.execution_options(yield_per=_BATCH)):
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
                upcoming = sorted(follow_ups.get(case_id, []))
                follow_up = next((d for d in upcoming if d >= today), upcoming[-1] if upcoming else None)
                closed = closed_on is not None
                facts = TimelineFacts(
                    reminder_sent_on=sent,
                    reminder_received_on=received,
                    termination_on=terminated,
                    bailiff_request_on=requested,
                    hearing_on=hearing,
                    eviction_on=eviction,
                    rescheduled_eviction_on=rescheduled,
                    withdrawn_on=withdrawn,
                    follow_up_on=follow_up,
                    plan_agreed_on=plans.get(case_id),
                    arrears_covered=bool(covered),
                )
                deadline = None if closed else next_deadline(facts, today)
                if deadline is not None:
                    deadline = one(deadline, deadline)
                place = f"{postcode or ''} {city or ''}".strip()
                address = ", ".join(p for p in (street, place) if p)
                tenant_name = f"{first} {last}".strip()
                estate_label = f"{estate_number or ''} {estate_name or ''}".strip()
                rows.append(
                    CaseRow(
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
                )
            return rows
