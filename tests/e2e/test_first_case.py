"""End to end: first start, create a case in the real main window, close, unlock again, find it."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from boligdesk.app import build_main_window, open_desk
from boligdesk.models.store import Profile
from boligdesk.ui.cases.new_case_dialog import NewCaseDialog
from boligdesk.ui.profile.unlock_dialogs import FirstRunDialog, UnlockDialog

PASSPHRASE = "Kaffe med mælk kl 9"


def test_case_created_in_the_window_is_there_after_restart(qtbot: QtBot, profile: Profile) -> None:
    first = FirstRunDialog(profile)
    qtbot.addWidget(first)
    first.show()
    qtbot.keyClicks(first.name, "Hanne Holm")
    qtbot.keyClicks(first.passphrase, PASSPHRASE)
    qtbot.keyClicks(first.repeat, PASSPHRASE)
    qtbot.keyClick(first.repeat, Qt.Key.Key_Return)
    assert first.store is not None
    desk = open_desk(first.store, first.adviser_name)
    window = build_main_window(desk)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)

    def fill() -> None:
        dialog = next(
            w for w in QApplication.topLevelWidgets() if isinstance(w, NewCaseDialog) and w.isVisible()
        )
        qtbot.keyClicks(dialog.first_name, "Gry")
        qtbot.keyClicks(dialog.last_name, "Opdigtetsen")
        qtbot.keyClicks(dialog.address_line, "Fiktivvej 12, st. tv")
        qtbot.keyClicks(dialog.rent, "6.450,00")
        qtbot.keyClicks(dialog.arrears, "12.900")
        qtbot.keyClicks(dialog.termination_on, "02.11.2026")
        qtbot.keyClick(dialog.termination_on, Qt.Key.Key_Return)

    QTimer.singleShot(50, fill)
    window.new_case_action.trigger()
    assert window.cases_tab.model.rowCount() == 1
    window.close()
    first.store.close()

    unlock = UnlockDialog(profile)
    qtbot.addWidget(unlock)
    unlock.show()
    qtbot.keyClicks(unlock.passphrase, PASSPHRASE)
    qtbot.keyClick(unlock.passphrase, Qt.Key.Key_Return)
    assert unlock.store is not None
    desk2 = open_desk(unlock.store, None)
    assert desk2.adviser_name == "Hanne Holm"
    window2 = build_main_window(desk2)
    qtbot.addWidget(window2)
    model = window2.cases_tab.model
    assert model.rowCount() == 1
    row = model.row_at(0)
    assert row.tenant_name == "Gry Opdigtetsen"
    assert row.arrears.format() == "12.900,00 kr."
    assert row.adviser_name == "Hanne Holm"
    assert row.next_deadline is not None and row.next_deadline.date == dt.date(2026, 11, 23)
    window2.close()
    unlock.store.close()
