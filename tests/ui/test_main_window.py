"""The main window's wiring: every menu action opens its dialog, tabs are built when first shown."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from boligdesk.models.store import Store
from boligdesk.services.cases import NewCase
from boligdesk.services.desk import Desk
from boligdesk.ui.budget.budget_tab import BudgetTab
from boligdesk.ui.context import AppContext
from boligdesk.ui.main_window import MainWindow
from tests.cases import create_case


@pytest.fixture
def window(qapp: QApplication, qtbot: QtBot, store: Store) -> MainWindow:
    win = MainWindow(AppContext(Desk(store, adviser_name="Hanne Holm")))
    qtbot.addWidget(win)
    return win


@pytest.mark.parametrize(
    ("action_text", "dialog_name"),
    [
        ("&Importér ophævelsesliste…", "ImportDialog"),
        ("&Synkronisér med fællesdrev…", "SyncDialog"),
        ("&Konflikter fra synkronisering…", "ConflictsDialog"),
        ("&Gendan fra sikkerhedskopi…", "RestoreDialog"),
        ("&Boligorganisationer og afdelinger…", "EstatesDialog"),
        ("Brev&hoved og afsender…", "LetterheadDialog"),
        ("Skift &adgangskode…", "ChangePassphraseDialog"),
    ],
)
def test_every_menu_action_opens_its_dialog(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, action_text: str, dialog_name: str
) -> None:
    opened: list[str] = []

    def fake_exec(dialog: QDialog) -> int:
        opened.append(type(dialog).__name__)
        return 0

    monkeypatch.setattr(QDialog, "exec", fake_exec)
    action = next(a for a in window.findChildren(QAction) if a.text() == action_text)
    action.trigger()
    assert opened == [dialog_name]


def test_feature_tabs_are_built_when_first_shown_and_get_the_selected_case(
    window: MainWindow, store: Store
) -> None:
    case_id = create_case(
        store, NewCase(first_name="Ib", last_name="Prøve", address_line="Vej 1"), today=dt.date(2026, 11, 24)
    )
    window.ctx.bus.caseSelected.emit(case_id)
    holder = window.lazy_tabs["BudgetTab"]
    assert holder.widget is None
    window.show()
    window.tabs.setCurrentWidget(holder)
    assert holder.widget is not None
    assert isinstance(holder.widget, BudgetTab)
    assert holder.widget.case_id == case_id
    assert window.sync_status.text() == "Synkronisering: Ikke sat op"


def test_every_tab_can_be_shown_after_a_case_is_selected(window: MainWindow, store: Store) -> None:
    case_id = create_case(
        store, NewCase(first_name="Ib", last_name="Prøve", address_line="Vej 1"), today=dt.date(2026, 11, 24)
    )
    window.show()
    window.ctx.bus.caseSelected.emit(case_id)
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
    assert all(holder.widget is not None for holder in window.lazy_tabs.values())


def test_closing_a_dialog_that_changed_nothing_redraws_nothing(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QDialog, "exec", lambda dialog: 0)
    announced: list[object] = []
    window.ctx.bus.changed.connect(announced.append)
    window.open_conflicts()
    window.open_sync()
    assert announced == []
    assert window.sync_status.text() == "Synkronisering: Ikke sat op"
