"""The arrears and what they consist of: the one owner of :class:`~boligdesk.models.ArrearsItem` rows.

* One row type (:class:`ArrearsRow`), one order (:func:`arrears_rows`: rent months in date order, then
  fees and the rest) and one total (:func:`arrears_total`), used by the case view, the repayment builder
  and the timeline's warning alike.
* ``Case.arrears`` is the *registered* arrears. Editing the parts sets it to their total; it can differ
  when a new figure is registered on the timeline, and :meth:`ArrearsService.align_registered` makes it
  follow the parts again.
* A case with an arrears amount but no parts (e.g. imported with only an amount) has its amount split
  into parts before the first part is added, so it is not lost: rent months ending with the påkrav's
  month, the fee the landlord charged, any rest (``budget/arrears_split.py``).

Writes go through ``desk.arrears`` and return :class:`~boligdesk.services.changes.Changes` naming
``Part.ARREARS``; the store's flush hook writes their audit rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from boligdesk.budget.arrears_split import split_lump
from boligdesk.budget.money import Money
from boligdesk.budget.ratebook import RateBook
from boligdesk.budget.rates import DatedRate, fee_rate
from boligdesk.budget.vocabulary import ArrearsKind
from boligdesk.errors import UserInputError
from boligdesk.models import ArrearsItem, Case
from boligdesk.services.changes import Changes, Created, Part
from boligdesk.services.desk import live

if TYPE_CHECKING:
    from boligdesk.services.desk import Desk

MAX_TEXT = 200
_KIND_ORDER = {kind: n for n, kind in enumerate(ArrearsKind)}


@dataclass(frozen=True, slots=True)
class ArrearsRow:
    """One part of the arrears (a month of rent, a fee, …)."""

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
        if len(self.text) > MAX_TEXT:
            raise UserInputError("text", "arrears.text_too_long", "Teksten må højst være 200 tegn.")


def sort_key(row: ArrearsRow) -> tuple[int, dt.date, str]:
    """The one order of the parts: by kind (rent first), then period (none first), then text."""
    return (_KIND_ORDER[row.kind], row.period or dt.date.min, row.text)


def arrears_total(rows: Iterable[ArrearsRow]) -> Money:
    """What the parts add up to: the one sum of the arrears parts."""
    return Money(sum(r.amount.ore for r in rows))


def arrears_rows(session: Session, case_id: str) -> list[ArrearsRow]:
    """The live parts of the case's arrears, in the one order (:func:`sort_key`)."""
    items = session.scalars(
        select(ArrearsItem).where(ArrearsItem.case_id == case_id, ArrearsItem.deleted.is_(False))
    ).all()
    return sorted((ArrearsRow(i.id, i.kind, i.period, i.text, i.amount) for i in items), key=sort_key)


def default_reminder_fee(on: dt.date, book: RateBook | None = None) -> Money:
    """The påkravsgebyr in force on ``on`` (from the rate book: shipped tables and the organisation's)."""
    return fee_rate("reminder_fee", on, book=book).amount


def _sync_case_arrears(session: Session, case: Case) -> None:
    """The registered arrears follow the parts when the parts are edited."""
    session.flush()
    case.arrears = arrears_total(arrears_rows(session, case.id))


def opening_parts(case: Case) -> list[ArrearsItem]:
    """The case's registered arrears split into its first parts (:func:`split_lump`): rent months ending
    with the påkrav's month, the fee the landlord charged, any rest."""
    tenancy = case.tenancy
    parts = split_lump(
        case.arrears,
        rent=tenancy.rent if tenancy is not None else Money(0),
        reminder_on=case.reminder_sent_on,
        charged_fee=case.reminder_fee,
        moved_in=tenancy.move_in_date if tenancy is not None else None,
    )
    return [
        ArrearsItem(case_id=case.id, kind=p.kind, period=p.period, text=p.text, amount=p.amount)
        for p in parts
    ]


def _materialise_lump(session: Session, case: Case) -> None:
    """A case with an arrears amount but no parts: split the amount into parts (:func:`opening_parts`)
    before adding others."""
    has_parts = session.scalar(
        select(ArrearsItem.id).where(ArrearsItem.case_id == case.id, ArrearsItem.deleted.is_(False)).limit(1)
    )
    if has_parts is not None or case.arrears.ore <= 0:
        return
    session.add_all(opening_parts(case))


def _item(session: Session, item_id: str) -> ArrearsItem:
    item = live(session, ArrearsItem, item_id)
    live(session, Case, item.case_id)
    return item


class ArrearsService:
    """``desk.arrears``: the parts of a case's arrears."""

    def __init__(self, desk: Desk) -> None:
        self._desk = desk

    def rows(self, case_id: str) -> tuple[ArrearsRow, ...]:
        with self._desk.reading() as s:
            return tuple(arrears_rows(s, case_id))

    def default_reminder_fee(self) -> Money:
        """Today's highest påkravsgebyr in the rates table (a plausibility bound, not what was charged)."""
        return default_reminder_fee(self._desk.today(), self._desk.rates.book())

    def fee_bound(self) -> DatedRate | None:
        """The highest påkravsgebyr in the rates table for today, with the year it is from (or None)."""
        try:
            return fee_rate("reminder_fee", self._desk.today(), book=self._desk.rates.book())
        except LookupError:
            return None

    def charged_reminder_fee(self, case_id: str) -> Money | None:
        """The påkravsgebyr the landlord actually charged, as typed from the påkrav on the case (or None).

        This — never the rates table's maximum — is what goes into the arrears and so into a signed
        agreement: a stale legal maximum must not end up in it.
        """
        with self._desk.reading() as s:
            fee = live(s, Case, case_id).reminder_fee
        return fee if fee.ore > 0 else None

    def add(self, case_id: str, data: ArrearsInput) -> Created:
        """Add a part; the registered arrears become the parts' total. Returns the new part's id."""
        data.validate()
        with self._desk.writing(case_id) as s:
            case = live(s, Case, case_id)
            _materialise_lump(s, case)
            item = ArrearsItem(
                case_id=case.id,
                kind=data.kind,
                period=data.period,
                text=data.text.strip(),
                amount=data.amount,
            )
            s.add(item)
            _sync_case_arrears(s, case)
            item_id = item.id
        return Created(item_id, Changes.of(case_id, Part.ARREARS))

    def update(self, item_id: str, data: ArrearsInput) -> Changes:
        data.validate()
        with self._desk.writing() as s:
            item = _item(s, item_id)
            item.kind = data.kind
            item.period = data.period
            item.text = data.text.strip()
            item.amount = data.amount
            case_id = item.case_id
            _sync_case_arrears(s, live(s, Case, case_id))
        return Changes.of(case_id, Part.ARREARS)

    def remove(self, item_id: str) -> Changes:
        """Remove a part (a tombstone). A part already gone changes nothing."""
        with self._desk.writing() as s:
            item = s.get(ArrearsItem, item_id)
            if item is None or item.deleted:
                return Changes.none()
            item.deleted = True
            case_id = item.case_id
            _sync_case_arrears(s, live(s, Case, case_id))
        return Changes.of(case_id, Part.ARREARS)

    def align_registered(self, case_id: str) -> Changes:
        """Make the registered arrears equal to the parts' total."""
        with self._desk.writing(case_id) as s:
            _sync_case_arrears(s, live(s, Case, case_id))
        return Changes.of(case_id, Part.ARREARS)
