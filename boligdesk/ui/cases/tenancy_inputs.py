"""The tenancy's address and estate inputs, the same in the new-case dialog and on the case's Lejemål page."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import QComboBox, QLineEdit

from boligdesk.services.organisations import EstateChoice

NO_ESTATE = "(ingen afdeling valgt)"


def address_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText("Vej og nummer, etage")
    return edit


def postcode_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setMaxLength(4)
    edit.setFixedWidth(70)
    return edit


def fill_estates(combo: QComboBox, choices: Iterable[EstateChoice]) -> None:
    """Offer the estates (and "none chosen" first) without announcing a change of choice."""
    with QSignalBlocker(combo):
        combo.clear()
        combo.addItem(NO_ESTATE, None)
        for choice in choices:
            combo.addItem(choice.label, choice.id)
