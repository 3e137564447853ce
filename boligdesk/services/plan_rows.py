"""The repayment plan's plain rows: what ``desk.plan`` returns and what the builder sends it.

No database objects leave the plan service; the UI and the letters get these frozen dataclasses.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from boligdesk.budget.money import Money
from boligdesk.budget.repayment import (
    BudgetRoom,
    PaymentFact,
    PlannedInstalment,
    PlanPolicy,
    PlanProgress,
    Schedule,
    plan_progress,
)
from boligdesk.budget.vocabulary import AgreedVia, PlanStatus
from boligdesk.services.changes import Changes

if TYPE_CHECKING:
    from boligdesk.services.arrears import ArrearsRow

ZERO = Money(0)
MISSED_INSTALMENT_NEXT_STEP = "Kontakt lejeren om det manglende afdrag."
EARLIEST_START_DAYS_BACK = 31
LATEST_START_DAYS_AHEAD = 366


@dataclass(frozen=True, slots=True)
class DebtPicture:
    items: tuple[ArrearsRow, ...]
    items_total: Money
    paid_earlier: Money
    """Payments registered on the case's plans so far (all versions)."""
    registered: Money = ZERO
    """``Case.arrears``: normally the parts' total; it can differ when edited elsewhere."""
    granted: Money = ZERO
    """Amounts granted on the case's applications (kommunen, …) that the adviser applied to the arrears."""

    @property
    def registered_differs(self) -> bool:
        return bool(self.items) and self.registered != self.items_total

    @property
    def debt(self) -> Money:
        """What a new plan would cover: the arrears minus what has been paid on earlier plans and the
        grants applied to them."""
        rest = self.items_total - self.paid_earlier - self.granted
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


@dataclass(frozen=True, slots=True)
class PaymentRegistered:
    """A payment saved: its id, the plan's progress after it, and what changed."""

    id: str
    progress: PlanProgress
    changes: Changes
