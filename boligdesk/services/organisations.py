"""``desk.estates``: housing associations and their estates, with each estate's repayment policy
(DOMAIN.md §8), and the estate choices the case forms and the case list offer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from boligdesk.errors import UserInputError
from boligdesk.models import Case, Estate, HousingAssociation, Tenancy
from boligdesk.services.changes import Changes, Created, Part
from boligdesk.services.desk import live

if TYPE_CHECKING:
    from boligdesk.services.desk import Desk

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
    address: str = ""
    """The afdeling's own address (used on a letter only when its association has none)."""
    association_address: str = ""


@dataclass(frozen=True, slots=True)
class EstateChoice:
    """An estate in a picker: ``label`` is ``Boligselskabet Fjordglimt · 12 Engparken``."""

    id: str
    number: str
    name: str
    association_name: str

    @property
    def short_label(self) -> str:
        """``12 Engparken``, for the case list's filter."""
        return f"{self.number} {self.name}".strip()

    @property
    def label(self) -> str:
        return f"{self.association_name} · {self.short_label}"


def _same(a: str, b: str) -> bool:
    return bool(a.strip()) and " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def look_like_duplicates(a: EstateRow, b: EstateRow) -> bool:
    """Two estates that are most likely one: the same association name and the same number or name.

    Two profiles set up separately and then synced each have their own copy of the estate (and of its
    association): the rows have different ids, so sync cannot know they are one.
    """
    return (
        a.id != b.id
        and _same(a.association_name, b.association_name)
        and (_same(a.number, b.number) or _same(a.name, b.name))
    )


def duplicate_groups(rows: list[EstateRow]) -> list[list[EstateRow]]:
    """The estates that look like duplicates of each other, in groups of two or more (list order kept)."""
    groups: list[list[EstateRow]] = []
    for row in rows:
        joined = [g for g in groups if any(look_like_duplicates(row, other) for other in g)]
        merged = [r for g in joined for r in g] + [row]
        groups = [g for g in groups if g not in joined] + [merged]
    return [g for g in groups if len(g) > 1]


def estate_is_live(session: Session, estate_id: str) -> bool:
    """The estate exists, is not deleted and neither is its association (what the pickers offer)."""
    estate = session.get(Estate, estate_id)
    if estate is None or estate.deleted:
        return False
    association = session.get(HousingAssociation, estate.association_id)
    return association is not None and not association.deleted


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


_CHANGED = Changes.of(None, Part.ESTATES)
ADDRESS_LIMIT = 300


def _address(text: str) -> str:
    """An address as saved: lines trimmed, empty lines dropped; refuses one over 300 characters."""
    clean = "\n".join(line.strip() for line in text.splitlines() if line.strip())
    if len(clean) > ADDRESS_LIMIT:
        raise UserInputError(
            "address", "estate.address_too_long", f"Adressen må højst være {ADDRESS_LIMIT} tegn."
        )
    return clean


class EstateService:
    """``desk.estates``: list, create and edit associations and estates."""

    def __init__(self, desk: Desk) -> None:
        self._desk = desk

    def rows(self) -> list[EstateRow]:
        with self._desk.reading() as s:
            rows = s.execute(
                select(Estate, HousingAssociation.name, HousingAssociation.address)
                .join(HousingAssociation, Estate.association_id == HousingAssociation.id)
                .where(Estate.deleted.is_(False), HousingAssociation.deleted.is_(False))
                .order_by(HousingAssociation.name, Estate.number)
            ).all()
            return [
                EstateRow(
                    e.id,
                    e.association_id,
                    assoc,
                    e.number,
                    e.name,
                    e.max_plan_months,
                    e.phone_plan_max_months,
                    e.address,
                    assoc_address,
                )
                for e, assoc, assoc_address in rows
            ]

    def choices(self) -> list[EstateChoice]:
        """Live estates of live associations, by association, number and name."""
        with self._desk.reading() as s:
            rows = s.execute(
                select(Estate.id, Estate.number, Estate.name, HousingAssociation.name)
                .join(HousingAssociation, Estate.association_id == HousingAssociation.id)
                .where(Estate.deleted.is_(False), HousingAssociation.deleted.is_(False))
                .order_by(HousingAssociation.name, Estate.number, Estate.name)
            ).all()
            return [EstateChoice(eid, number, name, assoc) for eid, number, name, assoc in rows]

    def associations(self) -> list[tuple[str, str]]:
        """(id, name) of the live housing associations, by name."""
        with self._desk.reading() as s:
            return [
                (a.id, a.name)
                for a in s.scalars(
                    select(HousingAssociation)
                    .where(HousingAssociation.deleted.is_(False))
                    .order_by(HousingAssociation.name)
                )
            ]

    def association_address(self, association_id: str) -> str:
        """The boligorganisation's address ("" when none is written)."""
        with self._desk.reading() as s:
            return live(s, HousingAssociation, association_id).address

    def add_association(self, name: str, address: str = "") -> Created:
        if not name.strip():
            raise UserInputError(
                "association_name", "association.name_missing", "Skriv boligorganisationens navn."
            )
        clean_address = _address(address)
        with self._desk.writing() as s:
            association = HousingAssociation(name=name.strip(), address=clean_address)
            s.add(association)
            s.flush()
            return Created(association.id, _CHANGED)

    def set_association_address(self, association_id: str, address: str) -> Changes:
        """Write (or clear) the boligorganisation's address: the landlord's address on an afdragsaftale."""
        clean_address = _address(address)
        with self._desk.writing() as s:
            live(s, HousingAssociation, association_id).address = clean_address
        return Changes.all()

    def save_estate(
        self,
        *,
        estate_id: str | None,
        association_id: str,
        number: str,
        name: str,
        max_plan_months: int,
        phone_plan_max_months: int,
        address: str | None = None,
    ) -> Created:
        """Create (``estate_id=None``) or update an estate after validating every field.

        ``address`` None keeps an existing estate's address (a new one gets none)."""
        if not name.strip():
            raise UserInputError("estate_name", "estate.name_missing", "Skriv afdelingens navn.")
        validate_policy(max_plan_months, phone_plan_max_months)
        clean_address = None if address is None else _address(address)
        with self._desk.writing() as s:
            association = s.get(HousingAssociation, association_id) if association_id else None
            if association is None or association.deleted:
                raise UserInputError(
                    "association", "estate.association_missing", "Vælg en boligorganisation."
                )
            if estate_id is None:
                estate = Estate(association_id=association_id)
                s.add(estate)
            else:
                estate = live(s, Estate, estate_id)
            estate.association_id = association_id
            estate.number = number.strip()
            estate.name = name.strip()
            estate.max_plan_months = max_plan_months
            estate.phone_plan_max_months = phone_plan_max_months
            if clean_address is not None:
                estate.address = clean_address
            s.flush()
            return Created(estate.id, _CHANGED)

    def duplicates(self) -> list[list[EstateRow]]:
        """Live estates that look like the same estate entered twice (see :func:`look_like_duplicates`)."""
        return duplicate_groups(self.rows())

    def merge(self, keep_id: str, retire_id: str) -> Changes:
        """Make two estates one: the tenancies of ``retire_id`` move to ``keep_id``, which keeps its policy,
        and ``retire_id`` is tombstoned — an ordinary edit, so every laptop gets it with the next sync.

        The retired estate's association is tombstoned too when it is left without live estates and has
        the same name as the kept estate's (a duplicate association from the same separate set-up).
        """
        if not retire_id or keep_id == retire_id:
            raise UserInputError(
                "retire", "estate.merge_same", "Vælg den afdeling, der skal flettes ind i den valgte."
            )
        with self._desk.writing() as s:
            keep = live(s, Estate, keep_id)
            retire = live(s, Estate, retire_id)
            tenancies = s.scalars(select(Tenancy).where(Tenancy.estate_id == retire.id)).all()
            for tenancy in tenancies:
                tenancy.estate_id = keep.id
            retire.deleted = True
            old = s.get(HousingAssociation, retire.association_id)
            new = s.get(HousingAssociation, keep.association_id)
            if old is not None and new is not None and old.id != new.id and _same(old.name, new.name):
                s.flush()
                others = s.scalar(
                    select(Estate.id).where(Estate.association_id == old.id, Estate.deleted.is_(False))
                )
                if others is None:
                    old.deleted = True
            case_ids = (
                s.scalars(select(Case.id).where(Case.tenancy_id.in_([t.id for t in tenancies]))).all()
                if tenancies
                else []
            )
        return Changes(frozenset(case_ids), frozenset({Part.ESTATES, Part.TENANCY, Part.CASE}))
