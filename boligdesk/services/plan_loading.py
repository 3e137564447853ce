"""Reading a case's repayment facts inside a session: debt, policy, budget room, versions, draft.

Used by :class:`~boligdesk.services.plan.PlanService` (which opens the sessions) and by Frister (missed
instalments). Every function returns plain rows from :mod:`boligdesk.services.plan_rows`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.orm import Session

from boligdesk.budget.money import Money
from boligdesk.budget.repayment import (
    BudgetRoom,
    PlannedInstalment,
    PlanPolicy,
    Schedule,
    build_schedule,
    next_instalment_due,
)
from boligdesk.budget.vocabulary import PlanStatus
from boligdesk.models import Application, Budget, Case, Instalment, Payment, RepaymentPlan
from boligdesk.services.arrears import arrears_rows, arrears_total
from boligdesk.services.budgets import latest_budget_totals
from boligdesk.services.case_list_rows import plan_days
from boligdesk.services.desk import live
from boligdesk.services.plan_rows import (
    ZERO,
    DebtPicture,
    DraftView,
    MissedInstalment,
    PaymentRow,
    PlanContext,
    PlanInput,
    PlanView,
)


def plans_in_force(session: Session, case_ids: Collection[str] | None = None) -> dict[str, dt.date]:
    """The day each case's repayment plan in force (running or kept; not a draft, an older version or a
    broken plan) was agreed, by case id: the fact that answers a påkrav (``budget.deadlines`` rule 5)."""
    stmt = select(RepaymentPlan.case_id, RepaymentPlan.agreed_on, RepaymentPlan.start_on).where(
        RepaymentPlan.deleted.is_(False),
        RepaymentPlan.status.in_((PlanStatus.ACTIVE, PlanStatus.FULFILLED)),
    )
    if case_ids is not None:
        stmt = stmt.where(RepaymentPlan.case_id.in_(list(case_ids)))
    return plan_days(session.execute(stmt))


def granted_to_arrears(session: Session, case_id: str) -> Money:
    """The granted amounts of the case's applications that were applied to the arrears."""
    amounts = session.scalars(
        select(Application.granted_amount).where(
            Application.case_id == case_id,
            Application.deleted.is_(False),
            Application.applied_to_arrears.is_(True),
        )
    )
    return Money(sum(a.ore for a in amounts if a is not None))


def _paid_on_case(session: Session, case_id: str) -> Money:
    amounts = session.scalars(
        select(Payment.amount)
        .join(RepaymentPlan, Payment.plan_id == RepaymentPlan.id)
        .where(
            RepaymentPlan.case_id == case_id,
            RepaymentPlan.deleted.is_(False),
            Payment.deleted.is_(False),
        )
    )
    return Money(sum(a.ore for a in amounts))


def debt_picture(session: Session, case_id: str) -> DebtPicture:
    case = live(session, Case, case_id)
    rows = arrears_rows(session, case_id)
    items_total = arrears_total(rows) if rows else case.arrears
    return DebtPicture(
        tuple(rows),
        items_total,
        _paid_on_case(session, case_id),
        case.arrears,
        granted_to_arrears(session, case_id),
    )


def policy_for_case(case: Case) -> PlanPolicy:
    tenancy = case.tenancy
    estate = tenancy.estate if tenancy is not None else None
    if estate is None or estate.deleted:
        return PlanPolicy()
    return PlanPolicy(
        max_months=estate.max_plan_months,
        phone_limit_months=estate.phone_plan_max_months,
        estate_name=estate.display_name,
    )


def _budget_room(session: Session, case_id: str, rent: Money) -> tuple[str, BudgetRoom] | None:
    """The latest budget's income and need-to-have spending.

    The rent is one of the need-to-have expenses. A budget without a rent line would make the plan
    look affordable when it is not, so the tenancy's rent is added to the need total in that case.
    """
    found = latest_budget_totals(session, case_id)
    if found is None:
        return None
    budget_id, totals = found
    need = totals.need_expenses if totals.rent else totals.need_expenses + rent
    return budget_id, BudgetRoom(income=totals.income, need_expenses=need, nice_expenses=totals.nice_expenses)


def plan_context(session: Session, case_id: str) -> PlanContext:
    case = live(session, Case, case_id)
    tenancy = case.tenancy
    rent = tenancy.rent if tenancy is not None else ZERO
    budget = _budget_room(session, case_id, rent)
    made_on = None
    if budget is not None:
        row = session.get(Budget, budget[0])
        made_on = row.made_on if row is not None else None
    return PlanContext(
        case_id=case.id,
        case_number=case.number,
        tenant_name=case.tenant.full_name,
        rent=rent,
        policy=policy_for_case(case),
        debt=debt_picture(session, case_id),
        budget_id=budget[0] if budget is not None else None,
        budget_made_on=made_on,
        budget=budget[1] if budget is not None else None,
    )


def schedule_for(context: PlanContext, data: PlanInput) -> Schedule:
    return build_schedule(
        context.debt.debt, data.start_on, months=data.months, instalment=data.instalment, rent=context.rent
    )


def plan_views(session: Session, plans: list[RepaymentPlan]) -> list[PlanView]:
    ids = [p.id for p in plans]
    if not ids:
        return []
    instalments: dict[str, list[PlannedInstalment]] = defaultdict(list)
    for row in session.scalars(
        select(Instalment).where(Instalment.plan_id.in_(ids), Instalment.deleted.is_(False))
    ):
        instalments[row.plan_id].append(PlannedInstalment(row.seq, row.due_on, row.amount))
    payments: dict[str, list[PaymentRow]] = defaultdict(list)
    for pay in session.scalars(select(Payment).where(Payment.plan_id.in_(ids), Payment.deleted.is_(False))):
        payments[pay.plan_id].append(PaymentRow(pay.id, pay.paid_on, pay.amount, pay.note, pay.registered_by))
    return [
        PlanView(
            id=plan.id,
            case_id=plan.case_id,
            version=plan.version,
            status=plan.status,
            debt=plan.debt,
            start_on=plan.start_on,
            months=plan.months,
            instalment=plan.instalment,
            rent=plan.rent,
            budget_id=plan.budget_id,
            agreed_via=plan.agreed_via,
            assessment=plan.assessment,
            agreed_on=plan.agreed_on,
            ended_on=plan.ended_on,
            made_by=plan.made_by,
            previous_id=plan.previous_id,
            instalments=tuple(sorted(instalments[plan.id], key=lambda i: i.seq)),
            payments=tuple(sorted(payments[plan.id], key=lambda p: (p.paid_on, p.id))),
        )
        for plan in plans
    ]


def agreed_plans(session: Session, case_id: str) -> list[RepaymentPlan]:
    """The case's agreed versions (every status but draft), newest version first."""
    return list(
        session.scalars(
            select(RepaymentPlan)
            .where(
                RepaymentPlan.case_id == case_id,
                RepaymentPlan.deleted.is_(False),
                RepaymentPlan.status != PlanStatus.DRAFT,
            )
            .order_by(RepaymentPlan.version.desc(), RepaymentPlan.created_at.desc())
        )
    )


def plans_for_case(session: Session, case_id: str) -> list[PlanView]:
    """Every agreed version of the case's plans, newest version first (drafts are not included)."""
    return plan_views(session, agreed_plans(session, case_id))


def draft_row(session: Session, case_id: str) -> RepaymentPlan | None:
    return session.scalars(
        select(RepaymentPlan)
        .where(
            RepaymentPlan.case_id == case_id,
            RepaymentPlan.deleted.is_(False),
            RepaymentPlan.status == PlanStatus.DRAFT,
        )
        .order_by(RepaymentPlan.created_at.desc())
        .limit(1)
    ).first()


def draft_for_case(session: Session, case_id: str) -> DraftView | None:
    """The builder's saved inputs for the case's next plan, if the adviser has started one."""
    plan = draft_row(session, case_id)
    if plan is None:
        return None
    by_months = plan.months > 0
    data = PlanInput(
        start_on=plan.start_on,
        months=plan.months if by_months else None,
        instalment=None if by_months else plan.instalment,
        agreed_via=plan.agreed_via,
        assessment=plan.assessment,
        budget_id=plan.budget_id,
    )
    return DraftView(plan.id, data)


def _active_plans(session: Session, case_id: str | None) -> list[RepaymentPlan]:
    stmt = (
        select(RepaymentPlan)
        .join(Case, RepaymentPlan.case_id == Case.id)
        .where(
            RepaymentPlan.deleted.is_(False),
            RepaymentPlan.status == PlanStatus.ACTIVE,
            Case.deleted.is_(False),
        )
    )
    if case_id is not None:
        stmt = stmt.where(RepaymentPlan.case_id == case_id)
    return list(session.scalars(stmt).all())


def missed_instalments(
    session: Session, today: dt.date, *, case_id: str | None = None
) -> list[MissedInstalment]:
    """Overdue, unpaid (or part-paid) instalments of every active plan (of ``case_id`` only, when given),
    oldest first."""
    plans = _active_plans(session, case_id)
    missed: list[MissedInstalment] = []
    for view in plan_views(session, list(plans)):
        for item in view.progress(today).overdue:
            missed.append(MissedInstalment(view.case_id, view.id, item.seq, item.due_on, item.missing))
    missed.sort(key=lambda m: (m.due_on, m.case_id, m.seq))
    return missed


def upcoming_instalments(
    session: Session, today: dt.date, *, within_days: int, case_id: str | None = None
) -> list[MissedInstalment]:
    """The next not-yet-due, not fully paid instalment of every active plan (of ``case_id`` only, when
    given), when it falls due within ``within_days`` days (``missing`` is what is still to pay on it)."""
    plans = _active_plans(session, case_id)
    upcoming: list[MissedInstalment] = []
    for view in plan_views(session, list(plans)):
        found = next_instalment_due(view.progress(today), today, within_days)
        if found is not None:
            item, day = found
            upcoming.append(MissedInstalment(view.case_id, view.id, item.seq, day, item.missing))
    upcoming.sort(key=lambda m: (m.due_on, m.case_id, m.seq))
    return upcoming
