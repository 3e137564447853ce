"""Table model for "Konflikter": one row per open conflict or held value (plain ConflictItem rows)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from boligdesk.budget.calendar import format_short
from boligdesk.sync.conflicts import ConflictItem, ItemKind

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

COLUMNS = ("Hvad", "Felt", "Gælder nu", "Den anden værdi", "Skrevet", "Bemærkning")
Index = QModelIndex | QPersistentModelIndex


def _when(moment: dt.datetime | None) -> str:
    if moment is None:
        return ""
    return f"{format_short(moment.date())} kl. {moment:%H.%M}"


def _what(item: ConflictItem) -> str:
    """``Sag 2026-0001 · Budgetpost``, ``Person: Anna Hansen`` or just the table's name."""
    if item.what == item.table_label or item.table == "cases":
        return item.what
    if item.what.startswith("Sag "):
        return f"{item.what} · {item.table_label}"
    return f"{item.table_label}: {item.what}"


def _remark(item: ConflictItem) -> str:
    if item.kind is ItemKind.HELD:
        return "Fra en computer med forkert ur — ikke brugt endnu"
    if item.field == "deleted":
        return "Slettet på én computer, ændret senere på en anden"
    return "Ændret samtidig på to computere"


class ConflictsTableModel(QAbstractTableModel):
    def __init__(self, items: list[ConflictItem] | None = None) -> None:
        super().__init__()
        self._items: list[ConflictItem] = list(items or [])

    def set_items(self, items: list[ConflictItem]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def item(self, row: int) -> ConflictItem:
        return self._items[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(COLUMNS):
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._items)):
            return None
        item = self._items[index.row()]
        column = index.column()
        if role == ITEM_ROLE:
            return item
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(item, column)
        if role == SORT_ROLE:
            if column == 4:
                return (item.other_when or item.detected).isoformat()
            return self._text(item, column).casefold()
        return None

    @staticmethod
    def _text(item: ConflictItem, column: int) -> str:
        if column == 0:
            return _what(item)
        if column == 1:
            return item.field_label
        if column == 2:
            return item.current_text
        if column == 3:
            return item.other_text
        if column == 4:
            return _when(item.other_when) or _when(item.detected)
        if column == 5:
            return _remark(item)
        return ""
