"""Housing associations and their estates, with each estate's repayment policy (DOMAIN.md §8)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from boligdesk.errors import UserInputError
from boligdesk.models import Estate, HousingAssociation
from boligdesk.models.store import Store

MAX_PLAN_MONTHS_LIMIT = 12


@dataclass(frozen=True, slots=True)
class EstateRow:
    id: str
    association_id: str
    association_name: str
    number: str
    name: str
    max_plan_months: int
    phone_plan_max_months: int


def list_estates(store: Store) -> list[EstateRow]:
    with store.session() as s:
        rows = s.execute(
            select(Estate, HousingAssociation.name)
            .join(HousingAssociation, Estate.association_id == HousingAssociation.id)
            .where(Estate.deleted.is_(False), HousingAssociation.deleted.is_(False))
            .order_by(HousingAssociation.name, Estate.number)
        ).all()
        return [
            EstateRow(
                e.id, e.association_id, assoc, e.number, e.name, e.max_plan_months, e.phone_plan_max_months
            )
            for e, assoc in rows
        ]


def list_associations(store: Store) -> list[tuple[str, str]]:
    with store.session() as s:
        return [
            (a.id, a.name)
            for a in s.scalars(
                select(HousingAssociation)
                .where(HousingAssociation.deleted.is_(False))
                .order_by(HousingAssociation.name)
            )
        ]


def add_association(store: Store, name: str) -> str:
    if not name.strip():
        raise UserInputError(
            "association_name", "association.name_missing", "Skriv boligorganisationens navn."
        )
    with store.session() as s:
        association = HousingAssociation(name=name.strip())
        s.add(association)
        s.flush()
        return association.id


def validate_policy(max_plan_months: int, phone_plan_max_months: int) -> None:
    if not 1 <= max_plan_months <= MAX_PLAN_MONTHS_LIMIT:
        raise UserInputError(
            "max_plan_months",
            "estate.max_months_range",
            f"Den længste afdragsordning skal være mellem 1 og {MAX_PLAN_MONTHS_LIMIT} måneder.",
        )
    if not 1 <= phone_plan_max_months <= max_plan_months:
        raise UserInputError(
            "phone_plan_max_months",
            "estate.phone_months_range",
            "Grænsen for aftaler pr. telefon skal være mindst 1 måned og højst afdelingens længste ordning.",
        )


def save_estate(
    store: Store,
    *,
    estate_id: str | None,
    association_id: str,
    number: str,
    name: str,
    max_plan_months: int,
    phone_plan_max_months: int,
) -> str:
    """Create (``estate_id=None``) or update an estate after validating every field."""
    if not name.strip():
        raise UserInputError("estate_name", "estate.name_missing", "Skriv afdelingens navn.")
    validate_policy(max_plan_months, phone_plan_max_months)
    with store.session() as s:
        if s.get(HousingAssociation, association_id) is None:
            raise UserInputError("association", "estate.association_missing", "Vælg en boligorganisation.")
        if estate_id is None:
            estate = Estate(association_id=association_id)
            s.add(estate)
        else:
            found = s.get(Estate, estate_id)
            if found is None:
                raise UserInputError("estate", "estate.unknown", "Afdelingen findes ikke længere.")
            estate = found
        estate.association_id = association_id
        estate.number = number.strip()
        estate.name = name.strip()
        estate.max_plan_months = max_plan_months
        estate.phone_plan_max_months = phone_plan_max_months
        s.flush()
        return estate.id
