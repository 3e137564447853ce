"""The locked window paints first, then fills its menus and starts the rest (issue 15).

Before the first paint only Qt and the unlock panel are built: the menus' entries (with the guide's, the
tour's and the privacy menu's modules), the log file's handler, the profile's lock file and PySide's whole
``Qt`` enum namespace (~30 ms on its own) wait until the unlock panel is on screen. Once it is, every menu
entry is there, disabled while locked, exactly as before.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot

from boligdesk.app import locked_window
from boligdesk.services.desk import Desk
from boligdesk.services.profile import Store
from boligdesk.ui.context import AppContext
from boligdesk.ui.main_window import MainWindow

PROBE = r"""
import json, sys
from PySide6 import QtCore
from PySide6.QtCore import QEvent, QObject, QTimer
from boligdesk.app import locked_window, start_qt
app = start_qt()
w = locked_window(__import__("pathlib").Path(sys.argv[1]))
seen = {}
LATER = ("boligdesk.ui.guide", "boligdesk.ui.tour", "boligdesk.ui.privacy", "boligdesk.ui.lock.form_memory",
         "logging.handlers", "boligdesk.profile_lock", "babel", "platformdirs")
def entries():
    return sorted(a.text() for m in (w.file_menu, w.settings_menu, w.help_menu) for a in m.actions() if a.text())
class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if "paint" not in seen and event.type() == QEvent.Type.Paint:
            seen["paint"] = {"qt_namespace": "Qt" in QtCore.__dict__, "entries": entries(),
                             "loaded": sorted(m for m in sys.modules if m.startswith(LATER))}
        return False
probe = FirstPaint(); w.installEventFilter(probe)  # sees the first paint before the window handles it
ran = []
w.after_first_paint(lambda: ran.append(entries()))
w.show()
def done():
    seen["after"] = {"ran": ran, "entries": entries(), "disabled": sorted(
        a.text() for m in (w.file_menu, w.settings_menu) for a in m.actions() if a.text() and not a.isEnabled())}
    print(json.dumps(seen)); app.quit()
QTimer.singleShot(300, done)
app.exec()
"""


def test_the_unlock_panel_paints_before_the_menus_are_filled(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    first = seen["paint"]
    assert first == {"qt_namespace": False, "entries": [], "loaded": []}
    after = seen["after"]
    assert after["ran"] == [after["entries"]]  # the callback ran once, with the menus already filled
    assert {"&Ny sag…", "&Lås nu", "&Afslut", "&Vejledning", "&Om BoligDesk", "&Revisionslog…"} <= set(
        after["entries"]
    )
    assert "&Ny sag…" in after["disabled"] and "&Afslut" not in after["disabled"]


def test_a_window_opened_unlocked_has_every_menu_entry_at_once(qtbot: QtBot, store: Store) -> None:
    window = MainWindow(AppContext(Desk(store, adviser_name="Hanne Holm")))
    qtbot.addWidget(window)
    texts = {a.text() for a in window.findChildren(QAction)}
    assert {"&Ny sag…", "&Lås nu", "&Vejledning", "Vis &rundvisningen igen", "&Revisionslog…"} <= texts
    new_case = next(a for a in window.findChildren(QAction) if a.text() == "&Ny sag…")
    assert new_case.isEnabled()


def test_unlocking_before_the_first_paint_fills_the_menus_first(qtbot: QtBot, store: Store) -> None:
    """A store opened before the window was ever painted (a test, a fast remembered key) still gets every
    entry, enabled, before the cases show."""
    window = locked_window(store.profile.folder)
    qtbot.addWidget(window)
    assert window.file_menu.actions() == []
    window.open_store(store, "Hanne Holm")
    new_case = next(a for a in window.file_menu.actions() if a.text() == "&Ny sag…")
    assert new_case.isEnabled()
    ran: list[int] = []
    window.after_first_paint(lambda: ran.append(len(window.file_menu.actions())))
    window.show()
    qtbot.waitUntil(lambda: ran != [], timeout=5_000)
    count = len(window.file_menu.actions())
    qtbot.wait(600)  # past the fallback for a window that is never painted: nothing runs twice
    assert ran == [count] and len(window.file_menu.actions()) == count


def test_the_start_window_opens_maximised_on_a_small_screen(qtbot: QtBot, tmp_path: Path) -> None:
    from PySide6.QtGui import QGuiApplication

    available = QGuiApplication.primaryScreen().availableGeometry()
    window = locked_window(tmp_path)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    if available.width() < 1340 + 40 or available.height() < 720 + 60:
        assert window.isMaximized()
    else:
        assert not window.isMaximized() and window.width() == 1340


# The real entry point: once the unlock panel is up, the log file and the profile's lock file exist; after
# the window is closed the lock file is gone again (``boligdesk restore`` refuses only while it runs).
APP = r"""
import os, sys
from pathlib import Path
from PySide6.QtCore import QTimer
import boligdesk.app
folder = Path(sys.argv[1])
_run_window = boligdesk.app.run_window
def run_window(app, window, on_shown=None):
    def check():
        if not window.opener.ready():
            QTimer.singleShot(50, check); return
        print("LOG", (folder / "logs" / "boligdesk.log").exists())
        print("LOCK", (folder / f"boligdesk-{os.getpid()}.lock").exists())
        print("LOCKED", window.is_locked(), "ENTRIES", len(window.file_menu.actions()) > 5)
        window.close()
    QTimer.singleShot(100, check)
    return _run_window(app, window, on_shown)
boligdesk.app.run_window = run_window
from boligdesk.cli import main
code = main(["--data-dir", str(folder)])
print("EXIT", code, "LOCKLEFT", any(folder.glob("boligdesk-*.lock")))
sys.stdout.flush()
os._exit(0)  # the preload thread may still be importing
"""


def test_the_app_sets_up_its_log_and_profile_lock_after_the_first_paint(store: Store) -> None:
    folder = store.profile.folder
    result = subprocess.run(
        [sys.executable, "-c", APP, str(folder)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        env={
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",  # never the real keyring
        },
    )
    lines = [line for line in result.stdout.splitlines() if line.split()[0].isupper()]
    assert lines == ["LOG True", "LOCK True", "LOCKED True ENTRIES True", "EXIT 0 LOCKLEFT False"]
    assert "Traceback" not in result.stderr


def test_a_window_deleted_before_its_first_paint_leaves_no_timer_behind(qtbot: QtBot, tmp_path: Path) -> None:
    """The first-paint and fallback timers belong to the window: once it is gone they do not fire (a
    test or a failed start that closes the window at once must not raise from the event loop later)."""
    import shiboken6

    window = locked_window(tmp_path)
    window.show()
    shiboken6.delete(window)
    qtbot.wait(700)  # past the fallback; pytest-qt fails the test on an exception in the event loop
