"""Table model for "Konflikter": one row per open conflict or held value (plain ConflictItem rows).

The item itself is ``index.data(ROW_ROLE)``; every cell's tooltip is its full text.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from boligdesk.budget.calendar import format_short
from boligdesk.sync.conflicts import ConflictItem, ItemKind
from boligdesk.ui.shared.table_model import Column, TableModel


def _when(moment: dt.datetime | None) -> str:
    if moment is None:
        return ""
    return f"{format_short(moment.date())} kl. {moment:%H.%M}"


def _what(item: ConflictItem) -> str:
    """``Sag 2026-0001 · Budgetpost``, ``Person: Anna Hansen`` or just the table's name."""
    if item.what == item.table_label or item.table == "cases":
        return item.what
    if item.what.startswith("Sag "):
        return f"{item.what} · {item.table_label}"
    return f"{item.table_label}: {item.what}"


def _remark(item: ConflictItem) -> str:
    if item.kind is ItemKind.HELD:
        return "Fra en computer med forkert ur — ikke brugt endnu"
    if item.field == "deleted":
        return "Slettet på én computer, ændret senere på en anden"
    return "Ændret samtidig på to computere"


def _written(item: ConflictItem) -> str:
    return _when(item.other_when) or _when(item.detected)


def _column(title: str, text: Any, sort_key: Any = None) -> Column[ConflictItem]:
    return Column(title, text, sort_key, tooltip=text)


COLUMNS: tuple[Column[ConflictItem], ...] = (
    _column("Hvad", _what),
    _column("Felt", lambda i: i.field_label),
    _column("Gælder nu", lambda i: i.current_text),
    _column("Den anden værdi", lambda i: i.other_text),
    _column("Skrevet", _written, lambda i: (i.other_when or i.detected).isoformat()),
    _column("Bemærkning", _remark),
)


class ConflictsTableModel(TableModel[ConflictItem]):
    def __init__(self, items: list[ConflictItem] | None = None, parent: Any = None) -> None:
        super().__init__(COLUMNS, parent)
        self.set_rows(items or [])
