"""``desk.receipts``: the receipts of a case (kvitteringsmetoden) and carrying them into a budget.

Each receipt is an amount, an expense category and need/nice (and optionally a date and a text). Writes
return ``Changes`` of ``Part.RECEIPTS``; carrying receipts into a budget adds lines (``Part.BUDGET``).
The pure rules (sums per category, the suggested monthly lines) are in :mod:`boligdesk.budget.receipts`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from boligdesk.budget import categories as cats
from boligdesk.budget.receipts import ReceiptData, suggested_lines
from boligdesk.budget.vocabulary import Need
from boligdesk.errors import UserInputError
from boligdesk.models import Case, Receipt
from boligdesk.services.budgets import TEXT_MAX
from boligdesk.services.changes import Changes, Created, Part
from boligdesk.services.desk import live

if TYPE_CHECKING:
    from boligdesk.services.desk import Desk


@dataclass(frozen=True, slots=True)
class LinesAdded:
    """The budget lines made from receipts (their ids) and what changed."""

    ids: tuple[str, ...]
    changes: Changes


def validate_receipt(receipt: ReceiptData) -> None:
    if receipt.amount.is_negative():
        raise UserInputError("amount", "money.negative", "Beløbet kan ikke være negativt.")
    if not cats.is_known(receipt.category) or cats.category(receipt.category).kind != cats.EXPENSE:
        raise UserInputError("category", "receipt.category", "Vælg en udgiftskategori på listen.")
    if receipt.need not in (cats.NEED, cats.NICE):
        raise UserInputError("need", "receipt.need", "Vælg need to have eller nice to have.")
    if len(receipt.text) > TEXT_MAX:
        raise UserInputError("text", "receipt.text_too_long", f"Teksten må højst være {TEXT_MAX} tegn.")


def _receipt_data(row: Receipt) -> ReceiptData:
    return ReceiptData(row.amount, row.category, row.need.value, row.text, row.bought_on, row.id)


class ReceiptService:
    """``desk.receipts``: list, add, change and delete a case's receipts; carry them into a budget."""

    def __init__(self, desk: Desk) -> None:
        self._desk = desk

    def of_case(self, case_id: str) -> list[ReceiptData]:
        """The case's receipts in the order they were bought (undated last), then entered."""
        with self._desk.reading() as s:
            rows = s.scalars(
                select(Receipt)
                .where(Receipt.case_id == case_id, Receipt.deleted.is_(False))
                .order_by(Receipt.bought_on.is_(None), Receipt.bought_on, Receipt.created_at)
            )
            return [_receipt_data(r) for r in rows]

    def add(self, case_id: str, receipt: ReceiptData, *, budget_id: str | None = None) -> Created:
        validate_receipt(receipt)
        with self._desk.writing(case_id) as s:
            case = live(s, Case, case_id)
            row = Receipt(
                case_id=case.id,
                budget_id=budget_id,
                bought_on=receipt.bought_on,
                amount=receipt.amount,
                category=receipt.category,
                need=Need(receipt.need),
                text=receipt.text.strip(),
            )
            s.add(row)
            s.flush()
            return Created(row.id, Changes.of(case.id, Part.RECEIPTS))

    def save(self, receipt: ReceiptData) -> Changes:
        validate_receipt(receipt)
        case_id = self._case_of(receipt.id)
        with self._desk.writing(case_id) as s:
            row = live(s, Receipt, receipt.id)
            row.bought_on = receipt.bought_on
            row.amount = receipt.amount
            row.category = receipt.category
            row.need = Need(receipt.need)
            row.text = receipt.text.strip()
        return Changes.of(case_id, Part.RECEIPTS)

    def delete(self, receipt_id: str) -> Changes:
        """Tombstone a receipt (one already gone changes nothing)."""
        with self._desk.reading() as s:
            row = s.get(Receipt, receipt_id)
            if row is None or row.deleted:
                return Changes.none()
            case_id = row.case_id
        with self._desk.writing(case_id) as s:
            live(s, Receipt, receipt_id).deleted = True
        return Changes.of(case_id, Part.RECEIPTS)

    def into_budget(self, budget_id: str, receipts: Sequence[ReceiptData], *, months: int = 1) -> LinesAdded:
        """Add the receipts' suggested monthly lines (one per category and need/nice) to the budget."""
        created = self._desk.budget.add_lines(budget_id, suggested_lines(receipts, months=months))
        return LinesAdded(
            tuple(c.id for c in created), Changes.union(c.changes for c in created) if created else Changes()
        )

    def _case_of(self, receipt_id: str) -> str:
        with self._desk.reading() as s:
            return live(s, Receipt, receipt_id).case_id
