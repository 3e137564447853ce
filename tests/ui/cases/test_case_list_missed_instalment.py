"""The Sager list's »Næste frist« for a case whose plan has a missed instalment: the header's deadline,
red, and under »Kun hastende« (decisions §46; the list showed nothing for it before). Invented data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from pytestqt.qtbot import QtBot

from boligdesk.models.store import Store
from boligdesk.services.desk import Desk
from boligdesk.ui.cases.case_list_table_model import URGENT_PASSED
from boligdesk.ui.cases.case_view import CaseView
from boligdesk.ui.cases.cases_tab import CasesTab
from boligdesk.ui.context import AppContext
from tests.db.case_setup import new_case
from tests.db.test_case_list_rows import MONTHLY, add_plan

TODAY = dt.date(2026, 12, 10)
DEADLINE_COLUMN = 7


def test_a_missed_instalment_shows_in_the_list_red_and_urgent_as_in_the_header(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    missed = new_case(store, first_name="Manglende", last_name="Afdrag")
    new_case(store, first_name="Rolig", last_name="Sag")
    add_plan(store, missed, MONTHLY, [(dt.date(2026, 11, 2), 100_000)])  # nr. 2, due 01.12, unpaid
    ctx = AppContext(Desk(store, adviser_name="Hanne Holm", today=lambda: TODAY))
    tab = CasesTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1366, 768)
    tab.show()

    def row_of(name: str) -> int:
        return next(r for r in range(tab.model.rowCount()) if tab.model.index(r, 1).data() == name)

    cell = tab.model.index(row_of("Manglende Afdrag"), DEADLINE_COLUMN)
    assert cell.data() == "01.12.2026 · Manglende afdrag nr. 2"
    assert (
        cell.data(Qt.ItemDataRole.ToolTipRole) == "Afdrag nr. 2 forfaldt 01.12.2026; der mangler 1.000,00 kr."
    )
    brush = cell.data(Qt.ItemDataRole.BackgroundRole)
    colour = brush.color() if isinstance(brush, QBrush) else brush
    assert colour == URGENT_PASSED
    assert tab.model.index(row_of("Rolig Sag"), DEADLINE_COLUMN).data() == ""
    qtbot.wait(50)
    assert tab.grab().save(str(tmp_path / "sager.png"))  # looked at: the cell is red

    tab.urgent.setChecked(True)
    assert [tab.model.index(r, 1).data() for r in range(tab.model.rowCount())] == ["Manglende Afdrag"]

    view = CaseView(ctx)  # the header says the same
    qtbot.addWidget(view)
    view.set_case(missed)
    assert view.header.deadline.text().startswith(
        "Næste frist: 01.12.2026 (9 dage over)  ·  Manglende afdrag nr. 2"
    )
