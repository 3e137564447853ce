"""``desk.tenant``: the tenant's own details (the person the case is about)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy import select

from boligdesk.budget.vocabulary import CivilStatus, Education
from boligdesk.models import Case, HouseholdMember, Person
from boligdesk.services.changes import Changes, Part
from boligdesk.services.desk import live
from boligdesk.services.fields import Context, Field, FieldTable, Kind, PersonalData
from boligdesk.services.household import birth_date_field

if TYPE_CHECKING:
    from boligdesk.services.desk import Desk

_PHONE_RE = re.compile(r"^\+?\d{8,15}$")
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def phone_number(f: Field, text: str, _ctx: Context) -> None:
    """8 to 15 digits, perhaps with a leading ``+``; spaces, dashes, dots and brackets are allowed."""
    if not _PHONE_RE.match(re.sub(r"[\s\-().]", "", text)):
        raise f.error(
            "case.phone_invalid",
            f"»{text}« er ikke et telefonnummer. Skriv 8 cifre, fx 12 34 56 78.",
            {"text": text},
        )


def email_address(f: Field, text: str, _ctx: Context) -> None:
    if not _EMAIL_RE.match(text):
        raise f.error(
            "case.email_invalid",
            f"»{text}« er ikke en e-mailadresse. Skriv fx navn@eksempel.dk.",
            {"text": text},
        )


def phone_field() -> Field:
    """The phone number rule shared by the tenant and the team's contacts."""
    return Field(
        "phone",
        "Telefon",
        Kind.TEXT,
        PersonalData.IDENTIFYING,
        max_length=40,
        noun="Telefonnummeret",
        rules=(phone_number,),
    )


def email_field() -> Field:
    """The e-mail rule shared by the tenant and the team's contacts."""
    return Field(
        "email",
        "E-mail",
        Kind.TEXT,
        PersonalData.IDENTIFYING,
        max_length=200,
        noun="E-mailadressen",
        rules=(email_address,),
    )


TENANT_FIELDS = FieldTable(
    "person",
    "persons",
    (
        Field(
            "first_name",
            "Fornavn",
            Kind.TEXT,
            PersonalData.IDENTIFYING,
            required=True,
            max_length=120,
            noun="Fornavnet",
            missing_code="case.first_name_missing",
            missing="Skriv lejerens fornavn.",
        ),
        Field(
            "last_name", "Efternavn", Kind.TEXT, PersonalData.IDENTIFYING, max_length=120, noun="Efternavnet"
        ),
        phone_field(),
        email_field(),
        Field("preferred_language", "Sprog", Kind.TEXT, PersonalData.PLAIN, max_length=40, noun="Sproget"),
        birth_date_field("Fødselsdato"),
        Field("civil_status", "Civilstand", Kind.ENUM, PersonalData.PLAIN, enum=CivilStatus),
        Field("education", "Uddannelse", Kind.ENUM, PersonalData.PLAIN, enum=Education),
    ),
)
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

#: Fields the tenant's own line in the household repeats.
_MIRRORED = ("first_name", "last_name", "birth_date")


class TenantService:
    """``desk.tenant``: change the tenant's details, field by field."""

    def __init__(self, desk: Desk) -> None:
        self._desk = desk

    def set_field(self, case_id: str, field: TenantField, value: object) -> Changes:
        """Change one of the tenant's fields. The tenant's line in the household follows name and birth date."""
        clean: Any = TENANT_FIELDS.parse(field, value, Context(self._desk.today()))
        with self._desk.writing(case_id) as s:
            case = live(s, Case, case_id)
            person = live(s, Person, case.tenant_id)
            setattr(person, field, clean)
            if field in _MIRRORED and case.household_id is not None:
                for member in s.scalars(
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
        parts = (Part.TENANT, Part.HOUSEHOLD) if field in _MIRRORED else (Part.TENANT,)
        return Changes.of(case_id, *parts)
