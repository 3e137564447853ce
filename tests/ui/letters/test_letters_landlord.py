"""Breve → "Vælg udlejer…": an afdragsaftale refused for want of a landlord, the landlord picked in the
small dialog, and the printed agreement naming that landlord among the parties (issue 10)."""

from __future__ import annotations

import io
import re
from collections.abc import Callable

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from boligdesk.letters.letterhead import Letterhead, Sender
from boligdesk.models.store import Store
from boligdesk.services.cases import NewCase
from boligdesk.services.desk import Desk
from boligdesk.ui.cases.landlord_picker import LandlordDialog
from boligdesk.ui.context import AppContext
from boligdesk.ui.letters import letters_tab as tab_module
from boligdesk.ui.letters.letters_tab import LettersTab
from tests.db.letters_samples import ADVISER, RENT, TODAY, add_plan


def text_of(pdf: bytes) -> str:
    return re.sub(r"[\s\u00a0]+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))


@pytest.fixture
def ctx(qapp: QApplication, store: Store) -> AppContext:
    return AppContext(Desk(store, adviser_name=ADVISER, today=lambda: TODAY))


def test_the_landlord_picked_in_the_dialog_signs_the_printed_agreement(
    monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, ctx: AppContext, store: Store
) -> None:
    desk = ctx.desk
    association = desk.estates.add_association("Boligselskabet Fjordglimt", "Søvej 2\n2620 Albertslund")
    estate_id = desk.estates.save_estate(
        estate_id=None,
        association_id=association.id,
        number="12",
        name="Engparken",
        max_plan_months=12,
        phone_plan_max_months=3,
    ).id
    # A case typed in without an afdeling: no landlord yet.
    case_id = desk.cases.create(
        NewCase(
            first_name="Mette",
            last_name="Testesen",
            address_line="Engparken 12, 2. tv.",
            postcode="2620",
            city="Albertslund",
            tenancy_number="12-0101",
            rent=RENT,
        )
    ).id
    add_plan(store, case_id)
    desk.letters.set_letterhead(Letterhead(organisation="Boligsocialt Team Eksempel"))
    desk.letters.set_sender(Sender(ADVISER, "Socialrådgiver", "21 43 65 87"))

    tab = LettersTab(ctx)
    qtbot.addWidget(tab)
    ctx.bus.caseSelected.emit(case_id)
    tab.select_template("afdragsaftale")
    assert "ingen udlejer" in tab.error.text()
    assert not tab.landlord_button.isHidden()

    seen: list[str] = []

    def pick() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, LandlordDialog))
        picker = dialog.picker
        seen.append(picker.summary.text())
        index = picker.combo.findData(estate_id)
        picker.combo.setCurrentIndex(index)
        picker.combo.activated.emit(index)  # as a click in the list does
        seen.append(picker.summary.text())
        dialog.accept()

    QTimer.singleShot(0, pick)
    tab.landlord_button.click()
    assert seen[0].startswith("Ingen udlejer valgt")
    assert seen[1] == "Boligselskabet Fjordglimt, afd. 12 Engparken"

    # The tab filled the agreement again from the case's new landlord: no refusal, the button gone.
    assert tab.error.isHidden() and tab.landlord_button.isHidden()
    printed: list[bytes] = []

    def fake_print(make: Callable[[], bytes], _parent: object, **_kw: object) -> bool:
        printed.append(make())
        return True

    monkeypatch.setattr(tab_module, "print_pdf", fake_print)
    tab.print_letter()
    assert tab.error.isHidden(), tab.error.text()
    [pdf] = printed
    text = text_of(pdf)
    parties = text[text.index("Parter") : text.index("Restancen")]
    assert "Udlejer Boligselskabet Fjordglimt Søvej 2 2620 Albertslund Afdeling: 12 Engparken" in parties
    assert "Boligsocialt Team Eksempel" not in parties  # never the adviser's own organisation
    # The landlord signs as itself; the adviser does not sign in its name.
    assert "Dato Dato Mette Testesen Boligselskabet Fjordglimt" in text[text.index("Underskrifter") :]
    [letter] = desk.letters.letters(case_id)
    assert letter.template == "afdragsaftale"
