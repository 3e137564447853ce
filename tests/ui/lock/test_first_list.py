"""Start-up with a remembered key (issue 15, decisions §36, §44): the case list is read with the driver alone
and shown before SQLAlchemy and the models are imported; the desk is opened on the same rows only when an
action first needs it (opening a case, another tab, a menu entry, "Mine sager"), and a lock before that
takes the list away and forgets the key."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from boligdesk.app import locked_window, start_locked
from boligdesk.errors import StoreError
from boligdesk.models.store import Store, unlock_key
from boligdesk.services.case_list import CaseListService
from boligdesk.services.desk import Desk
from boligdesk.services.lock_settings import save_tour_seen
from boligdesk.ui.cases.cases_tab import CasesTab
from boligdesk.ui.main_window import MainWindow
from boligdesk.ui.shared.table_model import ID_ROLE
from tests.conftest import TEST_PASSPHRASE
from tests.db.case_setup import new_case


def _profile_with_cases(store: Store) -> tuple[Path, bytes, list[str]]:
    names = ["Åse Ærø", "Jørgen Østergård", "Bent Hansen"]
    for name in names:
        first, last = name.split()
        new_case(store, first_name=first, last_name=last)
    Desk(store).advisers.set_current("Hanne Holm")  # else the window asks the adviser's name
    save_tour_seen(store.profile.folder)  # else the first-run tour takes the window back to the list
    key = unlock_key(store.profile, TEST_PASSPHRASE)
    folder = store.profile.folder
    store.close()
    return folder, key, names


def _held(qtbot: QtBot, folder: Path, key: bytes) -> tuple[MainWindow, threading.Event]:
    """A starting window whose heavy imports (and so the desk) wait for the returned event."""
    window = locked_window(folder, recall=lambda _f: key)
    qtbot.addWidget(window)
    hold = threading.Event()
    preload = window.opener.preloader._run
    window.opener.preloader._run = lambda: (hold.wait(30), preload())[1]  # type: ignore[method-assign]
    window.show()
    start_locked(window)
    qtbot.waitUntil(lambda: window.content is not None, timeout=10_000)
    return window, hold


def test_the_list_is_searchable_before_the_desk_opens_and_a_case_opened_meanwhile_opens_then(
    qapp: QApplication, qtbot: QtBot, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, key, _names = _profile_with_cases(store)
    reads: list[object] = []
    rows = CaseListService.rows

    def counted(self: CaseListService, *args: object) -> object:
        reads.append(args)
        return rows(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(CaseListService, "rows", counted)
    window, hold = _held(qtbot, folder, key)
    assert window.is_locked() and window.ctx is None  # no desk yet
    assert window.new_case_action.isEnabled()  # the menus work: they open the desk first
    assert window.idle.is_running()  # the list shows people: the idle lock runs
    tab = window.cases_tab
    assert tab.model.total() == 3
    assert tab.new_case_button.isEnabled() and tab.mine.isEnabled()
    tab.search.setText("østergård")
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1)
    tab.table.selectRow(0)  # selecting needs no desk
    qtbot.wait(300)
    assert window.is_locked() and QApplication.overrideCursor() is None  # nothing asked the desk yet
    index = tab.model.index(0, 0)
    case_id = str(index.data(ID_ROLE))
    tab.table.doubleClicked.emit(index)
    assert not tab.showing_case() and "så snart" in tab.count_label.text()
    assert QApplication.overrideCursor() is not None  # busy while the desk opens

    hold.set()
    qtbot.waitUntil(lambda: not window.is_locked(), timeout=20_000)
    assert QApplication.overrideCursor() is None
    assert window.ctx is not None
    assert window.cases_tab is tab and tab.search.text() == "østergård"  # typed text kept
    assert tab.showing_case() and window.current_case_id == case_id  # the case asked for is open
    assert tab.new_case_button.isEnabled() and window.new_case_action.isEnabled()
    assert reads == []  # the rows read ahead were kept, not read again
    assert sorted(r.id for r in tab.model.all_rows()) == sorted(
        r.id for r in window.ctx.desk.case_list.rows()
    )
    window.ctx.desk.close()


def test_when_the_store_then_does_not_open_the_list_goes_and_the_panel_says_why(
    qapp: QApplication, qtbot: QtBot, store: Store
) -> None:
    folder, key, _names = _profile_with_cases(store)
    window, hold = _held(qtbot, folder, key)

    def refuse() -> None:
        raise StoreError("database_damaged", "Databasen er beskadiget (prøve).")

    window.opener.open_remembered = refuse  # type: ignore[method-assign]
    window.request_desk()
    hold.set()
    qtbot.waitUntil(lambda: window.content is None, timeout=20_000)
    assert window.is_locked() and window.pages.currentWidget() is window.lock_panel
    assert "beskadiget" in window.lock_panel.error.text()
    assert QApplication.overrideCursor() is None


def test_a_remembered_key_that_no_longer_fits_shows_no_list(
    qapp: QApplication, qtbot: QtBot, store: Store
) -> None:
    folder, _key, _names = _profile_with_cases(store)
    window = locked_window(folder, recall=lambda _f: bytes(32))
    qtbot.addWidget(window)
    window.show()
    start_locked(window)
    qtbot.waitUntil(window.opener.ready, timeout=10_000)
    qtbot.wait(100)
    assert window.content is None and window.is_locked()
    assert window.pages.currentWidget() is window.lock_panel


FIRST_LIST_ALONE = r"""
import sys, threading
from pathlib import Path
from PySide6.QtCore import QTimer
from boligdesk.app import locked_window, start_locked, start_qt
app = start_qt()
w = locked_window(Path(sys.argv[1]), recall=lambda folder: bytes.fromhex(sys.argv[2]))
hold = threading.Event()
preload = w.opener.preloader._run
w.opener.preloader._run = lambda: (hold.wait(30), preload())[1]
def heavy():
    return sorted({m.split(".")[0] for m in sys.modules if m.startswith(("sqlalchemy", "alembic"))}
                  | {m for m in sys.modules if m.startswith("boligdesk.models")})
def shown():
    print("HEAVY", ",".join(heavy()) or "-")
    print("ROWS", w.cases_tab.model.total(), w.cases_tab.model.rowCount())
    hold.set()
    QTimer.singleShot(1500, later)
def later():  # nothing has asked for the desk: still nothing heavy imported, a second and a half later
    print("LATER", ",".join(heavy()) or "-", int(w.is_locked()))
    w.request_desk()
w.listShown.connect(shown)
w.lockedChanged.connect(lambda locked: locked or (print("UNLOCKED"), app.quit()))
w.show()
QTimer.singleShot(0, lambda: start_locked(w))
QTimer.singleShot(60_000, app.quit)
app.exec()
if w.ctx is not None:
    w.ctx.desk.close()
"""


def test_the_first_list_is_shown_before_sqlalchemy_or_the_models_are_imported(store: Store) -> None:
    folder, key, _names = _profile_with_cases(store)
    result = subprocess.run(
        [sys.executable, "-c", FIRST_LIST_ALONE, str(folder), key.hex()],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    lines = result.stdout.splitlines()
    assert "HEAVY -" in lines, result.stdout
    assert "ROWS 3 3" in lines
    assert "LATER - 1" in lines  # not even while the list is shown (§44): ~70 MiB at 20,000 cases
    assert lines[-1] == "UNLOCKED"  # and the desk opened when asked


def test_a_sorted_first_list_stays_sorted_when_the_desk_arrives(
    qapp: QApplication, qtbot: QtBot, store: Store
) -> None:
    folder, key, _names = _profile_with_cases(store)
    window, hold = _held(qtbot, folder, key)
    tab = window.cases_tab
    tab.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    before = [tab.model.index(r, 1).data() for r in range(tab.model.rowCount())]
    window.request_desk()
    hold.set()
    qtbot.waitUntil(lambda: not window.is_locked(), timeout=20_000)
    assert [tab.model.index(r, 1).data() for r in range(tab.model.rowCount())] == before
    assert window.ctx is not None
    window.ctx.desk.close()


def test_another_tab_or_a_menu_entry_opens_the_desk_and_then_does_what_was_asked(
    qapp: QApplication, qtbot: QtBot, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, key, _names = _profile_with_cases(store)
    asked: list[bool] = []
    monkeypatch.setattr(CasesTab, "new_case", lambda self: asked.append(self.attached()))
    window, hold = _held(qtbot, folder, key)
    assert window.tabs is not None
    frister = window.lazy_tabs["FristerTab"]
    window.tabs.setCurrentWidget(frister)
    assert frister.widget is None and QApplication.overrideCursor() is not None
    assert "Åbner databasen" in frister.findChild(QLabel).text()
    window.new_case_action.trigger()  # Ctrl+N meanwhile: waits for the same desk
    assert asked == []
    hold.set()
    qtbot.waitUntil(lambda: frister.widget is not None, timeout=20_000)
    assert window.tabs.currentWidget() is frister  # the tab the user went to stays
    assert frister.widget.isVisible()  # shown at once, in place of the note
    assert "Åbner databasen" not in _texts(frister)
    qtbot.waitUntil(lambda: asked == [True])  # "Ny sag" ran once, with the desk open
    assert QApplication.overrideCursor() is None
    assert window.ctx is not None
    window.ctx.desk.close()


def _texts(widget: QWidget) -> str:
    return " ".join(label.text() for label in widget.findChildren(QLabel))


def test_mine_sager_opens_the_desk_and_the_estates_filter_works_before_it(
    qapp: QApplication, qtbot: QtBot, store: Store
) -> None:
    estates = Desk(store).estates
    association = estates.add_association("Boligselskabet Fjordglimt").id
    for number, name in (("12", "Engparken"), ("3", "Åhaven"), ("7", "Tom afdeling")):
        estate_id = estates.save_estate(
            estate_id=None,
            association_id=association,
            number=number,
            name=name,
            max_plan_months=12,
            phone_plan_max_months=6,
        ).id
        if name != "Tom afdeling":
            new_case(store, first_name="Åse", last_name=f"Ærø {name}", estate_id=estate_id)
    folder, key, _names = _profile_with_cases(store)
    window, hold = _held(qtbot, folder, key)
    tab = window.cases_tab
    labels = [tab.estate.itemText(i) for i in range(tab.estate.count())]
    assert labels == ["Alle afdelinger", "12 Engparken", "3 Åhaven"]  # the rows' estates, as the desk's
    tab.estate.setCurrentIndex(1)
    assert [tab.model.index(r, 1).data() for r in range(tab.model.rowCount())] == ["Åse Ærø Engparken"]
    assert window.is_locked() and QApplication.overrideCursor() is None  # no desk for that
    tab.mine.setCurrentIndex(tab.mine.findData("mine"))
    assert QApplication.overrideCursor() is not None
    hold.set()
    qtbot.waitUntil(lambda: not window.is_locked(), timeout=20_000)
    assert tab.estate.currentText() == "12 Engparken"  # the choice kept when the desk's estates come
    assert tab.estate.count() == 4  # now with the estate without cases
    assert window.ctx is not None
    window.ctx.desk.close()


def test_a_lock_before_the_desk_takes_the_list_away_and_forgets_the_key(
    qapp: QApplication, qtbot: QtBot, store: Store
) -> None:
    folder, key, _names = _profile_with_cases(store)
    window, hold = _held(qtbot, folder, key)
    hold.set()
    assert window.opener._remembered == key
    window.auto_lock()  # the idle time ran out, or the session locked
    assert window.content is None and window.pages.currentWidget() is window.lock_panel
    assert window.is_locked() and not window.idle.is_running()
    assert window.opener._remembered is None  # the passphrase from now on, as after any lock
    assert not window.new_case_action.isEnabled()
    window.request_desk()  # nothing to open while locked
    qtbot.wait(300)
    assert window.is_locked() and window.content is None
    assert window.unlock_with_passphrase(TEST_PASSPHRASE)
    assert window.ctx is not None and window.cases_tab.model.total() == 3
    window.ctx.desk.close()


def test_a_case_opened_from_the_list_read_ahead_stays_open_on_a_profile_that_never_had_the_tour(
    qapp: QApplication, qtbot: QtBot, store: Store
) -> None:
    """The first action opens the desk (§44); the first-run tour must not then take the window back to
    the list (it did: the memory benchmark waited for the case for ever on a fresh profile)."""
    from boligdesk.services.lock_settings import load_tour_seen
    from boligdesk.ui.tour.tour import current_tour

    new_case(store, first_name="Åse", last_name="Ærø")
    Desk(store).advisers.set_current("Hanne Holm")
    key = unlock_key(store.profile, TEST_PASSPHRASE)
    folder = store.profile.folder
    store.close()
    assert not load_tour_seen(folder)
    window, hold = _held(qtbot, folder, key)
    hold.set()
    tab = window.cases_tab
    tab.open_case(str(tab.model.index(0, 0).data(ID_ROLE)))  # the first action: the desk opens for it
    qtbot.waitUntil(lambda: window.ctx is not None and window.cases_tab.showing_case(), timeout=20_000)
    qtbot.wait(800)  # the tour would start 200 ms after the unlock
    assert window.cases_tab.showing_case() and current_tour(window) is None
    assert window.ctx is not None
    window.ctx.desk.close()
