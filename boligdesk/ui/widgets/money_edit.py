"""A line edit for money. Never a QDoubleSpinBox: text is parsed exactly into øre."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QWidget

from boligdesk.budget.money import Money, parse_money


class MoneyEdit(QLineEdit):
    def __init__(
        self, parent: QWidget | None = None, *, field: str = "amount", allow_negative: bool = False
    ) -> None:
        super().__init__(parent)
        self._field = field
        self._allow_negative = allow_negative
        self.setPlaceholderText("0,00")
        self.setAlignment(Qt.AlignmentFlag.AlignRight)

    def money(self, *, empty_is_zero: bool = True) -> Money:
        """The amount typed; raises :class:`UserInputError` (Danish message) when it is not an amount."""
        if empty_is_zero and not self.text().strip():
            return Money(0)
        return parse_money(self.text(), field=self._field, allow_negative=self._allow_negative)

    def set_money(self, value: Money | None) -> None:
        self.setText("" if value is None else value.format(with_unit=False))
