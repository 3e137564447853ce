"""Budgets in the store: versions, lines, receipts, envelope plans, the household's norm.

* A budget belongs to a case and is dated (``made_on``). The **newest** budget of a case is the one
  with the latest date (ties: the one created last). A new version starts as a copy of the newest;
  older versions stay readable and editable.
* Lines are validated (:func:`validate_line`) before anything is saved; a deleted line is a tombstone.
* Every change is one short transaction (``store.session()``) and leaves an audit event with ids only.

Plain frozen dataclasses leave this module (:class:`~boligdesk.budget.lines.LineData`,
:class:`BudgetView`, …) — never live ORM objects.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
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
from boligdesk.budget.frequency import FREQUENCIES, MONTHLY
from boligdesk.budget.household import HouseholdPerson
from boligdesk.budget.lines import BudgetTotals, LineData, compute_totals, need_for
from boligdesk.budget.money import Money
from boligdesk.budget.norms import HouseholdNorm, household_norm
from boligdesk.budget.receipts import ReceiptData, suggested_lines
from boligdesk.budget.vocabulary import AuditAction, Frequency, LeftoverDaysRule, LineKind, MemberRole, Need
from boligdesk.budget.warnings import BudgetWarning, budget_warnings, grown_children
from boligdesk.errors import UserInputError
from boligdesk.models import (
    Budget,
    BudgetLine,
    Case,
    EnvelopePlan,
    EnvelopeSpending,
    HouseholdMember,
    Receipt,
)
from boligdesk.models.store import Store
from boligdesk.services import audit

TEXT_MAX = 200
ZERO = Money(0)


# --- plain data leaving the service -----------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class BudgetVersion:
    """One budget of a case for the version picker (newest first)."""

    id: str
    made_on: dt.date
    title: str
    made_by: str
    copied_from_id: str | None
    line_count: int
    is_latest: bool


@dataclass(frozen=True, slots=True)
class BudgetView:
    id: str
    case_id: str
    case_number: str
    made_on: dt.date
    title: str
    note: str
    made_by: str
    copied_from_id: str | None
    lines: tuple[LineData, ...]

    @property
    def totals(self) -> BudgetTotals:
        return compute_totals(self.lines)


@dataclass(frozen=True, slots=True)
class BudgetAnalysis:
    """Everything the Budget tab and the printout show beside the lines."""

    budget: BudgetView
    totals: BudgetTotals
    norm: HouseholdNorm
    warnings: tuple[BudgetWarning, ...]


@dataclass(frozen=True, slots=True)
class Household:
    """The household as the rules see it; ``pays_in[i]`` says whether ``people[i]`` pays in."""

    people: tuple[HouseholdPerson, ...]
    pays_in: tuple[bool, ...]

    def grown_children_not_paying(self, on: dt.date) -> int:
        grown = {id(p) for p in grown_children(self.people, on)}
        return sum(
            1 for p, pays in zip(self.people, self.pays_in, strict=True) if id(p) in grown and not pays
        )


@dataclass(frozen=True, slots=True)
class EnvelopePlanView:
    id: str
    case_id: str
    budget_id: str
    settings: EnvelopeSettings
    result: EnvelopePlanResult
    statuses: tuple[EnvelopeStatus, ...]
    notes: dict[int, str]


# --- helpers ---------------------------------------------------------------------------------------
def _audit(
    session: Session, store: Store, action: AuditAction, entity: str, entity_id: str, case_id: str, actor: str
) -> None:
    audit.record(
        session,
        action,
        entity=entity,
        entity_id=entity_id,
        case_id=case_id,
        actor=actor,
        device=store.device_id,
    )


def _case(session: Session, case_id: str) -> Case:
    case = session.get(Case, case_id)
    if case is None or case.deleted:
        raise UserInputError("case", "case.unknown", "Sagen findes ikke (den kan være slettet).")
    return case


def _budget(session: Session, budget_id: str) -> Budget:
    budget = session.get(Budget, budget_id)
    if budget is None or budget.deleted:
        raise UserInputError("budget", "budget.unknown", "Budgettet findes ikke (det kan være slettet).")
    return budget


def _line_rows(session: Session, budget_id: str) -> list[BudgetLine]:
    return list(
        session.scalars(
            select(BudgetLine)
            .where(BudgetLine.budget_id == budget_id, BudgetLine.deleted.is_(False))
            .order_by(BudgetLine.sort_order, BudgetLine.created_at)
        )
    )


def _line_data(row: BudgetLine) -> LineData:
    return LineData(
        kind=row.kind.value,
        category=row.category,
        text=row.text,
        amount=row.amount,
        frequency=row.frequency.value,
        need=row.need.value if row.need is not None else None,
        is_daily_money=row.is_daily_money,
        note=row.note,
        id=row.id,
    )


def _ordered_lines(rows: Sequence[BudgetLine]) -> tuple[LineData, ...]:
    """Income lines first, then expenses; within each kind in the order they were entered."""
    data = [_line_data(r) for r in rows]
    return tuple([d for d in data if d.is_income] + [d for d in data if not d.is_income])


# --- validation ------------------------------------------------------------------------------------
def validate_line(line: LineData, *, stored_category: str | None = None) -> None:
    """Raise :class:`UserInputError` (Danish message, field named) for a line that cannot be saved.

    A category code this version does not know (e.g. from a newer laptop, via sync) is accepted when it
    is the line's ``stored_category`` — editing the amount must not be blocked by it.
    """
    if line.kind not in (cats.INCOME, cats.EXPENSE):
        raise UserInputError("kind", "line.kind", "Vælg om posten er en indtægt eller en udgift.")
    kept_unknown = (
        stored_category is not None and line.category == stored_category and not cats.is_known(line.category)
    )
    if not cats.is_known(line.category) and not kept_unknown:
        raise UserInputError("category", "line.category_unknown", "Vælg en kategori på listen.")
    category = cats.category(line.category)
    if not kept_unknown and category.kind != line.kind:
        what = "en indtægt" if category.kind == cats.INCOME else "en udgift"
        raise UserInputError(
            "category",
            "line.category_kind",
            f"Kategorien »{category.label}« er {what}. Vælg en anden kategori eller skift type.",
        )
    if line.amount.is_negative():
        raise UserInputError("amount", "money.negative", "Beløbet kan ikke være negativt.")
    if line.frequency not in FREQUENCIES:
        raise UserInputError("frequency", "line.frequency", "Vælg hvor ofte beløbet betales.")
    if line.need is not None and line.need not in (cats.NEED, cats.NICE):
        raise UserInputError("need", "line.need", "Vælg need to have eller nice to have.")
    if len(line.text) > TEXT_MAX:
        raise UserInputError("text", "line.text_too_long", f"Teksten må højst være {TEXT_MAX} tegn.")


def new_line(
    category_code: str, amount: Money = ZERO, *, text: str = "", frequency: str = MONTHLY
) -> LineData:
    """A line for ``category_code`` with the category's defaults (kind, need/nice, daily money)."""
    category = cats.category(category_code)
    return LineData(
        kind=category.kind,
        category=category.code,
        text=text or category.label,
        amount=amount,
        frequency=frequency,
        need=category.default_need,
        is_daily_money=category.daily_money,
    )


def _apply(row: BudgetLine, line: LineData) -> None:
    row.kind = LineKind(line.kind)
    row.category = line.category
    row.text = line.text.strip()
    row.amount = line.amount
    row.frequency = Frequency(line.frequency)
    need = need_for(line.kind, line.need)
    row.need = Need(need) if need is not None else None
    row.is_daily_money = line.is_daily_money and line.kind == cats.EXPENSE
    row.note = line.note


# --- budgets ---------------------------------------------------------------------------------------
def _has_children(session: Session, case: Case) -> bool:
    if case.household_id is None:
        return False
    count = session.scalar(
        select(func.count())
        .select_from(HouseholdMember)
        .where(
            HouseholdMember.household_id == case.household_id,
            HouseholdMember.deleted.is_(False),
            HouseholdMember.role == MemberRole.CHILD,
        )
    )
    return bool(count)


def create_budget(store: Store, case_id: str, *, made_on: dt.date, actor: str = "", title: str = "") -> str:
    """A new budget for the case with the default form rows; the rent comes from the tenancy."""
    with store.session() as s:
        case = _case(s, case_id)
        budget = Budget(case_id=case.id, made_on=made_on, title=title, made_by=actor)
        s.add(budget)
        s.flush()
        rent = case.tenancy.rent if case.tenancy is not None and not case.tenancy.deleted else Money(0)
        for order, category in enumerate(cats.starter_categories(has_children=_has_children(s, case))):
            line = new_line(category.code, rent if category.code == cats.RENT else Money(0))
            row = BudgetLine(budget_id=budget.id, sort_order=order)
            _apply(row, line)
            s.add(row)
        _audit(s, store, AuditAction.CREATE, "budget", budget.id, case.id, actor)
        return budget.id


def copy_budget(store: Store, budget_id: str, *, made_on: dt.date, actor: str = "") -> str:
    """A new version that starts as a copy of ``budget_id`` (the old one is left untouched)."""
    with store.session() as s:
        source = _budget(s, budget_id)
        budget = Budget(
            case_id=source.case_id,
            made_on=made_on,
            title=source.title,
            note=source.note,
            copied_from_id=source.id,
            made_by=actor,
        )
        s.add(budget)
        s.flush()
        for row in _line_rows(s, source.id):
            s.add(
                BudgetLine(
                    budget_id=budget.id,
                    kind=row.kind,
                    category=row.category,
                    text=row.text,
                    amount=row.amount,
                    frequency=row.frequency,
                    need=row.need,
                    is_daily_money=row.is_daily_money,
                    note=row.note,
                    sort_order=row.sort_order,
                )
            )
        _audit(s, store, AuditAction.CREATE, "budget", budget.id, source.case_id, actor)
        return budget.id


def new_version_from_latest(store: Store, case_id: str, *, made_on: dt.date, actor: str = "") -> str:
    """ "Nyt budget (kopi af seneste)": a copy of the newest budget, or a fresh one if there is none."""
    with store.session() as s:
        latest = latest_budget_id(s, case_id)
    if latest is None:
        return create_budget(store, case_id, made_on=made_on, actor=actor)
    return copy_budget(store, latest, made_on=made_on, actor=actor)


def update_budget_info(
    store: Store,
    budget_id: str,
    *,
    made_on: dt.date | None = None,
    title: str | None = None,
    note: str | None = None,
    actor: str = "",
) -> None:
    """Change a budget's date, title or note (only the given ones)."""
    if title is not None and len(title) > TEXT_MAX:
        raise UserInputError("title", "budget.title_too_long", f"Titlen må højst være {TEXT_MAX} tegn.")
    with store.session() as s:
        budget = _budget(s, budget_id)
        if made_on is not None:
            budget.made_on = made_on
        if title is not None:
            budget.title = title.strip()
        if note is not None:
            budget.note = note
        _audit(s, store, AuditAction.UPDATE, "budget", budget.id, budget.case_id, actor)


def delete_budget(store: Store, budget_id: str, *, actor: str = "") -> None:
    """Tombstone a budget version and its lines."""
    with store.session() as s:
        budget = _budget(s, budget_id)
        budget.deleted = True
        for row in _line_rows(s, budget.id):
            row.deleted = True
        _audit(s, store, AuditAction.DELETE, "budget", budget.id, budget.case_id, actor)


def _budgets_newest_first(session: Session, case_id: str) -> list[Budget]:
    return list(
        session.scalars(
            select(Budget)
            .where(Budget.case_id == case_id, Budget.deleted.is_(False))
            .order_by(Budget.made_on.desc(), Budget.created_at.desc(), Budget.id.desc())
        )
    )


def latest_budget_id(session: Session, case_id: str) -> str | None:
    budgets = _budgets_newest_first(session, case_id)
    return budgets[0].id if budgets else None


def list_budgets(session: Session, case_id: str) -> list[BudgetVersion]:
    """The case's budgets, newest first."""
    budgets = _budgets_newest_first(session, case_id)
    rows = session.execute(
        select(BudgetLine.budget_id, func.count())
        .where(BudgetLine.budget_id.in_([b.id for b in budgets]), BudgetLine.deleted.is_(False))
        .group_by(BudgetLine.budget_id)
    ).all()
    counts: dict[str, int] = {str(budget_id): int(count) for budget_id, count in rows}
    return [
        BudgetVersion(
            id=b.id,
            made_on=b.made_on,
            title=b.title,
            made_by=b.made_by,
            copied_from_id=b.copied_from_id,
            line_count=int(counts.get(b.id, 0)),
            is_latest=i == 0,
        )
        for i, b in enumerate(budgets)
    ]


def load_budget(session: Session, budget_id: str) -> BudgetView:
    budget = _budget(session, budget_id)
    case = _case(session, budget.case_id)
    return BudgetView(
        id=budget.id,
        case_id=budget.case_id,
        case_number=case.number,
        made_on=budget.made_on,
        title=budget.title,
        note=budget.note,
        made_by=budget.made_by,
        copied_from_id=budget.copied_from_id,
        lines=_ordered_lines(_line_rows(session, budget.id)),
    )


def budget_totals(session: Session, budget_id: str) -> BudgetTotals:
    return compute_totals(_line_data(r) for r in _line_rows(session, budget_id))


def latest_budget_totals(session: Session, case_id: str) -> tuple[str, BudgetTotals] | None:
    """Budget id and totals of the case's newest non-deleted budget, or None when it has none."""
    budget_id = latest_budget_id(session, case_id)
    if budget_id is None:
        return None
    return budget_id, budget_totals(session, budget_id)


# --- lines -----------------------------------------------------------------------------------------
def add_line(store: Store, budget_id: str, line: LineData, *, actor: str = "") -> str:
    """Validate and append a line to the budget. Returns the new line's id."""
    validate_line(line)
    with store.session() as s:
        budget = _budget(s, budget_id)
        highest = s.scalar(
            select(func.max(BudgetLine.sort_order)).where(
                BudgetLine.budget_id == budget.id, BudgetLine.deleted.is_(False)
            )
        )
        row = BudgetLine(budget_id=budget.id, sort_order=(highest if highest is not None else -1) + 1)
        _apply(row, line)
        s.add(row)
        s.flush()
        _audit(s, store, AuditAction.CREATE, "budget_line", row.id, budget.case_id, actor)
        return row.id


def save_line(store: Store, line: LineData, *, actor: str = "") -> None:
    """Validate and save every field of an existing line (``line.id``)."""
    with store.session() as s:
        row = s.get(BudgetLine, line.id)
        if row is None or row.deleted:
            raise UserInputError("line", "line.unknown", "Posten findes ikke længere (den kan være slettet).")
        validate_line(line, stored_category=row.category)
        _apply(row, line)
        budget = _budget(s, row.budget_id)
        _audit(s, store, AuditAction.UPDATE, "budget_line", row.id, budget.case_id, actor)


def delete_line(store: Store, line_id: str, *, actor: str = "") -> None:
    with store.session() as s:
        row = s.get(BudgetLine, line_id)
        if row is None or row.deleted:
            return
        row.deleted = True
        budget = _budget(s, row.budget_id)
        _audit(s, store, AuditAction.DELETE, "budget_line", row.id, budget.case_id, actor)


# --- household and norm ----------------------------------------------------------------------------
def household_for_case(session: Session, case_id: str) -> Household:
    """The case's household members as the norm and warning rules see them."""
    case = _case(session, case_id)
    tenant_only = Household((HouseholdPerson(case.tenant.full_name, case.tenant.birth_date),), (False,))
    if case.household_id is None:
        return tenant_only
    members = list(
        session.scalars(
            select(HouseholdMember)
            .where(HouseholdMember.household_id == case.household_id, HouseholdMember.deleted.is_(False))
            .order_by(HouseholdMember.sort_order)
        )
    )
    if not members:
        return tenant_only
    people = tuple(HouseholdPerson(m.name, m.birth_date, m.role is MemberRole.CHILD) for m in members)
    return Household(people, tuple(m.pays_in for m in members))


def norm_for_case(session: Session, case_id: str, on: dt.date) -> HouseholdNorm:
    """The reference norm (rådighedssats) for the case's household on ``on``."""
    return household_norm(household_for_case(session, case_id).people, on)


def analyse_budget(session: Session, budget_id: str) -> BudgetAnalysis:
    """The budget with its totals, the household's norm on the budget's date and the warnings."""
    view = load_budget(session, budget_id)
    household = household_for_case(session, view.case_id)
    totals = view.totals
    norm = household_norm(household.people, view.made_on)
    warnings = budget_warnings(
        totals,
        household.people,
        view.made_on,
        norm=norm,
        grown_children_not_paying=household.grown_children_not_paying(view.made_on),
    )
    return BudgetAnalysis(view, totals, norm, tuple(warnings))


# --- receipts --------------------------------------------------------------------------------------
def validate_receipt(receipt: ReceiptData) -> None:
    if receipt.amount.is_negative():
        raise UserInputError("amount", "money.negative", "Beløbet kan ikke være negativt.")
    if not cats.is_known(receipt.category) or cats.category(receipt.category).kind != cats.EXPENSE:
        raise UserInputError("category", "receipt.category", "Vælg en udgiftskategori på listen.")
    if receipt.need not in (cats.NEED, cats.NICE):
        raise UserInputError("need", "receipt.need", "Vælg need to have eller nice to have.")
    if len(receipt.text) > TEXT_MAX:
        raise UserInputError("text", "receipt.text_too_long", f"Teksten må højst være {TEXT_MAX} tegn.")


def _receipt_data(row: Receipt) -> ReceiptData:
    return ReceiptData(row.amount, row.category, row.need.value, row.text, row.bought_on, row.id)


def list_receipts(session: Session, case_id: str) -> list[ReceiptData]:
    """The case's receipts in the order they were bought (undated last), then entered."""
    rows = session.scalars(
        select(Receipt)
        .where(Receipt.case_id == case_id, Receipt.deleted.is_(False))
        .order_by(Receipt.bought_on.is_(None), Receipt.bought_on, Receipt.created_at)
    )
    return [_receipt_data(r) for r in rows]


def add_receipt(
    store: Store, case_id: str, receipt: ReceiptData, *, budget_id: str | None = None, actor: str = ""
) -> str:
    validate_receipt(receipt)
    with store.session() as s:
        case = _case(s, case_id)
        row = Receipt(
            case_id=case.id,
            budget_id=budget_id,
            bought_on=receipt.bought_on,
            amount=receipt.amount,
            category=receipt.category,
            need=Need(receipt.need),
            text=receipt.text.strip(),
        )
        s.add(row)
        s.flush()
        _audit(s, store, AuditAction.CREATE, "receipt", row.id, case.id, actor)
        return row.id


def save_receipt(store: Store, receipt: ReceiptData, *, actor: str = "") -> None:
    validate_receipt(receipt)
    with store.session() as s:
        row = s.get(Receipt, receipt.id)
        if row is None or row.deleted:
            raise UserInputError("receipt", "receipt.unknown", "Kvitteringen findes ikke længere.")
        row.bought_on = receipt.bought_on
        row.amount = receipt.amount
        row.category = receipt.category
        row.need = Need(receipt.need)
        row.text = receipt.text.strip()
        _audit(s, store, AuditAction.UPDATE, "receipt", row.id, row.case_id, actor)


def delete_receipt(store: Store, receipt_id: str, *, actor: str = "") -> None:
    with store.session() as s:
        row = s.get(Receipt, receipt_id)
        if row is None or row.deleted:
            return
        row.deleted = True
        _audit(s, store, AuditAction.DELETE, "receipt", row.id, row.case_id, actor)


def receipts_into_budget(
    store: Store, budget_id: str, receipts: Sequence[ReceiptData], *, months: int = 1, actor: str = ""
) -> list[str]:
    """Add the receipts' suggested monthly lines (one per category and need/nice) to the budget."""
    return [
        add_line(store, budget_id, line, actor=actor) for line in suggested_lines(receipts, months=months)
    ]


# --- envelope plans --------------------------------------------------------------------------------
def daily_money_purposes(lines: Sequence[LineData]) -> tuple[str, ...]:
    """What the envelopes are for: the texts of the daily-money lines with money (no duplicates)."""
    seen: list[str] = []
    for line in lines:
        if line.counts_as_daily_money and line.amount:
            text = line.text.strip() or cats.category_label(line.category)
            if text not in seen:
                seen.append(text)
    return tuple(seen)


def default_envelope_settings(session: Session, budget_id: str, pay_day: dt.date) -> EnvelopeSettings:
    """Settings for a new plan: the budget's daily money, start on the first Monday that fits."""
    view = load_budget(session, budget_id)
    return EnvelopeSettings(
        monthly_daily_money=view.totals.daily_money,
        pay_day=pay_day,
        start_on=default_start(pay_day),
        purposes=daily_money_purposes(view.lines),
    )


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


def save_envelope_plan(
    store: Store,
    budget_id: str,
    *,
    pay_day: dt.date,
    start_on: dt.date,
    rounding_unit: Money,
    leftover_rule: str,
    plan_id: str | None = None,
    actor: str = "",
) -> str:
    """Validate and save the plan's choices (new plan, or ``plan_id`` changed). Returns the plan id."""
    with store.session() as s:
        view = load_budget(s, budget_id)
        plan_envelopes(
            EnvelopeSettings(view.totals.daily_money, pay_day, start_on, rounding_unit, leftover_rule)
        )  # validates; raises UserInputError
        plan = s.get(EnvelopePlan, plan_id) if plan_id is not None else None
        if plan is None or plan.deleted:
            plan = EnvelopePlan(case_id=view.case_id, budget_id=budget_id, pay_day=pay_day, start_on=start_on)
            s.add(plan)
            action = AuditAction.CREATE
        else:
            action = AuditAction.UPDATE
        plan.budget_id = budget_id
        plan.pay_day = pay_day
        plan.start_on = start_on
        plan.rounding_unit = rounding_unit
        plan.leftover_rule = LeftoverDaysRule(leftover_rule)
        s.flush()
        _audit(s, store, action, "envelope_plan", plan.id, view.case_id, actor)
        return plan.id


def load_envelope_plan(session: Session, plan_id: str) -> EnvelopePlanView:
    plan = session.get(EnvelopePlan, plan_id)
    if plan is None or plan.deleted:
        raise UserInputError("plan", "envelopes.unknown", "Kuvertplanen findes ikke længere.")
    return _plan_view(session, plan)


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


def register_spending(
    store: Store, plan_id: str, envelope_index: int, spent: Money | None, *, note: str = "", actor: str = ""
) -> None:
    """Record what was actually spent from one envelope (``None`` removes the registration)."""
    if spent is not None and spent.is_negative():
        raise UserInputError("spent", "money.negative", "Forbruget kan ikke være negativt.")
    with store.session() as s:
        plan = s.get(EnvelopePlan, plan_id)
        if plan is None or plan.deleted:
            raise UserInputError("plan", "envelopes.unknown", "Kuvertplanen findes ikke længere.")
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
            row = EnvelopeSpending(
                plan_id=plan_id, envelope_index=envelope_index, spent=spent, note=note[:300]
            )
            s.add(row)
        else:
            row.spent = spent
            row.note = note[:300]
        s.flush()
        _audit(s, store, AuditAction.UPDATE, "envelope_plan", plan.id, plan.case_id, actor)
