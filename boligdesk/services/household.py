"""``desk.household``: the people in the tenant's household (the tenant's own line follows the tenant)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from boligdesk.budget.household import age_on
from boligdesk.budget.vocabulary import MemberRole
from boligdesk.errors import UserInputError
from boligdesk.models import Case, Household, HouseholdMember
from boligdesk.services.changes import Changes, Created, Part
from boligdesk.services.desk import NotFoundError, live
from boligdesk.services.fields import (
    Context,
    Field,
    FieldTable,
    Kind,
    PersonalData,
    not_after_today,
)

if TYPE_CHECKING:
    from boligdesk.services.desk import Desk

MAX_AGE = 120


def birth_date_not_absurd(f: Field, value: dt.date, ctx: Context) -> None:
    """A birth date more than :data:`MAX_AGE` years back is a typing error (the year, usually)."""
    if value <= ctx.today and age_on(value, ctx.today) > MAX_AGE:
        raise f.error(
            "case.birth_too_old", f"Fødselsdatoen ligger mere end {MAX_AGE} år tilbage. Tjek årstallet."
        )


def birth_date_field(label: str) -> Field:
    """The birth date rule shared by the tenant and every household member."""
    return Field(
        "birth_date",
        label,
        Kind.DATE,
        PersonalData.IDENTIFYING,
        maximum=not_after_today("case.birth_in_future", "Fødselsdatoen ligger i fremtiden."),
        rules=(birth_date_not_absurd,),
    )


MEMBER_FIELDS = FieldTable(
    "household_member",
    "household_members",
    (
        Field(
            "name",
            "Navn",
            Kind.TEXT,
            PersonalData.IDENTIFYING,
            required=True,
            max_length=200,
            noun="Navnet",
            missing_code="member.name_missing",
            missing="Skriv navnet på husstandsmedlemmet.",
        ),
        Field("role", "Rolle", Kind.ENUM, PersonalData.PLAIN, required=True, enum=MemberRole),
        birth_date_field("Født"),
        Field("pays_in", "Betaler til husstanden", Kind.BOOL, PersonalData.PLAIN),
    ),
)
MemberField = Literal["name", "role", "birth_date", "pays_in"]


@dataclass(frozen=True, slots=True)
class NewMember:
    """A person to add to the household ("Tilføj person" and the "Ny sag" form)."""

    name: str
    role: MemberRole
    birth_date: dt.date | None = None
    pays_in: bool = False

    def values(self) -> dict[str, object]:
        return {"name": self.name, "role": self.role, "birth_date": self.birth_date, "pays_in": self.pays_in}


def household_id(session: Session, case: Case) -> str:
    """The case's household (made on first use)."""
    if case.household_id is None:
        household = Household()
        session.add(household)
        session.flush()
        case.household_id = household.id
    return case.household_id


def _member(session: Session, case: Case, member_id: str) -> HouseholdMember:
    row = live(session, HouseholdMember, member_id)
    if row.household_id != case.household_id:
        raise NotFoundError(HouseholdMember)
    return row


_CHANGED = (Part.HOUSEHOLD,)


class HouseholdService:
    """``desk.household``: add, change and remove the people living with the tenant."""

    def __init__(self, desk: Desk) -> None:
        self._desk = desk

    def _ctx(self) -> Context:
        return Context(self._desk.today())

    def add(self, case_id: str, member: NewMember) -> Created:
        """Add a person to the case's household. Returns the new member's id."""
        clean = MEMBER_FIELDS.validate(member.values(), self._ctx())
        with self._desk.writing(case_id) as s:
            case = live(s, Case, case_id)
            hid = household_id(s, case)
            orders = s.scalars(
                select(HouseholdMember.sort_order).where(HouseholdMember.household_id == hid)
            ).all()
            row = HouseholdMember(household_id=hid, sort_order=max(orders, default=0) + 1, **clean)
            s.add(row)
            s.flush()
            return Created(row.id, Changes.of(case_id, *_CHANGED))

    def set_field(self, case_id: str, member_id: str, field: MemberField, value: object) -> Changes:
        """Change a household member. The tenant's own name and birth date are changed on the tenant."""
        clean = MEMBER_FIELDS.parse(field, value, self._ctx())
        with self._desk.writing(case_id) as s:
            row = _member(s, live(s, Case, case_id), member_id)
            if row.is_tenant and field in ("name", "birth_date", "role"):
                raise UserInputError(
                    field,
                    "member.is_tenant",
                    "Lejerens egne oplysninger rettes under »Lejer« øverst på siden.",
                )
            setattr(row, field, clean)
        return Changes.of(case_id, *_CHANGED)

    def remove(self, case_id: str, member_id: str) -> Changes:
        """Take a person out of the household (a tombstone). The tenant cannot be removed."""
        with self._desk.writing(case_id) as s:
            row = _member(s, live(s, Case, case_id), member_id)
            if row.is_tenant:
                raise UserInputError(
                    "member", "member.remove_tenant", "Lejeren kan ikke fjernes fra husstanden."
                )
            row.deleted = True
        return Changes.of(case_id, *_CHANGED)
