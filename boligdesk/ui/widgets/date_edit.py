"""A line edit for Danish dates (24.11.2026); empty means "no date"."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QLineEdit, QWidget

from boligdesk.budget.calendar import format_short, parse_date


class DateEdit(QLineEdit):
    def __init__(self, parent: QWidget | None = None, *, field: str = "date") -> None:
        super().__init__(parent)
        self._field = field
        self.setPlaceholderText("dd.mm.åååå")
        self.setMaxLength(10)

    def date_value(self) -> dt.date | None:
        """The date typed, None when empty; raises :class:`UserInputError` for an impossible date."""
        if not self.text().strip():
            return None
        return parse_date(self.text(), field=self._field)

    def set_date(self, value: dt.date | None) -> None:
        self.setText("" if value is None else format_short(value))
