"""Reference norms for a household's money for daily life, and benefit reference rates.

The rates live in ``resources/rates/norms.json`` — dated and sourced. Adding next year's rates is a
data change: add an entry with a newer ``valid_from``; the newest entry valid on the budget's date is
used. Every figure carries its year and source so it can be printed with them.

**Gældsstyrelsen's rådighedssatser** (2024: 7.240 kr. a month for the first adult, 5.040 kr. for each
further adult, per child 1.970 kr. aged 0–1, 2.520 kr. aged 2–6, 3.630 kr. aged 7–17) are computed
from the household on the budget's date:

* who is a child is decided by :func:`boligdesk.budget.household.is_child_on`: under 18 on that date
  by the birth date (a child who has turned 18 counts as an adult); without a birth date, the role
  registered on the household member decides;
* a child's age band uses the whole years completed on that date;
* a child without a birth date is counted at the highest child rate, and a note says so.

Example: two adults, children born 1 March 2020 and 10 October 2010, budget dated 1 June 2024 →
ages 4 and 13 → 7.240 + 5.040 + 2.520 + 3.630 = 18.430 kr.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from pathlib import Path
from typing import Any

from boligdesk.budget.frequency import monthly_factor
from boligdesk.budget.household import ADULT_AGE, HouseholdPerson, age_on, is_child_on
from boligdesk.budget.money import Money, round_half_up
from boligdesk.resources import resource_path


def age_or_none(person: HouseholdPerson, on: dt.date) -> int | None:
    """Completed years on ``on``; 0 for a child not yet born then; None when the birth date is unknown."""
    if person.birth_date is None:
        return None
    if person.birth_date > on:
        return 0
    return age_on(person.birth_date, on)


@dataclass(frozen=True, slots=True)
class AgeBand:
    min_age: int
    max_age: int
    amount: Money

    def contains(self, age: int) -> bool:
        return self.min_age <= age <= self.max_age

    @property
    def label(self) -> str:
        return f"{self.min_age}–{self.max_age} år"


@dataclass(frozen=True, slots=True)
class NormTable:
    valid_from: dt.date
    year: int
    label: str
    source: str
    first_adult: Money
    extra_adult: Money
    children: tuple[AgeBand, ...]


@dataclass(frozen=True, slots=True)
class NormPart:
    """One line of the norm's breakdown: ``count`` × ``each``."""

    label: str
    count: int
    each: Money

    @property
    def amount(self) -> Money:
        return self.each * self.count


@dataclass(frozen=True, slots=True)
class HouseholdNorm:
    """The household's reference amount for daily life, with its breakdown, year and source."""

    amount: Money
    table: NormTable
    parts: tuple[NormPart, ...]
    adults: int
    children: int
    notes: tuple[str, ...] = ()

    @property
    def year(self) -> int:
        return self.table.year

    @property
    def source(self) -> str:
        return self.table.source

    @property
    def label(self) -> str:
        return self.table.label

    def is_current_for(self, day: dt.date) -> bool:
        return self.table.year == day.year

    @property
    def household_text(self) -> str:
        """``2 voksne og 1 barn`` — who the norm is computed for."""
        adults = f"{self.adults} voksen" if self.adults == 1 else f"{self.adults} voksne"
        if not self.children:
            return adults
        children = "1 barn" if self.children == 1 else f"{self.children} børn"
        return f"{adults} og {children}"


@dataclass(frozen=True, slots=True)
class BenefitEstimate:
    """A benefit reference amount per month with its year and source (for "tjek om…" prompts)."""

    monthly: Money
    year: int
    label: str
    source: str


@lru_cache(maxsize=8)
def _load(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as fh:
        data = json.load(fh)
    assert isinstance(data, dict)
    return data


def _table_path(path: Path | None) -> Path:
    return path or resource_path("rates", "norms.json")


def _pick(entries: list[dict[str, Any]], on: dt.date) -> tuple[dict[str, Any], bool]:
    """The newest entry valid on ``on``; if none is valid yet, the oldest (flag False)."""
    ordered = sorted(entries, key=lambda e: str(e["valid_from"]))
    valid = [e for e in ordered if dt.date.fromisoformat(str(e["valid_from"])) <= on]
    if valid:
        return valid[-1], True
    return ordered[0], False


def norm_tables(path: Path | None = None) -> tuple[NormTable, ...]:
    """Every norm table in the file, oldest first."""
    entries = _load(_table_path(path))["household_norms"]
    tables = [
        NormTable(
            valid_from=dt.date.fromisoformat(str(e["valid_from"])),
            year=int(e["year"]),
            label=str(e["label"]),
            source=str(e["source"]),
            first_adult=Money(int(e["first_adult_ore"])),
            extra_adult=Money(int(e["extra_adult_ore"])),
            children=tuple(
                AgeBand(int(b["min_age"]), int(b["max_age"]), Money(int(b["amount_ore"])))
                for b in e["children"]
            ),
        )
        for e in entries
    ]
    return tuple(sorted(tables, key=lambda t: t.valid_from))


def norm_table_on(on: dt.date, path: Path | None = None) -> tuple[NormTable, bool]:
    """The table in force on ``on`` and whether it really was in force (False: older than all tables)."""
    tables = norm_tables(path)
    valid = [t for t in tables if t.valid_from <= on]
    if valid:
        return valid[-1], True
    return tables[0], False


def household_norm(
    members: Sequence[HouseholdPerson], on: dt.date, *, path: Path | None = None
) -> HouseholdNorm:
    """The reference norm for ``members`` on ``on`` (see the module docstring for the rules)."""
    table, in_force = norm_table_on(on, path)
    notes: list[str] = []
    if not in_force:
        notes.append(f"Der findes ingen satser fra før {table.year}; satserne for {table.year} er brugt.")
    elif table.year != on.year:
        notes.append(f"Seneste kendte satser er fra {table.year}.")
    adults = sum(1 for m in members if not is_child_on(m, on))
    band_counts: dict[AgeBand, int] = {}
    unknown_age = 0
    top_band = max(table.children, key=lambda b: b.max_age)
    for member in members:
        if not is_child_on(member, on):
            continue
        age = age_or_none(member, on)
        if age is None:
            unknown_age += 1
            band = top_band
        else:
            band = next((b for b in table.children if b.contains(age)), top_band)
        band_counts[band] = band_counts.get(band, 0) + 1
    if unknown_age:
        notes.append(
            f"{unknown_age} barn uden fødselsdato er regnet med satsen for {top_band.label}."
            if unknown_age == 1
            else f"{unknown_age} børn uden fødselsdato er regnet med satsen for {top_band.label}."
        )
    parts: list[NormPart] = []
    if adults >= 1:
        parts.append(NormPart("Første voksne", 1, table.first_adult))
    if adults >= 2:
        parts.append(NormPart("Øvrige voksne", adults - 1, table.extra_adult))
    for band in table.children:
        count = band_counts.get(band, 0)
        if count:
            parts.append(NormPart(f"Børn {band.label}", count, band.amount))
    amount = Money(sum(p.amount.ore for p in parts))
    children = sum(band_counts.values())
    return HouseholdNorm(amount, table, tuple(parts), adults, children, tuple(notes))


def child_benefit_estimate(
    members: Sequence[HouseholdPerson], on: dt.date, *, path: Path | None = None
) -> BenefitEstimate | None:
    """Børne- og ungeydelse per month for the household's children under 18 (before income-based
    reduction), or None when there are no children with a known age under 18.

    Quarterly rates are divided by 3 (exactly, rounded half up once for the household's sum).
    """
    entry, _ = _pick(_load(_table_path(path))["child_benefit"], on)
    total = Fraction(0)
    counted = 0
    for member in members:
        age = age_or_none(member, on)
        if age is None or age >= ADULT_AGE or not is_child_on(member, on):
            continue
        for band in entry["bands"]:
            if int(band["min_age"]) <= age <= int(band["max_age"]):
                total += int(band["amount_ore"]) * monthly_factor(str(band["frequency"]))
                counted += 1
                break
    if not counted:
        return None
    return BenefitEstimate(
        Money(round_half_up(total)), int(entry["year"]), str(entry["label"]), str(entry["source"])
    )


def cash_benefit_reference(on: dt.date, *, with_children: bool, path: Path | None = None) -> BenefitEstimate:
    """Kontanthjælp for a person aged 30 or more, with or without children (monthly)."""
    entry, _ = _pick(_load(_table_path(path))["cash_benefit"], on)
    key = "over_30_with_children_ore" if with_children else "over_30_without_children_ore"
    return BenefitEstimate(
        Money(int(entry[key])), int(entry["year"]), str(entry["label"]), str(entry["source"])
    )
