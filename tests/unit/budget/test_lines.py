"""Budget totals: need/nice, rådighedsbeløb, daily money, per-category totals."""

from __future__ import annotations

import dataclasses

from hypothesis import given
from hypothesis import strategies as st

from boligdesk.budget.categories import CATEGORIES
from boligdesk.budget.frequency import FREQUENCIES
from boligdesk.budget.lines import LineData, compute_totals, need_for
from boligdesk.budget.money import Money


def income(category: str, kroner: int, frequency: str = "monthly") -> LineData:
    return LineData("income", category, "", Money.kr(kroner), frequency)


def expense(
    category: str, kroner: int, need: str = "need", *, daily: bool = False, frequency: str = "monthly"
) -> LineData:
    return LineData("expense", category, "", Money.kr(kroner), frequency, need, daily)


SINGLE_ADULT = [
    income("cash_benefit", 12_000),
    expense("rent", 5_500),
    expense("utilities", 1_000),
    expense("insurance", 500),
    expense("food", 3_000, daily=True),
    expense("tobacco", 800, "nice"),
]


def test_worked_example_single_adult() -> None:
    totals = compute_totals(SINGLE_ADULT)
    assert totals.income == Money.kr(12_000)
    # need: 5.500 + 1.000 + 500 + 3.000 = 10.000
    assert totals.need_expenses == Money.kr(10_000)
    assert totals.nice_expenses == Money.kr(800)
    assert totals.rent == Money.kr(5_500)
    assert totals.daily_money == Money.kr(3_000)
    # rådighedsbeløb after everything: 12.000 − 10.000 − 800 = 1.200
    assert totals.disposable == Money.kr(1_200)
    # without the tobacco: 12.000 − 10.000 = 2.000
    assert totals.disposable_without_nice == Money.kr(2_000)
    # fixed = everything but the daily money: 10.800 − 3.000 = 7.800; for daily life 12.000 − 7.800 = 4.200
    assert totals.fixed_expenses == Money.kr(7_800)
    assert totals.daily_money_available == Money.kr(4_200)


def test_frequencies_are_normalised_before_adding() -> None:
    lines = [
        # Løn 7.500 every 14 days → 7.500 × 26 / 12 = 16.250
        income("salary", 7_500, "biweekly"),
        # Child benefit 5.124 a quarter → 1.708
        income("child_benefit", 5_124, "quarterly"),
        # Food 1.000 a week → 4.333,33
        expense("food", 1_000, daily=True, frequency="weekly"),
        # Insurance 1.200 a year → 100
        expense("insurance", 1_200, frequency="yearly"),
    ]
    totals = compute_totals(lines)
    assert totals.income == Money.kr("17958.00")
    assert totals.need_expenses == Money.kr("4433.33")
    assert totals.disposable == Money.kr("13524.67")


def test_toggling_one_line_to_nice_moves_exactly_its_monthly_figure() -> None:
    before = compute_totals(SINGLE_ADULT)
    toggled = [
        dataclasses.replace(line, need="nice") if line.category == "food" else line for line in SINGLE_ADULT
    ]
    after = compute_totals(toggled)
    assert after.need_expenses == before.need_expenses - Money.kr(3_000)
    assert after.nice_expenses == before.nice_expenses + Money.kr(3_000)
    assert after.disposable == before.disposable
    assert after.disposable_without_nice == before.disposable_without_nice + Money.kr(3_000)
    assert after.daily_money_nice == Money.kr(3_000)


def test_an_expense_without_a_choice_counts_as_need_to_have() -> None:
    totals = compute_totals([LineData("expense", "other", "Ukendt", Money.kr(100), need=None)])
    assert totals.need_expenses == Money.kr(100)
    assert need_for("expense", None) == "need"
    assert need_for("income", "nice") is None


def test_daily_money_only_counts_expense_lines() -> None:
    odd = LineData("income", "salary", "", Money.kr(100), is_daily_money=True)
    assert compute_totals([odd]).daily_money == Money(0)


def test_category_totals_split_need_and_nice_for_the_chart() -> None:
    lines = [
        expense("food", 2_500, daily=True),
        expense("food", 800, "nice", daily=True),
        expense("rent", 6_000),
    ]
    totals = compute_totals(lines)
    food = next(c for c in totals.by_category if c.category == "food")
    assert (food.need, food.nice, food.total) == (Money.kr(2_500), Money.kr(800), Money.kr(3_300))
    assert [c.category for c in totals.expense_categories] == ["rent", "food"]
    assert totals.category_total("food") == Money.kr(3_300)
    assert totals.category_total("pension") == Money(0)


def test_an_empty_budget_is_all_zero() -> None:
    totals = compute_totals([])
    assert totals.disposable == Money(0)
    assert totals.by_category == ()


line_strategy = st.builds(
    LineData,
    kind=st.sampled_from(["income", "expense"]),
    category=st.sampled_from([c.code for c in CATEGORIES]),
    text=st.just(""),
    amount=st.integers(min_value=0, max_value=50_000_00).map(Money),
    frequency=st.sampled_from(FREQUENCIES),
    need=st.sampled_from(["need", "nice", None]),
    is_daily_money=st.booleans(),
)


@given(st.lists(line_strategy, max_size=30))
def test_totals_are_sums_of_the_monthly_figures_shown_beside_the_lines(lines: list[LineData]) -> None:
    totals = compute_totals(lines)
    assert totals.income.ore == sum(line.monthly.ore for line in lines if line.is_income)
    assert totals.expenses.ore == sum(line.monthly.ore for line in lines if line.is_expense)
    assert totals.disposable == totals.income - totals.expenses
    assert totals.daily_money_available == totals.disposable + totals.daily_money
    assert totals.disposable_without_nice - totals.disposable == totals.nice_expenses
    assert sum(c.total.ore for c in totals.by_category) == (totals.income + totals.expenses).ore
    assert sum(c.total.ore for c in totals.expense_categories) == totals.expenses.ore


@given(st.lists(line_strategy, max_size=20), st.randoms())
def test_totals_do_not_depend_on_the_order_of_the_lines(lines: list[LineData], rnd: object) -> None:
    shuffled = list(lines)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert compute_totals(lines) == compute_totals(shuffled)


def test_there_is_a_spil_category_for_gambling_a_nice_to_have_expense() -> None:
    from boligdesk.budget.categories import EXPENSE_CATEGORIES, category, starter_categories

    spil = category("gambling")
    assert spil.code == "gambling" and spil.label.startswith("Spil")
    assert spil in EXPENSE_CATEGORIES and spil.default_need == "nice" and not spil.daily_money
    assert spil not in starter_categories(has_children=True)  # chosen when relevant, not on every form
