"""The Statistik window: computed off the GUI thread, a number double-clicked lists the cases behind it and
opens one, entered counts show with *, suppression hides small cells, the overview per adviser, files."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pdfplumber
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from boligdesk.models.store import Store
from boligdesk.services.demo import populate
from boligdesk.services.desk import Desk
from boligdesk.ui.context import AppContext
from boligdesk.ui.statistics.statistics_window import StatisticsWindow

TODAY = dt.date(2026, 3, 10)


@pytest.fixture
def ctx(qapp: QApplication, store: Store) -> AppContext:
    populate(store, 120, today=TODAY)
    return AppContext(Desk(store, adviser_name="Rikke Rådgiver", today=lambda: TODAY))


@pytest.fixture
def window(qtbot: QtBot, ctx: AppContext) -> tuple[StatisticsWindow, list[str]]:
    opened: list[str] = []
    widget = StatisticsWindow(ctx, opened.append)
    widget.tell_when_saved = False
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    return widget, opened


def compute(qtbot: QtBot, w: StatisticsWindow) -> None:
    call = w.compute()
    assert call is not None
    with qtbot.waitSignal(call.finished, timeout=30_000):
        pass
    assert w.report is not None


def show_table(w: StatisticsWindow, key: str) -> None:
    assert w.report is not None
    index = [t.key for t in w.report.tables].index(key)
    w.figures.tables_list.setCurrentRow(index)


def test_figures_drill_down_and_open_a_case(qtbot: QtBot, window: tuple[StatisticsWindow, list[str]]) -> None:
    w, opened = window
    w.first.setValue(2025)
    w.last.setValue(2026)
    compute(qtbot, w)
    show_table(w, "terminations")
    model = w.figures.model
    total_row = model.rowCount() - 1
    assert model.index(total_row, 0).data() == "Total"
    # the definition is the header's tooltip and printed under the table
    assert "ophævelsesdato" in w.figures.definition.text()
    report = w.report
    assert report is not None
    column = next(i for i, c in enumerate(report.table("terminations").rows[-1].cells) if c.value)
    cell = report.table("terminations").rows[-1].cells[column]
    index = model.index(total_row, column + 1)
    w.figures._drill(index)
    assert w.figures.drill.model.rowCount() == cell.value
    drill = w.figures.drill.model.index(0, 0)
    w.figures.drill.view.doubleClicked.emit(drill)
    assert opened and opened[0] in cell.case_ids
    assert "Computer" in w.horizon_label.text()


def test_entered_counts_show_with_a_star_and_the_chart_draws(
    qtbot: QtBot, window: tuple[StatisticsWindow, list[str]], ctx: AppContext
) -> None:
    w, _ = window
    estate_id, name = next(iter(ctx.desk.statistics.estates().items()))
    ctx.desk.statistics.set_baseline(estate_id, 2011, "evicted", 45, "Fra evalueringen")
    w.first.setValue(2011)
    w.last.setValue(2014)
    compute(qtbot, w)
    show_table(w, "evicted")
    row = next(r for r in range(w.figures.model.rowCount()) if w.figures.model.index(r, 0).data() == name)
    assert w.figures.model.index(row, 1).data() == "45*"
    assert "Indtastet: Fra evalueringen" in w.figures.model.index(row, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert w.figures.chart.renderer().isValid()


def test_suppression_hides_small_counts_in_the_window(
    qtbot: QtBot, window: tuple[StatisticsWindow, list[str]]
) -> None:
    w, _ = window
    w.first.setValue(2025)
    w.last.setValue(2026)
    compute(qtbot, w)
    show_table(w, "terminations")
    last = len(w.years())  # the column of 2026 (the demo's terminations are recent)
    rows = range(w.figures.model.rowCount())
    before = [w.figures.model.index(r, last).data() for r in rows]
    assert any(t not in ("–", "<100") for t in before)
    w.threshold.setValue(100)  # every count of the small demo is under 100
    after = [w.figures.model.index(r, last).data() for r in rows]
    assert all(t in ("–", "<100") for t in after[:-1]), after
    assert after[-1] == "<100"  # the total of hidden cells is hidden too


def test_overview_per_adviser_and_the_pdf_written(
    qtbot: QtBot, window: tuple[StatisticsWindow, list[str]], tmp_path: Path
) -> None:
    w, _ = window
    w.tabs.setCurrentWidget(w.overview)
    qtbot.waitUntil(lambda: w.overview.model.rowCount() > 0, timeout=30_000)
    assert w.overview.model.index(0, 1).data().isdigit()
    overview = w.overview.model.row_at(0)
    w.overview._drill(w.overview.model.index(0, 1))  # "Åbne sager" of the first adviser
    assert w.overview.drill.model.rowCount() == len(overview.open_ids) > 0
    w.tabs.setCurrentWidget(w.figures)
    compute(qtbot, w)
    call = w.write_file(tmp_path / "rapport", "pdf")
    assert call is not None
    with qtbot.waitSignal(call.finished, timeout=60_000):
        pass
    assert w.last_written == tmp_path / "rapport.pdf"
    with pdfplumber.open(io.BytesIO(w.last_written.read_bytes())) as pdf:
        assert "Statistik over udsættelser" in (pdf.pages[0].extract_text() or "")


def test_entering_a_count_and_the_eviction_price_in_the_window(
    window: tuple[StatisticsWindow, list[str]], ctx: AppContext
) -> None:
    w, _ = window
    panel = w.entered
    w.tabs.setCurrentWidget(panel)
    panel.year.setValue(2011)
    panel.figure.setCurrentIndex(panel.figure.findData("evicted"))
    panel.count.setValue(45)
    panel.note.setText("Fra evalueringen 2015")
    panel.save_button.click()
    estate = panel.estate.currentData()
    assert [(b.estate_id, b.year, b.figure, b.count, b.note) for b in ctx.desk.statistics.baselines()] == [
        (estate, 2011, "evicted", 45, "Fra evalueringen 2015")
    ]
    assert panel.model.rowCount() == 1  # the list redrew from the broadcast change
    panel.remove_button.click()
    assert ctx.desk.statistics.baselines() == [] and panel.model.rowCount() == 0
    panel.cost.setText("abc")
    panel.cost_button.click()
    assert "abc" in panel.cost_error.text()
    panel.cost.setText("60.000,00")
    panel.cost_source.setText("Egen beregning 2025")
    panel.cost_year.setValue(2025)
    panel.cost_button.click()
    cost = ctx.desk.statistics.eviction_cost()
    assert (cost.ore, cost.source, cost.price_year) == (6_000_000, "Egen beregning 2025", 2025)
    panel.cost_source.setText("   ")
    panel.cost_button.click()
    assert "kilden" in panel.cost_error.text()
