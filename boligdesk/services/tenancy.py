"""``desk.tenancy``: the home the case is about — estate, address, tenancy number, rent, rooms."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy.orm import Session

from boligdesk.budget.money import Money
from boligdesk.models import Case, Tenancy
from boligdesk.services.changes import Changes, Part
from boligdesk.services.desk import live
from boligdesk.services.fields import (
    Context,
    Field,
    FieldTable,
    Kind,
    Limit,
    PersonalData,
    must_exist,
    not_before_year,
    not_far_ahead,
)
from boligdesk.services.organisations import estate_is_live

if TYPE_CHECKING:
    from boligdesk.services.desk import Desk

MAX_RENT = Money.kr(100_000)
ESTATE_UNKNOWN = "Afdelingen findes ikke. Vælg en afdeling på listen."


def _postcode(f: Field, text: str, _ctx: Context) -> None:
    if not (text.isdigit() and len(text) == 4):
        raise f.error("case.postcode_invalid", "Postnummeret skal være fire cifre, fx 2400.", {"text": text})


_ROOMS = "Antal værelser skal være et helt tal fra 1 til 20."

TENANCY_FIELDS = FieldTable(
    "tenancy",
    "tenancies",
    (
        Field(
            "estate_id",
            "Afdeling",
            Kind.REF,
            PersonalData.PLAIN,
            ref="estate",
            rules=(must_exist("case.estate_unknown", ESTATE_UNKNOWN),),
        ),
        Field(
            "address_line",
            "Adresse",
            Kind.TEXT,
            PersonalData.IDENTIFYING,
            required=True,
            max_length=300,
            noun="Adressen",
            missing_code="case.address_missing",
            missing="Skriv lejemålets adresse.",
        ),
        Field(
            "postcode",
            "Postnummer",
            Kind.TEXT,
            PersonalData.PLAIN,
            max_length=10,
            noun="Postnummeret",
            rules=(_postcode,),
        ),
        Field("city", "By", Kind.TEXT, PersonalData.PLAIN, max_length=100, noun="Bynavnet"),
        Field(
            "tenancy_number",
            "Lejemålsnummer",
            Kind.TEXT,
            PersonalData.IDENTIFYING,
            max_length=40,
            noun="Lejemålsnummeret",
        ),
        Field(
            "rent",
            "Husleje",
            Kind.MONEY,
            PersonalData.PLAIN,
            empty=Money(0),
            minimum=Limit(Money(0), "money.negative", "Huslejen kan ikke være negativ."),
            maximum=Limit(
                MAX_RENT,
                "case.rent_implausible",
                "En husleje på {shown} om måneden er usandsynlig. Tjek beløbet.",
            ),
        ),
        Field(
            "move_in_date",
            "Indflytning",
            Kind.DATE,
            PersonalData.PLAIN,
            minimum=not_before_year(1900, "Indflytningsdatoen"),
            maximum=not_far_ahead("Indflytningsdatoen"),
        ),
        Field(
            "rooms",
            "Antal værelser",
            Kind.INT,
            PersonalData.PLAIN,
            minimum=Limit(1, "case.rooms_invalid", _ROOMS),
            maximum=Limit(20, "case.rooms_invalid", _ROOMS),
        ),
    ),
)
TenancyField = Literal[
    "estate_id", "address_line", "postcode", "city", "tenancy_number", "rent", "move_in_date", "rooms"
]


def tenancy_context(session: Session, today: dt.date) -> Context:
    """The rules' context with the store's look-up of live estates."""

    def exists(kind: str, row_id: str) -> bool:
        assert kind == "estate", kind
        return estate_is_live(session, row_id)

    return Context(today, exists)


class TenancyService:
    """``desk.tenancy``: change the tenancy's fields; the estates it can belong to."""

    def __init__(self, desk: Desk) -> None:
        self._desk = desk

    def set_field(self, case_id: str, field: TenancyField, value: object) -> Changes:
        """Change one field of the case's tenancy (a tenancy is created if the case has none)."""
        with self._desk.writing(case_id) as s:
            clean: Any = TENANCY_FIELDS.parse(field, value, tenancy_context(s, self._desk.today()))
            case = live(s, Case, case_id)
            tenancy = case.tenancy
            if tenancy is None or tenancy.deleted:
                tenancy = Tenancy()
                s.add(tenancy)
                s.flush()
                case.tenancy_id = tenancy.id
            setattr(tenancy, field, clean)
        return Changes.of(case_id, Part.TENANCY)
