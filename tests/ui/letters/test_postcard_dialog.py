"""Filer → "Udskriv postkort til nye lejere…" and the new tenant's answer one click from the case
(invented data)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from boligdesk.budget.vocabulary import AdviceOfferAnswer, CaseKind
from boligdesk.letters.letterhead import Letterhead, Sender
from boligdesk.models.store import Store
from boligdesk.services.desk import Desk
from boligdesk.ui.cases.case_view import CaseView
from boligdesk.ui.context import AppContext
from boligdesk.ui.letters.postcard_dialog import PostcardDialog
from tests.db.case_setup import new_case

TODAY = dt.date(2026, 12, 1)


@pytest.fixture
def ctx(qapp: QApplication, store: Store) -> AppContext:
    desk = Desk(store, adviser_name="Rikke Rådgiver", today=lambda: TODAY)
    desk.letters.set_letterhead(Letterhead(organisation="Opdigtet Boligrådgivning", phone="70 10 20 30"))
    desk.letters.set_sender(Sender(title="Socialrådgiver", phone="21 43 65 87"))
    return AppContext(desk)


def new_tenant(store: Store, first: str, street: str = "Engparken 12, st. tv.") -> str:
    return new_case(store, first_name=first, address_line=street, kind=CaseKind.NEW_TENANT, members=())


def test_the_new_tenants_without_a_card_are_ticked_and_printing_records_them(
    qtbot: QtBot, ctx: AppContext, store: Store
) -> None:
    fresh = [
        new_tenant(store, name, f"Engparken {n}, 1. th.") for n, name in enumerate(["Anna", "Bo", "Carl"])
    ]
    offered = new_tenant(store, "Dorte")
    ctx.desk.statistics.set_registration(offered, "advice_offer_answer", AdviceOfferAnswer.OFFERED)
    dialog = PostcardDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.resize(1000, 560)
    dialog.show()
    assert dialog.cases.count() == 4
    assert sorted(dialog.case_ids()) == sorted(fresh)  # the one already offered is not ticked
    assert dialog.count.text() == "3 postkort på 1 A4-ark"
    dialog.grab().save("/tmp/x/postcard_dialog.png")

    qtbot.mouseClick(dialog.all_button, Qt.MouseButton.LeftButton)
    assert dialog.count.text() == "4 postkort på 1 A4-ark"
    qtbot.mouseClick(dialog.none_button, Qt.MouseButton.LeftButton)
    assert not dialog.print_button.isEnabled()
    qtbot.mouseClick(dialog.all_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(ctx.bus.changed, timeout=10_000):
        qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.batch is not None, timeout=10_000)
    assert dialog.pages.currentIndex() == 1
    assert dialog.summary.text().startswith("4 postkort er lavet (1 A4-ark)")
    assert dialog.skipped.isHidden()
    dialog.grab().save("/tmp/x/postcard_dialog_done.png")
    assert dialog.batch is not None
    text = PdfReader(io.BytesIO(dialog.batch.pdf)).pages[0].extract_text() or ""
    assert all(f"{name} Testesen" in text for name in ("Anna", "Bo", "Carl", "Dorte"))
    assert ctx.desk.postcards.not_yet_offered() == []


def test_the_answer_is_one_click_from_the_new_tenants_case(
    qtbot: QtBot, ctx: AppContext, store: Store
) -> None:
    case_id = new_tenant(store, "Anna")
    eviction = new_case(store, first_name="Bo")
    view = CaseView(ctx)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    view.set_case(eviction)
    assert view.header.answer_row.isHidden()  # not a new tenant: no answer row
    view.set_case(case_id)
    assert not view.header.answer_row.isHidden()
    assert "ikke registreret" in view.header.answer.text()
    qtbot.mouseClick(view.header.answer_buttons[AdviceOfferAnswer.ACCEPTED], Qt.MouseButton.LeftButton)
    assert ctx.desk.statistics.registration(case_id).advice_offer_answer is AdviceOfferAnswer.ACCEPTED
    assert "Accepteret" in view.header.answer.text()
    assert view.header.answer_buttons[AdviceOfferAnswer.ACCEPTED].isChecked()
    view.header.grab().save("/tmp/x/header_answer.png")
    qtbot.mouseClick(view.header.answer_buttons[AdviceOfferAnswer.DECLINED], Qt.MouseButton.LeftButton)
    assert ctx.desk.statistics.registration(case_id).advice_offer_answer is AdviceOfferAnswer.DECLINED
    assert not view.header.answer_buttons[AdviceOfferAnswer.ACCEPTED].isChecked()
    # the statistics count it: the offer is registered, the answer is not missing
    table = ctx.desk.statistics.report([TODAY.year]).table("new_tenants")
    assert (table.cell("offered", 0).value, table.cell("not_recorded", 0).value) == (1, 0)
