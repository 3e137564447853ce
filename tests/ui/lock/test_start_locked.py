"""Start-up (issue 15): the locked window first, nothing slow imported; then the remembered key or the
passphrase; a new profile still gets the first-run dialog."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from boligdesk.app import locked_window, run_window, start_locked
from boligdesk.models.store import Profile, Store, unlock_key
from boligdesk.services.desk import Desk
from boligdesk.ui.main_window import MainWindow
from tests.conftest import TEST_PASSPHRASE
from tests.ui.event_loop import run_guarded

HEAVY = ("sqlalchemy", "sqlcipher3", "keyring", "reportlab", "cryptography", "boligdesk.models", "alembic")


def test_the_locked_window_paints_before_anything_slow_is_imported(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from boligdesk.app import locked_window, start_qt\n"
        "app = start_qt()\n"
        f"w = locked_window(__import__('pathlib').Path({str(tmp_path)!r}))\n"
        "w.show(); app.processEvents(); w.grab()\n"
        f"print(','.join(sorted({{m.split('.')[0] if not m.startswith('boligdesk') else m "
        f"for m in sys.modules if m.startswith({HEAVY!r})}})))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.stdout.strip() == ""


def _started(qtbot: QtBot, folder: Path, recall: object) -> MainWindow:
    window = locked_window(folder, recall=recall)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.show()
    assert window.is_locked()
    start_locked(window)
    qtbot.waitUntil(window.opener.ready, timeout=10_000)
    qtbot.wait(50)
    return window


def test_a_remembered_key_unlocks_by_itself_at_start_up(
    qapp: QApplication, qtbot: QtBot, store: Store
) -> None:
    profile = store.profile
    key = unlock_key(profile, TEST_PASSPHRASE)
    Desk(store).advisers.set_current("Hanne Holm")  # else the window asks the adviser's name
    store.close()
    asked: list[Path] = []

    def recall(folder: Path) -> bytes:
        asked.append(folder)
        return key

    window = locked_window(profile.folder, recall=recall)
    qtbot.addWidget(window)
    window.show()
    start_locked(window)
    qtbot.waitUntil(lambda: window.content is not None, timeout=10_000)  # the list read ahead
    qtbot.wait(100)
    assert window.is_locked() and not window.opener.ready()  # no desk, not even its imports, until asked
    window.request_desk()  # the first action that needs the desk (§44)
    qtbot.waitUntil(lambda: not window.is_locked(), timeout=10_000)
    assert asked == [profile.folder]
    window.lock()
    assert asked == [profile.folder]  # after a lock the keyring is not asked again
    assert window.is_locked()


def test_without_a_remembered_key_the_panel_waits_and_offers_to_remember(
    qapp: QApplication, qtbot: QtBot, store: Store
) -> None:
    folder = store.profile.folder
    Desk(store).advisers.set_current("Hanne Holm")
    store.close()
    window = _started(qtbot, folder, lambda _f: None)
    assert window.is_locked()
    assert window.lock_panel.remember.isVisibleTo(window.lock_panel)
    window.lock_panel.passphrase.setText(TEST_PASSPHRASE)
    window.lock_panel.unlock_button.click()
    assert not window.is_locked()
    assert window.ctx is not None
    window.ctx.desk.close()


def test_a_new_profile_gets_the_first_run_dialog_over_the_locked_window(
    qapp: QApplication, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from boligdesk.ui.profile.unlock_dialogs import FirstRunDialog

    def fill(dialog: QDialog) -> int:
        assert isinstance(dialog, FirstRunDialog)
        dialog.name.setText("Hanne Holm")
        dialog.passphrase.setText(TEST_PASSPHRASE)
        dialog.repeat.setText(TEST_PASSPHRASE)
        dialog._create()
        return int(dialog.result())

    monkeypatch.setattr(FirstRunDialog, "exec", fill)
    folder = tmp_path / "ny-profil"
    window = _started(qtbot, folder, lambda _f: None)
    qtbot.waitUntil(lambda: not window.is_locked(), timeout=10_000)
    assert Profile(folder).exists()
    assert window.ctx is not None and window.ctx.adviser_name == "Hanne Holm"
    window.ctx.desk.close()


def test_closing_the_app_while_unlocked_closes_the_desk(
    qapp: QApplication, qtbot: QtBot, store: Store
) -> None:
    profile = store.profile
    key = unlock_key(profile, TEST_PASSPHRASE)
    Desk(store).advisers.set_current("Hanne Holm")  # else the window asks the adviser's name
    store.close()
    window = locked_window(profile.folder, recall=lambda _f: key)
    closed: list[bool] = []

    def shown(w: MainWindow) -> None:
        start_locked(w)

        def check() -> None:
            if w.is_locked():
                w.request_desk()  # (the list read ahead is shown without a desk until asked, §44)
                QTimer.singleShot(20, check)
                return
            assert w.ctx is not None
            original = w.ctx.desk.close
            w.ctx.desk.close = lambda: (closed.append(True), original())[1]  # type: ignore[method-assign]
            w.close()

        QTimer.singleShot(0, check)

    assert run_guarded(qapp, lambda: run_window(qapp, window, shown)) == 0  # type: ignore[arg-type]
    assert closed == [True]


def test_while_the_passphrase_is_typed_the_first_list_is_prepared_in_the_background(tmp_path: Path) -> None:
    """After the preload, pressing "Lås op" does not map the models on the GUI thread; the list's deadlines
    need no holiday package (``budget/calendar.py`` computes the Danish holidays by rule)."""
    code = (
        "import sys\n"
        "from boligdesk.ui.lock.session import Preloader\n"
        "p = Preloader(); p.wait()\n"
        "from boligdesk.models import Case\n"
        "print('holidays' in sys.modules, Case.registry._new_mappers)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "False"]
