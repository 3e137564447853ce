"""Afdragsordninger (repayment plans) as pure rules a social worker can check by hand.

**The schedule** (:func:`build_schedule`)

* The adviser gives the debt, a start date and *either* a number of months *or* a monthly instalment.
* Instalments fall due on the rent day, the 1st of each month. The first one is due on the first 1st
  on or after the start date (start 01.03 → 1 March; start 15.03 → 1 April). A 1st that is not a bank
  day (weekend, holiday, Grundlovsdag, juleaftensdag, nytårsaftensdag, the Friday after Kristi
  himmelfartsdag) moves to the next bank day.
* **Rounding happens in one place only.** Given a number of months, the regular instalment is
  debt ÷ months **rounded up to whole kroner**; every instalment is that amount except the last, which
  is what remains. So the amounts add up exactly to the debt, and the last instalment is never larger
  than the others (it is > 0 kr. and ≤ the regular instalment). Given an instalment, it is used exactly
  as typed (no rounding) and the number of months is the fewest that pay the debt.
* Because of the rounding up, a small debt can be paid in fewer months than asked (e.g. 10 kr. over
  12 months is 10 instalments of 1 kr.). The schedule then says so (:attr:`Schedule.shortened_from`).
* The total monthly payment is the running rent plus the instalment.

**The policy** (:func:`policy_problems`, DOMAIN.md §8 and the Stop Udsættelser report)

* A plan runs at least :data:`MIN_PLAN_MONTHS` (2) months. One month is not a plan but a payment date
  (henstand): the builder refuses it and says so.
* At most the estate's maximum (``Estate.max_plan_months``; 12 in most estates, 6 in one).
* Longer than the phone limit (``Estate.phone_plan_max_months``, 3 by default) only with an attached
  budget *and* the adviser's written assessment of the tenant's economy.

**Feasibility** (:func:`assess_feasibility`): margin = monthly income − need-to-have expenses (rent is
one of them) − the largest instalment. A negative margin is the shortfall: the budget cannot carry the
plan. A plan that fits only when nice-to-have spending is cut says by how much. :func:`shortest_affordable_plan` suggests the shortest plan within policy whose instalment fits.

**Follow-up** (:func:`plan_progress`): registered payments are applied to the **oldest open instalment
first**, in the order they were paid; money beyond an instalment flows on to the next one (paying ahead
is allowed). An instalment counts as paid on time when it is fully paid by the last on-time day for the
month's rent (the 3rd hverdag after the 1st, the rule in :mod:`boligdesk.budget.deadlines`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from boligdesk.budget.calendar import add_months, format_short, next_bank_day_on_or_after
from boligdesk.budget.deadlines import (
    DEADLINE_LABELS,
    Deadline,
    DeadlineKind,
    last_on_time_payment_day,
)
from boligdesk.budget.money import Money
from boligdesk.errors import UserInputError

MIN_PLAN_MONTHS = 2
DEFAULT_MAX_PLAN_MONTHS = 12
DEFAULT_PHONE_LIMIT_MONTHS = 3
LONGEST_SCHEDULE_MONTHS = 60
"""A schedule longer than this is refused outright (no estate allows it; it is a typing mistake)."""

KRONE = 100
NO_MONEY = Money(0)


# --- the schedule ---------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class PlannedInstalment:
    """One agreed payment: number (1, 2, …), due date and amount."""

    seq: int
    due_on: dt.date
    amount: Money


@dataclass(frozen=True, slots=True)
class Schedule:
    debt: Money
    rent: Money
    instalments: tuple[PlannedInstalment, ...]
    shortened_from: int | None = None
    """The number of months asked for, when the debt is paid in fewer (see the module docstring)."""

    @property
    def months(self) -> int:
        return len(self.instalments)

    @property
    def regular(self) -> Money:
        """The regular (largest) instalment; only the last one can be smaller."""
        return max(i.amount for i in self.instalments)

    @property
    def last(self) -> Money:
        return self.instalments[-1].amount

    @property
    def first_due_on(self) -> dt.date:
        return self.instalments[0].due_on

    @property
    def last_due_on(self) -> dt.date:
        return self.instalments[-1].due_on

    @property
    def monthly_total(self) -> Money:
        """Rent + the regular instalment: what the tenant pays each month while the plan runs."""
        return self.rent + self.regular

    def total(self) -> Money:
        return Money(sum(i.amount.ore for i in self.instalments))

    def describe(self) -> str:
        """``5 måneder à 2.600,00 kr.`` (with the last instalment when it differs)."""
        text = f"{_months_text(self.months)} à {self.regular.format()}"
        if self.months > 1 and self.last != self.regular:
            text += f", sidste afdrag {self.last.format()}"
        return text

    def shortened_message(self) -> str:
        """Why the plan has fewer months than asked (empty when it has not)."""
        if self.shortened_from is None:
            return ""
        return (
            f"Restancen er så lille, at den er betalt på {_months_text(self.months)} "
            f"i stedet for {self.shortened_from} (afdraget rundes op til hele kroner)."
        )


def _months_text(months: int) -> str:
    return f"{months} måned" if months == 1 else f"{months} måneder"


def first_rent_day_on_or_after(day: dt.date) -> dt.date:
    """The first 1st of a month on or after ``day`` (before moving it to a bank day)."""
    if day.day == 1:
        return day
    return add_months(day.replace(day=1), 1)


def due_dates(start_on: dt.date, months: int) -> list[dt.date]:
    """``months`` rent days from ``start_on``, each moved to the next bank day when needed."""
    first = first_rent_day_on_or_after(start_on)
    return [next_bank_day_on_or_after(add_months(first, i)) for i in range(months)]


def _ceil_div(numerator: int, denominator: int) -> int:
    return -(-numerator // denominator)


def regular_instalment_for(debt: Money, months: int) -> Money:
    """debt ÷ months, rounded **up** to whole kroner — the one rounding step of the builder."""
    return Money(_ceil_div(debt.ore, months * KRONE) * KRONE)


def build_schedule(
    debt: Money,
    start_on: dt.date,
    *,
    months: int | None = None,
    instalment: Money | None = None,
    rent: Money = NO_MONEY,
) -> Schedule:
    """The schedule for ``debt`` from ``start_on`` given ``months`` *or* ``instalment``.

    Raises :class:`UserInputError` (Danish message) for no debt, neither or both of months and
    instalment, a non-positive value, or a schedule longer than :data:`LONGEST_SCHEDULE_MONTHS`.
    Policy (minimum 2 months, the estate's maximum, the phone limit) is checked separately by
    :func:`policy_problems`, so the adviser sees the schedule even while it breaks the policy.
    """
    if debt.ore <= 0:
        raise UserInputError("debt", "plan.no_debt", "Der er ingen restance at lave en afdragsordning for.")
    if (months is None) == (instalment is None):
        raise UserInputError(
            "months",
            "plan.months_or_instalment",
            "Skriv enten antal måneder eller det månedlige afdrag.",
        )
    asked: int | None = None
    if months is not None:
        if months < 1:
            raise UserInputError("months", "plan.months_not_positive", "Antal måneder skal være mindst 1.")
        _refuse_too_long(months, "months")
        regular = regular_instalment_for(debt, months)
        count = _ceil_div(debt.ore, regular.ore)
        asked = months if count < months else None
    else:
        assert instalment is not None
        if instalment.ore <= 0:
            raise UserInputError(
                "instalment", "plan.instalment_not_positive", "Afdraget skal være større end 0 kr."
            )
        regular = min(instalment, debt)
        count = _ceil_div(debt.ore, regular.ore)
        _refuse_too_long(count, "instalment", instalment)
    last = debt - regular * (count - 1)
    amounts = [regular] * (count - 1) + [last]
    dates = due_dates(start_on, count)
    items = tuple(
        PlannedInstalment(seq=i + 1, due_on=d, amount=a)
        for i, (d, a) in enumerate(zip(dates, amounts, strict=True))
    )
    return Schedule(debt=debt, rent=rent, instalments=items, shortened_from=asked)


def _refuse_too_long(months: int, field: str, instalment: Money | None = None) -> None:
    if months <= LONGEST_SCHEDULE_MONTHS:
        return
    if instalment is None:
        message = (
            f"{months} måneder er længere end nogen afdragsordning kan være. "
            f"Skriv et antal måneder på højst {LONGEST_SCHEDULE_MONTHS}."
        )
    else:
        message = (
            f"Med et afdrag på {instalment.format()} tager det {months} måneder at betale restancen. "
            "Det er for langt — hæv afdraget."
        )
    raise UserInputError(field, "plan.schedule_too_long", message, {"months": months})


# --- the policy -----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class PlanPolicy:
    """The estate's rules for repayment plans (DOMAIN.md §8)."""

    max_months: int = DEFAULT_MAX_PLAN_MONTHS
    phone_limit_months: int = DEFAULT_PHONE_LIMIT_MONTHS
    estate_name: str = ""

    def needs_assessment(self, months: int) -> bool:
        """Plans longer than the phone limit need a budget and a written assessment."""
        return months > self.phone_limit_months


def policy_problems(
    months: int, policy: PlanPolicy, *, has_budget: bool, assessment: str
) -> list[UserInputError]:
    """Every way a plan of ``months`` breaks the policy, most fundamental first (empty: it is fine)."""
    problems: list[UserInputError] = []
    if months < MIN_PLAN_MONTHS:
        problems.append(
            UserInputError(
                "months",
                "plan.too_short",
                "En afdragsordning skal løbe mindst 2 måneder. Kan restancen betales på én gang, "
                "så aftal en betalingsdato i stedet.",
                {"months": months},
            )
        )
    if months > policy.max_months:
        where = f"afdeling {policy.estate_name}" if policy.estate_name else "afdelingen"
        problems.append(
            UserInputError(
                "months",
                "plan.longer_than_estate_maximum",
                f"Planen er på {months} måneder, men {where} tillader højst {policy.max_months} måneder. "
                "Vælg færre måneder eller et større afdrag.",
                {"months": months, "max_months": policy.max_months},
            )
        )
    if policy.needs_assessment(months):
        limit = policy.phone_limit_months
        if not has_budget:
            problems.append(
                UserInputError(
                    "budget",
                    "plan.budget_required",
                    f"En plan på mere end {limit} måneder kræver et budget. Lav budgettet sammen med "
                    "lejeren først.",
                    {"months": months, "phone_limit_months": limit},
                )
            )
        if not assessment.strip():
            problems.append(
                UserInputError(
                    "assessment",
                    "plan.assessment_required",
                    f"En plan på mere end {limit} måneder kræver din skriftlige vurdering af lejerens "
                    "økonomi. Skriv den i feltet »Vurdering«.",
                    {"months": months, "phone_limit_months": limit},
                )
            )
    return problems


def check_policy(months: int, policy: PlanPolicy, *, has_budget: bool, assessment: str) -> None:
    """Raise the first of :func:`policy_problems` as a :class:`UserInputError`."""
    problems = policy_problems(months, policy, has_budget=has_budget, assessment=assessment)
    if problems:
        raise problems[0]


def check_starts_on_or_after_agreement(schedule: Schedule, agreed_on: dt.date) -> None:
    """An agreement cannot reach back: its first instalment falls due on or after the day it is agreed.

    Raises a Danish :class:`UserInputError` naming both dates otherwise.
    """
    if schedule.first_due_on >= agreed_on:
        return
    raise UserInputError(
        "start_on",
        "plan.starts_before_agreement",
        f"Første afdrag forfalder den {format_short(schedule.first_due_on)}, før afdragsordningen aftales "
        f"den {format_short(agreed_on)}. En aftale kan ikke gælde bagud: vælg en startdato, så første "
        "afdrag forfalder på eller efter aftaledagen.",
        {"first_due_on": schedule.first_due_on.isoformat(), "agreed_on": agreed_on.isoformat()},
    )


# --- feasibility ----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class BudgetRoom:
    """The two budget figures feasibility needs, per month. ``need_expenses`` includes the rent."""

    income: Money
    need_expenses: Money
    nice_expenses: Money = NO_MONEY

    @property
    def room(self) -> Money:
        """What is left for an instalment: income − need-to-have expenses (may be negative)."""
        return self.income - self.need_expenses


class FeasibilityLevel(StrEnum):
    NO_BUDGET = "no_budget"
    CARRIES = "carries"
    SHORT = "short"


NO_BUDGET_MESSAGE = "Intet budget — lav et budget først."


@dataclass(frozen=True, slots=True)
class Feasibility:
    level: FeasibilityLevel
    margin: Money | None
    """income − need-to-have expenses (rent included) − the largest instalment; None without budget."""
    nice_cut: Money = NO_MONEY
    """How much nice-to-have spending must go for the plan to fit (0 when it fits as the budget is)."""

    @property
    def carries(self) -> bool:
        return self.level is FeasibilityLevel.CARRIES

    @property
    def shortfall(self) -> Money:
        if self.margin is None or not self.margin.is_negative():
            return Money(0)
        return -self.margin

    @property
    def message(self) -> str:
        if self.margin is None:
            return NO_BUDGET_MESSAGE
        if self.carries:
            text = (
                f"Budgettet kan bære planen: efter husleje, afdrag og nødvendige udgifter er der "
                f"{self.margin.format()} tilbage om måneden."
            )
            if self.nice_cut:
                text += (
                    f" Det kræver, at udgifterne til nice to have skæres ned med "
                    f"{self.nice_cut.format()} om måneden."
                )
            return text
        return (
            f"Budgettet kan ikke bære planen: der mangler {self.shortfall.format()} om måneden "
            "efter husleje, afdrag og nødvendige udgifter."
        )


def assess_feasibility(schedule: Schedule, budget: BudgetRoom | None) -> Feasibility:
    """Can the budget carry the plan's largest instalment on top of rent and need-to-have spending?"""
    if budget is None:
        return Feasibility(FeasibilityLevel.NO_BUDGET, None)
    margin = budget.room - schedule.regular
    if margin.is_negative():
        return Feasibility(FeasibilityLevel.SHORT, margin)
    after_nice = margin - budget.nice_expenses
    cut = -after_nice if after_nice.is_negative() else NO_MONEY
    return Feasibility(FeasibilityLevel.CARRIES, margin, cut)


@dataclass(frozen=True, slots=True)
class Suggestion:
    schedule: Schedule | None
    message: str


def shortest_affordable_plan(
    debt: Money,
    start_on: dt.date,
    budget: BudgetRoom | None,
    policy: PlanPolicy,
    *,
    rent: Money = NO_MONEY,
) -> Suggestion:
    """The shortest plan (at least 2 months, at most the estate's maximum) the budget can carry."""
    if budget is None:
        return Suggestion(None, NO_BUDGET_MESSAGE)
    if debt.ore <= 0:
        return Suggestion(None, "Der er ingen restance at lave en afdragsordning for.")
    room = budget.room
    if build_schedule(debt, start_on, months=MIN_PLAN_MONTHS).months < MIN_PLAN_MONTHS:
        return Suggestion(None, "Restancen er så lille, at den kan betales på én gang.")
    if room.ore <= 0:
        lacking = (
            f" (der mangler allerede {(-room).format()} om måneden før afdrag)" if room.is_negative() else ""
        )
        return Suggestion(
            None,
            f"Budgettet har ingen plads til et afdrag{lacking}. Se på indtægter og udgifter sammen med "
            "lejeren, eller søg om hjælp til restancen, fx enkeltydelse fra kommunen.",
        )
    for months in range(MIN_PLAN_MONTHS, policy.max_months + 1):
        schedule = build_schedule(debt, start_on, months=months, rent=rent)
        if schedule.months < MIN_PLAN_MONTHS:
            continue
        if schedule.regular <= room:
            message = f"Korteste plan budgettet kan bære: {schedule.describe()}"
            if policy.needs_assessment(schedule.months):
                message += (
                    f" Planen er længere end {policy.phone_limit_months} måneder og kræver din "
                    "skriftlige vurdering."
                )
            return Suggestion(schedule, message)
    longest = regular_instalment_for(debt, policy.max_months)
    return Suggestion(
        None,
        f"Ingen plan på højst {policy.max_months} måneder kan bæres af budgettet: der er "
        f"{room.format()} om måneden til afdrag, og {policy.max_months} måneder kræver "
        f"{longest.format()} om måneden. Se efter hjælp til en del af restancen.",
    )


# --- follow-up ------------------------------------------------------------------------------------
class InstalmentStatus(StrEnum):
    PAID = "paid"
    LATE = "late"
    PARTLY_PAID = "partly_paid"
    MISSING = "missing"
    NOT_YET_DUE = "not_yet_due"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]


_STATUS_LABELS: dict[InstalmentStatus, str] = {
    InstalmentStatus.PAID: "Betalt",
    InstalmentStatus.LATE: "Betalt for sent",
    InstalmentStatus.PARTLY_PAID: "Delvist betalt",
    InstalmentStatus.MISSING: "Mangler",
    InstalmentStatus.NOT_YET_DUE: "Ikke forfaldent",
}

OVERDUE_STATUSES = frozenset({InstalmentStatus.PARTLY_PAID, InstalmentStatus.MISSING})


@dataclass(frozen=True, slots=True)
class PaymentFact:
    paid_on: dt.date
    amount: Money


@dataclass(frozen=True, slots=True)
class InstalmentProgress:
    seq: int
    due_on: dt.date
    amount: Money
    paid: Money
    on_time_until: dt.date
    paid_in_full_on: dt.date | None
    status: InstalmentStatus

    @property
    def missing(self) -> Money:
        return self.amount - self.paid

    def explain(self) -> str:
        """One Danish sentence for a tooltip."""
        if self.status is InstalmentStatus.PAID:
            return f"Betalt fuldt {format_short(self.paid_in_full_on or self.due_on)}."
        if self.status is InstalmentStatus.LATE:
            return (
                f"Betalt fuldt {format_short(self.paid_in_full_on or self.due_on)}, "
                f"efter fristen {format_short(self.on_time_until)}."
            )
        if self.status is InstalmentStatus.NOT_YET_DUE:
            return f"Skal være betalt senest {format_short(self.on_time_until)}."
        return (
            f"Der mangler {self.missing.format()}; fristen var {format_short(self.on_time_until)}. "
            "Kontakt lejeren."
        )


@dataclass(frozen=True, slots=True)
class PlanProgress:
    debt: Money
    instalments: tuple[InstalmentProgress, ...]
    paid_total: Money
    fulfilled_on: dt.date | None

    @property
    def owed(self) -> Money:
        """What is still owed on the plan (never negative)."""
        rest = self.debt - self.paid_total
        return rest if rest.ore > 0 else Money(0)

    @property
    def overpaid(self) -> Money:
        extra = self.paid_total - self.debt
        return extra if extra.ore > 0 else Money(0)

    @property
    def fulfilled(self) -> bool:
        return self.paid_total >= self.debt

    @property
    def overdue(self) -> tuple[InstalmentProgress, ...]:
        return tuple(i for i in self.instalments if i.status in OVERDUE_STATUSES)

    @property
    def overdue_missing(self) -> Money:
        return Money(sum(i.missing.ore for i in self.overdue))


def on_time_until(due_on: dt.date) -> dt.date:
    """The last day an instalment due on ``due_on`` counts as paid on time (the rent rule)."""
    return max(due_on, last_on_time_payment_day(due_on.year, due_on.month))


def plan_progress(
    instalments: Sequence[PlannedInstalment], payments: Sequence[PaymentFact], today: dt.date
) -> PlanProgress:
    """Each instalment's status on ``today`` from the payments registered up to and including today.

    Payments are applied in date order to the oldest instalment that is not yet fully paid.
    """
    ordered = sorted(instalments, key=lambda i: i.seq)
    debt = Money(sum(i.amount.ore for i in ordered))
    counted = sorted((p for p in payments if p.paid_on <= today), key=lambda p: p.paid_on)
    paid = [0] * len(ordered)
    full_on: list[dt.date | None] = [None] * len(ordered)
    cursor = 0
    running = 0
    fulfilled_on: dt.date | None = None
    for payment in counted:
        running += payment.amount.ore
        left = payment.amount.ore
        while left > 0 and cursor < len(ordered):
            need = ordered[cursor].amount.ore - paid[cursor]
            take = min(need, left)
            paid[cursor] += take
            left -= take
            if paid[cursor] == ordered[cursor].amount.ore:
                full_on[cursor] = payment.paid_on
                cursor += 1
        if fulfilled_on is None and running >= debt.ore:
            fulfilled_on = payment.paid_on
    progress = []
    for index, item in enumerate(ordered):
        deadline = on_time_until(item.due_on)
        done_on = full_on[index]
        if done_on is not None:
            status = InstalmentStatus.PAID if done_on <= deadline else InstalmentStatus.LATE
        elif today <= deadline:
            status = InstalmentStatus.NOT_YET_DUE
        elif paid[index] > 0:
            status = InstalmentStatus.PARTLY_PAID
        else:
            status = InstalmentStatus.MISSING
        progress.append(
            InstalmentProgress(
                seq=item.seq,
                due_on=item.due_on,
                amount=item.amount,
                paid=Money(paid[index]),
                on_time_until=deadline,
                paid_in_full_on=done_on,
                status=status,
            )
        )
    return PlanProgress(
        debt=debt,
        instalments=tuple(progress),
        paid_total=Money(running),
        fulfilled_on=fulfilled_on,
    )


#: How far ahead the next instalment of a plan is shown (the adviser may remind the tenant).
UPCOMING_INSTALMENT_DAYS = 31


def missed_instalment_deadline(seq: int, due_on: dt.date, missing: Money) -> Deadline:
    """An overdue instalment as a deadline (Frister, the case header, the Sager list)."""
    return Deadline(
        DeadlineKind.MISSED_INSTALMENT,
        due_on,
        f"Afdrag nr. {seq} forfaldt {format_short(due_on)}; der mangler {missing.format()}",
        computed=False,
        what=f"{DEADLINE_LABELS[DeadlineKind.MISSED_INSTALMENT]} nr. {seq}",
    )


def instalment_due_deadline(seq: int, day: dt.date, missing: Money) -> Deadline:
    """The plan's next instalment, to pay by ``day``, as a deadline."""
    return Deadline(
        DeadlineKind.INSTALMENT,
        day,
        f"Afdrag nr. {seq} på {missing.format()} forfalder {format_short(day)}",
        computed=False,
        what=f"{DEADLINE_LABELS[DeadlineKind.INSTALMENT]} nr. {seq}",
    )


def next_instalment_due(
    progress: PlanProgress, today: dt.date, within_days: int = UPCOMING_INSTALMENT_DAYS
) -> tuple[InstalmentProgress, dt.date] | None:
    """The plan's next not-yet-due, not fully paid instalment and the day to show it on, when that day is
    within ``within_days`` of ``today``. Within its few days' grace the instalment is shown on its last
    on-time day, never as passed."""
    item = next(
        (i for i in progress.instalments if i.status is InstalmentStatus.NOT_YET_DUE and i.paid < i.amount),
        None,
    )
    if item is None:
        return None
    day = item.due_on if item.due_on >= today else item.on_time_until
    return (item, day) if day <= today + dt.timedelta(days=within_days) else None


def plan_deadlines(progress: PlanProgress, today: dt.date) -> list[Deadline]:
    """An active plan's deadlines on ``today``: every missed instalment and the next one when it falls due
    within :data:`UPCOMING_INSTALMENT_DAYS`."""
    result = [missed_instalment_deadline(i.seq, i.due_on, i.missing) for i in progress.overdue]
    upcoming = next_instalment_due(progress, today)
    if upcoming is not None:
        item, day = upcoming
        result.append(instalment_due_deadline(item.seq, day, item.missing))
    return result
