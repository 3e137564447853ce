"""Money and short dates are formatted without babel (issue 15: the import preview formats thousands);
the text must stay exactly what babel's Danish formats give."""

from __future__ import annotations

import datetime as dt
import random

from babel.dates import format_date
from babel.numbers import format_decimal

from boligdesk.budget.calendar import format_short
from boligdesk.budget.money import MAX_AMOUNT, Money
from boligdesk.budget.shown_text import has_control_characters


def _babel(amount: Money) -> str:
    return format_decimal(amount.kroner, format="#,##0.00", locale="da_DK").replace("\u2212", "-")


def test_money_text_is_babels_danish_format() -> None:
    rng = random.Random(15)
    edge = [0, 1, -1, 5, 99, 100, -100, 99_999, 100_000, 123_450, -123_450, MAX_AMOUNT.ore, -MAX_AMOUNT.ore]
    for ore in edge + [rng.randint(-(10**13), 10**13) for _ in range(3000)]:
        amount = Money(ore)
        assert amount.format() == f"{_babel(amount)} kr."
        assert amount.format(with_unit=False) == _babel(amount)
    assert Money(123_450).format() == "1.234,50 kr."
    assert Money(-5).format() == "-0,05 kr."


def test_short_dates_are_babels() -> None:
    for day in [
        dt.date(1, 1, 1),
        dt.date(99, 2, 3),
        dt.date(1900, 1, 1),
        dt.date(2026, 11, 24),
        dt.date(9999, 12, 31),
    ]:
        assert format_short(day) == format_date(day, "dd.MM.y", locale="da_DK")
    assert format_short(dt.date(2027, 1, 1)) == "01.01.2027"


def test_control_characters_are_still_found_after_the_fast_path() -> None:
    assert not has_control_characters("Åse Kjærgård, Solvænget 4, 2. tv")
    assert not has_control_characters("non\u00a0breaking space and \u200b zero width")  # not Cc/Zl/Zp
    for bad in ("a\nb", "a\x1b[31m", "a\u2028b", "a\u2029b", "tab\there"):
        assert has_control_characters(bad)
    assert not has_control_characters("a\tb\nc", allow="\n\r\t")
