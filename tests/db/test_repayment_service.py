"""Repayment plans on a real encrypted store: versions, payments, missed instalments, fulfilled/broken.

Invented case: Mette Kjærgaard, Solhavevej 4, afdeling 12 Solhaven; rent 6.200 kr., arrears 13.000 kr.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from boligdesk.budget.money import Money
from boligdesk.budget.repayment import InstalmentStatus
from boligdesk.budget.vocabulary import (
    AgreedVia,
    ArrearsKind,
    AuditAction,
    CasePhase,
    Frequency,
    LineKind,
    Need,
    Outcome,
    PlanStatus,
)
from boligdesk.errors import UserInputError
from boligdesk.models import AuditEvent, Budget, BudgetLine, Case, Estate, HousingAssociation
from boligdesk.models.store import Store
from boligdesk.services.arrears import ArrearsInput, arrears_rows, default_reminder_fee
from boligdesk.services.cases import NewCase
from boligdesk.services.changes import Changes, Part
from boligdesk.services.desk import Desk, NotFoundError
from boligdesk.services.plan_rows import PlanInput
from tests.cases import create_case

D = dt.date
KR = Money.kr
TODAY = D(2026, 2, 20)
MARCH = D(2026, 3, 1)
RENT = Money(620000)
ARREARS = Money(1300000)
INCOME = Money(1638200)
OTHER_NEED = Money(680000)
NOTHING = Money(0)
ASSESSMENT = "Kontanthjælp 16.382 kr. Budgettet holder, når tv-pakken opsiges; feriepenge kommer i maj."
ADVISER = "Anne Rådgiver"


@pytest.fixture
def desk(store: Store) -> Desk:
    return Desk(store, adviser_name=ADVISER, today=lambda: TODAY)


def on(desk: Desk, day: dt.date) -> Desk:
    """The desk working on ``day`` from now on."""
    desk.clock = lambda: day
    return desk


def make_case(
    store: Store,
    *,
    max_months: int = 12,
    phone_months: int = 3,
    rent: Money = RENT,
    arrears: Money = ARREARS,
) -> str:
    with store.session() as s:
        association = HousingAssociation(name="Boligselskabet Lærkegården")
        s.add(association)
        s.flush()
        estate = Estate(
            association_id=association.id,
            number="12",
            name="Solhaven",
            max_plan_months=max_months,
            phone_plan_max_months=phone_months,
        )
        s.add(estate)
        s.flush()
        estate_id = estate.id
    return create_case(
        store,
        NewCase(
            first_name="Mette",
            last_name="Kjærgaard",
            address_line="Solhavevej 4, 2. th.",
            postcode="2400",
            city="København NV",
            estate_id=estate_id,
            rent=rent,
            arrears=arrears,
        ),
        today=TODAY,
    )


def add_budget(
    store: Store,
    case_id: str,
    *,
    income: Money = INCOME,
    other_need: Money = OTHER_NEED,
    nice: Money = NOTHING,
    rent: Money | None = RENT,
    made_on: dt.date = TODAY,
) -> str:
    """A budget with income, the rent, other need-to-have spending and optionally nice to have."""
    with store.session() as s:
        budget = Budget(case_id=case_id, made_on=made_on, title="Budget ved hjemmebesøg")
        s.add(budget)
        s.flush()
        lines = [(LineKind.INCOME, "other_income", "Kontanthjælp", income, None)]
        if rent is not None:
            lines.append((LineKind.EXPENSE, "rent", "Husleje", rent, Need.NEED))
        lines.append((LineKind.EXPENSE, "other", "Mad, el, forsikring, telefon", other_need, Need.NEED))
        if nice:
            lines.append((LineKind.EXPENSE, "other", "Tv-pakke og cigaretter", nice, Need.NICE))
        for order, (kind, category, text, amount, need) in enumerate(lines):
            s.add(
                BudgetLine(
                    budget_id=budget.id,
                    kind=kind,
                    category=category,
                    text=text,
                    amount=amount,
                    frequency=Frequency.MONTHLY,
                    need=need,
                    sort_order=order,
                )
            )
        return budget.id


def _case(store: Store, case_id: str) -> Case:
    with store.session() as s:
        case = s.get(Case, case_id)
        assert case is not None
        return case


# --- agreeing ------------------------------------------------------------------------------------
def test_plan_is_agreed_as_version_one_and_the_case_moves_to_repayment(store: Store, desk: Desk) -> None:
    case_id = make_case(store)
    plan_id = on(desk, TODAY).plan.agree(case_id, PlanInput(MARCH, months=3, agreed_via=AgreedVia.PHONE)).id
    plan = desk.plan.active(case_id)
    assert plan is not None and plan.id == plan_id
    assert (plan.version, plan.status, plan.debt, plan.months) == (1, PlanStatus.ACTIVE, KR(13000), 3)
    # 13.000 / 3 = 4.333,33 → 4.334 kr.; last 4.332 kr.; 1 March 2026 is a Sunday → 2 March.
    assert [(i.due_on, i.amount) for i in plan.instalments] == [
        (D(2026, 3, 2), KR(4334)),
        (D(2026, 4, 1), KR(4334)),
        (D(2026, 5, 1), KR(4332)),
    ]
    assert plan.rent == KR(6200) and plan.agreed_on == TODAY and plan.made_by == "Anne Rådgiver"
    case = _case(store, case_id)
    assert case.phase is CasePhase.REPAYMENT
    assert case.outcome is Outcome.REPAYMENT_PLAN
    with store.session() as s:
        events = s.scalars(select(AuditEvent).where(AuditEvent.entity == "repayment_plan")).all()
        assert [e.entity_id for e in events] == [plan_id]
        assert (events[0].action, events[0].actor, events[0].case_id) == (
            AuditAction.CREATE,
            ADVISER,
            case_id,
        )


def test_draft_keeps_the_builders_inputs_until_the_plan_is_agreed(store: Store, desk: Desk) -> None:
    case_id = make_case(store)
    budget_id = add_budget(store, case_id)
    draft_id = desk.plan.save_draft(
        case_id, PlanInput(MARCH, instalment=KR(2600), assessment="Første udkast")
    ).id
    draft_id_again = desk.plan.save_draft(
        case_id, PlanInput(MARCH, instalment=KR(2600), assessment=ASSESSMENT, budget_id=budget_id)
    ).id
    assert draft_id == draft_id_again
    draft = desk.plan.draft(case_id)
    assert desk.plan.plans(case_id) == []
    assert draft is not None
    assert draft.data == PlanInput(MARCH, instalment=KR(2600), assessment=ASSESSMENT, budget_id=budget_id)

    plan_id = on(desk, TODAY).plan.agree(case_id, draft.data).id
    assert plan_id == draft_id
    assert desk.plan.draft(case_id) is None
    plan = desk.plan.active(case_id)
    assert plan is not None
    assert (plan.months, plan.instalment, plan.budget_id) == (5, KR(2600), budget_id)


def test_plan_longer_than_estate_maximum_is_refused_and_nothing_is_saved(store: Store, desk: Desk) -> None:
    case_id = make_case(store, max_months=6)
    budget_id = add_budget(store, case_id)
    with pytest.raises(UserInputError) as info:
        on(desk, TODAY).plan.agree(
            case_id, PlanInput(MARCH, months=8, assessment=ASSESSMENT, budget_id=budget_id)
        )
    assert info.value.message == (
        "Planen er på 8 måneder, men afdeling 12 Solhaven tillader højst 6 måneder. "
        "Vælg færre måneder eller et større afdrag."
    )
    assert desk.plan.plans(case_id) == []
    assert _case(store, case_id).phase is CasePhase.NEW


def test_plan_longer_than_phone_limit_without_budget_is_refused(store: Store, desk: Desk) -> None:
    case_id = make_case(store)
    with pytest.raises(UserInputError) as info:
        on(desk, TODAY).plan.agree(case_id, PlanInput(MARCH, months=5, assessment=ASSESSMENT))
    assert info.value.code == "plan.budget_required"
    assert info.value.message == (
        "En plan på mere end 3 måneder kræver et budget. Lav budgettet sammen med lejeren først."
    )


def test_plan_longer_than_phone_limit_without_assessment_is_refused(store: Store, desk: Desk) -> None:
    case_id = make_case(store)
    budget_id = add_budget(store, case_id)
    with pytest.raises(UserInputError) as info:
        on(desk, TODAY).plan.agree(case_id, PlanInput(MARCH, months=5, budget_id=budget_id))
    assert info.value.code == "plan.assessment_required"


def test_start_date_long_ago_is_refused(store: Store, desk: Desk) -> None:
    case_id = make_case(store)
    with pytest.raises(UserInputError) as info:
        on(desk, TODAY).plan.agree(case_id, PlanInput(D(2025, 12, 1), months=3))
    assert info.value.message == "Første afdrag ligger mere end en måned tilbage i tiden. Tjek datoen."


def test_renegotiation_creates_version_two_from_what_is_still_owed(store: Store, desk: Desk) -> None:
    case_id = make_case(store)
    budget_id = add_budget(store, case_id)
    first_id = on(desk, TODAY).plan.agree(case_id, PlanInput(MARCH, months=2)).id
    on(desk, D(2026, 3, 10)).plan.register_payment(first_id, D(2026, 3, 2), KR(2600))
    second_id = (
        on(desk, D(2026, 3, 10))
        .plan.agree(case_id, PlanInput(D(2026, 4, 1), months=8, assessment=ASSESSMENT, budget_id=budget_id))
        .id
    )
    history = desk.plan.plans(case_id)
    current = desk.plan.active(case_id)
    assert [(p.version, p.status) for p in history] == [(2, PlanStatus.ACTIVE), (1, PlanStatus.SUPERSEDED)]
    assert current is not None and current.id == second_id
    assert current.previous_id == first_id
    # 13.000 − 2.600 paid on version 1 = 10.400 kr. over 8 months = 1.300 kr.
    assert current.debt == KR(10400)
    assert [i.amount for i in current.instalments] == [KR(1300)] * 8
    old = history[1]
    assert old.ended_on == D(2026, 3, 10)
    assert [p.amount for p in old.payments] == [KR(2600)]
    # The registered arrears stay what the parts add up to; the plan carries what is still owed.
    assert _case(store, case_id).arrears == KR(13000)


# --- payments and follow-up ---------------------------------------------------------------------
def test_payment_in_the_future_or_of_nothing_is_refused(store: Store, desk: Desk) -> None:
    case_id = make_case(store)
    plan_id = on(desk, TODAY).plan.agree(case_id, PlanInput(MARCH, months=2)).id
    with pytest.raises(UserInputError) as info:
        on(desk, D(2026, 3, 4)).plan.register_payment(plan_id, D(2026, 3, 5), KR(100))
    assert info.value.message == "Datoen ligger efter i dag. Registrér indbetalingen, når den er modtaget."
    with pytest.raises(UserInputError) as info:
        on(desk, D(2026, 3, 4)).plan.register_payment(plan_id, D(2026, 3, 4), Money(0))
    assert info.value.message == "Indbetalingen skal være større end 0 kr."
    with pytest.raises(UserInputError) as info:
        on(desk, D(2026, 3, 4)).plan.register_payment(plan_id, D(2026, 1, 15), KR(100))
    assert (
        info.value.message
        == "Indbetalingen er dateret før afdragsordningen begyndte (20.02.2026). Tjek datoen."
    )
    plan = desk.plan.active(case_id)
    assert plan is not None and plan.payments == ()


def test_missed_instalment_appears_after_the_on_time_limit_until_it_is_paid(store: Store, desk: Desk) -> None:
    case_id = make_case(store)
    plan_id = (
        on(desk, TODAY)
        .plan.agree(
            case_id, PlanInput(MARCH, months=5, assessment=ASSESSMENT, budget_id=add_budget(store, case_id))
        )
        .id
    )
    # Due Monday 2 March; on time up to the 3rd hverdag after 1 March: Wednesday 4 March.
    assert on(desk, D(2026, 3, 4)).plan.missed_instalments() == []
    missed = on(desk, D(2026, 3, 5)).plan.missed_instalments()
    assert [(m.case_id, m.plan_id, m.seq, m.due_on, m.missing) for m in missed] == [
        (case_id, plan_id, 1, D(2026, 3, 2), KR(2600))
    ]
    progress = on(desk, D(2026, 3, 5)).plan.register_payment(plan_id, D(2026, 3, 5), KR(1000)).progress
    assert progress.instalments[0].status is InstalmentStatus.PARTLY_PAID
    assert [m.missing for m in on(desk, D(2026, 3, 6)).plan.missed_instalments()] == [KR(1600)]
    progress = on(desk, D(2026, 3, 6)).plan.register_payment(plan_id, D(2026, 3, 6), KR(1600)).progress
    assert progress.instalments[0].status is InstalmentStatus.LATE
    assert on(desk, D(2026, 3, 6)).plan.missed_instalments() == []
    assert desk.plan.context(case_id).debt.debt == KR(10400)


def test_plan_is_fulfilled_when_the_debt_is_paid_and_recorded_on_the_case(store: Store, desk: Desk) -> None:
    case_id = make_case(store)
    plan_id = on(desk, TODAY).plan.agree(case_id, PlanInput(MARCH, months=2)).id
    on(desk, D(2026, 3, 2)).plan.register_payment(plan_id, D(2026, 3, 2), KR(6500))
    progress = (
        on(desk, D(2026, 3, 30))
        .plan.register_payment(plan_id, D(2026, 3, 30), KR(6500), note="Feriepenge")
        .progress
    )
    assert progress.fulfilled and progress.owed == Money(0)
    [plan] = desk.plan.plans(case_id)
    assert desk.plan.active(case_id) is None
    assert (plan.status, plan.ended_on) == (PlanStatus.FULFILLED, D(2026, 3, 30))
    assert plan.payments[-1].note == "Feriepenge"
    case = _case(store, case_id)
    assert (case.outcome, case.arrears_covered, case.phase) == (
        Outcome.ARREARS_PAID,
        True,
        CasePhase.FOLLOW_UP,
    )
    assert desk.plan.context(case_id).debt.debt == Money(0)
    with pytest.raises(UserInputError) as info:
        on(desk, D(2026, 3, 31)).plan.register_payment(plan_id, D(2026, 3, 31), KR(100))
    assert info.value.message == "Planen er allerede betalt og opfyldt."


def test_cancelling_a_payment_reopens_a_fulfilled_plan(store: Store, desk: Desk) -> None:
    case_id = make_case(store)
    plan_id = on(desk, TODAY).plan.agree(case_id, PlanInput(MARCH, months=2)).id
    on(desk, D(2026, 3, 2)).plan.register_payment(plan_id, D(2026, 3, 2), KR(13000))
    [plan] = desk.plan.plans(case_id)
    on(desk, D(2026, 3, 3)).plan.cancel_payment(plan.payments[0].id)
    plan_again = desk.plan.active(case_id)
    assert plan_again is not None and plan_again.payments == () and plan_again.ended_on is None
    case = _case(store, case_id)
    assert (case.outcome, case.phase) == (Outcome.REPAYMENT_PLAN, CasePhase.REPAYMENT)
    assert desk.plan.context(case_id).debt.debt == KR(13000)


def test_adviser_marks_a_plan_broken_and_it_leaves_the_missed_list(store: Store, desk: Desk) -> None:
    case_id = make_case(store)
    plan_id = on(desk, TODAY).plan.agree(case_id, PlanInput(MARCH, months=2)).id
    assert len(on(desk, D(2026, 4, 10)).plan.missed_instalments()) == 2
    on(desk, D(2026, 4, 10)).plan.mark_broken(plan_id)
    [plan] = desk.plan.plans(case_id)
    assert on(desk, D(2026, 4, 10)).plan.missed_instalments() == []
    assert (plan.status, plan.ended_on) == (PlanStatus.BROKEN, D(2026, 4, 10))
    case = _case(store, case_id)
    assert case.phase is CasePhase.FOLLOW_UP and case.outcome is None
    with pytest.raises(UserInputError) as info:
        on(desk, D(2026, 4, 11)).plan.mark_broken(plan_id)
    assert info.value.message == "Kun en aktiv plan kan markeres som misligholdt. Planen er »Misligholdt«."
    # A new plan after a broken one is version 2 and follows on from it.
    new_id = on(desk, D(2026, 4, 11)).plan.agree(case_id, PlanInput(D(2026, 5, 1), months=2)).id
    new = desk.plan.active(case_id)
    assert new is not None and new.id == new_id and (new.version, new.previous_id) == (2, plan_id)


def test_missed_instalments_skip_deleted_cases(store: Store, desk: Desk) -> None:
    case_id = make_case(store)
    on(desk, TODAY).plan.agree(case_id, PlanInput(MARCH, months=2))
    with store.session() as s:
        case = s.get(Case, case_id)
        assert case is not None
        case.deleted = True
    assert on(desk, D(2026, 4, 10)).plan.missed_instalments() == []


# --- arrears parts and the builder's context -----------------------------------------------------
def test_arrears_parts_make_up_the_debt_and_the_case_arrears(store: Store, desk: Desk) -> None:
    case_id = make_case(store)
    fee = default_reminder_fee(TODAY)
    assert fee == KR(314)  # the 2023 påkravsgebyr, the newest in the rates table
    arrears = Desk(store, today=lambda: TODAY).arrears
    fee_id = arrears.add(case_id, ArrearsInput(ArrearsKind.REMINDER_FEE, fee, text="Påkravsgebyr")).id
    rent_id = arrears.add(
        case_id, ArrearsInput(ArrearsKind.RENT, KR(6200), period=D(2026, 2, 1), text="Husleje februar")
    ).id
    assert _case(store, case_id).arrears == KR(19514)
    arrears.update(rent_id, ArrearsInput(ArrearsKind.RENT, KR(6000), period=D(2026, 2, 1)))
    arrears.remove(fee_id)
    with store.session() as s:
        rows = arrears_rows(s, case_id)
        picture = desk.plan.context(case_id).debt
    assert [(r.kind, r.amount) for r in rows] == [
        (ArrearsKind.RENT, KR(13000)),
        (ArrearsKind.RENT, KR(6000)),
    ]
    assert picture.items_total == picture.debt == KR(19000)
    assert _case(store, case_id).arrears == KR(19000)
    with pytest.raises(UserInputError) as info:
        arrears.add(case_id, ArrearsInput(ArrearsKind.OTHER, Money(0)))
    assert info.value.message == "Beløbet skal være større end 0 kr."


def test_arrears_registered_without_parts_become_a_part_before_a_fee_is_added(
    store: Store, desk: Desk
) -> None:
    case_id = make_case(store, arrears=NOTHING)
    with store.session() as s:  # as an import that only knows the amount would leave it
        case = s.get(Case, case_id)
        assert case is not None
        case.arrears = KR(9000)
    assert desk.plan.context(case_id).debt.debt == KR(9000)
    plan_id = on(desk, TODAY).plan.agree(case_id, PlanInput(MARCH, months=3)).id
    on(desk, D(2026, 3, 2)).plan.register_payment(plan_id, D(2026, 3, 2), KR(3000))
    on(desk, D(2026, 4, 1)).plan.register_payment(plan_id, D(2026, 4, 1), KR(3000))
    assert desk.plan.context(case_id).debt.debt == KR(3000)  # 9.000 − 2 × 3.000, counted once
    Desk(store, today=lambda: TODAY).arrears.add(case_id, ArrearsInput(ArrearsKind.REMINDER_FEE, KR(314)))
    with store.session() as s:
        rows = arrears_rows(s, case_id)
        picture = desk.plan.context(case_id).debt
    assert [(r.kind, r.text, r.amount) for r in rows] == [
        (ArrearsKind.RENT, "Huslejerestance", KR(9000)),
        (ArrearsKind.REMINDER_FEE, "", KR(314)),
    ]
    assert (picture.items_total, picture.debt) == (KR(9314), KR(3314))
    assert _case(store, case_id).arrears == KR(9314)
    assert not picture.registered_differs


def test_parts_that_differ_from_the_registered_arrears_are_pointed_out(store: Store, desk: Desk) -> None:
    case_id = make_case(store)
    with store.session() as s:  # the case view registers a new figure without changing the parts
        case = s.get(Case, case_id)
        assert case is not None
        case.arrears = KR(15000)
    picture = desk.plan.context(case_id).debt
    assert picture.registered_differs and picture.debt == KR(13000)


def test_builder_context_has_the_estate_policy_rent_and_latest_budget(store: Store, desk: Desk) -> None:
    case_id = make_case(store, max_months=6)
    bare = desk.plan.context(case_id)
    assert bare.budget is None and bare.budget_id is None
    assert (bare.policy.max_months, bare.policy.phone_limit_months, bare.policy.estate_name) == (
        6,
        3,
        "12 Solhaven",
    )
    assert bare.rent == KR(6200) and bare.debt.debt == KR(13000)

    add_budget(store, case_id, made_on=D(2026, 1, 10))
    latest = add_budget(store, case_id, nice=KR(700), made_on=D(2026, 2, 18))
    context = desk.plan.context(case_id)
    assert context.budget_id == latest and context.budget_made_on == D(2026, 2, 18)
    assert context.budget is not None
    assert (context.budget.income, context.budget.need_expenses, context.budget.nice_expenses) == (
        KR(16382),
        KR(13000),
        KR(700),
    )


def test_budget_without_a_rent_line_still_counts_the_rent(store: Store, desk: Desk) -> None:
    case_id = make_case(store)
    add_budget(store, case_id, rent=None)
    context = desk.plan.context(case_id)
    assert context.budget is not None
    assert context.budget.need_expenses == KR(6800) + KR(6200)


# --- what the writes report -----------------------------------------------------------------------
def test_writes_say_what_they_changed_so_the_views_can_redraw(store: Store, desk: Desk) -> None:
    case_id = make_case(store)
    draft = desk.plan.save_draft(case_id, PlanInput(MARCH, months=2))
    assert draft.changes == Changes.of(case_id, Part.PLAN)
    agreed = on(desk, TODAY).plan.agree(case_id, PlanInput(MARCH, months=2))
    assert agreed.changes.touches(case_id, Part.CASE) and agreed.changes.touches(case_id, Part.PLAN)
    assert not agreed.changes.touches("en-anden-sag", Part.PLAN)
    partly = on(desk, D(2026, 3, 2)).plan.register_payment(agreed.id, D(2026, 3, 2), KR(1000))
    assert partly.changes == Changes.of(case_id, Part.PLAN)  # the case stays in repayment
    paid = on(desk, D(2026, 3, 3)).plan.register_payment(agreed.id, D(2026, 3, 3), KR(12000))
    assert paid.progress.fulfilled and paid.changes.touches(case_id, Part.CASE)
    assert on(desk, D(2026, 3, 4)).plan.cancel_payment(paid.id).touches(case_id, Part.CASE)
    assert desk.plan.cancel_payment(paid.id) == Changes.none()  # already taken back: nothing to do
    with store.session() as s:
        payment_events = s.scalars(select(AuditEvent).where(AuditEvent.entity == "payment")).all()
    assert {(e.action, e.case_id, e.actor) for e in payment_events} == {
        (AuditAction.CREATE, case_id, ADVISER),
        (AuditAction.DELETE, case_id, ADVISER),
    }
    [plan] = desk.plan.plans(case_id)
    assert {p.registered_by for p in plan.payments} == {ADVISER}


def test_a_case_deleted_elsewhere_is_refused_with_the_one_not_found_message(store: Store, desk: Desk) -> None:
    case_id = make_case(store)
    with store.session() as s:
        case = s.get(Case, case_id)
        assert case is not None
        case.deleted = True
    with pytest.raises(NotFoundError):
        desk.plan.context(case_id)
    with pytest.raises(NotFoundError):
        on(desk, TODAY).plan.agree(case_id, PlanInput(MARCH, months=2))
    with pytest.raises(NotFoundError):
        desk.plan.mark_broken("findes-ikke")


def test_the_printed_budget_shows_the_active_plans_instalment(store: Store, desk: Desk) -> None:
    case_id = make_case(store)
    budget_id = add_budget(store, case_id)
    assert on(desk, TODAY).budget_print.budget_data(budget_id).instalment is None  # no plan yet
    on(desk, TODAY).plan.agree(
        case_id, PlanInput(MARCH, months=5, assessment=ASSESSMENT, budget_id=budget_id)
    )
    active = desk.plan.active(case_id)
    assert active is not None
    data = desk.budget_print.budget_data(budget_id)
    assert data.instalment == active.instalment and data.instalment == KR(2600)
