"""The case register as plain rows: one query for all cases, next deadline computed by the pure rules.

The UI's list and ``boligdesk cases`` both use :func:`load_case_rows`. Search matches case-insensitively
on case number, tenant name, address, tenancy number and phone (:meth:`CaseRow.matches`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from boligdesk.budget.deadlines import Deadline, is_urgent, next_deadline
from boligdesk.budget.money import Money
from boligdesk.models import Adviser, Case, Estate, FollowUp, Person, Tenancy
from boligdesk.models.enums import CaseKind, CasePhase


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


def load_case_rows(session: Session, today: dt.date, case_ids: Sequence[str] | None = None) -> list[CaseRow]:
    """All non-deleted cases as rows (or just ``case_ids``), newest number first."""
    tenant = aliased(Person)
    stmt = (
        select(Case, tenant, Tenancy, Estate, Adviser)
        .join(tenant, Case.tenant_id == tenant.id)
        .outerjoin(Tenancy, Case.tenancy_id == Tenancy.id)
        .outerjoin(Estate, Tenancy.estate_id == Estate.id)
        .outerjoin(Adviser, Case.adviser_id == Adviser.id)
        .where(Case.deleted.is_(False))
        .order_by(Case.number.desc())
    )
    follow_ups: dict[str, list[dt.date]] = defaultdict(list)
    for case_id, due_on in session.execute(
        select(FollowUp.case_id, FollowUp.due_on).where(
            FollowUp.deleted.is_(False), FollowUp.done_on.is_(None)
        )
    ):
        follow_ups[case_id].append(due_on)
    rows: list[CaseRow] = []
    for case, person, tenancy, estate, adviser in session.execute(stmt):
        upcoming = sorted(follow_ups.get(case.id, []))
        follow_up = next((d for d in upcoming if d >= today), upcoming[-1] if upcoming else None)
        closed = case.closed_on is not None
        deadline = None if closed else next_deadline(case.timeline_facts(follow_up), today)
        address = tenancy.full_address if tenancy is not None else ""
        tenancy_number = tenancy.tenancy_number if tenancy is not None else ""
        estate_name = estate.display_name if estate is not None else ""
        rows.append(
            CaseRow(
                id=case.id,
                number=case.number,
                tenant_name=person.full_name,
                phone=person.phone,
                address=address,
                tenancy_number=tenancy_number,
                estate_id=estate.id if estate is not None else None,
                estate_name=estate_name,
                kind=case.kind,
                phase=case.phase,
                arrears=case.arrears,
                adviser_id=case.adviser_id,
                adviser_name=adviser.name if adviser is not None else "",
                closed=closed,
                next_deadline=deadline,
                search_text=_search_blob(
                    case.number, person.full_name, person.phone, address, tenancy_number
                ),
            )
        )
    return rows


def search_case_rows(rows: list[CaseRow], text: str) -> list[CaseRow]:
    needle = text.strip()
    if not needle:
        return rows
    words = needle.casefold().split()
    return [r for r in rows if all(w in r.search_text for w in words)]
