"""Composition root: paths, logging, excepthook, unlock/migrate the store, build the main window."""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

import shiboken6
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox, QWidget

from boligdesk import APP_NAME, __version__
from boligdesk.errors import StoreError
from boligdesk.logging_setup import setup_logging
from boligdesk.models.profile_lock import hold as hold_profile
from boligdesk.models.remember import forget_key, recall_key
from boligdesk.models.store import Profile, Store, default_profile, open_store
from boligdesk.services.desk import Desk
from boligdesk.ui.about import app_icon
from boligdesk.ui.context import AppContext
from boligdesk.ui.main_window import MainWindow
from boligdesk.ui.profile.unlock_dialogs import FirstRunDialog, UnlockDialog
from boligdesk.ui.qt_danish import install_danish_qt

log = logging.getLogger("boligdesk")


def install_excepthook(log_path: Path) -> None:
    """Unexpected errors are bugs: log the traceback (code only) and tell the user where the log is."""

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        # Only the exception type and the stack (file/line/function) — never the message, which may
        # contain values the user typed.
        frames = "".join(traceback.format_tb(tb))
        log.error("Uventet fejl %s\n%s", exc_type.__name__, frames)
        if QApplication.instance() is not None:
            QMessageBox.critical(
                None,
                "BoligDesk — uventet fejl",
                "Der skete en uventet fejl. Det du allerede har indtastet er gemt.\n\n"
                f"En beskrivelse (uden personoplysninger) er gemt i:\n{log_path}\n\n"
                "Send gerne filen til den der supporterer BoligDesk.",
            )

    sys.excepthook = hook


def unlock(profile: Profile, parent: QWidget | None = None) -> tuple[Store, str | None] | None:
    """Open the profile: first run, remembered key, or the passphrase dialog. None if the user quits."""
    if not profile.exists():
        first = FirstRunDialog(profile, parent)
        if first.exec() != FirstRunDialog.DialogCode.Accepted or first.store is None:
            return None
        return first.store, first.adviser_name
    key = recall_key(profile.folder)
    if key is not None:
        try:
            return open_store(profile, key=key), None
        except StoreError as exc:
            if exc.code != "wrong_passphrase":
                raise
            forget_key(profile.folder)
    dialog = UnlockDialog(profile, parent)
    if dialog.exec() != UnlockDialog.DialogCode.Accepted or dialog.store is None:
        return None
    return dialog.store, None


def open_desk(store: Store, new_name: str | None, parent: QWidget | None = None) -> Desk:
    """The desk for ``store``, working as the adviser just named, the profile's adviser, or one asked for."""
    desk = Desk(store)
    if new_name:
        desk.advisers.set_current(new_name)
    elif not desk.advisers.adopt_current():
        name, ok = QInputDialog.getText(
            parent, "BoligDesk", "Dit navn (står på breve og i sagernes historik):"
        )
        if ok and name.strip():
            desk.advisers.set_current(name.strip())
    return desk


def build_main_window(desk: Desk) -> MainWindow:
    return MainWindow(AppContext(desk))


def start_qt() -> QApplication:
    """The one QApplication, named, in Danish (Qt's own buttons and dialogs included)."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(app_icon())
    install_danish_qt(app)
    return app


def run_main_window(
    app: QApplication, desk: Desk, on_shown: Callable[[MainWindow], None] | None = None
) -> int:
    """Show the main window on ``desk`` until it is closed; then close the desk. The exit code."""
    window = build_main_window(desk)
    window.show()
    if on_shown is not None:
        on_shown(window)
    try:
        return app.exec()
    finally:
        # Destroy the window (and with it every tab and every dialog parented to one) now, in Qt's
        # parent-to-child order, while Python and the QApplication are still whole. Left to
        # interpreter exit, PySide's clean-up deletes each Python-owned QObject in no set order —
        # and a dialog that has been through ``exec()`` is Python-owned while still a child of its tab
        # (kept alive afterwards by a lambda that captures it), so it was deleted twice: "shared
        # QObject was deleted directly", then a segfault, bus error or malloc abort.
        shiboken6.delete(window)
        desk.close()
        log.info("BoligDesk lukket")


def run_app(data_dir: Path | None = None) -> int:
    profile = Profile(data_dir) if data_dir else default_profile()
    app = start_qt()
    try:
        profile.folder.mkdir(parents=True, exist_ok=True)
        log_path = setup_logging(profile.log_dir)
    except OSError as exc:
        QMessageBox.critical(
            None, APP_NAME, f"Profilmappen {profile.folder} kan ikke bruges: {exc.strerror}."
        )
        return 2
    install_excepthook(log_path)
    log.info("BoligDesk %s starter", __version__)
    try:
        opened = unlock(profile)
    except StoreError as exc:
        QMessageBox.critical(None, APP_NAME, exc.message)
        return 2
    if opened is None:
        return 0
    store, new_name = opened
    with hold_profile(profile.folder):  # a restore from the command line refuses while the window runs
        return run_main_window(app, open_desk(store, new_name))
