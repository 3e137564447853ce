"""The envelopes of a kuvertplan as a table; the "Brugt" column is edited to register spending."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from boligdesk.budget.envelopes import EnvelopeStatus
from boligdesk.budget.money import Money

_Index = QModelIndex | QPersistentModelIndex
BAD = QColor("#a61b1b")
LEFTOVER_TINT = QColor("#f3f3f3")

LABEL, DATES, DAYS, AMOUNT, CARRIED, AVAILABLE, SPENT, LEFT = range(8)
TITLES = ("Kuvert", "Datoer", "Dage", "Beløb", "Overført", "Til rådighed", "Brugt", "Tilbage")
RIGHT = {DAYS, AMOUNT, CARRIED, AVAILABLE, SPENT, LEFT}


def _money(value: Money | None) -> str:
    return "" if value is None else value.format(with_unit=False)


class EnvelopesTableModel(QAbstractTableModel):
    """Rows are :class:`EnvelopeStatus`; editing "Brugt" emits ``spendingEdited(envelope_index, text)``."""

    spendingEdited = Signal(int, str)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[EnvelopeStatus] = []

    def set_statuses(self, statuses: tuple[EnvelopeStatus, ...] | list[EnvelopeStatus]) -> None:
        self.beginResetModel()
        self._rows = list(statuses)
        self.endResetModel()

    def statuses(self) -> list[EnvelopeStatus]:
        return list(self._rows)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(TITLES)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(TITLES)
        ):
            return TITLES[section]
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.ToolTipRole
            and section == SPENT
        ):
            return "Skriv hvad der faktisk blev brugt fra kuverten; resten flyttes til næste kuvert"
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsEditable if index.column() == SPENT else base

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        status = self._rows[index.row()]
        envelope = status.envelope
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            values = {
                LABEL: envelope.label,
                DATES: envelope.dates_text,
                DAYS: str(envelope.days),
                AMOUNT: _money(envelope.amount),
                CARRIED: status.carried_in_text,
                AVAILABLE: _money(status.available),
                SPENT: _money(status.spent),
                LEFT: _money(status.left),
            }
            return values[col]
        if role == Qt.ItemDataRole.TextAlignmentRole and col in RIGHT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            left = status.left
            if col == LEFT and left is not None and left.is_negative():
                return QBrush(BAD)
            if col == CARRIED and status.carried_in.is_negative():
                return QBrush(BAD)
        if role == Qt.ItemDataRole.BackgroundRole and envelope.is_leftover_days:
            return QBrush(LEFTOVER_TINT)
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != SPENT or role != Qt.ItemDataRole.EditRole:
            return False
        self.spendingEdited.emit(self._rows[index.row()].envelope.index, str(value))
        return True
