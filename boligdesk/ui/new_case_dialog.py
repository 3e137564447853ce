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
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from boligdesk.budget.vocabulary import CaseKind
from boligdesk.errors import UserInputError
from boligdesk.models import Estate, HousingAssociation
from boligdesk.services.cases import NewCase, create_case
from boligdesk.ui.context import AppContext
from boligdesk.ui.shared.buttons import ok_cancel_buttons
from boligdesk.ui.shared.date_edit import DateEdit
from boligdesk.ui.shared.error_label import ErrorLabel
from boligdesk.ui.shared.money_edit import MoneyEdit


class NewCaseDialog(QDialog):
    def __init__(self, ctx: AppContext, adviser_id: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._adviser_id = adviser_id
        self.created_case_id: str | None = None
        self.setWindowTitle("Ny sag")
        self.setMinimumWidth(560)

        self.first_name = QLineEdit()
        self.last_name = QLineEdit()
        self.phone = QLineEdit()
        self.address_line = QLineEdit()
        self.address_line.setPlaceholderText("Vej og nummer, etage")
        self.postcode = QLineEdit()
        self.postcode.setMaxLength(4)
        self.postcode.setFixedWidth(70)
        self.city = QLineEdit()
        self.estate = QComboBox()
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
        tenant_form.addRow("&Fornavn", self.first_name)
        tenant_form.addRow("&Efternavn", self.last_name)
        tenant_form.addRow("&Telefon", self.phone)

        home_box = QGroupBox("Lejemål")
        home_form = QFormLayout(home_box)
        home_form.addRow("&Adresse", self.address_line)
        place = QHBoxLayout()
        place.addWidget(self.postcode)
        place.addWidget(self.city, 1)
        home_form.addRow("Postnr. og by", place)
        home_form.addRow("Af&deling", self.estate)
        home_form.addRow("Lejemåls&nr.", self.tenancy_number)
        home_form.addRow("&Husleje pr. måned", self.rent)

        case_box = QGroupBox("Sagen")
        case_form = QFormLayout(case_box)
        case_form.addRow("Sags&type", self.kind)
        case_form.addRow("&Restance", self.arrears)
        case_form.addRow("&Påkrav sendt", self.reminder_sent_on)
        case_form.addRow("&Ophævelsesdato", self.termination_on)

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

    def _load_estates(self) -> None:
        self.estate.addItem("(ingen afdeling valgt)", None)
        with self._ctx.store.session() as s:
            rows = s.execute(
                select(Estate.id, Estate.number, Estate.name, HousingAssociation.name)
                .join(HousingAssociation, Estate.association_id == HousingAssociation.id)
                .where(Estate.deleted.is_(False))
                .order_by(HousingAssociation.name, Estate.number)
            ).all()
        for estate_id, number, name, association in rows:
            self.estate.addItem(f"{association} · {number} {name}".strip(), estate_id)

    def _field_widget(self, field: str) -> QWidget:
        widget = getattr(self, field, None)
        return widget if isinstance(widget, QWidget) else self.first_name

    def _save(self) -> None:
        self.error.clear_message()
        try:
            data = NewCase(
                first_name=self.first_name.text(),
                last_name=self.last_name.text(),
                phone=self.phone.text(),
                address_line=self.address_line.text(),
                postcode=self.postcode.text(),
                city=self.city.text(),
                estate_id=self.estate.currentData(),
                tenancy_number=self.tenancy_number.text(),
                rent=self.rent.money(),
                arrears=self.arrears.money(),
                kind=CaseKind(self.kind.currentData()),
                reminder_sent_on=self.reminder_sent_on.date_value(),
                termination_on=self.termination_on.date_value(),
            )
            self.created_case_id = create_case(
                self._ctx.store,
                data,
                today=self._ctx.today(),
                adviser_id=self._adviser_id,
                actor=self._ctx.adviser_name,
            )
        except UserInputError as exc:
            self.error.show_message(exc.message)
            widget = self._field_widget(exc.field)
            widget.setFocus()
            if isinstance(widget, QLineEdit):
                widget.selectAll()
            return
        self.accept()
