"""Indstillinger → Opbevaring og sletning fits the laptops the advisers carry: it opened 700 px tall,
taller than a 1366×768 screen leaves a dialog under its taskbar, so its buttons went under it. Now it
takes the room the screen has, down to the smallest screen the app supports (1024×600, as the main window
and Statistik), with every button on screen and room for the cases (decisions §46). Invented data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from boligdesk.models.store import Store
from boligdesk.services.desk import Desk
from boligdesk.ui.context import AppContext
from boligdesk.ui.privacy.retention_dialog import PREFERRED_SIZE, RetentionDialog
from boligdesk.ui.window_size import FRAME_ALLOWANCE, dialog_size
from tests.db.case_setup import TODAY
from tests.db.test_erasure import rich_closed_case

TASKBAR = 40
# Screenshots for a person to look at, only when asked: BOLIGDESK_TEST_SHOTS=/some/folder.
SHOTS = os.environ.get("BOLIGDESK_TEST_SHOTS")


def _inside(widget: QWidget, dialog: QWidget) -> bool:
    top_left = widget.mapTo(dialog, QPoint(0, 0))
    return widget.isVisible() and dialog.rect().contains(QRect(top_left, widget.size()))


@pytest.mark.parametrize("screen", [QSize(1366, 768), QSize(1024, 600)])
def test_the_retention_window_fits_the_screen_with_its_buttons_and_cases_on_it(
    qtbot: QtBot, store: Store, screen: QSize, tmp_path: Path
) -> None:
    rich_closed_case(store)
    ctx = AppContext(Desk(store, adviser_name="Hanne Holm", today=lambda: TODAY))
    ctx.desk.retention.set_policy("12", "Organisationens slettepolitik af 1.3.2026", "anonymise")
    dialog = RetentionDialog(ctx)
    qtbot.addWidget(dialog)
    available = QSize(screen.width(), screen.height() - TASKBAR)
    size = dialog_size(available, PREFERRED_SIZE, dialog.minimumSizeHint())
    # the dialog and its title bar and frame fit the room beside the taskbar
    assert size.width() + FRAME_ALLOWANCE.width() <= available.width()
    assert size.height() + FRAME_ALLOWANCE.height() <= available.height()
    dialog.resize(size)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.size() == size
    for button in (dialog.erase_button, dialog.months, dialog.reference, dialog.anonymise, dialog.keep):
        assert _inside(button, dialog), button
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    close = box.button(QDialogButtonBox.StandardButton.Close)
    assert close.text() == "&Luk" and _inside(close, dialog)
    assert dialog.model.rowCount() == 1
    rows_seen = dialog.table.viewport().height() // dialog.table.verticalHeader().defaultSectionSize()
    assert rows_seen >= 3  # room to see and choose cases, not a sliver
    shots = Path(SHOTS) if SHOTS else tmp_path
    assert dialog.grab().save(str(shots / f"opbevaring_{screen.width()}x{screen.height()}.png"))


def test_the_retention_window_opens_within_its_own_screen(qtbot: QtBot, store: Store) -> None:
    dialog = RetentionDialog(AppContext(Desk(store, adviser_name="Hanne Holm", today=lambda: TODAY)))
    qtbot.addWidget(dialog)
    screen = dialog.screen()
    assert screen is not None
    room = screen.availableGeometry().size()
    assert dialog.height() + FRAME_ALLOWANCE.height() <= room.height()
    assert dialog.width() <= max(room.width(), dialog.minimumSizeHint().width())
    assert dialog.height() < 700  # it opened 700 px tall whatever the screen


def test_a_dialog_is_never_made_smaller_than_its_layout_needs() -> None:
    tiny = dialog_size(QSize(640, 400), PREFERRED_SIZE, QSize(709, 431))
    assert tiny == QSize(709, 431)  # then the window manager's own rules take over
    roomy = dialog_size(QSize(1920, 1040), PREFERRED_SIZE, QSize(709, 431))
    assert roomy == PREFERRED_SIZE
