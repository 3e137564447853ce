"""Table models for the receipts mode: the receipts entered, and their totals per category."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QColor

from boligdesk.budget.calendar import format_short
from boligdesk.budget.categories import category_label
from boligdesk.budget.receipts import ReceiptCategoryTotal, ReceiptData
from boligdesk.budget.vocabulary import Need
from boligdesk.ui.shared.table_model import Column, TableModel

NICE_TINT = QColor("#fdf0dc")

RECEIPT_COLUMNS: tuple[Column[ReceiptData], ...] = (
    Column("Dato", lambda r: format_short(r.bought_on) if r.bought_on else ""),
    Column("Beløb", lambda r: r.amount.format(with_unit=False), align_right=True),
    Column("Kategori", lambda r: category_label(r.category)),
    Column("Need to have / nice to have", lambda r: Need.NICE.label if r.is_nice else Need.NEED.label),
    Column("Tekst", lambda r: r.text),
)

SUMMARY_COLUMNS: tuple[Column[ReceiptCategoryTotal], ...] = (
    Column("Kategori", lambda r: r.label),
    Column("Need to have", lambda r: r.need.format(with_unit=False), align_right=True),
    Column("Nice to have", lambda r: r.nice.format(with_unit=False), align_right=True),
    Column("I alt", lambda r: r.total.format(with_unit=False), align_right=True),
    Column("Antal", lambda r: str(r.count), align_right=True),
)


class ReceiptsTableModel(TableModel[ReceiptData]):
    """The receipts entered; a nice-to-have receipt is tinted."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            RECEIPT_COLUMNS, parent, style=lambda r: (None, NICE_TINT if r.is_nice else None, None)
        )


class ReceiptSummaryTableModel(TableModel[ReceiptCategoryTotal]):
    """The receipts' totals per category."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(SUMMARY_COLUMNS, parent, id_of=lambda r: r.category)
