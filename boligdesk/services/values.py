"""Small checks shared by the case's services: text, dates, enums and ages as the adviser enters them.

Each raises :class:`~boligdesk.errors.UserInputError` (a Danish message, nothing saved) for a value the
adviser can correct, and ``TypeError`` for a value of the wrong type (a programming error).
"""

from __future__ import annotations

import datetime as dt
from typing import TypeVar

from boligdesk.budget.calendar import add_months
from boligdesk.budget.household import age_on
from boligdesk.budget.vocabulary import LabelledEnum
from boligdesk.errors import UserInputError

#: Dates further ahead than this many years are refused as typing errors.
MAX_YEARS_AHEAD = 1

_E = TypeVar("_E", bound=LabelledEnum)


def require_type(value: object, kinds: type | tuple[type, ...], field: str) -> None:
    if not isinstance(value, kinds):
        raise TypeError(f"{field}: unexpected value type {type(value).__name__}")


def text(value: object, field: str, max_len: int, label: str) -> str:
    """``value`` stripped; refused when longer than ``max_len`` (``label`` names it in the message)."""
    require_type(value, str, field)
    assert isinstance(value, str)
    result = value.strip()
    if len(result) > max_len:
        raise UserInputError(
            field, "text.too_long", f"{label} er for lang (højst {max_len} tegn).", {"max": max_len}
        )
    return result


def optional_date(value: object, field: str) -> dt.date | None:
    if value is not None and (not isinstance(value, dt.date) or isinstance(value, dt.datetime)):
        raise TypeError(f"{field}: expected a date")
    return value


def not_far_ahead(day: dt.date | None, today: dt.date, field: str, what: str) -> None:
    if day is not None and day > add_months(today, 12 * MAX_YEARS_AHEAD):
        raise UserInputError(
            field, "date.far_future", f"{what} ligger mere end et år ude i fremtiden. Tjek årstallet."
        )


def not_ancient(day: dt.date | None, field: str, what: str, earliest_year: int = 1990) -> None:
    if day is not None and day.year < earliest_year:
        raise UserInputError(field, "date.too_old", f"{what} ligger før {earliest_year}. Tjek årstallet.")


def optional_enum(value: object, enum_cls: type[_E], field: str) -> _E | None:
    if value is None:
        return None
    if isinstance(value, enum_cls):
        return value
    if isinstance(value, str) and value in enum_cls._value2member_map_:
        return enum_cls(value)
    raise TypeError(f"{field}: expected {enum_cls.__name__}")


def enum_value(value: object, enum_cls: type[_E], field: str) -> _E:
    result = optional_enum(value, enum_cls, field)
    if result is None:
        raise TypeError(f"{field}: expected {enum_cls.__name__}, got None")
    return result


def age(birth_date: dt.date | None, on: dt.date) -> int | None:
    """Whole years from ``birth_date`` to ``on``; ``None`` when unknown or not born yet."""
    if birth_date is None or birth_date > on:
        return None
    return age_on(birth_date, on)
