"""Save-as-you-go fields for the case view.

A *binding* ties an input widget to a save function:

* line edits save on ``editingFinished`` (Return, Tab, clicking elsewhere) when the text changed;
* combo boxes save on ``currentIndexChanged``; check boxes on ``toggled``.

A binding's save callable is a desk write returning :class:`~boligdesk.services.changes.Changes` (or
:class:`~boligdesk.services.changes.Created`); it runs through :func:`~boligdesk.ui.shared.desk_ops.run_write`,
which broadcasts the change once on ``ctx.bus.changed`` (the case view redraws from it). A bad value
(:class:`~boligdesk.errors.UserInputError`) shows its Danish message in the red label under the field,
keeps the typed text and saves nothing; the next good value clears the message. Reloading the case
(after any save) refreshes a field only when the user is not typing in it and it shows no error, so a
reload never throws away what the user typed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from enum import Enum
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QObject, QSignalBlocker, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from boligdesk.budget.calendar import format_short, parse_date
from boligdesk.budget.money import Money, parse_money
from boligdesk.errors import UserInputError
from boligdesk.services.changes import Changes, Created
from boligdesk.ui.context import AppContext
from boligdesk.ui.shared.date_edit import DateEdit
from boligdesk.ui.shared.desk_ops import changes_of, run_write
from boligdesk.ui.shared.error_label import ErrorLabel
from boligdesk.ui.shared.money_edit import MoneyEdit
from boligdesk.ui.shared.table_model import ID_ROLE

NOT_CHOSEN = "(ikke valgt)"
#: What a binding's save returns: the desk write's changes.
Write = Changes | Created
HINT_STYLE = "color: #555;"


def parse_optional_date(field: str) -> Callable[[str], dt.date | None]:
    def parse(text: str) -> dt.date | None:
        return parse_date(text, field=field) if text.strip() else None

    return parse


def parse_money_or_zero(field: str) -> Callable[[str], Money]:
    def parse(text: str) -> Money:
        return parse_money(text, field=field) if text.strip() else Money(0)

    return parse


def parse_optional_money(field: str) -> Callable[[str], Money | None]:
    def parse(text: str) -> Money | None:
        return parse_money(text, field=field) if text.strip() else None

    return parse


def parse_optional_int(field: str, message: str) -> Callable[[str], int | None]:
    def parse(text: str) -> int | None:
        raw = text.strip()
        if not raw:
            return None
        if not raw.isdigit():
            raise UserInputError(field, "number.invalid", message, {"text": raw})
        return int(raw)

    return parse


def date_text(value: dt.date | None) -> str:
    return "" if value is None else format_short(value)


def money_text(value: Money | None) -> str:
    return "" if value is None else value.format(with_unit=False)


def time_text(value: dt.time | None) -> str:
    return "" if value is None else value.strftime("%H:%M")


def date_edit(placeholder: str = "dd.mm.åååå") -> DateEdit:
    edit = DateEdit(placeholder=placeholder)
    edit.setMinimumWidth(96)
    edit.setMaximumWidth(110)
    return edit


def money_edit() -> MoneyEdit:
    edit = MoneyEdit()
    edit.setMaximumWidth(130)
    return edit


def enum_combo(choices: Sequence[tuple[str, str]], none_text: str | None = NOT_CHOSEN) -> QComboBox:
    """A combo of (value, label) pairs; ``none_text`` adds a first "not chosen" item with data None."""
    combo = QComboBox()
    # Long Danish labels must not force the whole page wider than the 780 px pane; the popup shows all.
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(14)
    if none_text is not None:
        combo.addItem(none_text, None)
    for value, label in choices:
        combo.addItem(label, value)
    return combo


def field_box(editor: QWidget, error: ErrorLabel, extra: QWidget | None = None) -> QWidget:
    """The editor with its error label underneath (and an optional hint beside the editor)."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    if extra is None:
        layout.addWidget(editor)
    else:
        row = QGridLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(editor, 0, 0)
        row.addWidget(extra, 0, 1)
        row.setColumnStretch(1, 1)
        layout.addLayout(row)
    layout.addWidget(error)
    return box


def add_row(
    form: QFormLayout, text: str, editor: QWidget, error: ErrorLabel, extra: QWidget | None = None
) -> QLabel:
    """A form row whose label (with its ``&`` mnemonic) focuses the editor."""
    label = QLabel(text)
    label.setBuddy(editor)
    form.addRow(label, field_box(editor, error, extra))
    return label


def hint_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(HINT_STYLE)
    return label


class Binding:
    """One bound widget. ``load`` shows a stored value; ``commit`` saves what the user entered."""

    def __init__(self, binder: FieldBinder, error: ErrorLabel | None) -> None:
        self._binder = binder
        self.error = error

    def _run(self, save: Callable[[], Write], on_saved: Callable[[], None] | None = None) -> bool:
        """Save; on success note the new state (``on_saved``) and clear the error *before* the change is
        broadcast (the view reloads the case from it)."""
        return self._binder.run(save, self.error, on_saved)

    def has_error(self) -> bool:
        return self.error is not None and bool(self.error.text())

    def reset(self) -> None:
        if self.error is not None:
            self.error.clear_message()

    def commit(self) -> bool:
        return True


class LineBinding(Binding):
    def __init__(
        self,
        binder: FieldBinder,
        edit: QLineEdit,
        error: ErrorLabel,
        parse: Callable[[str], Any],
        save: Callable[[Any], Write],
    ) -> None:
        super().__init__(binder, error)
        self.edit = edit
        self._parse = parse
        self._save = save
        self._loaded = ""
        edit.editingFinished.connect(self.commit)

    def load(self, text: str, *, force: bool = False) -> None:
        if not force and (self.has_error() or (self.edit.hasFocus() and self.edit.text() != self._loaded)):
            return
        self._loaded = text
        if self.edit.text() != text:
            self.edit.setText(text)
        if force:
            self.reset()

    def is_dirty(self) -> bool:
        return self.edit.text() != self._loaded or self.has_error()

    def commit(self) -> bool:
        if not self.is_dirty():
            return True
        text = self.edit.text()

        def save() -> Write:
            return self._save(self._parse(text))

        def saved() -> None:
            self._loaded = text

        return self._run(save, saved)


class ComboBinding(Binding):
    def __init__(
        self, binder: FieldBinder, combo: QComboBox, error: ErrorLabel | None, save: Callable[[Any], Write]
    ) -> None:
        super().__init__(binder, error)
        self.combo = combo
        self._save = save
        self._loaded: Any = None
        combo.currentIndexChanged.connect(self._changed)

    def load(self, value: Any, *, force: bool = False) -> None:
        data = value.value if isinstance(value, Enum) else value
        self._loaded = data
        index = self.combo.findData(data)
        with QSignalBlocker(self.combo):
            self.combo.setCurrentIndex(max(index, 0))
        if force:
            self.reset()

    def _changed(self, _index: int) -> None:
        value = self.combo.currentData()
        if value == self._loaded:
            return

        def saved() -> None:
            self._loaded = value

        if not self._run(lambda: self._save(value), saved):
            index = self.combo.findData(self._loaded)
            with QSignalBlocker(self.combo):
                self.combo.setCurrentIndex(max(index, 0))


class CheckBinding(Binding):
    def __init__(
        self, binder: FieldBinder, box: QCheckBox, error: ErrorLabel | None, save: Callable[[bool], Write]
    ) -> None:
        super().__init__(binder, error)
        self.box = box
        self._save = save
        box.toggled.connect(self._toggled)

    def load(self, value: bool, *, force: bool = False) -> None:
        with QSignalBlocker(self.box):
            self.box.setChecked(value)
        if force:
            self.reset()

    def _toggled(self, checked: bool) -> None:
        if not self._run(lambda: self._save(checked)):
            with QSignalBlocker(self.box):
                self.box.setChecked(not checked)


class FieldBinder(QObject):
    """Creates bindings and runs their saves: refusals next to the field, changes broadcast once."""

    def __init__(
        self, ctx: AppContext, parent: QWidget, case_id: Callable[[], str | None] = lambda: None
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._parent = parent
        self._case_id = case_id
        self._lines: list[LineBinding] = []

    def run(
        self,
        save: Callable[[], Write],
        error: ErrorLabel | None,
        on_saved: Callable[[], None] | None = None,
    ) -> bool:
        """Run one save; True when it was saved. A refusal is shown in ``error`` (a field without one keeps
        its saved value), a store error in a dialog."""
        saved = False

        def call() -> Changes | None:
            nonlocal saved
            result = save()
            saved = True
            if error is not None:
                error.clear_message()
            if on_saved is not None:
                on_saved()
            return changes_of(result)

        def refused(exc: UserInputError) -> None:
            if error is not None:  # a field without a label (a combo) just keeps its saved value
                error.show_message(exc.message)

        run_write(self._parent, self._ctx, call, on_input_error=refused)
        return saved

    def line(
        self, edit: QLineEdit, error: ErrorLabel, parse: Callable[[str], Any], save: Callable[[Any], Write]
    ) -> LineBinding:
        binding = LineBinding(self, edit, error, parse, save)
        self._lines.append(binding)
        return binding

    def text(self, edit: QLineEdit, error: ErrorLabel, save: Callable[[str], Write]) -> LineBinding:
        return self.line(edit, error, lambda t: t, save)

    def combo(self, combo: QComboBox, error: ErrorLabel | None, save: Callable[[Any], Write]) -> ComboBinding:
        return ComboBinding(self, combo, error, save)

    def check(self, box: QCheckBox, error: ErrorLabel | None, save: Callable[[bool], Write]) -> CheckBinding:
        return CheckBinding(self, box, error, save)

    def flush(self) -> None:
        """Save every line edit whose text was changed but not yet saved (before switching case)."""
        for binding in self._lines:
            if binding.edit.text() != binding._loaded:
                binding.commit()


class CheckGrid(QWidget):
    """A fixed picklist as check boxes in columns (never free text). Emits ``toggled(code, checked)``."""

    toggled = Signal(str, bool)

    def __init__(
        self, choices: Sequence[tuple[str, str]], columns: int = 2, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setHorizontalSpacing(16)
        layout.setVerticalSpacing(2)
        self.boxes: dict[str, QCheckBox] = {}
        rows = (len(choices) + columns - 1) // columns
        for i, (value, label) in enumerate(choices):
            box = QCheckBox(label)
            box.toggled.connect(lambda checked, v=value: self.toggled.emit(v, checked))
            layout.addWidget(box, i % rows, i // rows)
            self.boxes[value] = box

    def set_checked(self, selected: set[str] | dict[str, str]) -> None:
        for value, box in self.boxes.items():
            with QSignalBlocker(box):
                box.setChecked(value in selected)


def row_table(
    model: QAbstractItemModel, stretch: int, *, min_height: int = 100, name: str = ""
) -> QTableView:
    """A read-only, row-selecting table for one of the case view's lists."""
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(True)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(22)
    header = table.horizontalHeader()
    for column in range(model.columnCount()):
        mode = (
            QHeaderView.ResizeMode.Stretch if column == stretch else QHeaderView.ResizeMode.ResizeToContents
        )
        header.setSectionResizeMode(column, mode)
    table.setMinimumHeight(min_height)
    if name:
        table.setAccessibleName(name)
    return table


def selected_id(table: QTableView) -> str | None:
    rows = table.selectionModel().selectedRows()
    if not rows:
        return None
    value = rows[0].data(ID_ROLE)
    return str(value) if value else None


def select_id(table: QTableView, row_id: str | None) -> None:
    model = table.model()
    for row in range(model.rowCount()):
        if row_id is not None and model.index(row, 0).data(ID_ROLE) == row_id:
            table.selectRow(row)
            return
