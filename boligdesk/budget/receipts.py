"""Receipts mode: a month of receipts sorted into categories and need/nice.

The tenant keeps every receipt for a month; adviser and tenant enter them quickly (amount, category,
need/nice) and look at the totals together — "is 800 kr. on cola need to have or nice to have?".

* :func:`summarise_receipts` adds them up per category and need/nice (exact sums, nothing rounded).
* :func:`suggested_lines` turns them into monthly budget lines: one expense line per category and
  need/nice with the sum of its receipts. Receipts covering more than one month are divided by the
  number of months (rounded half up to øre, once per line). The lines are marked daily money when the
  category is daily money by default (food, clothes, hygiene, transport, pocket money).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

from boligdesk.budget.categories import EXPENSE, NEED, NICE, category, category_label, sort_key
from boligdesk.budget.frequency import MONTHLY
from boligdesk.budget.lines import LineData
from boligdesk.budget.money import Money


@dataclass(frozen=True, slots=True)
class ReceiptData:
    amount: Money
    category: str
    need: str = NEED
    text: str = ""
    bought_on: dt.date | None = None
    id: str = ""

    @property
    def is_nice(self) -> bool:
        return self.need == NICE


@dataclass(frozen=True, slots=True)
class ReceiptCategoryTotal:
    category: str
    need: Money
    nice: Money
    count: int

    @property
    def total(self) -> Money:
        return self.need + self.nice

    @property
    def label(self) -> str:
        return category_label(self.category)


@dataclass(frozen=True, slots=True)
class ReceiptSummary:
    total: Money
    need: Money
    nice: Money
    count: int
    by_category: tuple[ReceiptCategoryTotal, ...]
    first_day: dt.date | None
    last_day: dt.date | None


def summarise_receipts(receipts: Iterable[ReceiptData]) -> ReceiptSummary:
    """Totals of ``receipts`` overall, by need/nice and per category (largest category first)."""
    per: dict[str, list[int]] = {}
    days: list[dt.date] = []
    need = nice = count = 0
    for receipt in receipts:
        bucket = per.setdefault(receipt.category, [0, 0, 0])
        if receipt.is_nice:
            nice += receipt.amount.ore
            bucket[1] += receipt.amount.ore
        else:
            need += receipt.amount.ore
            bucket[0] += receipt.amount.ore
        bucket[2] += 1
        count += 1
        if receipt.bought_on is not None:
            days.append(receipt.bought_on)
    rows = [ReceiptCategoryTotal(cat, Money(v[0]), Money(v[1]), v[2]) for cat, v in per.items()]
    rows.sort(key=lambda r: (-r.total.ore, sort_key(r.category)))
    return ReceiptSummary(
        total=Money(need + nice),
        need=Money(need),
        nice=Money(nice),
        count=count,
        by_category=tuple(rows),
        first_day=min(days) if days else None,
        last_day=max(days) if days else None,
    )


def suggested_lines(receipts: Iterable[ReceiptData], *, months: int = 1) -> list[LineData]:
    """Monthly expense lines from receipts: one per category and need/nice (see module docstring)."""
    if months < 1:
        raise ValueError("months must be at least 1")
    summary = summarise_receipts(receipts)
    lines: list[LineData] = []
    for row in sorted(summary.by_category, key=lambda r: sort_key(r.category)):
        cat = category(row.category)
        for need_code, amount in ((NEED, row.need), (NICE, row.nice)):
            if not amount:
                continue
            label = category_label(row.category)
            suffix = " (nice to have)" if need_code == NICE and row.need else ""
            lines.append(
                LineData(
                    kind=EXPENSE,
                    category=row.category,
                    text=f"{label}{suffix} — fra kvitteringer",
                    amount=amount.scaled(Fraction(1, months)),
                    frequency=MONTHLY,
                    need=need_code,
                    is_daily_money=cat.daily_money,
                )
            )
    return lines
