"""Plain-Danish warnings: problems and "tjek om…" prompts."""

from __future__ import annotations

import datetime as dt

from boligdesk.budget.household import HouseholdPerson
from boligdesk.budget.lines import LineData, compute_totals
from boligdesk.budget.money import Money
from boligdesk.budget.norms import household_norm
from boligdesk.budget.ratebook import CASH_BENEFIT_2025, shipped_book, validate_entry
from boligdesk.budget.warnings import budget_warnings

ON = dt.date(2024, 6, 1)
ADULT = HouseholdPerson("Voksen", None)
CHILD_5 = HouseholdPerson("Barn", dt.date(2019, 1, 1), is_child=True)


def inc(category: str, kroner: int | str) -> LineData:
    return LineData("income", category, "", Money.kr(kroner))


def exp(category: str, kroner: int | str, need: str = "need", daily: bool = False) -> LineData:
    return LineData("expense", category, "", Money.kr(kroner), need=need, is_daily_money=daily)


def codes(lines: list[LineData], members: list[HouseholdPerson], **kw: object) -> list[str]:
    return [w.code for w in budget_warnings(compute_totals(lines), members, ON, **kw)]  # type: ignore[arg-type]


def messages(lines: list[LineData], members: list[HouseholdPerson]) -> dict[str, str]:
    return {w.code: w.message for w in budget_warnings(compute_totals(lines), members, ON)}


def test_an_empty_budget_has_no_warnings() -> None:
    assert codes([], [ADULT]) == []


def test_a_balanced_budget_for_a_single_adult_has_no_warnings() -> None:
    lines = [
        inc("salary", 20_000),
        exp("rent", 5_000),
        exp("food", 3_000, daily=True),
        inc("housing_benefit", 0),
    ]
    assert codes(lines, [ADULT]) == []


def test_income_not_covering_rent_and_need_says_how_much_is_missing() -> None:
    # need: rent 6.000 + food 3.000 = 9.000; income 8.500 → 500 short
    lines = [inc("salary", 8_500), exp("rent", 6_000), exp("food", 3_000, daily=True)]
    found = messages(lines, [ADULT])
    assert found["need_not_covered"] == (
        "Indtægterne (8.500,00 kr.) dækker ikke husleje og need to have-udgifter (9.000,00 kr.). "
        "Der mangler 500,00 kr. om måneden."
    )


def test_rent_marked_nice_still_counts_as_rent_to_cover() -> None:
    lines = [inc("salary", 5_000), inc("housing_benefit", 1), exp("rent", 6_000, "nice")]
    assert "need_not_covered" in codes(lines, [ADULT])


def test_nice_to_have_while_in_the_red_shows_what_dropping_it_would_do() -> None:
    # 15.000 − need 14.000 − nice 1.500 = −500; without nice +1.000
    lines = [inc("salary", 15_000), exp("rent", 4_000), exp("food", 10_000), exp("tobacco", 1_500, "nice")]
    found = messages(lines, [ADULT])
    assert found["nice_while_negative"] == (
        "Budgettet går 500,00 kr. i minus om måneden, og der bruges 1.500,00 kr. på nice to have. "
        "Uden nice to have-posterne går budgettet op med 1.000,00 kr. til overs."
    )


def test_no_income_at_all_is_a_problem() -> None:
    found = codes([exp("rent", 5_000)], [ADULT])
    assert found[0] == "no_income"


def test_children_without_child_benefit_prompt_a_check_with_the_rate() -> None:
    # Child aged 5 in 2024: 4.056 a quarter / 3 = 1.352 a month
    lines = [inc("salary", 30_000), exp("rent", 6_000), inc("child_allowance", 500)]
    found = messages(lines, [ADULT, CHILD_5])
    assert "Tjek om familien får den" in found["child_benefit_missing"]
    assert "1.352,00 kr." in found["child_benefit_missing"]
    assert "2024" in found["child_benefit_missing"]


def test_a_child_benefit_line_removes_the_prompt() -> None:
    lines = [
        inc("salary", 30_000),
        exp("rent", 6_000),
        inc("child_benefit", 1_352),
        inc("child_allowance", 500),
    ]
    assert codes(lines, [ADULT, CHILD_5]) == []


def test_single_parent_without_child_allowance_is_prompted() -> None:
    lines = [inc("salary", 30_000), exp("rent", 6_000), inc("child_benefit", 1_352)]
    assert codes(lines, [ADULT, CHILD_5]) == ["child_allowance_missing"]
    assert "child_allowance_missing" not in codes(lines, [ADULT, ADULT, CHILD_5])


def test_rent_heavy_household_without_boligstøtte_is_prompted() -> None:
    # rent 6.000 of income 18.000 = 33 % ≥ 30 %
    lines = [inc("salary", 18_000), exp("rent", 6_000)]
    found = messages(lines, [ADULT])
    assert "er 33 % af indtægterne" in found["housing_benefit_missing"]
    assert "Tjek om husstanden kan få boligstøtte" in found["housing_benefit_missing"]
    # rent 5.000 of 20.000 = 25 %: no prompt
    assert "housing_benefit_missing" not in codes([inc("salary", 20_000), exp("rent", 5_000)], [ADULT])


def test_grown_up_child_at_home_not_paying_is_prompted() -> None:
    grown = HouseholdPerson("Stor søn", dt.date(2004, 1, 1), is_child=True)  # 20 on 1.6.2024
    lines = [inc("salary", 30_000), exp("rent", 5_000)]
    found = messages(lines, [ADULT, grown])
    assert found["adult_children_not_paying"].startswith("1 hjemmeboende barn over 18 betaler ikke")
    # the service says how many of them pay in; none left → no prompt
    assert "adult_children_not_paying" not in codes(lines, [ADULT, grown], grown_children_not_paying=0)


def test_income_below_kontanthjælp_is_prompted() -> None:
    lines = [inc("salary", 10_000), exp("rent", 2_000)]
    found = messages(lines, [ADULT])
    assert "12.326,00 kr. i 2024" in found["income_below_cash_benefit"]


def test_after_the_reform_an_unknown_kontanthjaelp_is_said_not_compared_with_a_guess() -> None:
    december_2026 = dt.date(2026, 12, 1)
    lines = [inc("salary", 1_000), exp("rent", 2_000)]
    found = {w.code: w.message for w in budget_warnings(compute_totals(lines), [ADULT], december_2026)}
    assert "income_below_cash_benefit" not in found
    assert "01.12.2026 er ikke kendt" in found["cash_benefit_unknown"]
    assert "Indstillinger → Satser" in found["cash_benefit_unknown"]


def test_an_organisations_kontanthjaelp_2027_is_compared_with() -> None:
    invented = validate_entry(
        CASH_BENEFIT_2025,
        dt.date(2027, 1, 1),
        {"increased_rate": 1_300_000},  # invented test figure
        source_title="Opfundet kilde",
    )
    book = shipped_book().with_entries([invented])
    lines = [inc("salary", 10_000), exp("rent", 2_000)]
    found = {
        w.code: w.message
        for w in budget_warnings(compute_totals(lines), [ADULT], dt.date(2027, 3, 1), book=book)
    }
    assert "13.000,00 kr. i 2027" in found["income_below_cash_benefit"]


def test_money_for_daily_life_below_the_norm_is_prompted_with_year() -> None:
    # available for daily life: 16.000 − fixed (rent 5.000 + car 5.000) = 6.000 < 7.240
    lines = [
        inc("salary", 16_000),
        exp("rent", 5_000),
        exp("car", 5_000, "nice"),
        exp("food", 3_000, daily=True),
    ]
    norm = household_norm([ADULT], ON)
    found = {w.code: w.message for w in budget_warnings(compute_totals(lines), [ADULT], ON, norm=norm)}
    assert "6.000,00 kr." in found["below_norm"]
    assert (
        "Gældsstyrelsens rådighedssatser 2024 for 1 voksen er 7.240,00 kr. om måneden." in found["below_norm"]
    )


def test_problems_come_before_checks() -> None:
    lines = [inc("salary", 5_000), exp("rent", 6_000)]
    found = budget_warnings(compute_totals(lines), [ADULT, CHILD_5], ON)
    severities = [w.severity for w in found]
    assert severities == sorted(severities, key=lambda s: s != "problem")
    assert found[0].is_problem
