"""The case's landlord: shown with its address, chosen among the afdelinger or created as a private landlord.

The same picker sits on the case's Lejemål page and in the small "Vælg udlejer" dialog the Breve tab opens
when an afdragsaftale is refused for want of a landlord. ``PrivateLandlordDialog`` asks for a private
landlord's name and address (the »Ny sag« dialog uses it too, before the case exists).
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from boligdesk.errors import UserInputError
from boligdesk.services.landlord import LandlordRow, clean_private
from boligdesk.ui.cases.tenancy_inputs import fill_estates
from boligdesk.ui.context import AppContext
from boligdesk.ui.shared.buttons import ok_cancel_buttons
from boligdesk.ui.shared.desk_ops import run_write
from boligdesk.ui.shared.dialogs import run_modal
from boligdesk.ui.shared.error_label import ErrorLabel

PRIVATE = "__private__"
"""The combo's data for its last entry, "Privat udlejer…" (opens the dialog; never saved)."""
PRIVATE_LABEL = "Privat udlejer…"
NO_LANDLORD = "Ingen udlejer valgt. Vælg boligorganisation og afdeling, eller »Privat udlejer…«."


def landlord_text(row: LandlordRow | None) -> str:
    """``Boligselskabet Fjordglimt, afd. 12 Engparken`` / ``Jens Hansen (privat udlejer)``."""
    if row is None:
        return NO_LANDLORD
    if row.private:
        return f"{row.name} (privat udlejer)"
    return f"{row.name}, afd. {row.estate}"


class PrivateLandlordDialog(QDialog):
    """Name and address of a private landlord.

    With a ``case_id`` it creates the landlord and makes it the case's (``desk.landlord.create_private``);
    without one (the »Ny sag« dialog, before the case exists) it only checks and hands back the values
    in :attr:`name_value` and :attr:`address_value`.
    """

    def __init__(self, ctx: AppContext, case_id: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._case_id = case_id
        self.created_estate_id: str | None = None
        self.name_value = ""
        self.address_value = ""
        self.setWindowTitle("Privat udlejer")
        self.setMinimumWidth(440)
        self.name = QLineEdit()
        self.name.setPlaceholderText("fx Jens Hansen eller Hansen Ejendomme ApS")
        self.address = QPlainTextEdit()
        self.address.setTabChangesFocus(True)
        self.address.setPlaceholderText("Vej og nummer\nPostnr. og by")
        self.address.setFixedHeight(64)
        self.error = ErrorLabel()
        intro = QLabel(
            "Udlejeren står på afdragsaftalen og skriver under på den. Skriv navn og adresse, "
            "som de står på lejekontrakten."
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        name_label = QLabel("&Navn")
        name_label.setBuddy(self.name)
        address_label = QLabel("&Adresse")
        address_label.setBuddy(self.address)
        form.addRow(name_label, self.name)
        form.addRow(address_label, self.address)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(ok_cancel_buttons("&Gem udlejer", self._save, self.reject))
        self.name.setFocus()

    def _save(self) -> None:
        self.error.clear_message()
        name, address = self.name.text(), self.address.toPlainText()
        if self._case_id is None:
            try:
                self.name_value, self.address_value = clean_private(name, address)
            except UserInputError as exc:
                self._show(exc)
                return
            self.accept()
            return
        case_id = self._case_id
        created = run_write(
            self,
            self._ctx,
            lambda: self._ctx.desk.landlord.create_private(case_id, name, address),
            on_input_error=self._show,
        )
        if created is not None:
            self.created_estate_id = created.id
            self.accept()

    def _show(self, exc: UserInputError) -> None:
        self.error.show_message(exc.message)
        (self.address if exc.field == "address" else self.name).setFocus()


class LandlordPicker(QWidget):
    """Who the case's landlord is, with its address; another afdeling, a private landlord, or the address."""

    chosen = Signal()
    """A landlord was chosen, created or given its address (the write's ``Changes`` are broadcast too)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.case_id: str | None = None
        self.row: LandlordRow | None = None

        self.combo = QComboBox()
        self.combo.setMinimumContentsLength(30)
        self.combo.setAccessibleName("Udlejer")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.address_label = QLabel()
        self.address_label.setWordWrap(True)
        self.address_label.setStyleSheet("color: #444;")
        self.address_edit = QLineEdit()
        self.address_edit.setPlaceholderText("Udlejerens adresse, fx Søvej 2, 2620 Albertslund")
        self.address_edit.setAccessibleName("Udlejerens adresse")
        self.save_address = QPushButton("Gem &adresse")
        self.error = ErrorLabel()

        self.address_row = QWidget()
        row_layout = QHBoxLayout(self.address_row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        missing = QLabel("Udlejeren har ingen adresse:")
        missing.setStyleSheet("color: #8a3b00;")
        row_layout.addWidget(missing)
        row_layout.addWidget(self.address_edit, 1)
        row_layout.addWidget(self.save_address)
        self.address_row.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo)
        layout.addWidget(self.summary)
        layout.addWidget(self.address_label)
        layout.addWidget(self.address_row)
        layout.addWidget(self.error)

        self.combo.activated.connect(self._activated)
        self.save_address.clicked.connect(self._save_address)
        self.address_edit.returnPressed.connect(self._save_address)

    # --- reading ----------------------------------------------------------------------------------------
    def load(self, case_id: str, *, force: bool = True) -> None:
        """Show ``case_id``'s landlord (``force``: also drop a half-typed address and an old error)."""
        if force or case_id != self.case_id:
            self.error.clear_message()
            self.address_edit.clear()
        self.case_id = case_id
        fill_estates(self.combo, self.ctx.desk.estates.choices())
        with QSignalBlocker(self.combo):
            self.combo.addItem(PRIVATE_LABEL, PRIVATE)
        self.row = self.ctx.desk.landlord.of_case(case_id)
        self._show_row()

    def _show_row(self) -> None:
        row = self.row
        with QSignalBlocker(self.combo):
            index = self.combo.findData(row.estate_id) if row is not None else 0
            if index < 0 and row is not None:  # a private landlord is not among the afdelinger
                self.combo.insertItem(1, landlord_text(row), row.estate_id)
                index = 1
            self.combo.setCurrentIndex(max(0, index))
        self.summary.setText(landlord_text(row))
        self.summary.setStyleSheet("" if row is not None else "color: #8a3b00;")
        if row is not None and row.address.strip():
            self.address_label.setText(row.address.replace("\n", ", "))
            self.address_label.show()
        else:
            self.address_label.hide()
        self.address_row.setVisible(row is not None and not row.address.strip())

    # --- writing ----------------------------------------------------------------------------------------
    def _activated(self, index: int) -> None:
        if self.case_id is None:
            return
        case_id = self.case_id
        data = self.combo.itemData(index)
        self.error.clear_message()
        if data == PRIVATE:
            self.open_private()
            return
        estate_id = str(data) if data else None
        if self.row is not None and estate_id == self.row.estate_id:
            return
        saved = run_write(
            self,
            self.ctx,
            lambda: self.ctx.desk.landlord.choose(case_id, estate_id),
            on_input_error=self._show_error,
        )
        if saved is not None:
            self.load(case_id)
            self.chosen.emit()
        else:
            self._show_row()

    def open_private(self) -> None:
        """ "Privat udlejer…": ask for name and address, make it the case's landlord."""
        if self.case_id is None:
            return
        dialog = PrivateLandlordDialog(self.ctx, self.case_id, self)
        if run_modal(dialog):
            self.load(self.case_id)
            self.chosen.emit()
        else:
            self._show_row()

    def _save_address(self) -> None:
        if self.row is None or self.case_id is None:
            return
        estate_id, address = self.row.estate_id, self.address_edit.text()
        saved = run_write(
            self,
            self.ctx,
            lambda: self.ctx.desk.landlord.set_address(estate_id, address),
            on_input_error=self._show_error,
        )
        if saved is not None:
            self.load(self.case_id)
            self.chosen.emit()

    def _show_error(self, exc: UserInputError) -> None:
        self.error.show_message(exc.message)


class LandlordDialog(QDialog):
    """ "Vælg udlejer…" from the Breve tab: the picker on its own, for one case."""

    def __init__(self, ctx: AppContext, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Vælg udlejer")
        self.setMinimumWidth(520)
        self.picker = LandlordPicker(ctx, self)
        intro = QLabel(
            "Afdragsaftalen laves med lejerens udlejer: boligorganisationen og afdelingen, eller en "
            "privat udlejer. Udlejerens adresse står på aftalen."
        )
        intro.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("&Luk")
        buttons.rejected.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.picker)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.picker.load(case_id)
