"""Danish holidays by rule (``budget/calendar.py``), without the ``holidays`` package at run time.

The table below was copied from the ``holidays`` package (0.109, categories public + optional, Danish
names) for 2020–2030: every day that is not a hverdag for being a holiday, with the name the app shows.
Easter Sunday checks by hand: 12.04.2020, 31.03.2024, 20.04.2025, 05.04.2026. Where the package is still
installed, every day 1990–2100 is compared with it too.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import subprocess
import sys

import pytest

from boligdesk.budget.calendar import STORE_BEDEDAG_LAST_YEAR, holiday_name, is_bank_day, is_weekday

# fmt: off
KNOWN: dict[int, tuple[str, ...]] = {
    2020: ("01.01 Nytårsdag", "09.04 Skærtorsdag", "10.04 Langfredag", "12.04 Påskedag", "13.04 Anden påskedag", "08.05 Store bededag", "21.05 Kristi himmelfartsdag", "31.05 Pinsedag", "01.06 Anden pinsedag", "05.06 Grundlovsdag", "24.12 Juleaftensdag", "25.12 Juledag", "26.12 Anden juledag", "31.12 Nytårsaften"),
    2021: ("01.01 Nytårsdag", "01.04 Skærtorsdag", "02.04 Langfredag", "04.04 Påskedag", "05.04 Anden påskedag", "30.04 Store bededag", "13.05 Kristi himmelfartsdag", "23.05 Pinsedag", "24.05 Anden pinsedag", "05.06 Grundlovsdag", "24.12 Juleaftensdag", "25.12 Juledag", "26.12 Anden juledag", "31.12 Nytårsaften"),
    2022: ("01.01 Nytårsdag", "14.04 Skærtorsdag", "15.04 Langfredag", "17.04 Påskedag", "18.04 Anden påskedag", "13.05 Store bededag", "26.05 Kristi himmelfartsdag", "05.06 Grundlovsdag; Pinsedag", "06.06 Anden pinsedag", "24.12 Juleaftensdag", "25.12 Juledag", "26.12 Anden juledag", "31.12 Nytårsaften"),
    2023: ("01.01 Nytårsdag", "06.04 Skærtorsdag", "07.04 Langfredag", "09.04 Påskedag", "10.04 Anden påskedag", "05.05 Store bededag", "18.05 Kristi himmelfartsdag", "28.05 Pinsedag", "29.05 Anden pinsedag", "05.06 Grundlovsdag", "24.12 Juleaftensdag", "25.12 Juledag", "26.12 Anden juledag", "31.12 Nytårsaften"),
    2024: ("01.01 Nytårsdag", "28.03 Skærtorsdag", "29.03 Langfredag", "31.03 Påskedag", "01.04 Anden påskedag", "09.05 Kristi himmelfartsdag", "19.05 Pinsedag", "20.05 Anden pinsedag", "05.06 Grundlovsdag", "24.12 Juleaftensdag", "25.12 Juledag", "26.12 Anden juledag", "31.12 Nytårsaften"),
    2025: ("01.01 Nytårsdag", "17.04 Skærtorsdag", "18.04 Langfredag", "20.04 Påskedag", "21.04 Anden påskedag", "29.05 Kristi himmelfartsdag", "05.06 Grundlovsdag", "08.06 Pinsedag", "09.06 Anden pinsedag", "24.12 Juleaftensdag", "25.12 Juledag", "26.12 Anden juledag", "31.12 Nytårsaften"),
    2026: ("01.01 Nytårsdag", "02.04 Skærtorsdag", "03.04 Langfredag", "05.04 Påskedag", "06.04 Anden påskedag", "14.05 Kristi himmelfartsdag", "24.05 Pinsedag", "25.05 Anden pinsedag", "05.06 Grundlovsdag", "24.12 Juleaftensdag", "25.12 Juledag", "26.12 Anden juledag", "31.12 Nytårsaften"),
    2027: ("01.01 Nytårsdag", "25.03 Skærtorsdag", "26.03 Langfredag", "28.03 Påskedag", "29.03 Anden påskedag", "06.05 Kristi himmelfartsdag", "16.05 Pinsedag", "17.05 Anden pinsedag", "05.06 Grundlovsdag", "24.12 Juleaftensdag", "25.12 Juledag", "26.12 Anden juledag", "31.12 Nytårsaften"),
    2028: ("01.01 Nytårsdag", "13.04 Skærtorsdag", "14.04 Langfredag", "16.04 Påskedag", "17.04 Anden påskedag", "25.05 Kristi himmelfartsdag", "04.06 Pinsedag", "05.06 Anden pinsedag; Grundlovsdag", "24.12 Juleaftensdag", "25.12 Juledag", "26.12 Anden juledag", "31.12 Nytårsaften"),
    2029: ("01.01 Nytårsdag", "29.03 Skærtorsdag", "30.03 Langfredag", "01.04 Påskedag", "02.04 Anden påskedag", "10.05 Kristi himmelfartsdag", "20.05 Pinsedag", "21.05 Anden pinsedag", "05.06 Grundlovsdag", "24.12 Juleaftensdag", "25.12 Juledag", "26.12 Anden juledag", "31.12 Nytårsaften"),
    2030: ("01.01 Nytårsdag", "18.04 Skærtorsdag", "19.04 Langfredag", "21.04 Påskedag", "22.04 Anden påskedag", "30.05 Kristi himmelfartsdag", "05.06 Grundlovsdag", "09.06 Pinsedag", "10.06 Anden pinsedag", "24.12 Juleaftensdag", "25.12 Juledag", "26.12 Anden juledag", "31.12 Nytårsaften"),
}
# fmt: on


def _table(year: int) -> dict[dt.date, str]:
    days = {}
    for entry in KNOWN[year]:
        day_month, name = entry.split(" ", 1)
        day, month = (int(part) for part in day_month.split("."))
        days[dt.date(year, month, day)] = name
    return days


@pytest.mark.parametrize("year", sorted(KNOWN))
def test_every_day_of_the_year_agrees_with_the_table(year: int) -> None:
    known = _table(year)
    day = dt.date(year, 1, 1)
    while day.year == year:
        assert holiday_name(day) == known.get(day), day
        assert is_weekday(day) == (day.weekday() < 5 and day not in known), day
        day += dt.timedelta(days=1)


def test_store_bededag_is_a_holiday_up_to_2023_and_a_working_day_from_2024() -> None:
    """Lov nr. 214 af 6. marts 2023: store bededag is no longer a holiday from 1 January 2024."""
    assert STORE_BEDEDAG_LAST_YEAR == 2023
    assert holiday_name(dt.date(2023, 5, 5)) == "Store bededag"
    assert not is_weekday(dt.date(2023, 5, 5))
    assert holiday_name(dt.date(2024, 4, 26)) is None  # the fourth Friday after Easter 2024
    assert is_weekday(dt.date(2024, 4, 26)) and is_bank_day(dt.date(2024, 4, 26))


def test_first_of_may_is_a_working_day_unless_a_holiday_falls_on_it() -> None:
    assert holiday_name(dt.date(2026, 5, 1)) is None and is_weekday(dt.date(2026, 5, 1))
    # 2008: Kristi himmelfartsdag on 1 May (the package names both, in this order).
    assert holiday_name(dt.date(2008, 5, 1)) == "Arbejdernes kampdag; Kristi himmelfartsdag"
    assert not is_weekday(dt.date(2008, 5, 1))


def test_banks_close_the_friday_after_ascension_but_it_is_a_hverdag() -> None:
    for year in (1999, 2024, 2038, 2100):
        ascension = next(d for d, n in _names(year).items() if n == "Kristi himmelfartsdag")
        friday = ascension + dt.timedelta(days=1)
        assert friday.weekday() == 4
        assert is_weekday(friday) and not is_bank_day(friday)


def _names(year: int) -> dict[dt.date, str]:
    found = {}
    day = dt.date(year, 1, 1)
    while day.year == year:
        name = holiday_name(day)
        if name is not None:
            found[day] = name
        day += dt.timedelta(days=1)
    return found


@pytest.mark.skipif(
    importlib.util.find_spec("holidays") is None, reason="the holidays package is not installed"
)
def test_every_day_1990_to_2100_agrees_with_the_holidays_package() -> None:
    import holidays

    day = dt.date(1990, 1, 1)
    while day.year <= 2100:
        year = day.year
        public = holidays.country_holidays("DK", years=year)
        names = holidays.country_holidays("DK", years=year, language="da", categories=("public", "optional"))
        non_weekdays = set(public) | {dt.date(year, 6, 5), dt.date(year, 12, 24), dt.date(year, 12, 31)}
        while day.year == year:
            expected = names.get(day) if day in non_weekdays else None
            assert holiday_name(day) == expected, day
            assert is_weekday(day) == (day.weekday() < 5 and day not in non_weekdays), day
            day += dt.timedelta(days=1)


def test_the_calendar_imports_neither_holidays_nor_babel() -> None:
    """The first deadline on the list is worked out without importing a country table or locale data."""
    code = (
        "import sys, datetime as dt\n"
        "from boligdesk.budget import calendar\n"
        "calendar.add_weekdays(dt.date(2026, 12, 23), 3); calendar.holiday_name(dt.date(2026, 12, 24))\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('holidays', 'babel')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
