"""First start and unlock: messages for weak/mismatched/wrong passphrases; nothing lost or changed."""

from __future__ import annotations

import hashlib

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from boligdesk.models.store import Profile, create_profile
from boligdesk.ui.profile.unlock_dialogs import FirstRunDialog, UnlockDialog
from tests.conftest import TEST_PASSPHRASE


def _fill(qtbot: QtBot, dialog: FirstRunDialog, name: str, passphrase: str, repeat: str) -> None:
    for field, value in ((dialog.name, name), (dialog.passphrase, passphrase), (dialog.repeat, repeat)):
        field.clear()
        qtbot.keyClicks(field, value)


def test_first_run_refuses_a_short_passphrase_and_keeps_the_name(qtbot: QtBot, profile: Profile) -> None:
    dialog = FirstRunDialog(profile)
    qtbot.addWidget(dialog)
    dialog.show()
    _fill(qtbot, dialog, "Hanne Holm", "kort", "kort")
    qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)
    assert dialog.error.text().startswith("Adgangskoden skal have mindst 10 tegn.")
    assert dialog.name.text() == "Hanne Holm"
    assert dialog.store is None
    assert not profile.exists()


def test_first_run_refuses_two_different_passphrases(qtbot: QtBot, profile: Profile) -> None:
    dialog = FirstRunDialog(profile)
    qtbot.addWidget(dialog)
    dialog.show()
    _fill(qtbot, dialog, "Hanne Holm", "Kaffe med mælk kl 9", "Kaffe med mælk kl 8")
    qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)
    assert dialog.error.text() == "De to adgangskoder er ikke ens. Skriv den samme kode to gange."
    assert not profile.exists()


def test_first_run_creates_the_encrypted_profile(qtbot: QtBot, profile: Profile) -> None:
    dialog = FirstRunDialog(profile)
    qtbot.addWidget(dialog)
    dialog.show()
    _fill(qtbot, dialog, "Hanne Holm", "Kaffe med mælk kl 9", "Kaffe med mælk kl 9")
    qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)
    assert dialog.store is not None
    assert dialog.adviser_name == "Hanne Holm"
    assert profile.db_path.exists() and profile.key_path.exists()
    dialog.store.close()


def test_unlock_refuses_a_wrong_passphrase_then_accepts_the_right_one(qtbot: QtBot, profile: Profile) -> None:
    create_profile(profile, TEST_PASSPHRASE).close()
    before = hashlib.sha256(profile.db_path.read_bytes()).hexdigest()
    dialog = UnlockDialog(profile)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.passphrase, "forkert kodeord")
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    assert (
        dialog.error.text() == "Adgangskoden er forkert. Prøv igen — husk at store og små bogstaver tæller."
    )
    assert dialog.store is None
    assert hashlib.sha256(profile.db_path.read_bytes()).hexdigest() == before
    dialog.passphrase.clear()
    qtbot.keyClicks(dialog.passphrase, TEST_PASSPHRASE)
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    assert dialog.store is not None
    assert dialog.attempts == 2
    dialog.store.close()
