"""Reading one cell of a termination list as an amount, a date or text, with Danish messages.

Every function raises :class:`~boligdesk.errors.UserInputError` whose message starts with the column's
Danish name (``Restance: …``), so it can be shown as the reason a row was rejected.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from functools import lru_cache

from boligdesk.budget.calendar import FIRST_YEAR, format_short, parse_date
from boligdesk.budget.money import MAX_AMOUNT, Money, parse_money, too_large
from boligdesk.budget.shown_text import quoted_value
from boligdesk.errors import UserInputError
from boligdesk.importers.tabular import Cell, cell_text, number_text

_EXCEL_EPOCH = dt.date(1899, 12, 30)
# Serial day numbers 20000–80000 are the years 1954–2119: a bare number in a date column is Excel's
# date of a cell formatted as "Standard" instead of as a date.
_EXCEL_SERIAL_RANGE = (20000, 80000)
_TIME_SUFFIX = re.compile(r"^(\S+)\s+(kl\.?\s*)?\d{1,2}[:.]\d{2}([:.]\d{2})?$", re.IGNORECASE)
_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "maj": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "okt": 10,
    "nov": 11,
    "dec": 12,
}
_LONG_DATE = re.compile(r"^(\d{1,2})\.?[\s\-]*([a-zæøå]{3})[a-zæøå]*\.?[\s\-]*(\d{4})$", re.IGNORECASE)
_LEADING_UNIT = re.compile(r"^(kr\.?|dkk)\s*", re.IGNORECASE)


def text_of(cell: Cell) -> str:
    """Text columns (names, tenancy numbers, phone numbers): a number cell loses no digits or ``,0``."""
    if type(cell) is str:  # the common case, first: every cell of a text file
        return cell.strip()
    if isinstance(cell, Decimal):
        return number_text(cell)
    return cell_text(cell).strip()


def money_of(cell: Cell, label: str) -> Money:
    """An amount of zero or more: ``1.234,50``, ``1234,5``, ``kr. 1.234,50`` or an Excel number.

    An amount above :data:`~boligdesk.budget.money.MAX_AMOUNT` (an Excel cell of ``1e300``, a
    30-digit text) is refused like any other bad amount, naming the column.
    """
    raw = cell_text(cell)
    if isinstance(cell, Decimal):
        if abs(cell) > MAX_AMOUNT.kroner:
            error = too_large(raw)
            raise UserInputError(error.field, error.code, f"{label}: {error.message}", error.params)
        ore = cell * 100
        if ore != ore.to_integral_value():
            raise UserInputError(
                "amount",
                "money.too_many_decimals",
                f"{label}: »{quoted_value(raw)}« har mere end to decimaler.",
                {"text": raw},
            )
        amount = Money(int(ore))
    elif isinstance(cell, dt.date):
        raise UserInputError(
            "amount",
            "money.invalid",
            f"{label}: »{quoted_value(raw)}« er en dato, ikke et beløb.",
            {"text": raw},
        )
    else:
        amount = _money_of_text(raw, label)
    if amount.is_negative():
        raise UserInputError(
            "amount", "money.negative", f"{label}: Beløbet »{quoted_value(raw)}« er negativt.", {"text": raw}
        )
    return amount


def date_of(cell: Cell, label: str) -> dt.date:
    """A date: an Excel date cell, ``05-03-2026``, ``5.3.2026``, ``2026-03-05``, ``5. marts 2026``.

    A date before 1900 is refused, also when it comes as an Excel date cell.
    """
    if isinstance(cell, dt.date):
        if cell.year < FIRST_YEAR:
            raise UserInputError(
                "date",
                "date.too_old",
                f"{label}: Datoen »{cell_text(cell)}« ligger før {FIRST_YEAR}. Tjek årstallet.",
            )
        return cell
    raw = cell_text(cell)
    if isinstance(cell, Decimal):
        low, high = _EXCEL_SERIAL_RANGE
        if cell == cell.to_integral_value() and low <= cell <= high:
            return _EXCEL_EPOCH + dt.timedelta(days=int(cell))
        raise UserInputError(
            "date",
            "date.invalid",
            f"{label}: »{quoted_value(raw)}« er ikke en dato. Skriv dag.måned.år, fx 24.11.2026.",
            {"text": raw},
        )
    return _date_of_text(raw, label)


@lru_cache(maxsize=4096)
def _money_of_text(raw: str, label: str) -> Money:
    """An amount written as text (cached: rents and arrears repeat across a list; a bad one raises and
    is not cached, so its message is built afresh)."""
    try:
        return parse_money(_LEADING_UNIT.sub("", raw), field="amount", allow_negative=True)
    except UserInputError as exc:
        raise UserInputError(exc.field, exc.code, f"{label}: {exc.message}", exc.params) from exc


@lru_cache(maxsize=2048)
def _date_of_text(raw: str, label: str) -> dt.date:
    """A date written as text (cached: a list repeats the same few dates thousands of times)."""
    text = raw.strip()
    if match := _TIME_SUFFIX.match(text):
        text = match.group(1)
    if match := _LONG_DATE.match(text):
        month = _MONTHS.get(match.group(2).casefold())
        if month is not None:
            text = f"{match.group(1)}.{month}.{match.group(3)}"
    try:
        return parse_date(text, field="date")
    except UserInputError as exc:
        message = exc.message.replace(f"»{quoted_value(text)}«", f"»{quoted_value(raw)}«")
        raise UserInputError(exc.field, exc.code, f"{label}: {message}", exc.params) from exc


def not_far_future(day: dt.date, label: str, today: dt.date) -> None:
    """The same limit as the "Ny sag" form: more than a year ahead is a typing error in the year."""
    if day > today + dt.timedelta(days=366):
        raise UserInputError(
            "date",
            "case.termination_far_future",
            f"{label}: Datoen {format_short(day)} ligger mere end et år ude i fremtiden. Tjek årstallet.",
        )


def split_name(full: str) -> tuple[str, str]:
    """``"Hansen, Jens Peter"`` → ``("Jens Peter", "Hansen")``; ``"Jens Peter Hansen"`` → the same.

    Lists from landlords' systems often write "Efternavn, Fornavn"; otherwise the last word is the last
    name. Nothing is lost: first and last name together are the whole name.
    """
    text = " ".join(full.split())
    if "," in text:
        last, _, first = text.partition(",")
        first, last = first.strip(), last.strip()
        if first and last:
            return first, last
        text = (first or last).strip()
    if " " not in text:
        return text, ""
    first, _, last = text.rpartition(" ")
    return first, last
