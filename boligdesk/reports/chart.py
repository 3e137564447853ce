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
from boligdesk.reports.figures import Cell, StatsReport
from boligdesk.reports.present import HIDDEN, cell_text

MOVED = colors.HexColor("#4f81bd")
EVICTED = colors.HexColor("#c0504d")
WIDTH, HEIGHT = 240.0, 150.0


def _value(cell: Cell) -> int:
    """The bar's height: 0 (no bar) for a figure the table does not print as a number."""
    return 0 if cell.suppressed or cell.value is None else cell.value


def _label(cell: Cell) -> str:
    """The bar's label: the table's own text (»–« for none, »45*« entered, »skjult«); »ikke reg.« for the
    table's »ikke registreret«."""
    if cell.value is None and not cell.suppressed:
        return "ikke reg."
    return HIDDEN if cell.suppressed else cell_text(cell)


def estate_chart(report: StatsReport, row_key: str, width: float = WIDTH, height: float = HEIGHT) -> Drawing:
    """Bars per chosen year for one estate (``row_key``; ``"total"`` for all chosen estates).

    The bars say what the table says: a count of none has no bar and the label »–«; a hidden (suppressed)
    count has no bar and the label »skjult«, an unrecorded one »ikke reg.« (written upwards: the words
    are wider than a bar).
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
    rows = (moved_row.cells, evicted_row.cells)
    chart.data = [[_value(c) for c in cells] for cells in rows]
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
    chart.barLabelFormat = "values"
    chart.barLabelArray = [[_label(c) for c in cells] for cells in rows]
    for row_no, cells in enumerate(rows):
        for col_no, cell in enumerate(cells):
            if _value(cell) == 0:  # no bar, not even its outline on the axis: the label says why
                chart.bars[(row_no, col_no)].strokeColor = None
            if cell.suppressed or cell.value is None:
                chart.barLabels[(row_no, col_no)].angle = 90
                chart.barLabels[(row_no, col_no)].boxAnchor = "w"
    chart.barLabels.fontName = FONT
    chart.barLabels.fontSize = 6
    chart.barLabels.nudge = 5
    drawing.add(chart)
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
