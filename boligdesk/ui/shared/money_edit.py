"""The one money editor. Never a QDoubleSpinBox: the text is parsed exactly into øre, Danish-style.

``value()`` is the amount typed (None when the field is empty) or raises :class:`UserInputError` with a
Danish message (``»abc« er ikke et beløb …``); ``required_value()`` refuses an empty field too;
``setValue(money)`` shows an amount as ``1.234,50``.
It is a :class:`QLineEdit`, so save-as-you-go bindings can still read and set its text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QWidget

from boligdesk.budget.money import Money, parse_money


class MoneyEdit(QLineEdit):
    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        field: str = "amount",
        allow_negative: bool = False,
        placeholder: str = "0,00",
    ) -> None:
        super().__init__(parent)
        self._field = field
        self._allow_negative = allow_negative
        self.setPlaceholderText(placeholder)
        self.setAlignment(Qt.AlignmentFlag.AlignRight)

    @property
    def field(self) -> str:
        """The field name a refused amount is reported under (``UserInputError.field``)."""
        return self._field

    def value(self) -> Money | None:
        """The amount typed, None when empty; raises :class:`UserInputError` when it is not an amount."""
        if not self.text().strip():
            return None
        return parse_money(self.text(), field=self._field, allow_negative=self._allow_negative)

    def setValue(self, value: Money | None) -> None:
        self.setText("" if value is None else value.format(with_unit=False))

    def required_value(self) -> Money:
        """The amount typed; an empty field is refused with a Danish message, like any other non-amount."""
        return parse_money(self.text(), field=self._field, allow_negative=self._allow_negative)
