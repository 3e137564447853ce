"""The unlock dialog waits (and says so) after repeated wrong passphrases; the rules show up front."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from boligdesk.models.store import Profile
from boligdesk.ui.profile.unlock_dialogs import FirstRunDialog, UnlockDialog
from tests.conftest import TEST_PASSPHRASE


def _try(qtbot: QtBot, dialog: UnlockDialog, text: str) -> None:
    dialog.passphrase.clear()
    qtbot.keyClicks(dialog.passphrase, text)
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)


def test_the_third_wrong_passphrase_holds_the_next_try_and_the_right_one_then_opens(
    qtbot: QtBot, profile: Profile, store: object
) -> None:
    store.close()  # type: ignore[attr-defined]
    dialog = UnlockDialog(profile)
    qtbot.addWidget(dialog)
    dialog.show()
    for _ in range(3):
        _try(qtbot, dialog, "forkert kodeord")
    assert "Vent 1 sekund" in dialog.error.text()
    assert not dialog.buttons.isEnabled()
    _try(qtbot, dialog, TEST_PASSPHRASE)  # refused while waiting: nothing is tried
    assert dialog.store is None and dialog.attempts == 3
    qtbot.waitUntil(dialog.buttons.isEnabled, timeout=3000)
    _try(qtbot, dialog, TEST_PASSPHRASE)
    assert dialog.store is not None
    dialog.store.close()
    assert not (profile.folder / "laas-op-forsoeg.json").exists()


def test_the_first_run_dialog_shows_the_rules_before_a_passphrase_is_typed(
    qtbot: QtBot, profile: Profile
) -> None:
    dialog = FirstRunDialog(profile)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "Mindst 10 tegn" in dialog.rules.text() and dialog.rules.isVisible()
