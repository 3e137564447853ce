"""The budget's lines as a table: a model over frozen :class:`LineData` rows, and its editing delegate.

Editing a cell never touches the database here: the model makes the changed row and emits
``lineEdited(old, new)``; the tab validates and saves it, then calls :meth:`replace_line` (or
:meth:`replace_line` with the old row to undo). A bad amount is refused with ``inputRejected`` and the
delegate reopens the editor with the typed text kept.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QComboBox, QLineEdit, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from boligdesk.budget import categories as cats
from boligdesk.budget.frequency import FREQUENCIES, RULE_TEXT
from boligdesk.budget.lines import LineData
from boligdesk.budget.money import parse_money
from boligdesk.budget.vocabulary import Frequency
from boligdesk.errors import UserInputError

_Index = QModelIndex | QPersistentModelIndex

NICE_TINT = QColor("#fdf0dc")
INCOME_TINT = QColor("#eaf4ea")
MUTED = QColor("#555555")
ID_ROLE = Qt.ItemDataRole.UserRole + 1

KIND, CATEGORY, TEXT, AMOUNT, FREQUENCY, MONTHLY, NICE, DAILY, NOTE = range(9)


@dataclass(frozen=True)
class Column:
    title: str
    tooltip: str
    text: Callable[[LineData], str]
    editable: bool = False
    checkable: bool = False
    align_right: bool = False


def _frequency_label(code: str) -> str:
    return Frequency(code).label


COLUMNS: tuple[Column, ...] = (
    Column("Type", "Indtægt eller udgift", lambda ln: "Indtægt" if ln.is_income else "Udgift"),
    Column("Kategori", "Budgetkategori", lambda ln: cats.category_label(ln.category), editable=True),
    Column(
        "Tekst",
        "Hvad posten er (tom: samme som kategorien)",
        lambda ln: "" if ln.text == cats.category_label(ln.category) else ln.text,
        editable=True,
    ),
    Column(
        "Beløb",
        "Beløbet som det betales",
        lambda ln: ln.amount.format(with_unit=False),
        True,
        align_right=True,
    ),
    Column(
        "Hyppighed", "Hvor ofte beløbet betales", lambda ln: _frequency_label(ln.frequency), editable=True
    ),
    Column(
        "Pr. måned",
        "Beløbet omregnet til en måned",
        lambda ln: ln.monthly.format(with_unit=False),
        align_right=True,
    ),
    Column(
        "Nice to have",
        "Sæt kryds hvis udgiften er nice to have (mellemrum skifter)",
        lambda ln: ("Nice" if ln.is_nice else "Need") if ln.is_expense else "",
        checkable=True,
    ),
    Column(
        "Kuvert",
        "Sæt kryds hvis udgiften er dagligvarepenge, der lægges i kuverterne",
        lambda ln: "",
        checkable=True,
    ),
    Column("Note", "Egen bemærkning", lambda ln: ln.note, editable=True),
)


class BudgetLinesTableModel(QAbstractTableModel):
    """Rows are :class:`LineData` (frozen). Edits are proposed with ``lineEdited(old, new)``."""

    lineEdited = Signal(object, object)
    inputRejected = Signal(int, int, str, str)  # row, column, text typed, Danish message

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[LineData] = []
        self._read_only = False

    # --- rows -------------------------------------------------------------------------------------
    def set_lines(self, lines: list[LineData] | tuple[LineData, ...], *, read_only: bool = False) -> None:
        self.beginResetModel()
        self._rows = list(lines)
        self._read_only = read_only
        self.endResetModel()

    def lines(self) -> list[LineData]:
        return list(self._rows)

    def line_at(self, row: int) -> LineData:
        return self._rows[row]

    def row_of(self, line_id: str) -> int:
        for i, line in enumerate(self._rows):
            if line.id == line_id:
                return i
        return -1

    def replace_line(self, line: LineData) -> None:
        row = self.row_of(line.id)
        if row < 0:
            return
        self._rows[row] = line
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def insert_line(self, line: LineData) -> int:
        """Insert a new line after the last line of its kind (income before expenses). Returns its row."""
        row = len(self._rows)
        if line.is_income:
            row = sum(1 for ln in self._rows if ln.is_income)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.insert(row, line)
        self.endInsertRows()
        return row

    def remove_line(self, line_id: str) -> None:
        row = self.row_of(line_id)
        if row < 0:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self.endRemoveRows()

    # --- Qt model API -----------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section].title
        if role == Qt.ItemDataRole.ToolTipRole:
            return COLUMNS[section].tooltip
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._read_only:
            return base
        column = COLUMNS[index.column()]
        line = self._rows[index.row()]
        if column.editable:
            base |= Qt.ItemFlag.ItemIsEditable
        if column.checkable and line.is_expense:
            base |= Qt.ItemFlag.ItemIsUserCheckable
        return base

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        line = self._rows[index.row()]
        col = index.column()
        column = COLUMNS[col]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(line)
        if role == Qt.ItemDataRole.EditRole:
            if col == CATEGORY:
                return line.category
            if col == FREQUENCY:
                return line.frequency
            if col == TEXT:
                return line.text
            return column.text(line)
        if role == Qt.ItemDataRole.CheckStateRole and column.checkable and line.is_expense:
            on = line.is_nice if col == NICE else line.is_daily_money
            return Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            if line.is_nice:
                return QBrush(NICE_TINT)
            if line.is_income:
                return QBrush(INCOME_TINT)
        if role == Qt.ItemDataRole.ForegroundRole and col in (KIND, MONTHLY):
            return QBrush(MUTED)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == MONTHLY:
                return f"Omregning: {RULE_TEXT[line.frequency]}"
            if col == NOTE and line.note:
                return line.note
        if role == ID_ROLE:
            return line.id
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or self._read_only:
            return False
        old = self._rows[index.row()]
        col = index.column()
        new = self._changed(old, col, value, role)
        if new is None or new == old:
            return False
        self.lineEdited.emit(old, new)
        return True

    def _changed(self, old: LineData, col: int, value: Any, role: int) -> LineData | None:
        if role == Qt.ItemDataRole.CheckStateRole:
            checked = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
            if col == NICE and old.is_expense:
                return dataclasses.replace(old, need=cats.NICE if checked else cats.NEED)
            if col == DAILY and old.is_expense:
                return dataclasses.replace(old, is_daily_money=bool(checked))
            return None
        if role != Qt.ItemDataRole.EditRole:
            return None
        text = str(value)
        if col == CATEGORY:
            if not cats.is_known(text) or cats.category(text).kind != old.kind:
                return None
            relabel = not old.text or old.text == cats.category_label(old.category)
            return dataclasses.replace(
                old, category=text, text=cats.category_label(text) if relabel else old.text
            )
        if col == TEXT:
            return dataclasses.replace(old, text=text.strip() or cats.category_label(old.category))
        if col == NOTE:
            return dataclasses.replace(old, note=text.strip())
        if col == FREQUENCY:
            return dataclasses.replace(old, frequency=text) if text in FREQUENCIES else None
        if col == AMOUNT:
            try:
                amount = parse_money(text, field="amount")
            except UserInputError as exc:
                row = self._rows.index(old)
                self.inputRejected.emit(row, col, text, exc.message)
                return None
            return dataclasses.replace(old, amount=amount)
        return None


class BudgetLineDelegate(QStyledItemDelegate):
    """Editors for the lines table: category and frequency pickers, money typed Danish-style."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._pending: dict[tuple[int, int], str] = {}

    def keep_text(self, row: int, column: int, text: str) -> None:
        """The next editor opened on (row, column) starts with ``text`` (a refused amount, kept)."""
        self._pending[(row, column)] = text

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        col = index.column()
        model = index.model()
        if col == CATEGORY and isinstance(model, BudgetLinesTableModel):
            combo = QComboBox(parent)
            kind = model.line_at(index.row()).kind
            for category in cats.categories_for(kind):
                combo.addItem(category.label, category.code)
            return combo
        if col == FREQUENCY:
            combo = QComboBox(parent)
            for code in FREQUENCIES:
                combo.addItem(Frequency(code).label, code)
            return combo
        editor = QLineEdit(parent)
        if col == AMOUNT:
            editor.setAlignment(Qt.AlignmentFlag.AlignRight)
            editor.setPlaceholderText("0,00")
        return editor

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            found = editor.findData(value)
            editor.setCurrentIndex(max(found, 0))
            return
        if isinstance(editor, QLineEdit):
            pending = self._pending.pop((index.row(), index.column()), None)
            editor.setText(pending if pending is not None else str(value or ""))
            editor.selectAll()

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)
