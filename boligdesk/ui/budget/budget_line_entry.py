"""The quick-entry row under the budget table: category, text, amount, frequency, nice, daily money.

Keyboard first: Tab moves across the fields, Enter (in any field) adds the line, and focus returns to
the category picker for the next line. A bad amount keeps the typed text and shows the Danish message.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from boligdesk.budget import categories as cats
from boligdesk.budget.frequency import FREQUENCIES, MONTHLY
from boligdesk.budget.lines import LineData
from boligdesk.budget.money import parse_money
from boligdesk.budget.vocabulary import Frequency
from boligdesk.errors import UserInputError
from boligdesk.ui.shared.error_label import ErrorLabel
from boligdesk.ui.shared.form_grid import add_labelled_columns
from boligdesk.ui.shared.money_edit import MoneyEdit


class BudgetLineEntry(QWidget):
    """Emits ``lineEntered(LineData)`` for a complete, parsed line; the tab saves it."""

    lineEntered = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.category = QComboBox()
        self.category.setMinimumContentsLength(14)
        self.category.setAccessibleName("Kategori for ny post")
        for heading, items in (("Indtægter", cats.INCOME_CATEGORIES), ("Udgifter", cats.EXPENSE_CATEGORIES)):
            self.category.addItem(f"— {heading} —", None)
            model = self.category.model()
            if isinstance(model, QStandardItemModel):  # the heading row cannot be picked
                heading_item = model.item(self.category.count() - 1)
                if heading_item is not None:
                    heading_item.setEnabled(False)
            for category in items:
                self.category.addItem(category.label, category.code)
        self.text = QLineEdit()
        self.text.setPlaceholderText("fx Netto, Rejsekort")
        self.text.setMaxLength(200)
        self.amount = MoneyEdit()
        self.amount.setPlaceholderText("0,00")
        self.amount.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.amount.setMaximumWidth(120)
        self.amount.setAccessibleName("Beløb for ny post")
        self.frequency = QComboBox()
        for code in FREQUENCIES:
            self.frequency.addItem(Frequency(code).label, code)
        self.frequency.setCurrentIndex(FREQUENCIES.index(MONTHLY))
        self.nice = QCheckBox("Ni&ce to have")
        self.daily = QCheckBox("Dag&ligvarepenge")
        self.daily.setToolTip("Lægges i kuverterne i 4-ugers kuvertsystemet")
        self.add_button = QPushButton("&Tilføj")
        self.add_button.setToolTip("Tilføj posten (Enter)")
        self.error = ErrorLabel()

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        add_labelled_columns(
            grid,
            (
                ("Kate&gori", self.category),
                ("T&ekst", self.text),
                ("Bel&øb", self.amount),
                ("H&yppighed", self.frequency),
            ),
        )
        grid.addWidget(self.nice, 1, 4)
        grid.addWidget(self.daily, 1, 5)
        grid.addWidget(self.add_button, 1, 6)
        grid.addWidget(self.error, 2, 0, 1, 7)
        grid.setColumnStretch(1, 1)

        for first, second in (
            (self.category, self.text),
            (self.text, self.amount),
            (self.amount, self.frequency),
            (self.frequency, self.nice),
            (self.nice, self.daily),
            (self.daily, self.add_button),
        ):
            QWidget.setTabOrder(first, second)

        self.category.currentIndexChanged.connect(self._category_changed)
        self.add_button.clicked.connect(self.submit)
        self.amount.textEdited.connect(lambda _text: self.error.clear_message())
        self.select_category("food")

    # --- behaviour --------------------------------------------------------------------------------
    def select_category(self, code: str) -> None:
        found = self.category.findData(code)
        if found >= 0:
            self.category.setCurrentIndex(found)

    def _category_changed(self, _index: int) -> None:
        code = self.category.currentData()
        if code is None:
            return
        category = cats.category(str(code))
        expense = not category.is_income
        self.nice.setEnabled(expense)
        self.daily.setEnabled(expense)
        self.nice.setChecked(expense and category.default_need == cats.NICE)
        self.daily.setChecked(expense and category.daily_money)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submit()
            event.accept()
            return
        super().keyPressEvent(event)

    def submit(self) -> None:
        """Parse the row; emit ``lineEntered`` or show the Danish message and keep every field."""
        code = self.category.currentData()
        if code is None:
            self.error.show_message("Vælg en kategori.")
            self.category.setFocus()
            return
        category = cats.category(str(code))
        try:
            amount = parse_money(self.amount.text(), field="amount")
        except UserInputError as exc:
            self.error.show_message(exc.message)
            self.amount.setFocus()
            self.amount.selectAll()
            return
        self.error.clear_message()
        expense = not category.is_income
        line = LineData(
            kind=category.kind,
            category=category.code,
            text=self.text.text().strip() or category.label,
            amount=amount,
            frequency=str(self.frequency.currentData()),
            need=(cats.NICE if self.nice.isChecked() else cats.NEED) if expense else None,
            is_daily_money=expense and self.daily.isChecked(),
        )
        self.lineEntered.emit(line)

    def accepted(self) -> None:
        """After the tab saved the line: clear text and amount, back to the category for the next."""
        self.text.clear()
        self.amount.clear()
        self.frequency.setCurrentIndex(FREQUENCIES.index(MONTHLY))
        self.category.setFocus()

    def refused(self, message: str, field: str) -> None:
        """The service refused the line: show why, keep everything, focus the field."""
        self.error.show_message(message)
        target: QWidget = {"amount": self.amount, "text": self.text, "frequency": self.frequency}.get(
            field, self.category
        )
        target.setFocus()
