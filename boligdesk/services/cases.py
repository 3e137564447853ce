"""Creating cases and the things a new case needs (tenant, household, tenancy, kind history)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import Integer, cast, func, select
from sqlalchemy.orm import Session

from boligdesk.budget.money import Money
from boligdesk.budget.vocabulary import (
    ArrearsKind,
    AuditAction,
    CaseKind,
    CasePhase,
    MemberRole,
    ReferralSource,
)
from boligdesk.errors import UserInputError
from boligdesk.models import (
    ArrearsItem,
    Case,
    CaseKindChange,
    Estate,
    Household,
    HouseholdMember,
    Person,
    Tenancy,
)
from boligdesk.models.base import Base, new_id
from boligdesk.models.store import Store
from boligdesk.services import audit

if TYPE_CHECKING:
    from boligdesk.services.desk import Desk


@dataclass(frozen=True)
class NewMember:
    name: str
    role: MemberRole
    birth_date: dt.date | None = None


@dataclass(frozen=True)
class NewCase:
    """What the "Ny sag" form collects. Validate with :meth:`validate` before saving anything."""

    first_name: str
    last_name: str
    address_line: str
    postcode: str = ""
    city: str = ""
    estate_id: str | None = None
    tenancy_number: str = ""
    rent: Money = Money(0)
    arrears: Money = Money(0)
    termination_on: dt.date | None = None
    reminder_sent_on: dt.date | None = None
    kind: CaseKind = CaseKind.EVICTION_THREAT
    phone: str = ""
    email: str = ""
    birth_date: dt.date | None = None
    opened_on: dt.date | None = None
    members: tuple[NewMember, ...] = field(default_factory=tuple)

    def validate(self, today: dt.date) -> None:
        """Raise :class:`UserInputError` (Danish message) for the first field that is wrong."""
        if not self.first_name.strip():
            raise UserInputError("first_name", "case.first_name_missing", "Skriv lejerens fornavn.")
        if not self.address_line.strip():
            raise UserInputError("address_line", "case.address_missing", "Skriv lejemålets adresse.")
        if self.postcode and not (self.postcode.isdigit() and len(self.postcode) == 4):
            raise UserInputError(
                "postcode", "case.postcode_invalid", "Postnummeret skal være fire cifre, fx 2400."
            )
        if self.rent.is_negative():
            raise UserInputError("rent", "money.negative", "Huslejen kan ikke være negativ.")
        if self.arrears.is_negative():
            raise UserInputError("arrears", "money.negative", "Restancen kan ikke være negativ.")
        if self.termination_on is not None and self.termination_on > today + dt.timedelta(days=366):
            raise UserInputError(
                "termination_on",
                "case.termination_far_future",
                "Ophævelsesdatoen ligger mere end et år ude i fremtiden. Tjek årstallet.",
            )
        if self.birth_date is not None and self.birth_date > today:
            raise UserInputError("birth_date", "case.birth_in_future", "Fødselsdatoen ligger i fremtiden.")


def next_case_number(session: Session, year: int) -> str:
    """``2026-0001``, ``2026-0002`` … per year. Numbers made on other laptops are seen after sync."""
    prefix = f"{year}-"
    highest = session.scalar(
        select(func.max(cast(func.substr(Case.number, len(prefix) + 1), Integer))).where(
            Case.number.like(f"{prefix}%")
        )
    )
    return f"{prefix}{(highest or 0) + 1:04d}"


def new_case_rows(
    data: NewCase,
    *,
    number: str,
    opened_on: dt.date,
    adviser_id: str | None,
    referral_source: ReferralSource | None = None,
    terminations_this_year: int = 0,
) -> tuple[Case, list[Base]]:
    """The tenant, household, members, tenancy and case rows for a new case, with their ids set.

    Ids are set here rather than at flush, so a caller adding many cases (the import) can flush once;
    rows that refer to the flushed case are added by :func:`add_new_case_history`.
    """
    person = Person(
        id=new_id(),
        first_name=data.first_name.strip(),
        last_name=data.last_name.strip(),
        phone=data.phone.strip(),
        email=data.email.strip(),
        birth_date=data.birth_date,
    )
    household = Household(id=new_id())
    members = [
        HouseholdMember(
            household_id=household.id,
            name=person.full_name,
            role=MemberRole.ADULT,
            birth_date=data.birth_date,
            is_tenant=True,
            sort_order=0,
        )
    ]
    members += [
        HouseholdMember(
            household_id=household.id, name=m.name, role=m.role, birth_date=m.birth_date, sort_order=i
        )
        for i, m in enumerate(data.members, start=1)
    ]
    tenancy = Tenancy(
        id=new_id(),
        estate_id=data.estate_id,
        tenancy_number=data.tenancy_number.strip(),
        address_line=data.address_line.strip(),
        postcode=data.postcode.strip(),
        city=data.city.strip(),
        rent=data.rent,
    )
    case = Case(
        id=new_id(),
        number=number,
        kind=data.kind,
        phase=CasePhase.NEW,
        tenant_id=person.id,
        household_id=household.id,
        tenancy_id=tenancy.id,
        adviser_id=adviser_id,
        opened_on=opened_on,
        referral_source=referral_source,
        terminations_this_year=terminations_this_year,
        arrears=data.arrears,
        termination_on=data.termination_on,
        reminder_sent_on=data.reminder_sent_on,
    )
    return case, [person, household, *members, tenancy, case]


def add_new_case_history(
    session: Session, case: Case, *, arrears_text: str, actor: str, device: str, detail: str = ""
) -> None:
    """The kind history's first row, the arrears as one part, and the audit event of a new case."""
    session.add(CaseKindChange(case_id=case.id, kind=case.kind, changed_by=actor))
    if case.arrears:
        session.add(
            ArrearsItem(case_id=case.id, kind=ArrearsKind.RENT, text=arrears_text, amount=case.arrears)
        )
    audit.record(
        session,
        AuditAction.CREATE,
        entity="case",
        entity_id=case.id,
        case_id=case.id,
        actor=actor,
        device=device,
        detail=detail,
    )


def create_case(
    store: Store, data: NewCase, *, today: dt.date, adviser_id: str | None = None, actor: str = ""
) -> str:
    """Validate and save a new case with its tenant, household and tenancy. Returns the case id."""
    data.validate(today)
    with store.session() as s:
        if data.estate_id is not None and s.get(Estate, data.estate_id) is None:
            raise UserInputError(
                "estate_id", "case.estate_unknown", "Afdelingen findes ikke. Vælg en afdeling på listen."
            )
        opened = data.opened_on or today
        case, rows = new_case_rows(
            data, number=next_case_number(s, opened.year), opened_on=opened, adviser_id=adviser_id
        )
        s.add_all(rows)
        s.flush()
        add_new_case_history(s, case, arrears_text="Huslejerestance", actor=actor, device=store.device_id)
        return case.id


@dataclass(frozen=True, slots=True)
class CaseHeader:
    """What every tab shows above a case: its number, the tenant and where the case stands."""

    id: str
    number: str
    tenant_name: str
    address_line: str
    phase: CasePhase
    kind: CaseKind


class CaseService:
    """``desk.cases``: whole cases — headers, numbers, creation."""

    def __init__(self, desk: Desk) -> None:
        self._desk = desk

    def header(self, case_id: str) -> CaseHeader | None:
        """The case's header, or ``None`` when the case does not exist (any more)."""
        with self._desk.reading() as s:
            case = s.get(Case, case_id) if case_id else None
            if case is None or case.deleted:
                return None
            return CaseHeader(
                id=case.id,
                number=case.number,
                tenant_name=case.tenant.full_name,
                address_line=case.tenancy.address_line if case.tenancy is not None else "",
                phase=case.phase,
                kind=case.kind,
            )

    def count(self) -> int:
        """How many live cases the profile holds."""
        with self._desk.reading() as s:
            return int(s.scalar(select(func.count()).select_from(Case).where(Case.deleted.is_(False))) or 0)
