"""Frister as a table: one row per deadline, coloured by urgency (passed red, ≤3 days orange, ≤7 yellow)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from boligdesk.budget.calendar import format_short
from boligdesk.services.frister import DeadlineRow, Urgency, days_left_text
from boligdesk.ui.columns_table_model import ColumnsTableModel

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 2
URGENCY_ROLE = Qt.ItemDataRole.UserRole + 3
_Index = QModelIndex | QPersistentModelIndex

URGENCY_COLOURS: dict[Urgency, QColor | None] = {
    Urgency.PASSED: QColor("#f4c7c3"),
    Urgency.WITHIN_3_DAYS: QColor("#fbd38d"),
    Urgency.WITHIN_7_DAYS: QColor("#fff3b0"),
    Urgency.LATER: None,
}


@dataclass(frozen=True)
class _Column:
    title: str
    text: Callable[[DeadlineRow], str]
    sort_key: Callable[[DeadlineRow], str]
    align_right: bool = False


def _urgency_key(row: DeadlineRow) -> str:
    """Most urgent first: date, then how serious the deadline is, then case number (a sortable string)."""
    day, rank, number, what = row.sort_key
    return f"{day.isoformat()}|{rank:02d}|{number}|{what}"


COLUMNS: tuple[_Column, ...] = (
    _Column("Dato", lambda r: format_short(r.date), _urgency_key),
    _Column("Dage tilbage", lambda r: days_left_text(r.days_left), _urgency_key, align_right=True),
    _Column("Hvad", lambda r: r.what, lambda r: f"{r.what}|{_urgency_key(r)}"),
    _Column("Sagsnr.", lambda r: r.case_number, lambda r: f"{r.case_number}|{_urgency_key(r)}"),
    _Column("Lejer", lambda r: r.tenant_name, lambda r: f"{r.tenant_name.casefold()}|{_urgency_key(r)}"),
    _Column("Adresse", lambda r: r.address, lambda r: f"{r.address.casefold()}|{_urgency_key(r)}"),
)


class FristerTableModel(ColumnsTableModel):
    columns = COLUMNS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[DeadlineRow] = []

    def set_rows(self, rows: Sequence[DeadlineRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> DeadlineRow:
        return self._rows[row]

    def shown_rows(self) -> list[Any]:
        return self._rows

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if not 0 <= index.column() < len(COLUMNS):
            return None
        row = self._rows[index.row()]
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == SORT_ROLE:
            return column.sort_key(row)
        if role == CASE_ID_ROLE:
            return row.case_id
        if role == URGENCY_ROLE:
            return int(row.urgency)
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = URGENCY_COLOURS[row.urgency]
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.ForegroundRole and row.urgency is not Urgency.LATER:
            return QBrush(QColor("#202124"))
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row.urgency.label}. {row.explanation}".strip()
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
