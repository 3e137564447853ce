"""Table models for the receipts mode: the receipts entered, and their totals per category."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from boligdesk.budget.calendar import format_short
from boligdesk.budget.categories import category_label
from boligdesk.budget.receipts import ReceiptCategoryTotal, ReceiptData

_Index = QModelIndex | QPersistentModelIndex
NICE_TINT = QColor("#fdf0dc")
Row = TypeVar("Row")


class _ReadOnlyTableModel(QAbstractTableModel, Generic[Row]):
    """A read-only table over frozen rows; columns are (title, text, right-aligned)."""

    columns: tuple[tuple[str, Callable[[Any], str], bool], ...] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []

    def set_rows(self, rows: list[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Row]:
        return list(self._rows)

    def row_at(self, row: int) -> Row:
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.columns)
        ):
            return self.columns[section][0]
        return None

    def is_nice(self, row: Row) -> bool:
        return False

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        _title, text, right = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return text(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and self.is_nice(row):
            return QBrush(NICE_TINT)
        return None


class ReceiptsTableModel(_ReadOnlyTableModel[ReceiptData]):
    columns = (
        ("Dato", lambda r: format_short(r.bought_on) if r.bought_on else "", False),
        ("Beløb", lambda r: r.amount.format(with_unit=False), True),
        ("Kategori", lambda r: category_label(r.category), False),
        ("Need/nice", lambda r: "Nice to have" if r.is_nice else "Need to have", False),
        ("Tekst", lambda r: r.text, False),
    )

    def is_nice(self, row: ReceiptData) -> bool:
        return row.is_nice


class ReceiptSummaryTableModel(_ReadOnlyTableModel[ReceiptCategoryTotal]):
    columns = (
        ("Kategori", lambda r: r.label, False),
        ("Need to have", lambda r: r.need.format(with_unit=False), True),
        ("Nice to have", lambda r: r.nice.format(with_unit=False), True),
        ("I alt", lambda r: r.total.format(with_unit=False), True),
        ("Antal", lambda r: str(r.count), True),
    )
