"""One postcard printed or saved from the Breve tab records the offer exactly as the batch does
(``services/postcard_offer.record_offer_sent``): »Tilbudt (afventer svar)«, a journal note, Ny → Kontakt,
and never over an answer already registered (invented data)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

import boligdesk.ui.letters.letters_tab as tab_module
from boligdesk.budget.vocabulary import AdviceOfferAnswer, CaseKind, CasePhase
from boligdesk.errors import UserInputError
from boligdesk.letters.letterhead import Letterhead, Sender
from boligdesk.models.store import Store
from boligdesk.services.changes import Changes, Part
from boligdesk.services.desk import Desk
from boligdesk.ui.context import AppContext
from boligdesk.ui.letters.letters_tab import LettersTab
from boligdesk.ui.shared import printing
from tests.db.case_setup import new_case

TODAY = dt.date(2026, 12, 1)
CARD = "postkort-ny-lejer"


@pytest.fixture
def ctx(qapp: QApplication, store: Store) -> AppContext:
    desk = Desk(store, adviser_name="Rikke Rådgiver", today=lambda: TODAY)
    desk.letters.set_letterhead(Letterhead(organisation="Opdigtet Boligrådgivning", phone="70 10 20 30"))
    desk.letters.set_sender(Sender(title="Socialrådgiver", phone="21 43 65 87"))
    return AppContext(desk)


def open_card(qtbot: QtBot, ctx: AppContext, case_id: str) -> LettersTab:
    tab = LettersTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1366, 700)
    ctx.bus.caseSelected.emit(case_id)
    tab.select_template(CARD)
    assert tab.error.isHidden() and tab.print_button.isEnabled()
    return tab


def printed(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    made: list[bytes] = []

    def fake_print(make: Callable[[], bytes], _parent: object, **_kw: object) -> bool:
        made.append(make())  # the print dialog was confirmed
        return True

    monkeypatch.setattr(tab_module, "print_pdf", fake_print)
    return made


def test_one_card_printed_from_the_breve_tab_sets_tilbudt_like_the_batch(
    monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, ctx: AppContext, store: Store
) -> None:
    case_id = new_case(store, first_name="Anna", kind=CaseKind.NEW_TENANT, members=())
    tab = open_card(qtbot, ctx, case_id)
    made = printed(monkeypatch)
    seen: list[Changes] = []
    ctx.bus.changed.connect(seen.append)
    qtbot.mouseClick(tab.print_button, Qt.MouseButton.LeftButton)
    assert len(made) == 1
    assert ctx.desk.statistics.registration(case_id).advice_offer_answer is AdviceOfferAnswer.OFFERED
    details = ctx.desk.case_view.details(case_id)
    assert details is not None and details.phase is CasePhase.CONTACT
    assert any(n.text.startswith("Postkort sendt: ") for n in details.journal)
    # the header (answer row) and the journal redraw from the one broadcast
    assert seen and all(seen[0].touches(case_id, part) for part in (Part.LETTERS, Part.CASE, Part.JOURNAL))
    # the batch no longer ticks it: a second card is a choice
    assert case_id not in ctx.desk.postcards.not_yet_offered()


def test_saving_one_card_never_overwrites_an_answer(
    monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, tmp_path: Path, ctx: AppContext, store: Store
) -> None:
    case_id = new_case(store, first_name="Bo", kind=CaseKind.NEW_TENANT, members=())
    ctx.desk.statistics.set_registration(case_id, "advice_offer_answer", AdviceOfferAnswer.ACCEPTED)
    tab = open_card(qtbot, ctx, case_id)
    target = tmp_path / "kort.pdf"
    monkeypatch.setattr(printing.QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert target.exists()
    assert ctx.desk.statistics.registration(case_id).advice_offer_answer is AdviceOfferAnswer.ACCEPTED


def test_another_letter_sets_no_answer(
    monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, ctx: AppContext, store: Store
) -> None:
    case_id = new_case(store, first_name="Carl", kind=CaseKind.NEW_TENANT, members=())
    tab = LettersTab(ctx)
    qtbot.addWidget(tab)
    ctx.bus.caseSelected.emit(case_id)
    tab.select_template("besked-efter-besoeg")
    made = printed(monkeypatch)
    tab.print_letter()
    assert made
    assert ctx.desk.statistics.registration(case_id).advice_offer_answer is None


def test_the_welcome_card_is_refused_for_a_tenant_facing_eviction_as_the_batch_leaves_it_out(
    monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, ctx: AppContext, store: Store
) -> None:
    case_id = new_case(store, first_name="Dorte")  # an eviction case: »Velkommen i dit nye hjem!« is wrong
    tab = LettersTab(ctx)
    qtbot.addWidget(tab)
    ctx.bus.caseSelected.emit(case_id)
    tab.select_template(CARD)
    # said before anything is tried, and the buttons are off
    assert not tab.missing_label.isHidden() and "ikke en »Ny lejer«-sag" in tab.missing_label.text()
    assert not tab.print_button.isEnabled() and not tab.save_button.isEnabled()
    made = printed(monkeypatch)
    tab.print_letter()  # reached anyway (Ctrl+P): refused with the reason, nothing recorded
    assert made == [] and ctx.desk.letters.letters(case_id) == []
    assert not tab.error.isHidden() and "ikke en »Ny lejer«-sag" in tab.error.text()
    # the batch says the same, in the same words
    with pytest.raises(UserInputError) as caught:
        ctx.desk.postcards.make([case_id])
    assert "ikke en »Ny lejer«-sag" in caught.value.message
