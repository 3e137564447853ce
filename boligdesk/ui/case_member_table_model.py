"""The household members of a case as a table (plain :class:`MemberRow` objects)."""

from __future__ import annotations

from PySide6.QtCore import QObject

from boligdesk.services.case_details import MemberRow
from boligdesk.ui.case_fields import date_text
from boligdesk.ui.case_row_table_model import RowColumn, RowTableModel


def _role(row: MemberRow) -> str:
    return "Lejer" if row.is_tenant else row.role.label


MEMBER_COLUMNS: tuple[RowColumn[MemberRow], ...] = (
    RowColumn("Navn", lambda r: r.name),
    RowColumn("Rolle", _role),
    RowColumn("Født", lambda r: date_text(r.birth_date)),
    RowColumn("Alder", lambda r: "" if r.age is None else f"{r.age} år", align_right=True),
    RowColumn("Betaler til husstanden", lambda r: "Ja" if r.pays_in else ""),
)


class MemberTableModel(RowTableModel[MemberRow]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(MEMBER_COLUMNS, parent)
