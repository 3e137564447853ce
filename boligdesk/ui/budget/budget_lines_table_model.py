"""The budget's lines as a table: the shared table model over frozen :class:`LineData` rows, made
editable, and its editing delegate.

This is the one model that really edits, so it subclasses :class:`~boligdesk.ui.shared.table_model.
TableModel` (columns, roles, in-place updates) and adds ``flags``/``setData``/the edit role. Editing a
cell never touches the database here: the model makes the changed row and emits ``lineEdited(old,
new)``; the tab validates and saves it, then calls :meth:`replace_line` (or :meth:`replace_line` with
the old row to undo). A bad amount is refused with ``inputRejected`` and the delegate reopens the editor
with the typed text kept.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QLineEdit, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from boligdesk.budget import categories as cats
from boligdesk.budget.frequency import FREQUENCIES, RULE_TEXT
from boligdesk.budget.lines import LineData
from boligdesk.budget.money import parse_money
from boligdesk.budget.vocabulary import Frequency, Need
from boligdesk.errors import UserInputError
from boligdesk.ui.shared.money_edit import MoneyEdit
from boligdesk.ui.shared.table_model import Column, RowStyle, TableModel

_Index = QModelIndex | QPersistentModelIndex

NICE_TINT = QColor("#fdf0dc")
INCOME_TINT = QColor("#eaf4ea")
MUTED = QColor("#555555")

KIND, CATEGORY, TEXT, AMOUNT, FREQUENCY, MONTHLY, NICE, DAILY, NOTE = range(9)
EDITABLE = frozenset({CATEGORY, TEXT, AMOUNT, FREQUENCY, NOTE})


def _frequency_label(code: str) -> str:
    return Frequency(code).label


def _expense_flag(on: Any) -> Any:
    """A check box only on expense lines."""
    return lambda ln: on(ln) if ln.is_expense else None


COLUMNS: tuple[Column[LineData], ...] = (
    Column(
        "Type",
        lambda ln: "Indtægt" if ln.is_income else "Udgift",
        header_tooltip="Indtægt eller udgift",
        foreground=lambda ln: MUTED,
    ),
    Column("Kategori", lambda ln: cats.category_label(ln.category), header_tooltip="Budgetkategori"),
    Column(
        "Tekst",
        lambda ln: "" if ln.text == cats.category_label(ln.category) else ln.text,
        header_tooltip="Hvad posten er (tom: samme som kategorien)",
    ),
    Column(
        "Beløb",
        lambda ln: ln.amount.format(with_unit=False),
        align_right=True,
        header_tooltip="Beløbet som det betales",
    ),
    Column(
        "Hyppighed", lambda ln: _frequency_label(ln.frequency), header_tooltip="Hvor ofte beløbet betales"
    ),
    Column(
        "Pr. måned",
        lambda ln: ln.monthly.format(with_unit=False),
        align_right=True,
        header_tooltip="Beløbet omregnet til en måned",
        tooltip=lambda ln: f"Omregning: {RULE_TEXT[ln.frequency]}",
        foreground=lambda ln: MUTED,
    ),
    Column(
        "Nice to have",
        lambda ln: (Need.NICE.label if ln.is_nice else Need.NEED.label) if ln.is_expense else "",
        header_tooltip="Sæt kryds hvis udgiften er nice to have (mellemrum skifter)",
        checked=_expense_flag(lambda ln: ln.is_nice),
    ),
    Column(
        "Kuvert",
        lambda ln: "",
        header_tooltip="Sæt kryds hvis udgiften er dagligvarepenge, der lægges i kuverterne",
        checked=_expense_flag(lambda ln: ln.is_daily_money),
    ),
    Column("Note", lambda ln: ln.note, header_tooltip="Egen bemærkning", tooltip=lambda ln: ln.note or None),
)


def _line_style(line: LineData) -> RowStyle:
    if line.is_nice:
        return None, NICE_TINT, None
    return None, INCOME_TINT if line.is_income else None, None


class BudgetLinesTableModel(TableModel[LineData]):
    """Rows are :class:`LineData` (frozen). Edits are proposed with ``lineEdited(old, new)``."""

    lineEdited = Signal(object, object)
    inputRejected = Signal(int, int, str, str)  # row, column, text typed, Danish message

    def __init__(self, parent: Any = None) -> None:
        super().__init__(COLUMNS, parent, style=_line_style)
        self._read_only = False

    # --- rows -------------------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[LineData], *, read_only: bool = False) -> None:
        self._read_only = read_only
        super().set_rows(rows)

    def insert_line(self, line: LineData) -> int:
        """Insert a new line after the last line of its kind (income before expenses). Returns its row."""
        row = len(self._rows)
        if line.is_income:
            row = sum(1 for ln in self._rows if ln.is_income)
        self.insert_row(row, line)
        return row

    # --- editing ----------------------------------------------------------------------------------
    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._read_only:
            return base
        column = self.columns[index.column()]
        line = self._rows[index.row()]
        if index.column() in EDITABLE:
            base |= Qt.ItemFlag.ItemIsEditable
        if column.checked is not None and line.is_expense:
            base |= Qt.ItemFlag.ItemIsUserCheckable
        return base

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.EditRole:
            return super().data(index, role)
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        line = self._rows[index.row()]
        col = index.column()
        if col == CATEGORY:
            return line.category
        if col == FREQUENCY:
            return line.frequency
        if col == TEXT:
            return line.text
        return self.columns[col].text(line)

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
            kind = model.row_at(index.row()).kind
            for category in cats.categories_for(kind):
                combo.addItem(category.label, category.code)
            return combo
        if col == FREQUENCY:
            combo = QComboBox(parent)
            for code in FREQUENCIES:
                combo.addItem(Frequency(code).label, code)
            return combo
        if col == AMOUNT:
            return MoneyEdit(parent, field="amount")
        return QLineEdit(parent)

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
