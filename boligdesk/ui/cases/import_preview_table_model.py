"""The import preview: the shared table model over the plan's frozen :class:`PlannedRow` objects, and a
status filter."""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel
from PySide6.QtGui import QColor

from boligdesk.importers.plan import ImportStatus, PlannedRow
from boligdesk.ui.shared.table_model import FIRST_FREE_ROLE, SORT_ROLE, Column, RowStyle, TableModel

STATUS_ROLE = FIRST_FREE_ROLE
"""``index.data(STATUS_ROLE)`` is the row's status value (``"create"``, ``"rejected"``, …)."""

_Index = QModelIndex | QPersistentModelIndex

STATUS_COLOURS: dict[ImportStatus, QColor] = {
    ImportStatus.CREATE: QColor("#d9f0d3"),
    ImportStatus.UPDATE: QColor("#fdefc3"),
    ImportStatus.UNCHANGED: QColor("#ececec"),
    ImportStatus.REJECTED: QColor("#f6d0cb"),
}
_INK = QColor("#1a1a1a")
_STATUS_ORDER = {
    ImportStatus.REJECTED: 0,
    ImportStatus.UPDATE: 1,
    ImportStatus.CREATE: 2,
    ImportStatus.UNCHANGED: 3,
}


COLUMNS: tuple[Column[PlannedRow], ...] = (
    Column("Række", lambda r: str(r.line), lambda r: r.line, align_right=True),
    Column("Status", lambda r: r.status.label, lambda r: _STATUS_ORDER[r.status] * 10_000_000 + r.line),
    Column("Lejemålsnr.", lambda r: r.tenancy_number, lambda r: r.tenancy_number.casefold()),
    Column("Lejer", lambda r: r.tenant_name, lambda r: r.tenant_name.casefold()),
    Column("Adresse", lambda r: r.address, lambda r: r.address.casefold()),
    Column("Afdeling", lambda r: r.estate, lambda r: r.estate.casefold()),
    Column("Restance", lambda r: r.arrears, lambda r: _arrears_key(r), align_right=True),
    Column("Ophævet", lambda r: r.termination_on, lambda r: _date_key(r)),
    Column("Ændringer og fejl", lambda r: r.detail, lambda r: r.detail.casefold()),
)
DETAIL_COLUMN = len(COLUMNS) - 1
ARREARS_COLUMN, DATE_COLUMN = 6, 7


def _arrears_key(row: PlannedRow) -> int:
    arrears = getattr(row.row, "arrears", None)
    return arrears.ore if arrears is not None else -1


def _date_key(row: PlannedRow) -> str:
    """ISO date of the row's termination (or, on a new-tenant list, move-in) date; the text if rejected."""
    day = getattr(row.row, "termination_on", None) or getattr(row.row, "move_in_on", None)
    return day.isoformat() if day is not None else row.termination_on


def _style(row: PlannedRow) -> RowStyle:
    return _INK, STATUS_COLOURS[row.status], None


def _tooltip(row: PlannedRow) -> str:
    return f"Række {row.line}: {row.status.label}" + (f"\n{row.detail}" if row.detail else "")


class ImportPreviewTableModel(TableModel[PlannedRow]):
    """``date_title``: the date column's header ("Ophævet", or "Indflyttet" for new tenants)."""

    def __init__(self, parent: Any = None, *, date_title: str = "Ophævet") -> None:
        columns = list(COLUMNS)
        columns[DATE_COLUMN] = dataclasses.replace(columns[DATE_COLUMN], title=date_title)
        super().__init__(
            tuple(columns),
            parent,
            id_of=lambda r: r.line,
            style=_style,
            tooltip=_tooltip,
            roles={STATUS_ROLE: lambda r: r.status.value},
        )


class ImportStatusFilterProxy(QSortFilterProxyModel):
    """Shows all rows, or only rows of one status; sorts on :data:`SORT_ROLE`."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._status: ImportStatus | None = None
        self.setSortRole(SORT_ROLE)

    @property
    def status(self) -> ImportStatus | None:
        return self._status

    def set_status(self, status: ImportStatus | None) -> None:
        self.beginFilterChange()
        self._status = status
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        if self._status is None:
            return True
        source = self.sourceModel()
        if not isinstance(source, ImportPreviewTableModel) or source_row >= source.rowCount():
            return False
        return source.row_at(source_row).status is self._status
