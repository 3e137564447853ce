"""Reference norms for a household's money for daily life, and benefit reference rates.

The rates come from the rate book (:mod:`boligdesk.budget.ratebook`): the tables shipped in
``resources/rates/norms.json`` plus the organisation's own entries (Indstillinger → Satser). The newest
entry valid on the budget's date is used; every figure carries its year and source so it can be printed
with them, and a figure nobody entered is "ikke kendt", never guessed.

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
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from boligdesk.budget.calendar import format_short
from boligdesk.budget.frequency import monthly_factor
from boligdesk.budget.household import ADULT_AGE, HouseholdPerson, age_on, is_child_on
from boligdesk.budget.money import Money, round_half_up
from boligdesk.budget.ratebook import (
    CASH_BENEFIT,
    CASH_BENEFIT_2025,
    CASH_BENEFIT_REFORM,
    CHILD_BENEFIT,
    HOUSEHOLD_NORMS,
    RateBook,
    RateEntry,
    shipped_book,
)


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
    verified: bool = False
    source_url: str = ""


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


def _norm_table(entry: RateEntry) -> NormTable:
    def amount(key: str) -> Money:
        value = entry.figure(key)
        if value is None:  # the norm's figures are required (ratebook.validate_entry)
            raise LookupError(f"{key} is not known in the norm from {entry.valid_from}")
        return value

    bands = tuple(
        AgeBand(int(f.min_age or 0), int(f.max_age or 0), amount(f.key))
        for f in entry.spec.figures
        if f.min_age is not None
    )
    return NormTable(
        valid_from=entry.valid_from,
        year=entry.valid_from.year,
        label=f"Gældsstyrelsens rådighedssatser {entry.valid_from.year}",
        source=entry.source_title,
        first_adult=amount("first_adult"),
        extra_adult=amount("extra_adult"),
        children=bands,
        verified=entry.verified,
        source_url=entry.source_url,
    )


def norm_tables(book: RateBook | None = None) -> tuple[NormTable, ...]:
    """Every norm table (the organisation's winning on the same date), oldest first."""
    return tuple(_norm_table(e) for e in (book or shipped_book()).entries(HOUSEHOLD_NORMS))


def norm_table_on(on: dt.date, book: RateBook | None = None) -> tuple[NormTable, bool]:
    """The table in force on ``on`` and whether it really was in force (False: older than all tables)."""
    book = book or shipped_book()
    found = book.on(HOUSEHOLD_NORMS, on)
    if found is not None:
        return _norm_table(found.entry), True
    earliest = book.earliest(HOUSEHOLD_NORMS)
    if earliest is None:
        raise LookupError("no reference norm is known")
    return _norm_table(earliest), False


def household_norm(
    members: Sequence[HouseholdPerson], on: dt.date, *, book: RateBook | None = None
) -> HouseholdNorm:
    """The reference norm for ``members`` on ``on`` (see the module docstring for the rules)."""
    table, in_force = norm_table_on(on, book)
    notes: list[str] = []
    if not in_force:
        notes.append(f"Der findes ingen satser fra før {table.year}; satserne for {table.year} er brugt.")
    elif table.year != on.year:
        notes.append(f"Satsen er fra {table.year} — der er ikke indtastet satser for {on.year}.")
    if not table.verified:
        notes.append("Satsen er ikke verificeret i den primære kilde.")
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
    members: Sequence[HouseholdPerson], on: dt.date, *, book: RateBook | None = None
) -> BenefitEstimate | None:
    """Børne- og ungeydelse per month for the household's children under 18 (before income-based
    reduction), or None when there are no children with a known age under 18 or the rate is not known.

    Quarterly rates are divided by 3 (exactly, rounded half up once for the household's sum).
    """
    book = book or shipped_book()
    found = book.on(CHILD_BENEFIT, on)
    entry = found.entry if found is not None else book.earliest(CHILD_BENEFIT)
    if entry is None:
        return None
    total = Fraction(0)
    counted = 0
    for member in members:
        age = age_or_none(member, on)
        if age is None or age >= ADULT_AGE or not is_child_on(member, on):
            continue
        for band in entry.spec.figures:
            if band.min_age is not None and band.max_age is not None and band.min_age <= age <= band.max_age:
                amount = entry.figure(band.key)
                if amount is None:
                    return None  # "ikke kendt": no estimate rather than a wrong one
                total += amount.ore * monthly_factor(band.frequency)
                counted += 1
                break
    if not counted:
        return None
    return BenefitEstimate(
        Money(round_half_up(total)),
        entry.valid_from.year,
        f"Børne- og ungeydelse {entry.valid_from.year}",
        entry.source_text,
    )


@dataclass(frozen=True, slots=True)
class CashBenefitReference:
    """Kontanthjælp for one adult aged 30 or more (monthly), or why it is not known."""

    monthly: Money | None
    year: int
    label: str
    source: str
    unknown_reason: str = ""


def cash_benefit_reference(
    on: dt.date, *, with_children: bool, book: RateBook | None = None
) -> CashBenefitReference:
    """Kontanthjælp for a person aged 30 or more, with or without children (monthly).

    Until 30 June 2025 the old rates (§ 25, stk. 2); from 1 July 2025 the new benefit: the increased rate
    ("forhøjet sats") plus the child supplement when there are children. A figure not entered is "ikke
    kendt", never guessed: ``monthly`` is then None and ``unknown_reason`` says so in Danish.
    """
    book = book or shipped_book()
    if on < CASH_BENEFIT_REFORM:
        found = book.on(CASH_BENEFIT, on)
        entry = found.entry if found is not None else book.earliest(CASH_BENEFIT)
        keys: tuple[str, ...] = ("over_30_with_children",) if with_children else ("over_30_without_children",)
        label = "kontanthjælpen for en voksen over 30"
    else:
        found = book.on(CASH_BENEFIT_2025, on)
        entry = found.entry if found is not None else None
        keys = ("increased_rate", "child_supplement") if with_children else ("increased_rate",)
        label = "kontanthjælpen (forhøjet sats" + (" + børnetillæg)" if with_children else ")")
    if entry is None:
        return CashBenefitReference(
            None, on.year, label, "", f"Kontanthjælpens satser for {on.year} er ikke kendt i BoligDesk."
        )
    amounts = [entry.figure(k) for k in keys]
    if any(a is None for a in amounts):
        return CashBenefitReference(
            None,
            entry.valid_from.year,
            label,
            entry.source_text,
            f"Kontanthjælpens satser gældende den {format_short(on)} er ikke kendt i BoligDesk "
            "(indtast dem under Indstillinger → Satser).",
        )
    return CashBenefitReference(
        Money(sum(a.ore for a in amounts if a is not None)), entry.valid_from.year, label, entry.source_text
    )
