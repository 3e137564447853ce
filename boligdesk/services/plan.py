"""``desk.plan``: the repayment plan aggregate (afdragsordning) — drafts, agreeing, payments, broken.

The rules themselves (schedule, policy, feasibility, payment status) are in
:mod:`boligdesk.budget.repayment`; this service loads the case's facts (:mod:`.plan_loading`), checks
them with those rules and saves the result, one short ``desk.writing`` transaction per action. The store's
flush hook writes the audit rows (one per plan, instalment or payment created or changed).

What the numbers mean:

* The **arrears** are the case's arrears parts (rent months, fees; edited in the arrears panel). When a
  case has none (e.g. imported with only an amount), ``Case.arrears`` is used as one lump.
* The **debt for a new plan** is the arrears minus every payment registered on the case's plans so far
  (:class:`~boligdesk.services.plan_rows.DebtPicture`). So a renegotiation starts from what is still
  owed, and new arrears (a month of rent missed since) are added as new parts.
* A plan is agreed from a draft: the builder's inputs are saved as the user types (``status = draft``,
  one draft per case). :meth:`PlanService.agree` validates, builds the schedule, checks the estate's
  policy and turns the draft into the new **active** version; an earlier active plan becomes
  **superseded** and stays in the history. A draft with ``months == 0`` was built from the monthly
  instalment.
* A plan becomes **fulfilled** automatically when its payments cover its debt; the adviser marks it
  **broken** (misligholdt). Both are recorded on the plan (status, ``ended_on``) and on the case.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from boligdesk.budget.calendar import format_short
from boligdesk.budget.money import Money
from boligdesk.budget.repayment import Schedule, check_policy, check_starts_on_or_after_agreement
from boligdesk.budget.vocabulary import CasePhase, Outcome, PlanStatus
from boligdesk.errors import UserInputError
from boligdesk.models import Budget, Case, Instalment, Payment, RepaymentPlan
from boligdesk.services import plan_loading as load
from boligdesk.services.changes import Changes, Created, Part
from boligdesk.services.desk import live
from boligdesk.services.plan_rows import (
    EARLIEST_START_DAYS_BACK,
    LATEST_START_DAYS_AHEAD,
    ZERO,
    DraftView,
    MissedInstalment,
    PaymentRegistered,
    PlanContext,
    PlanInput,
    PlanView,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from boligdesk.services.desk import Desk


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


def _case_facts(case: Case) -> tuple[CasePhase, Outcome | None, bool | None]:
    return case.phase, case.outcome, case.arrears_covered


def _plan_changes(case_id: str, before: tuple[object, ...], case: Case) -> Changes:
    """The plan changed; the case (its phase, outcome: list and closing page) too when they moved."""
    after = _case_facts(case)
    if after[0] != before[0]:
        return Changes.of(case_id, Part.PLAN, Part.CASE, Part.CLOSING)
    if after != before:
        return Changes.of(case_id, Part.PLAN, Part.CLOSING)
    return Changes.of(case_id, Part.PLAN)


def _record_fulfilled(case: Case) -> None:
    case.arrears_covered = True
    if case.outcome in (None, Outcome.REPAYMENT_PLAN):
        case.outcome = Outcome.ARREARS_PAID
    if case.phase is CasePhase.REPAYMENT:
        case.phase = CasePhase.FOLLOW_UP


def agree_plan(session: Session, case_id: str, data: PlanInput, *, today: dt.date, made_by: str) -> Created:
    """The one way a plan is agreed (:meth:`PlanService.agree`, and the demo data on its own day).

    ``today`` is the day of the agreement: the schedule's first instalment may not fall before it.
    """
    s = session
    case = live(s, Case, case_id)
    _check_budget(s, case_id, data.budget_id)
    context = load.plan_context(s, case_id)
    schedule = load.schedule_for(context, data)
    check_policy(
        schedule.months,
        context.policy,
        has_budget=data.budget_id is not None,
        assessment=data.assessment,
    )
    check_starts_on_or_after_agreement(schedule, today)
    agreed = load.agreed_plans(s, case_id)
    latest = max(agreed, key=lambda p: p.version, default=None)
    for old in agreed:
        if old.status is PlanStatus.ACTIVE:
            old.status = PlanStatus.SUPERSEDED
            old.ended_on = today
    plan = load.draft_row(s, case_id)
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
    plan.made_by = made_by
    s.flush()
    for item in schedule.instalments:
        s.add(Instalment(plan_id=plan.id, seq=item.seq, due_on=item.due_on, amount=item.amount))
    before = _case_facts(case)
    if case.phase is not CasePhase.CLOSED:
        case.phase = CasePhase.REPAYMENT
    if case.outcome is None:
        case.outcome = Outcome.REPAYMENT_PLAN
    return Created(plan.id, _plan_changes(case_id, before, case))


class PlanService:
    """``desk.plan``: read the case's plan facts, save drafts, agree versions, follow payments up."""

    def __init__(self, desk: Desk) -> None:
        self._desk = desk

    # --- reads ------------------------------------------------------------------------------------
    def context(self, case_id: str) -> PlanContext:
        """What the builder needs about the case (NotFoundError when the case is gone)."""
        with self._desk.reading() as s:
            return load.plan_context(s, case_id)

    def plans(self, case_id: str) -> list[PlanView]:
        """Every agreed version of the case's plans, newest version first (drafts are not included)."""
        with self._desk.reading() as s:
            return load.plans_for_case(s, case_id)

    def active(self, case_id: str) -> PlanView | None:
        """The plan the tenant is paying on now, if any."""
        return next((p for p in self.plans(case_id) if p.status is PlanStatus.ACTIVE), None)

    def draft(self, case_id: str) -> DraftView | None:
        """The builder's saved inputs for the case's next plan, if the adviser has started one."""
        with self._desk.reading() as s:
            return load.draft_for_case(s, case_id)

    def missed_instalments(self) -> list[MissedInstalment]:
        """Overdue, unpaid (or part-paid) instalments of every active plan today, oldest first."""
        with self._desk.reading() as s:
            return load.missed_instalments(s, self._desk.today())

    def preview_schedule(self, case_id: str, data: PlanInput) -> Schedule:
        """The schedule :meth:`agree` would save for ``data`` now, e.g. for a draft's printout.

        Raises :class:`UserInputError` when ``data`` cannot make a schedule.
        """
        with self._desk.reading() as s:
            return load.schedule_for(load.plan_context(s, case_id), data)

    # --- drafts and agreeing ----------------------------------------------------------------------
    def save_draft(self, case_id: str, data: PlanInput) -> Created:
        """Save the builder's inputs (as the user types) as the case's one draft."""
        with self._desk.writing(case_id) as s:
            live(s, Case, case_id)
            plan = load.draft_row(s, case_id)
            if plan is None:
                plan = RepaymentPlan(
                    case_id=case_id, status=PlanStatus.DRAFT, version=0, start_on=data.start_on
                )
                s.add(plan)
            plan.start_on = data.start_on
            plan.months = data.months if data.months is not None else 0
            plan.instalment = data.instalment if data.months is None and data.instalment is not None else ZERO
            plan.agreed_via = data.agreed_via
            plan.assessment = data.assessment
            plan.budget_id = data.budget_id
            plan.made_by = self._desk.adviser_name
            s.flush()
            return Created(plan.id, Changes.of(case_id, Part.PLAN))

    def agree(self, case_id: str, data: PlanInput) -> Created:
        """Agree a new plan version from ``data``: validate, check the policy, save.

        An active plan of the case becomes superseded (renegotiation); it stays in the history with its
        payments. Raises :class:`UserInputError` (Danish message) and saves nothing when anything is wrong.
        """
        today = self._desk.today()
        _validate_start(data.start_on, today)
        with self._desk.writing(case_id) as s:
            return agree_plan(s, case_id, data, today=today, made_by=self._desk.adviser_name)

    # --- follow-up --------------------------------------------------------------------------------
    def register_payment(
        self, plan_id: str, paid_on: dt.date, amount: Money, *, note: str = ""
    ) -> PaymentRegistered:
        """Register a payment (partial payments allowed). Fulfils the plan when its debt is paid."""
        today = self._desk.today()
        if amount.ore <= 0:
            raise UserInputError("amount", "payment.not_positive", "Indbetalingen skal være større end 0 kr.")
        if paid_on > today:
            raise UserInputError(
                "paid_on",
                "payment.in_future",
                "Datoen ligger efter i dag. Registrér indbetalingen, når den er modtaget.",
            )
        with self._desk.writing() as s:
            plan = live(s, RepaymentPlan, plan_id)
            s.info["case_id"] = plan.case_id
            if plan.status is PlanStatus.SUPERSEDED:
                raise UserInputError(
                    "plan",
                    "payment.plan_superseded",
                    "Denne version af planen er erstattet af en nyere. "
                    "Registrér indbetalingen på den gældende plan.",
                )
            if plan.status is PlanStatus.FULFILLED:
                raise UserInputError(
                    "plan", "payment.plan_fulfilled", "Planen er allerede betalt og opfyldt."
                )
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
                plan_id=plan.id,
                paid_on=paid_on,
                amount=amount,
                note=note.strip(),
                registered_by=self._desk.adviser_name,
            )
            s.add(payment)
            s.flush()
            case = live(s, Case, plan.case_id)
            before = _case_facts(case)
            progress = load.plan_views(s, [plan])[0].progress(today)
            if progress.fulfilled:
                plan.status = PlanStatus.FULFILLED
                plan.ended_on = progress.fulfilled_on
                _record_fulfilled(case)
            return PaymentRegistered(payment.id, progress, _plan_changes(plan.case_id, before, case))

    def cancel_payment(self, payment_id: str) -> Changes:
        """Take back a payment registered by mistake. A plan it fulfilled becomes active again."""
        with self._desk.writing() as s:
            payment = s.get(Payment, payment_id)
            if payment is None or payment.deleted:
                return Changes.none()
            plan = live(s, RepaymentPlan, payment.plan_id)
            s.info["case_id"] = plan.case_id
            payment.deleted = True
            s.flush()
            case = live(s, Case, plan.case_id)
            before = _case_facts(case)
            if (
                plan.status is PlanStatus.FULFILLED
                and not load.plan_views(s, [plan])[0].progress(self._desk.today()).fulfilled
            ):
                plan.status = PlanStatus.ACTIVE
                plan.ended_on = None
                if case.outcome is Outcome.ARREARS_PAID:
                    case.outcome = Outcome.REPAYMENT_PLAN
                case.arrears_covered = None
                if case.phase is CasePhase.FOLLOW_UP:
                    case.phase = CasePhase.REPAYMENT
            return _plan_changes(plan.case_id, before, case)

    def mark_broken(self, plan_id: str) -> Changes:
        """The adviser records that the tenant has not kept the plan (misligholdt)."""
        with self._desk.writing() as s:
            plan = live(s, RepaymentPlan, plan_id)
            s.info["case_id"] = plan.case_id
            if plan.status is not PlanStatus.ACTIVE:
                raise UserInputError(
                    "plan",
                    "plan.not_active",
                    f"Kun en aktiv plan kan markeres som misligholdt. Planen er »{plan.status.label}«.",
                )
            plan.status = PlanStatus.BROKEN
            plan.ended_on = self._desk.today()
            case = live(s, Case, plan.case_id)
            before = _case_facts(case)
            if case.phase is CasePhase.REPAYMENT:
                case.phase = CasePhase.FOLLOW_UP
            if case.outcome is Outcome.REPAYMENT_PLAN:
                case.outcome = None
            return _plan_changes(plan.case_id, before, case)
