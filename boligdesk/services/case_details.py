"""The case's tenant, household, tenancy and own registration fields (being moved onto the desk).

The read model (:mod:`boligdesk.services.case_read`), the timeline, the arrears, the picklists and
checklist, contact attempts, the journal and follow-ups, and closing have moved to their own modules as
services on the desk. What is left here moves to ``tenant.py``, ``household.py``, ``tenancy.py`` and
``cases.py``; when it has, this module is deleted.

Saving: each public ``set_…``/``add_…``/``remove_…`` function is one short transaction that validates the
value first (:class:`~boligdesk.errors.UserInputError` with a Danish message, nothing saved) and records
an audit event holding ids and field names only. Rows are never removed: removal sets the tombstone.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from boligdesk.budget.household import age_on
from boligdesk.budget.money import Money
from boligdesk.budget.vocabulary import (
    AuditAction,
    CaseKind,
    CasePhase,
    CivilStatus,
    Education,
    IncomeBasis,
    LetterDelivery,
    MemberRole,
    ReferralSource,
)
from boligdesk.errors import UserInputError
from boligdesk.models import (
    Case,
    CaseKindChange,
    Estate,
    Household,
    HouseholdMember,
    HousingAssociation,
    Person,
    Tenancy,
)
from boligdesk.models.base import utcnow
from boligdesk.models.store import Store
from boligdesk.services import audit

# The read model moved to case_read.py; these names are kept here for the pages not yet moved.
from boligdesk.services.case_read import CaseDetails as CaseDetails
from boligdesk.services.case_read import MemberRow as MemberRow
from boligdesk.services.case_read import TenancyInfo as TenancyInfo
from boligdesk.services.case_read import TenantInfo as TenantInfo
from boligdesk.services.values import MAX_YEARS_AHEAD as MAX_YEARS_AHEAD
from boligdesk.services.values import enum_value as _enum
from boligdesk.services.values import not_ancient as _not_ancient
from boligdesk.services.values import not_far_ahead as _not_far_ahead
from boligdesk.services.values import optional_date as _optional_date
from boligdesk.services.values import optional_enum as _optional_enum
from boligdesk.services.values import require_type as _require_type
from boligdesk.services.values import text as _text

MAX_RENT = Money.kr(100_000)


@dataclass(frozen=True, slots=True)
class EstateChoice:
    id: str
    label: str


def _get_case(session: Session, case_id: str) -> Case:
    case = session.get(Case, case_id)
    if case is None or case.deleted:
        raise UserInputError("case", "case.not_found", "Sagen findes ikke længere.")
    return case


def load_estate_choices(session: Session) -> list[EstateChoice]:
    """Estates for the tenancy picker: ``Boligselskabet Fjordglimt · 12 Engparken``."""
    rows = session.execute(
        select(Estate.id, Estate.number, Estate.name, HousingAssociation.name)
        .join(HousingAssociation, Estate.association_id == HousingAssociation.id)
        .where(Estate.deleted.is_(False), HousingAssociation.deleted.is_(False))
        .order_by(HousingAssociation.name, Estate.number, Estate.name)
    ).all()
    return [EstateChoice(eid, f"{assoc} · {f'{number} {name}'.strip()}") for eid, number, name, assoc in rows]


# =====================================================================================================
# Saving: shared helpers
# =====================================================================================================


@contextmanager
def _editing(store: Store, case_id: str) -> Iterator[tuple[Session, Case]]:
    with store.session() as session:
        yield session, _get_case(session, case_id)


def _audit(
    session: Session,
    store: Store,
    action: AuditAction,
    case_id: str,
    entity: str,
    entity_id: str,
    actor: str,
    fields: Sequence[str] = (),
) -> None:
    audit.record(
        session,
        action,
        entity=entity,
        entity_id=entity_id,
        case_id=case_id,
        actor=actor,
        device=store.device_id,
        detail=("fields=" + ",".join(fields)) if fields else "",
    )


# =====================================================================================================
# Tenant
# =====================================================================================================

TenantField = Literal[
    "first_name",
    "last_name",
    "phone",
    "email",
    "preferred_language",
    "birth_date",
    "civil_status",
    "education",
]
_PHONE_RE = re.compile(r"^\+?\d{8,15}$")
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def validate_birth_date(value: dt.date | None, today: dt.date, field: str = "birth_date") -> None:
    if value is None:
        return
    if value > today:
        raise UserInputError(field, "case.birth_in_future", "Fødselsdatoen ligger i fremtiden.")
    if age_on(value, today) > 120:
        raise UserInputError(
            field, "case.birth_too_old", "Fødselsdatoen ligger mere end 120 år tilbage. Tjek årstallet."
        )


def _clean_tenant_value(field: TenantField, value: object, today: dt.date) -> object:
    if field == "first_name":
        text = _text(value, field, 120, "Fornavnet")
        if not text:
            raise UserInputError(field, "case.first_name_missing", "Skriv lejerens fornavn.")
        return text
    if field == "last_name":
        return _text(value, field, 120, "Efternavnet")
    if field == "phone":
        text = _text(value, field, 40, "Telefonnummeret")
        compact = re.sub(r"[\s\-().]", "", text)
        if text and not _PHONE_RE.match(compact):
            raise UserInputError(
                field,
                "case.phone_invalid",
                f"»{text}« er ikke et telefonnummer. Skriv 8 cifre, fx 12 34 56 78.",
                {"text": text},
            )
        return text
    if field == "email":
        text = _text(value, field, 200, "E-mailadressen")
        if text and not _EMAIL_RE.match(text):
            raise UserInputError(
                field,
                "case.email_invalid",
                f"»{text}« er ikke en e-mailadresse. Skriv fx navn@eksempel.dk.",
                {"text": text},
            )
        return text
    if field == "preferred_language":
        return _text(value, field, 40, "Sproget")
    if field == "birth_date":
        day = _optional_date(value, field)
        validate_birth_date(day, today)
        return day
    if field == "civil_status":
        return _optional_enum(value, CivilStatus, field)
    return _optional_enum(value, Education, field)


def set_tenant_field(
    store: Store, case_id: str, field: TenantField, value: object, *, today: dt.date, actor: str = ""
) -> None:
    """Change one of the tenant's fields. The tenant's line in the household follows name and birth date."""
    clean = _clean_tenant_value(field, value, today)
    with _editing(store, case_id) as (session, case):
        person = session.get(Person, case.tenant_id)
        assert person is not None
        setattr(person, field, clean)
        if field in ("first_name", "last_name", "birth_date") and case.household_id is not None:
            for member in session.scalars(
                select(HouseholdMember).where(
                    HouseholdMember.household_id == case.household_id,
                    HouseholdMember.is_tenant.is_(True),
                    HouseholdMember.deleted.is_(False),
                )
            ):
                if field == "birth_date":
                    member.birth_date = person.birth_date
                else:
                    member.name = person.full_name
        _audit(session, store, AuditAction.UPDATE, case_id, "person", person.id, actor, [field])


# =====================================================================================================
# Household members
# =====================================================================================================

MemberField = Literal["name", "role", "birth_date", "pays_in"]


@dataclass(frozen=True, slots=True)
class NewMember:
    name: str
    role: MemberRole
    birth_date: dt.date | None = None
    pays_in: bool = False


def _clean_member_value(field: MemberField, value: object, today: dt.date) -> object:
    if field == "name":
        text = _text(value, field, 200, "Navnet")
        if not text:
            raise UserInputError(field, "member.name_missing", "Skriv navnet på husstandsmedlemmet.")
        return text
    if field == "role":
        return _enum(value, MemberRole, field)
    if field == "birth_date":
        day = _optional_date(value, field)
        validate_birth_date(day, today)
        return day
    _require_type(value, bool, field)
    return value


def _household_id(session: Session, case: Case) -> str:
    if case.household_id is None:
        household = Household()
        session.add(household)
        session.flush()
        case.household_id = household.id
    return case.household_id


def add_member(store: Store, case_id: str, member: NewMember, *, today: dt.date, actor: str = "") -> str:
    """Add a person to the case's household. Returns the new member's id."""
    name = _clean_member_value("name", member.name, today)
    _clean_member_value("birth_date", member.birth_date, today)
    with _editing(store, case_id) as (session, case):
        household_id = _household_id(session, case)
        orders = session.scalars(
            select(HouseholdMember.sort_order).where(HouseholdMember.household_id == household_id)
        ).all()
        row = HouseholdMember(
            household_id=household_id,
            name=name,
            role=member.role,
            birth_date=member.birth_date,
            pays_in=member.pays_in,
            sort_order=max(orders, default=0) + 1,
        )
        session.add(row)
        session.flush()
        _audit(session, store, AuditAction.CREATE, case_id, "household_member", row.id, actor)
        return row.id


def _member(session: Session, case: Case, member_id: str) -> HouseholdMember:
    row = session.get(HouseholdMember, member_id)
    if row is None or row.deleted or row.household_id != case.household_id:
        raise UserInputError("member", "member.not_found", "Personen findes ikke længere i husstanden.")
    return row


def set_member_field(
    store: Store,
    case_id: str,
    member_id: str,
    field: MemberField,
    value: object,
    *,
    today: dt.date,
    actor: str = "",
) -> None:
    """Change a household member. The tenant's own name and birth date are changed on the tenant."""
    clean = _clean_member_value(field, value, today)
    with _editing(store, case_id) as (session, case):
        row = _member(session, case, member_id)
        if row.is_tenant and field in ("name", "birth_date", "role"):
            raise UserInputError(
                field, "member.is_tenant", "Lejerens egne oplysninger rettes under »Lejer« øverst på siden."
            )
        setattr(row, field, clean)
        _audit(session, store, AuditAction.UPDATE, case_id, "household_member", row.id, actor, [field])


def remove_member(store: Store, case_id: str, member_id: str, *, actor: str = "") -> None:
    """Take a person out of the household (a tombstone). The tenant cannot be removed."""
    with _editing(store, case_id) as (session, case):
        row = _member(session, case, member_id)
        if row.is_tenant:
            raise UserInputError("member", "member.remove_tenant", "Lejeren kan ikke fjernes fra husstanden.")
        row.deleted = True
        _audit(session, store, AuditAction.DELETE, case_id, "household_member", row.id, actor)


# =====================================================================================================
# Tenancy
# =====================================================================================================

TenancyField = Literal[
    "estate_id", "address_line", "postcode", "city", "tenancy_number", "rent", "move_in_date", "rooms"
]


def _clean_tenancy_value(session: Session, field: TenancyField, value: object, today: dt.date) -> object:
    if field == "estate_id":
        if value is None:
            return None
        _require_type(value, str, field)
        estate = session.get(Estate, value)
        if estate is None or estate.deleted:
            raise UserInputError(
                field, "case.estate_unknown", "Afdelingen findes ikke. Vælg en afdeling på listen."
            )
        return value
    if field == "address_line":
        text = _text(value, field, 300, "Adressen")
        if not text:
            raise UserInputError(field, "case.address_missing", "Skriv lejemålets adresse.")
        return text
    if field == "postcode":
        text = _text(value, field, 10, "Postnummeret")
        if text and not (text.isdigit() and len(text) == 4):
            raise UserInputError(
                field, "case.postcode_invalid", "Postnummeret skal være fire cifre, fx 2400."
            )
        return text
    if field == "city":
        return _text(value, field, 100, "Bynavnet")
    if field == "tenancy_number":
        return _text(value, field, 40, "Lejemålsnummeret")
    if field == "rent":
        _require_type(value, Money, field)
        assert isinstance(value, Money)
        if value.is_negative():
            raise UserInputError(field, "money.negative", "Huslejen kan ikke være negativ.")
        if value > MAX_RENT:
            raise UserInputError(
                field,
                "case.rent_implausible",
                f"En husleje på {value.format()} om måneden er usandsynlig. Tjek beløbet.",
            )
        return value
    if field == "move_in_date":
        day = _optional_date(value, field)
        _not_ancient(day, field, "Indflytningsdatoen", 1900)
        _not_far_ahead(day, today, field, "Indflytningsdatoen")
        return day
    if value is None:
        return None
    _require_type(value, int, field)
    assert isinstance(value, int)
    if not 1 <= value <= 20:
        raise UserInputError(
            field, "case.rooms_invalid", "Antal værelser skal være et helt tal fra 1 til 20."
        )
    return value


def set_tenancy_field(
    store: Store, case_id: str, field: TenancyField, value: object, *, today: dt.date, actor: str = ""
) -> None:
    """Change one field of the case's tenancy (a tenancy is created if the case has none)."""
    with _editing(store, case_id) as (session, case):
        clean = _clean_tenancy_value(session, field, value, today)
        tenancy = case.tenancy
        if tenancy is None or tenancy.deleted:
            tenancy = Tenancy()
            session.add(tenancy)
            session.flush()
            case.tenancy_id = tenancy.id
        setattr(tenancy, field, clean)
        _audit(session, store, AuditAction.UPDATE, case_id, "tenancy", tenancy.id, actor, [field])


# =====================================================================================================
# Kind, phase and the registration fields of the case
# =====================================================================================================

CaseField = Literal[
    "phase",
    "letters_reach_tenant",
    "referral_source",
    "income_basis",
    "terminations_this_year",
    "wants_personal_meeting",
    "arrears_covered",
]


def _clean_case_value(case: Case, field: CaseField, value: object) -> object:
    if field == "phase":
        phase = _enum(value, CasePhase, field)
        if case.closed_on is not None:
            raise UserInputError(field, "case.closed", "Sagen er afsluttet. Genåbn den for at ændre fasen.")
        if phase is CasePhase.CLOSED:
            raise UserInputError(
                field, "case.close_via_closing", "Afslut sagen med knappen »Afslut sagen« under »Afslutning«."
            )
        return phase
    if field == "letters_reach_tenant":
        return _enum(value, LetterDelivery, field)
    if field == "referral_source":
        return _optional_enum(value, ReferralSource, field)
    if field == "income_basis":
        return _optional_enum(value, IncomeBasis, field)
    if field == "terminations_this_year":
        _require_type(value, int, field)
        assert isinstance(value, int)
        if not 0 <= value <= 12:
            raise UserInputError(
                field,
                "case.terminations_invalid",
                "Antal ophævelser i år skal være et helt tal fra 0 til 12.",
            )
        return value
    if value is not None:
        _require_type(value, bool, field)
    return value


def set_case_field(store: Store, case_id: str, field: CaseField, value: object, *, actor: str = "") -> None:
    """Change one registration field of the case (phase, picklists with one value, yes/no facts)."""
    with _editing(store, case_id) as (session, case):
        setattr(case, field, _clean_case_value(case, field, value))
        _audit(session, store, AuditAction.UPDATE, case_id, "case", case.id, actor, [field])


def set_kind(
    store: Store, case_id: str, kind: CaseKind, *, actor: str = "", now: dt.datetime | None = None
) -> bool:
    """Change the case's kind; the change is appended to the kind history. False when nothing changed."""
    with _editing(store, case_id) as (session, case):
        if case.kind is kind:
            return False
        case.kind = kind
        session.add(CaseKindChange(case_id=case.id, kind=kind, changed_by=actor, changed_at=now or utcnow()))
        _audit(session, store, AuditAction.UPDATE, case_id, "case", case.id, actor, ["kind"])
        return True
