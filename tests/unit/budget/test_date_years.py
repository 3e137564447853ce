"""Issue 11: a date before 1900 is refused, and a written four-digit year is never read as another year."""

from __future__ import annotations

import datetime as dt

import pytest

from boligdesk.budget.calendar import parse_date
from boligdesk.errors import UserInputError


@pytest.mark.parametrize(
    "text", ["01.01.0001", "1.1.0001", "0001-01-01", "31.12.1899", "01-01-0099", "1.1.1000"]
)
def test_a_date_before_1900_is_refused_and_not_read_as_this_century(text: str) -> None:
    with pytest.raises(UserInputError) as info:
        parse_date(text)
    assert info.value.code == "date.too_old"
    assert info.value.message == f"Datoen »{text}« ligger før 1900. Tjek årstallet."


def test_1900_itself_is_a_date() -> None:
    assert parse_date("01.01.1900") == dt.date(1900, 1, 1)


@pytest.mark.parametrize(("text", "year"), [("5.3.26", 2026), ("24.11.99", 2099), ("1.1.01", 2001)])
def test_a_two_digit_year_is_this_century_as_before(text: str, year: int) -> None:
    assert parse_date(text).year == year
