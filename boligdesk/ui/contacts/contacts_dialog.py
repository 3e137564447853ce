"""Indstillinger → Kontakter: the team's named contacts (sagsbehandler, jobcenter, varmemester, bank …)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QItemSelection
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from boligdesk.budget.calendar import format_short
from boligdesk.budget.cooperation import ContactRole
from boligdesk.errors import UserInputError
from boligdesk.services.changes import Changes, Part
from boligdesk.services.contacts import CONTACT_FIELDS, ContactRow
from boligdesk.ui.context import AppContext
from boligdesk.ui.shared.date_edit import DateEdit
from boligdesk.ui.shared.desk_ops import run_write
from boligdesk.ui.shared.error_label import ErrorLabel
from boligdesk.ui.shared.field_labels import form_label
from boligdesk.ui.shared.table_model import Column, TableModel, make_table_view

#: Details not checked for this many days are shown as possibly out of date.
STALE_DAYS = 365


def _checked_text(row: ContactRow) -> str:
    return format_short(row.checked_on) if row.checked_on is not None else "aldrig"


def contact_columns(today: dt.date) -> list[Column[ContactRow]]:
    def stale(row: ContactRow) -> Any:
        days = row.days_since_checked(today)
        return "#9a5b00" if days is None or days > STALE_DAYS else None

    return [
        Column("Rolle", lambda r: r.role_label, width=190),
        Column("Navn", lambda r: r.name, width=170),
        Column("Organisation", lambda r: r.organisation, width=190),
        Column("Telefon", lambda r: r.phone, width=95),
        Column("E-mail", lambda r: r.email, width=170),
        Column("Træffetid", lambda r: r.hours, width=120),
        Column(
            "Sidst tjekket",
            _checked_text,
            sort_key=lambda r: r.checked_on or dt.date.min,
            foreground=stale,
            tooltip=lambda r: (
                "Oplysningerne er over et år gamle eller aldrig tjekket. Ring og tjek dem."
                if stale(r)
                else None
            ),
            width=95,
        ),
    ]


class ContactsDialog(QDialog):
    """The list of contacts on the left/top, the chosen one's details below; saved with »Gem«."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._current: str | None = None
        self.setWindowTitle("Kontakter")
        self.resize(1100, 620)

        self.model: TableModel[ContactRow] = TableModel(contact_columns(ctx.desk.today()), self)
        self.table = make_table_view(self.model, stretch_column=2)
        self.table.selectionModel().selectionChanged.connect(self._selected)

        self.role = QComboBox()
        for role in ContactRole:
            self.role.addItem(role.label, role.value)
        self.name = QLineEdit()
        self.organisation = QLineEdit()
        self.phone = QLineEdit()
        self.email = QLineEdit()
        self.hours = QLineEdit()
        self.hours.setPlaceholderText("fx man–tor 9–12, fre 9–11")
        self.checked_on = DateEdit(field="checked_on")
        self.note = QPlainTextEdit()
        self.note.setMaximumHeight(60)
        self.error = ErrorLabel()

        form = QFormLayout()
        form.addRow(form_label(CONTACT_FIELDS, "role", "R"), self.role)
        form.addRow(form_label(CONTACT_FIELDS, "name", "N"), self.name)
        form.addRow(form_label(CONTACT_FIELDS, "organisation", "O"), self.organisation)
        form.addRow(form_label(CONTACT_FIELDS, "phone", "T"), self.phone)
        form.addRow(form_label(CONTACT_FIELDS, "email", "E"), self.email)
        form.addRow(form_label(CONTACT_FIELDS, "hours", "f"), self.hours)
        form.addRow(form_label(CONTACT_FIELDS, "checked_on", "S"), self.checked_on)
        form.addRow(CONTACT_FIELDS.label("note"), self.note)  # N, o, t and e are taken
        self.box = QGroupBox("Ny kontakt")
        self.box.setLayout(form)

        self.new_button = QPushButton("N&y kontakt")
        self.save_button = QPushButton("&Gem")
        self.checked_button = QPushButton("Tjekket i &dag")
        self.delete_button = QPushButton("S&let")
        self.new_button.clicked.connect(self.new_contact)
        self.save_button.clicked.connect(self.save)
        self.checked_button.clicked.connect(self.mark_checked)
        self.delete_button.clicked.connect(self.delete)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.save_button, self.checked_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        hint = QLabel(
            "De personer, I arbejder sammen med: sagsbehandlere, jobcenter, ydelseskontor, udlejers "
            "kontaktperson, varmemestre og banker. Listen deles med teamet ved synkronisering."
        )
        hint.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.box)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        layout.addWidget(close)

        ctx.bus.changed.connect(self._changed)
        self.reload()
        self.new_contact()

    # --- data -------------------------------------------------------------------------------------
    def reload(self) -> None:
        self.model.set_rows(self._ctx.desk.contacts.all())

    def _changed(self, changes: Changes) -> None:
        if changes.touches(None, Part.CONTACTS):
            self.reload()
            if self._current is not None and self.model.row_of(self._current) >= 0:
                self.table.selectRow(self.model.row_of(self._current))

    def _selected(self, _new: QItemSelection, _old: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.show_contact(self.model.row_at(rows[0].row()))

    def show_contact(self, row: ContactRow) -> None:
        self._current = row.id
        self.box.setTitle(f"Kontakt: {row.name}")
        self.role.setCurrentIndex(self.role.findData(row.role.value))
        self.name.setText(row.name)
        self.organisation.setText(row.organisation)
        self.phone.setText(row.phone)
        self.email.setText(row.email)
        self.hours.setText(row.hours)
        self.checked_on.setValue(row.checked_on)
        self.note.setPlainText(row.note)
        self.error.clear_message()
        self.delete_button.setEnabled(True)
        self.checked_button.setEnabled(True)

    def new_contact(self) -> None:
        self._current = None
        self.table.clearSelection()
        self.box.setTitle("Ny kontakt")
        for edit in (self.name, self.organisation, self.phone, self.email, self.hours, self.checked_on):
            edit.clear()
        self.note.clear()
        self.checked_on.setValue(self._ctx.desk.today())
        self.error.clear_message()
        self.delete_button.setEnabled(False)
        self.checked_button.setEnabled(False)
        self.name.setFocus()

    def _values(self) -> dict[str, object]:
        return {
            "role": self.role.currentData(),
            "name": self.name.text(),
            "organisation": self.organisation.text(),
            "phone": self.phone.text(),
            "email": self.email.text(),
            "hours": self.hours.text(),
            "checked_on": self.checked_on.text(),
            "note": self.note.toPlainText(),
        }

    def _refused(self, error: UserInputError) -> None:
        self.error.show_message(error.message)
        widget = getattr(self, error.field, None)
        if isinstance(widget, QWidget):
            widget.setFocus()

    # --- actions ----------------------------------------------------------------------------------
    def save(self) -> None:
        values = self._values()
        desk = self._ctx.desk
        if self._current is None:
            created = run_write(
                self, self._ctx, lambda: desk.contacts.add(**values), on_input_error=self._refused
            )
            if created is not None:
                self._current = created.id
                self._changed(created.changes)
                self.error.clear_message()
            return
        current = self._current
        if run_write(
            self, self._ctx, lambda: desk.contacts.edit(current, **values), on_input_error=self._refused
        ):
            self.error.clear_message()

    def mark_checked(self) -> None:
        if self._current is not None:
            current = self._current
            run_write(self, self._ctx, lambda: self._ctx.desk.contacts.mark_checked(current))
            self.checked_on.setValue(self._ctx.desk.today())

    def delete(self) -> None:
        if self._current is None:
            return
        answer = QMessageBox.question(
            self,
            "Slet kontakt",
            f"Slet »{self.name.text()}«? Kontakten fjernes også fra de sager, den er knyttet til.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        current = self._current
        if run_write(self, self._ctx, lambda: self._ctx.desk.contacts.delete(current)) is not None:
            self.new_contact()
