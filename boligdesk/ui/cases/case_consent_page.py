"""Samtykke og kontakter: what the tenant consented to share with whom, and the case's named contacts.

Every letter addressed to someone other than the tenant checks the consents listed here before it is
printed (``deles_med`` in the template). A consent is withdrawn from a date, never deleted.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from boligdesk.budget.calendar import format_short
from boligdesk.budget.cooperation import ConsentHow, ShareWith
from boligdesk.services.case_read import CaseDetails
from boligdesk.services.consent import ConsentRow
from boligdesk.services.contacts import ContactRow
from boligdesk.ui.cases.case_fields import date_edit, hint_label, row_table, selected_id
from boligdesk.ui.cases.case_page import CasePage
from boligdesk.ui.context import AppContext
from boligdesk.ui.shared.error_label import ErrorLabel
from boligdesk.ui.shared.table_model import Column, TableModel

GREY = "#6b6b6b"


def consent_model(parent: QWidget) -> TableModel[ConsentRow]:
    return TableModel(
        (
            Column("Deles med", lambda r: r.share_with.label, width=190),
            Column("Hvad må deles", lambda r: r.scope, width=220),
            Column("Givet", lambda r: format_short(r.given_on), width=85),
            Column("Hvordan", lambda r: r.how.label, width=160),
            Column("Status", lambda r: r.status_text, width=170),
        ),
        parent,
        style=lambda r: (GREY if r.withdrawn_on is not None else None, None, None),
    )


def contact_model(parent: QWidget) -> TableModel[ContactRow]:
    return TableModel(
        (
            Column("Rolle", lambda r: r.role_label, width=170),
            Column("Navn", lambda r: r.name, width=170),
            Column("Organisation", lambda r: r.organisation, width=180),
            Column("Telefon", lambda r: r.phone, width=95),
            Column("Træffetid", lambda r: r.hours, width=130),
        ),
        parent,
    )


class CaseConsentPage(CasePage):
    title = "Samtykke og kontakter"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        # --- consents
        self.consents = consent_model(self)
        self.consent_table = row_table(self.consents, 1, min_height=110, name="Samtykker")
        self.share_with = QComboBox()
        for receiver in ShareWith:
            self.share_with.addItem(receiver.label, receiver.value)
        self.scope = QLineEdit()
        self.scope.setPlaceholderText("fx restance, budget og indkomst")
        self.given_on = date_edit()
        self.how = QComboBox()
        for how in ConsentHow:
            self.how.addItem(how.label, how.value)
        self.add_consent = QPushButton("&Registrér samtykke")
        self.withdraw = QPushButton("Træk valgt samtykke &tilbage i dag")
        self.consent_error = ErrorLabel()
        self.add_consent.clicked.connect(self._add_consent)
        self.withdraw.clicked.connect(self._withdraw)

        form = QHBoxLayout()
        for label, widget in (
            ("Deles &med", self.share_with),
            ("&Hvad må deles", self.scope),
            ("&Givet den", self.given_on),
            ("H&vordan", self.how),
        ):
            caption = QLabel(label)
            caption.setBuddy(widget)
            form.addWidget(caption)
            form.addWidget(widget, 1 if widget is self.scope else 0)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_consent)
        buttons.addWidget(self.withdraw)
        buttons.addStretch(1)
        consent_box = QGroupBox("Samtykke til at dele oplysninger")
        consent_layout = QVBoxLayout(consent_box)
        consent_layout.addWidget(
            hint_label(
                "Breve og ansøgninger til kommunen, banken, fogedretten eller udlejer kan kun udskrives, "
                "når lejeren har givet et gældende samtykke til at dele oplysningerne med dem."
            )
        )
        consent_layout.addWidget(self.consent_table)
        consent_layout.addLayout(form)
        consent_layout.addLayout(buttons)
        consent_layout.addWidget(self.consent_error)

        # --- contacts on the case
        self.contacts = contact_model(self)
        self.contact_table = row_table(self.contacts, 2, min_height=90, name="Kontakter på sagen")
        self.contact_choice = QComboBox()
        self.contact_choice.setMinimumWidth(320)
        self.link = QPushButton("Kn&yt til sagen")
        self.unlink = QPushButton("&Fjern valgt fra sagen")
        self.contact_error = ErrorLabel()
        self.link.clicked.connect(self._link)
        self.unlink.clicked.connect(self._unlink)
        link_row = QHBoxLayout()
        choice_label = QLabel("Kontakt:")
        choice_label.setBuddy(self.contact_choice)
        link_row.addWidget(choice_label)
        link_row.addWidget(self.contact_choice, 1)
        link_row.addWidget(self.link)
        link_row.addWidget(self.unlink)
        contact_box = QGroupBox("Kontakter på sagen")
        contact_layout = QVBoxLayout(contact_box)
        contact_layout.addWidget(
            hint_label("Sagsbehandler, jobcenter, bank … fra listen under Indstillinger → Kontakter.")
        )
        contact_layout.addWidget(self.contact_table)
        contact_layout.addLayout(link_row)
        contact_layout.addWidget(self.contact_error)

        layout = QVBoxLayout(self)
        layout.addWidget(consent_box)
        layout.addWidget(contact_box)
        layout.addStretch(1)

    def load(self, details: CaseDetails, force: bool) -> None:
        desk = self.ctx.desk
        self.consents.set_rows(desk.consent.for_case(details.id))
        linked = desk.contacts.for_case(details.id)
        self.contacts.set_rows(linked)
        linked_ids = {c.id for c in linked}
        self.contact_choice.clear()
        for contact in desk.contacts.all():
            if contact.id not in linked_ids:
                where = f", {contact.organisation}" if contact.organisation else ""
                self.contact_choice.addItem(f"{contact.role_label}: {contact.name}{where}", contact.id)
        self.link.setEnabled(self.contact_choice.count() > 0)
        if force:
            self.given_on.setValue(self.today())
            self.scope.clear()
            self.consent_error.clear_message()
            self.contact_error.clear_message()

    def _add_consent(self) -> None:
        case_id = self.case()
        values = {
            "share_with": self.share_with.currentData(),
            "scope": self.scope.text(),
            "given_on": self.given_on.text(),
            "how": self.how.currentData(),
        }
        if self.run(lambda: self.ctx.desk.consent.add(case_id, **values), self.consent_error):
            self.scope.clear()

    def _withdraw(self) -> None:
        consent_id = selected_id(self.consent_table)
        if consent_id is None:
            self.consent_error.show_message("Vælg det samtykke, der skal trækkes tilbage.")
            return
        case_id = self.case()
        self.run(lambda: self.ctx.desk.consent.withdraw(case_id, consent_id), self.consent_error)

    def _link(self) -> None:
        contact_id = self.contact_choice.currentData()
        if not contact_id:
            return
        case_id = self.case()
        self.run(lambda: self.ctx.desk.contacts.link(case_id, str(contact_id)), self.contact_error)

    def _unlink(self) -> None:
        contact_id = selected_id(self.contact_table)
        if contact_id is None:
            self.contact_error.show_message("Vælg den kontakt, der skal fjernes fra sagen.")
            return
        case_id = self.case()
        self.run(lambda: self.ctx.desk.contacts.unlink(case_id, contact_id), self.contact_error)
