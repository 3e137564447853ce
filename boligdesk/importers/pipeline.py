"""The one row loop every list import goes through: the termination list, new tenants, the caseload.

A list is described by a small :class:`ListSpec`: the columns it needs, how one row is read into a checked
row (its ``check`` function, given a :class:`RowReader`), the key that says two rows are the same
tenancy or case, and the two reasons for a repeat. :func:`read_list` does the rest, the same for all:

* the file is read (:mod:`boligdesk.importers.tabular`) and the header row found among the first ten rows
  (:func:`find_header`); a file without one is refused as a whole, naming the missing columns;
* every row after it is read with one :class:`RowReader`: each problem becomes a Danish reason and
  reading goes on, so a rejected row (:class:`RejectedRow`) lists everything that is wrong with it, with
  its row number as Excel shows it; a bad optional value is left out with a warning instead;
* each distinct cell value of a column is parsed and checked **once per file** (dates, amounts, estates,
  postcodes and cities repeat thousands of times in a list);
* sum rows ("I alt", "Total", "Sum", "Samlet") are skipped, not rejected;
* **the same key twice in one file**: when the rows say the same, the first is used and the others are
  rejected as repeats; when they differ, all of them are rejected (BoligDesk cannot know which is right).

``step(done, total)`` is called every :data:`STEP_EVERY` rows (progress; it may raise to cancel).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from boligdesk.budget.calendar import format_short
from boligdesk.budget.money import Money
from boligdesk.budget.shown_text import quoted_value
from boligdesk.errors import UserInputError
from boligdesk.importers import cells
from boligdesk.importers.headers import REQUIRED, Column, hint, map_headers, missing_required, normalise
from boligdesk.importers.tabular import Cell, ImportFileError, Sheet, SheetRow, cell_text, read_sheets
from boligdesk.services.cases import CASE_FIELDS, check_arrears_against_rent
from boligdesk.services.fields import Context, Field, Kind
from boligdesk.services.tenancy import TENANCY_FIELDS
from boligdesk.services.tenant import TENANT_FIELDS

T = TypeVar("T")
RowStep = Callable[[int, int], None]
#: How often (in rows) reading reports progress (and may be cancelled).
STEP_EVERY = 250
HEADER_SEARCH_ROWS = 10
_TOTAL_WORDS = frozenset({"ialt", "total", "sum", "samlet"})
_TOTAL_FIRST = frozenset("iItTsS")
_ESTATE_PREFIXES = ("afdeling", "afd")
_LEADING_ZEROS = re.compile(r"^0+(?=\d)")
_UNKNOWN: Any = object()
_NO_LIMIT = 1 << 62


# --- estates ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EstateRef:
    """An estate as the importer needs it (built from the store's ``Estate`` rows)."""

    id: str
    number: str
    name: str
    association_name: str = ""

    @property
    def label(self) -> str:
        return f"{self.number} {self.name}".strip()

    @property
    def duplicate_key(self) -> tuple[str, str]:
        """Two estates with the same association name and number (or name, without one) are one estate
        entered twice, e.g. by two profiles set up separately and then synced."""
        return (normalise(self.association_name), normalise(self.number) or normalise(self.name))


class EstateIndex:
    """Finds an estate by number (``12``, ``012``, ``Afd. 12``), name or number and name."""

    def __init__(self, estates: Iterable[EstateRef]) -> None:
        self._by_key: dict[str, set[str]] = defaultdict(set)
        self._by_id: dict[str, EstateRef] = {}
        self._found: dict[str, list[EstateRef]] = {}
        for estate in estates:
            self._by_id[estate.id] = estate
            for key in _estate_keys(estate.number) | _estate_keys(estate.name) | _estate_keys(estate.label):
                self._by_key[key].add(estate.id)

    def find(self, text: str) -> list[EstateRef]:
        found = self._found.get(text)  # a list names a handful of estates, thousands of times
        if found is None:
            ids: set[str] = set()
            for key in _estate_keys(text):
                ids |= self._by_key.get(key, set())
            found = self._found[text] = sorted((self._by_id[i] for i in ids), key=lambda e: e.label)
        return list(found)


def _estate_keys(text: str) -> set[str]:
    key = normalise(text)
    if not key:
        return set()
    keys = {key}
    for prefix in _ESTATE_PREFIXES:
        if key.startswith(prefix) and len(key) > len(prefix):
            keys.add(key[len(prefix) :])
            break
    keys |= {_LEADING_ZEROS.sub("", k) for k in keys}
    return keys


def find_estate(text: str, estates: EstateIndex) -> EstateRef | str:
    """The one estate ``text`` names, or the Danish reason why there is none (not found, ambiguous,
    or entered twice in BoligDesk)."""
    found = estates.find(text)
    if len(found) == 1:
        return found[0]
    if not found:
        return (
            f"Afdelingen »{quoted_value(text)}« findes ikke i BoligDesk. "
            "Ret afdelingen i listen, eller opret den i BoligDesk først."
        )
    if duplicates := _duplicates(found):
        labels = ", ".join(dict.fromkeys(f"{e.association_name} · {e.label}" for e in duplicates))
        return (
            f"Afdelingen »{quoted_value(text)}« findes {len(duplicates)} gange i BoligDesk ({labels}) og "
            "ligner en dublet, fx fra to profiler, der blev oprettet hver for sig og siden synkroniseret. "
            "Flet dem i Indstillinger → Boligorganisationer og afdelinger (»Flet afdelinger«), og importér igen."
        )
    labels = ", ".join(e.label for e in found)
    return f"Afdelingen »{quoted_value(text)}« passer på flere afdelinger ({labels}). Skriv den entydigt."


def _duplicates(found: Sequence[EstateRef]) -> list[EstateRef]:
    """The estates among ``found`` that share their association name and number with another one."""
    keys = Counter(e.duplicate_key for e in found if e.association_name.strip())
    duplicates = [e for e in found if e.association_name.strip() and keys[e.duplicate_key] > 1]
    return sorted(duplicates, key=lambda e: (e.association_name, e.label, e.id))


def tenancy_key(number: str) -> str:
    """Tenancy numbers compare without case and spaces: ``"12-034 a"`` = ``"12-034A"``."""
    return "".join(number.split()).casefold()


# --- rows ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckedRow:
    """What every list's checked row has; each list's row adds its own facts (keyword-only).
    ``cells`` is the row as written in the file."""

    line: int
    cells: tuple[str, ...]
    first_name: str
    last_name: str
    address_line: str
    postcode: str
    city: str
    phone: str
    email: str
    #: Optional values left out because they broke their field's rule (Danish, one per value).
    warnings: tuple[str, ...] = ()

    @property
    def tenant_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def same_facts(self, other: CheckedRow) -> bool:
        """True when both rows say the same (only line number, spelling of the cells and warnings may
        differ)."""
        ignore = {"line", "cells", "warnings"}
        return all(
            getattr(self, f.name) == getattr(other, f.name)
            for f in dataclasses.fields(self)
            if f.name not in ignore
        )


R = TypeVar("R", bound=CheckedRow)


@dataclass(frozen=True)
class RejectedRow:
    """A row that is not imported, with every reason (Danish) and the row as written in the file."""

    line: int
    reasons: tuple[str, ...]
    cells: tuple[str, ...]
    values: dict[Column, str]

    @property
    def reason(self) -> str:
        return " ".join(self.reasons)

    def value(self, column: Column) -> str:
        return self.values.get(column, "")


@dataclass(frozen=True)
class ListSpec(Generic[R]):
    """What makes one list different from the others."""

    #: The columns the header row must name (``Navn`` may instead be ``Fornavn`` + ``Efternavn``).
    required: tuple[Column, ...]
    #: Reads one row with the reader; returns the checked row, or None when a required fact is missing
    #: (every reason is in ``reader.reasons`` then; a row with reasons is rejected whatever it returns).
    check: Callable[[RowReader], R | None]
    #: Two rows with the same key are the same tenancy (or case).
    key: Callable[[R], Hashable]
    #: The reason a repeat of ``first`` that says the same is not imported.
    same_reason: Callable[[R], str]
    #: The reason rows with one key that differ are not imported; the second argument names the rows.
    differ_reason: Callable[[R, str], str]


@dataclass(frozen=True)
class ParsedList(Generic[R]):
    """A read and checked file."""

    source_name: str
    sheet_title: str
    header_line: int
    headers: tuple[str, ...]
    columns: dict[Column, int]
    rows: tuple[R, ...]
    rejected: tuple[RejectedRow, ...]
    total_lines: tuple[int, ...]


def read_list(
    path: Path,
    spec: ListSpec[R],
    estates: Sequence[EstateRef],
    today: dt.date,
    *,
    step: RowStep | None = None,
) -> ParsedList[R]:
    """Read and check ``path``. Raises :class:`ImportFileError` when the file as a whole is unusable."""
    sheet, header = find_header(read_sheets(path), path.name, spec.required)
    return check_rows(sheet, header, spec, estates, today, source_name=path.name, step=step)


def find_header(
    sheets: Sequence[Sheet], name: str, required: Sequence[Column] = REQUIRED
) -> tuple[Sheet, SheetRow]:
    """The first sheet and row naming every ``required`` column, or :class:`ImportFileError`."""
    best: tuple[int, Sheet, SheetRow] | None = None
    for sheet in sheets:
        for row in sheet.rows[:HEADER_SEARCH_ROWS]:
            found = map_headers([_header_text(c) for c in row.cells])
            if not missing_required(found, required):
                return sheet, row
            if best is None or len(found) > best[0]:
                best = (len(found), sheet, row)
    if best is None:
        raise ImportFileError("import.no_rows", f"Filen »{name}« indeholder ingen rækker.")
    _, sheet, row = best
    headers = [_header_text(c) for c in row.cells]
    missing = missing_required(map_headers(headers), required)
    shown = [h for h in headers if h][:15]
    hints = [hint(c) for c in missing]
    listed = hints[0] if len(hints) == 1 else f"{', '.join(hints[:-1])} og {hints[-1]}"
    noun = "kolonnen" if len(missing) == 1 else "kolonnerne"
    raise ImportFileError(
        "import.column_missing",
        f"Filen mangler {noun} {listed}. "
        f"Overskrifter fundet i række {row.line}: {', '.join(shown) or '(ingen)'}.",
    )


def check_rows(
    sheet: Sheet,
    header: SheetRow,
    spec: ListSpec[R],
    estates: Sequence[EstateRef],
    today: dt.date,
    *,
    source_name: str,
    step: RowStep | None = None,
) -> ParsedList[R]:
    """The one row loop: every row below ``header`` checked by ``spec.check``, then repeats dropped."""
    headers = tuple(_header_text(c) for c in header.cells)
    columns = map_headers(headers)
    reader = RowReader(headers, columns, EstateIndex(estates), today)
    good: list[R] = []
    rejected: list[RejectedRow] = []
    totals: list[int] = []
    rows = sheet.rows
    total = len(rows)
    check = spec.check
    for done, row in enumerate(rows):
        if step is not None and done % STEP_EVERY == 0:
            step(done, total)
        if row.line <= header.line:
            continue
        if _is_total_row(row):
            totals.append(row.line)
            continue
        reader.start(row)
        result = check(reader)
        if result is None or reader.reasons:
            rejected.append(reader.rejected())
        else:
            good.append(result)
    kept, repeats = _drop_repeats(good, columns, spec)
    rejected.extend(repeats)
    rejected.sort(key=lambda r: r.line)
    return ParsedList(
        source_name=source_name,
        sheet_title=sheet.title,
        header_line=header.line,
        headers=headers,
        columns=columns,
        rows=tuple(kept),
        rejected=tuple(rejected),
        total_lines=tuple(totals),
    )


def _header_text(cell: Cell) -> str:
    return cell if isinstance(cell, str) else ""


def _is_total_row(row: SheetRow) -> bool:
    first = next((c for c in row.cells if c is not None), None)
    if not isinstance(first, str):
        return False
    # The first letter first: one set look-up per row instead of normalising every row's first cell.
    letter = first[:1]
    if letter.isalnum() and letter not in _TOTAL_FIRST:
        return False
    return normalise(first) in _TOTAL_WORDS


def _drop_repeats(
    rows: list[R], columns: dict[Column, int], spec: ListSpec[R]
) -> tuple[list[R], list[RejectedRow]]:
    groups: dict[Hashable, list[R]] = defaultdict(list)
    for row in rows:
        groups[spec.key(row)].append(row)
    if len(groups) == len(rows):
        return rows, []
    kept: list[R] = []
    rejected: list[RejectedRow] = []
    for group in groups.values():
        first = group[0]
        if len(group) == 1:
            kept.append(first)
        elif all(first.same_facts(other) for other in group[1:]):
            kept.append(first)
            reason = spec.same_reason(first)
            rejected.extend(_as_rejected(row, columns, reason) for row in group[1:])
        else:
            lines = " og ".join([", ".join(str(r.line) for r in group[:-1]), str(group[-1].line)])
            reason = spec.differ_reason(first, lines)
            rejected.extend(_as_rejected(row, columns, reason) for row in group)
    kept.sort(key=lambda r: r.line)
    return kept, rejected


def _as_rejected(row: CheckedRow, columns: dict[Column, int], reason: str) -> RejectedRow:
    values = {column: row.cells[i] if i < len(row.cells) else "" for column, i in columns.items()}
    values.setdefault(Column.NAME, row.tenant_name)
    return RejectedRow(row.line, (reason,), row.cells, values)


# --- reading one row -------------------------------------------------------------------------------


class RowReader:
    """Reads the cells of one row at a time (one reader per file). Each problem becomes a Danish reason
    and reading goes on, so a rejected row lists everything that is wrong with it at once.

    Values are cleaned once per file: a value already cleaned by a field (and a date or amount cell
    already read in a column) is looked up, not parsed again."""

    def __init__(
        self, headers: tuple[str, ...], columns: dict[Column, int], estates: EstateIndex, today: dt.date
    ) -> None:
        self.columns = columns
        self.today = today
        self.ctx = Context(today)  # the estate is checked against the live estates by ``estates``
        self.estates = estates
        #: The column's name as the file writes it, so the sender recognises it.
        self._labels = {column: headers[i] or column.label for column, i in columns.items()}
        self._clean: dict[tuple[int, object], object] = {}
        #: Longest value of the one-line text fields without other rules (fields are module constants).
        self._plain_text = {
            id(f): f.max_length or _NO_LIMIT
            for f in (*TENANT_FIELDS, *TENANCY_FIELDS)
            if f.kind is Kind.TEXT
            and not f.rules
            and not f.multiline
            and f.minimum is None
            and f.maximum is None
        }
        self._cells_read: dict[tuple[Column, Cell], tuple[Any, str | None]] = {}
        self._cells: tuple[Cell, ...] = ()
        self.line = 0
        self.reasons: list[str] = []
        self.warnings: list[str] = []
        self.tenant_name = ""

    def start(self, row: SheetRow) -> None:
        self._cells = row.cells
        self.line = row.line
        self.reasons = []
        self.warnings = []
        self.tenant_name = ""

    def cell(self, column: Column) -> Cell:
        index = self.columns.get(column)
        if index is None:
            return None
        row_cells = self._cells
        return row_cells[index] if index < len(row_cells) else None

    def has(self, column: Column) -> bool:
        return column in self.columns

    def label(self, column: Column) -> str:
        return self._labels.get(column) or column.label

    def texts(self) -> tuple[str, ...]:
        """The row as written in the file, every cell as text."""
        return tuple(c if type(c) is str else cell_text(c) for c in self._cells)

    def rejected(self) -> RejectedRow:
        values = {column: cell_text(self.cell(column)) for column in self.columns}
        values.setdefault(Column.NAME, self.tenant_name)
        return RejectedRow(self.line, tuple(self.reasons), self.texts(), values)

    def checked(self, f: Field, column: Column, value: T, *, required: bool) -> T:
        """``value`` cleaned by its field's rule. A bad required fact is a reason to reject the row; a bad
        optional value is left out (the field's empty value) with a warning."""
        if value is None or value == "":
            return value
        longest = self._plain_text.get(id(f))
        if longest is not None and isinstance(value, str) and len(value) <= longest and value.isprintable():
            # A one-line text field with no rule but its length: printable text of that length is what
            # Field.parse would accept, so the (mostly unique) names and addresses skip it.
            clean_text: Any = value.strip()
            if clean_text:
                return clean_text  # type: ignore[no-any-return]
        key = (id(f), value)  # fields are module-level constants
        known = self._clean.get(key, _UNKNOWN)
        if known is not _UNKNOWN:
            return known  # type: ignore[return-value]
        try:
            clean: T = f.parse(value, self.ctx)
            self._clean[key] = clean
        except UserInputError as exc:
            text = f"{self.label(column)}: {exc.message}"
            if required:
                self.reasons.append(text)
                return value
            self.warnings.append(f"{text} Værdien er ikke importeret.")
            return "" if isinstance(value, str) else None  # type: ignore[return-value]
        return clean

    def text(self, column: Column, *, missing: str = "") -> str:
        value = cells.text_of(self.cell(column))
        if not value and missing:
            self.reasons.append(missing)
        return value

    def field_text(self, f: Field, column: Column, *, missing: str = "", required: bool = True) -> str:
        """A text column cleaned by its field: bad is a reason (``required``) or a warning."""
        return self.checked(f, column, self.text(column, missing=missing), required=required)

    def date(self, column: Column, f: Field, *, needed: bool) -> dt.date | None:
        """A date column, checked by its field; an empty cell is a reason when ``needed``."""
        return self._value(column, f, self._date_of, needed=needed)  # type: ignore[no-any-return]

    def money(self, column: Column, f: Field, *, needed: bool) -> Money | None:
        """An amount column, checked by its field; an empty cell is a reason when ``needed``."""
        return self._value(column, f, self._money_of, needed=needed)  # type: ignore[no-any-return]

    def optional_money(self, column: Column, f: Field) -> Money | None:
        """An optional amount: one that is not an amount, or breaks its field's rule, is left out with a
        warning."""
        before = len(self.reasons)
        amount = self.money(column, f, needed=False)
        if len(self.reasons) > before:
            self.warnings.append(f"{self.reasons.pop()} Værdien er ikke importeret.")
            return None
        return amount

    def _value(self, column: Column, f: Field, read: Callable[[Cell, str], Any], *, needed: bool) -> Any:
        """The cell read by ``read`` and cleaned by ``f``, once per distinct cell of the column."""
        value = self.cell(column)
        if value is None:
            if needed:
                self.reasons.append(f"{self.label(column)} mangler.")
            return None
        key = (column, value)
        known = self._cells_read.get(key)
        if known is None:
            label = self.label(column)
            try:
                known = (self._parsed(f, read(value, label), label), None)
            except UserInputError as exc:
                known = (None, exc.message)
            self._cells_read[key] = known
        clean, reason = known
        if reason is not None:
            self.reasons.append(reason)
        return clean

    def _parsed(self, f: Field, value: object, label: str) -> Any:
        try:
            return f.parse(value, self.ctx)
        except UserInputError as exc:
            raise UserInputError(exc.field, exc.code, f"{label}: {exc.message}", exc.params) from exc

    def _date_of(self, value: Cell, label: str) -> dt.date:
        day = cells.date_of(value, label)
        cells.not_far_future(day, label, self.today)
        return day

    @staticmethod
    def _money_of(value: Cell, label: str) -> Money:
        return cells.money_of(value, label)

    def estate(self, *, needed: bool) -> EstateRef | None:
        """The estate the row names (one of BoligDesk's); empty is a reason when ``needed``."""
        text = self.text(Column.ESTATE, missing="Afdeling mangler." if needed else "")
        if not text:
            return None
        found = find_estate(text, self.estates)
        if isinstance(found, str):
            self.reasons.append(found)
            return None
        return found


# --- the parts every list shares -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Tenant:
    first_name: str
    last_name: str
    address_line: str
    postcode: str
    city: str


def read_tenant(read: RowReader) -> Tenant:
    """The tenant's name and the tenancy's address, the same in every list: the name from ``Navn``
    (``"Efternavn, Fornavn"`` or ``"Fornavn Efternavn"``) or ``Fornavn`` + ``Efternavn``; the postcode and
    city from their own columns or one ``Postnr. og by`` column. Name and address are required; a bad
    postcode or city is left out with a warning."""
    tenant, tenancy = TENANT_FIELDS, TENANCY_FIELDS
    first_name, last_name = _name(
        read.cell(Column.NAME), read.cell(Column.FIRST_NAME), read.cell(Column.LAST_NAME)
    )
    read.tenant_name = f"{first_name} {last_name}".strip()
    has_name = read.has(Column.NAME)
    if not first_name:
        read.reasons.append("Lejerens navn mangler.")
    name_column = Column.NAME if has_name else Column.FIRST_NAME
    first_name = read.checked(tenant["first_name"], name_column, first_name, required=True)
    last_column = Column.NAME if has_name else Column.LAST_NAME
    last_name = read.checked(tenant["last_name"], last_column, last_name, required=True)
    address = read.field_text(tenancy["address_line"], Column.ADDRESS, missing="Adresse mangler.")
    postcode, city = _postcode_city(
        read.cell(Column.POSTCODE), read.cell(Column.CITY), read.cell(Column.POSTCODE_CITY)
    )
    place_column = Column.POSTCODE if read.has(Column.POSTCODE) else Column.POSTCODE_CITY
    postcode = read.checked(tenancy["postcode"], place_column, postcode, required=False)
    city_column = Column.CITY if read.has(Column.CITY) else place_column
    city = read.checked(tenancy["city"], city_column, city, required=False)
    return Tenant(first_name, last_name, address, postcode, city)


def read_contact(read: RowReader) -> dict[str, str]:
    """Phone and e-mail: optional, a bad one is left out with a warning."""
    tenant = TENANT_FIELDS
    phone = read.field_text(tenant["phone"], Column.PHONE, required=False)
    email = read.field_text(tenant["email"], Column.EMAIL, required=False)
    return {"phone": phone, "email": email}


def row_facts(read: RowReader, tenant: Tenant, contact: dict[str, str]) -> dict[str, Any]:
    """What every checked row holds: its line, the cells as written, the tenant, the address, the phone
    and e-mail and the warnings."""
    return {
        "line": read.line,
        "cells": read.texts(),
        "first_name": tenant.first_name,
        "last_name": tenant.last_name,
        "address_line": tenant.address_line,
        "postcode": tenant.postcode,
        "city": tenant.city,
        "warnings": tuple(read.warnings),
        **contact,
    }


def read_tenancy_number(read: RowReader, *, needed: bool) -> str:
    """The tenancy number (lejemålsnummer); an empty one is a reason when ``needed``."""
    missing = "Lejemålsnummer mangler." if needed else ""
    return read.field_text(TENANCY_FIELDS["tenancy_number"], Column.TENANCY_NUMBER, missing=missing)


@dataclass(frozen=True, slots=True)
class Arrears:
    """The arrears, the rent and the termination's dates of a row (``None``: empty, or rejected)."""

    arrears: Money | None
    rent: Money | None
    termination_on: dt.date | None
    reminder_sent_on: dt.date | None


def read_arrears(read: RowReader, *, needed: bool) -> Arrears:
    """Arrears (restance), rent (husleje, optional), termination date (ophævelse) and påkrav date, with
    the "Ny sag" rules between them: the arrears at most ten years of rent, the påkrav not after the
    termination. ``needed``: the arrears and the termination date must be there."""
    case = CASE_FIELDS
    arrears = read.money(Column.ARREARS, case["arrears"], needed=needed)
    rent = read.optional_money(Column.RENT, TENANCY_FIELDS["rent"])
    if arrears is not None:
        try:
            check_arrears_against_rent(arrears, rent)
        except UserInputError as exc:
            read.reasons.append(f"{read.label(Column.ARREARS)}: {exc.message}")
    termination_on = read.date(Column.TERMINATION_ON, case["termination_on"], needed=needed)
    reminder_sent_on = read.date(Column.REMINDER_SENT_ON, case["reminder_sent_on"], needed=False)
    if termination_on and reminder_sent_on and reminder_sent_on > termination_on:
        read.reasons.append(
            f"Påkravsdatoen {format_short(reminder_sent_on)} ligger efter ophævelsesdatoen "
            f"{format_short(termination_on)}."
        )
    return Arrears(arrears, rent, termination_on, reminder_sent_on)


def _name(full: Cell, first: Cell, last: Cell) -> tuple[str, str]:
    first_text, last_text = cells.text_of(first), cells.text_of(last)
    if first_text:
        return " ".join(first_text.split()), " ".join(last_text.split())
    return cells.split_name(cells.text_of(full))


def _postcode_city(postcode: Cell, city: Cell, combined: Cell) -> tuple[str, str]:
    code, town = cells.text_of(postcode), cells.text_of(city)
    both = cells.text_of(combined)
    if both and not (code or town):
        first, _, rest = both.partition(" ")
        if first.isdigit():
            return first, rest.strip()
        return "", both
    return code, town
