"""The import preview: a table model over the plan's frozen :class:`PlannedRow` objects, and a status filter."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor

from boligdesk.importers.plan import ImportStatus, PlannedRow
from boligdesk.ui.columns_table_model import ColumnsTableModel

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2

_Index = QModelIndex | QPersistentModelIndex

STATUS_COLOURS: dict[ImportStatus, QColor] = {
    ImportStatus.CREATE: QColor("#d9f0d3"),
    ImportStatus.UPDATE: QColor("#fdefc3"),
    ImportStatus.UNCHANGED: QColor("#ececec"),
    ImportStatus.REJECTED: QColor("#f6d0cb"),
}
_STATUS_ORDER = {
    ImportStatus.REJECTED: 0,
    ImportStatus.UPDATE: 1,
    ImportStatus.CREATE: 2,
    ImportStatus.UNCHANGED: 3,
}


@dataclass(frozen=True)
class Column:
    title: str
    text: Callable[[PlannedRow], str]
    sort_key: Callable[[PlannedRow], Any]
    align_right: bool = False


COLUMNS: tuple[Column, ...] = (
    Column("Række", lambda r: str(r.line), lambda r: r.line, align_right=True),
    Column("Status", lambda r: r.status.label, lambda r: _STATUS_ORDER[r.status] * 10_000_000 + r.line),
    Column("Lejemålsnr.", lambda r: r.tenancy_number, lambda r: r.tenancy_number.casefold()),
    Column("Lejer", lambda r: r.tenant_name, lambda r: r.tenant_name.casefold()),
    Column("Adresse", lambda r: r.address, lambda r: r.address.casefold()),
    Column("Afdeling", lambda r: r.estate, lambda r: r.estate.casefold()),
    Column("Restance", lambda r: r.arrears, lambda r: r.row.arrears.ore if r.row else -1, align_right=True),
    Column(
        "Ophævet",
        lambda r: r.termination_on,
        lambda r: r.row.termination_on.isoformat() if r.row else r.termination_on,
    ),
    Column("Ændringer og fejl", lambda r: r.detail, lambda r: r.detail.casefold()),
)
DETAIL_COLUMN = len(COLUMNS) - 1


class ImportPreviewTableModel(ColumnsTableModel):
    columns = COLUMNS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[PlannedRow] = []

    def set_rows(self, rows: list[PlannedRow] | tuple[PlannedRow, ...]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[PlannedRow]:
        return self._rows

    def row_at(self, row: int) -> PlannedRow:
        return self._rows[row]

    def shown_rows(self) -> list[Any]:
        return self._rows

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        if not (0 <= index.column() < len(COLUMNS)):
            return None
        row = self._rows[index.row()]
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == SORT_ROLE:
            return column.sort_key(row)
        if role == STATUS_ROLE:
            return row.status.value
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(STATUS_COLOURS[row.status])
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor("#1a1a1a"))
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"Række {row.line}: {row.status.label}" + (f"\n{row.detail}" if row.detail else "")
        return None


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
        if not isinstance(source, ImportPreviewTableModel) or source_row >= len(source.rows()):
            return False
        return source.row_at(source_row).status is self._status
