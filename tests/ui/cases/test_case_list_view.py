"""The case list's view draws its plain cells from cached glyph runs: the table must come out pixel for
pixel as Qt's own item painting draws it — selection, focus, tint, elision, alignment, any font."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtGui import QColor, QFont, QImage
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyledItemDelegate, QStyleFactory
from pytestqt.qtbot import QtBot

import boligdesk.ui.cases.case_list_view as case_list_view
from boligdesk.budget.deadlines import Deadline, DeadlineKind
from boligdesk.budget.money import Money
from boligdesk.budget.vocabulary import CaseKind, CasePhase
from boligdesk.models.store import Store
from boligdesk.services.case_list import CaseRow
from boligdesk.services.desk import Desk
from boligdesk.ui.cases.case_list_view import CaseListView
from boligdesk.ui.cases.cases_tab import CasesTab
from boligdesk.ui.context import AppContext

TODAY = dt.date(2026, 11, 24)
LONGEST = "Anne-Sofie Kristiane Østergaard-Bækgaard Vestergaard-Højlund"


def _row(n: int, **changes: object) -> CaseRow:
    deadline = None
    if n % 4 == 1:
        deadline = Deadline(DeadlineKind.HEARING, TODAY - dt.timedelta(days=2), "Retsmøde")  # passed: pink
    elif n % 4 == 2:
        deadline = Deadline(DeadlineKind.FOLLOW_UP, TODAY + dt.timedelta(days=3), "Opfølgning")  # soon
    elif n % 4 == 3:
        deadline = Deadline(DeadlineKind.REMINDER_DEADLINE, TODAY + dt.timedelta(days=40), "Påkrav")
    row = CaseRow(
        id=f"c{n}",
        number=f"2026-{n:04d}",
        tenant_name=LONGEST if n == 2 else f"Åse Ærø Øbro {n}",
        phone="20 30 40 50",
        address=f"Ærøgade {n}, 3. th, 2620 Albertslund" + (" – bagbygningen, opgang C" if n % 3 == 0 else ""),
        tenancy_number=f"101-{n:04d}",
        estate_id="e1",
        estate_name="101 Solgårdsparken",
        kind=list(CaseKind)[n % len(CaseKind)],
        phase=list(CasePhase)[n % 5],
        arrears=Money(n * 1_234_567 if n % 5 else 0) if n != 3 else Money(99_999_999_999),
        adviser_id=None,
        adviser_name="Hanne Holm",
        closed=False,
        next_deadline=deadline,
        search_text=f"sag {n}",
    )
    return dataclasses.replace(row, **changes)  # type: ignore[arg-type]


@pytest.fixture
def tab(qtbot: QtBot, qapp: QApplication, store: Store) -> CasesTab:
    """The real Sager tab (its table set up as the user sees it) showing 40 invented cases."""
    tab = CasesTab(AppContext(Desk(store, adviser_name="Hanne Holm", today=lambda: TODAY)))
    qtbot.addWidget(tab)
    tab.model.set_rows([_row(n) for n in range(40)])
    tab.resize(1340, 640)
    tab.show()
    qtbot.waitExposed(tab)
    return tab


def _painted(view: CaseListView, qt_painting: bool) -> QImage:
    view.setItemDelegate(QStyledItemDelegate(view) if qt_painting else view.delegate)
    return view.viewport().grab().toImage()


def _fast_cells(view: CaseListView) -> int:
    """How many cells a paint draws from the cache (not through the style)."""
    delegate = view.delegate
    assert delegate is not None
    view.setItemDelegate(delegate)
    view.viewport().grab()
    return delegate.last_drawn


SITUATIONS: dict[str, Callable[[CasesTab], None]] = {
    "as loaded": lambda tab: None,
    "a row selected, the list focused": lambda tab: (tab.table.selectRow(4), tab.table.setFocus()),
    "several rows selected": lambda tab: (
        tab.table.selectRow(1),
        tab.table.selectionModel().select(
            tab.model.index(6, 0),
            tab.table.selectionModel().SelectionFlag.Select | tab.table.selectionModel().SelectionFlag.Rows,
        ),
    ),
    "narrow columns (everything elided)": lambda tab: [tab.table.setColumnWidth(c, 37) for c in range(9)],
    "wide columns": lambda tab: [tab.table.setColumnWidth(c, 300) for c in range(9)],
    "scrolled down and right": lambda tab: (
        tab.table.scrollTo(tab.model.index(35, 8)),
        tab.table.horizontalScrollBar().setValue(120),
    ),
    "a larger bold font": lambda tab: tab.table.setFont(QFont("Sans Serif", 13, QFont.Weight.Bold)),
    "the Windows style": lambda tab: tab.table.setStyle(QStyleFactory.create("Windows")),
    "no grid": lambda tab: tab.table.setShowGrid(False),
    "disabled": lambda tab: tab.table.setEnabled(False),
}


@pytest.mark.parametrize("situation", list(SITUATIONS))
def test_the_list_is_painted_exactly_as_qt_paints_it(qtbot: QtBot, tab: CasesTab, situation: str) -> None:
    SITUATIONS[situation](tab)
    qtbot.wait(1)
    ours = _painted(tab.table, qt_painting=False)
    assert _fast_cells(tab.table) > 20  # the cache really painted (not the style for every cell)
    qts = _painted(tab.table, qt_painting=True)
    assert ours.size() == qts.size()
    assert ours == qts, situation


def test_text_taller_than_its_row_is_clipped_to_the_cell_as_qt_clips_it(qtbot: QtBot, tab: CasesTab) -> None:
    """The rows keep their fixed height: with a large font the style clips each text to its cell, so
    the view leaves those texts to the style instead of drawing glyphs into the next row."""
    tab.table.setFont(QFont("Serif", 26, QFont.Weight.Bold, True))
    qtbot.wait(1)
    ours = _painted(tab.table, qt_painting=False)
    assert _fast_cells(tab.table) == 0
    assert ours == _painted(tab.table, qt_painting=True)


def test_the_cache_is_bounded_and_still_paints_right(
    qtbot: QtBot, tab: CasesTab, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(case_list_view, "_CACHE_LIMIT", 50)
    tab.model.set_rows([_row(n, tenant_name=f"Lejer nummer {n}") for n in range(400)])
    for top in range(0, 400, 25):
        tab.table.scrollTo(tab.model.index(top, 0))
        _painted(tab.table, qt_painting=False)
        assert tab.table.delegate.cached_texts() <= 50
    ours = _painted(tab.table, qt_painting=False)
    assert ours == _painted(tab.table, qt_painting=True)


def test_the_cells_still_tell_their_text_to_the_model_readers(tab: CasesTab) -> None:
    """Screen readers and ``index.data()`` read the model, which the cache does not change."""
    from PySide6.QtGui import QAccessible

    _painted(tab.table, qt_painting=False)
    row = tab.model.row_of("c2")
    assert tab.model.index(row, 1).data() == LONGEST
    table = QAccessible.queryAccessibleInterface(tab.table)
    assert table is not None
    names = {table.child(i).text(QAccessible.Text.Name) for i in range(table.childCount())}
    assert LONGEST in names and "2026-0002" in names


class _MarkingStyle(QProxyStyle):
    """A style that paints more than the row background and the text for every item (a stripe)."""

    def drawControl(self, element: Any, option: Any, painter: Any, widget: Any = None) -> None:
        super().drawControl(element, option, painter, widget)
        if element == QStyle.ControlElement.CE_ItemViewItem:
            painter.fillRect(option.rect.adjusted(0, 0, -option.rect.width() + 2, 0), QColor("#2a7ab0"))


def test_a_style_that_paints_items_its_own_way_keeps_qts_painting(qtbot: QtBot, tab: CasesTab) -> None:
    style = _MarkingStyle(QStyleFactory.create("Fusion"))
    tab.table.setStyle(style)
    ours = _painted(tab.table, qt_painting=False)
    assert _fast_cells(tab.table) == 0  # the sample cells disagreed: every cell goes the style's way
    assert ours == _painted(tab.table, qt_painting=True)


def test_scrolling_repaints_only_the_strip_scrolled_in_and_the_screen_shows_what_qt_paints(
    qtbot: QtBot, qapp: QApplication, tab: CasesTab
) -> None:
    """Scrolling moves the pixels already on screen and paints only the rows that came in: those partial
    paints (a strip, part of a row) must join up with what was there, alternate rows and grid included."""
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QAbstractItemView

    tab.model.set_rows([_row(n) for n in range(200)])
    view = tab.table
    view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    view.setColumnWidth(2, 500)  # wider than the window: it scrolls sideways too
    qtbot.wait(1)
    for step in range(12):
        view.verticalScrollBar().setValue(view.verticalScrollBar().value() + 5 + step)
        view.horizontalScrollBar().setValue(step * 7)
        qapp.processEvents()
    assert 0 < view.delegate.last_drawn < 40  # the last paint was a strip, not the whole table
    viewport = view.viewport()
    corner = viewport.mapToGlobal(QPoint(0, 0))
    screen = qapp.primaryScreen().grabWindow(0, corner.x(), corner.y(), viewport.width(), viewport.height())
    shown = screen.toImage()
    qts = _painted(view, qt_painting=True)
    assert shown.convertToFormat(qts.format()) == qts
