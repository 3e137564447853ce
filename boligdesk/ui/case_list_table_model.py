"""The case list: a table model over frozen :class:`CaseRow` objects, and the filter proxy."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor

from boligdesk.budget.calendar import format_short
from boligdesk.services.case_list import CaseRow

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2

_Index = QModelIndex | QPersistentModelIndex

URGENT_PASSED = QColor("#f4c7c3")
URGENT_SOON = QColor("#fce8b2")


def _deadline_text(row: CaseRow) -> str:
    if row.next_deadline is None:
        return ""
    return f"{format_short(row.next_deadline.date)} · {row.next_deadline.label}"


@dataclass(frozen=True)
class Column:
    title: str
    text: Callable[[CaseRow], str]
    sort_key: Callable[[CaseRow], Any]
    align_right: bool = False


COLUMNS: tuple[Column, ...] = (
    Column("Sagsnr.", lambda r: r.number, lambda r: r.number),
    Column("Lejer", lambda r: r.tenant_name, lambda r: r.tenant_name.casefold()),
    Column("Adresse", lambda r: r.address, lambda r: r.address.casefold()),
    Column("Afdeling", lambda r: r.estate_name, lambda r: r.estate_name.casefold()),
    Column("Sagstype", lambda r: r.kind.label, lambda r: r.kind.label),
    Column("Fase", lambda r: r.phase.label, lambda r: r.phase.label),
    Column("Restance", lambda r: r.arrears.format(), lambda r: r.arrears.ore, align_right=True),
    Column(
        "Næste frist",
        _deadline_text,
        lambda r: r.next_deadline.date.isoformat() if r.next_deadline else "9999",
    ),
    Column("Rådgiver", lambda r: r.adviser_name, lambda r: r.adviser_name.casefold()),
)


class CaseListTableModel(QAbstractTableModel):
    def __init__(self, today: Callable[[], dt.date], parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[CaseRow] = []
        self._today = today

    def set_rows(self, rows: list[CaseRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def replace_row(self, new: CaseRow) -> bool:
        """Swap in the fresh row for the same case id; False when the case is not in the list."""
        for i, old in enumerate(self._rows):
            if old.id == new.id:
                self._rows[i] = new
                self.dataChanged.emit(self.index(i, 0), self.index(i, len(COLUMNS) - 1))
                return True
        return False

    def rows(self) -> list[CaseRow]:
        return self._rows

    def row_at(self, row: int) -> CaseRow:
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section].title
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == SORT_ROLE:
            return column.sort_key(row)
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and column.title == "Næste frist" and not row.closed:
            deadline = row.next_deadline
            if deadline is not None:
                days = deadline.days_left(self._today())
                if days < 0:
                    return QBrush(URGENT_PASSED)
                if days <= 7:
                    return QBrush(URGENT_SOON)
        if role == Qt.ItemDataRole.ToolTipRole and column.title == "Næste frist" and row.next_deadline:
            return row.next_deadline.explanation
        return None


@dataclass(frozen=True)
class CaseFilter:
    text: str = ""
    only_adviser_id: str | None = None
    open_state: str = "open"  # "open" | "closed" | "all"
    kind: str | None = None
    estate_id: str | None = None
    only_urgent: bool = False


class CaseFilterProxy(QSortFilterProxyModel):
    """Filters on all criteria in one Python pass per change, then lets Qt sort on ``SORT_ROLE``."""

    def __init__(self, today: Callable[[], dt.date], parent: Any = None) -> None:
        super().__init__(parent)
        self._today = today
        self._visible: bytearray = bytearray()
        self._criteria = CaseFilter()
        self.setSortRole(SORT_ROLE)

    @property
    def criteria(self) -> CaseFilter:
        return self._criteria

    def set_criteria(self, criteria: CaseFilter) -> None:
        self._criteria = criteria
        self.recompute()

    def recompute(self) -> None:
        source = self.sourceModel()
        rows: list[CaseRow] = source.rows() if isinstance(source, CaseListTableModel) else []
        c = self._criteria
        words = c.text.casefold().split()
        today = self._today()
        self.beginFilterChange()
        visible = bytearray(len(rows))
        for i, r in enumerate(rows):
            if c.open_state == "open" and r.closed:
                continue
            if c.open_state == "closed" and not r.closed:
                continue
            if c.only_adviser_id is not None and r.adviser_id != c.only_adviser_id:
                continue
            if c.kind is not None and r.kind != c.kind:
                continue
            if c.estate_id is not None and r.estate_id != c.estate_id:
                continue
            if c.only_urgent and not r.is_urgent(today):
                continue
            if words and not all(w in r.search_text for w in words):
                continue
            visible[i] = 1
        self._visible = visible
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        return source_row < len(self._visible) and bool(self._visible[source_row])
