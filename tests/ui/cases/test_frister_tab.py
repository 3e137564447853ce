"""The Frister tab: all open cases' deadlines, most urgent first, coloured; double-click opens the case."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from boligdesk.budget.deadlines import DeadlineKind
from boligdesk.models.store import Store
from boligdesk.services.cases import NewCase
from boligdesk.services.changes import Changes, Part
from boligdesk.services.desk import Desk
from boligdesk.services.frister import DeadlineRow
from boligdesk.ui.cases.frister_tab import FristerTab
from boligdesk.ui.cases.frister_table_model import FristerTableModel
from boligdesk.ui.context import AppContext
from boligdesk.ui.shared.table_model import ID_ROLE
from tests.cases import create_case

TODAY = dt.date(2026, 3, 10)


def desk(store: Store) -> Desk:
    return Desk(store, today=lambda: TODAY)


RED, ORANGE, YELLOW = "#f4c7c3", "#fbd38d", "#fff3b0"


def case(store: Store, first: str, **dates: dt.date) -> str:
    case_id = create_case(
        store,
        NewCase(first_name=first, last_name="Prøvesen", address_line=f"{first}vej 1", city="Odense C"),
        today=dt.date(2026, 2, 1),
    )
    for field, value in dates.items():
        desk(store).timeline.set_field(case_id, field, value)  # type: ignore[arg-type]
    return case_id


@pytest.fixture
def ctx(store: Store) -> AppContext:
    return AppContext(Desk(store, adviser_name="Rikke Rådgiver", today=lambda: TODAY))


def row(days: int, number: str = "2026-0001") -> DeadlineRow:
    return DeadlineRow(
        case_id=f"id-{number}",
        case_number=number,
        tenant_name="Anna Prøvesen",
        address="Annavej 1",
        kind=DeadlineKind.FOLLOW_UP,
        what="Opfølgning: Ring",
        date=TODAY + dt.timedelta(days=days),
        days_left=days,
        explanation="Aftalt opfølgning",
    )


def test_the_table_model_passes_the_model_tester(qtmodeltester: object) -> None:
    model = FristerTableModel()
    model.set_rows([row(-2, "2026-0003"), row(1, "2026-0002"), row(10)])
    qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_deadlines_are_listed_most_urgent_first_and_coloured_by_urgency(
    qtbot: QtBot, ctx: AppContext, store: Store
) -> None:
    case(store, "Later", reminder_sent_on=dt.date(2026, 3, 9))  # deadline 23.03, termination 24.03
    case(store, "Passed", termination_on=dt.date(2026, 2, 2), eviction_on=dt.date(2026, 3, 6))
    case(store, "Soon", termination_on=dt.date(2026, 2, 2), eviction_on=dt.date(2026, 3, 12))
    week = case(store, "Week")
    desk(store).journal.add_follow_up(week, dt.date(2026, 3, 16), "Ring om boligstøtte")
    tab = FristerTab(ctx)
    qtbot.addWidget(tab)
    view = tab.proxy
    shown = [
        (view.index(r, 4).data().split()[0], view.index(r, 0).data(), view.index(r, 1).data())
        for r in range(view.rowCount())
    ]
    assert shown == [
        ("Passed", "06.03.2026", "4 dage over"),
        ("Soon", "12.03.2026", "om 2 dage"),
        ("Week", "16.03.2026", "om 6 dage"),
        ("Later", "23.03.2026", "om 13 dage"),
        ("Later", "24.03.2026", "om 14 dage"),
    ]
    colours = [view.index(r, 2).data(Qt.ItemDataRole.BackgroundRole) for r in range(view.rowCount())]
    assert [c.color().name() if c is not None else None for c in colours] == [RED, ORANGE, YELLOW, None, None]
    assert view.index(2, 2).data() == "Opfølgning: Ring om boligstøtte"
    assert view.index(0, 2).data(Qt.ItemDataRole.ToolTipRole).startswith("Overskredet. ")
    assert tab.summary.text() == "5 frister på 4 sager · 1 overskredne · 2 inden for 7 dage"


def test_sorting_by_another_column_and_back_keeps_dates_in_order(
    qtbot: QtBot, ctx: AppContext, store: Store
) -> None:
    case(store, "Oktober", termination_on=dt.date(2026, 2, 2), eviction_on=dt.date(2026, 10, 1))
    case(store, "Marts", termination_on=dt.date(2026, 2, 2), eviction_on=dt.date(2026, 3, 20))
    tab = FristerTab(ctx)
    qtbot.addWidget(tab)
    tab.table.sortByColumn(4, Qt.SortOrder.DescendingOrder)
    tab.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert [tab.proxy.index(r, 0).data() for r in range(2)] == ["20.03.2026", "01.10.2026"]


def test_double_click_selects_the_case(qtbot: QtBot, ctx: AppContext, store: Store) -> None:
    case_id = case(store, "Bo", termination_on=dt.date(2026, 2, 2), eviction_on=dt.date(2026, 3, 12))
    tab = FristerTab(ctx)
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitExposed(tab)
    index = tab.proxy.index(0, 2)
    assert index.data(ID_ROLE) == case_id
    with qtbot.waitSignal(ctx.bus.caseSelected) as signal:
        rect = tab.table.visualRect(index)
        # A real double-click starts with a press; Qt's item views only accept the double-click after it.
        qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert signal.args == [case_id]
    tab.table.setCurrentIndex(index)
    with qtbot.waitSignal(ctx.bus.caseSelected) as signal:
        qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    assert signal.args == [case_id]


def test_a_saved_change_on_a_case_updates_the_list(qtbot: QtBot, ctx: AppContext, store: Store) -> None:
    case_id = case(store, "Cai")
    tab = FristerTab(ctx)
    qtbot.addWidget(tab)
    tab.show()
    assert tab.proxy.rowCount() == 0
    desk(store).journal.add_follow_up(case_id, dt.date(2026, 3, 11), "Besøg")
    ctx.bus.changed.emit(Changes.of(case_id, Part.LETTERS))  # nothing the list shows
    assert tab.proxy.rowCount() == 0
    ctx.bus.changed.emit(Changes.of(case_id, Part.TIMELINE))
    assert tab.proxy.rowCount() == 1
    assert tab.proxy.index(0, 1).data() == "i morgen"


def test_a_hidden_tab_catches_up_when_it_is_shown(qtbot: QtBot, ctx: AppContext, store: Store) -> None:
    case_id = case(store, "Dan")
    tab = FristerTab(ctx)
    qtbot.addWidget(tab)
    desk(store).journal.add_follow_up(case_id, dt.date(2026, 3, 11), "Besøg")
    ctx.bus.changed.emit(Changes.of(case_id, Part.TIMELINE))
    assert tab.proxy.rowCount() == 0
    tab.show()
    assert tab.proxy.rowCount() == 1
