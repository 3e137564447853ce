"""Fields, declared once: one table per aggregate, read by create, edit, import, UI labels and sync.

Each aggregate (the tenant, a household member, the tenancy, the case's own registration fields)
declares its fields in a :class:`FieldTable` next to its service. A :class:`Field` says what the ORM
attribute is called, its Danish label (forms, error messages, the import preview, the sync conflict
list), what kind of value it holds, its limits, whether it is required and what kind of personal data it
is. :meth:`Field.parse` turns what a form, the "Ny sag" dialog or the termination list gives into a clean
value or raises :class:`~boligdesk.errors.UserInputError` with a Danish message. So a value one path
refuses is refused by all.

This module knows neither Qt nor SQLAlchemy. A rule that needs the store (such as "the estate exists and
is not deleted") asks :attr:`Context.exists`, which the service fills in from its session.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import Enum, StrEnum
from typing import Any

from boligdesk.budget.calendar import add_months, format_short, parse_date
from boligdesk.budget.money import Money, parse_money
from boligdesk.budget.shown_text import has_control_characters
from boligdesk.errors import UserInputError


class PersonalData(StrEnum):
    """What kind of personal data a field holds (GDPR: erasure and the citizen's access export).

    * ``PLAIN`` — facts of the case that say nothing about who the person is on their own: amounts,
      the case's dates, picklists, counts. Kept in anonymised statistics after erasure.
    * ``IDENTIFYING`` — names or reaches a person: name, phone, e-mail, birth date, address, tenancy
      number. Blanked on erasure; always part of the access export.
    * ``FREE_TEXT`` — what someone wrote in their own words; it may mention anyone and anything. Erased
      with the case; shown in full in the access export.
    * ``DERIVED`` — computed from other fields (age, household counts); never edited on its own, so it
      follows its sources on erasure and is exported as shown.
    """

    PLAIN = "plain"
    IDENTIFYING = "identifying"
    FREE_TEXT = "free_text"
    DERIVED = "derived"


class Kind(Enum):
    TEXT = "text"
    DATE = "date"
    MONEY = "money"
    INT = "int"
    ENUM = "enum"
    BOOL = "bool"
    REF = "ref"  # the id of another row (checked with Context.exists)


@dataclass(frozen=True, slots=True)
class Context:
    """What the rules need besides the value: today's date and, for references, a look-up."""

    today: dt.date
    #: ``exists(ref_kind, id)``: the referenced row exists and is not deleted (``None``: not checked).
    exists: Callable[[str, str], bool] | None = None


Bound = Any  # a value, or ``Callable[[dt.date], value]`` for limits relative to today


@dataclass(frozen=True, slots=True)
class Limit:
    """A lowest or highest allowed value. ``message`` may say ``{shown}``: the value as Danes read it."""

    value: Bound
    code: str
    message: str

    def bound(self, today: dt.date) -> Any:
        return self.value(today) if callable(self.value) else self.value


#: An extra rule: raises :class:`UserInputError` for a bad (non-empty) clean value.
Rule = Callable[["Field", Any, Context], None]


@dataclass(frozen=True, slots=True)
class Field:
    """One field of an aggregate, with everything every path needs to accept or refuse a value."""

    name: str
    label: str
    kind: Kind
    pd: PersonalData
    required: bool = False
    max_length: int | None = None
    minimum: Limit | None = None
    maximum: Limit | None = None
    enum: type[Enum] | None = None
    #: The definite form used in messages ("Efternavnet er for lang …"); defaults to the label.
    noun: str = ""
    missing_code: str = "field.missing"
    missing: str = ""
    rules: tuple[Rule, ...] = ()
    ref: str = ""  # for Kind.REF: what ``Context.exists`` is asked about ("estate")
    #: The clean value of an empty, optional field when it is not ``""``/``None`` (rent: 0 kr.).
    empty: Any = None
    #: Text may hold line breaks and tabs (free text). Other text is one line: a newline or any other
    #: control character in a name, an address or an id is refused (it came from a broken file).
    multiline: bool = False

    def error(self, code: str, message: str, params: Mapping[str, Any] | None = None) -> UserInputError:
        return UserInputError(self.name, code, message, params)

    def _missing(self) -> UserInputError:
        return self.error(self.missing_code, self.missing or f"Udfyld »{self.label}«.")

    def parse(self, value: object, ctx: Context) -> Any:
        """``value`` (typed, or text as typed in a form) → the clean value, or :class:`UserInputError`.

        Empty (``""``/``None``) gives ``""`` for text and ``None`` otherwise, or the "missing" message when
        the field is required. A value of a type the field cannot hold is a bug (``TypeError``).
        """
        clean = self._convert(value)
        if clean is None or clean == "":
            if self.required:
                raise self._missing()
            return clean if self.empty is None else self.empty
        self._check_limits(clean, ctx)
        for rule in self.rules:
            rule(self, clean, ctx)
        return clean

    def _convert(self, value: object) -> Any:
        kind = self.kind
        if kind in (Kind.TEXT, Kind.REF):
            if value is None:
                return "" if kind is Kind.TEXT else None
            _expect(self, value, str)
            assert isinstance(value, str)
            text = value.strip()
            return text if (text or kind is Kind.TEXT) else None
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if kind is Kind.DATE:
            if isinstance(value, str):
                return parse_date(value, field=self.name)
            if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
                raise TypeError(f"{self.name}: expected a date, got {type(value).__name__}")
            return value
        if kind is Kind.MONEY:
            if isinstance(value, str):
                return parse_money(value, field=self.name, allow_negative=True)
            _expect(self, value, Money)
            return value
        if kind is Kind.INT:
            if isinstance(value, str):
                raw = value.strip()
                if not raw.isdigit():
                    raise self.error("number.invalid", self._range_text(), {"text": raw})
                return int(raw)
            if isinstance(value, bool) or not isinstance(value, int):
                raise TypeError(f"{self.name}: expected an int, got {type(value).__name__}")
            return value
        if kind is Kind.ENUM:
            assert self.enum is not None
            if isinstance(value, self.enum):
                return value
            if isinstance(value, str) and value in self.enum._value2member_map_:
                return self.enum(value)
            raise TypeError(f"{self.name}: expected {self.enum.__name__}, got {value!r}")
        _expect(self, value, bool)
        return value

    def _range_text(self) -> str:
        for limit in (self.minimum, self.maximum):
            if limit is not None and "{shown}" not in limit.message:
                return limit.message
        return f"{self.noun or self.label} skal være et helt tal."

    def _check_limits(self, clean: Any, ctx: Context) -> None:
        if self.kind is Kind.TEXT and self.max_length is not None and len(clean) > self.max_length:
            noun = self.noun or self.label
            raise self.error(
                "text.too_long",
                f"{noun} er for lang (højst {self.max_length} tegn).",
                {"max": self.max_length},
            )
        if self.kind is Kind.TEXT and has_control_characters(clean, allow="\n\r\t" if self.multiline else ""):
            noun = self.noun or self.label
            where = "kontroltegn" if self.multiline else "linjeskift eller andre kontroltegn"
            raise self.error("text.control_characters", f"{noun} må ikke indeholde {where}.")
        low = self.minimum
        if low is not None and clean < low.bound(ctx.today):
            raise self.error(low.code, low.message.format(shown=shown(clean)))
        high = self.maximum
        if high is not None and clean > high.bound(ctx.today):
            raise self.error(high.code, high.message.format(shown=shown(clean)))


def _expect(f: Field, value: object, kind: type) -> None:
    if not isinstance(value, kind):
        raise TypeError(f"{f.name}: expected {kind.__name__}, got {type(value).__name__}")


def shown(value: object) -> str:
    """A clean value as the adviser reads it."""
    if isinstance(value, Money):
        return value.format()
    if isinstance(value, dt.date):
        return format_short(value)
    label = getattr(value, "label", None)
    return str(label) if label is not None else str(value)


@dataclass(frozen=True)
class FieldTable:
    """The fields of one aggregate (one ORM model), in form order."""

    entity: str  # the audit/entity name: "person"
    table: str  # the SQL table name (sync conflicts): "persons"
    fields: tuple[Field, ...]
    _by_name: dict[str, Field] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_name", {f.name: f for f in self.fields})
        if len(self._by_name) != len(self.fields):
            raise ValueError(f"{self.entity}: a field is declared twice")

    def __getitem__(self, name: str) -> Field:
        return self._by_name[name]

    def __contains__(self, name: object) -> bool:
        return name in self._by_name

    def __iter__(self) -> Iterator[Field]:
        return iter(self.fields)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def label(self, name: str) -> str:
        return self[name].label

    def labels(self) -> dict[str, str]:
        return {f.name: f.label for f in self.fields}

    def parse(self, name: str, value: object, ctx: Context) -> Any:
        """One field's clean value (:class:`KeyError` for a name the table does not have)."""
        return self[name].parse(value, ctx)

    def validate(self, values: Mapping[str, object], ctx: Context) -> dict[str, Any]:
        """Every given field cleaned, in table order; the first bad one raises (a required field given
        empty included). Fields not given are not looked at."""
        unknown = set(values) - set(self._by_name)
        if unknown:
            raise KeyError(f"{self.entity} has no field {sorted(unknown)}")
        return {f.name: f.parse(values[f.name], ctx) for f in self.fields if f.name in values}

    def sort_out(
        self, values: Mapping[str, object], ctx: Context
    ) -> tuple[dict[str, Any], list[UserInputError]]:
        """Like :meth:`validate`, but keeps going: the good values, and one error per bad field."""
        good: dict[str, Any] = {}
        errors: list[UserInputError] = []
        for f in self.fields:
            if f.name not in values:
                continue
            try:
                good[f.name] = f.parse(values[f.name], ctx)
            except UserInputError as exc:
                errors.append(exc)
        return good, errors


# --- building blocks the tables share ----------------------------------------------------------------


def years_ahead(years: int) -> Callable[[dt.date], dt.date]:
    return lambda today: add_months(today, 12 * years)


def not_before_year(year: int, noun: str) -> Limit:
    return Limit(dt.date(year, 1, 1), "date.too_old", f"{noun} ligger før {year}. Tjek årstallet.")


def not_far_ahead(noun: str, years: int = 1) -> Limit:
    return Limit(
        years_ahead(years),
        "date.far_future",
        f"{noun} ligger mere end et år ude i fremtiden. Tjek årstallet.",
    )


def not_after_today(code: str, message: str) -> Limit:
    return Limit(lambda today: today, code, message)


def must_exist(code: str, message: str) -> Rule:
    """For a reference: the row exists and is not deleted (asked through :attr:`Context.exists`)."""

    def rule(f: Field, value: Any, ctx: Context) -> None:
        if ctx.exists is not None and not ctx.exists(f.ref, value):
            raise f.error(code, message)

    return rule


def all_labels(tables: Iterable[FieldTable]) -> dict[str, dict[str, str]]:
    """``{sql table: {field: label}}`` for the sync conflict list."""
    return {t.table: t.labels() for t in tables}
