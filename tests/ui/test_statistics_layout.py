"""The Statistik window fits the laptops the advisers carry: at 1366×768 and 1024×600 every table's name
is shown whole in the list (no cut title, no sideways scrolling), and the window is no wider than the
screen (invented data)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from boligdesk.models.store import Store
from boligdesk.services.demo import populate
from boligdesk.services.desk import Desk
from boligdesk.ui.context import AppContext
from boligdesk.ui.statistics.statistics_window import StatisticsWindow

TODAY = dt.date(2026, 3, 10)
# Screenshots for a person to look at, only when asked: BOLIGDESK_TEST_SHOTS=/some/folder.
SHOTS = os.environ.get("BOLIGDESK_TEST_SHOTS")


@pytest.mark.parametrize("size", [(1366, 768), (1024, 600)])
def test_every_table_name_is_shown_whole(
    qtbot: QtBot, qapp: QApplication, store: Store, size: tuple[int, int]
) -> None:
    populate(store, 30, today=TODAY)
    ctx = AppContext(Desk(store, adviser_name="Rikke Rådgiver", today=lambda: TODAY))
    w = StatisticsWindow(ctx, lambda _case: None)
    qtbot.addWidget(w)
    w.resize(*size)
    w.show()
    call = w.compute()
    assert call is not None
    with qtbot.waitSignal(call.finished, timeout=30_000):
        pass
    qapp.processEvents()
    assert w.minimumSizeHint().width() <= size[0] and w.width() == size[0]
    lst = w.figures.tables_list
    assert w.report is not None and lst.count() == len(w.report.tables)
    assert lst.horizontalScrollBar().maximum() == 0
    metrics = lst.fontMetrics()
    room = lst.viewport().width()
    for i in range(lst.count()):
        item = lst.item(i)
        # the whole title on one line: the longest ("Åbne sager pr. rådgiver (månedens udgang)") included
        assert metrics.horizontalAdvance(item.text()) < room, item.text()
        rect = lst.visualItemRect(item)
        assert rect.height() < 2 * metrics.height(), item.text()  # not wrapped either
    # the cases behind a number show the tenant's name, not a sliver of it
    assert w.figures.drill.view.columnWidth(1) >= 170
    if SHOTS:
        w.grab().save(str(Path(SHOTS) / f"statistik_{size[0]}x{size[1]}.png"))
