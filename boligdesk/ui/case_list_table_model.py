"""The case list: a table model over frozen :class:`CaseRow` objects that filters and sorts itself."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from boligdesk.budget.calendar import format_short
from boligdesk.services.case_list import CaseRow
from boligdesk.ui.columns_table_model import ColumnsTableModel

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


@dataclass(frozen=True)
class CaseFilter:
    text: str = ""
    only_adviser_id: str | None = None
    open_state: str = "open"  # "open" | "closed" | "all"
    kind: str | None = None
    estate_id: str | None = None
    only_urgent: bool = False


class CaseListTableModel(ColumnsTableModel):
    columns = COLUMNS

    """All cases, filtered and sorted in Python (one pass per keystroke, no per-row calls from Qt).

    ``rowCount`` counts the rows that pass the filter; :meth:`total` counts all. Typing more letters
    narrows the current result instead of scanning every case again.
    """

    def __init__(self, today: Callable[[], dt.date], parent: Any = None) -> None:
        super().__init__(parent)
        self._all: list[CaseRow] = []
        self._visible: list[CaseRow] = []
        self._criteria = CaseFilter()
        self._sort_column = 0
        self._sort_order = Qt.SortOrder.DescendingOrder
        self._today = today

    # --- content --------------------------------------------------------------------------------
    def set_rows(self, rows: list[CaseRow]) -> None:
        self._all = list(rows)
        self._sort_all()
        self._refilter(self._all)

    def replace_row(self, new: CaseRow) -> bool:
        """Swap in the fresh row for the same case id; False when the case is not in the list."""
        for i, old in enumerate(self._all):
            if old.id == new.id:
                self._all[i] = new
                self._refilter(self._all)
                return True
        return False

    def rows(self) -> list[CaseRow]:
        return self._visible

    def total(self) -> int:
        return len(self._all)

    def row_at(self, row: int) -> CaseRow:
        return self._visible[row]

    def row_of(self, case_id: str) -> int:
        return next((i for i, r in enumerate(self._visible) if r.id == case_id), -1)

    # --- filtering and sorting ------------------------------------------------------------------
    @property
    def criteria(self) -> CaseFilter:
        return self._criteria

    def set_criteria(self, criteria: CaseFilter) -> None:
        old = self._criteria
        self._criteria = criteria
        # Typing more letters only narrows the current result; anything else filters all cases again.
        narrowing = (
            len(criteria.text) > len(old.text)
            and criteria.text.casefold().startswith(old.text.casefold())
            and (
                criteria.only_adviser_id,
                criteria.open_state,
                criteria.kind,
                criteria.estate_id,
                criteria.only_urgent,
            )
            == (old.only_adviser_id, old.open_state, old.kind, old.estate_id, old.only_urgent)
        )
        self._refilter(self._visible if narrowing else self._all)

    def refresh_filter(self) -> None:
        self._refilter(self._all)

    def _refilter(self, source: list[CaseRow]) -> None:
        c = self._criteria
        words = c.text.casefold().split()
        today = self._today()
        rows = source
        if c.open_state == "open":
            rows = [r for r in rows if not r.closed]
        elif c.open_state == "closed":
            rows = [r for r in rows if r.closed]
        if c.only_adviser_id is not None:
            rows = [r for r in rows if r.adviser_id == c.only_adviser_id]
        if c.kind is not None:
            rows = [r for r in rows if r.kind == c.kind]
        if c.estate_id is not None:
            rows = [r for r in rows if r.estate_id == c.estate_id]
        if c.only_urgent:
            rows = [r for r in rows if r.is_urgent(today)]
        for word in words:
            rows = [r for r in rows if word in r.search_text]
        self.beginResetModel()
        self._visible = rows if rows is not self._all else list(rows)
        self.endResetModel()

    def _sort_all(self) -> None:
        key = COLUMNS[self._sort_column].sort_key
        self._all.sort(key=key, reverse=self._sort_order == Qt.SortOrder.DescendingOrder)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self._sort_column, self._sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        self._sort_all()
        key = COLUMNS[column].sort_key
        self._visible.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        self.layoutChanged.emit()

    # --- Qt model interface ---------------------------------------------------------------------
    def shown_rows(self) -> list[Any]:
        return self._visible

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._visible)):
            return None
        row = self._visible[index.row()]
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
