"""Models for the Breve tab: the template list and the letters generated on the case (frozen rows)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractListModel, QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from boligdesk.letters.templates import PaperFormat, TemplateInfo
from boligdesk.services.letters import LetterRow

NAME_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
ID_ROLE = Qt.ItemDataRole.UserRole + 3

_Index = QModelIndex | QPersistentModelIndex
_PROBLEM = QColor("#a61b1b")


def local_time(made_at: dt.datetime) -> dt.datetime:
    """Stored UTC (naive) → the laptop's local time, for showing."""
    return made_at.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)


class TemplateListModel(QAbstractListModel):
    """The template library; a template with a problem is shown in red with the problem as tooltip."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[TemplateInfo] = []

    def set_rows(self, rows: list[TemplateInfo]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> TemplateInfo:
        return self._rows[row]

    def row_of(self, name: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.name == name), -1)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        info = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            title = info.title + (" (postkort A6)" if info.paper is PaperFormat.A6 else "")
            return title + (" · egen" if info.custom else "")
        if role == Qt.ItemDataRole.ToolTipRole:
            return info.problem or info.description or info.title
        if role == Qt.ItemDataRole.ForegroundRole and info.problem:
            return QBrush(_PROBLEM)
        if role == NAME_ROLE:
            return info.name
        return None


_HEADERS = ("Dato", "Brev", "Lavet af")


class LettersTableModel(QAbstractTableModel):
    """The letters generated on the case: when, what, by whom."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[LetterRow] = []

    def set_rows(self, rows: list[LetterRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> LetterRow:
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(_HEADERS)
        ):
            return _HEADERS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        letter = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return f"{local_time(letter.made_at):%d.%m.%Y}"
            if column == 1:
                return letter.title
            if column == 2:
                return letter.made_by
        if role == Qt.ItemDataRole.ToolTipRole:
            when = f"{local_time(letter.made_at):%d.%m.%Y kl. %H:%M}"
            return f"{letter.title}\n{when} af {letter.made_by}\nSkabelon: {letter.template}\nSHA-256: {letter.sha256}"
        if role == SORT_ROLE:
            return (letter.made_at.isoformat(), letter.title.casefold(), letter.made_by.casefold())[column]
        if role == ID_ROLE:
            return letter.id
        return None
