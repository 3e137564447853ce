"""Invented cases for the letter tests (no real persons): plain facts, no database."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from boligdesk.budget.calendar import add_months, next_bank_day_on_or_after
from boligdesk.budget.money import Money
from boligdesk.budget.vocabulary import PlanStatus
from boligdesk.letters.context import BudgetFacts, CaseFacts, DebtPart, PlanFacts, ScheduleRow
from boligdesk.letters.letterhead import Letterhead, Sender

TODAY = dt.date(2026, 11, 24)
RENT = Money(612_500)
DEBT = Money(1_234_550)


def sample_plan(debt: Money = DEBT, months: int = 4, start: dt.date = dt.date(2027, 1, 1)) -> PlanFacts:
    """The debt in equal monthly instalments, the øre left over in the last one, due on the rent day
    moved to the next bank day (12.345,50 kr. over 4 months: 3.086,37 three times, then 3.086,39)."""
    base = Money(debt.ore // months)
    amounts = [base] * (months - 1) + [debt - base * (months - 1)]
    rows = tuple(
        ScheduleRow(i + 1, next_bank_day_on_or_after(add_months(start, i)), amounts[i], RENT)
        for i in range(months)
    )
    return PlanFacts(
        version=1,
        status=PlanStatus.ACTIVE,
        debt=debt,
        instalment=base,
        rent=RENT,
        agreed_on=TODAY,
        rows=rows,
    )


def sample_facts(**changes: Any) -> CaseFacts:
    facts = CaseFacts(
        case_id="case-1",
        case_number="2026-0042",
        today=TODAY,
        tenant_name="Mette Testesen",
        tenant_first_name="Mette",
        address_line="Opdigtet Allé 12, 2. tv.",
        postcode_city="2400 København NV",
        tenancy_number="104-2231",
        adults=1,
        children=2,
        estate="104 Eksempelparken",
        association="Boligselskabet Eksempel",
        association_address="Forvaltningsvej 1\n2400 København NV",
        rent=RENT,
        arrears=DEBT,
        debt_parts=(
            DebtPart("Husleje for oktober 2026", RENT, False),
            DebtPart("Husleje for november 2026", RENT, False),
            DebtPart("Påkravsgebyr", Money(9_550), True),
        ),
        termination_on=dt.date(2026, 11, 10),
        eviction_on=dt.date(2026, 12, 15),
        eviction_time="09:30–13:00",
        plan=sample_plan(),
        budget=BudgetFacts(
            made_on=dt.date(2026, 11, 20),
            incomes=(
                ("Kontanthjælp", Money(1_638_200)),
                ("Boligstøtte", Money(250_000)),
                ("Børne- og ungeydelse", Money(304_000)),
            ),
            expenses=(
                ("Husleje", RENT),
                ("El og varme", Money(85_000)),
                ("Mad og husholdning", Money(600_000)),
            ),
        ),
    )
    return dataclasses.replace(facts, **changes)


LETTERHEAD = Letterhead(
    organisation="Boligsocialt Team Eksempel",
    address="Forvaltningsvej 1\n2400 København NV",
    phone="70 10 20 30",
    email="raadgivning@eksempel.invalid",
)
SENDER = Sender(
    name="Anne Rådgiversen", title="Socialrådgiver", phone="21 43 65 87", email="anne@eksempel.invalid"
)
