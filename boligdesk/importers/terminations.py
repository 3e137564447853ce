"""The landlord's monthly termination list (ophævelsesliste): read it and check every row.

:func:`read_termination_list` turns a CSV or XLSX file (see :mod:`boligdesk.importers.tabular`) into
checked :class:`TerminationRow` objects and :class:`RejectedRow` objects with Danish reasons. It reads
the file only; matching rows against existing cases is done by
:mod:`boligdesk.services.import_terminations`.

Rules (each one tested):

* The header row is the first row (of the first ten) that names every required column
  (:data:`~boligdesk.importers.headers.REQUIRED`); title rows above it are skipped. A file without such a
  row is refused as a whole, naming the missing columns and the headers that were found.
* Every value is checked against the same field tables as "Ny sag" and the case view
  (:mod:`boligdesk.services.tenant`, :mod:`~boligdesk.services.tenancy`, :mod:`~boligdesk.services.cases`).
* A row is rejected, with every problem it has, only for a **required fact**: when the tenancy number,
  the name, the address, the estate, the arrears or the termination date is missing or bad; when a date
  (termination or påkrav) does not exist, is more than a year ahead or breaks its field's rule; when the
  påkrav date lies after the termination date; when the arrears are negative or not an amount; or when
  the estate is not one of BoligDesk's estates (matched by number or name, ``012`` = ``12`` = ``Afd. 12``).
* Implausible values are bad values (the bounds live in the field tables, so "Ny sag" and editing agree):
  arrears above 1.000.000 kr. or above ten years of the row's rent, amounts too large to be true, dates
  before 1900 (``01.01.0001`` is year 1, never 2001), newlines or control characters in ids, names and
  addresses, names longer than their field allows. A reason quotes at most 40 characters of a value.
* A bad **optional** value (phone, e-mail, postcode, city, rent) is left out and the row imported with a
  warning that says so: a tenant at risk must never go unwritten-to because of a malformed phone number.
* **The same tenancy twice in one file** (same tenancy number in the same estate): if the rows say
  exactly the same, the first is used and the others are rejected as repeats; if they differ, *all* of
  them are rejected, because BoligDesk cannot know which one is right. Rows already rejected for other
  reasons do not count.
* Sum rows at the bottom (first filled cell "I alt", "Total", "Sum") are skipped, not rejected.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from boligdesk.budget.calendar import format_short
from boligdesk.budget.money import Money
from boligdesk.budget.shown_text import quoted_value
from boligdesk.errors import UserInputError
from boligdesk.importers import cells
from boligdesk.importers.headers import (
    REQUIRED,
    Column,
    hint,
    map_headers,
    missing_required,
    normalise,
)
from boligdesk.importers.tabular import Cell, ImportFileError, Sheet, SheetRow, cell_text, read_sheets
from boligdesk.services.cases import CASE_FIELDS, check_arrears_against_rent
from boligdesk.services.fields import Context, Field
from boligdesk.services.tenancy import TENANCY_FIELDS
from boligdesk.services.tenant import TENANT_FIELDS

T = TypeVar("T")
RowStep = Callable[[int, int], None]
_UNKNOWN = object()
#: How often (in rows) reading reports progress (and may be cancelled).
STEP_EVERY = 250

HEADER_SEARCH_ROWS = 10
_TOTAL_WORDS = frozenset({"ialt", "total", "sum", "samlet"})
_ESTATE_PREFIXES = ("afdeling", "afd")
_LEADING_ZEROS = re.compile(r"^0+(?=\d)")


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


@dataclass(frozen=True)
class TerminationRow:
    """A row that passed every check. ``cells`` is the row as written in the file."""

    line: int
    cells: tuple[str, ...]
    tenancy_number: str
    first_name: str
    last_name: str
    address_line: str
    postcode: str
    city: str
    estate_id: str
    estate_label: str
    arrears: Money
    rent: Money | None
    termination_on: dt.date
    reminder_sent_on: dt.date | None
    phone: str
    email: str
    #: Optional values left out because they broke their field's rule (Danish, one per value).
    warnings: tuple[str, ...] = ()

    @property
    def tenant_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def same_facts(self, other: TerminationRow) -> bool:
        """True when both rows say the same (only line number and spelling of the cells may differ)."""
        ignore = {"line", "cells", "warnings"}
        return all(
            getattr(self, name) == getattr(other, name)
            for name in self.__dataclass_fields__
            if name not in ignore
        )


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
class TerminationList:
    """A read and checked file."""

    source_name: str
    sheet_title: str
    header_line: int
    headers: tuple[str, ...]
    columns: dict[Column, int]
    rows: tuple[TerminationRow, ...]
    rejected: tuple[RejectedRow, ...]
    total_lines: tuple[int, ...]


def read_termination_list(
    path: Path, estates: Sequence[EstateRef], today: dt.date, *, step: RowStep | None = None
) -> TerminationList:
    """Read and check ``path``. Raises :class:`ImportFileError` when the file as a whole is unusable.

    ``step(done, total)`` is called every :data:`STEP_EVERY` rows (progress; it may raise to cancel)."""
    sheets = read_sheets(path)
    sheet, header = find_header(sheets, path.name)
    return check_rows(sheet, header, estates, today, source_name=path.name, step=step)


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
    estates: Sequence[EstateRef],
    today: dt.date,
    *,
    source_name: str,
    step: RowStep | None = None,
) -> TerminationList:
    headers = tuple(_header_text(c) for c in header.cells)
    columns = map_headers(headers)
    estate_index = EstateIndex(estates)
    good: list[TerminationRow] = []
    rejected: list[RejectedRow] = []
    totals: list[int] = []
    clean_values: dict[tuple[int, object], object] = {}  # per file: cleaned with the same ``today``
    total = len(sheet.rows)
    for done, row in enumerate(sheet.rows):
        if step is not None and done % STEP_EVERY == 0:
            step(done, total)
        if row.line <= header.line:
            continue
        if _is_total_row(row):
            totals.append(row.line)
            continue
        result = _check_row(row, headers, columns, estate_index, today, clean_values)
        if isinstance(result, TerminationRow):
            good.append(result)
        else:
            rejected.append(result)
    kept, repeats = _drop_repeats(good, columns)
    rejected.extend(repeats)
    rejected.sort(key=lambda r: r.line)
    return TerminationList(
        source_name=source_name,
        sheet_title=sheet.title,
        header_line=header.line,
        headers=headers,
        columns=columns,
        rows=tuple(kept),
        rejected=tuple(rejected),
        total_lines=tuple(totals),
    )


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


# --- one row ---------------------------------------------------------------------------------------


def _header_text(cell: Cell) -> str:
    return cell if isinstance(cell, str) else ""


def _is_total_row(row: SheetRow) -> bool:
    first = next((c for c in row.cells if c is not None), None)
    return isinstance(first, str) and normalise(first) in _TOTAL_WORDS


class _RowReader:
    """Reads the cells of one row. Each problem becomes a Danish reason and reading goes on, so a
    rejected row lists everything that is wrong with it at once."""

    def __init__(
        self,
        row: SheetRow,
        headers: tuple[str, ...],
        columns: dict[Column, int],
        clean_values: dict[tuple[int, object], object] | None = None,
    ) -> None:
        self._row = row
        #: Values already cleaned by a field in this file (postcodes, cities, dates and rents repeat).
        self._clean = {} if clean_values is None else clean_values
        self._headers = headers
        self._columns = columns
        self.reasons: list[str] = []
        self.warnings: list[str] = []

    def cell(self, column: Column) -> Cell:
        index = self._columns.get(column)
        if index is None:
            return None
        row_cells = self._row.cells
        return row_cells[index] if index < len(row_cells) else None

    def label(self, column: Column) -> str:
        """The column's name as the file writes it, so the sender recognises it."""
        index = self._columns.get(column)
        return (self._headers[index] if index is not None else "") or column.label

    def checked(self, f: Field, column: Column, value: T, ctx: Context, *, required: bool) -> T:
        """``value`` cleaned by its field's rule. A bad required fact is a reason to reject the row; a bad
        optional value is left out (the field's empty value) with a warning."""
        if value is None or value == "":
            return value
        key = (id(f), value)  # fields are module-level constants
        known = self._clean.get(key, _UNKNOWN)
        if known is not _UNKNOWN:
            return known  # type: ignore[return-value]
        try:
            clean: T = f.parse(value, ctx)
            self._clean[key] = clean
        except UserInputError as exc:
            text = f"{self.label(column)}: {exc.message}"
            if required:
                self.reasons.append(text)
                return value
            self.warnings.append(f"{text} Værdien er ikke importeret.")
            return "" if isinstance(value, str) else None  # type: ignore[return-value]
        return clean

    def optional_money(self, column: Column) -> Money | None:
        """An optional amount: one that is not an amount is left out with a warning."""
        value = self.cell(column)
        if value is None:
            return None
        try:
            return cells.money_of(value, self.label(column))
        except UserInputError as exc:
            self.warnings.append(f"{exc.message} Værdien er ikke importeret.")
            return None

    def text(self, column: Column, *, missing: str = "") -> str:
        value = cells.text_of(self.cell(column))
        if not value and missing:
            self.reasons.append(missing)
        return value

    def money(self, column: Column, *, required: bool) -> Money | None:
        value = self.cell(column)
        if value is None:
            if required:
                self.reasons.append(f"{self.label(column)} mangler.")
            return None
        try:
            return cells.money_of(value, self.label(column))
        except UserInputError as exc:
            self.reasons.append(exc.message)
            return None

    def date(self, column: Column, today: dt.date, *, required: bool) -> dt.date | None:
        value = self.cell(column)
        if value is None:
            if required:
                self.reasons.append(f"{self.label(column)} mangler.")
            return None
        try:
            day = cells.date_of(value, self.label(column))
            cells.not_far_future(day, self.label(column), today)
        except UserInputError as exc:
            self.reasons.append(exc.message)
            return None
        return day


def _check_row(
    row: SheetRow,
    headers: tuple[str, ...],
    columns: dict[Column, int],
    estates: EstateIndex,
    today: dt.date,
    clean_values: dict[tuple[int, object], object] | None = None,
) -> TerminationRow | RejectedRow:
    read = _RowReader(row, headers, columns, clean_values)
    ctx = Context(today)  # the estate is checked against the live estates by ``estates``
    tenant, tenancy, case = TENANT_FIELDS, TENANCY_FIELDS, CASE_FIELDS
    tenancy_number = read.text(Column.TENANCY_NUMBER, missing="Lejemålsnummer mangler.")
    tenancy_number = read.checked(
        tenancy["tenancy_number"], Column.TENANCY_NUMBER, tenancy_number, ctx, required=True
    )
    first_name, last_name = _name(
        read.cell(Column.NAME), read.cell(Column.FIRST_NAME), read.cell(Column.LAST_NAME)
    )
    name_column = Column.NAME if Column.NAME in columns else Column.FIRST_NAME
    if not first_name:
        read.reasons.append("Lejerens navn mangler.")
    first_name = read.checked(tenant["first_name"], name_column, first_name, ctx, required=True)
    last_name = read.checked(
        tenant["last_name"],
        Column.NAME if Column.NAME in columns else Column.LAST_NAME,
        last_name,
        ctx,
        required=True,
    )
    address = read.text(Column.ADDRESS, missing="Adresse mangler.")
    address = read.checked(tenancy["address_line"], Column.ADDRESS, address, ctx, required=True)
    postcode, city = _postcode_city(
        read.cell(Column.POSTCODE), read.cell(Column.CITY), read.cell(Column.POSTCODE_CITY)
    )
    place_column = Column.POSTCODE if Column.POSTCODE in columns else Column.POSTCODE_CITY
    postcode = read.checked(tenancy["postcode"], place_column, postcode, ctx, required=False)
    city = read.checked(
        tenancy["city"], Column.CITY if Column.CITY in columns else place_column, city, ctx, required=False
    )
    estate = _estate(read.text(Column.ESTATE, missing="Afdeling mangler."), estates, read.reasons)
    reasons_before_arrears = len(read.reasons)
    arrears = read.money(Column.ARREARS, required=True)
    arrears = read.checked(case["arrears"], Column.ARREARS, arrears, ctx, required=True)
    arrears_ok = len(read.reasons) == reasons_before_arrears
    rent = read.optional_money(Column.RENT)
    rent = read.checked(tenancy["rent"], Column.RENT, rent, ctx, required=False)
    if arrears is not None and arrears_ok:
        try:
            check_arrears_against_rent(arrears, rent)
        except UserInputError as exc:
            read.reasons.append(f"{read.label(Column.ARREARS)}: {exc.message}")
    termination_on = read.date(Column.TERMINATION_ON, today, required=True)
    termination_on = read.checked(
        case["termination_on"], Column.TERMINATION_ON, termination_on, ctx, required=True
    )
    reminder_sent_on = read.date(Column.REMINDER_SENT_ON, today, required=False)
    reminder_sent_on = read.checked(
        case["reminder_sent_on"], Column.REMINDER_SENT_ON, reminder_sent_on, ctx, required=True
    )
    if termination_on and reminder_sent_on and reminder_sent_on > termination_on:
        read.reasons.append(
            f"Påkravsdatoen {format_short(reminder_sent_on)} ligger efter ophævelsesdatoen "
            f"{format_short(termination_on)}."
        )
    phone = read.checked(tenant["phone"], Column.PHONE, read.text(Column.PHONE), ctx, required=False)
    email = read.checked(tenant["email"], Column.EMAIL, read.text(Column.EMAIL), ctx, required=False)

    texts = tuple(c if type(c) is str else cell_text(c) for c in row.cells)
    if read.reasons or estate is None or arrears is None or termination_on is None:
        values = {column: cell_text(read.cell(column)) for column in columns}
        values.setdefault(Column.NAME, f"{first_name} {last_name}".strip())
        return RejectedRow(row.line, tuple(read.reasons), texts, values)
    return TerminationRow(
        line=row.line,
        cells=texts,
        tenancy_number=tenancy_number,
        first_name=first_name,
        last_name=last_name,
        address_line=address,
        postcode=postcode,
        city=city,
        estate_id=estate.id,
        estate_label=estate.label,
        arrears=arrears,
        rent=rent,
        termination_on=termination_on,
        reminder_sent_on=reminder_sent_on,
        phone=phone,
        email=email,
        warnings=tuple(read.warnings),
    )


def _estate(text: str, estates: EstateIndex, reasons: list[str]) -> EstateRef | None:
    if not text:
        return None
    found = estates.find(text)
    if len(found) == 1:
        return found[0]
    if not found:
        reasons.append(
            f"Afdelingen »{quoted_value(text)}« findes ikke i BoligDesk. "
            "Ret afdelingen i listen, eller opret den i BoligDesk først."
        )
    elif duplicates := _duplicates(found):
        labels = ", ".join(dict.fromkeys(f"{e.association_name} · {e.label}" for e in duplicates))
        reasons.append(
            f"Afdelingen »{quoted_value(text)}« findes {len(duplicates)} gange i BoligDesk ({labels}) og "
            "ligner en dublet, fx fra to profiler, der blev oprettet hver for sig og siden synkroniseret. "
            "Flet dem i Indstillinger → Boligorganisationer og afdelinger (»Flet afdelinger«), og importér igen."
        )
    else:
        labels = ", ".join(e.label for e in found)
        reasons.append(
            f"Afdelingen »{quoted_value(text)}« passer på flere afdelinger ({labels}). Skriv den entydigt."
        )
    return None


def _duplicates(found: Sequence[EstateRef]) -> list[EstateRef]:
    """The estates among ``found`` that share their association name and number with another one."""
    keys = Counter(e.duplicate_key for e in found if e.association_name.strip())
    duplicates = [e for e in found if e.association_name.strip() and keys[e.duplicate_key] > 1]
    return sorted(duplicates, key=lambda e: (e.association_name, e.label, e.id))


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


def _drop_repeats(
    rows: list[TerminationRow], columns: dict[Column, int]
) -> tuple[list[TerminationRow], list[RejectedRow]]:
    groups: dict[tuple[str, str], list[TerminationRow]] = defaultdict(list)
    for row in rows:
        groups[(row.estate_id, tenancy_key(row.tenancy_number))].append(row)
    kept: list[TerminationRow] = []
    rejected: list[RejectedRow] = []
    for group in groups.values():
        first = group[0]
        if len(group) == 1:
            kept.append(first)
        elif all(first.same_facts(other) for other in group[1:]):
            kept.append(first)
            rejected.extend(
                _as_rejected(
                    row,
                    columns,
                    f"Samme lejemål og samme oplysninger som række {first.line}; "
                    "lejemålet er kun importeret én gang.",
                )
                for row in group[1:]
            )
        else:
            lines = " og ".join([", ".join(str(r.line) for r in group[:-1]), str(group[-1].line)])
            reason = (
                f"Lejemålsnummer {first.tenancy_number} står flere gange i listen med forskellige "
                f"oplysninger (række {lines}). Ret listen, så lejemålet kun står én gang."
            )
            rejected.extend(_as_rejected(row, columns, reason) for row in group)
    kept.sort(key=lambda r: r.line)
    return kept, rejected


def tenancy_key(number: str) -> str:
    """Tenancy numbers compare without case and spaces: ``"12-034 a"`` = ``"12-034A"``."""
    return "".join(number.split()).casefold()


def _as_rejected(row: TerminationRow, columns: dict[Column, int], reason: str) -> RejectedRow:
    values = {column: row.cells[i] if i < len(row.cells) else "" for column, i in columns.items()}
    values.setdefault(Column.NAME, row.tenant_name)
    return RejectedRow(row.line, (reason,), row.cells, values)
