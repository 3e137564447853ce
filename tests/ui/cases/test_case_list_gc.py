"""The case list keeps its rows out of Python's full garbage collections (decisions §43): with 20,000
cases a full collection walked some 150,000 objects on the GUI thread — tens of milliseconds landing on
whatever keystroke Python chose. Locking must still let every case go."""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import weakref
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from boligdesk.models.store import Store
from boligdesk.services.desk import Desk
from boligdesk.ui.cases import case_list_table_model
from boligdesk.ui.cases.case_list_table_model import (
    CaseFilter,
    CaseListTableModel,
    keep_long_lived_out_of_collections,
)
from boligdesk.ui.context import AppContext
from boligdesk.ui.main_window import MainWindow
from tests.ui.cases.test_case_list_view import _row

TODAY = dt.date(2026, 11, 24)


@pytest.fixture(autouse=True)
def _unfrozen() -> Iterator[None]:
    yield
    gc.unfreeze()  # the rest of the test run collects as usual


def test_a_large_list_is_kept_out_of_full_collections_once_shown(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(case_list_table_model, "SETTLE_FROM_ROWS", 300)
    small = CaseListTableModel(lambda: TODAY)
    small.set_rows([_row(n) for n in range(299)])
    assert not small._settle.isActive()  # a short list is cheap to walk: nothing frozen

    gc.unfreeze()
    model = CaseListTableModel(lambda: TODAY)
    model.set_rows([dataclasses.replace(_row(n), id=f"x{n}") for n in range(300)])
    assert gc.get_freeze_count() == 0  # not while the list is being shown: a moment later
    qtbot.waitUntil(lambda: gc.get_freeze_count() > 0, timeout=5_000)
    frozen = gc.get_freeze_count()
    assert frozen >= 300  # at least a container per row
    assert not gc.is_tracked(0) and all(gc.is_tracked(r) for r in model.all_rows()[:3])

    # A full collection no longer walks the frozen objects: it walks only what came after.
    assert len(gc.get_objects()) < frozen


def test_locking_lets_the_frozen_list_go(qapp: QApplication, qtbot: QtBot, store: Store) -> None:
    window = MainWindow(AppContext(Desk(store, adviser_name="Hanne Holm", today=lambda: TODAY)))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.ctx is not None
    desk = weakref.ref(window.ctx.desk)
    model = weakref.ref(window.cases_tab.model)
    keep_long_lived_out_of_collections()  # as a moment after a large list is shown
    window.lock()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    assert desk() is None and model() is None  # no case (and no key) outlives the lock


def test_typing_puts_the_freeze_off_until_it_pauses(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    """The one full collection before freezing costs tens of milliseconds at 20,000 cases: not while
    the user is typing into the search field."""
    monkeypatch.setattr(case_list_table_model, "SETTLE_FROM_ROWS", 300)
    monkeypatch.setattr(case_list_table_model, "SETTLE_AFTER_MS", 400)
    gc.unfreeze()
    model = CaseListTableModel(lambda: TODAY)
    model.set_rows([_row(n) for n in range(300)])
    for typed in ("s", "sa", "sag", "sag 1", "sag 12"):
        qtbot.wait(150)
        model.set_criteria(CaseFilter(text=typed))
        assert gc.get_freeze_count() == 0
    qtbot.waitUntil(lambda: gc.get_freeze_count() > 0, timeout=3_000)


def test_locking_before_the_desk_opens_lets_the_frozen_list_go(
    qapp: QApplication, qtbot: QtBot, store: Store
) -> None:
    """The list read ahead at start-up (no desk yet, §44) is frozen like any large list; the lock that
    takes it away must let its rows go too, not keep them in the frozen generation."""
    from tests.ui.lock.test_first_list import _held, _profile_with_cases

    folder, key, _names = _profile_with_cases(store)
    window, hold = _held(qtbot, folder, key)
    assert window.ctx is None and window.cases_tab is not None
    model = weakref.ref(window.cases_tab.model)
    keep_long_lived_out_of_collections()  # as a moment after a large list is shown
    assert gc.get_freeze_count() > 0
    window.auto_lock()
    hold.set()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert gc.get_freeze_count() == 0  # the lock gave the frozen objects back to the collector
    gc.collect()
    assert model() is None and window.is_locked()
