"""Indstillinger → Kontakter: typing a contact, a refused phone number, editing and the stale mark."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from boligdesk.models.store import Store
from boligdesk.services.desk import Desk
from boligdesk.ui.contacts.contacts_dialog import ContactsDialog
from boligdesk.ui.context import AppContext

TODAY = dt.date(2026, 12, 1)


@pytest.fixture
def ctx(qapp: QApplication, store: Store) -> AppContext:
    return AppContext(Desk(store, adviser_name="Hanne Holm", today=lambda: TODAY))


def test_a_new_contact_is_typed_saved_and_listed(qtbot: QtBot, ctx: AppContext) -> None:
    dialog = ContactsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.role.setCurrentIndex(dialog.role.findText("Varmemester"))
    qtbot.keyClicks(dialog.name, "Kurt Varmemester")
    qtbot.keyClicks(dialog.organisation, "Afd. 103 Granhøj")
    qtbot.keyClicks(dialog.phone, "22 22 22 22")
    dialog.hours.setText("Hverdage 7–8")  # keyClicks cannot type an en dash
    dialog.save_button.click()
    assert dialog.error.text() == ""
    [row] = ctx.desk.contacts.all()
    assert (row.role_label, row.name, row.phone, row.checked_on) == (
        "Varmemester",
        "Kurt Varmemester",
        "22 22 22 22",
        TODAY,
    )
    assert dialog.model.rowCount() == 1
    assert dialog.box.title() == "Kontakt: Kurt Varmemester"


def test_a_bad_phone_number_is_explained_and_nothing_is_saved(qtbot: QtBot, ctx: AppContext) -> None:
    dialog = ContactsDialog(ctx)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.name, "Sofie")
    qtbot.keyClicks(dialog.phone, "12")
    dialog.save_button.click()
    assert "er ikke et telefonnummer" in dialog.error.text()
    assert dialog.phone.text() == "12"  # what was typed stays
    assert ctx.desk.contacts.all() == []


def test_choosing_a_contact_fills_the_form_and_an_old_check_is_marked(
    qtbot: QtBot, ctx: AppContext, tmp_path: object
) -> None:
    old = ctx.desk.contacts.add(
        role="bank", name="Kundeservice", organisation="Opdigtet Bank", checked_on="02.01.2025"
    ).id
    ctx.desk.contacts.add(
        role="caseworker",
        name="Sofie Sagsbehandler",
        organisation="Opdigtet Kommune, Ydelsescenter",
        phone="33 33 33 33",
        email="sofie@opdigtet.invalid.dk",
        hours="Man–tor 9–12",
        checked_on="20.11.2026",
    )
    dialog = ContactsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.resize(1366, 768)
    row = dialog.model.row_of(old)
    dialog.table.selectRow(row)
    assert dialog.name.text() == "Kundeservice"
    assert dialog.model.data(dialog.model.index(row, 6)) == "02.01.2025"
    assert dialog.model.data(dialog.model.index(row, 6), 3)  # tooltip: over a year old
    dialog.phone.setText("70 70 70 70")
    dialog.save_button.click()
    assert ctx.desk.contacts.get(old).phone == "70 70 70 70"
    dialog.checked_button.click()
    assert ctx.desk.contacts.get(old).checked_on == TODAY
    dialog.show()
