"""Composition root: paths, logging, excepthook, the main window — locked first, then the store.

Start-up paints the main window in its locked state (the unlock panel) before anything slow is imported
or asked — the keyring, SQLAlchemy, the models, reportlab (``python -X importtime -m boligdesk``); those
are imported on a background thread while the user types the passphrase. With a remembered key the
window unlocks by itself right after its first paint (only at start-up: after a lock the passphrase is
asked). This module therefore imports the heavy parts only inside functions.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox, QWidget

from boligdesk import APP_NAME, __version__
from boligdesk.errors import StoreError
from boligdesk.profile_paths import Profile, default_profile
from boligdesk.ui.icon import app_icon
from boligdesk.ui.lock.session import ProfileOpener
from boligdesk.ui.main_window import MainWindow
from boligdesk.ui.qt_danish import install_danish_qt

if TYPE_CHECKING:
    from boligdesk.services.desk import Desk
    from boligdesk.services.profile import Store

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
    """Open the profile with dialogs (first run, remembered key, passphrase). None if the user quits.

    The window's own start-up (:func:`start_locked`) does not use this; it is kept for callers that need
    an open store before any window (tests, tools).
    """
    from boligdesk.services.profile import forget_key, open_store, recall_key
    from boligdesk.ui.profile.unlock_dialogs import FirstRunDialog, UnlockDialog

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
    from boligdesk.services.desk import Desk

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
    """The main window, unlocked on ``desk`` (tests, screenshots)."""
    from boligdesk.ui.context import AppContext

    return MainWindow(AppContext(desk), open_desk=open_desk)


def locked_window(folder: Path, *, recall: Callable[[Path], bytes | None] | None = None) -> MainWindow:
    """The main window in its locked state on the profile in ``folder`` (nothing slow imported yet)."""
    return MainWindow(opener=ProfileOpener(folder, recall=recall), open_desk=open_desk)


def start_locked(window: MainWindow) -> None:
    """After the locked window's first paint: ask the keyring in the background; with a remembered key show
    the list read with the driver alone and open the desk when the window first needs it (§36, §44);
    otherwise import the heavy parts, then run the first-run dialog for a new profile or wait for the
    passphrase. Called once, at start-up."""
    opener = window.opener
    opener.start(read_list=True)

    asked_first: list[bool] = []

    def open_desk_now() -> None:
        opener.want_desk()
        when_ready()

    def when_ready() -> None:
        if not asked_first and opener.first_ready():
            asked_first.append(True)
            first = opener.first_list()  # read with a remembered key before SQLAlchemy loads (§36)
            if first is not None:
                window.show_first_list(first, open_desk_now)
                return  # no polling meanwhile: the window calls open_desk_now (§44)
        if not opener.ready():
            QTimer.singleShot(15, when_ready)
            return
        if opener.first_list_taken() and (window.content is None or not window.is_locked()):
            return  # the list read ahead was locked away meanwhile: the passphrase is asked (or was)
        if not opener.profile_exists():
            first_run(window)
            return
        try:
            store = opener.open_remembered()
        except StoreError as exc:
            window.drop_first_list()
            window.lock_panel.refused(exc.message, wrong_passphrase=False)
            return
        if store is not None:
            window.open_store(store)
        else:
            window.drop_first_list()
            window.lock_panel.offer_remember(*opener.keyring)

    when_ready()


def first_run(window: MainWindow) -> None:
    """A new profile: the first-run dialog over the locked window; closing it quits."""
    from boligdesk.profile_paths import Profile
    from boligdesk.ui.profile.unlock_dialogs import FirstRunDialog

    dialog = FirstRunDialog(Profile(window.opener.folder), window)
    if dialog.exec() != FirstRunDialog.DialogCode.Accepted or dialog.store is None:
        window.close()
        return
    window.open_store(dialog.store, dialog.adviser_name)


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
    return run_window(app, build_main_window(desk), on_shown)


def run_window(
    app: QApplication, window: MainWindow, on_shown: Callable[[MainWindow], None] | None = None
) -> int:
    """Show ``window`` until it is closed; then close its desk (if unlocked). The exit code."""
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
        ctx = window.ctx
        shiboken6.delete(window)
        if ctx is not None:
            ctx.desk.close()
        log.info("BoligDesk lukket")


def run_app(data_dir: Path | None = None) -> int:
    profile = Profile(data_dir) if data_dir else default_profile()
    app = start_qt()
    try:
        profile.folder.mkdir(parents=True, exist_ok=True)
        profile.log_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return _unusable_folder(profile, exc)
    from boligdesk.logging_setup import LOG_NAME

    install_excepthook(profile.log_dir / LOG_NAME)
    window = locked_window(profile.folder)
    with contextlib.ExitStack() as held:

        def begin() -> None:
            # After the locked window's first paint: the log file, the profile's lock, then the rest.
            from boligdesk.logging_setup import setup_logging
            from boligdesk.profile_lock import hold

            try:
                setup_logging(profile.log_dir)
            except OSError as exc:
                app.exit(_unusable_folder(profile, exc))
                return
            log.info("BoligDesk %s starter", __version__)
            held.enter_context(hold(profile.folder))  # a restore from the command line refuses meanwhile
            start_locked(window)

        return run_window(app, window, lambda w: w.after_first_paint(begin))


def _unusable_folder(profile: Profile, exc: OSError) -> int:
    QMessageBox.critical(None, APP_NAME, f"Profilmappen {profile.folder} kan ikke bruges: {exc.strerror}.")
    return 2
