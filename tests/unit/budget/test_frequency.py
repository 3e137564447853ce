"""Monthly normalisation: worked examples and exact properties."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from boligdesk.budget.frequency import FREQUENCIES, MONTHLY_FACTORS, monthly_amount, monthly_factor
from boligdesk.budget.money import Money
from boligdesk.budget.vocabulary import Frequency


@pytest.mark.parametrize(
    ("entered", "frequency", "monthly"),
    [
        # 1.000 kr. a week: 1.000 × 52 / 12 = 4.333,333… → 4.333,33
        ("1000.00", "weekly", "4333.33"),
        # 7.500 kr. every 14 days (løn): 7.500 × 26 / 12 = 16.250,00
        ("7500.00", "biweekly", "16250.00"),
        # 1.000 kr. every 14 days: 1.000 × 26 / 12 = 2.166,666… → 2.166,67 (half up)
        ("1000.00", "biweekly", "2166.67"),
        ("5500.00", "monthly", "5500.00"),
        # Børne- og ungeydelse 0–2 år 2024: 5.124 kr. a quarter / 3 = 1.708,00
        ("5124.00", "quarterly", "1708.00"),
        # 1.000 kr. a quarter / 3 = 333,333… → 333,33
        ("1000.00", "quarterly", "333.33"),
        # Half-yearly insurance 1.000 kr. / 6 = 166,666… → 166,67
        ("1000.00", "half_yearly", "166.67"),
        # Yearly licence 1.200 kr. / 12 = 100,00
        ("1200.00", "yearly", "100.00"),
        # 0,06 kr. a year / 12 = 0,5 øre → 1 øre (a half rounds up)
        ("0.06", "yearly", "0.01"),
    ],
)
def test_worked_examples_a_social_worker_can_check(entered: str, frequency: str, monthly: str) -> None:
    assert monthly_amount(Money.kr(entered), frequency) == Money.kr(monthly)


def test_every_frequency_of_the_model_has_a_rule() -> None:
    assert set(FREQUENCIES) == {f.value for f in Frequency}
    for member in Frequency:
        assert monthly_factor(member) == MONTHLY_FACTORS[member.value]


def test_unknown_frequency_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown frequency"):
        monthly_amount(Money.kr(100), "daily")


amounts = st.integers(min_value=0, max_value=10_000_000_00).map(Money)


@given(amounts, st.sampled_from(FREQUENCIES))
def test_monthly_figure_is_the_exact_value_rounded_once_to_the_nearest_ore(
    amount: Money, frequency: str
) -> None:
    exact = Fraction(amount.ore) * monthly_factor(frequency)
    result = monthly_amount(amount, frequency)
    assert abs(Fraction(result.ore) - exact) <= Fraction(1, 2)
    # halves go up, never down
    if exact - int(exact) == Fraction(1, 2):
        assert result.ore == int(exact) + 1


@given(amounts)
def test_a_year_of_payments_is_twelve_monthly_figures_within_rounding(amount: Money) -> None:
    # 52 weekly payments a year ≈ 12 monthly figures: the difference is at most 12 × ½ øre.
    assert abs(monthly_amount(amount, "weekly").ore * 12 - amount.ore * 52) <= 6
    assert abs(monthly_amount(amount, "biweekly").ore * 12 - amount.ore * 26) <= 6
    assert abs(monthly_amount(amount, "yearly").ore * 12 - amount.ore) <= 6


@given(amounts, amounts, st.sampled_from(FREQUENCIES))
def test_a_larger_amount_never_gives_a_smaller_monthly_figure(a: Money, b: Money, frequency: str) -> None:
    low, high = sorted((a, b))
    assert monthly_amount(low, frequency) <= monthly_amount(high, frequency)


@given(amounts)
def test_monthly_amounts_are_unchanged_and_never_negative(amount: Money) -> None:
    assert monthly_amount(amount, "monthly") == amount
    for frequency in FREQUENCIES:
        assert not monthly_amount(amount, frequency).is_negative()
