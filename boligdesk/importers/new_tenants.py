"""The landlord's list of new tenancies (nye lejere, 004 »Rådgivning til nye lejere«): read and check it.

The one import pipeline (:mod:`boligdesk.importers.pipeline`), as for the termination list: the header
row is found among the first ten rows, every value is checked against the field tables of "Ny sag", a
row is rejected with every reason only for a **required fact** (tenancy number, name, address, estate,
move-in date), a bad optional value (postcode, city, rent, phone, e-mail) is left out with a warning,
sum rows are skipped, and the same tenancy twice in one file is imported once when the rows agree and
not at all when they differ. Required columns: :data:`~boligdesk.importers.headers.NEW_TENANT_REQUIRED`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from boligdesk.budget.money import Money
from boligdesk.importers import pipeline
from boligdesk.importers.headers import NEW_TENANT_REQUIRED, Column
from boligdesk.services.tenancy import TENANCY_FIELDS


@dataclass(frozen=True, kw_only=True)
class NewTenantRow(pipeline.CheckedRow):
    """A row that passed every check. ``cells`` is the row as written in the file."""

    tenancy_number: str
    estate_id: str
    estate_label: str
    move_in_on: dt.date
    rent: Money | None


NewTenantList = pipeline.ParsedList[NewTenantRow]


def read_new_tenant_list(
    path: Path, estates: Sequence[pipeline.EstateRef], today: dt.date, *, step: pipeline.RowStep | None = None
) -> NewTenantList:
    """Read and check ``path``. Raises :class:`~boligdesk.importers.tabular.ImportFileError` when the
    file as a whole is unusable (no rows, a required column missing)."""
    return pipeline.read_list(path, NEW_TENANTS, estates, today, step=step)


def _check_row(read: pipeline.RowReader) -> NewTenantRow | None:
    tenancy = TENANCY_FIELDS
    number = pipeline.read_tenancy_number(read, needed=True)
    tenant = pipeline.read_tenant(read)
    estate = read.estate(needed=True)
    move_in_on = read.date(Column.MOVE_IN_ON, tenancy["move_in_date"], needed=True)
    rent = read.optional_money(Column.RENT, tenancy["rent"])
    contact = pipeline.read_contact(read)
    if read.reasons or estate is None or move_in_on is None:
        return None
    facts = pipeline.row_facts(read, tenant, contact)
    return NewTenantRow(
        **facts,
        tenancy_number=number,
        estate_id=estate.id,
        estate_label=estate.label,
        move_in_on=move_in_on,
        rent=rent,
    )


NEW_TENANTS: pipeline.ListSpec[NewTenantRow] = pipeline.ListSpec(
    required=NEW_TENANT_REQUIRED,
    check=_check_row,
    key=lambda row: (row.estate_id, pipeline.tenancy_key(row.tenancy_number)),
    same_reason=lambda first: (
        f"Samme lejemål og samme oplysninger som række {first.line}; lejemålet er kun importeret én gang."
    ),
    differ_reason=lambda first, lines: (
        f"Lejemålsnummer {first.tenancy_number} står flere gange i listen med forskellige "
        f"oplysninger (række {lines}). Ret listen, så lejemålet kun står én gang."
    ),
)
