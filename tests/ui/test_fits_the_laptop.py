"""The main window fits a 1366×768 laptop; the unlock dialogs keep their intro when an error shows;
closing the app destroys the window before Python's exit clean-up."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot
from shiboken6 import Shiboken

from boligdesk.app import run_main_window, start_qt
from boligdesk.models.store import Profile, Store, create_profile
from boligdesk.services.desk import Desk
from boligdesk.ui.context import AppContext
from boligdesk.ui.main_window import MainWindow
from boligdesk.ui.profile.unlock_dialogs import FirstRunDialog, UnlockDialog
from boligdesk.ui.window_size import opening_geometry
from tests.conftest import TEST_PASSPHRASE
from tests.ui.event_loop import run_guarded

PREFERRED = QSize(1340, 720)


def test_a_laptop_screen_with_a_taskbar_opens_maximised() -> None:
    rect, maximise = opening_geometry(QRect(0, 0, 1366, 728), PREFERRED)
    assert maximise
    assert rect == QRect(0, 0, 1366, 728)


def test_a_big_screen_gets_the_preferred_size_centred() -> None:
    rect, maximise = opening_geometry(QRect(0, 0, 1920, 1040), PREFERRED)
    assert not maximise
    assert rect.size() == PREFERRED
    assert rect.center() == QRect(0, 0, 1920, 1040).center()


def test_the_window_never_opens_larger_than_the_screen(qtbot: QtBot, store: Store) -> None:
    window = MainWindow(AppContext(Desk(store, adviser_name="Hanne Holm")))
    qtbot.addWidget(window)
    available = QGuiApplication.primaryScreen().availableGeometry()
    assert window.width() <= available.width()
    assert window.height() <= available.height()
    assert window.minimumWidth() <= available.width()
    assert window.minimumHeight() <= available.height()
    if available.width() < PREFERRED.width() + 40 or available.height() < PREFERRED.height() + 60:
        assert window.windowState() & Qt.WindowState.WindowMaximized


def _intro_fits(label: object) -> bool:
    from PySide6.QtWidgets import QLabel

    assert isinstance(label, QLabel)
    return label.height() >= label.heightForWidth(label.width())


def test_first_run_intro_stays_whole_when_an_error_shows(qtbot: QtBot, profile: Profile) -> None:
    from PySide6.QtWidgets import QLabel

    dialog = FirstRunDialog(profile)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    intro = next(w for w in dialog.findChildren(QLabel) if "Velkommen" in w.text())
    dialog.name.setText("Hanne Holm")
    dialog.passphrase.setText("kort")
    dialog.repeat.setText("kort")
    dialog._create()
    qtbot.wait(20)
    assert dialog.error.isVisible()
    assert _intro_fits(intro)
    assert dialog.height() >= dialog.heightForWidth(dialog.width())


def test_unlock_intro_stays_whole_when_an_error_shows(qtbot: QtBot, profile: Profile) -> None:
    from PySide6.QtWidgets import QLabel

    create_profile(profile, TEST_PASSPHRASE).close()
    dialog = UnlockDialog(profile)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    intro = next(w for w in dialog.findChildren(QLabel) if "Skriv din adgangskode" in w.text())
    dialog.passphrase.setText("forkert kodeord")
    dialog._unlock()
    qtbot.wait(20)
    assert dialog.error.isVisible()
    assert _intro_fits(intro)


def test_closing_the_app_destroys_the_window_and_its_dialogs(qtbot: QtBot, store: Store) -> None:
    """A dialog that has been through exec() is Python-owned yet still a child of its tab; the window is
    destroyed by run_main_window, so none is left for PySide's exit clean-up to delete a second time."""
    app = start_qt()
    seen: list[object] = []

    def shown(window: MainWindow) -> None:
        def open_and_close() -> None:
            letters = window.tab("LettersTab")
            QTimer.singleShot(50, lambda: app.activeModalWidget().reject())  # type: ignore[union-attr]
            letters.open_letterhead()  # type: ignore[attr-defined]
            seen.append(window)
            assert letters.findChildren(QDialog), "the letterhead dialog outlives its exec()"
            seen.extend(letters.findChildren(QDialog))
            window.close()

        QTimer.singleShot(0, open_and_close)

    desk = Desk(store, adviser_name="Hanne Holm")
    code = run_guarded(app, lambda: run_main_window(app, desk, shown))
    assert code == 0, "closing the main window did not end the event loop"
    assert seen, "the script never ran"
    assert all(not Shiboken.isValid(obj) for obj in seen)
