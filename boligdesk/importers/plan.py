"""The import plan: what will happen to each row of a termination list, as plain frozen data.

Made by :func:`boligdesk.services.import_terminations.preview`, shown by the import dialog and the
``import-terminations`` command, carried out by :func:`~boligdesk.services.import_terminations.apply`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from boligdesk.importers.caseload import CaseloadRow
from boligdesk.importers.new_tenants import NewTenantRow
from boligdesk.importers.terminations import TerminationRow
from boligdesk.services.changes import Changes


class ImportStatus(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    REJECTED = "rejected"

    @property
    def label(self) -> str:
        return {
            ImportStatus.CREATE: "Ny sag",
            ImportStatus.UPDATE: "Opdateres",
            ImportStatus.UNCHANGED: "Uændret",
            ImportStatus.REJECTED: "Afvist",
        }[self]


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    old: str
    new: str

    @property
    def text(self) -> str:
        return f"{self.label}: {self.old} → {self.new}"


@dataclass(frozen=True)
class PlannedRow:
    """What will happen to one row of the file, with the texts the preview shows."""

    line: int
    status: ImportStatus
    tenancy_number: str
    tenant_name: str
    address: str
    estate: str
    arrears: str
    termination_on: str
    cells: tuple[str, ...]
    #: The checked row to write (a termination list's, a new-tenant list's or a caseload's), None when rejected.
    row: TerminationRow | NewTenantRow | CaseloadRow | None = None
    case_id: str | None = None
    case_number: str = ""
    changes: tuple[FieldChange, ...] = ()
    note: str = ""
    #: Optional values that were not usable (a malformed phone number …): left out, the row imported.
    warnings: tuple[str, ...] = ()

    @property
    def detail(self) -> str:
        """The preview's last column: the changes, the reason for rejection, or which case; then what
        was left out of the row."""
        return " ".join(t for t in (self._what, *self.warnings) if t)

    @property
    def _what(self) -> str:
        if self.status is ImportStatus.UPDATE:
            return f"Sag {self.case_number}: " + "; ".join(c.text for c in self.changes)
        if self.note:
            return self.note
        if self.status is ImportStatus.UNCHANGED:
            return f"Sag {self.case_number} har allerede disse oplysninger."
        return ""


@dataclass(frozen=True)
class ImportCounts:
    created: int
    updated: int
    unchanged: int
    rejected: int


@dataclass(frozen=True)
class ImportPlan:
    source_name: str
    header_line: int
    headers: tuple[str, ...]
    rows: tuple[PlannedRow, ...]
    total_lines: tuple[int, ...] = ()

    def with_status(self, status: ImportStatus) -> tuple[PlannedRow, ...]:
        return tuple(r for r in self.rows if r.status is status)

    @property
    def counts(self) -> ImportCounts:
        return ImportCounts(
            created=len(self.with_status(ImportStatus.CREATE)),
            updated=len(self.with_status(ImportStatus.UPDATE)),
            unchanged=len(self.with_status(ImportStatus.UNCHANGED)),
            rejected=len(self.with_status(ImportStatus.REJECTED)),
        )

    @property
    def has_changes(self) -> bool:
        counts = self.counts
        return counts.created + counts.updated > 0


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int
    rejected: int
    case_ids: tuple[str, ...]

    @property
    def changes(self) -> Changes:
        """An import can touch any case: every view refreshes when it wrote anything."""
        return Changes.all() if self.created or self.updated else Changes.none()


def rejected_table(plan: ImportPlan) -> tuple[list[str], list[list[str]]]:
    """Header and rows of the rejected rows: "Række", the file's own columns, then "Fejl"."""
    rejected = plan.with_status(ImportStatus.REJECTED)
    width = max([len(plan.headers), *(len(r.cells) for r in rejected)])
    headers = ["Række", *plan.headers, *([""] * (width - len(plan.headers))), "Fejl"]
    rows = [[str(r.line), *r.cells, *([""] * (width - len(r.cells))), r.detail] for r in rejected]
    return headers, rows
