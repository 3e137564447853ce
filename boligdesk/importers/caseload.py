"""A team's own spreadsheet of open cases (the caseload it brings along when it adopts BoligDesk).

Read by the one import pipeline (:mod:`boligdesk.importers.pipeline`), like the termination list: header
row among the first ten, every value checked against the field tables of "Ny sag" and its whole-case rules
(arrears at most ten years of rent, påkrav not after the termination), every reason for a rejected row
listed at once, bad optional contact data (postcode, city, rent, phone, e-mail) left out with
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
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from boligdesk.budget.money import Money
from boligdesk.budget.shown_text import quoted_value
from boligdesk.budget.vocabulary import CaseKind
from boligdesk.importers import pipeline
from boligdesk.importers.headers import CASELOAD_REQUIRED, Column, normalise
from boligdesk.importers.tabular import cell_text
from boligdesk.services.cases import CASE_FIELDS

#: Longest adviser name and note the import takes (a longer cell is a pasted document, not a note).
ADVISER_MAX = 100
NOTE_MAX = 20_000
_KINDS = {normalise(k.label): k for k in CaseKind} | {normalise(k.value): k for k in CaseKind}


@dataclass(frozen=True, kw_only=True)
class CaseloadRow(pipeline.CheckedRow):
    tenancy_number: str
    estate_id: str | None
    estate_label: str
    kind: CaseKind
    opened_on: dt.date | None
    arrears: Money
    rent: Money | None
    termination_on: dt.date | None
    reminder_sent_on: dt.date | None
    adviser: str
    notes: str

    @property
    def key(self) -> tuple[str, str]:
        """Estate and tenancy number; without a number, the tenant's name and the address."""
        if self.tenancy_number:
            return (self.estate_id or "", pipeline.tenancy_key(self.tenancy_number))
        return (normalise(self.tenant_name), normalise(self.address_line))


Caseload = pipeline.ParsedList[CaseloadRow]


def read_caseload(
    path: Path, estates: Sequence[pipeline.EstateRef], today: dt.date, *, step: pipeline.RowStep | None = None
) -> Caseload:
    """Read and check ``path``; :class:`~boligdesk.importers.tabular.ImportFileError` when unusable."""
    return pipeline.read_list(path, CASELOAD, estates, today, step=step)


def _check_row(read: pipeline.RowReader) -> CaseloadRow | None:
    tenant = pipeline.read_tenant(read)
    number = pipeline.read_tenancy_number(read, needed=False)
    estate = read.estate(needed=False)
    kind = _kind(read.text(Column.CASE_KIND), read.reasons)
    opened_on = read.date(Column.OPENED_ON, CASE_FIELDS["opened_on"], needed=False)
    if opened_on is not None and opened_on > read.today:
        read.reasons.append(f"{read.label(Column.OPENED_ON)}: sagen kan ikke være oprettet i fremtiden.")
    money = pipeline.read_arrears(read, needed=False)
    arrears = money.arrears or Money(0)
    contact = pipeline.read_contact(read)
    adviser = _short_text(read, Column.ADVISER, ADVISER_MAX)
    notes = cell_text(read.cell(Column.NOTES)).strip()
    if len(notes) > NOTE_MAX:
        read.reasons.append(
            f"{read.label(Column.NOTES)}: noten er længere end {NOTE_MAX:,} tegn.".replace(",", ".")
        )
    if read.reasons:
        return None
    if kind is None:
        kind = CaseKind.EVICTION_THREAT if (arrears or money.termination_on) else CaseKind.ADVICE
    return CaseloadRow(
        **pipeline.row_facts(read, tenant, contact),
        tenancy_number=number,
        estate_id=estate.id if estate else None,
        estate_label=estate.label if estate else "",
        kind=kind,
        opened_on=opened_on,
        arrears=arrears,
        rent=money.rent,
        termination_on=money.termination_on,
        reminder_sent_on=money.reminder_sent_on,
        adviser=adviser,
        notes=notes,
    )


def _kind(text: str, reasons: list[str]) -> CaseKind | None:
    if not text:
        return None
    kind = _KINDS.get(normalise(text))
    if kind is None:
        names = ", ".join(f"»{k.label}«" for k in CaseKind)
        reasons.append(f"Sagstypen »{quoted_value(text)}« findes ikke i BoligDesk. Brug en af {names}.")
    return kind


def _short_text(read: pipeline.RowReader, column: Column, longest: int) -> str:
    """A one-line text; one with control characters or too long is left out with a warning."""
    text = " ".join(read.text(column).split())
    raw = cell_text(read.cell(column))
    if any(ord(ch) < 32 and ch not in "\t\r\n" for ch in raw) or len(text) > longest:
        read.warnings.append(
            f"{read.label(column)}: »{quoted_value(text)}« kan ikke bruges. Værdien er ikke importeret."
        )
        return ""
    return text


CASELOAD: pipeline.ListSpec[CaseloadRow] = pipeline.ListSpec(
    required=CASELOAD_REQUIRED,
    check=_check_row,
    key=lambda row: row.key,
    same_reason=lambda first: (
        f"Samme sag og samme oplysninger som række {first.line}; sagen er kun importeret én gang."
    ),
    differ_reason=lambda _first, lines: (
        f"Samme lejemål står flere gange med forskellige oplysninger (række {lines}). "
        "Ret arket, så hver sag kun står én gang."
    ),
)
