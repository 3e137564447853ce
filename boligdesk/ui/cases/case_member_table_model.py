"""The household members of a case as a table (plain :class:`MemberRow` objects)."""

from __future__ import annotations

from PySide6.QtCore import QObject

from boligdesk.services.case_read import MemberRow
from boligdesk.ui.cases.case_fields import date_text
from boligdesk.ui.shared.table_model import Column, TableModel


def _role(row: MemberRow) -> str:
    return "Lejer" if row.is_tenant else row.role.label


MEMBER_COLUMNS: tuple[Column[MemberRow], ...] = (
    Column("Navn", lambda r: r.name),
    Column("Rolle", _role),
    Column("Født", lambda r: date_text(r.birth_date)),
    Column("Alder", lambda r: "" if r.age is None else f"{r.age} år", align_right=True),
    Column("Betaler til husstanden", lambda r: "Ja" if r.pays_in else ""),
)


class MemberTableModel(TableModel[MemberRow]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(MEMBER_COLUMNS, parent)
