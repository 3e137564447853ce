"""Lejemål: the landlord (association/estate or private) with its address, the home's address, tenancy number, rent, move-in date, rooms."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from boligdesk.services.case_read import CaseDetails
from boligdesk.services.tenancy import TENANCY_FIELDS, TenancyField
from boligdesk.ui.cases.case_fields import (
    Write,
    add_row,
    date_edit,
    date_text,
    field_box,
    hint_label,
    money_edit,
    money_text,
    parse_money_or_zero,
    parse_optional_date,
    parse_optional_int,
)
from boligdesk.ui.cases.case_page import CasePage
from boligdesk.ui.cases.landlord_picker import LandlordPicker
from boligdesk.ui.cases.tenancy_inputs import address_edit, postcode_edit
from boligdesk.ui.context import AppContext
from boligdesk.ui.shared.error_label import ErrorLabel
from boligdesk.ui.shared.field_labels import form_label


class CaseTenancyPage(CasePage):
    title = "Lejem&ål"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        b = self.binder

        def tenancy(field: TenancyField) -> Callable[[Any], Write]:
            return lambda value: self.ctx.desk.tenancy.set_field(self.case(), field, value)

        self.landlord = LandlordPicker(ctx)
        self.estate = self.landlord.combo
        self.address = address_edit()
        self.postcode = postcode_edit()
        self.city = QLineEdit()
        self.tenancy_number = QLineEdit()
        self.rent = money_edit()
        self.move_in = date_edit()
        self.tenancy_years = hint_label()
        self.rooms = QLineEdit()
        self.rooms.setMaximumWidth(60)

        e = {n: ErrorLabel() for n in ("address", "place", "city", "number", "rent", "move_in", "rooms")}
        self.errors = e
        self._address = b.text(self.address, e["address"], tenancy("address_line"))
        self._postcode = b.text(self.postcode, e["place"], tenancy("postcode"))
        self._city = b.text(self.city, e["city"], tenancy("city"))
        self._number = b.text(self.tenancy_number, e["number"], tenancy("tenancy_number"))
        self._rent = b.line(self.rent, e["rent"], parse_money_or_zero("rent"), tenancy("rent"))
        self._move_in = b.line(
            self.move_in, e["move_in"], parse_optional_date("move_in_date"), tenancy("move_in_date")
        )
        self._rooms = b.line(
            self.rooms,
            e["rooms"],
            parse_optional_int("rooms", "Antal værelser skal være et helt tal fra 1 til 20."),
            tenancy("rooms"),
        )

        form = QFormLayout()
        landlord_label = QLabel("&Udlejer")
        landlord_label.setBuddy(self.landlord.combo)
        form.addRow(landlord_label, self.landlord)
        t = TENANCY_FIELDS
        add_row(form, form_label(t, "address_line", "A"), self.address, e["address"])
        place = QWidget()
        place_layout = QHBoxLayout(place)
        place_layout.setContentsMargins(0, 0, 0, 0)
        place_layout.addWidget(self.postcode)
        place_layout.addWidget(self.city, 1)
        place_box = field_box(place, e["place"])
        place_layout_outer = place_box.layout()
        assert place_layout_outer is not None
        place_layout_outer.addWidget(e["city"])
        place_label = QLabel("&Postnr. og by")
        place_label.setBuddy(self.postcode)
        form.addRow(place_label, place_box)
        add_row(form, form_label(t, "tenancy_number", "r"), self.tenancy_number, e["number"])
        add_row(
            form, form_label(t, "rent", "H", suffix=" pr. måned"), self.rent, e["rent"], hint_label("kr.")
        )
        add_row(form, form_label(t, "move_in_date", "I"), self.move_in, e["move_in"], self.tenancy_years)
        add_row(form, form_label(t, "rooms", "v"), self.rooms, e["rooms"])

        box = QGroupBox("Lejemål")
        box.setLayout(form)
        layout = QVBoxLayout(self)
        layout.addWidget(box)
        layout.addStretch(1)

    def load(self, d: CaseDetails, force: bool) -> None:
        self.landlord.load(d.id, force=force)
        t = d.tenancy
        self._address.load(t.address_line if t else "", force=force)
        self._postcode.load(t.postcode if t else "", force=force)
        self._city.load(t.city if t else "", force=force)
        self._number.load(t.tenancy_number if t else "", force=force)
        self._rent.load(money_text(t.rent) if t else "", force=force)
        self._move_in.load(date_text(t.move_in_date) if t else "", force=force)
        self._rooms.load("" if t is None or t.rooms is None else str(t.rooms), force=force)
        years = d.closing_suggestion.tenancy_years
        self.tenancy_years.setText("" if years is None else f"lejer i {years} år")
