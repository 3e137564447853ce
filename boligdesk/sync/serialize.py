"""Synced rows as JSON-safe dicts and back.

A row travels as ``{column name: value}`` over *all* columns of its table, sync columns included
(``id``, ``created_at``, ``updated_at`` (HLC), ``updated_by``, ``deleted``, ``field_clocks``):

* text stays text, integers and booleans stay as they are;
* :class:`~boligdesk.budget.money.Money` becomes integer øre (never a float);
* dates, datetimes and times become ISO strings;
* enum members become their English code (``"eviction_threat"``);
* binary data (a letter's PDF) becomes base64 text.

The same serialised form is what merge compares and what a :class:`SyncConflict` keeps as JSON text,
so two values are "the same" exactly when their serialised forms are equal.
"""

from __future__ import annotations

import base64
import datetime as dt
import enum
import json
import re
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from typing import Any

from sqlalchemy import Boolean, Column, Date, DateTime, Enum, Integer, LargeBinary, Table, Time
from sqlalchemy.engine import Dialect

from boligdesk.budget.money import Money
from boligdesk.models import SYNCED_MODELS, Synced
from boligdesk.models.base import MoneyType

JsonValue = None | bool | int | str
SerialRow = dict[str, JsonValue]

Encoder = Callable[[Any], JsonValue]
Decoder = Callable[[JsonValue], Any]


def _keep(value: Any) -> JsonValue:
    return value  # type: ignore[no-any-return]


def _money_out(value: Any) -> JsonValue:
    return None if value is None else int(value.ore)


def _money_in(value: JsonValue) -> Any:
    return None if value is None else Money(int(value))


def _iso_out(value: Any) -> JsonValue:
    return None if value is None else str(value.isoformat())


def _date_in(value: JsonValue) -> Any:
    return None if value is None else dt.date.fromisoformat(str(value))


def _datetime_in(value: JsonValue) -> Any:
    return None if value is None else dt.datetime.fromisoformat(str(value))


def _time_in(value: JsonValue) -> Any:
    return None if value is None else dt.time.fromisoformat(str(value))


def _enum_out(value: Any) -> JsonValue:
    if value is None:
        return None
    return str(value.value) if isinstance(value, enum.Enum) else str(value)


def _bytes_out(value: Any) -> JsonValue:
    return None if value is None else base64.b64encode(bytes(value)).decode("ascii")


def _bytes_in(value: JsonValue) -> Any:
    return None if value is None else base64.b64decode(str(value).encode("ascii"))


def _bool_in(value: JsonValue) -> Any:
    return None if value is None else bool(value)


def _int_in(value: JsonValue) -> Any:
    return None if value is None else int(value)


def _codec(column: Column[Any]) -> tuple[Encoder, Decoder]:
    col_type = column.type
    if isinstance(col_type, MoneyType):
        return _money_out, _money_in
    if isinstance(col_type, Enum):
        enum_class = col_type.enum_class

        def enum_in(value: JsonValue) -> Any:
            if value is None:
                return None
            return enum_class(value) if enum_class is not None else value

        return _enum_out, enum_in
    if isinstance(col_type, DateTime):
        return _iso_out, _datetime_in
    if isinstance(col_type, Date):
        return _iso_out, _date_in
    if isinstance(col_type, Time):
        return _iso_out, _time_in
    if isinstance(col_type, LargeBinary):
        return _bytes_out, _bytes_in
    if isinstance(col_type, Boolean):
        return _keep, _bool_in
    if isinstance(col_type, Integer):
        return _keep, _int_in
    return _keep, _keep


def _chain(first: Callable[[Any], Any], then: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda value: then(first(value))


class TableCodec:
    """Encoders/decoders for every column of one synced table."""

    def __init__(self, model: type[Synced]) -> None:
        table = model.__table__  # type: ignore[attr-defined]
        assert isinstance(table, Table)
        self.model = model
        self.table = table
        self.name: str = table.name
        self.columns: tuple[str, ...] = tuple(c.name for c in table.columns)
        self._encoders: dict[str, Encoder] = {}
        self._decoders: dict[str, Decoder] = {}
        for column in table.columns:
            self._encoders[column.name], self._decoders[column.name] = _codec(column)
        # Only the columns whose value changes on the way are converted (per-row Python work: with
        # 10,000 rows a call per column and row was a fifth of a sync, issue 15).
        self._encoded = tuple((n, f) for n, f in self._encoders.items() if f is not _keep)
        self._decoded = tuple((n, f) for n, f in self._decoders.items() if f is not _keep)

    def encode(self, row: Mapping[Any, Any]) -> SerialRow:
        """A database row (Core mapping or dict of Python values) as a JSON-safe dict."""
        out = {name: row[name] for name in self.columns}
        for name, convert in self._encoded:
            out[name] = convert(out[name])
        return out

    def encode_values(self, values: Sequence[Any]) -> SerialRow:
        """A database row given as its values in column order (a Core ``Row`` of ``select(table)``)."""
        out = dict(zip(self.columns, values, strict=True))
        for name, convert in self._encoded:
            out[name] = convert(out[name])
        return out

    def stored_encoder(self, dialect: Dialect) -> Callable[[Sequence[Any]], SerialRow]:
        """``encode`` for a row read with plain SQL (``SELECT`` of every column, in column order, on the
        driver): SQLAlchemy's own result conversion of the dialect, then the encoder, only for the columns
        that need either — the same serialised row as ``encode`` of a Core row, without a Core ``Row``
        per row (sending 10,000 rows, issue 15). Each distinct date, enum or amount is converted once
        while the returned encoder lives (make one per read), and a date-time written as SQLite stores it
        is turned into its ISO text directly (:func:`iso_from_stored`)."""
        steps: list[tuple[str, Callable[[Any], Any]]] = []
        for column in self.table.columns:
            load = column.type.dialect_impl(dialect).result_processor(dialect, None)
            out = self._encoders[column.name]
            if load is not None and out is not _keep:
                steps.append((column.name, _chain(load, out)))
            elif load is not None:
                steps.append((column.name, load))
            elif out is not _keep:
                steps.append((column.name, out))
        columns = self.columns
        convert = tuple((name, _faster(self.table.columns[name], step)) for name, step in steps)

        def encode_stored(values: Sequence[Any]) -> SerialRow:
            row = dict(zip(columns, values, strict=True))
            for name, step in convert:
                row[name] = step(row[name])
            return row

        return encode_stored

    def decoder(self, name: str) -> Decoder | None:
        """The decoder of column ``name``; ``None`` when the serialised value is the Python value."""
        convert = self._decoders[name]
        return None if convert is _keep else convert

    def decode_value(self, name: str, value: JsonValue) -> Any:
        return self._decoders[name](value)

    def decode(self, row: Mapping[str, JsonValue]) -> dict[str, Any]:
        """A serialised row back to Python values for a Core insert/update (unknown keys dropped)."""
        if len(row) == len(self.columns) and all(name in row for name in self.columns):
            out = dict(row)
        else:
            out = {name: row[name] for name in self.columns if name in row}
        for name, convert in self._decoded:
            if name in out:
                out[name] = convert(out[name])
        return out


STORED_PROBE = "2026-01-02 03:04:05.000006"
ISO_PROBE = "2026-01-02T03:04:05.000006"
_DATETIME_DIGITS = r"[0-9]{4}-[0-9]{2}-[0-9]{2}%s[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}"
_STORED_DATETIME = re.compile(_DATETIME_DIGITS % " ")
_ISO_DATETIME = re.compile(_DATETIME_DIGITS % "T")


def _faster(column: Column[Any], convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``convert`` (stored value → serialised value) as a fresh per-read closure: date-times in SQLite's
    text form turned into ISO text directly, dates, enums and amounts remembered per distinct value,
    booleans, plain integers and bytes (a letter's PDF is not kept in memory) converted as they come."""
    if isinstance(column.type, DateTime) and convert(STORED_PROBE) == ISO_PROBE:
        return iso_from_stored(convert)
    if isinstance(column.type, Boolean | Integer | LargeBinary) and not isinstance(column.type, MoneyType):
        return convert
    return remember(convert)


def iso_from_stored(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``convert`` of a date-time column for text as SQLite stores it (``YYYY-MM-DD HH:MM:SS.ffffff``):
    its ISO form is the same digits with a ``T``, unless the microseconds are 0 (``isoformat`` leaves
    them out). The text is still parsed, so a date that does not exist fails as before; anything else
    takes ``convert``. Parsing and formatting each date-time was a tenth of sending 10,000 rows."""
    parse = dt.datetime.fromisoformat

    def to_iso(value: Any) -> Any:
        if (
            value.__class__ is str
            and len(value) == 26
            and not value.endswith(".000000")
            and _STORED_DATETIME.fullmatch(value)
        ):
            parse(value)
            return f"{value[:10]}T{value[11:]}"
        return convert(value)

    return to_iso


def stored_from_iso(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """The other way (receiving): ``convert`` (ISO text → stored text) for what a sender writes, an ISO
    date-time with microseconds, whose stored form is the same digits with a space for the ``T``."""
    parse = dt.datetime.fromisoformat

    def to_stored(value: Any) -> Any:
        if value.__class__ is str and len(value) == 26 and _ISO_DATETIME.fullmatch(value):
            parse(value)
            return f"{value[:10]} {value[11:]}"
        return convert(value)

    return to_stored


def remember(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``convert`` with each distinct value converted once while the closure lives (one read, one
    insert): dates, enums and amounts repeat across 10,000 rows. A value that cannot be a dictionary key
    (not one any BoligDesk writes) is converted — or fails — as on its own. 1 and True (0 and False) are
    one key: every conversion here treats them alike (a test holds it)."""
    memo: dict[Any, Any] = {}

    def remembered(value: Any) -> Any:
        try:
            return memo[value]
        except KeyError:
            out = memo[value] = convert(value)
            return out
        except TypeError:
            return convert(value)

    return remembered


@cache
def codecs() -> dict[str, TableCodec]:
    """Codec per synced table name, in dependency order (parents before children)."""
    return {codec.name: codec for codec in (TableCodec(m) for m in SYNCED_MODELS)}


def table_order() -> tuple[str, ...]:
    return tuple(codecs())


def value_text(value: JsonValue) -> str:
    """A serialised value as the JSON text kept in :class:`SyncConflict` rows."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def value_from_text(text: str) -> JsonValue:
    value: JsonValue = json.loads(text)
    return value
