"""``desk.landlord``: who the case's landlord is — the party an afdragsaftale is made with.

An almen bolig's landlord is its boligorganisation, with the afdeling (estate) the tenancy belongs to. A
private landlord is kept in the same two tables without a schema change: the landlord as a
``HousingAssociation`` row (name, address) with one unnamed ``Estate`` under it, so the tenancy links to it
exactly as to an afdeling. Letters never fall back to the adviser's own organisation (the letterhead).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from boligdesk.errors import UserInputError
from boligdesk.models import Case, Estate, HousingAssociation, Tenancy
from boligdesk.services.changes import Changes, Created, Part
from boligdesk.services.desk import live

if TYPE_CHECKING:
    from boligdesk.services.desk import Desk


@dataclass(frozen=True, slots=True)
class LandlordRow:
    """The case's landlord as a letter shows it; ``private`` when it has no named afdeling."""

    estate_id: str
    name: str
    address: str
    estate: str
    private: bool

    @property
    def complete(self) -> bool:
        """Name and address known: enough for an agreement."""
        return bool(self.name.strip() and self.address.strip())


def _clean(value: str, field: str, label: str, limit: int) -> str:
    text = " ".join(value.split()) if "\n" not in value else value.strip()
    if not text:
        raise UserInputError(field, f"landlord.{field}_missing", f"Skriv udlejerens {label}.")
    if len(text) > limit:
        raise UserInputError(
            field, f"landlord.{field}_too_long", f"Udlejerens {label} må højst være {limit} tegn."
        )
    return text


def clean_private(name: str, address: str) -> tuple[str, str]:
    """A private landlord's name and address as they will be saved; refuses an empty or too long one."""
    return _clean(name, "name", "navn", 200), _clean(address, "address", "adresse", 300)


class LandlordService:
    """Read, pick and create the landlord of a case."""

    def __init__(self, desk: Desk) -> None:
        self._desk = desk

    def of_case(self, case_id: str) -> LandlordRow | None:
        """The landlord the case's tenancy points to, or None when no afdeling/udlejer is chosen."""
        with self._desk.reading() as s:
            case = live(s, Case, case_id)
            tenancy = case.tenancy
            estate = tenancy.estate if tenancy is not None and not tenancy.deleted else None
            if estate is None or estate.deleted:
                return None
            association = estate.association
            return LandlordRow(
                estate_id=estate.id,
                name=association.name,
                address=association.address.strip() or estate.address.strip(),
                estate=estate.display_name,
                private=not estate.display_name,
            )

    def choose(self, case_id: str, estate_id: str | None) -> Changes:
        """Point the case's tenancy at an afdeling (or a private landlord); None clears it."""
        return self._desk.tenancy.set_field(case_id, "estate_id", estate_id)

    def create_private(self, case_id: str, name: str, address: str) -> Created:
        """Create a private landlord (name and address) and make it the case's landlord."""
        clean_name, clean_address = clean_private(name, address)
        with self._desk.writing(case_id) as s:
            case = live(s, Case, case_id)
            association = HousingAssociation(name=clean_name, address=clean_address)
            s.add(association)
            s.flush()
            estate = Estate(association_id=association.id, number="", name="", address=clean_address)
            s.add(estate)
            s.flush()
            tenancy = case.tenancy
            if tenancy is None or tenancy.deleted:
                tenancy = Tenancy()
                s.add(tenancy)
                s.flush()
                case.tenancy_id = tenancy.id
            tenancy.estate_id = estate.id
            estate_id = estate.id
        return Created(estate_id, Changes.of(case_id, Part.TENANCY) | Changes.of(None, Part.ESTATES))

    def set_address(self, estate_id: str, address: str) -> Changes:
        """Give the landlord of ``estate_id`` its address (on the boligorganisation, shared by its afdelinger)."""
        clean_address = _clean(address, "address", "adresse", 300)
        with self._desk.writing() as s:
            estate = live(s, Estate, estate_id)
            estate.association.address = clean_address
        return Changes.all()
