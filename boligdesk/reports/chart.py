"""The one chart renderer of the statistics: a reportlab ``Drawing`` per estate (bars per year: moves after
termination and bailiff evictions). The PDF draws it directly; the window shows the same drawing as SVG
(:func:`svg_bytes`, ``renderSVG``) in a ``QSvgWidget`` — one source, the same picture in both places.
"""

from __future__ import annotations

from reportlab.graphics import renderSVG
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors

from boligdesk.letters.pdf_base import FONT, FONT_BOLD, register_fonts
from boligdesk.reports.figures import StatsReport

MOVED = colors.HexColor("#4f81bd")
EVICTED = colors.HexColor("#c0504d")
WIDTH, HEIGHT = 240.0, 150.0


def _value(cell_value: int | None, suppressed: bool) -> int:
    return 0 if suppressed or cell_value is None else cell_value


def estate_chart(report: StatsReport, row_key: str, width: float = WIDTH, height: float = HEIGHT) -> Drawing:
    """Bars per chosen year for one estate (``row_key``; ``"total"`` for all chosen estates).

    A hidden (suppressed) count draws no bar and is marked »skjult« under its year.
    """
    register_fonts()
    moved_row = next(r for r in report.table("moved_out").rows if r.key == row_key)
    evicted_row = next(r for r in report.table("evicted").rows if r.key == row_key)
    drawing = Drawing(width, height)
    drawing.add(Rect(0, 0, width, height, fillColor=colors.white, strokeColor=None))  # the SVG's background
    drawing.add(String(4, height - 12, moved_row.label, fontName=FONT_BOLD, fontSize=9))
    chart = VerticalBarChart()
    chart.x, chart.y = 30, 40
    chart.width, chart.height = width - 40, height - 62
    chart.data = [
        [_value(c.value, c.suppressed) for c in moved_row.cells],
        [_value(c.value, c.suppressed) for c in evicted_row.cells],
    ]
    chart.categoryAxis.categoryNames = [str(y) for y in report.years]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    top = max([1, *chart.data[0], *chart.data[1]])
    chart.valueAxis.valueMax = top + max(1, top // 5)
    chart.valueAxis.valueStep = max(1, (top + 4) // 5)
    chart.bars[0].fillColor = MOVED
    chart.bars[1].fillColor = EVICTED
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = FONT
    chart.barLabels.fontSize = 6
    chart.barLabels.nudge = 5
    drawing.add(chart)
    hidden = [
        i
        for i, (a, b) in enumerate(zip(moved_row.cells, evicted_row.cells, strict=True))
        if a.suppressed or b.suppressed
    ]
    step = chart.width / max(1, len(report.years))
    for i in hidden:
        drawing.add(String(chart.x + step * (i + 0.5) - 10, chart.y + 3, "skjult", fontName=FONT, fontSize=6))
    legend = Legend()
    legend.x, legend.y = 30, 9
    legend.fontName = FONT
    legend.fontSize = 7
    legend.columnMaximum = 1
    legend.deltax = 70
    legend.alignment = "right"
    legend.dx, legend.dy = 7, 7
    legend.colorNamePairs = [(MOVED, "Fraflytning"), (EVICTED, "Fogedudsættelse")]
    drawing.add(legend)
    return drawing


def svg_bytes(drawing: Drawing) -> bytes:
    """The drawing as SVG (for the window's ``QSvgWidget``)."""
    text = renderSVG.drawToString(drawing)
    return text.encode("utf-8") if isinstance(text, str) else bytes(text)
