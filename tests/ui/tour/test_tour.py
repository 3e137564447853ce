"""The first-run tour: shown once after the first unlock, skippable, not again after a restart, and
reopened from Hjælp; each panel beside (never over) the real widget it points at, inside a 1366×768 window."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from boligdesk.models.store import Profile, create_profile
from boligdesk.services.demo import populate
from boligdesk.services.demo_showcase import SHOWCASE_PLAN, add_showcase
from boligdesk.services.desk import Desk
from boligdesk.services.lock_settings import load_lock_minutes, load_tour_seen, save_lock_minutes
from boligdesk.ui.lock.session import ProfileOpener
from boligdesk.ui.main_window import MainWindow
from boligdesk.ui.tour import tour as tour_module
from boligdesk.ui.tour.tour import STEPS, Tour, current_tour, place_callout
from tests.conftest import TEST_PASSPHRASE

TODAY = dt.date(2026, 12, 1)


@pytest.fixture
def demo_profile(tmp_path: Path) -> Profile:
    profile = Profile(tmp_path / "demo")
    store = create_profile(profile, TEST_PASSPHRASE)
    Desk(store).advisers.set_current("Hanne Holm")
    populate(store, 6, today=TODAY)
    add_showcase(store, today=TODAY)
    store.close()
    return profile


def _start(qtbot: QtBot, profile: Profile, size: tuple[int, int] = (1366, 740)) -> MainWindow:
    """The app's start: the locked window shown at a laptop's size, then the passphrase typed."""
    window = MainWindow(opener=ProfileOpener(profile.folder))
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    assert window.unlock_with_passphrase(TEST_PASSPHRASE)
    return window


def _close(window: MainWindow) -> None:
    window.lock()  # closes the desk and the store, as quitting does
    window.close()


def _help_action(window: MainWindow, text: str) -> QAction:
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Hjælp")
    return next(a for a in help_menu.actions() if a.text() == text)


def _check_placement(window: MainWindow, tour: Tour) -> None:
    target = tour.target_rect()
    assert target is not None, f"step {tour.index + 1} points at a widget on screen"
    assert window.rect().contains(tour.geometry()), "the panel fits inside the window"
    assert not tour.geometry().intersects(target), "the panel never covers what it points at"
    assert tour.highlight.isVisible() and tour.highlight.geometry().contains(target)


def test_shown_once_after_the_first_unlock_and_skip_closes_it(
    qapp: QApplication, qtbot: QtBot, demo_profile: Profile
) -> None:
    assert not load_tour_seen(demo_profile.folder)
    window = _start(qtbot, demo_profile)
    qtbot.waitUntil(lambda: current_tour(window) is not None, timeout=3000)
    tour = current_tour(window)
    assert tour is not None and tour.index == 0 and tour.title.text() == "Find en sag"
    assert tour.target is not None and tour.target[0] is window.cases_tab.search
    _check_placement(window, tour)
    assert load_tour_seen(demo_profile.folder), "marked as seen, so it never comes by itself again"
    qtbot.mouseClick(tour.skip_button, Qt.MouseButton.LeftButton)
    assert current_tour(window) is None
    # Locking and unlocking again in the same run does not bring it back.
    window.lock()
    assert window.unlock_with_passphrase(TEST_PASSPHRASE)
    qtbot.wait(400)
    assert current_tour(window) is None
    _close(window)


def test_not_shown_again_after_a_restart_but_reopened_from_hjaelp(
    qapp: QApplication, qtbot: QtBot, demo_profile: Profile
) -> None:
    first = _start(qtbot, demo_profile)
    qtbot.waitUntil(lambda: current_tour(first) is not None, timeout=3000)
    _close(first)  # quit with the tour open: it still counts as seen

    window = _start(qtbot, demo_profile)
    qtbot.wait(500)
    assert current_tour(window) is None, "a restart does not show the tour again"
    _help_action(window, "Vis &rundvisningen igen").trigger()
    tour = current_tour(window)
    assert tour is not None and tour.index == 0
    _close(window)


@pytest.mark.parametrize("size", [(1366, 740), (1024, 600)], ids=["1366x768", "smallest-window"])
def test_the_tour_opens_the_demo_case_and_points_to_search_budget_and_printing(
    qapp: QApplication, qtbot: QtBot, demo_profile: Profile, size: tuple[int, int]
) -> None:
    window = _start(qtbot, demo_profile, size)
    qtbot.waitUntil(lambda: current_tour(window) is not None, timeout=3000)
    tour = current_tour(window)
    assert tour is not None
    seen = []
    for index in range(len(STEPS)):
        assert tour.index == index
        qtbot.wait(20)  # the second placement, after the tab or case is laid out
        _check_placement(window, tour)
        seen.append(tour.title.text())
        if index == 1:
            cases = window.cases_tab
            assert cases.showing_case()
            details = cases.case_view.details
            assert details is not None and details.tenant.full_name == SHOWCASE_PLAN
            assert SHOWCASE_PLAN in tour.text.text()
        if index == 2:
            assert window.tabs is not None and window.tabs.currentWidget() is window.lazy_tabs["BudgetTab"]
            assert tour.target == (window.tabs.tabBar(), window.tabs.tabBar().tabRect(2))  # the "Budget" tab
        if index == 3:
            assert tour.target is not None and tour.target[0] is window.tab("BudgetTab").print_button  # type: ignore[attr-defined]
            assert tour.next_button.text() == "&Færdig" and not tour.skip_button.isVisible()
        qtbot.mouseClick(tour.next_button, Qt.MouseButton.LeftButton)
    assert seen == ["Find en sag", "Sagen", "Budgettet", "Udskriv"]
    assert current_tour(window) is None, "Færdig closes it"
    _close(window)


def test_back_and_esc_and_locking_during_the_tour(
    qapp: QApplication, qtbot: QtBot, demo_profile: Profile
) -> None:
    window = _start(qtbot, demo_profile)
    qtbot.waitUntil(lambda: current_tour(window) is not None, timeout=3000)
    tour = current_tour(window)
    assert tour is not None and not tour.back_button.isEnabled()
    qtbot.mouseClick(tour.next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(tour.back_button, Qt.MouseButton.LeftButton)
    assert tour.index == 0
    qtbot.keyClick(tour.next_button, Qt.Key.Key_Escape)
    assert current_tour(window) is None
    tour = tour_module.start_tour(window)
    assert tour is not None
    qtbot.mouseClick(tour.next_button, Qt.MouseButton.LeftButton)
    window.lock()  # the case it points at is destroyed: the tour closes with it, nothing crashes
    qtbot.wait(50)
    assert current_tour(window) is None
    assert not _help_action(window, "Vis &rundvisningen igen").isEnabled(), "no tour over the lock panel"
    assert tour_module.start_tour(window) is None
    window.close()


def test_without_cases_the_tour_points_to_new_case(qapp: QApplication, qtbot: QtBot, tmp_path: Path) -> None:
    profile = Profile(tmp_path / "ny")
    store = create_profile(profile, TEST_PASSPHRASE)
    Desk(store).advisers.set_current("Hanne Holm")
    store.close()
    window = _start(qtbot, profile)
    qtbot.waitUntil(lambda: current_tour(window) is not None, timeout=3000)
    tour = current_tour(window)
    assert tour is not None
    tour.go(1)
    assert tour.target is not None and tour.target[0] is window.cases_tab.new_case_button
    assert "ingen sager" in tour.text.text()
    _check_placement(window, tour)
    _close(window)


def test_a_window_opened_on_a_desk_does_not_start_the_tour(
    qapp: QApplication, qtbot: QtBot, demo_profile: Profile
) -> None:
    """Tests, screenshots and the command line open windows on a desk: only the app's start shows it."""
    from boligdesk.services.profile import open_store
    from boligdesk.ui.context import AppContext

    store = open_store(demo_profile, passphrase=TEST_PASSPHRASE)
    window = MainWindow(AppContext(Desk(store, adviser_name="Hanne Holm")))
    qtbot.addWidget(window)
    window.show()
    qtbot.wait(400)
    assert current_tour(window) is None and not load_tour_seen(demo_profile.folder)
    _close(window)


def test_the_flag_and_the_lock_minutes_share_the_file(tmp_path: Path) -> None:
    from boligdesk.services.lock_settings import save_tour_seen

    save_lock_minutes(tmp_path, 25)
    save_tour_seen(tmp_path)
    assert load_lock_minutes(tmp_path) == 25 and load_tour_seen(tmp_path)
    save_lock_minutes(tmp_path, 3)
    assert load_tour_seen(tmp_path), "changing the lock time keeps the tour flag"
    for hostile in ("{ikke json", "[1, 2]", '{"tour_seen": "ja", "minutes": "x"}'):
        (tmp_path / "lock.json").write_text(hostile, encoding="utf-8")
        assert not load_tour_seen(tmp_path) and load_lock_minutes(tmp_path) == 10
    save_tour_seen(tmp_path)
    assert load_tour_seen(tmp_path) and load_lock_minutes(tmp_path) == 10
    assert json.loads((tmp_path / "lock.json").read_text(encoding="utf-8"))["format"] == 1


def test_place_callout_keeps_beside_the_target() -> None:
    area = QRect(0, 0, 1366, 740)
    for target in (
        QRect(10, 5, 300, 24),
        QRect(600, 700, 120, 30),
        QRect(1200, 300, 150, 30),
        QRect(0, 0, 1366, 600),
    ):
        rect = place_callout((380, 220), target, area)
        assert area.contains(rect)
        if target.height() < 600:
            assert not rect.intersects(target), target
