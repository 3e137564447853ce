"""A team's own spreadsheet of open cases (the caseload it brings along when it adopts BoligDesk).

Read with the termination list's hardened reader (:mod:`boligdesk.importers.terminations`): header row
among the first ten, every value checked against the field tables of "Ny sag", every reason for a
rejected row listed at once, bad optional contact data (postcode, city, rent, phone, e-mail) left out with
a warning, sum rows skipped. Only the name and the address are required columns
(:data:`~boligdesk.importers.headers.CASELOAD_REQUIRED`); the rest is read when the column is there:
lejemålsnr., afdeling (must be one of BoligDesk's estates when filled), sagstype (a BoligDesk case type,
by its Danish name), oprettet, restance, ophævelsesdato, påkravsdato, husleje, rådgiver, noter.

A row is **one case**. Its key is the estate and tenancy number when the row has a tenancy number, else
the tenant's name and the address: the same key twice in one file is imported once when the rows agree,
and not at all when they differ.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from boligdesk.budget.money import Money
from boligdesk.budget.shown_text import quoted_value
from boligdesk.budget.vocabulary import CaseKind
from boligdesk.importers.headers import CASELOAD_REQUIRED, Column, map_headers, normalise
from boligdesk.importers.tabular import Sheet, SheetRow, cell_text, read_sheets
from boligdesk.importers.terminations import (
    STEP_EVERY,
    EstateIndex,
    EstateRef,
    RejectedRow,
    RowStep,
    _estate,
    _header_text,
    _is_total_row,
    _name,
    _postcode_city,
    _RowReader,
    find_header,
    tenancy_key,
)
from boligdesk.services.cases import CASE_FIELDS
from boligdesk.services.fields import Context
from boligdesk.services.tenancy import TENANCY_FIELDS
from boligdesk.services.tenant import TENANT_FIELDS

#: Longest adviser name and note the import takes (a longer cell is a pasted document, not a note).
ADVISER_MAX = 100
NOTE_MAX = 20_000
_KINDS = {normalise(k.label): k for k in CaseKind} | {normalise(k.value): k for k in CaseKind}


@dataclass(frozen=True)
class CaseloadRow:
    line: int
    cells: tuple[str, ...]
    first_name: str
    last_name: str
    address_line: str
    postcode: str
    city: str
    tenancy_number: str
    estate_id: str | None
    estate_label: str
    kind: CaseKind
    opened_on: dt.date | None
    arrears: Money
    rent: Money | None
    termination_on: dt.date | None
    reminder_sent_on: dt.date | None
    phone: str
    email: str
    adviser: str
    notes: str
    warnings: tuple[str, ...] = ()

    @property
    def tenant_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def key(self) -> tuple[str, str]:
        """Estate and tenancy number; without a number, the tenant's name and the address."""
        if self.tenancy_number:
            return (self.estate_id or "", tenancy_key(self.tenancy_number))
        return (normalise(self.tenant_name), normalise(self.address_line))

    def same_facts(self, other: CaseloadRow) -> bool:
        ignore = {"line", "cells", "warnings"}
        return all(
            getattr(self, n) == getattr(other, n) for n in self.__dataclass_fields__ if n not in ignore
        )


@dataclass(frozen=True)
class Caseload:
    source_name: str
    header_line: int
    headers: tuple[str, ...]
    rows: tuple[CaseloadRow, ...]
    rejected: tuple[RejectedRow, ...]
    total_lines: tuple[int, ...]


def read_caseload(
    path: Path, estates: Sequence[EstateRef], today: dt.date, *, step: RowStep | None = None
) -> Caseload:
    """Read and check ``path``; :class:`~boligdesk.importers.tabular.ImportFileError` when unusable."""
    sheet, header = find_header(read_sheets(path), path.name, CASELOAD_REQUIRED)
    return _check_rows(sheet, header, estates, today, path.name, step)


def _check_rows(
    sheet: Sheet,
    header: SheetRow,
    estates: Sequence[EstateRef],
    today: dt.date,
    source_name: str,
    step: RowStep | None,
) -> Caseload:
    headers = tuple(_header_text(c) for c in header.cells)
    columns = map_headers(headers)
    index = EstateIndex(estates)
    good: list[CaseloadRow] = []
    rejected: list[RejectedRow] = []
    totals: list[int] = []
    clean: dict[tuple[int, object], object] = {}
    for done, row in enumerate(sheet.rows):
        if step is not None and done % STEP_EVERY == 0:
            step(done, len(sheet.rows))
        if row.line <= header.line:
            continue
        if _is_total_row(row):
            totals.append(row.line)
            continue
        result = _check_row(row, headers, columns, index, today, clean)
        if isinstance(result, CaseloadRow):
            good.append(result)
        else:
            rejected.append(result)
    kept, repeats = _drop_repeats(good, columns)
    rejected = sorted([*rejected, *repeats], key=lambda r: r.line)
    return Caseload(source_name, header.line, headers, tuple(kept), tuple(rejected), tuple(totals))


def _check_row(
    row: SheetRow,
    headers: tuple[str, ...],
    columns: dict[Column, int],
    estates: EstateIndex,
    today: dt.date,
    clean: dict[tuple[int, object], object],
) -> CaseloadRow | RejectedRow:
    read = _RowReader(row, headers, columns, clean)
    ctx = Context(today)
    tenant, tenancy, case = TENANT_FIELDS, TENANCY_FIELDS, CASE_FIELDS
    first_name, last_name = _name(
        read.cell(Column.NAME), read.cell(Column.FIRST_NAME), read.cell(Column.LAST_NAME)
    )
    name_column = Column.NAME if Column.NAME in columns else Column.FIRST_NAME
    if not first_name:
        read.reasons.append("Lejerens navn mangler.")
    first_name = read.checked(tenant["first_name"], name_column, first_name, ctx, required=True)
    last_column = Column.NAME if Column.NAME in columns else Column.LAST_NAME
    last_name = read.checked(tenant["last_name"], last_column, last_name, ctx, required=True)
    address = read.text(Column.ADDRESS, missing="Adresse mangler.")
    address = read.checked(tenancy["address_line"], Column.ADDRESS, address, ctx, required=True)
    postcode, city = _postcode_city(
        read.cell(Column.POSTCODE), read.cell(Column.CITY), read.cell(Column.POSTCODE_CITY)
    )
    place_column = Column.POSTCODE if Column.POSTCODE in columns else Column.POSTCODE_CITY
    postcode = read.checked(tenancy["postcode"], place_column, postcode, ctx, required=False)
    city_column = Column.CITY if Column.CITY in columns else place_column
    city = read.checked(tenancy["city"], city_column, city, ctx, required=False)
    number = read.text(Column.TENANCY_NUMBER)
    number = read.checked(tenancy["tenancy_number"], Column.TENANCY_NUMBER, number, ctx, required=True)
    estate_text = read.text(Column.ESTATE)
    estate = _estate(estate_text, estates, read.reasons) if estate_text else None
    kind = _kind(read.text(Column.CASE_KIND), read.reasons)
    opened_on = read.date(Column.OPENED_ON, today, required=False)
    opened_on = read.checked(case["opened_on"], Column.OPENED_ON, opened_on, ctx, required=True)
    if opened_on is not None and opened_on > today:
        read.reasons.append(f"{read.label(Column.OPENED_ON)}: sagen kan ikke være oprettet i fremtiden.")
    arrears = read.money(Column.ARREARS, required=False) or Money(0)
    arrears = read.checked(case["arrears"], Column.ARREARS, arrears, ctx, required=True)
    rent = read.optional_money(Column.RENT)
    rent = read.checked(tenancy["rent"], Column.RENT, rent, ctx, required=False)
    termination_on = read.date(Column.TERMINATION_ON, today, required=False)
    termination_on = read.checked(
        case["termination_on"], Column.TERMINATION_ON, termination_on, ctx, required=True
    )
    reminder = read.date(Column.REMINDER_SENT_ON, today, required=False)
    reminder = read.checked(case["reminder_sent_on"], Column.REMINDER_SENT_ON, reminder, ctx, required=True)
    phone = read.checked(tenant["phone"], Column.PHONE, read.text(Column.PHONE), ctx, required=False)
    email = read.checked(tenant["email"], Column.EMAIL, read.text(Column.EMAIL), ctx, required=False)
    adviser = _short_text(read, Column.ADVISER, ADVISER_MAX)
    notes = cell_text(read.cell(Column.NOTES)).strip()
    if len(notes) > NOTE_MAX:
        read.reasons.append(
            f"{read.label(Column.NOTES)}: noten er længere end {NOTE_MAX:,} tegn.".replace(",", ".")
        )
    if kind is None:
        kind = CaseKind.EVICTION_THREAT if (arrears or termination_on) else CaseKind.ADVICE
    texts = tuple(cell_text(c) for c in row.cells)
    if read.reasons:
        values = {column: cell_text(read.cell(column)) for column in columns}
        values.setdefault(Column.NAME, f"{first_name} {last_name}".strip())
        return RejectedRow(row.line, tuple(read.reasons), texts, values)
    return CaseloadRow(
        line=row.line,
        cells=texts,
        first_name=first_name,
        last_name=last_name,
        address_line=address,
        postcode=postcode,
        city=city,
        tenancy_number=number,
        estate_id=estate.id if estate else None,
        estate_label=estate.label if estate else "",
        kind=kind,
        opened_on=opened_on,
        arrears=arrears,
        rent=rent,
        termination_on=termination_on,
        reminder_sent_on=reminder,
        phone=phone,
        email=email,
        adviser=adviser,
        notes=notes,
        warnings=tuple(read.warnings),
    )


def _kind(text: str, reasons: list[str]) -> CaseKind | None:
    if not text:
        return None
    kind = _KINDS.get(normalise(text))
    if kind is None:
        names = ", ".join(f"»{k.label}«" for k in CaseKind)
        reasons.append(f"Sagstypen »{quoted_value(text)}« findes ikke i BoligDesk. Brug en af {names}.")
    return kind


def _short_text(read: _RowReader, column: Column, longest: int) -> str:
    """A one-line text; one with control characters or too long is left out with a warning."""
    text = " ".join(read.text(column).split())
    raw = cell_text(read.cell(column))
    if any(ord(ch) < 32 and ch not in "\t\r\n" for ch in raw) or len(text) > longest:
        read.warnings.append(
            f"{read.label(column)}: »{quoted_value(text)}« kan ikke bruges. Værdien er ikke importeret."
        )
        return ""
    return text


def _drop_repeats(
    rows: list[CaseloadRow], columns: dict[Column, int]
) -> tuple[list[CaseloadRow], list[RejectedRow]]:
    groups: dict[tuple[str, str], list[CaseloadRow]] = defaultdict(list)
    for row in rows:
        groups[row.key].append(row)
    kept: list[CaseloadRow] = []
    rejected: list[RejectedRow] = []
    for group in groups.values():
        first = group[0]
        if len(group) == 1:
            kept.append(first)
            continue
        if all(first.same_facts(other) for other in group[1:]):
            kept.append(first)
            reason = (
                f"Samme sag og samme oplysninger som række {first.line}; sagen er kun importeret én gang."
            )
            rejected.extend(_as_rejected(row, columns, reason) for row in group[1:])
        else:
            lines = " og ".join([", ".join(str(r.line) for r in group[:-1]), str(group[-1].line)])
            reason = (
                f"Samme lejemål står flere gange med forskellige oplysninger (række {lines}). "
                "Ret arket, så hver sag kun står én gang."
            )
            rejected.extend(_as_rejected(row, columns, reason) for row in group)
    kept.sort(key=lambda r: r.line)
    return kept, rejected


def _as_rejected(row: CaseloadRow, columns: dict[Column, int], reason: str) -> RejectedRow:
    values = {column: row.cells[i] if i < len(row.cells) else "" for column, i in columns.items()}
    values.setdefault(Column.NAME, row.tenant_name)
    return RejectedRow(row.line, (reason,), row.cells, values)
