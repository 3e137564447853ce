"""The one date editor: a line edit for Danish dates (24.11.2026); empty means "no date".

``value()`` is the date typed (None when empty) or raises :class:`UserInputError` with a Danish message
(``Datoen »31.02.2026« findes ikke …``); ``setValue(date)`` shows ``24.11.2026``. It is a
:class:`QLineEdit`, so save-as-you-go bindings can still read and set its text.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QLineEdit, QWidget

from boligdesk.budget.calendar import format_short, parse_date


class DateEdit(QLineEdit):
    def __init__(
        self, parent: QWidget | None = None, *, field: str = "date", placeholder: str = "dd.mm.åååå"
    ) -> None:
        super().__init__(parent)
        self._field = field
        self.setPlaceholderText(placeholder)
        self.setMaxLength(10)

    @property
    def field(self) -> str:
        """The field name a refused date is reported under (``UserInputError.field``)."""
        return self._field

    def value(self) -> dt.date | None:
        """The date typed, None when empty; raises :class:`UserInputError` for an impossible date."""
        if not self.text().strip():
            return None
        return parse_date(self.text(), field=self._field)

    def setValue(self, value: dt.date | None) -> None:
        self.setText("" if value is None else format_short(value))
