"""A whole home visit in the real main window, then a restart that finds everything saved.

Open the case from the list → build the budget with the tenant (keyboard) → build a repayment plan
the budget can carry and agree it → print (save) the afdragsaftale → close, unlock again, check.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from boligdesk.app import build_main_window
from boligdesk.budget.money import Money
from boligdesk.budget.vocabulary import MemberRole, PlanStatus
from boligdesk.letters.letterhead import Sender
from boligdesk.models import GeneratedLetter
from boligdesk.models.store import Profile, Store, open_store
from boligdesk.services.cases import NewCase, NewMember
from boligdesk.services.desk import Desk
from boligdesk.ui.budget.budget_tab import BudgetTab
from boligdesk.ui.letters.letters_tab import LettersTab
from boligdesk.ui.main_window import MainWindow
from boligdesk.ui.repayment.repayment_tab import RepaymentTab
from tests.cases import create_case
from tests.conftest import TEST_PASSPHRASE

TODAY = dt.date(2026, 11, 24)


def _retype(qtbot: QtBot, widget: QWidget, text: str) -> None:
    widget.setFocus()
    widget.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def _add_line(qtbot: QtBot, tab: BudgetTab, category: str, text: str, amount: str) -> None:
    entry = tab.entry
    # Type-ahead in the category picker resets after the keyboard input interval, as between people's
    # keystrokes; without the pause the test would type "KontBoligst" into one search.
    qtbot.wait(QApplication.keyboardInputInterval() + 50)
    entry.category.setFocus()
    qtbot.keyClicks(entry.category, category)
    qtbot.keyClick(entry.category, Qt.Key.Key_Tab)
    entry.text.setFocus()
    entry.text.selectAll()
    qtbot.keyClicks(entry.text, text)
    entry.amount.setFocus()
    qtbot.keyClicks(entry.amount, amount)
    qtbot.keyClick(entry.amount, Qt.Key.Key_Return)


def _pdf_text(data: bytes) -> str:
    return re.sub(r"[\s\u00a0]+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages))


@pytest.fixture
def window(qtbot: QtBot, store: Store) -> MainWindow:
    desk = Desk(store, today=lambda: TODAY)
    desk.advisers.set_current("Hanne Holm")
    adviser_id = desk.adviser_id
    create_case(
        store,
        NewCase(
            first_name="Gry",
            last_name="Opdigtetsen",
            address_line="Fiktivvej 12, st. tv",
            postcode="2620",
            city="Albertslund",
            tenancy_number="101-0042",
            rent=Money.kr(6_200),
            arrears=Money.kr(12_400),
            termination_on=dt.date(2026, 11, 2),
            members=(NewMember("Lille Opdigtetsen", MemberRole.CHILD, dt.date(2019, 4, 2)),),
        ),
        today=TODAY,
        adviser_id=adviser_id,
    )
    win = build_main_window(desk)
    qtbot.addWidget(win)
    win.resize(1366, 740)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_a_whole_home_visit(
    qtbot: QtBot,
    window: MainWindow,
    store: Store,
    profile: Profile,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 1. Open the case from the list (search, Enter).
    cases = window.cases_tab
    qtbot.keyClicks(cases.search, "opdigtet")
    qtbot.waitUntil(lambda: cases.model.rowCount() == 1)
    cases.table.setFocus()
    cases.table.selectRow(0)
    qtbot.keyClick(cases.table, Qt.Key.Key_Return)
    assert cases.showing_case()
    case_id = cases.selected_case_id()
    assert case_id is not None
    assert "Gry Opdigtetsen" in window.case_status.text()

    # 2. Build the budget with the tenant.
    budget_tab = window.tab("BudgetTab")
    assert isinstance(budget_tab, BudgetTab)
    window.tabs.setCurrentWidget(window.lazy_tabs["BudgetTab"])
    qtbot.mouseClick(budget_tab.create_button, Qt.MouseButton.LeftButton)
    assert budget_tab.budget_id is not None
    _add_line(qtbot, budget_tab, "Kont", "Kontanthjælp", "16.382")
    _add_line(qtbot, budget_tab, "Boligst", "Boligstøtte", "2.100")
    _add_line(qtbot, budget_tab, "Mad", "Mad og husholdning", "3.200")
    _add_line(qtbot, budget_tab, "El", "El, vand og varme", "900")
    _add_line(qtbot, budget_tab, "Tob", "Cigaretter", "1.200")
    found = window.ctx.desk.budget.latest_totals(case_id)
    assert found is not None
    _, totals = found
    assert totals.income == Money.kr(18_482)
    assert totals.rent == Money.kr(6_200)
    assert totals.nice_expenses == Money.kr(1_200)

    # 3. Build a plan the budget can carry and agree it.
    repayment_tab = window.tab("RepaymentTab")
    assert isinstance(repayment_tab, RepaymentTab)
    window.tabs.setCurrentWidget(window.lazy_tabs["RepaymentTab"])
    builder = repayment_tab.builder
    _retype(qtbot, builder.start, "01.12.2026")
    _retype(qtbot, builder.months, "4")
    assert builder.instalment.text() == "3.100,00"
    assert builder.schedule_model.rowCount() == 4
    assert builder.feasibility_label.text().startswith("Budgettet kan bære planen")
    qtbot.keyClicks(builder.assessment, "Budgettet gennemgået ved hjemmebesøg; lejer dropper cigaretterne.")
    qtbot.keyClick(builder.agree_button, Qt.Key.Key_Space)
    [plan] = window.ctx.desk.plan.plans(case_id)
    assert (plan.status, plan.months, plan.instalment) == (PlanStatus.ACTIVE, 4, Money.kr(3_100))

    # 4. Print the afdragsaftale (saved as PDF for the printer at the office).
    letters_tab = window.tab("LettersTab")
    assert isinstance(letters_tab, LettersTab)
    window.tabs.setCurrentWidget(window.lazy_tabs["LettersTab"])
    letters_tab.select_template("afdragsaftale")
    # The case has no landlord yet: the agreement is refused, and the message says where to fix it.
    assert not letters_tab.error.isHidden()
    assert "ingen udlejer" in letters_tab.error.text() and "Lejemål" in letters_tab.error.text()
    desk = window.ctx.desk
    window.ctx.bus.changed.emit(
        desk.landlord.create_private(case_id, "Jens Udlejer", "Udlejervej 1, 2620 Albertslund").changes
    )
    window.ctx.bus.changed.emit(
        desk.letters.set_sender(Sender(name="Hanne Holm", title="Rådgiver", phone="43 21 00 00"))
    )
    assert letters_tab.error.isHidden()
    target = tmp_path / "afdragsaftale.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    letters_tab.save_letter()
    text = _pdf_text(target.read_bytes())
    assert "Gry Opdigtetsen" in text
    assert "Jens Udlejer" in text and "Udlejervej 1" in text
    assert "________" not in text
    assert "12.400,00 kr." in text
    assert "3.100,00 kr." in text
    assert "01.12.2026" in text
    assert "Side 1 af" in text

    # 5. Close and unlock again: everything from the visit is still there.
    window.close()
    store.close()
    reopened = open_store(profile, passphrase=TEST_PASSPHRASE)
    try:
        with reopened.session() as s:
            found = Desk(reopened).budget.latest_totals(case_id)
            assert found is not None and found[1].income == Money.kr(18_482)
            [plan] = Desk(reopened).plan.plans(case_id)
            assert plan.instalment == Money.kr(3_100)
            [letter] = s.scalars(select(GeneratedLetter).where(GeneratedLetter.case_id == case_id)).all()
            assert letter.template == "afdragsaftale"
            assert letter.pdf == target.read_bytes()
    finally:
        reopened.close()
