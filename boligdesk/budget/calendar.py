"""Danish weekdays (hverdage), bank days and date formatting.

* A **hverdag** is Monday–Friday that is not a Danish public holiday, Grundlovsdag (5 June),
  juleaftensdag (24 December) or nytårsaftensdag (31 December). The ``holidays`` package puts the
  last three in its "optional" category, so they are added explicitly here; 1 May (also "optional")
  is a normal working day and is not added.
* A **bank day** is a hverdag on which Danish banks are open; they are also closed on the Friday after
  Kristi himmelfartsdag (Nationalbanken's closing days). Payments due on a non-bank day move to the
  next bank day.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

import holidays
from babel.dates import format_date
from dateutil.easter import easter

from boligdesk.budget.shown_text import quoted_value
from boligdesk.errors import UserInputError

LOCALE = "da_DK"

# Days from the "optional" category that Danish practice treats as non-weekdays (month, day).
_EXTRA_NON_WEEKDAYS = {(6, 5), (12, 24), (12, 31)}


@lru_cache(maxsize=64)
def _non_weekdays(year: int) -> frozenset[dt.date]:
    public = holidays.country_holidays("DK", years=year)
    days = set(public.keys())
    days.update(dt.date(year, m, d) for (m, d) in _EXTRA_NON_WEEKDAYS)
    return frozenset(days)


@lru_cache(maxsize=64)
def _bank_closing_days(year: int) -> frozenset[dt.date]:
    days = set(_non_weekdays(year))
    ascension = easter(year) + dt.timedelta(days=39)
    days.add(ascension + dt.timedelta(days=1))
    return frozenset(days)


def holiday_name(day: dt.date) -> str | None:
    """The Danish name of a holiday (or None), for explaining why a deadline moved."""
    names = holidays.country_holidays("DK", years=day.year, language="da", categories=("public", "optional"))
    name = names.get(day)
    if name is None:
        return None
    if (day.month, day.day) not in _EXTRA_NON_WEEKDAYS and day not in _non_weekdays(day.year):
        return None
    return str(name)


def is_weekday(day: dt.date) -> bool:
    """True when ``day`` is a Danish hverdag."""
    return day.weekday() < 5 and day not in _non_weekdays(day.year)


def is_bank_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in _bank_closing_days(day.year)


def next_weekday_on_or_after(day: dt.date) -> dt.date:
    while not is_weekday(day):
        day += dt.timedelta(days=1)
    return day


def next_bank_day_on_or_after(day: dt.date) -> dt.date:
    while not is_bank_day(day):
        day += dt.timedelta(days=1)
    return day


def add_weekdays(day: dt.date, count: int) -> dt.date:
    """The ``count``-th hverdag after ``day`` (``count`` >= 0; 0 returns ``day`` itself)."""
    if count < 0:
        raise ValueError("count must be >= 0")
    while count > 0:
        day += dt.timedelta(days=1)
        if is_weekday(day):
            count -= 1
    return day


def last_bank_day_of_month(year: int, month: int) -> dt.date:
    day = add_months(dt.date(year, month, 1), 1) - dt.timedelta(days=1)
    while not is_bank_day(day):
        day -= dt.timedelta(days=1)
    return day


def add_months(day: dt.date, months: int) -> dt.date:
    """Same day-of-month ``months`` later, clamped to the month's last day (31 Jan + 1 = 28/29 Feb)."""
    index = day.year * 12 + (day.month - 1) + months
    year, month0 = divmod(index, 12)
    month = month0 + 1
    last = (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


def format_short(day: dt.date) -> str:
    """``24.11.2026`` (what babel's ``format_date(day, "dd.MM.y")`` gives, at a fraction of its cost)."""
    return f"{day.day:02d}.{day.month:02d}.{day.year}"


def format_long(day: dt.date) -> str:
    """``24. november 2026``."""
    return format_date(day, "d. MMMM y", locale=LOCALE)


def format_weekday_long(day: dt.date) -> str:
    """``tirsdag den 24. november 2026``."""
    return format_date(day, "EEEE 'den' d. MMMM y", locale=LOCALE)


FIRST_YEAR = 1900
"""No date BoligDesk keeps lies before 1900: an earlier year is a typing or export error (``01.01.0001``)."""


def parse_date(text: str, *, field: str = "date") -> dt.date:
    """Parse ``24.11.2026``, ``24-11-2026``, ``24/11/2026``, ``5.3.26``, ``2026-11-24``.

    Raises :class:`~boligdesk.errors.UserInputError` with a Danish message for empty or impossible dates.
    """
    raw = (text or "").strip()
    if not raw:
        raise UserInputError(field, "date.empty", "Skriv en dato, fx 24.11.2026.")
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", raw)
    dmy = re.fullmatch(r"(\d{1,2})[.\-/](\d{1,2})[.\-/](\d{2}|\d{4})", raw)
    if iso:
        year, month, day = (int(g) for g in iso.groups())
    elif dmy:
        day, month, year = (int(g) for g in dmy.groups())
        if len(dmy.group(3)) == 2:
            year += 2000  # "5.3.26"; a year written with four digits ("0001") is that year
    else:
        raise UserInputError(
            field,
            "date.invalid",
            f"»{quoted_value(raw)}« er ikke en dato. Skriv dag.måned.år, fx 24.11.2026.",
            {"text": raw},
        )
    if year < FIRST_YEAR:
        raise UserInputError(
            field,
            "date.too_old",
            f"Datoen »{raw}« ligger før {FIRST_YEAR}. Tjek årstallet.",
            {"text": raw},
        )
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise UserInputError(
            field,
            "date.impossible",
            f"Datoen »{raw}« findes ikke. Tjek dag og måned.",
            {"text": raw},
        ) from exc
