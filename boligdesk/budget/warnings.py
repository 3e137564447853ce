"""Plain-Danish warnings about a budget: problems, and prompts to check (never rulings).

Two severities:

* ``problem`` — the budget does not add up: no income, income does not cover rent and need-to-have,
  nice-to-have spending while the budget is in the red.
* ``check`` — "tjek om…": something a household like this would normally have is missing from the
  budget (børne- og ungeydelse, børnetilskud, boligstøtte), grown-up children at home do not pay in, the
  money for daily life is below the reference norm, the income is below kontanthjælp. The adviser does
  not grant benefits; these are prompts for the conversation.

Thresholds (rules of thumb, stated here so they can be discussed and changed):

* rent-heavy: rent is :data:`RENT_HEAVY_PERCENT` % or more of the monthly income → check boligstøtte;
* a benefit counts as present when its category has a monthly amount above zero.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from boligdesk.budget.categories import CHILD_ALLOWANCE, CHILD_BENEFIT, HOUSING_BENEFIT, RENT
from boligdesk.budget.household import HouseholdPerson, is_child_on
from boligdesk.budget.lines import BudgetTotals
from boligdesk.budget.money import Money, round_half_up
from boligdesk.budget.norms import HouseholdNorm, cash_benefit_reference, child_benefit_estimate
from boligdesk.budget.ratebook import RateBook

PROBLEM = "problem"
CHECK = "check"

RENT_HEAVY_PERCENT = 30


@dataclass(frozen=True, slots=True)
class BudgetWarning:
    code: str
    severity: str
    message: str

    @property
    def is_problem(self) -> bool:
        return self.severity == PROBLEM


def _percent(part: Money, whole: Money) -> int:
    return round_half_up(Fraction(part.ore * 100, whole.ore))


def grown_children(members: Sequence[HouseholdPerson], on: dt.date) -> list[HouseholdPerson]:
    """Members registered as children who are 18 or older on ``on`` (grown-up children at home)."""
    return [m for m in members if m.is_child and not is_child_on(m, on)]


def _stale(year: int, on: dt.date) -> str:
    return f" (der er ikke indtastet satser for {on.year})" if year < on.year else ""


def budget_warnings(
    totals: BudgetTotals,
    members: Sequence[HouseholdPerson],
    on: dt.date,
    *,
    norm: HouseholdNorm | None = None,
    grown_children_not_paying: int | None = None,
    book: RateBook | None = None,
) -> list[BudgetWarning]:
    """The warnings for a budget dated ``on`` for the household ``members``; problems first.

    ``grown_children_not_paying`` is the number of grown-up children at home who do not pay in (the
    household member's "betaler til husholdningen"); when None, every grown-up child is counted.
    """
    problems: list[BudgetWarning] = []
    checks: list[BudgetWarning] = []
    income = totals.income
    has_anything = bool(income) or bool(totals.expenses)
    if not has_anything:
        return []

    # --- problems -----------------------------------------------------------------------------
    if not income:
        problems.append(
            BudgetWarning(
                "no_income", PROBLEM, "Der er ingen indtægter i budgettet. Skriv husstandens indtægter ind."
            )
        )
    rent_nice = next((c.nice for c in totals.by_category if c.category == RENT), Money(0))
    required = totals.need_expenses + rent_nice
    if income and income < required:
        problems.append(
            BudgetWarning(
                "need_not_covered",
                PROBLEM,
                f"Indtægterne ({income.format()}) dækker ikke husleje og need to have-udgifter "
                f"({required.format()}). Der mangler {(required - income).format()} om måneden.",
            )
        )
    if totals.disposable.is_negative() and totals.nice_expenses:
        short = abs(totals.disposable).format()
        nice = totals.nice_expenses.format()
        without = totals.disposable_without_nice
        tail = (
            f"Uden nice to have-posterne går budgettet op med {without.format()} til overs."
            if not without.is_negative()
            else f"Selv uden dem mangler der {abs(without).format()} om måneden."
        )
        problems.append(
            BudgetWarning(
                "nice_while_negative",
                PROBLEM,
                f"Budgettet går {short} i minus om måneden, og der bruges {nice} på nice to have. {tail}",
            )
        )

    # --- prompts to check ----------------------------------------------------------------------
    children = sum(1 for m in members if is_child_on(m, on))
    adults = len(members) - children
    if not totals.rent:
        checks.append(
            BudgetWarning("no_rent", CHECK, "Der er ingen husleje i budgettet. Tjek om huslejen mangler.")
        )
    if children and not totals.category_total(CHILD_BENEFIT):
        estimate = child_benefit_estimate(members, on, book=book)
        extra = (
            f" Ifølge satserne for {estimate.year}{_stale(estimate.year, on)} er den ca. {estimate.monthly.format()} om måneden for "
            "husstandens børn (før aftrapning ved høj indkomst)."
            if estimate is not None
            else ""
        )
        checks.append(
            BudgetWarning(
                "child_benefit_missing",
                CHECK,
                "Husstanden har børn under 18, men der er ingen børne- og ungeydelse i budgettet. "
                f"Tjek om familien får den.{extra}",
            )
        )
    if children and adults == 1 and not totals.category_total(CHILD_ALLOWANCE):
        checks.append(
            BudgetWarning(
                "child_allowance_missing",
                CHECK,
                "Der er én voksen og børn i husstanden, men intet børnetilskud i budgettet. "
                "Tjek om der er ret til børnetilskud (fx ordinært og ekstra børnetilskud til enlige forsørgere).",
            )
        )
    if (
        income
        and totals.rent
        and totals.rent.ore * 100 >= income.ore * RENT_HEAVY_PERCENT
        and not totals.category_total(HOUSING_BENEFIT)
    ):
        checks.append(
            BudgetWarning(
                "housing_benefit_missing",
                CHECK,
                f"Huslejen ({totals.rent.format()}) er {_percent(totals.rent, income)} % af indtægterne, "
                "og der er ingen boligstøtte i budgettet. Tjek om husstanden kan få boligstøtte "
                "(boligsikring eller boligydelse).",
            )
        )
    grown_up = (
        len(grown_children(members, on)) if grown_children_not_paying is None else grown_children_not_paying
    )
    if grown_up:
        who = (
            "1 hjemmeboende barn over 18 betaler"
            if grown_up == 1
            else f"{grown_up} hjemmeboende børn over 18 betaler"
        )
        checks.append(
            BudgetWarning(
                "adult_children_not_paying",
                CHECK,
                f"{who} ikke til husholdningen. Tjek om de kan bidrage til husleje og mad.",
            )
        )
    if income and adults == 1:
        reference = cash_benefit_reference(on, with_children=children > 0, book=book)
        who = "med børn" if children else "uden børn"
        if reference.monthly is None:
            checks.append(
                BudgetWarning(
                    "cash_benefit_unknown",
                    CHECK,
                    f"{reference.unknown_reason} Indtægterne er derfor ikke sammenlignet med kontanthjælpen.",
                )
            )
        elif income < reference.monthly:
            checks.append(
                BudgetWarning(
                    "income_below_cash_benefit",
                    CHECK,
                    f"Indtægterne ({income.format()}) er lavere end {reference.label} {who} "
                    f"({reference.monthly.format()} i {reference.year}). Tjek om alle indtægter er med, og om "
                    "husstanden får de ydelser, den har ret til.",
                )
            )
    if norm is not None and income and totals.daily_money_available < norm.amount:
        checks.append(
            BudgetWarning(
                "below_norm",
                CHECK,
                f"Efter de faste udgifter er der {totals.daily_money_available.format()} om måneden til daglig "
                f"livsførelse. {norm.label} for {norm.household_text} er {norm.amount.format()} om måneden. "
                "Tal om hvilke udgifter der kan ændres.",
            )
        )
    return problems + checks
