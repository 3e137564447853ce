"""Danish weekdays (hverdage), bank days and date formatting.

* A **hverdag** is Monday–Friday that is not a Danish public holiday (helligdag), Grundlovsdag (5 June),
  juleaftensdag (24 December) or nytårsaftensdag (31 December). 1 May is a normal working day.
* A **bank day** is a hverdag on which Danish banks are open; they are also closed on the Friday after
  Kristi himmelfartsdag (Nationalbanken's closing days). Payments due on a non-bank day move to the
  next bank day.

The holidays are computed here by rule (Easter by ``dateutil.easter``, the Gregorian computus, plus the
fixed days), not with the ``holidays`` package: its first call imported all ~250 countries, which cost
the start-up more than the whole locked window (issue 15). ``tests/unit/budget/test_holidays_by_rule.py``
holds the days against a table taken from that package for 2020–2030 (and against the package itself,
for every day 1990–2100, where it is installed).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from dateutil.easter import easter

from boligdesk.budget.shown_text import quoted_value
from boligdesk.errors import UserInputError

LOCALE = "da_DK"

#: The public holidays that move with Easter: (days after Easter Sunday, Danish name).
_EASTER_HOLIDAYS: tuple[tuple[int, str], ...] = (
    (-3, "Skærtorsdag"),
    (-2, "Langfredag"),
    (0, "Påskedag"),
    (1, "Anden påskedag"),
    (39, "Kristi himmelfartsdag"),
    (49, "Pinsedag"),
    (50, "Anden pinsedag"),
)

#: Store bededag (the fourth Friday after Easter) was a public holiday up to and including 2023. Lov nr. 214
#: af 6. marts 2023 (om konsekvenser ved afskaffelsen af store bededag som helligdag; Folketingets L 13,
#: vedtaget 28.02.2023) removed it from 1 January 2024.
STORE_BEDEDAG_LAST_YEAR = 2023
_STORE_BEDEDAG = (26, "Store bededag")

#: Fixed days that are not hverdage: the public holidays and Grundlovsdag, juleaftensdag, nytårsaftensdag.
_FIXED_NON_WEEKDAYS: tuple[tuple[int, int, str], ...] = (
    (1, 1, "Nytårsdag"),
    (6, 5, "Grundlovsdag"),
    (12, 24, "Juleaftensdag"),
    (12, 25, "Juledag"),
    (12, 26, "Anden juledag"),
    (12, 31, "Nytårsaften"),
)

#: Named (when another holiday falls on it, the names are given together) but an ordinary working day.
_WORKERS_DAY = (5, 1, "Arbejdernes kampdag")


@lru_cache(maxsize=256)
def _holidays(year: int) -> dict[dt.date, str]:
    """Every day of ``year`` that is not a hverdag (weekends aside), with its Danish name."""
    sunday = easter(year)
    movable = list(_EASTER_HOLIDAYS)
    if year <= STORE_BEDEDAG_LAST_YEAR:
        movable.append(_STORE_BEDEDAG)
    names: dict[dt.date, list[str]] = {}
    for offset, name in movable:
        names.setdefault(sunday + dt.timedelta(days=offset), []).append(name)
    for month, day, name in _FIXED_NON_WEEKDAYS:
        names.setdefault(dt.date(year, month, day), []).append(name)
    month, day, name = _WORKERS_DAY
    if dt.date(year, month, day) in names:
        names[dt.date(year, month, day)].append(name)
    return {day: "; ".join(sorted(found)) for day, found in names.items()}


@lru_cache(maxsize=256)
def _non_weekdays(year: int) -> frozenset[dt.date]:
    return frozenset(_holidays(year))


@lru_cache(maxsize=256)
def _bank_closing_days(year: int) -> frozenset[dt.date]:
    ascension = easter(year) + dt.timedelta(days=39)
    return _non_weekdays(year) | {ascension + dt.timedelta(days=1)}


def holiday_name(day: dt.date) -> str | None:
    """The Danish name of a day that is not a hverdag for being a holiday (or None), for explaining why a
    deadline moved."""
    return _holidays(day.year).get(day)


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
    from babel.dates import format_date  # Babel's locale data is loaded when a long date is first shown

    return format_date(day, "d. MMMM y", locale=LOCALE)


def format_weekday_long(day: dt.date) -> str:
    """``tirsdag den 24. november 2026``."""
    from babel.dates import format_date

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
