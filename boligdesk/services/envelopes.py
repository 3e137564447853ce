"""``desk.envelopes``: the 4-ugers kuvertsystem of a budget — the plan's choices and what was spent.

A plan stores only the adviser's choices (pay day, start, rounding, the restdage rule); the envelopes are
computed from the budget's daily-money lines each time (:mod:`boligdesk.budget.envelopes`), so a changed
budget changes the envelopes. Spending registered per envelope carries over to the next one. Writes
return ``Changes`` of ``Part.ENVELOPES``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from boligdesk.budget import categories as cats
from boligdesk.budget.envelopes import (
    EnvelopePlanResult,
    EnvelopeSettings,
    EnvelopeStatus,
    carry_over,
    default_start,
    plan_envelopes,
)
from boligdesk.budget.lines import LineData
from boligdesk.budget.money import Money
from boligdesk.budget.vocabulary import LeftoverDaysRule
from boligdesk.errors import UserInputError
from boligdesk.models import EnvelopePlan, EnvelopeSpending
from boligdesk.services.budgets import load_budget
from boligdesk.services.changes import Changes, Created, Part
from boligdesk.services.desk import live

if TYPE_CHECKING:
    from boligdesk.services.desk import Desk

NOTE_MAX = 300


@dataclass(frozen=True, slots=True)
class EnvelopePlanView:
    id: str
    case_id: str
    budget_id: str
    settings: EnvelopeSettings
    result: EnvelopePlanResult
    statuses: tuple[EnvelopeStatus, ...]
    notes: dict[int, str]


def daily_money_purposes(lines: Sequence[LineData]) -> tuple[str, ...]:
    """What the envelopes are for: the texts of the daily-money lines with money (no duplicates)."""
    seen: list[str] = []
    for line in lines:
        if line.counts_as_daily_money and line.amount:
            text = line.text.strip() or cats.category_label(line.category)
            if text not in seen:
                seen.append(text)
    return tuple(seen)


def _plan_view(session: Session, plan: EnvelopePlan) -> EnvelopePlanView:
    view = load_budget(session, plan.budget_id)
    settings = EnvelopeSettings(
        monthly_daily_money=view.totals.daily_money,
        pay_day=plan.pay_day,
        start_on=plan.start_on,
        rounding_unit=plan.rounding_unit,
        leftover_rule=plan.leftover_rule.value,
        purposes=daily_money_purposes(view.lines),
    )
    result = plan_envelopes(settings)
    spendings = list(
        session.scalars(
            select(EnvelopeSpending).where(
                EnvelopeSpending.plan_id == plan.id, EnvelopeSpending.deleted.is_(False)
            )
        )
    )
    spent = {sp.envelope_index: sp.spent for sp in spendings}
    notes = {sp.envelope_index: sp.note for sp in spendings if sp.note}
    return EnvelopePlanView(
        id=plan.id,
        case_id=plan.case_id,
        budget_id=plan.budget_id,
        settings=settings,
        result=result,
        statuses=carry_over(result.envelopes, spent),
        notes=notes,
    )


def load_envelope_plan(session: Session, plan_id: str) -> EnvelopePlanView:
    return _plan_view(session, live(session, EnvelopePlan, plan_id))


def latest_envelope_plan(
    session: Session, case_id: str, *, budget_id: str | None = None
) -> EnvelopePlanView | None:
    """The case's envelope plan with the latest pay day (only plans of ``budget_id`` if given)."""
    query = select(EnvelopePlan).where(EnvelopePlan.case_id == case_id, EnvelopePlan.deleted.is_(False))
    if budget_id is not None:
        query = query.where(EnvelopePlan.budget_id == budget_id)
    plan = session.scalars(
        query.order_by(EnvelopePlan.pay_day.desc(), EnvelopePlan.created_at.desc())
    ).first()
    return None if plan is None else _plan_view(session, plan)


class EnvelopeService:
    """``desk.envelopes``: envelope plans of a budget and the spending registered per envelope."""

    def __init__(self, desk: Desk) -> None:
        self._desk = desk

    # ----------------------------------------------------------------------------------------- reads
    def default_settings(self, budget_id: str, pay_day: dt.date) -> EnvelopeSettings:
        """Settings for a new plan: the budget's daily money, start on the first Monday that fits."""
        view = self._desk.budget.load(budget_id)
        return EnvelopeSettings(
            monthly_daily_money=view.totals.daily_money,
            pay_day=pay_day,
            start_on=default_start(pay_day),
            purposes=daily_money_purposes(view.lines),
        )

    def load(self, plan_id: str) -> EnvelopePlanView:
        with self._desk.reading() as s:
            return load_envelope_plan(s, plan_id)

    def latest(self, case_id: str, *, budget_id: str | None = None) -> EnvelopePlanView | None:
        """The case's plan with the latest pay day (only plans of ``budget_id`` if given)."""
        with self._desk.reading() as s:
            return latest_envelope_plan(s, case_id, budget_id=budget_id)

    # ---------------------------------------------------------------------------------------- writes
    def save_plan(
        self,
        budget_id: str,
        *,
        pay_day: dt.date,
        start_on: dt.date,
        rounding_unit: Money,
        leftover_rule: str,
        plan_id: str | None = None,
    ) -> Created:
        """Validate and save the plan's choices (a new plan, or ``plan_id`` changed). ``Created.id`` is
        the plan's id either way."""
        view = self._desk.budget.load(budget_id)
        plan_envelopes(  # validates; raises UserInputError
            EnvelopeSettings(view.totals.daily_money, pay_day, start_on, rounding_unit, leftover_rule)
        )
        with self._desk.writing(view.case_id) as s:
            plan = s.get(EnvelopePlan, plan_id) if plan_id is not None else None
            if plan is None or plan.deleted:
                plan = EnvelopePlan(
                    case_id=view.case_id, budget_id=budget_id, pay_day=pay_day, start_on=start_on
                )
                s.add(plan)
            plan.budget_id = budget_id
            plan.pay_day = pay_day
            plan.start_on = start_on
            plan.rounding_unit = rounding_unit
            plan.leftover_rule = LeftoverDaysRule(leftover_rule)
            s.flush()
            return Created(plan.id, Changes.of(view.case_id, Part.ENVELOPES))

    def register_spending(
        self, plan_id: str, envelope_index: int, spent: Money | None, *, note: str = ""
    ) -> Changes:
        """Record what was actually spent from one envelope (``None`` removes the registration)."""
        if spent is not None and spent.is_negative():
            raise UserInputError("spent", "money.negative", "Forbruget kan ikke være negativt.")
        with self._desk.reading() as s:
            case_id = live(s, EnvelopePlan, plan_id).case_id
        with self._desk.writing(case_id) as s:
            live(s, EnvelopePlan, plan_id)
            row = s.scalars(
                select(EnvelopeSpending).where(
                    EnvelopeSpending.plan_id == plan_id,
                    EnvelopeSpending.envelope_index == envelope_index,
                    EnvelopeSpending.deleted.is_(False),
                )
            ).first()
            if spent is None:
                if row is not None:
                    row.deleted = True
            elif row is None:
                s.add(
                    EnvelopeSpending(
                        plan_id=plan_id, envelope_index=envelope_index, spent=spent, note=note[:NOTE_MAX]
                    )
                )
            else:
                row.spent = spent
                row.note = note[:NOTE_MAX]
        return Changes.of(case_id, Part.ENVELOPES)
