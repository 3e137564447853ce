"""The estate chart says what the table says: a count of none is »–« with no bar, never a bar labelled
»0«; a hidden or unrecorded figure has no bar and says so (issue 13 follow-up, decisions §46)."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET

from reportlab.graphics.charts.barcharts import VerticalBarChart

from boligdesk.reports.chart import estate_chart, svg_bytes
from boligdesk.reports.figures import Cell, StatsReport, build_report
from boligdesk.reports.present import cell_text
from tests.unit.reports import seed004
from tests.unit.reports.test_figures import seed_input


def _with_total(report: StatsReport, key: str, cells: tuple[Cell, ...]) -> StatsReport:
    table = report.table(key)
    rows = tuple(dataclasses.replace(r, cells=cells) if r.key == "total" else r for r in table.rows)
    tables = tuple(dataclasses.replace(t, rows=rows) if t.key == key else t for t in report.tables)
    return dataclasses.replace(report, tables=tables)


def _texts(svg: bytes) -> list[str]:
    return [(e.text or "").strip() for e in ET.fromstring(svg).iter() if e.tag.endswith("text")]


def test_a_count_of_none_is_a_dash_without_a_bar_as_in_the_table() -> None:
    report = build_report(seed_input(baseline_years=()), seed004.YEARS)  # four years
    moved = (Cell(5), Cell(0), Cell(None), Cell(2, suppressed=True))
    evicted = (Cell(3), Cell(0), Cell(4), Cell(0))
    report = _with_total(_with_total(report, "moved_out", moved), "evicted", evicted)
    texts = _texts(svg_bytes(estate_chart(report, "total")))
    assert [cell_text(c) for c in (*moved, *evicted)].count("–") == 3  # what the table prints
    assert texts.count("–") == 3
    assert texts.count("0") == 1  # the value axis's 0 only: no bar labelled »0«
    assert "skjult" in texts and "ikke reg." in texts
    assert "5" in texts and "3" in texts and "4" in texts
    chart = next(c for c in estate_chart(report, "total").contents if isinstance(c, VerticalBarChart))
    assert chart.data == [[5, 0, 0, 0], [3, 0, 4, 0]]  # only 5, 3 and 4 are bars
    assert chart.bars[(0, 1)].strokeColor is None  # not even a bar's outline on the axis


def test_an_entered_count_keeps_its_star_in_the_chart() -> None:
    report = build_report(seed_input(baseline_years=(2011,)), seed004.YEARS)
    cells = next(r for r in report.table("evicted").rows if r.key == "total").cells
    texts = _texts(svg_bytes(estate_chart(report, "total")))
    assert cell_text(cells[0]).endswith("*") and cell_text(cells[0]) in texts
