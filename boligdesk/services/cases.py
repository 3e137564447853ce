"""Creating cases and the things a new case needs (tenant, household, tenancy, kind history)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import Integer, cast, func, select
from sqlalchemy.orm import Session

from boligdesk.budget.money import Money
from boligdesk.errors import UserInputError
from boligdesk.models import (
    Adviser,
    ArrearsItem,
    Case,
    CaseKindChange,
    DeviceInfo,
    Estate,
    Household,
    HouseholdMember,
    Person,
    Tenancy,
)
from boligdesk.models.enums import ArrearsKind, AuditAction, CaseKind, CasePhase, MemberRole
from boligdesk.models.store import Store
from boligdesk.services import audit


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
        person = Person(
            first_name=data.first_name.strip(),
            last_name=data.last_name.strip(),
            phone=data.phone.strip(),
            email=data.email.strip(),
            birth_date=data.birth_date,
        )
        household = Household()
        s.add_all([person, household])
        s.flush()
        s.add(
            HouseholdMember(
                household_id=household.id,
                name=person.full_name,
                role=MemberRole.ADULT,
                birth_date=data.birth_date,
                is_tenant=True,
                sort_order=0,
            )
        )
        for i, member in enumerate(data.members, start=1):
            s.add(
                HouseholdMember(
                    household_id=household.id,
                    name=member.name,
                    role=member.role,
                    birth_date=member.birth_date,
                    sort_order=i,
                )
            )
        tenancy = Tenancy(
            estate_id=data.estate_id,
            tenancy_number=data.tenancy_number.strip(),
            address_line=data.address_line.strip(),
            postcode=data.postcode.strip(),
            city=data.city.strip(),
            rent=data.rent,
        )
        s.add(tenancy)
        s.flush()
        opened = data.opened_on or today
        case = Case(
            number=next_case_number(s, opened.year),
            kind=data.kind,
            phase=CasePhase.NEW,
            tenant_id=person.id,
            household_id=household.id,
            tenancy_id=tenancy.id,
            adviser_id=adviser_id,
            opened_on=opened,
            arrears=data.arrears,
            termination_on=data.termination_on,
            reminder_sent_on=data.reminder_sent_on,
        )
        s.add(case)
        s.flush()
        s.add(CaseKindChange(case_id=case.id, kind=data.kind, changed_by=actor))
        if data.arrears:
            s.add(
                ArrearsItem(
                    case_id=case.id, kind=ArrearsKind.RENT, text="Huslejerestance", amount=data.arrears
                )
            )
        audit.record(
            s,
            AuditAction.CREATE,
            entity="case",
            entity_id=case.id,
            case_id=case.id,
            actor=actor,
            device=store.device_id,
        )
        return case.id


def ensure_adviser(store: Store, name: str) -> str:
    """The adviser row for ``name`` on this profile (created on first use)."""
    with store.session() as s:
        adviser = s.scalar(select(Adviser).where(Adviser.name == name, Adviser.deleted.is_(False)))
        if adviser is None:
            initials = "".join(part[0] for part in name.split() if part)[:4].upper()
            adviser = Adviser(name=name, initials=initials)
            s.add(adviser)
            s.flush()
        return adviser.id


def count_cases(store: Store) -> int:
    with store.session() as s:
        return int(s.scalar(select(func.count()).select_from(Case).where(Case.deleted.is_(False))) or 0)


def current_adviser(store: Store) -> tuple[str, str] | None:
    """(adviser id, name) of the person working on this laptop's profile, if set."""
    with store.session() as s:
        info = s.get(DeviceInfo, store.device_id)
        if info is None or info.adviser_id is None:
            return None
        adviser = s.get(Adviser, info.adviser_id)
        return None if adviser is None else (adviser.id, adviser.name)


def set_current_adviser(store: Store, name: str) -> str:
    """Make ``name`` this profile's adviser (created if new). Returns the adviser id."""
    adviser_id = ensure_adviser(store, name)
    with store.session() as s:
        info = s.get(DeviceInfo, store.device_id)
        if info is not None:
            info.adviser_id = adviser_id
    return adviser_id
