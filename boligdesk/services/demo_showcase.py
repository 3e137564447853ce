"""Two invented demo cases with every printable document ready (made once, on a fresh demo).

* The **agreement case** (``SHOWCASE_PLAN``): a budget, an envelope plan, an agreed repayment plan with an
  instalment missed, and a landlord (boligorganisation and afdeling) with an address. ``boligdesk pdf
  budget|envelopes|agreement`` work for it, and so do the letters written for an agreed plan
  (bekræftelse, rykker). (The postkort welcomes a new tenant: the demo's new-tenant cases fit it.)
* The **bailiff case** (``SHOWCASE_BAILIFF``): terminated, at the fogedret with a hearing and an eviction
  date and time, with a tight budget no plan fits: the letters for the earlier stages (tilbud, besked
  efter besøg, anmodning om omberammelse, ansøgning til kommunen, brev til banken) fit it. Its § 81
  application was refused a week ago, so an appeal deadline is open; two of the team's contacts are linked.

The anmodning, the ansøgning and the letter to the bank have fields no case holds (the fogedret, the
kommune, the bank, the account …): the adviser types them, in the window or with ``--felt navn=værdi``.
"""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import select

from boligdesk.budget.calendar import add_months, next_weekday_on_or_after
from boligdesk.budget.cooperation import ApplicationKind, ConsentHow, ContactRole, Decision, ShareWith
from boligdesk.budget.envelopes import EXTRA_ENVELOPE, default_start
from boligdesk.budget.money import Money
from boligdesk.budget.vocabulary import (
    ArrearsKind,
    CaseKind,
    CasePhase,
    ContactChannel,
    ContactResult,
    Frequency,
    IncomeBasis,
    LeftoverDaysRule,
    LetterDelivery,
    LineKind,
    MemberRole,
    Need,
    ReferralSource,
)
from boligdesk.models import (
    Application,
    ArrearsItem,
    Budget,
    BudgetLine,
    Case,
    CaseContact,
    CaseKindChange,
    Consent,
    Contact,
    ContactAttempt,
    EnvelopePlan,
    Estate,
    Household,
    HouseholdMember,
    HousingAssociation,
    Payment,
    Person,
    Tenancy,
)
from boligdesk.models.store import Store
from boligdesk.services.advisers import ensure_adviser
from boligdesk.services.cases import next_case_number
from boligdesk.services.demo import add_active_plan

SHOWCASE_PLAN = "Sanne Eksempel"
SHOWCASE_BAILIFF = "Bo Eksempel"


#: How many cases :func:`add_showcase` adds.
SHOWCASE_CASES = 2


def _bailiff_budget_lines(
    rent: Money,
) -> list[tuple[LineKind, str, str, Money, Frequency, Need | None, bool]]:
    """The bailiff case's budget: a tight one, as a § 81 application to the kommune shows it.

    About 600 kr. a month is left after every expense, so no plan within the estate's 12 months fits the
    12.700 kr. of arrears (what the application says), and nothing is spent on nice to have. Invented.
    """
    monthly, weekly = Frequency.MONTHLY, Frequency.WEEKLY
    return [
        (LineKind.INCOME, "cash_benefit", "Kontanthjælp", Money(1_530_000), monthly, None, False),
        (LineKind.INCOME, "housing_benefit", "Boligstøtte", Money(120_000), monthly, None, False),
        (
            LineKind.INCOME,
            "child_benefit",
            "Børne- og ungeydelse",
            Money(405_600),
            Frequency.QUARTERLY,
            None,
            False,
        ),
        (LineKind.EXPENSE, "rent", "Husleje", rent, monthly, Need.NEED, False),
        (LineKind.EXPENSE, "utilities", "El og varme", Money(95_000), monthly, Need.NEED, False),
        (
            LineKind.EXPENSE,
            "insurance",
            "Indboforsikring",
            Money(180_000),
            Frequency.YEARLY,
            Need.NEED,
            False,
        ),
        (LineKind.EXPENSE, "phone_internet", "Mobil og internet", Money(35_000), monthly, Need.NEED, False),
        (LineKind.EXPENSE, "childcare", "SFO", Money(110_000), monthly, Need.NEED, False),
        (LineKind.EXPENSE, "medicine", "Medicin", Money(25_000), monthly, Need.NEED, False),
        (LineKind.EXPENSE, "debt", "Afdrag på forbrugslån", Money(220_000), monthly, Need.NEED, False),
        (LineKind.EXPENSE, "food", "Mad og husholdning", Money(130_000), weekly, Need.NEED, True),
        (LineKind.EXPENSE, "transport", "Rejsekort", Money(40_000), monthly, Need.NEED, True),
    ]


def add_showcase(store: Store, *, today: dt.date) -> tuple[str, str]:
    """Add the agreement case and the bailiff case; returns their case numbers (in that order)."""
    from boligdesk.services.demo import ADVISERS, _budget_lines, _place_of

    rng = random.Random(4711)
    with store.session() as s:
        adviser_id = ensure_adviser(s, ADVISERS[0])
        estate = (
            s.query(Estate)
            .join(HousingAssociation, Estate.association_id == HousingAssociation.id)
            .filter(Estate.deleted.is_(False), HousingAssociation.deleted.is_(False), Estate.name != "")
            .order_by(HousingAssociation.name, Estate.number)
            .first()
        )
        assert estate is not None, "the demo's estates are made first"
        if not estate.association.address.strip():
            estate.association.address = "Søvej 2\n2620 Albertslund"
        postcode, city = _place_of(estate.association.address)  # the home lies in its afdeling's town
        numbers: list[str] = []
        for first, last, bailiff in (("Sanne", "Eksempel", False), ("Bo", "Eksempel", True)):
            rent = Money.kr(6200)
            reminder = today - dt.timedelta(days=75 if not bailiff else 45)
            fee = Money(30_000)
            arrears = rent * 2 + fee
            person = Person(
                first_name=first,
                last_name=last,
                birth_date=dt.date(1984, 5, 17),
                phone="22 33 44 55",
                email=f"{first.lower()}.eksempel@example.dk",
            )
            household = Household()
            members = [
                HouseholdMember(
                    household=household,
                    name=f"{first} {last}",
                    role=MemberRole.ADULT,
                    birth_date=person.birth_date,
                    is_tenant=True,
                    sort_order=0,
                ),
                HouseholdMember(
                    household=household,
                    name="Alma",
                    role=MemberRole.CHILD,
                    birth_date=dt.date(today.year - 8, 2, 3),
                    sort_order=2,
                ),
            ]
            tenancy = Tenancy(
                estate_id=estate.id,
                tenancy_number=f"{estate.number}-034-{len(numbers) + 1:05d}",
                address_line=f"Engparken {12 + len(numbers)}, 2. tv",
                postcode=postcode,
                city=city,
                rent=rent,
                rooms=3,
                move_in_date=dt.date(2015, 8, 1),
            )
            s.add_all([person, household, *members, tenancy])
            s.flush()
            opened = reminder + dt.timedelta(days=3)
            case = Case(
                number=next_case_number(s, opened.year),
                kind=CaseKind.EVICTION_THREAT,
                phase=CasePhase.ADVICE if bailiff else CasePhase.REPAYMENT,
                tenant_id=person.id,
                household_id=household.id,
                tenancy_id=tenancy.id,
                adviser_id=adviser_id,
                opened_on=opened,
                letters_reach_tenant=LetterDelivery.YES,
                referral_source=ReferralSource.TERMINATION_LIST,
                income_basis=IncomeBasis.CASH_BENEFIT,
                arrears=arrears,
                reminder_fee=fee,
                reminder_sent_on=reminder,
            )
            if bailiff:
                case.termination_on = reminder + dt.timedelta(days=17)
                case.hearing_on = next_weekday_on_or_after(today - dt.timedelta(days=5))
                case.eviction_on = next_weekday_on_or_after(today + dt.timedelta(days=12))
                case.eviction_time_from = dt.time(9, 30)
                case.eviction_time_to = dt.time(13, 0)
            s.add(case)
            s.flush()
            if bailiff:  # the letters to the fogedret, the kommune and the bank share her data: she
                # consented to each in writing at the first meeting
                for share_with, scope in (
                    (ShareWith.BAILIFF_COURT, "Restance, budget og afdragsmuligheder"),
                    (ShareWith.MUNICIPALITY, "Restance, budget og indtægter til ansøgning om hjælp"),
                    (ShareWith.BANK, "Restance og budget til aftale om betaling af huslejen"),
                ):
                    s.add(
                        Consent(
                            case_id=case.id,
                            share_with=share_with,
                            scope=scope,
                            given_on=opened,
                            how=ConsentHow.WRITTEN,
                        )
                    )
                # The § 81 application was refused: its appeal deadline stands under Frister and in the
                # case header; the kommune's caseworker and the landlord's contact are on the case.
                s.add(
                    Application(
                        case_id=case.id,
                        kind=ApplicationKind.HOUSING_COSTS_ARREARS,
                        sent_to="Vestegnens Kommune (demo), Ydelsescenter",
                        sent_on=opened + dt.timedelta(days=4),
                        applied_amount=arrears,
                        decision=Decision.REFUSED,
                        decided_on=today - dt.timedelta(days=10),
                        received_on=today - dt.timedelta(days=8),
                        note="Afslag: kommunen mener, restancen kunne forudses. Klage overvejes.",
                    )
                )
                for contact_id in s.scalars(
                    select(Contact.id)
                    .where(
                        Contact.deleted.is_(False),
                        Contact.role.in_([ContactRole.CASEWORKER, ContactRole.LANDLORD_CONTACT]),
                    )
                    .order_by(Contact.name)
                    .limit(2)
                ):
                    s.add(CaseContact(case_id=case.id, contact_id=contact_id))
            s.add(
                CaseKindChange(
                    case_id=case.id, kind=case.kind, changed_at=dt.datetime.combine(opened, dt.time(9))
                )
            )
            for m in range(2):
                period = add_months(dt.date(reminder.year, reminder.month, 1), -m)
                s.add(
                    ArrearsItem(
                        case_id=case.id, kind=ArrearsKind.RENT, period=period, text="Husleje", amount=rent
                    )
                )
            s.add(
                ArrearsItem(case_id=case.id, kind=ArrearsKind.REMINDER_FEE, text="Påkravsgebyr", amount=fee)
            )
            budget = Budget(
                case_id=case.id, made_on=opened + dt.timedelta(days=4), title="Budget ved hjemmebesøg"
            )
            s.add(budget)
            # How the adviser reached the tenant: a call the day after, then the home visit with the budget
            # (the Afslutning page and the statistics' contact rate and meetings count them).
            for at, channel, result in (
                (opened + dt.timedelta(days=1), ContactChannel.PHONE, ContactResult.MEETING_AGREED),
                (budget.made_on, ContactChannel.MEETING, ContactResult.REACHED),
            ):
                s.add(
                    ContactAttempt(
                        case_id=case.id,
                        at=dt.datetime.combine(at, dt.time(10, 0)),
                        channel=channel,
                        result=result,
                        by=ADVISERS[0],
                    )
                )
            s.flush()
            lines = _bailiff_budget_lines(rent) if bailiff else _budget_lines(rng, rent, kids=1, adults=1)
            for order, (kind, category, text, amount, frequency, need, daily) in enumerate(lines):
                s.add(
                    BudgetLine(
                        budget_id=budget.id,
                        kind=kind,
                        category=category,
                        text=text,
                        amount=amount,
                        frequency=frequency,
                        need=need,
                        is_daily_money=daily,
                        sort_order=order,
                    )
                )
            pay_day = dt.date(today.year, today.month, 1)
            s.add(
                EnvelopePlan(
                    case_id=case.id,
                    budget_id=budget.id,
                    pay_day=pay_day,
                    start_on=default_start(pay_day),
                    rounding_unit=Money(100),
                    leftover_rule=LeftoverDaysRule(EXTRA_ENVELOPE),
                )
            )
            if not bailiff:
                # Agreed two months ago, as an adviser does (a plan the budget carries); the first
                # instalment was paid, the second is missing.
                agreed_on = add_months(dt.date(today.year, today.month, 1), -2) - dt.timedelta(days=5)
                made = add_active_plan(
                    s, case.id, budget.id, agreed_on=agreed_on, months=6, adviser=ADVISERS[0]
                )
                assert made is not None, "the showcase budget carries a plan"
                plan, schedule = made
                first_instalment = schedule.instalments[0]
                s.add(
                    Payment(plan_id=plan.id, paid_on=first_instalment.due_on, amount=first_instalment.amount)
                )
            numbers.append(case.number)
    return numbers[0], numbers[1]
