"""Frister as a table: one row per deadline, coloured by urgency (passed red, ≤3 days orange, ≤7 yellow)."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor

from boligdesk.budget.calendar import format_short
from boligdesk.services.frister import DeadlineRow, Urgency, days_left_text
from boligdesk.ui.shared.table_model import FIRST_FREE_ROLE, Column, RowStyle, TableModel

URGENCY_ROLE = FIRST_FREE_ROLE
"""``index.data(URGENCY_ROLE)`` is the row's :class:`Urgency` as an int. The case id is ``ID_ROLE``."""

URGENCY_COLOURS: dict[Urgency, QColor | None] = {
    Urgency.PASSED: QColor("#f4c7c3"),
    Urgency.WITHIN_3_DAYS: QColor("#fbd38d"),
    Urgency.WITHIN_7_DAYS: QColor("#fff3b0"),
    Urgency.LATER: None,
}
_INK = QColor("#202124")


def _urgency_key(row: DeadlineRow) -> str:
    """Most urgent first: date, then how serious the deadline is, then case number (a sortable string)."""
    day, rank, number, what = row.sort_key
    return f"{day.isoformat()}|{rank:02d}|{number}|{what}"


COLUMNS: tuple[Column[DeadlineRow], ...] = (
    Column("Dato", lambda r: format_short(r.date), _urgency_key),
    Column("Dage tilbage", lambda r: days_left_text(r.days_left), _urgency_key, align_right=True),
    Column("Hvad", lambda r: r.what, lambda r: f"{r.what}|{_urgency_key(r)}"),
    Column("Sagsnr.", lambda r: r.case_number, lambda r: f"{r.case_number}|{_urgency_key(r)}"),
    Column("Lejer", lambda r: r.tenant_name, lambda r: f"{r.tenant_name.casefold()}|{_urgency_key(r)}"),
    Column("Adresse", lambda r: r.address, lambda r: f"{r.address.casefold()}|{_urgency_key(r)}"),
)


def _style(row: DeadlineRow) -> RowStyle:
    ink = _INK if row.urgency is not Urgency.LATER else None
    return ink, URGENCY_COLOURS[row.urgency], None


class FristerTableModel(TableModel[DeadlineRow]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            COLUMNS,
            parent,
            id_of=lambda r: r.case_id,
            style=_style,
            tooltip=lambda r: f"{r.urgency.label}. {r.explanation}".strip(),
            roles={URGENCY_ROLE: lambda r: int(r.urgency)},
        )
