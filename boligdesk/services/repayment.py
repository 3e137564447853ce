"""Repayment plans in the store: arrears parts, drafts, agreeing versions, payments, broken/fulfilled.

The rules themselves (schedule, policy, feasibility, payment status) are in
:mod:`boligdesk.budget.repayment`; this module loads the case's facts, checks them with those rules and
saves the result, one short session per action, with an audit event.

What the numbers mean:

* The **arrears** are the case's :class:`~boligdesk.models.ArrearsItem` rows (rent months, fees). When a
  case has none (e.g. imported with only an amount), ``Case.arrears`` is used as one lump; adding the
  first part here turns that lump into a part of its own first, so it is not lost.
* ``Case.arrears`` is the *registered* arrears. Editing the parts here sets it to their sum (as the case
  view's "set to the parts' total" does); payments never change it.
* The **debt for a new plan** is the arrears minus every payment registered on the case's plans so far
  (:class:`DebtPicture`). So a renegotiation starts from what is still owed, and new arrears (a month of
  rent missed since) are added as new parts.
* A plan is agreed from a draft: the builder's inputs are saved as the user types (``status = draft``,
  one draft per case). :func:`agree_plan` validates, builds the schedule, checks the estate's policy and
  turns the draft into the new **active** version; an earlier active plan becomes **superseded** and
  stays in the history. A draft with ``months == 0`` was built from the monthly instalment.
* A plan becomes **fulfilled** automatically when its payments cover its debt; the adviser marks it
  **broken** (misligholdt). Both are recorded on the plan (status, ``ended_on``) and on the case.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from boligdesk.budget.calendar import format_short
from boligdesk.budget.money import Money
from boligdesk.budget.repayment import (
    BudgetRoom,
    PaymentFact,
    PlannedInstalment,
    PlanPolicy,
    PlanProgress,
    Schedule,
    build_schedule,
    check_policy,
    plan_progress,
)
from boligdesk.budget.vocabulary import AgreedVia, AuditAction, CasePhase, Outcome, PlanStatus
from boligdesk.errors import UserInputError
from boligdesk.models import Budget, Case, Instalment, Payment, RepaymentPlan
from boligdesk.models.store import Store
from boligdesk.services import audit
from boligdesk.services.arrears import ArrearsRow as ArrearsRow
from boligdesk.services.arrears import arrears_rows, arrears_total
from boligdesk.services.budgets import latest_budget_totals

ZERO = Money(0)
MISSED_INSTALMENT_NEXT_STEP = "Kontakt lejeren om det manglende afdrag."
EARLIEST_START_DAYS_BACK = 31
LATEST_START_DAYS_AHEAD = 366
PLAN_ENTITY = "repayment_plan"


# --- plain rows -----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class DebtPicture:
    items: tuple[ArrearsRow, ...]
    items_total: Money
    paid_earlier: Money
    """Payments registered on the case's plans so far (all versions)."""
    registered: Money = ZERO
    """``Case.arrears``: normally the parts' total; it can differ when edited elsewhere."""

    @property
    def registered_differs(self) -> bool:
        return bool(self.items) and self.registered != self.items_total

    @property
    def debt(self) -> Money:
        """What a new plan would cover: the arrears minus what has been paid on earlier plans."""
        rest = self.items_total - self.paid_earlier
        return rest if rest.ore > 0 else ZERO


@dataclass(frozen=True, slots=True)
class PlanContext:
    """Everything the builder needs to know about a case."""

    case_id: str
    case_number: str
    tenant_name: str
    rent: Money
    policy: PlanPolicy
    debt: DebtPicture
    budget_id: str | None
    budget_made_on: dt.date | None
    budget: BudgetRoom | None


@dataclass(frozen=True, slots=True)
class PlanInput:
    """The builder's inputs: start date, *either* months *or* instalment, how it was agreed, why."""

    start_on: dt.date
    months: int | None = None
    instalment: Money | None = None
    agreed_via: AgreedVia = AgreedVia.MEETING
    assessment: str = ""
    budget_id: str | None = None


@dataclass(frozen=True, slots=True)
class DraftView:
    id: str
    data: PlanInput


@dataclass(frozen=True, slots=True)
class PaymentRow:
    id: str
    paid_on: dt.date
    amount: Money
    note: str
    registered_by: str


@dataclass(frozen=True, slots=True)
class PlanView:
    """One agreed version of a plan, with its schedule and payments (no database object)."""

    id: str
    case_id: str
    version: int
    status: PlanStatus
    debt: Money
    start_on: dt.date
    months: int
    instalment: Money
    rent: Money
    budget_id: str | None
    agreed_via: AgreedVia
    assessment: str
    agreed_on: dt.date | None
    ended_on: dt.date | None
    made_by: str
    previous_id: str | None
    instalments: tuple[PlannedInstalment, ...]
    payments: tuple[PaymentRow, ...]

    @property
    def schedule(self) -> Schedule:
        return Schedule(debt=self.debt, rent=self.rent, instalments=self.instalments)

    @property
    def paid_total(self) -> Money:
        return Money(sum(p.amount.ore for p in self.payments))

    def progress(self, today: dt.date) -> PlanProgress:
        facts = [PaymentFact(p.paid_on, p.amount) for p in self.payments]
        return plan_progress(self.instalments, facts, today)


@dataclass(frozen=True, slots=True)
class MissedInstalment:
    """An instalment of an active plan that is overdue and not (fully) paid — shown in Frister."""

    case_id: str
    plan_id: str
    seq: int
    due_on: dt.date
    missing: Money


# --- loading --------------------------------------------------------------------------------------
def _case(session: Session, case_id: str) -> Case:
    case = session.get(Case, case_id)
    if case is None or case.deleted:
        raise UserInputError("case", "case.unknown", "Sagen findes ikke (længere).")
    return case


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
    case = _case(session, case_id)
    rows = arrears_rows(session, case_id)
    items_total = arrears_total(rows) if rows else case.arrears
    return DebtPicture(tuple(rows), items_total, _paid_on_case(session, case_id), case.arrears)


def policy_for_case(session: Session, case: Case) -> PlanPolicy:
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
    case = _case(session, case_id)
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
        policy=policy_for_case(session, case),
        debt=debt_picture(session, case_id),
        budget_id=budget[0] if budget is not None else None,
        budget_made_on=made_on,
        budget=budget[1] if budget is not None else None,
    )


def _plan_views(session: Session, plans: list[RepaymentPlan]) -> list[PlanView]:
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
    views = []
    for plan in plans:
        views.append(
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
        )
    return views


def plans_for_case(session: Session, case_id: str) -> list[PlanView]:
    """Every agreed version of the case's plans, newest version first (drafts are not included)."""
    plans = session.scalars(
        select(RepaymentPlan)
        .where(
            RepaymentPlan.case_id == case_id,
            RepaymentPlan.deleted.is_(False),
            RepaymentPlan.status != PlanStatus.DRAFT,
        )
        .order_by(RepaymentPlan.version.desc(), RepaymentPlan.created_at.desc())
    ).all()
    return _plan_views(session, list(plans))


def active_plan(session: Session, case_id: str) -> PlanView | None:
    """The plan the tenant is paying on now, if any."""
    return next((p for p in plans_for_case(session, case_id) if p.status is PlanStatus.ACTIVE), None)


def _draft(session: Session, case_id: str) -> RepaymentPlan | None:
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
    plan = _draft(session, case_id)
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


def missed_instalments(session: Session, today: dt.date) -> list[MissedInstalment]:
    """Overdue, unpaid (or part-paid) instalments of every active plan, oldest first."""
    plans = session.scalars(
        select(RepaymentPlan)
        .join(Case, RepaymentPlan.case_id == Case.id)
        .where(
            RepaymentPlan.deleted.is_(False),
            RepaymentPlan.status == PlanStatus.ACTIVE,
            Case.deleted.is_(False),
        )
    ).all()
    missed: list[MissedInstalment] = []
    for view in _plan_views(session, list(plans)):
        for item in view.progress(today).overdue:
            missed.append(MissedInstalment(view.case_id, view.id, item.seq, item.due_on, item.missing))
    missed.sort(key=lambda m: (m.due_on, m.case_id, m.seq))
    return missed


# --- drafts and agreeing --------------------------------------------------------------------------
def _validate_start(start_on: dt.date, today: dt.date) -> None:
    if start_on < today - dt.timedelta(days=EARLIEST_START_DAYS_BACK):
        raise UserInputError(
            "start_on",
            "plan.start_too_early",
            "Første afdrag ligger mere end en måned tilbage i tiden. Tjek datoen.",
        )
    if start_on > today + dt.timedelta(days=LATEST_START_DAYS_AHEAD):
        raise UserInputError(
            "start_on",
            "plan.start_too_late",
            "Første afdrag ligger mere end et år ude i fremtiden. Tjek årstallet.",
        )


def _check_budget(session: Session, case_id: str, budget_id: str | None) -> None:
    if budget_id is None:
        return
    budget = session.get(Budget, budget_id)
    if budget is None or budget.deleted or budget.case_id != case_id:
        raise UserInputError("budget", "plan.budget_unknown", "Budgettet hører ikke til sagen.")


def save_draft(store: Store, case_id: str, data: PlanInput, *, actor: str = "") -> str:
    """Save the builder's inputs (as the user types) as the case's one draft. Returns the draft id."""
    with store.session() as s:
        _case(s, case_id)
        plan = _draft(s, case_id)
        if plan is None:
            plan = RepaymentPlan(case_id=case_id, status=PlanStatus.DRAFT, version=0, start_on=data.start_on)
            s.add(plan)
        plan.start_on = data.start_on
        plan.months = data.months if data.months is not None else 0
        plan.instalment = data.instalment if data.months is None and data.instalment is not None else ZERO
        plan.agreed_via = data.agreed_via
        plan.assessment = data.assessment
        plan.budget_id = data.budget_id
        plan.made_by = actor
        s.flush()
        return plan.id


def _schedule_for(context: PlanContext, data: PlanInput) -> Schedule:
    return build_schedule(
        context.debt.debt, data.start_on, months=data.months, instalment=data.instalment, rent=context.rent
    )


def preview_schedule(session: Session, case_id: str, data: PlanInput) -> Schedule:
    """The schedule :func:`agree_plan` would save for ``data`` now, e.g. for a draft's printout.

    Raises :class:`UserInputError` when ``data`` cannot make a schedule.
    """
    return _schedule_for(plan_context(session, case_id), data)


def agree_plan(store: Store, case_id: str, data: PlanInput, *, today: dt.date, actor: str = "") -> str:
    """Agree a new plan version from ``data``: validate, check the policy, save. Returns the plan id.

    An active plan of the case becomes superseded (renegotiation); it stays in the history with its
    payments. Raises :class:`UserInputError` (Danish message) and saves nothing when anything is wrong.
    """
    _validate_start(data.start_on, today)
    with store.session() as s:
        case = _case(s, case_id)
        _check_budget(s, case_id, data.budget_id)
        context = plan_context(s, case_id)
        schedule = _schedule_for(context, data)
        check_policy(
            schedule.months,
            context.policy,
            has_budget=data.budget_id is not None,
            assessment=data.assessment,
        )
        agreed = list(
            s.scalars(
                select(RepaymentPlan).where(
                    RepaymentPlan.case_id == case_id,
                    RepaymentPlan.deleted.is_(False),
                    RepaymentPlan.status != PlanStatus.DRAFT,
                )
            )
        )
        latest = max(agreed, key=lambda p: p.version, default=None)
        for old in agreed:
            if old.status is PlanStatus.ACTIVE:
                old.status = PlanStatus.SUPERSEDED
                old.ended_on = today
        plan = _draft(s, case_id)
        if plan is None:
            plan = RepaymentPlan(case_id=case_id, start_on=data.start_on)
            s.add(plan)
        plan.status = PlanStatus.ACTIVE
        plan.version = (latest.version + 1) if latest is not None else 1
        plan.previous_id = latest.id if latest is not None else None
        plan.debt = schedule.debt
        plan.start_on = data.start_on
        plan.months = schedule.months
        plan.instalment = schedule.regular
        plan.rent = schedule.rent
        plan.budget_id = data.budget_id
        plan.agreed_via = data.agreed_via
        plan.assessment = data.assessment.strip()
        plan.agreed_on = today
        plan.ended_on = None
        plan.made_by = actor
        s.flush()
        for item in schedule.instalments:
            s.add(Instalment(plan_id=plan.id, seq=item.seq, due_on=item.due_on, amount=item.amount))
        if case.phase is not CasePhase.CLOSED:
            case.phase = CasePhase.REPAYMENT
        if case.outcome is None:
            case.outcome = Outcome.REPAYMENT_PLAN
        audit.record(
            s,
            AuditAction.CREATE,
            entity=PLAN_ENTITY,
            entity_id=plan.id,
            case_id=case_id,
            actor=actor,
            device=store.device_id,
            detail=f"version={plan.version}; months={schedule.months}; via={data.agreed_via.value}",
        )
        return plan.id


# --- follow-up ------------------------------------------------------------------------------------
def _plan(session: Session, plan_id: str) -> RepaymentPlan:
    plan = session.get(RepaymentPlan, plan_id)
    if plan is None or plan.deleted:
        raise UserInputError("plan", "plan.unknown", "Afdragsordningen findes ikke (længere).")
    return plan


def _view(session: Session, plan: RepaymentPlan) -> PlanView:
    return _plan_views(session, [plan])[0]


def _record_fulfilled(case: Case) -> None:
    case.arrears_covered = True
    if case.outcome in (None, Outcome.REPAYMENT_PLAN):
        case.outcome = Outcome.ARREARS_PAID
    if case.phase is CasePhase.REPAYMENT:
        case.phase = CasePhase.FOLLOW_UP


def register_payment(
    store: Store,
    plan_id: str,
    paid_on: dt.date,
    amount: Money,
    *,
    today: dt.date,
    note: str = "",
    actor: str = "",
) -> PlanProgress:
    """Register a payment (partial payments allowed). Fulfils the plan when its debt is paid."""
    if amount.ore <= 0:
        raise UserInputError("amount", "payment.not_positive", "Indbetalingen skal være større end 0 kr.")
    if paid_on > today:
        raise UserInputError(
            "paid_on",
            "payment.in_future",
            "Datoen ligger efter i dag. Registrér indbetalingen, når den er modtaget.",
        )
    with store.session() as s:
        plan = _plan(s, plan_id)
        if plan.status is PlanStatus.SUPERSEDED:
            raise UserInputError(
                "plan",
                "payment.plan_superseded",
                "Denne version af planen er erstattet af en nyere. Registrér indbetalingen på den gældende plan.",
            )
        if plan.status is PlanStatus.FULFILLED:
            raise UserInputError("plan", "payment.plan_fulfilled", "Planen er allerede betalt og opfyldt.")
        if plan.status is PlanStatus.DRAFT:
            raise UserInputError("plan", "payment.plan_draft", "Planen er ikke aftalt endnu.")
        earliest = min(d for d in (plan.agreed_on, plan.start_on) if d is not None)
        if paid_on < earliest:
            raise UserInputError(
                "paid_on",
                "payment.before_plan",
                f"Indbetalingen er dateret før afdragsordningen begyndte ({format_short(earliest)}). "
                "Tjek datoen.",
            )
        payment = Payment(
            plan_id=plan.id, paid_on=paid_on, amount=amount, note=note.strip(), registered_by=actor
        )
        s.add(payment)
        s.flush()
        case = _case(s, plan.case_id)
        progress = _view(s, plan).progress(today)
        if progress.fulfilled:
            plan.status = PlanStatus.FULFILLED
            plan.ended_on = progress.fulfilled_on
            _record_fulfilled(case)
        audit.record(
            s,
            AuditAction.CREATE,
            entity="payment",
            entity_id=payment.id,
            case_id=plan.case_id,
            actor=actor,
            device=store.device_id,
            detail=f"plan={plan.id}; fulfilled={progress.fulfilled}",
        )
        return progress


def cancel_payment(store: Store, payment_id: str, *, today: dt.date, actor: str = "") -> None:
    """Take back a payment registered by mistake. A plan it fulfilled becomes active again."""
    with store.session() as s:
        payment = s.get(Payment, payment_id)
        if payment is None or payment.deleted:
            return
        payment.deleted = True
        s.flush()
        plan = _plan(s, payment.plan_id)
        case = _case(s, plan.case_id)
        if plan.status is PlanStatus.FULFILLED and not _view(s, plan).progress(today).fulfilled:
            plan.status = PlanStatus.ACTIVE
            plan.ended_on = None
            if case.outcome is Outcome.ARREARS_PAID:
                case.outcome = Outcome.REPAYMENT_PLAN
            case.arrears_covered = None
            if case.phase is CasePhase.FOLLOW_UP:
                case.phase = CasePhase.REPAYMENT
        audit.record(
            s,
            AuditAction.DELETE,
            entity="payment",
            entity_id=payment.id,
            case_id=plan.case_id,
            actor=actor,
            device=store.device_id,
        )


def mark_broken(store: Store, plan_id: str, *, today: dt.date, actor: str = "") -> None:
    """The adviser records that the tenant has not kept the plan (misligholdt)."""
    with store.session() as s:
        plan = _plan(s, plan_id)
        if plan.status is not PlanStatus.ACTIVE:
            raise UserInputError(
                "plan",
                "plan.not_active",
                f"Kun en aktiv plan kan markeres som misligholdt. Planen er »{plan.status.label}«.",
            )
        plan.status = PlanStatus.BROKEN
        plan.ended_on = today
        case = _case(s, plan.case_id)
        if case.phase is CasePhase.REPAYMENT:
            case.phase = CasePhase.FOLLOW_UP
        if case.outcome is Outcome.REPAYMENT_PLAN:
            case.outcome = None
        audit.record(
            s,
            AuditAction.UPDATE,
            entity=PLAN_ENTITY,
            entity_id=plan.id,
            case_id=plan.case_id,
            actor=actor,
            device=store.device_id,
            detail="status=broken",
        )
