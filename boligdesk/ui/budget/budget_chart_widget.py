"""Where the money goes: horizontal bars per expense category, need to have and nice to have stacked."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from boligdesk.budget.categories import category_label
from boligdesk.budget.lines import BudgetTotals, CategoryTotal
from boligdesk.budget.money import Money
from boligdesk.budget.vocabulary import Need

NEED_COLOUR = QColor("#3465a4")
NICE_COLOUR = QColor("#e9a13b")
MAX_BARS = 9
ROW = 20


def chart_rows(totals: BudgetTotals, max_bars: int = MAX_BARS) -> list[tuple[str, Money, Money]]:
    """(label, need, nice) per expense category, largest first; the smallest are merged into "Øvrige"."""
    rows: list[CategoryTotal] = list(totals.expense_categories)
    shown = rows if len(rows) <= max_bars else rows[: max_bars - 1]
    result = [(category_label(r.category), r.need, r.nice) for r in shown]
    rest = rows[len(shown) :]
    if rest:
        need = Money(sum(r.need.ore for r in rest))
        nice = Money(sum(r.nice.ore for r in rest))
        result.append((f"Øvrige ({len(rest)})", need, nice))
    return result


class BudgetChartWidget(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, Money, Money]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.setAccessibleName("Diagram over udgifter fordelt på kategorier")

    def set_totals(self, totals: BudgetTotals | None) -> None:
        self._rows = chart_rows(totals) if totals is not None else []
        self.setToolTip(
            "\n".join(
                f"{label}: {(need + nice).format()} (nice to have {nice.format()})"
                for label, need, nice in self._rows
            )
        )
        self.updateGeometry()
        self.update()

    def rows(self) -> list[tuple[str, Money, Money]]:
        return list(self._rows)

    def sizeHint(self) -> QSize:
        return QSize(320, ROW * (len(self._rows) + 1) + 8)

    def minimumSizeHint(self) -> QSize:
        return QSize(240, ROW * 2)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            self._paint(painter)
        finally:
            painter.end()

    def _paint(self, painter: QPainter) -> None:
        width = self.width()
        metrics = painter.fontMetrics()
        text_colour = self.palette().text().color()
        # legend
        x = 0
        for colour, text in ((NEED_COLOUR, Need.NEED.label), (NICE_COLOUR, Need.NICE.label)):
            painter.fillRect(QRect(x, 5, 12, 10), colour)
            painter.setPen(text_colour)
            painter.drawText(QRect(x + 16, 0, 120, ROW), Qt.AlignmentFlag.AlignVCenter, text)
            x += 20 + metrics.horizontalAdvance(text) + 12
        if not self._rows:
            painter.drawText(
                QRect(0, ROW, width, ROW), Qt.AlignmentFlag.AlignVCenter, "Ingen udgifter endnu."
            )
            return
        label_w = min(130, width // 3)
        amount_w = metrics.horizontalAdvance("99.999 kr.") + 6
        bar_w = max(width - label_w - amount_w - 8, 10)
        biggest = max((need + nice).ore for _, need, nice in self._rows) or 1
        for i, (label, need, nice) in enumerate(self._rows):
            y = ROW * (i + 1)
            painter.setPen(text_colour)
            elided = metrics.elidedText(label, Qt.TextElideMode.ElideRight, label_w - 4)
            painter.drawText(QRect(0, y, label_w - 4, ROW), Qt.AlignmentFlag.AlignVCenter, elided)
            need_px = bar_w * need.ore // biggest
            nice_px = bar_w * nice.ore // biggest
            painter.fillRect(QRect(label_w, y + 3, need_px, ROW - 6), NEED_COLOUR)
            painter.fillRect(QRect(label_w + need_px, y + 3, nice_px, ROW - 6), NICE_COLOUR)
            whole_kroner = (need + nice).round_to(100).ore // 100
            amount = f"{whole_kroner:,} kr.".replace(",", ".")
            painter.drawText(
                QRect(label_w + need_px + nice_px + 4, y, amount_w + 8, ROW),
                Qt.AlignmentFlag.AlignVCenter,
                amount,
            )
