"""Reference norms (Gældsstyrelsen's rådighedssatser) and benefit reference rates."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from boligdesk.budget.household import HouseholdPerson
from boligdesk.budget.money import Money
from boligdesk.budget.norms import (
    cash_benefit_reference,
    child_benefit_estimate,
    household_norm,
    norm_table_on,
)
from boligdesk.budget.ratebook import CASH_BENEFIT_2025, HOUSEHOLD_NORMS, shipped_book, validate_entry

JUNE_2024 = dt.date(2024, 6, 1)
ADULT = HouseholdPerson("Voksen", None)


def child(born: dt.date | None) -> HouseholdPerson:
    return HouseholdPerson("Barn", born, is_child=True)


def test_one_adult_2024_is_7240() -> None:
    norm = household_norm([ADULT], JUNE_2024)
    assert norm.amount == Money.kr(7_240)
    assert norm.year == 2024
    assert "Gældsstyrelsen" in norm.label
    assert "borger.dk" in norm.source
    assert norm.household_text == "1 voksen"


def test_worked_example_couple_with_two_children() -> None:
    # Children aged 4 (born 1.3.2020) and 13 (born 10.10.2010) on 1.6.2024:
    # 7.240 + 5.040 + 2.520 + 3.630 = 18.430 kr.
    members = [ADULT, ADULT, child(dt.date(2020, 3, 1)), child(dt.date(2010, 10, 10))]
    norm = household_norm(members, JUNE_2024)
    assert norm.amount == Money.kr(18_430)
    assert [(p.label, p.count, p.each) for p in norm.parts] == [
        ("Første voksne", 1, Money.kr(7_240)),
        ("Øvrige voksne", 1, Money.kr(5_040)),
        ("Børn 2–6 år", 1, Money.kr(2_520)),
        ("Børn 7–17 år", 1, Money.kr(3_630)),
    ]
    assert norm.household_text == "2 voksne og 2 børn"


def test_child_age_bands_follow_birthdays() -> None:
    # Born 1.6.2022: aged 1 on 31.5.2024 (0–1 band, 1.970), aged 2 on 1.6.2024 (2–6 band, 2.520).
    baby = child(dt.date(2022, 6, 1))
    assert household_norm([ADULT, baby], dt.date(2024, 5, 31)).amount == Money.kr(7_240 + 1_970)
    assert household_norm([ADULT, baby], JUNE_2024).amount == Money.kr(7_240 + 2_520)


def test_a_child_not_yet_born_on_the_budget_date_is_counted_in_the_youngest_band() -> None:
    assert household_norm([ADULT, child(dt.date(2024, 8, 1))], JUNE_2024).amount == Money.kr(7_240 + 1_970)


def test_a_child_of_18_counts_as_an_adult() -> None:
    # Born 15.5.2006 → 18 on 15.5.2024: an extra adult (5.040), not a child (3.630).
    grown = child(dt.date(2006, 5, 15))
    assert household_norm([ADULT, grown], dt.date(2024, 5, 14)).amount == Money.kr(7_240 + 3_630)
    norm = household_norm([ADULT, grown], dt.date(2024, 5, 15))
    assert norm.amount == Money.kr(7_240 + 5_040)
    assert (norm.adults, norm.children) == (2, 0)


def test_a_child_without_birth_date_is_counted_at_the_highest_rate_and_said_so() -> None:
    norm = household_norm([ADULT, child(None)], JUNE_2024)
    assert norm.amount == Money.kr(7_240 + 3_630)
    assert any("uden fødselsdato" in n for n in norm.notes)


def test_a_later_year_uses_the_newest_table_and_says_it_is_older() -> None:
    norm = household_norm([ADULT], dt.date(2026, 3, 1))
    assert norm.year == 2024
    assert not norm.is_current_for(dt.date(2026, 3, 1))
    assert "Satsen er fra 2024 — der er ikke indtastet satser for 2026." in norm.notes


def test_a_date_before_every_table_uses_the_oldest_and_says_so() -> None:
    table, in_force = norm_table_on(dt.date(2019, 1, 1))
    assert (table.year, in_force) == (2024, False)
    assert household_norm([ADULT], dt.date(2019, 1, 1)).notes


def test_an_organisations_newer_year_is_used_from_its_first_day() -> None:
    book = shipped_book()
    invented = validate_entry(
        HOUSEHOLD_NORMS,
        dt.date(2030, 1, 1),
        {**book.entries(HOUSEHOLD_NORMS)[0].figure_map(), "first_adult": 800000},
        source_title="Opfundne testsatser",
    )
    book = book.with_entries([invented])
    assert household_norm([ADULT], dt.date(2029, 12, 31), book=book).amount == Money.kr(7_240)
    newer = household_norm([ADULT], dt.date(2030, 1, 1), book=book)
    assert (newer.amount, newer.year, newer.source) == (Money.kr(8_000), 2030, "Opfundne testsatser")
    assert "Satsen er ikke verificeret i den primære kilde." in newer.notes


def test_child_benefit_estimate_per_month() -> None:
    # 2024: aged 1 → 5.124 a quarter, aged 10 → 3.192 a quarter, aged 16 → 1.064 a month.
    # (5.124 + 3.192) / 3 + 1.064 = 2.772 + 1.064 = 3.836 kr. a month.
    members = [ADULT, child(dt.date(2023, 1, 1)), child(dt.date(2014, 1, 1)), child(dt.date(2008, 1, 1))]
    estimate = child_benefit_estimate(members, JUNE_2024)
    assert estimate is not None
    assert estimate.monthly == Money.kr(3_836)
    assert estimate.year == 2024
    assert child_benefit_estimate([ADULT], JUNE_2024) is None


def test_cash_benefit_reference_2024() -> None:
    assert cash_benefit_reference(JUNE_2024, with_children=True).monthly == Money.kr(16_382)
    assert cash_benefit_reference(JUNE_2024, with_children=False).monthly == Money.kr(12_326)


def test_cash_benefit_after_the_reform_is_not_known_unless_entered() -> None:
    # The old rates stop on 30 June 2025; no figures of the new benefit are shipped (none verified).
    assert cash_benefit_reference(dt.date(2025, 6, 30), with_children=False).monthly == Money.kr(12_326)
    after = cash_benefit_reference(dt.date(2025, 7, 1), with_children=True)
    assert after.monthly is None
    assert "ikke kendt" in after.unknown_reason


def test_cash_benefit_after_the_reform_is_the_increased_rate_plus_the_child_supplement() -> None:
    invented = validate_entry(
        CASH_BENEFIT_2025,
        dt.date(2027, 1, 1),
        {"increased_rate": 1_300_000, "child_supplement": 250_000},  # invented test figures
        source_title="Opfundne testsatser",
    )
    book = shipped_book().with_entries([invented])
    assert cash_benefit_reference(dt.date(2026, 12, 31), with_children=True, book=book).monthly is None
    with_children = cash_benefit_reference(dt.date(2027, 1, 1), with_children=True, book=book)
    assert with_children.monthly == Money.kr(15_500)
    assert cash_benefit_reference(dt.date(2027, 1, 1), with_children=False, book=book).monthly == Money.kr(
        13_000
    )


@given(
    st.integers(min_value=1, max_value=4),
    st.lists(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2024, 6, 1)), max_size=6),
)
def test_norm_is_the_sum_of_its_parts_and_counts_everyone(adults: int, births: list[dt.date]) -> None:
    members = [ADULT] * adults + [child(b) for b in births]
    norm = household_norm(members, JUNE_2024)
    assert norm.amount.ore == sum(p.amount.ore for p in norm.parts)
    assert norm.adults + norm.children == len(members)
    assert norm.amount >= Money.kr(7_240)
