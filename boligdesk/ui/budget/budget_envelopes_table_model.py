"""The envelopes of a kuvertplan as a table; the "Brugt" column is edited to register spending.

The shared :class:`TableModel` with one editable column: editing "Brugt" saves nothing here, it emits
``spendingEdited(envelope_index, text)`` and the dialog parses and saves.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from boligdesk.budget.envelopes import EnvelopeStatus
from boligdesk.budget.money import Money
from boligdesk.ui.shared.table_model import Column, TableModel

_Index = QModelIndex | QPersistentModelIndex
BAD = QColor("#a61b1b")
LEFTOVER_TINT = QColor("#f3f3f3")

LABEL, DATES, DAYS, AMOUNT, CARRIED, AVAILABLE, SPENT, LEFT = range(8)


def _money(value: Money | None) -> str:
    return "" if value is None else value.format(with_unit=False)


def _bad_when_negative(value: Money | None) -> QColor | None:
    return BAD if value is not None and value.is_negative() else None


COLUMNS: tuple[Column[EnvelopeStatus], ...] = (
    Column("Kuvert", lambda s: s.envelope.label),
    Column("Datoer", lambda s: s.envelope.dates_text),
    Column("Dage", lambda s: str(s.envelope.days), align_right=True),
    Column("Beløb", lambda s: _money(s.envelope.amount), align_right=True),
    Column(
        "Overført",
        lambda s: s.carried_in_text,
        align_right=True,
        foreground=lambda s: _bad_when_negative(s.carried_in),
    ),
    Column("Til rådighed", lambda s: _money(s.available), align_right=True),
    Column(
        "Brugt",
        lambda s: _money(s.spent),
        align_right=True,
        header_tooltip="Skriv hvad der faktisk blev brugt fra kuverten; resten flyttes til næste kuvert",
    ),
    Column(
        "Tilbage", lambda s: _money(s.left), align_right=True, foreground=lambda s: _bad_when_negative(s.left)
    ),
)
TITLES = tuple(column.title for column in COLUMNS)


class EnvelopesTableModel(TableModel[EnvelopeStatus]):
    """Rows are :class:`EnvelopeStatus`; editing "Brugt" emits ``spendingEdited(envelope_index, text)``."""

    spendingEdited = Signal(int, str)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            COLUMNS,
            parent,
            id_of=lambda s: s.envelope.index,
            style=lambda s: (None, LEFTOVER_TINT if s.envelope.is_leftover_days else None, None),
        )

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsEditable if index.column() == SPENT else base

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.EditRole:
            role = Qt.ItemDataRole.DisplayRole
        return super().data(index, role)

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != SPENT or role != Qt.ItemDataRole.EditRole:
            return False
        self.spendingEdited.emit(self.row_at(index.row()).envelope.index, str(value))
        return True
