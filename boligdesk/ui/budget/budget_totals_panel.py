"""The budget's totals beside the lines: income, need, nice, rådighedsbeløb, daily life vs the norm."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from boligdesk.budget.lines import BudgetTotals
from boligdesk.budget.money import Money
from boligdesk.budget.norms import HouseholdNorm

GOOD = "#1e6b2e"
BAD = "#a61b1b"


def _rule() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line


class BudgetTotalsPanel(QWidget):
    """Labels that are refreshed with :meth:`show_totals` on every change (no database access)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(4)
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(grid)
        grid.setVerticalSpacing(3)
        self._row = 0
        self._grid = grid
        self.income = self._add("Indtægter", "Alle indtægter omregnet til en måned")
        self.need = self._add("Need to have-udgifter", "Udgifter markeret need to have (inkl. husleje)")
        self.nice = self._add("Nice to have-udgifter", "Udgifter markeret nice to have")
        grid.addWidget(_rule(), self._next(), 0, 1, 2)
        self.disposable = self._add(
            "<b>Rådighedsbeløb</b>",
            "Tilbage efter alle udgifter, også dagligvarepengene: indtægter − need to have − nice to have",
            bold=True,
        )
        self.without_nice = self._add(
            "Uden nice to have", "Hvad der ville være tilbage, hvis nice to have-posterne blev droppet"
        )
        grid.addWidget(_rule(), self._next(), 0, 1, 2)
        self.daily_available = self._add(
            "Til daglig livsførelse",
            "Indtægter − faste udgifter (alle udgifter der ikke er dagligvarepenge) "
            "= rådighedsbeløb + dagligvarepenge. Sammenlign med rådighedssatsen.",
        )
        self.daily_money = self._add(
            "Dagligvarepenge (kuverter)",
            "Udgiftsposter markeret som dagligvarepenge — det der lægges i kuverterne",
        )
        self.norm_title = QLabel("Rådighedssats")
        self.norm = QLabel()
        self._place(self.norm_title, self.norm)
        self.norm_source = QLabel()
        self.norm_source.setWordWrap(True)
        self.norm_source.setStyleSheet("color: #555; font-size: 9pt;")
        outer.addWidget(self.norm_source)
        grid.setColumnStretch(0, 1)

    def _next(self) -> int:
        row = self._row
        self._row += 1
        return row

    def _place(self, title: QLabel, value: QLabel) -> None:
        value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = self._next()
        self._grid.addWidget(title, row, 0)
        self._grid.addWidget(value, row, 1)

    def _add(self, title: str, tooltip: str, *, bold: bool = False) -> QLabel:
        label = QLabel(title)
        label.setToolTip(tooltip)
        value = QLabel()
        value.setToolTip(tooltip)
        if bold:
            value.setStyleSheet("font-weight: 700;")
        self._place(label, value)
        return value

    @staticmethod
    def _signed(label: QLabel, amount: Money, *, bold: bool = False) -> None:
        colour = BAD if amount.is_negative() else GOOD
        weight = "font-weight: 700;" if bold else ""
        label.setStyleSheet(f"color: {colour}; {weight}")
        label.setText(amount.format())

    def show_totals(self, totals: BudgetTotals, norm: HouseholdNorm | None) -> None:
        self.income.setText(totals.income.format())
        self.need.setText(totals.need_expenses.format())
        self.nice.setText(totals.nice_expenses.format())
        self._signed(self.disposable, totals.disposable, bold=True)
        self._signed(self.without_nice, totals.disposable_without_nice)
        self._signed(self.daily_available, totals.daily_money_available)
        self.daily_money.setText(totals.daily_money.format())
        if norm is None:
            self.norm_title.setText("Rådighedssats")
            self.norm.setText("—")
            self.norm_source.setText("")
            return
        self.norm_title.setText(f"Rådighedssats {norm.year} ({norm.household_text})")
        below = totals.daily_money_available < norm.amount
        self.norm.setStyleSheet(f"color: {BAD};" if below else "")
        self.norm.setText(norm.amount.format())
        breakdown = ", ".join(f"{p.label} {p.count} × {p.each.format()}" for p in norm.parts)
        notes = " ".join(norm.notes)
        self.norm_source.setText(f"Kilde: {norm.source}. {breakdown}. {notes}".strip())
