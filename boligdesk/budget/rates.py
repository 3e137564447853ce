"""Fees in force on a date (påkravsgebyr, the fogedret's retsafgift), read through the one rate rule.

The figures live in the rate book (:mod:`boligdesk.budget.ratebook`): the tables shipped under
``resources/rates/`` plus the organisation's own entries. :attr:`DatedRate.is_current_for` is False when
the newest entry is from an earlier year, so the UI can say "Satsen er fra 2023 — der er ikke indtastet
satser for 2026".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from boligdesk.budget.money import Money
from boligdesk.budget.ratebook import TABLES, RateBook, RateOnDate, shipped_book


@dataclass(frozen=True, slots=True)
class DatedRate:
    name: str
    label: str
    amount: Money
    valid_from: dt.date
    source: str
    verified: bool = False
    warning: str = ""

    def is_current_for(self, day: dt.date) -> bool:
        return self.valid_from.year == day.year


def fee_rate(name: str, on: dt.date, *, book: RateBook | None = None) -> DatedRate:
    """The fee ``name`` (e.g. ``reminder_fee``) in force on ``on``; LookupError when none is known."""
    if name not in TABLES:
        raise KeyError(f"unknown rate {name!r}")
    found: RateOnDate | None = (book or shipped_book()).on(name, on)
    if found is None:
        raise LookupError(f"no {name} rate valid on {on.isoformat()}")
    amount = found.entry.figure("amount")
    if amount is None:
        raise LookupError(f"the {name} rate valid on {on.isoformat()} is not known")
    return DatedRate(
        name=name,
        label=TABLES[name].label,
        amount=amount,
        valid_from=found.entry.valid_from,
        source=found.entry.source_text,
        verified=found.entry.verified,
        warning=found.warning,
    )
