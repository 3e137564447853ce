"""What a letter knows about a case: plain values read once from the store, then turned into fields.

:func:`load_case_facts` reads the case (looked up by ``desk.letters``), tenant, tenancy, estate, arrears,
the current repayment plan and the latest budget into frozen dataclasses; :func:`letter_fields` turns them (with the letterhead and the
sender) into the ``{field}`` values of :data:`boligdesk.letters.fields.FIELDS`. A value the case does not
hold is ``None`` and prints as a blank line to fill in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from boligdesk.budget.calendar import format_long
from boligdesk.budget.categories import category_label
from boligdesk.budget.frequency import monthly_amount
from boligdesk.budget.money import Money, total
from boligdesk.budget.repayment import on_time_until
from boligdesk.budget.vocabulary import ArrearsKind, LineKind, MemberRole, PlanStatus
from boligdesk.letters.fields import TYPED_FIELDS
from boligdesk.letters.letterhead import Letterhead, Sender
from boligdesk.letters.stage import SITUATION, LetterStage, case_stage, course_sentence
from boligdesk.models import (
    ArrearsItem,
    Budget,
    BudgetLine,
    Case,
    HouseholdMember,
    Instalment,
    Payment,
    RepaymentPlan,
)

_MONTHS = (
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
)

# Only an agreed plan is printed: a draft is the builder's scratch row without instalments.
CURRENT_PLAN_STATUSES = (PlanStatus.ACTIVE,)


@dataclass(frozen=True, slots=True)
class DebtPart:
    text: str
    amount: Money
    is_fee: bool


@dataclass(frozen=True, slots=True)
class ScheduleRow:
    seq: int
    due_on: dt.date
    instalment: Money
    rent: Money

    @property
    def total(self) -> Money:
        return self.instalment + self.rent

    @property
    def pay_by(self) -> dt.date:
        """The last day the payment counts as on time: the same date the follow-up panel shows."""
        return on_time_until(self.due_on)


@dataclass(frozen=True, slots=True)
class PlanFacts:
    version: int
    status: PlanStatus
    debt: Money
    instalment: Money
    rent: Money
    agreed_on: dt.date | None
    rows: tuple[ScheduleRow, ...]
    paid: Money = Money(0)
    missed_due_on: dt.date | None = None
    overdue: Money = Money(0)

    @property
    def schedule_total(self) -> Money:
        return total([r.instalment for r in self.rows])


@dataclass(frozen=True, slots=True)
class BudgetFacts:
    made_on: dt.date
    incomes: tuple[tuple[str, Money], ...]
    expenses: tuple[tuple[str, Money], ...]

    @property
    def income_total(self) -> Money:
        return total([amount for _, amount in self.incomes])

    @property
    def expense_total(self) -> Money:
        return total([amount for _, amount in self.expenses])

    @property
    def rest(self) -> Money:
        return self.income_total - self.expense_total


@dataclass(frozen=True, slots=True)
class CaseFacts:
    case_id: str
    case_number: str
    today: dt.date
    tenant_name: str
    tenant_first_name: str
    address_line: str = ""
    postcode_city: str = ""
    tenancy_number: str = ""
    adults: int = 1
    children: int = 0
    estate: str = ""
    association: str = ""
    association_address: str = ""
    estate_address: str = ""
    rent: Money | None = None
    arrears: Money = Money(0)
    debt_parts: tuple[DebtPart, ...] = ()
    termination_on: dt.date | None = None
    eviction_on: dt.date | None = None
    eviction_time: str = ""
    plan: PlanFacts | None = None
    budget: BudgetFacts | None = None
    reminder_sent_on: dt.date | None = None
    bailiff_request_on: dt.date | None = None
    hearing_on: dt.date | None = None

    @property
    def stage(self) -> LetterStage:
        """How far the case has come, for the letter's wording."""
        return case_stage(
            plan_agreed=self.plan is not None,
            reminder_sent_on=self.reminder_sent_on,
            termination_on=self.termination_on,
            bailiff_request_on=self.bailiff_request_on,
            hearing_on=self.hearing_on,
            eviction_on=self.eviction_on,
        )

    @property
    def landlord_name(self) -> str:
        """The landlord: the tenancy's boligorganisation (or named private landlord); "" when not set."""
        return self.association.strip()

    @property
    def landlord_address_lines(self) -> tuple[str, ...]:
        """The landlord's address: the organisation's own, else the afdeling's; () when neither is known."""
        text = self.association_address.strip() or self.estate_address.strip()
        return tuple(line.strip() for line in text.replace(",", "\n").splitlines() if line.strip())

    @property
    def debt_total(self) -> Money:
        """The debt a letter deals with: the current plan's debt, else the case's arrears."""
        return self.plan.debt if self.plan is not None else self.arrears


def month_name(day: dt.date) -> str:
    return f"{_MONTHS[day.month - 1]} {day.year}"


def household_text(adults: int, children: int) -> str:
    """``1 voksen``, ``2 voksne og 1 barn``, ``1 voksen og 3 børn``."""
    parts = [f"{adults} {'voksen' if adults == 1 else 'voksne'}"]
    if children:
        parts.append(f"{children} {'barn' if children == 1 else 'børn'}")
    return " og ".join(parts)


def _debt_part(item: ArrearsItem) -> DebtPart:
    is_fee = item.kind in (ArrearsKind.REMINDER_FEE, ArrearsKind.COURT_FEE)
    if item.kind is ArrearsKind.RENT and item.period is not None:
        text = f"Husleje for {month_name(item.period)}"
    else:
        text = item.text.strip() or item.kind.label
    return DebtPart(text=text, amount=item.amount, is_fee=is_fee)


def missed_instalment(
    rows: tuple[ScheduleRow, ...], paid: Money, today: dt.date
) -> tuple[dt.date | None, Money]:
    """The first instalment due before today that payments do not cover, and the amount overdue."""
    due_so_far = Money(0)
    first_missed: dt.date | None = None
    for row in rows:
        if row.due_on >= today:
            break
        due_so_far = due_so_far + row.instalment
        if first_missed is None and due_so_far > paid:
            first_missed = row.due_on
    overdue = due_so_far - paid
    return first_missed, overdue if overdue > Money(0) else Money(0)


def _current_plan(session: Session, case: Case, today: dt.date) -> PlanFacts | None:
    plan = session.scalars(
        select(RepaymentPlan)
        .where(
            RepaymentPlan.case_id == case.id,
            RepaymentPlan.deleted.is_(False),
            RepaymentPlan.status.in_(CURRENT_PLAN_STATUSES),
        )
        .order_by(RepaymentPlan.version.desc(), RepaymentPlan.created_at.desc())
        .limit(1)
    ).first()
    if plan is None:
        return None
    instalments = session.scalars(
        select(Instalment)
        .where(Instalment.plan_id == plan.id, Instalment.deleted.is_(False))
        .order_by(Instalment.seq, Instalment.due_on)
    ).all()
    rent = plan.rent if plan.rent else (case.tenancy.rent if case.tenancy is not None else Money(0))
    rows = tuple(ScheduleRow(i.seq, i.due_on, i.amount, rent) for i in instalments)
    paid = total(
        list(
            session.scalars(
                select(Payment.amount).where(Payment.plan_id == plan.id, Payment.deleted.is_(False))
            )
        )
    )
    missed_on, overdue = missed_instalment(rows, paid, today)
    return PlanFacts(
        version=plan.version,
        status=plan.status,
        debt=plan.debt,
        instalment=plan.instalment if plan.instalment else (rows[0].instalment if rows else Money(0)),
        rent=rent,
        agreed_on=plan.agreed_on,
        rows=rows,
        paid=paid,
        missed_due_on=missed_on,
        overdue=overdue,
    )


def _latest_budget(session: Session, case_id: str) -> BudgetFacts | None:
    budget = session.scalars(
        select(Budget)
        .where(Budget.case_id == case_id, Budget.deleted.is_(False))
        .order_by(Budget.made_on.desc(), Budget.created_at.desc())
        .limit(1)
    ).first()
    if budget is None:
        return None
    lines = session.scalars(
        select(BudgetLine)
        .where(BudgetLine.budget_id == budget.id, BudgetLine.deleted.is_(False))
        .order_by(BudgetLine.sort_order)
    ).all()
    incomes: list[tuple[str, Money]] = []
    expenses: list[tuple[str, Money]] = []
    for line in lines:
        # The budget's own rule for monthly figures (boligdesk.budget.frequency), so the letter shows
        # the same numbers as the Budget tab and the budget printout.
        text = line.text.strip() or category_label(line.category)
        target = incomes if line.kind is LineKind.INCOME else expenses
        target.append((text, monthly_amount(line.amount, line.frequency)))
    return BudgetFacts(budget.made_on, tuple(incomes), tuple(expenses))


def _time_window(case: Case) -> str:
    start, end = case.eviction_time_from, case.eviction_time_to
    if start and end:
        return f"{start:%H:%M}–{end:%H:%M}"
    if start:
        return f"{start:%H:%M}"
    return ""


def load_case_facts(session: Session, case: Case, today: dt.date) -> CaseFacts:
    """Everything a letter may need about ``case`` (a live row the caller looked up), read in ``session``."""
    tenancy = case.tenancy
    estate = tenancy.estate if tenancy is not None else None
    association = estate.association if estate is not None else None
    adults, children = 1, 0
    if case.household_id is not None:
        members = session.scalars(
            select(HouseholdMember).where(
                HouseholdMember.household_id == case.household_id, HouseholdMember.deleted.is_(False)
            )
        ).all()
        if members:
            adults = sum(1 for m in members if m.role is MemberRole.ADULT)
            children = sum(1 for m in members if m.role is MemberRole.CHILD)
    items = sorted(
        session.scalars(
            select(ArrearsItem).where(ArrearsItem.case_id == case.id, ArrearsItem.deleted.is_(False))
        ),
        # Rent months in date order first, then fees and the rest in the order they were registered.
        key=lambda i: (i.kind is not ArrearsKind.RENT, i.period or dt.date.max, i.created_at),
    )
    parts = tuple(_debt_part(i) for i in items)
    arrears = case.arrears if case.arrears else total([p.amount for p in parts])
    return CaseFacts(
        case_id=case.id,
        case_number=case.number,
        today=today,
        tenant_name=case.tenant.full_name,
        tenant_first_name=case.tenant.first_name.strip(),
        address_line=tenancy.address_line if tenancy is not None else "",
        postcode_city=f"{tenancy.postcode} {tenancy.city}".strip() if tenancy is not None else "",
        tenancy_number=tenancy.tenancy_number if tenancy is not None else "",
        adults=adults,
        children=children,
        estate=estate.display_name if estate is not None else "",
        association=association.name if association is not None else "",
        association_address=association.address if association is not None else "",
        estate_address=estate.address if estate is not None else "",
        rent=tenancy.rent if tenancy is not None and tenancy.rent else None,
        arrears=arrears,
        debt_parts=parts,
        termination_on=case.termination_on,
        eviction_on=case.rescheduled_eviction_on or case.eviction_on,
        eviction_time=_time_window(case),
        plan=_current_plan(session, case, today),
        budget=_latest_budget(session, case.id),
        reminder_sent_on=case.reminder_sent_on,
        bailiff_request_on=case.bailiff_request_on,
        hearing_on=case.hearing_on,
    )


def _money(value: Money | None) -> str | None:
    return None if value is None else value.format()


def _date(value: dt.date | None) -> str | None:
    return None if value is None else format_long(value)


def _payments_sentence(rows: tuple[ScheduleRow, ...]) -> str | None:
    """``8.317,00 kr. i alt hver måned``, and the last month when it differs (it is true of every month)."""
    if not rows:
        return None
    regular, last = rows[0].total, rows[-1].total
    if all(row.total == regular for row in rows[:-1]) and last == regular:
        return f"{regular.format()} i alt hver måned"
    if all(row.total == regular for row in rows[:-1]):
        return f"{regular.format()} i alt hver måned, den sidste måned {last.format()}"
    return "husleje og afdrag hver måned, som tabellen viser"


def letter_fields(facts: CaseFacts, letterhead: Letterhead, sender: Sender) -> dict[str, str | None]:
    """The value of every field in :data:`~boligdesk.letters.fields.FIELDS` (None: not known)."""
    rent_part = total([p.amount for p in facts.debt_parts if not p.is_fee])
    fee_part = total([p.amount for p in facts.debt_parts if p.is_fee])
    plan = facts.plan
    rows = plan.rows if plan is not None else ()
    budget = facts.budget
    values: dict[str, str | None] = {
        "dato": format_long(facts.today),
        "sagsnummer": facts.case_number,
        "lejer_navn": facts.tenant_name,
        "lejer_fornavn": facts.tenant_first_name or facts.tenant_name,
        "adresse": facts.address_line,
        "postnr_by": facts.postcode_city,
        "lejemaalsnummer": facts.tenancy_number,
        "husstand": household_text(facts.adults, facts.children),
        "afdeling": facts.estate,
        "boligorganisation": facts.association,
        "boligorganisation_adresse": facts.association_address,
        "husleje": _money(facts.rent),
        "restance": facts.arrears.format(),
        "restance_husleje": rent_part.format() if facts.debt_parts else facts.arrears.format(),
        "restance_gebyrer": fee_part.format(),
        "ophaevelsesdato": _date(facts.termination_on),
        "situation": SITUATION[facts.stage],
        "forloeb": course_sentence(
            facts.stage,
            reminder_sent_on=facts.reminder_sent_on,
            termination_on=facts.termination_on,
            eviction_on=facts.eviction_on,
        ),
        "udlejer": facts.landlord_name,
        "udlejer_adresse": ", ".join(facts.landlord_address_lines),
        "fogeddato": _date(facts.eviction_on),
        "fogedtid": facts.eviction_time,
        "afdrag": _money(plan.instalment) if plan is not None else None,
        "sidste_afdrag": rows[-1].instalment.format() if rows else None,
        "afdrag_antal": str(len(rows)) if rows else None,
        "afdrag_start": _date(rows[0].due_on) if rows else None,
        "afdrag_slut": _date(rows[-1].due_on) if rows else None,
        "afdrag_i_alt": _money(plan.debt) if plan is not None else None,
        "betaling_pr_maaned": (plan.instalment + plan.rent).format() if plan is not None else None,
        "betalinger": _payments_sentence(rows),
        "aftaledato": _date(plan.agreed_on) if plan is not None else None,
        "manglende_afdrag_dato": _date(plan.missed_due_on) if plan is not None else None,
        "manglende_afdrag_senest": (
            _date(on_time_until(plan.missed_due_on)) if plan is not None and plan.missed_due_on else None
        ),
        "manglende_beloeb": plan.overdue.format() if plan is not None and plan.overdue else None,
        "budget_dato": _date(budget.made_on) if budget is not None else None,
        "indtaegter": budget.income_total.format() if budget is not None else None,
        "udgifter": budget.expense_total.format() if budget is not None else None,
        "rest_pr_maaned": budget.rest.format() if budget is not None else None,
        "afsender_navn": sender.name,
        "afsender_titel": sender.title,
        "afsender_telefon": sender.phone,
        "afsender_email": sender.email,
        "organisation": letterhead.organisation,
        "organisation_adresse": letterhead.address_one_line,
        "organisation_telefon": letterhead.phone,
    }
    values.update(dict.fromkeys(TYPED_FIELDS))  # no case holds them: typed by the adviser
    return values
