"""Budget lines and the budget's totals (need to have / nice to have, rådighedsbeløb).

Rules a social worker can check by hand:

* Every line's **monthly figure** is its amount normalised by :mod:`boligdesk.budget.frequency`
  (rounded half up to øre once per line). Every total below is a plain sum of those monthly figures.
* An expense line is **need to have** unless it is marked nice to have (a line with no choice counts as
  need, so nothing is left out of the need total by accident).
* ``income`` = all income lines; ``need_expenses`` / ``nice_expenses`` = the expense lines by need.
* ``rent`` = the lines in category ``"rent"`` (also included in the expense totals).
* ``daily_money`` = the expense lines marked as daily money (dagligvarepenge — food, household,
  transport, clothes, hygiene, pocket money…: the cash that goes into the 4-ugers kuvertsystem). They
  are **ordinary expense lines** and are included in ``need_expenses`` / ``nice_expenses`` as well.

Because the daily money is itself planned as expense lines, there are two different "what is left"
figures, and BudgetTotals gives both:

* :attr:`BudgetTotals.disposable` — the **rådighedsbeløb after everything**: income − need − nice.
  What is left each month when every line of the budget is paid, the daily money included. Zero means
  the budget just balances; negative means it does not. An instalment on arrears must fit in here.
* :attr:`BudgetTotals.disposable_without_nice` — income − need: the same if the nice-to-have lines
  were dropped.
* :attr:`BudgetTotals.daily_money_available` — income − fixed expenses (every expense line *not*
  marked daily money) = ``disposable + daily_money``. What the household has for daily life; this is
  the figure to hold up against the reference norm (Gældsstyrelsen's rådighedssatser).

Example (a single adult; see ``tests/unit/budget/test_lines.py``): income 12.000, rent 5.500,
other fixed 1.500, food as daily money 3.000, tobacco (nice) 800 →
need 10.000, nice 800, disposable 12.000 − 10.000 − 800 = 1.200,
without nice 2.000, available for daily life 12.000 − 7.800 = 4.200 = 1.200 + 3.000.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from boligdesk.budget.categories import EXPENSE, INCOME, NEED, NICE, RENT, sort_key
from boligdesk.budget.frequency import MONTHLY, monthly_amount
from boligdesk.budget.money import Money


@dataclass(frozen=True, slots=True)
class LineData:
    """One budget line as plain data (no database object). ``kind``/``need``/``frequency`` are codes."""

    kind: str
    category: str
    text: str
    amount: Money
    frequency: str = MONTHLY
    need: str | None = None
    is_daily_money: bool = False
    note: str = ""
    id: str = ""

    @property
    def monthly(self) -> Money:
        """The amount as a monthly figure (see :mod:`boligdesk.budget.frequency`)."""
        return monthly_amount(self.amount, self.frequency)

    @property
    def is_income(self) -> bool:
        return self.kind == INCOME

    @property
    def is_expense(self) -> bool:
        return self.kind == EXPENSE

    @property
    def is_nice(self) -> bool:
        """An expense marked nice to have."""
        return self.is_expense and self.need == NICE

    @property
    def is_need(self) -> bool:
        """An expense that is need to have (also when no choice was made)."""
        return self.is_expense and self.need != NICE

    @property
    def counts_as_daily_money(self) -> bool:
        return self.is_expense and self.is_daily_money


@dataclass(frozen=True, slots=True)
class CategoryTotal:
    """Monthly total of one category split by need/nice (for the chart and the printout).

    Income categories have no need/nice split: their whole total is in ``need``.
    """

    category: str
    kind: str
    need: Money
    nice: Money

    @property
    def total(self) -> Money:
        return self.need + self.nice


@dataclass(frozen=True, slots=True)
class BudgetTotals:
    """The monthly totals of a budget. All fields are sums of the lines' monthly figures."""

    income: Money
    need_expenses: Money
    nice_expenses: Money
    rent: Money
    daily_money: Money
    daily_money_nice: Money = Money(0)
    by_category: tuple[CategoryTotal, ...] = field(default=())

    @property
    def expenses(self) -> Money:
        """All expenses: need + nice."""
        return self.need_expenses + self.nice_expenses

    @property
    def disposable(self) -> Money:
        """Rådighedsbeløb after everything: income − need − nice (the daily-money lines included)."""
        return self.income - self.need_expenses - self.nice_expenses

    @property
    def disposable_without_nice(self) -> Money:
        """What would be left if the nice-to-have lines were dropped: income − need."""
        return self.income - self.need_expenses

    @property
    def fixed_expenses(self) -> Money:
        """Expenses that are not daily money (rent, utilities, insurance, debt, subscriptions…)."""
        return self.expenses - self.daily_money

    @property
    def daily_money_available(self) -> Money:
        """Income − fixed expenses = ``disposable + daily_money``: the money for daily life."""
        return self.income - self.fixed_expenses

    @property
    def expense_categories(self) -> tuple[CategoryTotal, ...]:
        """Expense categories with money in them, largest first (ties in form order)."""
        rows = [c for c in self.by_category if c.kind == EXPENSE and c.total]
        return tuple(sorted(rows, key=lambda c: (-c.total.ore, sort_key(c.category))))

    @property
    def income_categories(self) -> tuple[CategoryTotal, ...]:
        rows = [c for c in self.by_category if c.kind == INCOME and c.total]
        return tuple(sorted(rows, key=lambda c: (-c.total.ore, sort_key(c.category))))

    def category_total(self, category: str) -> Money:
        """Monthly total of ``category`` (income or expense), zero if absent."""
        return Money(sum(c.total.ore for c in self.by_category if c.category == category))


def compute_totals(lines: Iterable[LineData]) -> BudgetTotals:
    """Add up the monthly figures of ``lines`` (see the module docstring for what each total means)."""
    income = need = nice = rent = daily = daily_nice = 0
    per_category: dict[tuple[str, str], list[int]] = {}
    for line in lines:
        monthly = line.monthly.ore
        bucket = per_category.setdefault((line.kind, line.category), [0, 0])
        if line.is_income:
            income += monthly
            bucket[0] += monthly
            continue
        if line.is_nice:
            nice += monthly
            bucket[1] += monthly
        else:
            need += monthly
            bucket[0] += monthly
        if line.category == RENT:
            rent += monthly
        if line.is_daily_money:
            daily += monthly
            if line.is_nice:
                daily_nice += monthly
    by_category = tuple(
        CategoryTotal(category=cat, kind=kind, need=Money(amounts[0]), nice=Money(amounts[1]))
        for (kind, cat), amounts in sorted(
            per_category.items(), key=lambda item: (item[0][0] != INCOME, sort_key(item[0][1]), item[0][1])
        )
    )
    return BudgetTotals(
        income=Money(income),
        need_expenses=Money(need),
        nice_expenses=Money(nice),
        rent=Money(rent),
        daily_money=Money(daily),
        daily_money_nice=Money(daily_nice),
        by_category=by_category,
    )


def need_for(kind: str, need: str | None) -> str | None:
    """Normalise a need value: income lines have none; expense lines are need unless nice."""
    if kind == INCOME:
        return None
    return NICE if need == NICE else NEED
