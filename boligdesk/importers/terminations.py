"""The landlord's monthly termination list (ophævelsesliste): read it and check every row.

:func:`read_termination_list` turns a CSV or XLSX file (see :mod:`boligdesk.importers.tabular`) into
checked :class:`TerminationRow` objects and :class:`RejectedRow` objects with Danish reasons, through the
one import pipeline (:mod:`boligdesk.importers.pipeline`; :data:`TERMINATIONS` is this list's spec). It reads
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
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from boligdesk.budget.money import Money
from boligdesk.importers.headers import REQUIRED
from boligdesk.importers.pipeline import (
    STEP_EVERY,
    CheckedRow,
    EstateIndex,
    EstateRef,
    ListSpec,
    ParsedList,
    RejectedRow,
    RowReader,
    RowStep,
    find_header,
    read_arrears,
    read_contact,
    read_list,
    read_tenancy_number,
    read_tenant,
    row_facts,
    tenancy_key,
)

__all__ = [
    "STEP_EVERY",
    "EstateIndex",
    "EstateRef",
    "RejectedRow",
    "RowStep",
    "TerminationList",
    "TerminationRow",
    "find_header",
    "read_termination_list",
    "tenancy_key",
]


@dataclass(frozen=True, kw_only=True)
class TerminationRow(CheckedRow):
    """A row that passed every check. ``cells`` is the row as written in the file."""

    tenancy_number: str
    estate_id: str
    estate_label: str
    arrears: Money
    rent: Money | None
    termination_on: dt.date
    reminder_sent_on: dt.date | None


TerminationList = ParsedList[TerminationRow]
"""A read and checked termination list."""


def read_termination_list(
    path: Path, estates: Sequence[EstateRef], today: dt.date, *, step: RowStep | None = None
) -> TerminationList:
    """Read and check ``path``. Raises :class:`~boligdesk.importers.tabular.ImportFileError` when the file
    as a whole is unusable. ``step(done, total)``: see :mod:`boligdesk.importers.pipeline`."""
    return read_list(path, TERMINATIONS, estates, today, step=step)


def _check_row(read: RowReader) -> TerminationRow | None:
    number = read_tenancy_number(read, needed=True)
    tenant = read_tenant(read)
    estate = read.estate(needed=True)
    money = read_arrears(read, needed=True)
    contact = read_contact(read)
    if read.reasons or estate is None or money.arrears is None or money.termination_on is None:
        return None
    return TerminationRow(
        **row_facts(read, tenant, contact),
        tenancy_number=number,
        estate_id=estate.id,
        estate_label=estate.label,
        arrears=money.arrears,
        rent=money.rent,
        termination_on=money.termination_on,
        reminder_sent_on=money.reminder_sent_on,
    )


def _key(row: TerminationRow) -> tuple[str, str]:
    return (row.estate_id, tenancy_key(row.tenancy_number))


TERMINATIONS: ListSpec[TerminationRow] = ListSpec(
    required=REQUIRED,
    check=_check_row,
    key=_key,
    same_reason=lambda first: (
        f"Samme lejemål og samme oplysninger som række {first.line}; lejemålet er kun importeret én gang."
    ),
    differ_reason=lambda first, lines: (
        f"Lejemålsnummer {first.tenancy_number} står flere gange i listen med forskellige "
        f"oplysninger (række {lines}). Ret listen, så lejemålet kun står én gang."
    ),
)
