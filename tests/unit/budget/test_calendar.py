from __future__ import annotations

import datetime as dt

import pytest

from boligdesk.budget.calendar import (
    add_months,
    add_weekdays,
    format_long,
    format_short,
    is_bank_day,
    is_weekday,
    last_bank_day_of_month,
    next_weekday_on_or_after,
    parse_date,
)
from boligdesk.errors import UserInputError


@pytest.mark.parametrize(
    "day",
    [
        dt.date(2026, 6, 5),  # Grundlovsdag (a Friday)
        dt.date(2026, 12, 24),  # juleaftensdag
        dt.date(2026, 12, 31),  # nytårsaftensdag
        dt.date(2026, 12, 25),  # juledag
        dt.date(2026, 4, 2),  # skærtorsdag
        dt.date(2026, 5, 14),  # Kristi himmelfartsdag
        dt.date(2026, 11, 28),  # a Saturday
    ],
)
def test_danish_non_weekdays(day: dt.date) -> None:
    assert not is_weekday(day)


def test_first_of_may_and_ordinary_days_are_weekdays() -> None:
    assert is_weekday(dt.date(2026, 5, 1))
    assert is_weekday(dt.date(2026, 11, 24))


def test_banks_are_closed_the_friday_after_ascension() -> None:
    assert is_weekday(dt.date(2026, 5, 15))
    assert not is_bank_day(dt.date(2026, 5, 15))


def test_next_weekday_skips_christmas() -> None:
    assert next_weekday_on_or_after(dt.date(2026, 12, 24)) == dt.date(2026, 12, 28)


def test_third_weekday_after_the_first() -> None:
    # 1 December 2026 is a Tuesday: Wed 2, Thu 3, Fri 4.
    assert add_weekdays(dt.date(2026, 12, 1), 3) == dt.date(2026, 12, 4)


def test_add_months_clamps_to_month_end() -> None:
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2026, 11, 15), 3) == dt.date(2027, 2, 15)


def test_last_bank_day_of_month() -> None:
    # 31 January 2027 is a Sunday: kontanthjælp is paid Friday 29 January.
    assert last_bank_day_of_month(2027, 1) == dt.date(2027, 1, 29)


def test_danish_date_formats() -> None:
    assert format_short(dt.date(2026, 11, 24)) == "24.11.2026"
    assert format_long(dt.date(2026, 11, 24)) == "24. november 2026"


@pytest.mark.parametrize("text", ["24.11.2026", "24-11-2026", "24/11/2026", "2026-11-24", "24.11.26"])
def test_dates_parse_the_ways_people_write_them(text: str) -> None:
    assert parse_date(text) == dt.date(2026, 11, 24)


def test_impossible_date_gets_a_danish_message() -> None:
    with pytest.raises(UserInputError) as info:
        parse_date("31.02.2026", field="termination_on")
    assert info.value.message == "Datoen »31.02.2026« findes ikke. Tjek dag og måned."
    assert info.value.field == "termination_on"


def test_not_a_date_gets_a_danish_message() -> None:
    with pytest.raises(UserInputError) as info:
        parse_date("i går")
    assert info.value.message == "»i går« er ikke en dato. Skriv dag.måned.år, fx 24.11.2026."
