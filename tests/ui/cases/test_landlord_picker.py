"""The landlord on the Lejemål page, the private-landlord dialog, and addresses in the estates dialog."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from boligdesk.budget.money import Money
from boligdesk.models.store import Store
from boligdesk.services.cases import NewCase
from boligdesk.services.desk import Desk
from boligdesk.ui.cases.estates_dialog import EstatesDialog
from boligdesk.ui.cases.landlord_picker import PRIVATE, LandlordPicker, PrivateLandlordDialog
from boligdesk.ui.cases.new_case_dialog import NewCaseDialog
from boligdesk.ui.context import AppContext

TODAY = dt.date(2026, 3, 10)


@pytest.fixture
def ctx(qapp: QApplication, store: Store) -> AppContext:
    return AppContext(Desk(store, adviser_name="Rikke Rådgiver", today=lambda: TODAY))


def _estate(ctx: AppContext, address: str = "") -> str:
    association = ctx.desk.estates.add_association("Boligselskabet Fjordglimt", address)
    return ctx.desk.estates.save_estate(
        estate_id=None,
        association_id=association.id,
        number="12",
        name="Engparken",
        max_plan_months=12,
        phone_plan_max_months=3,
    ).id


def _case(ctx: AppContext) -> str:
    return ctx.desk.cases.create(
        NewCase(first_name="Mette", last_name="Testesen", address_line="Engparken 12", rent=Money.kr(6500))
    ).id


def _picker(qtbot: QtBot, ctx: AppContext, case_id: str) -> LandlordPicker:
    picker = LandlordPicker(ctx)
    qtbot.addWidget(picker)
    picker.load(case_id)
    picker.show()
    return picker


def _choose(picker: LandlordPicker, data: object) -> None:
    index = picker.combo.findData(data)
    assert index >= 0
    picker.combo.setCurrentIndex(index)
    picker.combo.activated.emit(index)


def test_no_landlord_then_an_afdeling_with_its_address(qtbot: QtBot, ctx: AppContext) -> None:
    estate_id = _estate(ctx, "Søvej 2, 2620 Albertslund")
    case_id = _case(ctx)
    picker = _picker(qtbot, ctx, case_id)
    assert picker.summary.text().startswith("Ingen udlejer valgt")
    assert picker.combo.itemData(picker.combo.count() - 1) == PRIVATE
    _choose(picker, estate_id)
    row = ctx.desk.landlord.of_case(case_id)
    assert row is not None and row.estate_id == estate_id
    assert picker.summary.text() == "Boligselskabet Fjordglimt, afd. 12 Engparken"
    assert picker.address_label.text() == "Søvej 2, 2620 Albertslund"
    assert picker.address_row.isHidden()


def test_a_landlord_without_address_gets_one_inline(qtbot: QtBot, ctx: AppContext) -> None:
    estate_id = _estate(ctx)
    case_id = _case(ctx)
    ctx.desk.landlord.choose(case_id, estate_id)
    picker = _picker(qtbot, ctx, case_id)
    assert not picker.address_row.isHidden()
    picker.save_address.click()
    assert picker.error.text() == "Skriv udlejerens adresse."
    qtbot.keyClicks(picker.address_edit, "Søvej 2, 2620 Albertslund")
    picker.save_address.click()
    row = ctx.desk.landlord.of_case(case_id)
    assert row is not None and row.address == "Søvej 2, 2620 Albertslund" and row.complete
    assert picker.address_row.isHidden()
    assert picker.address_label.text() == "Søvej 2, 2620 Albertslund"


def _fill_private(name: str, address: str) -> None:
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, PrivateLandlordDialog))
    dialog.name.setText(name)
    dialog.address.setPlainText(address)
    dialog._save()
    if dialog.isVisible():  # refused: give up so the test does not hang
        dialog.reject()


def test_private_landlord_from_the_picker(qtbot: QtBot, ctx: AppContext) -> None:
    _estate(ctx, "Søvej 2")
    case_id = _case(ctx)
    picker = _picker(qtbot, ctx, case_id)
    QTimer.singleShot(0, lambda: _fill_private("Jens Hansen", "Bakkevej 4\n2600 Glostrup"))
    _choose(picker, PRIVATE)
    row = ctx.desk.landlord.of_case(case_id)
    assert (
        row is not None
        and row.private
        and (row.name, row.address) == ("Jens Hansen", "Bakkevej 4\n2600 Glostrup")
    )
    assert picker.summary.text() == "Jens Hansen (privat udlejer)"
    assert picker.combo.currentData() == row.estate_id
    assert picker.address_label.text() == "Bakkevej 4, 2600 Glostrup"


def test_private_landlord_dialog_refuses_a_missing_address(qtbot: QtBot, ctx: AppContext) -> None:
    case_id = _case(ctx)
    dialog = PrivateLandlordDialog(ctx, case_id)
    qtbot.addWidget(dialog)
    dialog.name.setText("Jens Hansen")
    dialog._save()
    assert dialog.error.text() == "Skriv udlejerens adresse."
    assert ctx.desk.landlord.of_case(case_id) is None


def test_new_case_with_a_private_landlord(qtbot: QtBot, ctx: AppContext) -> None:
    dialog = NewCaseDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.first_name.setText("Bo")
    dialog.last_name.setText("Testesen")
    dialog.address_line.setText("Bakkevej 4, 1. th")
    QTimer.singleShot(0, lambda: _fill_private("Hansen Ejendomme ApS", "Torvet 1, 2600 Glostrup"))
    index = dialog.estate.findData(PRIVATE)
    dialog.estate.setCurrentIndex(index)
    dialog.estate.activated.emit(index)
    assert dialog.estate.currentText() == "Hansen Ejendomme ApS (privat udlejer)"
    dialog._save()
    assert dialog.created_case_id is not None
    row = ctx.desk.landlord.of_case(dialog.created_case_id)
    assert row is not None and row.private and row.name == "Hansen Ejendomme ApS"
    assert row.address == "Torvet 1, 2600 Glostrup"


def test_estates_dialog_edits_the_association_and_estate_address(qtbot: QtBot, ctx: AppContext) -> None:
    estate_id = _estate(ctx)
    dialog = EstatesDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.association_address.text() == ""
    dialog.association_address.setText("Søvej 2, 2620 Albertslund")
    dialog.estate_address.setText("Engparken 1, 2620 Albertslund")
    dialog.save.click()
    assert dialog.error.text() == ""
    [row] = ctx.desk.estates.rows()
    assert (row.id, row.association_address, row.address) == (
        estate_id,
        "Søvej 2, 2620 Albertslund",
        "Engparken 1, 2620 Albertslund",
    )
    reopened = EstatesDialog(ctx)
    qtbot.addWidget(reopened)
    assert reopened.association_address.text() == "Søvej 2, 2620 Albertslund"
    assert reopened.estate_address.text() == "Engparken 1, 2620 Albertslund"
