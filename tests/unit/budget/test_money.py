from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from boligdesk.budget.money import Money, allocate, allocate_in_units, parse_money, round_half_up
from boligdesk.errors import UserInputError


@pytest.mark.parametrize(
    ("text", "ore"),
    [
        ("1.234,50", 123_450),
        ("1234,5", 123_450),
        ("1 234 kr.", 123_400),
        ("1.234 kr", 123_400),
        ("0,05", 5),
        ("12.50", 1_250),  # English-locale Excel export: a dot with two decimals is a decimal point
        ("1.250", 125_000),  # three digits after a dot: Danish thousands separator
        ("99,-", 9_900),
        ("  7.500,00 DKK ", 750_000),
    ],
)
def test_danish_amounts_are_parsed_exactly(text: str, ore: int) -> None:
    assert parse_money(text) == Money(ore)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Skriv et beløb, fx 1.234,50."),
        ("tolv", "»tolv« er ikke et beløb. Skriv fx 1.234,50 eller 1234,5."),
        ("1,234", "»1,234« har mere end to decimaler. Et beløb angives i kroner og øre, fx 99,95."),
        ("-50", "Beløbet kan ikke være negativt."),
        ("1.23.4", "»1.23.4« er ikke et beløb. Skriv fx 1.234,50 eller 1234,5."),
    ],
)
def test_bad_amounts_get_a_danish_message(text: str, message: str) -> None:
    with pytest.raises(UserInputError) as info:
        parse_money(text, field="rent")
    assert info.value.message == message
    assert info.value.field == "rent"


def test_negative_amounts_are_allowed_where_asked_for() -> None:
    assert parse_money("-1.000,25", allow_negative=True) == Money(-100_025)


def test_formatting_is_danish() -> None:
    assert Money(123_450).format() == "1.234,50 kr."
    assert Money(-5).format() == "-0,05 kr."
    assert Money(100_000_000).format() == "1.000.000,00 kr."
    assert Money(123_450).format(with_unit=False) == "1.234,50"


def test_money_refuses_floats() -> None:
    with pytest.raises(TypeError):
        Money(12.5)  # type: ignore[arg-type]


def test_rounding_is_half_up_away_from_zero() -> None:
    assert round_half_up(Fraction(5, 2)) == 3
    assert round_half_up(Fraction(-5, 2)) == -3
    assert round_half_up(Fraction(7, 3)) == 2
    assert Money(12_345).round_to(100) == Money(12_300)
    assert Money(12_350).round_to(100) == Money(12_400)
    assert Money(127_500).round_to(5_000) == Money(130_000)


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_parse_of_format_gives_the_same_amount(ore: int) -> None:
    money = Money(ore)
    assert parse_money(money.format(), allow_negative=True) == money


@given(
    st.integers(min_value=-(10**9), max_value=10**9),
    st.lists(st.integers(min_value=0, max_value=1000), min_size=1, max_size=12),
)
def test_allocation_parts_always_add_up_to_the_total(ore: int, weights: list[int]) -> None:
    parts = allocate(Money(ore), weights)
    assert sum(p.ore for p in parts) == ore
    assert len(parts) == len(weights)
    if ore >= 0:
        assert all(p.ore >= 0 for p in parts)


def test_allocation_by_largest_remainder_worked_example() -> None:
    # 100,00 kr. in three equal parts: 33,34 + 33,33 + 33,33 (the first part takes the extra øre).
    assert allocate(Money(10_000), [1, 1, 1]) == [Money(3_334), Money(3_333), Money(3_333)]


@given(
    st.integers(min_value=0, max_value=10**8),
    st.lists(st.integers(min_value=1, max_value=50), min_size=1, max_size=6),
    st.sampled_from([100, 1_000, 5_000]),
)
def test_allocation_in_units_pays_out_in_notes_and_coins(ore: int, weights: list[int], unit: int) -> None:
    parts = allocate_in_units(Money(ore), weights, unit)
    assert sum(p.ore for p in parts) == ore
    assert all(p.ore % unit == 0 for p in parts[:-1])
    assert all(p.ore >= 0 for p in parts)
