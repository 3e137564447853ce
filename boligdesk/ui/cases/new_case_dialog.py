""" "Ny sag": tenant, address, estate, rent, arrears and termination date. Validates all before saving."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from boligdesk.budget.money import Money
from boligdesk.budget.vocabulary import CaseKind
from boligdesk.errors import UserInputError
from boligdesk.services.cases import CASE_FIELDS, NewCase
from boligdesk.services.tenancy import TENANCY_FIELDS
from boligdesk.services.tenant import TENANT_FIELDS
from boligdesk.ui.cases.landlord_picker import PRIVATE, PRIVATE_LABEL, PrivateLandlordDialog
from boligdesk.ui.cases.tenancy_inputs import address_edit, fill_estates, postcode_edit
from boligdesk.ui.context import AppContext
from boligdesk.ui.shared.buttons import ok_cancel_buttons
from boligdesk.ui.shared.date_edit import DateEdit
from boligdesk.ui.shared.desk_ops import run_write
from boligdesk.ui.shared.dialogs import run_modal
from boligdesk.ui.shared.error_label import ErrorLabel
from boligdesk.ui.shared.field_labels import form_label
from boligdesk.ui.shared.money_edit import MoneyEdit

PRIVATE_CHOSEN = "__private_chosen__"
"""The combo's data for the private landlord typed in this dialog (not saved until the case is)."""


class NewCaseDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.created_case_id: str | None = None
        self.setWindowTitle("Ny sag")
        self.setMinimumWidth(560)

        self.first_name = QLineEdit()
        self.last_name = QLineEdit()
        self.phone = QLineEdit()
        self.address_line = address_edit()
        self.postcode = postcode_edit()
        self.city = QLineEdit()
        self.estate = QComboBox()
        self.private_landlord: tuple[str, str] | None = None
        """Name and address of a private landlord typed in "Privat udlejer…" (created with the case)."""
        self.tenancy_number = QLineEdit()
        self.rent = MoneyEdit(field="rent")
        self.arrears = MoneyEdit(field="arrears")
        self.kind = QComboBox()
        for value, label in CaseKind.choices():
            self.kind.addItem(label, value)
        self.reminder_sent_on = DateEdit(field="reminder_sent_on")
        self.termination_on = DateEdit(field="termination_on")
        self._load_estates()

        tenant_box = QGroupBox("Lejer")
        tenant_form = QFormLayout(tenant_box)
        tenant_form.addRow(form_label(TENANT_FIELDS, "first_name", "F"), self.first_name)
        tenant_form.addRow(form_label(TENANT_FIELDS, "last_name", "E"), self.last_name)
        tenant_form.addRow(form_label(TENANT_FIELDS, "phone", "T"), self.phone)

        home_box = QGroupBox("Lejemål")
        home_form = QFormLayout(home_box)
        home_form.addRow(form_label(TENANCY_FIELDS, "address_line", "A"), self.address_line)
        place = QHBoxLayout()
        place.addWidget(self.postcode)
        place.addWidget(self.city, 1)
        home_form.addRow("Postnr. og by", place)
        home_form.addRow(form_label(TENANCY_FIELDS, "estate_id", "d"), self.estate)
        home_form.addRow(form_label(TENANCY_FIELDS, "tenancy_number", "n"), self.tenancy_number)
        home_form.addRow(form_label(TENANCY_FIELDS, "rent", "H", suffix=" pr. måned"), self.rent)

        case_box = QGroupBox("Sagen")
        case_form = QFormLayout(case_box)
        case_form.addRow(form_label(CASE_FIELDS, "kind", "t"), self.kind)
        case_form.addRow(form_label(CASE_FIELDS, "arrears", "R"), self.arrears)
        case_form.addRow(form_label(CASE_FIELDS, "reminder_sent_on", "P"), self.reminder_sent_on)
        case_form.addRow(form_label(CASE_FIELDS, "termination_on", "O"), self.termination_on)

        self.error = ErrorLabel()
        buttons = ok_cancel_buttons("&Opret sag", self._save, self.reject)

        layout = QVBoxLayout(self)
        intro = QLabel("Opret en sag med det du ved nu. Resten kan udfyldes senere på sagen.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(tenant_box)
        layout.addWidget(home_box)
        layout.addWidget(case_box)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.first_name.setFocus()

    def filled_in(self) -> bool:
        """True once the adviser has typed or chosen anything (the case type alone does not count)."""
        typed = any(edit.text().strip() for edit in self.findChildren(QLineEdit))
        return typed or self.estate.currentData() is not None

    def reject(self) -> None:
        # Esc (or Annullér, or closing the window) on a form with something typed in asks first: a
        # slipped finger must not throw away a tenant's details taken down on a home visit.
        if self.created_case_id is None and self.filled_in() and not self._confirm_discard():
            return
        super().reject()

    def _confirm_discard(self) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Ny sag",
            "Du har skrevet oplysninger til den nye sag. Vil du lukke uden at oprette sagen?",
            QMessageBox.StandardButton.NoButton,
            self,
        )
        discard = box.addButton("&Luk uden at gemme", QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton("&Fortsæt med sagen", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.exec()
        chosen = box.clickedButton()
        box.deleteLater()
        return chosen is discard

    def _load_estates(self) -> None:
        fill_estates(self.estate, self._ctx.desk.estates.choices())
        self.estate.addItem(PRIVATE_LABEL, PRIVATE)
        self.estate.activated.connect(self._estate_activated)

    def _estate_activated(self, index: int) -> None:
        if self.estate.itemData(index) != PRIVATE:
            return
        dialog = PrivateLandlordDialog(self._ctx, None, self)
        if run_modal(dialog):
            self.set_private_landlord(dialog.name_value, dialog.address_value)
        else:
            self.estate.setCurrentIndex(self.estate.findData(PRIVATE_CHOSEN) if self.private_landlord else 0)

    def set_private_landlord(self, name: str, address: str) -> None:
        """Show the private landlord typed in the dialog as the choice; it is created with the case."""
        self.private_landlord = (name, address)
        index = self.estate.findData(PRIVATE_CHOSEN)
        label = f"{name} (privat udlejer)"
        if index < 0:
            self.estate.insertItem(1, label, PRIVATE_CHOSEN)
            index = 1
        else:
            self.estate.setItemText(index, label)
        self.estate.setCurrentIndex(index)

    def _field_widget(self, field: str) -> QWidget:
        widget = getattr(self, field, None)
        return widget if isinstance(widget, QWidget) else self.first_name

    def _save(self) -> None:
        self.error.clear_message()
        private = self.estate.currentData() == PRIVATE_CHOSEN
        try:
            data = NewCase(
                first_name=self.first_name.text(),
                last_name=self.last_name.text(),
                phone=self.phone.text(),
                address_line=self.address_line.text(),
                postcode=self.postcode.text(),
                city=self.city.text(),
                estate_id=None if private else self.estate.currentData(),
                tenancy_number=self.tenancy_number.text(),
                rent=(self.rent.value() or Money(0)),
                arrears=(self.arrears.value() or Money(0)),
                kind=CaseKind(self.kind.currentData()),
                reminder_sent_on=self.reminder_sent_on.value(),
                termination_on=self.termination_on.value(),
            )
        except UserInputError as exc:
            self._show(exc)
            return
        created = run_write(
            self, self._ctx, lambda: self._ctx.desk.cases.create(data), on_input_error=self._show
        )
        if created is None:
            return
        self.created_case_id = created.id
        if private and self.private_landlord is not None:
            name, address = self.private_landlord
            run_write(
                self, self._ctx, lambda: self._ctx.desk.landlord.create_private(created.id, name, address)
            )
        self.accept()

    def _show(self, exc: UserInputError) -> None:
        self.error.show_message(exc.message)
        widget = self._field_widget(exc.field)
        widget.setFocus()
        if isinstance(widget, QLineEdit):
            widget.selectAll()
