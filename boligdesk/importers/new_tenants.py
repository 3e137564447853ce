"""The landlord's list of new tenancies (nye lejere, 004 »Rådgivning til nye lejere«): read and check it.

The same hardened reader as the termination list (:mod:`boligdesk.importers.terminations`): the header
row is found among the first ten rows, every value is checked against the field tables of "Ny sag", a
row is rejected with every reason only for a **required fact** (tenancy number, name, address, estate,
move-in date), a bad optional value (postcode, city, rent, phone, e-mail) is left out with a warning,
sum rows are skipped, and the same tenancy twice in one file is imported once when the rows agree and
not at all when they differ. Required columns: :data:`~boligdesk.importers.headers.NEW_TENANT_REQUIRED`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from boligdesk.budget.money import Money
from boligdesk.importers.headers import NEW_TENANT_REQUIRED, Column, map_headers
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
from boligdesk.services.fields import Context
from boligdesk.services.tenancy import TENANCY_FIELDS
from boligdesk.services.tenant import TENANT_FIELDS


@dataclass(frozen=True)
class NewTenantRow:
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
    move_in_on: dt.date
    rent: Money | None
    phone: str
    email: str
    warnings: tuple[str, ...] = ()

    @property
    def tenant_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def same_facts(self, other: NewTenantRow) -> bool:
        ignore = {"line", "cells", "warnings"}
        return all(
            getattr(self, name) == getattr(other, name)
            for name in self.__dataclass_fields__
            if name not in ignore
        )


@dataclass(frozen=True)
class NewTenantList:
    source_name: str
    header_line: int
    headers: tuple[str, ...]
    rows: tuple[NewTenantRow, ...]
    rejected: tuple[RejectedRow, ...]
    total_lines: tuple[int, ...]


def read_new_tenant_list(
    path: Path, estates: Sequence[EstateRef], today: dt.date, *, step: RowStep | None = None
) -> NewTenantList:
    """Read and check ``path``. Raises :class:`~boligdesk.importers.tabular.ImportFileError` when the
    file as a whole is unusable (no rows, a required column missing)."""
    sheets = read_sheets(path)
    sheet, header = find_header(sheets, path.name, NEW_TENANT_REQUIRED)
    return _check_rows(sheet, header, estates, today, path.name, step)


def _check_rows(
    sheet: Sheet,
    header: SheetRow,
    estates: Sequence[EstateRef],
    today: dt.date,
    source_name: str,
    step: RowStep | None,
) -> NewTenantList:
    headers = tuple(_header_text(c) for c in header.cells)
    columns = map_headers(headers)
    index = EstateIndex(estates)
    good: list[NewTenantRow] = []
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
        (good if isinstance(result, NewTenantRow) else rejected).append(result)  # type: ignore[arg-type]
    kept, repeats = _drop_repeats(good, columns)
    rejected = sorted([*rejected, *repeats], key=lambda r: r.line)
    return NewTenantList(source_name, header.line, headers, tuple(kept), tuple(rejected), tuple(totals))


def _check_row(
    row: SheetRow,
    headers: tuple[str, ...],
    columns: dict[Column, int],
    estates: EstateIndex,
    today: dt.date,
    clean: dict[tuple[int, object], object],
) -> NewTenantRow | RejectedRow:
    read = _RowReader(row, headers, columns, clean)
    ctx = Context(today)
    tenant, tenancy = TENANT_FIELDS, TENANCY_FIELDS
    number = read.text(Column.TENANCY_NUMBER, missing="Lejemålsnummer mangler.")
    number = read.checked(tenancy["tenancy_number"], Column.TENANCY_NUMBER, number, ctx, required=True)
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
    estate = _estate(read.text(Column.ESTATE, missing="Afdeling mangler."), estates, read.reasons)
    move_in_on = read.date(Column.MOVE_IN_ON, today, required=True)
    move_in_on = read.checked(tenancy["move_in_date"], Column.MOVE_IN_ON, move_in_on, ctx, required=True)
    rent = read.optional_money(Column.RENT)
    rent = read.checked(tenancy["rent"], Column.RENT, rent, ctx, required=False)
    phone = read.checked(tenant["phone"], Column.PHONE, read.text(Column.PHONE), ctx, required=False)
    email = read.checked(tenant["email"], Column.EMAIL, read.text(Column.EMAIL), ctx, required=False)
    texts = tuple(cell_text(c) for c in row.cells)
    if read.reasons or estate is None or move_in_on is None:
        values = {column: cell_text(read.cell(column)) for column in columns}
        values.setdefault(Column.NAME, f"{first_name} {last_name}".strip())
        return RejectedRow(row.line, tuple(read.reasons), texts, values)
    return NewTenantRow(
        line=row.line,
        cells=texts,
        tenancy_number=number,
        first_name=first_name,
        last_name=last_name,
        address_line=address,
        postcode=postcode,
        city=city,
        estate_id=estate.id,
        estate_label=estate.label,
        move_in_on=move_in_on,
        rent=rent,
        phone=phone,
        email=email,
        warnings=tuple(read.warnings),
    )


def _drop_repeats(
    rows: list[NewTenantRow], columns: dict[Column, int]
) -> tuple[list[NewTenantRow], list[RejectedRow]]:
    groups: dict[tuple[str, str], list[NewTenantRow]] = defaultdict(list)
    for row in rows:
        groups[(row.estate_id, tenancy_key(row.tenancy_number))].append(row)
    kept: list[NewTenantRow] = []
    rejected: list[RejectedRow] = []
    for group in groups.values():
        first = group[0]
        if len(group) == 1:
            kept.append(first)
            continue
        if all(first.same_facts(other) for other in group[1:]):
            kept.append(first)
            reason = (
                f"Samme lejemål og samme oplysninger som række {first.line}; "
                "lejemålet er kun importeret én gang."
            )
            rejected.extend(_as_rejected(row, columns, reason) for row in group[1:])
        else:
            lines = " og ".join([", ".join(str(r.line) for r in group[:-1]), str(group[-1].line)])
            reason = (
                f"Lejemålsnummer {first.tenancy_number} står flere gange i listen med forskellige "
                f"oplysninger (række {lines}). Ret listen, så lejemålet kun står én gang."
            )
            rejected.extend(_as_rejected(row, columns, reason) for row in group)
    kept.sort(key=lambda r: r.line)
    return kept, rejected


def _as_rejected(row: NewTenantRow, columns: dict[Column, int], reason: str) -> RejectedRow:
    values = {column: row.cells[i] if i < len(row.cells) else "" for column, i in columns.items()}
    values.setdefault(Column.NAME, row.tenant_name)
    return RejectedRow(row.line, (reason,), row.cells, values)
