"""The opening split of a case's arrears: one lump becomes rent months, the charged fee and the rest.

A case is often registered (or imported) with only the arrears amount. When its parts are first made,
the amount is split as the påkrav reads it:

* the påkravsgebyr the landlord actually charged (as typed from the påkrav) — only when it fits within
  the amount; a fee is never invented from the rates table;
* the rent months, one part per month, the newest being the påkrav's month and going back, each at most
  the month's rent (so only the oldest month can be part of a month) — never before the tenant moved
  in, and at most :data:`MAX_MONTHS` months;
* anything left over as one part, "Øvrig restance".

Without the rent or the påkrav's date no months can be told apart: what is not the fee stays one rent
part, "Huslejerestance", as before. The parts always add up to exactly the amount.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from boligdesk.budget.calendar import add_months
from boligdesk.budget.money import Money
from boligdesk.budget.vocabulary import ArrearsKind

#: At most this many months of rent are made from a lump; any rest is "Øvrig restance".
MAX_MONTHS = 12
#: The text of the one rent part a lump becomes when no months can be told apart.
LUMP_TEXT = "Huslejerestance"
#: The text of what is left after the rent months and the fee.
REST_TEXT = "Øvrig restance"


@dataclass(frozen=True, slots=True)
class SplitPart:
    kind: ArrearsKind
    period: dt.date | None
    text: str
    amount: Money


def split_lump(
    total: Money,
    *,
    rent: Money,
    reminder_on: dt.date | None,
    charged_fee: Money,
    moved_in: dt.date | None = None,
) -> list[SplitPart]:
    """The parts ``total`` is split into (see the module docstring); empty when ``total`` is not positive."""
    if total.ore <= 0:
        return []
    parts: list[SplitPart] = []
    left = total.ore
    if 0 < charged_fee.ore <= left:
        parts.append(SplitPart(ArrearsKind.REMINDER_FEE, reminder_on, "Påkravsgebyr", charged_fee))
        left -= charged_fee.ore
    if left and (rent.ore <= 0 or reminder_on is None):
        parts.append(SplitPart(ArrearsKind.RENT, None, LUMP_TEXT, Money(left)))
        return parts
    if reminder_on is not None and rent.ore > 0:
        month = reminder_on.replace(day=1)
        first = moved_in.replace(day=1) if moved_in is not None else None
        months: list[SplitPart] = []
        while left and len(months) < MAX_MONTHS and (first is None or month >= first):
            amount = min(rent.ore, left)
            months.append(SplitPart(ArrearsKind.RENT, month, "", Money(amount)))
            left -= amount
            month = add_months(month, -1)
        parts.extend(reversed(months))
    if left:
        parts.append(SplitPart(ArrearsKind.OTHER, None, REST_TEXT, Money(left)))
    return parts
