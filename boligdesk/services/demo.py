"""Invented but realistic demo data: associations, estates, households and cases of every kind and phase.

Every name and address here is made up from lists of common Danish first names, surnames and street
names; combinations are random. Nothing refers to a real person.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from sqlalchemy.orm import Session

from boligdesk.budget.calendar import add_months, next_weekday_on_or_after
from boligdesk.budget.money import Money
from boligdesk.budget.repayment import (
    Schedule,
    assess_feasibility,
    build_schedule,
    first_rent_day_on_or_after,
    shortest_affordable_plan,
)
from boligdesk.budget.vocabulary import (
    AgreedVia,
    ArrearsKind,
    CaseKind,
    CasePhase,
    Cause,
    Certainty,
    CodeCategory,
    ContactChannel,
    ContactResult,
    Frequency,
    IncomeBasis,
    LetterDelivery,
    LineKind,
    MemberRole,
    Need,
    Outcome,
    ReferralSource,
    Trigger,
)
from boligdesk.models import (
    ArrearsItem,
    Budget,
    BudgetLine,
    Case,
    CaseCode,
    CaseKindChange,
    ContactAttempt,
    Estate,
    FollowUp,
    Household,
    HouseholdMember,
    HousingAssociation,
    JournalNote,
    Payment,
    Person,
    RepaymentPlan,
    Tenancy,
)
from boligdesk.models.store import Store
from boligdesk.services.advisers import ensure_adviser
from boligdesk.services.cases import next_case_number
from boligdesk.services.demo_outreach import add_outreach, ensure_contacts

FIRST_NAMES = [
    "Anne",
    "Mette",
    "Hanne",
    "Susanne",
    "Lene",
    "Marianne",
    "Camilla",
    "Louise",
    "Maria",
    "Pia",
    "Sofie",
    "Ida",
    "Emma",
    "Freja",
    "Laura",
    "Nadia",
    "Amina",
    "Fatima",
    "Yasmin",
    "Birgitte",
    "Jytte",
    "Kirsten",
    "Lone",
    "Tina",
    "Dorthe",
    "Helle",
    "Rikke",
    "Malene",
    "Jens",
    "Peter",
    "Lars",
    "Michael",
    "Søren",
    "Henrik",
    "Thomas",
    "Martin",
    "Jesper",
    "Anders",
    "Ole",
    "Kim",
    "Jan",
    "Morten",
    "Rasmus",
    "Mads",
    "Jonas",
    "Mikkel",
    "Ali",
    "Omar",
    "Ahmad",
    "Hassan",
    "Bent",
    "Poul",
    "Niels",
    "Kasper",
    "Frederik",
    "Oliver",
    "William",
    "Noah",
]
SURNAMES = [
    "Nørgaard",
    "Kjærsgaard",
    "Østergaard",
    "Bækgaard",
    "Dalsgaard",
    "Skovbjerg",
    "Holmgaard",
    "Lykkegaard",
    "Vestergaard",
    "Bøgelund",
    "Fjeldsted",
    "Grønbech",
    "Hvidtfeldt",
    "Kragelund",
    "Lindholt",
    "Mølgaard",
    "Rosenkilde",
    "Søndergaard",
    "Thygesen",
    "Vindeløv",
    "Aagaard",
    "Brøndum",
    "Fuglsang",
    "Gravesen",
    "Hjortshøj",
    "Juulsgaard",
    "Kvistgaard",
    "Langkjær",
    "Munkholm",
    "Overgaard",
    "Pallesen",
    "Rævsager",
    "Stokholm",
    "Tvede",
    "Ulvsgaard",
    "Yde",
    "Ærtebjerg",
    "Østerby",
    "Abildgaard",
    "Bundgaard",
]
STREETS = [
    "Bøgevænget",
    "Egeparken",
    "Hybenhaven",
    "Kløvermarken",
    "Lærkevej",
    "Mågevej",
    "Nattergalevej",
    "Pilehaven",
    "Rønnebærvej",
    "Solsikkevej",
    "Tjørnehaven",
    "Valmuevej",
    "Ahornparken",
    "Birkevænget",
    "Elmegården",
    "Fyrreparken",
    "Granhøj",
    "Hasselvænget",
    "Kastanjegården",
    "Lindeparken",
]
CITIES = (
    ("2620", "Albertslund"),
    ("2650", "Hvidovre"),
    ("2635", "Ishøj"),
    ("8220", "Brabrand"),
    ("5220", "Odense SØ"),
)

ASSOCIATIONS: tuple[tuple[str, tuple[tuple[str, str, int], ...]], ...] = (
    (
        "Boligselskabet Solgården",
        (("101", "Solgårdsparken", 12), ("102", "Egeparken", 12), ("103", "Granhøj", 6)),
    ),
    # Almene boligorganisationer (they let their homes; an andelsboligforening does not).
    ("Boligforeningen Lærkereden", (("201", "Lærkehaven", 12), ("202", "Mågeparken", 12))),
    ("Fællesbo Vest", (("301", "Vestervang", 12), ("302", "Kløverbakken", 12), ("303", "Pilegården", 12))),
)

ADVISERS = ("Hanne Holm", "Jesper Lund", "Amina Rahimi", "Torben Skov")


def _floor(number: int) -> str:
    """A Danish floor as written on an envelope: the ground floor is "st.", the others "1.", "2."…"""
    return "st." if number == 0 else f"{number}."


def _place_of(address: str) -> tuple[str, str]:
    """``("2620", "Albertslund")`` from an association's address ending in "2620 Albertslund"."""
    last = address.replace(",", "\n").splitlines()[-1].strip() if address.strip() else ""
    postcode, _, city = last.partition(" ")
    if postcode.isdigit() and city:
        return postcode, city
    return CITIES[0]


def _phase_for(kind: CaseKind, rng: random.Random) -> CasePhase:
    if kind is CaseKind.NEW_TENANT:
        return rng.choice([CasePhase.NEW, CasePhase.ADVICE, CasePhase.CLOSED])
    return rng.choice(list(CasePhase))


def _household(rng: random.Random, tenant: Person, today: dt.date) -> tuple[Household, list[HouseholdMember]]:
    household = Household()
    members = [
        HouseholdMember(
            household=household,
            name=tenant.full_name,
            role=MemberRole.ADULT,
            birth_date=tenant.birth_date,
            is_tenant=True,
            sort_order=0,
        )
    ]
    shape = rng.choice(["single", "single", "single_parent", "couple", "couple_kids", "adult_child"])
    if shape in ("couple", "couple_kids"):
        members.append(
            HouseholdMember(
                household=household,
                name=f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}",
                role=MemberRole.ADULT,
                birth_date=today - dt.timedelta(days=rng.randint(25 * 365, 60 * 365)),
                sort_order=1,
            )
        )
    kids = rng.randint(1, 4) if shape in ("single_parent", "couple_kids") else 0
    for i in range(kids):
        members.append(
            HouseholdMember(
                household=household,
                name=rng.choice(FIRST_NAMES),
                role=MemberRole.CHILD,
                birth_date=today - dt.timedelta(days=rng.randint(200, 17 * 365 + 300)),
                sort_order=2 + i,
            )
        )
    if shape == "adult_child":
        members.append(
            HouseholdMember(
                household=household,
                name=rng.choice(FIRST_NAMES),
                role=MemberRole.ADULT,
                birth_date=today - dt.timedelta(days=rng.randint(18 * 365 + 10, 24 * 365)),
                pays_in=False,
                sort_order=9,
            )
        )
    return household, members


#: Invented monthly benefit per adult (øre), roughly where the cash benefit lies in DOMAIN.md — an example
#: for a demo, not an official rate: without children, and with children in the household.
DEMO_BENEFIT_PER_ADULT = {False: (1_150_000, 1_330_000), True: (1_520_000, 1_700_000)}


def demo_income(rng: random.Random, paying_adults: int, kids: int) -> Money:
    """A plausible, invented monthly benefit for the household (one amount per adult who pays in)."""
    low, high = DEMO_BENEFIT_PER_ADULT[kids > 0]
    return Money(sum(rng.randrange(low, high, 100) for _ in range(max(paying_adults, 1))))


def _budget_lines(
    rng: random.Random, rent: Money, kids: int, adults: int = 1
) -> list[tuple[LineKind, str, str, Money, Frequency, Need | None, bool]]:
    income = demo_income(rng, adults, kids)
    lines: list[tuple[LineKind, str, str, Money, Frequency, Need | None, bool]] = [
        (LineKind.INCOME, "cash_benefit", "Kontanthjælp", income, Frequency.MONTHLY, None, False),
        (
            LineKind.INCOME,
            "housing_benefit",
            "Boligstøtte",
            Money(rng.randrange(80_000, 260_000, 100)),
            Frequency.MONTHLY,
            None,
            False,
        ),
        (LineKind.EXPENSE, "rent", "Husleje", rent, Frequency.MONTHLY, Need.NEED, False),
        (
            LineKind.EXPENSE,
            "utilities",
            "El og varme",
            Money(rng.randrange(40_000, 110_000, 100)),
            Frequency.MONTHLY,
            Need.NEED,
            False,
        ),
        (
            LineKind.EXPENSE,
            "insurance",
            "Indboforsikring",
            Money(rng.randrange(90_000, 250_000, 100)),
            Frequency.YEARLY,
            Need.NEED,
            False,
        ),
        (
            LineKind.EXPENSE,
            "phone_internet",
            "Mobil og internet",
            Money(rng.randrange(20_000, 60_000, 100)),
            Frequency.MONTHLY,
            Need.NEED,
            False,
        ),
        (
            LineKind.EXPENSE,
            "food",
            "Mad og husholdning",
            Money(rng.randrange(60_000, 120_000, 100)),
            Frequency.WEEKLY,
            Need.NEED,
            True,
        ),
        (
            LineKind.EXPENSE,
            "transport",
            "Rejsekort",
            Money(rng.randrange(20_000, 60_000, 100)),
            Frequency.MONTHLY,
            Need.NEED,
            True,
        ),
        (
            LineKind.EXPENSE,
            "media",
            "Stor tv-pakke",
            Money(rng.randrange(30_000, 70_000, 100)),
            Frequency.MONTHLY,
            Need.NICE,
            False,
        ),
        (
            LineKind.EXPENSE,
            "tobacco",
            "Cigaretter",
            Money(rng.randrange(50_000, 150_000, 100)),
            Frequency.MONTHLY,
            Need.NICE,
            False,
        ),
    ]
    if kids:
        lines.append(
            (
                LineKind.INCOME,
                "child_benefit",
                "Børne- og ungeydelse",
                Money(405_600 * kids),
                Frequency.QUARTERLY,
                None,
                False,
            )
        )
    return lines


def _letterhead(store: Store) -> None:
    """An invented organisation and sender, so demo letters are complete."""
    from boligdesk.letters.letterhead import Letterhead, Sender
    from boligdesk.services.desk import Desk

    if Desk(store).letters.letterhead().organisation:
        return
    Desk(store).letters.set_letterhead(
        Letterhead(
            organisation="Boligsocialt Team Vestegnen (demo)",
            address="Eksempelvej 1\n2620 Albertslund",
            phone="43 00 00 00",
            email="raadgivning@example.dk",
        ),
    )
    for i, name in enumerate(ADVISERS):
        Desk(store, adviser_name=name).letters.set_sender(
            Sender(name, "Socialrådgiver", f"21 00 00 0{i}", "raadgiver@example.dk")
        )


def add_active_plan(
    session: Session,
    case_id: str,
    budget_id: str,
    *,
    agreed_on: dt.date,
    months: int = 0,
    adviser: str = "",
) -> tuple[RepaymentPlan, Schedule] | None:
    """Agree a plan the case's budget can carry, the way an adviser does it on ``agreed_on``.

    The plan goes through :func:`~boligdesk.services.plan.agree_plan` (the estate's policy, the first
    instalment on or after the agreement); its length is the shortest the budget carries
    (:func:`~boligdesk.budget.repayment.shortest_affordable_plan`) or ``months`` when that is longer and
    within the estate's maximum. Returns None, and agrees nothing, when no plan within the policy fits
    the budget. The first instalment is due on the first rent day after the agreement. Payments are the
    caller's.
    """
    from boligdesk.services import plan_loading
    from boligdesk.services.plan import agree_plan
    from boligdesk.services.plan_rows import PlanInput

    context = plan_loading.plan_context(session, case_id)
    start = first_rent_day_on_or_after(agreed_on + dt.timedelta(days=1))
    suggestion = shortest_affordable_plan(
        context.debt.debt, start, context.budget, context.policy, rent=context.rent
    )
    if suggestion.schedule is None:
        return None
    wanted = max(suggestion.schedule.months, min(months, context.policy.max_months))
    schedule = build_schedule(context.debt.debt, start, months=wanted, rent=context.rent)
    feasibility = assess_feasibility(schedule, context.budget)
    if not feasibility.carries:
        return None
    assessment = "Budgettet kan bære afdraget"
    if feasibility.nice_cut:
        assessment += (
            f", når udgifterne til nice to have skæres ned med {feasibility.nice_cut.format()} om måneden"
        )
    data = PlanInput(
        start_on=start,
        months=wanted,
        agreed_via=AgreedVia.MEETING,
        assessment=assessment + ".",
        budget_id=budget_id,
    )
    created = agree_plan(session, case_id, data, today=agreed_on, made_by=adviser)
    plan = session.get(RepaymentPlan, created.id)
    assert plan is not None
    return plan, schedule


def populate(
    store: Store,
    cases: int,
    *,
    today: dt.date,
    seed: int = 2026,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Add ``cases`` invented cases (and the associations/estates/advisers on first use). Returns count."""
    rng = random.Random(seed + cases)
    # Issue 16's registrations draw from their own generator, so the cases above stay as they were.
    outreach_rng = random.Random(seed * 7 + cases)
    with store.session() as s:
        adviser_ids = [ensure_adviser(s, name) for name in ADVISERS]
        estates = s.query(Estate).filter(Estate.deleted.is_(False)).all()
        if not estates:
            for assoc_name, estate_specs in ASSOCIATIONS:
                postcode, city = rng.choice(CITIES)
                # The landlord's address as it stands on the agreement: street, then postcode and town.
                association = HousingAssociation(
                    name=assoc_name, address=f"{rng.choice(STREETS)} 1\n{postcode} {city}"
                )
                s.add(association)
                s.flush()
                for number, name, max_months in estate_specs:
                    s.add(
                        Estate(
                            association_id=association.id,
                            number=number,
                            name=name,
                            max_plan_months=max_months,
                            phone_plan_max_months=3,
                        )
                    )
            s.flush()
            estates = s.query(Estate).filter(Estate.deleted.is_(False)).all()
        estate_ids = [e.id for e in estates]
        contact_ids = ensure_contacts(s, today)
        # A home lies in its afdeling's town, and its tenancy number starts with the afdeling's number.
        estate_places = {e.id: (e.number, _place_of(e.association.address)) for e in estates}
    _letterhead(store)
    kinds = list(CaseKind)
    made = 0
    batch = 200
    while made < cases:
        with store.session() as s:
            for _ in range(min(batch, cases - made)):
                i = made
                kind = kinds[i % len(kinds)] if i < len(kinds) * 2 else rng.choice(kinds[:3] * 3 + kinds)
                phase = _phase_for(kind, rng)
                first, last = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
                person = Person(
                    first_name=first,
                    last_name=last,
                    birth_date=today - dt.timedelta(days=rng.randint(19 * 365, 78 * 365)),
                    phone=f"{rng.choice('2345')}{rng.randint(0, 9_999_999):07d}",
                    email=f"{first.lower()}.{last.lower()}@example.dk".replace("æ", "ae")
                    .replace("ø", "oe")
                    .replace("å", "aa"),
                )
                household, members = _household(rng, person, today)
                estate_id = rng.choice(estate_ids)
                estate_number, (postcode, city) = estate_places[estate_id]
                rent = Money(rng.randrange(450_000, 1_050_000, 100))
                tenancy = Tenancy(
                    estate_id=estate_id,
                    tenancy_number=f"{estate_number}-{rng.randint(1, 999):03d}-{i:05d}",
                    address_line=f"{rng.choice(STREETS)} {rng.randint(1, 140)}, {_floor(rng.randint(0, 4))} {rng.choice(['tv', 'th', 'mf'])}",
                    postcode=postcode,
                    city=city,
                    rent=rent,
                    rooms=rng.randint(1, 5),
                    move_in_date=today - dt.timedelta(days=rng.randint(30, 20 * 365)),
                )
                s.add_all([person, household, *members, tenancy])
                s.flush()
                opened = today - dt.timedelta(days=rng.randint(0, 400))
                # The tenant lived there before the case began; a new tenant's case starts at move-in.
                lived = (today - tenancy.move_in_date).days if tenancy.move_in_date else 30
                if kind is CaseKind.NEW_TENANT:
                    tenancy.move_in_date = opened - dt.timedelta(days=lived % 60)
                else:
                    tenancy.move_in_date = opened - dt.timedelta(days=max(lived, 30))
                months_behind = rng.randint(1, 3) if kind is CaseKind.EVICTION_THREAT else rng.randint(0, 1)
                reminder_sent = today - dt.timedelta(days=rng.randint(2, 40)) if months_behind else None
                # The arrears are the unpaid rent months plus the reminder fee, as the parts below say.
                # The fee the landlord charged on the påkrav (invented; at or under the legal maximum).
                charged_fee = Money(rng.choice([28_500, 30_000, 31_400])) if reminder_sent else Money(0)
                arrears = rent * months_behind + charged_fee
                termination = None
                # A termination comes after the påkrav deadline ran out, and never after today.
                days_since_reminder = (today - reminder_sent).days if reminder_sent is not None else 0
                if reminder_sent is not None and days_since_reminder >= 16 and rng.random() < 0.6:
                    termination = reminder_sent + dt.timedelta(
                        days=rng.randint(16, min(25, days_since_reminder))
                    )
                case = Case(
                    number=next_case_number(s, opened.year),
                    kind=kind,
                    phase=phase,
                    tenant_id=person.id,
                    household_id=household.id,
                    tenancy_id=tenancy.id,
                    adviser_id=rng.choice(adviser_ids),
                    opened_on=opened,
                    letters_reach_tenant=rng.choice(list(LetterDelivery)),
                    referral_source=ReferralSource.TERMINATION_LIST
                    if kind is CaseKind.EVICTION_THREAT
                    else rng.choice(list(ReferralSource)),
                    income_basis=rng.choice(list(IncomeBasis)),
                    arrears=arrears,
                    reminder_fee=charged_fee,
                    reminder_sent_on=reminder_sent,
                    termination_on=termination,
                )
                if termination is not None and rng.random() < 0.4:
                    # The bailiff's court sits on hverdage only (no hearing on 2. juledag).
                    case.hearing_on = next_weekday_on_or_after(
                        termination + dt.timedelta(days=rng.randint(14, 28))
                    )
                    if rng.random() < 0.5:
                        case.eviction_on = next_weekday_on_or_after(
                            case.hearing_on + dt.timedelta(days=rng.randint(7, 21))
                        )
                        case.eviction_time_from = dt.time(9, 0)
                        case.eviction_time_to = dt.time(12, 0)
                if phase is CasePhase.CLOSED:
                    case.closed_on = min(today, opened + dt.timedelta(days=rng.randint(20, 120)))
                    case.outcome = rng.choice(list(Outcome))
                s.add(case)
                s.flush()
                s.add(
                    CaseKindChange(
                        case_id=case.id, kind=kind, changed_at=dt.datetime.combine(opened, dt.time(9))
                    )
                )
                if months_behind:
                    # The unpaid months end with the month the påkrav was sent in (never a month to come).
                    latest = reminder_sent or today
                    for m in range(months_behind):
                        period = add_months(dt.date(latest.year, latest.month, 1), -m)
                        s.add(
                            ArrearsItem(
                                case_id=case.id,
                                kind=ArrearsKind.RENT,
                                period=period,
                                text="Husleje",
                                amount=rent,
                            )
                        )
                    if reminder_sent:
                        s.add(
                            ArrearsItem(
                                case_id=case.id,
                                kind=ArrearsKind.REMINDER_FEE,
                                text="Påkravsgebyr",
                                amount=charged_fee,
                            )
                        )
                s.add(
                    CaseCode(case_id=case.id, category=CodeCategory.TRIGGER, code=Trigger.UNPAID_RENT.value)
                )
                s.add(
                    CaseCode(
                        case_id=case.id,
                        category=CodeCategory.CAUSE,
                        code=rng.choice(list(Cause)).value,
                        qualifier=rng.choice(list(Certainty)).value,
                    )
                )
                attempt_at = dt.datetime.combine(opened, dt.time(10, 15))
                s.add(
                    ContactAttempt(
                        case_id=case.id,
                        at=attempt_at,
                        channel=ContactChannel.PHONE,
                        result=rng.choice(
                            [ContactResult.NO_ANSWER, ContactResult.REACHED, ContactResult.MEETING_AGREED]
                        ),
                    )
                )
                if rng.random() < 0.5:
                    s.add(
                        JournalNote(
                            case_id=case.id,
                            written_at=attempt_at + dt.timedelta(hours=1),
                            author=ADVISERS[i % len(ADVISERS)],
                            text="Telefonisk kontakt. Aftalt hjemmebesøg, lejer samler kontoudtog og regninger.",
                        )
                    )
                if rng.random() < 0.3 and case.closed_on is None:
                    s.add(
                        FollowUp(
                            case_id=case.id,
                            due_on=today + dt.timedelta(days=rng.randint(-3, 30)),
                            text="Ring og hør om boligstøtte",
                        )
                    )
                kids = sum(1 for m in members if m.role is MemberRole.CHILD)
                # The tenant and a partner (sort order 0 and 1) receive a benefit; a grown-up child does not.
                adults = sum(1 for m in members if m.role is MemberRole.ADULT and m.sort_order < 2)
                if (
                    phase in (CasePhase.ADVICE, CasePhase.REPAYMENT, CasePhase.FOLLOW_UP)
                    or rng.random() < 0.2
                ):
                    budget = Budget(
                        case_id=case.id,
                        made_on=min(today, opened + dt.timedelta(days=7)),
                        title="Budget ved hjemmebesøg",
                    )
                    s.add(budget)
                    s.flush()
                    for order, (lkind, cat, text, amount, freq, need, daily) in enumerate(
                        _budget_lines(rng, rent, kids, adults)
                    ):
                        s.add(
                            BudgetLine(
                                budget_id=budget.id,
                                kind=lkind,
                                category=cat,
                                text=text,
                                amount=amount,
                                frequency=freq,
                                need=need,
                                is_daily_money=daily,
                                sort_order=order,
                            )
                        )
                    if phase in (CasePhase.REPAYMENT, CasePhase.FOLLOW_UP) and arrears:
                        # Agreed at the visit or up to three months later, never before the budget.
                        agreed_on = max(budget.made_on, today - dt.timedelta(days=rng.randint(0, 95)))
                        made_plan = add_active_plan(
                            s,
                            case.id,
                            budget.id,
                            agreed_on=agreed_on,
                            months=rng.randint(3, 10),
                            adviser=ADVISERS[adviser_ids.index(str(case.adviser_id))],  # the case's own
                        )
                        if made_plan is None:
                            # No plan within the estate's rules fits this budget: the case is still
                            # being advised (help to pay the arrears, e.g. an enkeltydelse).
                            if case.phase is CasePhase.REPAYMENT:
                                case.phase = CasePhase.ADVICE
                        else:
                            plan, schedule = made_plan
                            for planned in schedule.instalments:
                                # Most tenants keep their plan (24 of 25 in the project); a few miss one.
                                if planned.due_on < today and rng.random() < 0.88:
                                    paid_on = min(
                                        today, planned.due_on + dt.timedelta(days=rng.randint(0, 2))
                                    )
                                    s.add(Payment(plan_id=plan.id, paid_on=paid_on, amount=planned.amount))
                add_outreach(outreach_rng, s, case, contact_ids, today)
                made += 1
        if progress is not None:
            progress(made)
    return made
