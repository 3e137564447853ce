"""Issue 11: an amount too large to be true is refused in Danish, never overflowing SQLite's 64-bit integer."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from boligdesk.budget.money import MAX_AMOUNT, Money, parse_money
from boligdesk.errors import UserInputError

_SQLITE_MAX = 2**63 - 1


@pytest.mark.parametrize(
    "text", ["123456789012345678901234567890", "1" + "0" * 24, "100.000.000.000", "-100000000000", "9" * 5000]
)
def test_an_absurd_amount_is_refused_as_too_large(text: str) -> None:
    with pytest.raises(UserInputError) as info:
        parse_money(text, allow_negative=True)
    assert info.value.code == "money.too_large"
    assert "for stort" in info.value.message
    assert len(info.value.message) < 200, "a huge text is shortened where the message quotes it"


def test_the_largest_amount_allowed_parses_exactly() -> None:
    assert parse_money("99.999.999.999,99") == MAX_AMOUNT == Money(9_999_999_999_999)


def test_decimals_beyond_the_context_precision_are_not_rounded_away() -> None:
    """Decimal arithmetic keeps 28 digits: 1,000…001 once became 1,00 kr. silently."""
    with pytest.raises(UserInputError) as info:
        parse_money("1," + "0" * 30 + "1")
    assert info.value.code == "money.too_many_decimals"


def test_trailing_zero_decimals_are_still_fine() -> None:
    assert parse_money("12,5000") == Money(1250)


@settings(max_examples=200, deadline=None)
@given(st.from_regex(r"-?[0-9]{0,40}([.,][0-9]{0,40})?( kr\.)?", fullmatch=True))
def test_any_digits_give_an_amount_that_fits_the_store_or_a_danish_refusal(text: str) -> None:
    try:
        amount = parse_money(text, allow_negative=True)
    except UserInputError as exc:
        assert exc.code.startswith("money.")
        return
    assert abs(amount.ore) <= MAX_AMOUNT.ore < _SQLITE_MAX
