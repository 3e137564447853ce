"""An invented eviction case in a real encrypted store, with arrears parts, a plan and a budget.

Used by the letter tests (service, window, command line). Plans are made directly with the models
(the repayment service is another module's business).
"""

from __future__ import annotations

import datetime as dt

from boligdesk.budget.calendar import add_months, next_bank_day_on_or_after
from boligdesk.budget.money import Money, allocate
from boligdesk.budget.vocabulary import ArrearsKind, Frequency, LineKind, MemberRole, Need, PlanStatus
from boligdesk.models import (
    ArrearsItem,
    Budget,
    BudgetLine,
    Case,
    Estate,
    HousingAssociation,
    Instalment,
    RepaymentPlan,
)
from boligdesk.models.store import Store
from boligdesk.services.cases import NewCase, NewMember
from boligdesk.services.desk import Desk
from tests.cases import create_case

TODAY = dt.date(2026, 11, 24)
RENT = Money(612_500)
DEBT = Money(1_234_550)  # 2 × 6.125,00 rent + 95,50 fee = 12.345,50 kr.
ADVISER = "Anne Rådgiversen"


def add_case(store: Store, *, first_name: str = "Mette", last_name: str = "Testesen") -> str:
    """A case with tenant, household (2 children), tenancy in an estate, and the arrears in parts."""
    adviser_id = Desk(store).advisers.ensure(ADVISER)
    with store.session() as s:
        association = HousingAssociation(
            name="Boligselskabet Eksempel", address="Forvaltningsvej 1\n2400 København NV"
        )
        s.add(association)
        s.flush()
        estate = Estate(association_id=association.id, number="104", name="Eksempelparken")
        s.add(estate)
        s.flush()
        estate_id = estate.id
    case_id = create_case(
        store,
        NewCase(
            first_name=first_name,
            last_name=last_name,
            address_line="Opdigtet Allé 12, 2. tv.",
            postcode="2400",
            city="København NV",
            estate_id=estate_id,
            tenancy_number="104-2231",
            rent=RENT,
            termination_on=dt.date(2026, 11, 10),
            members=(NewMember("Barn Et", MemberRole.CHILD),),
        ),
        today=TODAY,
        adviser_id=adviser_id,
        actor=ADVISER,
    )
    with store.session() as s:
        case = s.get(Case, case_id)
        assert case is not None
        case.arrears = DEBT
        case.eviction_on = dt.date(2026, 12, 15)
        case.eviction_time_from = dt.time(9, 30)
        case.eviction_time_to = dt.time(13, 0)
        s.add_all(
            [
                ArrearsItem(case_id=case_id, kind=ArrearsKind.RENT, period=dt.date(2026, 10, 1), amount=RENT),
                ArrearsItem(case_id=case_id, kind=ArrearsKind.RENT, period=dt.date(2026, 11, 1), amount=RENT),
                ArrearsItem(
                    case_id=case_id, kind=ArrearsKind.REMINDER_FEE, text="Påkravsgebyr", amount=Money(9_550)
                ),
            ]
        )
    return case_id


def add_plan(
    store: Store,
    case_id: str,
    *,
    months: int = 4,
    debt: Money = DEBT,
    start: dt.date = dt.date(2027, 1, 1),
    status: PlanStatus = PlanStatus.ACTIVE,
) -> str:
    """A repayment plan: the debt split evenly (largest remainder), due on the next bank day from the 1st."""
    amounts = allocate(debt, [1] * months)
    with store.session() as s:
        plan = RepaymentPlan(
            case_id=case_id,
            status=status,
            debt=debt,
            start_on=start,
            months=months,
            instalment=amounts[-1],
            rent=RENT,
            agreed_on=TODAY,
            made_by=ADVISER,
        )
        s.add(plan)
        s.flush()
        for i, amount in enumerate(amounts):
            due = next_bank_day_on_or_after(add_months(start, i))
            s.add(Instalment(plan_id=plan.id, seq=i + 1, due_on=due, amount=amount))
        return plan.id


def add_budget(store: Store, case_id: str) -> str:
    with store.session() as s:
        budget = Budget(case_id=case_id, made_on=dt.date(2026, 11, 20), made_by=ADVISER)
        s.add(budget)
        s.flush()
        lines = [
            (LineKind.INCOME, "cash_benefit", "Kontanthjælp", Money(1_638_200), Frequency.MONTHLY, None),
            (
                LineKind.INCOME,
                "child_benefit",
                "Børne- og ungeydelse",
                Money(912_000),
                Frequency.QUARTERLY,
                None,
            ),
            (LineKind.EXPENSE, "rent", "Husleje", RENT, Frequency.MONTHLY, Need.NEED),
            (LineKind.EXPENSE, "food", "Mad og husholdning", Money(150_000), Frequency.WEEKLY, Need.NEED),
        ]
        for order, (kind, category, text, amount, frequency, need) in enumerate(lines):
            s.add(
                BudgetLine(
                    budget_id=budget.id,
                    kind=kind,
                    category=category,
                    text=text,
                    amount=amount,
                    frequency=frequency,
                    need=need,
                    sort_order=order,
                )
            )
        return budget.id
