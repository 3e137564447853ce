"""The arrears and what they consist of (rent months, fees), in the store.

The repayment plan itself (drafts, agreeing, payments) is ``desk.plan``
(:mod:`boligdesk.services.plan`); its plain rows are in :mod:`boligdesk.services.plan_rows`.

* The **arrears** are the case's :class:`~boligdesk.models.ArrearsItem` rows (rent months, fees). When a
  case has none (e.g. imported with only an amount), ``Case.arrears`` is used as one lump; adding the
  first part here turns that lump into a part of its own first, so it is not lost.
* ``Case.arrears`` is the *registered* arrears. Editing the parts here sets it to their sum (as the case
  view's "set to the parts' total" does); payments never change it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from boligdesk.budget.money import Money
from boligdesk.budget.rates import fee_rate
from boligdesk.budget.vocabulary import ArrearsKind, AuditAction
from boligdesk.errors import UserInputError
from boligdesk.models import ArrearsItem, Case
from boligdesk.models.store import Store
from boligdesk.services import audit
from boligdesk.services.plan_rows import DebtPicture

__all__ = [
    "ArrearsInput",
    "ArrearsRow",
    "DebtPicture",
    "add_arrears_item",
    "arrears_rows",
    "default_reminder_fee",
    "remove_arrears_item",
    "update_arrears_item",
]


# --- plain rows -----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ArrearsRow:
    id: str
    kind: ArrearsKind
    period: dt.date | None
    text: str
    amount: Money


@dataclass(frozen=True, slots=True)
class ArrearsInput:
    """One part of the arrears as the adviser types it (validated by :meth:`validate`)."""

    kind: ArrearsKind
    amount: Money
    period: dt.date | None = None
    text: str = ""

    def validate(self) -> None:
        if self.amount.ore <= 0:
            raise UserInputError("amount", "arrears.not_positive", "Beløbet skal være større end 0 kr.")
        if len(self.text) > 200:
            raise UserInputError("text", "arrears.text_too_long", "Teksten må højst være 200 tegn.")


# --- loading --------------------------------------------------------------------------------------
def _case(session: Session, case_id: str) -> Case:
    case = session.get(Case, case_id)
    if case is None or case.deleted:
        raise UserInputError("case", "case.unknown", "Sagen findes ikke (længere).")
    return case


def arrears_rows(session: Session, case_id: str) -> list[ArrearsRow]:
    """The parts of the case's arrears: rent months in date order, then fees and the rest."""
    items = session.scalars(
        select(ArrearsItem).where(ArrearsItem.case_id == case_id, ArrearsItem.deleted.is_(False))
    ).all()
    rows = [ArrearsRow(i.id, i.kind, i.period, i.text, i.amount) for i in items]
    order = {kind: n for n, kind in enumerate(ArrearsKind)}
    rows.sort(key=lambda r: (order[r.kind], r.period or dt.date.min, r.text))
    return rows


def default_reminder_fee(on: dt.date) -> Money:
    """The påkravsgebyr in force on ``on`` (from the dated rates table)."""
    return fee_rate("reminder_fee", on).amount


# --- arrears parts --------------------------------------------------------------------------------
def _arrears_items_total(session: Session, case_id: str) -> Money:
    session.flush()
    amounts = session.scalars(
        select(ArrearsItem.amount).where(ArrearsItem.case_id == case_id, ArrearsItem.deleted.is_(False))
    )
    return Money(sum(a.ore for a in amounts))


def _sync_case_arrears(session: Session, case: Case) -> None:
    """The registered arrears follow the parts when the parts are edited here."""
    case.arrears = _arrears_items_total(session, case.id)


def _materialise_lump(session: Session, case: Case) -> None:
    """A case with an arrears amount but no parts: make the amount a part before adding others."""
    has_parts = session.scalar(
        select(ArrearsItem.id).where(ArrearsItem.case_id == case.id, ArrearsItem.deleted.is_(False)).limit(1)
    )
    if has_parts is not None or case.arrears.ore <= 0:
        return
    session.add(
        ArrearsItem(case_id=case.id, kind=ArrearsKind.RENT, text="Huslejerestance", amount=case.arrears)
    )


def add_arrears_item(store: Store, case_id: str, data: ArrearsInput, *, actor: str = "") -> str:
    data.validate()
    with store.session() as s:
        case = _case(s, case_id)
        _materialise_lump(s, case)
        item = ArrearsItem(
            case_id=case_id, kind=data.kind, period=data.period, text=data.text.strip(), amount=data.amount
        )
        s.add(item)
        s.flush()
        _sync_case_arrears(s, case)
        audit.record(
            s,
            AuditAction.CREATE,
            entity="arrears_item",
            entity_id=item.id,
            case_id=case_id,
            actor=actor,
            device=store.device_id,
        )
        return item.id


def update_arrears_item(store: Store, item_id: str, data: ArrearsInput, *, actor: str = "") -> None:
    data.validate()
    with store.session() as s:
        item = s.get(ArrearsItem, item_id)
        if item is None or item.deleted:
            raise UserInputError("arrears", "arrears.unknown", "Posten findes ikke (længere).")
        item.kind = data.kind
        item.period = data.period
        item.text = data.text.strip()
        item.amount = data.amount
        _sync_case_arrears(s, _case(s, item.case_id))
        audit.record(
            s,
            AuditAction.UPDATE,
            entity="arrears_item",
            entity_id=item.id,
            case_id=item.case_id,
            actor=actor,
            device=store.device_id,
        )


def remove_arrears_item(store: Store, item_id: str, *, actor: str = "") -> None:
    with store.session() as s:
        item = s.get(ArrearsItem, item_id)
        if item is None or item.deleted:
            return
        item.deleted = True
        _sync_case_arrears(s, _case(s, item.case_id))
        audit.record(
            s,
            AuditAction.DELETE,
            entity="arrears_item",
            entity_id=item.id,
            case_id=item.case_id,
            actor=actor,
            device=store.device_id,
        )
