"""The afdragsordning rules: schedules, policy, feasibility, suggestion and follow-up.

Worked examples use invented amounts a social worker can check with a calculator and a calendar.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from boligdesk.budget.calendar import is_bank_day, is_weekday
from boligdesk.budget.money import Money
from boligdesk.budget.repayment import (
    NO_BUDGET_MESSAGE,
    BudgetRoom,
    FeasibilityLevel,
    InstalmentStatus,
    PaymentFact,
    PlannedInstalment,
    PlanPolicy,
    assess_feasibility,
    build_schedule,
    check_policy,
    plan_progress,
    policy_problems,
    shortest_affordable_plan,
)
from boligdesk.errors import UserInputError

D = dt.date
KR = Money.kr

debts = st.integers(min_value=1, max_value=50_000_000).map(Money)
start_dates = st.dates(min_value=D(2020, 1, 1), max_value=D(2045, 12, 31))
# The first schedule in a new year loads that year's holiday table (cached afterwards), which can take
# longer than Hypothesis's default 200 ms per example; the properties, not the timing, are tested here.
no_deadline = settings(deadline=None)


# --- properties of every schedule -----------------------------------------------------------------
@no_deadline
@given(debt=debts, start=start_dates, months=st.integers(min_value=1, max_value=24))
def test_schedule_by_months_adds_up_to_the_debt_with_positive_instalments(
    debt: Money, start: dt.date, months: int
) -> None:
    schedule = build_schedule(debt, start, months=months)
    amounts = [i.amount for i in schedule.instalments]
    assert schedule.total() == debt
    assert all(a.ore > 0 for a in amounts)
    assert 1 <= schedule.months <= months
    # One rounding step: every instalment but the last is the same whole-kroner amount, and the last
    # one is never larger than the others.
    assert all(a == schedule.regular for a in amounts[:-1])
    assert all(a.ore % 100 == 0 for a in amounts[:-1])
    assert schedule.last <= schedule.regular
    assert (schedule.shortened_from is None) == (schedule.months == months)


@no_deadline
@given(debt=debts, start=start_dates, instalment_ore=st.integers(min_value=1, max_value=5_000_000))
def test_schedule_by_instalment_uses_the_instalment_exactly_and_adds_up(
    debt: Money, start: dt.date, instalment_ore: int
) -> None:
    instalment = Money(instalment_ore)
    try:
        schedule = build_schedule(debt, start, instalment=instalment)
    except UserInputError as exc:
        assert exc.code == "plan.schedule_too_long"
        assert -(-debt.ore // instalment_ore) > 60
        return
    assert schedule.total() == debt
    assert all(i.amount.ore > 0 for i in schedule.instalments)
    assert all(i.amount == min(instalment, debt) for i in schedule.instalments[:-1])
    assert schedule.months == -(-debt.ore // instalment_ore)


@no_deadline
@given(debt=debts, start=start_dates, months=st.integers(min_value=1, max_value=24))
def test_due_dates_increase_and_are_bank_days_never_weekends_or_holidays(
    debt: Money, start: dt.date, months: int
) -> None:
    schedule = build_schedule(debt, start, months=months)
    dates = [i.due_on for i in schedule.instalments]
    assert all(a < b for a, b in itertools.pairwise(dates))
    for day in dates:
        assert day.weekday() < 5
        assert is_weekday(day) and is_bank_day(day)
        assert day >= start
        # The rent day (the 1st) moves forward a few days at most, never into the next month.
        assert day.day <= 7
    assert [i.seq for i in schedule.instalments] == list(range(1, schedule.months + 1))


# --- worked examples ------------------------------------------------------------------------------
def test_thirteen_thousand_over_five_months_is_five_equal_instalments_on_the_rent_day() -> None:
    schedule = build_schedule(KR(13000), D(2026, 3, 1), months=5, rent=KR(6200))
    assert [i.amount for i in schedule.instalments] == [KR(2600)] * 5
    # 1 March 2026 is a Sunday → Monday 2 March; 1 April–1 July 2026 are bank days.
    assert [i.due_on for i in schedule.instalments] == [
        D(2026, 3, 2),
        D(2026, 4, 1),
        D(2026, 5, 1),
        D(2026, 6, 1),
        D(2026, 7, 1),
    ]
    assert schedule.monthly_total == KR(8800)
    assert schedule.describe() == "5 måneder à 2.600,00 kr."


def test_instalment_is_rounded_up_to_whole_kroner_and_the_last_takes_the_rest() -> None:
    schedule = build_schedule(KR(10000), D(2026, 8, 1), months=3)
    # 10.000 / 3 = 3.333,33 → 3.334 kr.; the last is 10.000 − 2 × 3.334 = 3.332 kr.
    assert [i.amount for i in schedule.instalments] == [KR(3334), KR(3334), KR(3332)]
    assert schedule.describe() == "3 måneder à 3.334,00 kr., sidste afdrag 3.332,00 kr."
    # 1 August 2026 is a Saturday → Monday 3 August.
    assert schedule.first_due_on == D(2026, 8, 3)


def test_debt_with_ore_keeps_the_ore_on_the_last_instalment() -> None:
    schedule = build_schedule(Money.kr("7345.50"), D(2026, 9, 1), months=4)
    # 7.345,50 / 4 = 1.836,375 → 1.837 kr.; last 7.345,50 − 3 × 1.837 = 1.834,50 kr.
    assert [i.amount for i in schedule.instalments] == [KR(1837)] * 3 + [Money.kr("1834.50")]


def test_new_year_and_weekend_rent_days_move_to_the_next_bank_day() -> None:
    schedule = build_schedule(KR(4000), D(2026, 12, 15), months=2)
    # Start mid-December → first rent day 1 January 2027 (Nytårsdag, a Friday) → Monday 4 January;
    # 1 February 2027 is a Monday.
    assert [i.due_on for i in schedule.instalments] == [D(2027, 1, 4), D(2027, 2, 1)]


def test_start_after_the_first_begins_with_next_months_rent_day() -> None:
    schedule = build_schedule(KR(3000), D(2026, 3, 15), months=2)
    assert schedule.first_due_on == D(2026, 4, 1)


def test_a_small_debt_is_paid_in_fewer_months_with_a_message() -> None:
    schedule = build_schedule(KR(10), D(2026, 6, 1), months=12)
    assert schedule.months == 10
    assert [i.amount for i in schedule.instalments] == [KR(1)] * 10
    assert schedule.shortened_from == 12
    assert schedule.shortened_message() == (
        "Restancen er så lille, at den er betalt på 10 måneder i stedet for 12 "
        "(afdraget rundes op til hele kroner)."
    )


def test_monthly_instalment_gives_the_number_of_months() -> None:
    schedule = build_schedule(KR(10000), D(2026, 6, 1), instalment=KR(3000))
    assert [i.amount for i in schedule.instalments] == [KR(3000), KR(3000), KR(3000), KR(1000)]
    assert schedule.months == 4
    assert schedule.shortened_from is None


def test_instalment_larger_than_the_debt_is_a_single_payment_of_the_debt() -> None:
    schedule = build_schedule(KR(2000), D(2026, 6, 1), instalment=KR(5000))
    assert [i.amount for i in schedule.instalments] == [KR(2000)]


def test_no_debt_is_refused() -> None:
    with pytest.raises(UserInputError) as info:
        build_schedule(Money(0), D(2026, 6, 1), months=3)
    assert info.value.code == "plan.no_debt"
    assert info.value.message == "Der er ingen restance at lave en afdragsordning for."


def test_months_and_instalment_together_or_neither_are_refused() -> None:
    for kwargs in ({}, {"months": 3, "instalment": KR(100)}):
        with pytest.raises(UserInputError) as info:
            build_schedule(KR(1000), D(2026, 6, 1), **kwargs)  # type: ignore[arg-type]
        assert info.value.message == "Skriv enten antal måneder eller det månedlige afdrag."


def test_zero_instalment_and_zero_months_are_refused() -> None:
    with pytest.raises(UserInputError) as info:
        build_schedule(KR(1000), D(2026, 6, 1), instalment=Money(0))
    assert info.value.message == "Afdraget skal være større end 0 kr."
    with pytest.raises(UserInputError) as info:
        build_schedule(KR(1000), D(2026, 6, 1), months=0)
    assert info.value.message == "Antal måneder skal være mindst 1."


def test_tiny_instalment_that_would_take_years_is_refused() -> None:
    with pytest.raises(UserInputError) as info:
        build_schedule(KR(10000), D(2026, 6, 1), instalment=KR(100))
    assert info.value.field == "instalment"
    assert info.value.message == (
        "Med et afdrag på 100,00 kr. tager det 100 måneder at betale restancen. Det er for langt — hæv afdraget."
    )


# --- policy ---------------------------------------------------------------------------------------
SOLHAVEN = PlanPolicy(max_months=12, phone_limit_months=3, estate_name="12 Solhaven")
STRICT = PlanPolicy(max_months=6, phone_limit_months=3, estate_name="4 Engparken")


def test_plan_longer_than_estate_maximum_is_refused() -> None:
    with pytest.raises(UserInputError) as info:
        check_policy(8, STRICT, has_budget=True, assessment="Budgettet holder med feriepenge i juni.")
    assert info.value.code == "plan.longer_than_estate_maximum"
    assert info.value.field == "months"
    assert info.value.message == (
        "Planen er på 8 måneder, men afdeling 4 Engparken tillader højst 6 måneder. "
        "Vælg færre måneder eller et større afdrag."
    )


def test_plan_longer_than_phone_limit_needs_a_budget() -> None:
    with pytest.raises(UserInputError) as info:
        check_policy(5, SOLHAVEN, has_budget=False, assessment="Vurderet ved møde.")
    assert info.value.code == "plan.budget_required"
    assert info.value.message == (
        "En plan på mere end 3 måneder kræver et budget. Lav budgettet sammen med lejeren først."
    )


def test_plan_longer_than_phone_limit_needs_a_written_assessment() -> None:
    with pytest.raises(UserInputError) as info:
        check_policy(5, SOLHAVEN, has_budget=True, assessment="   ")
    assert info.value.code == "plan.assessment_required"
    assert info.value.field == "assessment"
    assert info.value.message == (
        "En plan på mere end 3 måneder kræver din skriftlige vurdering af lejerens økonomi. "
        "Skriv den i feltet »Vurdering«."
    )


def test_one_month_is_a_payment_date_not_a_plan() -> None:
    with pytest.raises(UserInputError) as info:
        check_policy(1, SOLHAVEN, has_budget=True, assessment="")
    assert info.value.code == "plan.too_short"
    assert info.value.message == (
        "En afdragsordning skal løbe mindst 2 måneder. Kan restancen betales på én gang, "
        "så aftal en betalingsdato i stedet."
    )


def test_short_plan_agreed_by_phone_needs_neither_budget_nor_assessment() -> None:
    assert policy_problems(3, SOLHAVEN, has_budget=False, assessment="") == []
    check_policy(2, STRICT, has_budget=False, assessment="")


def test_all_problems_are_listed_for_a_too_long_plan_without_budget_or_assessment() -> None:
    codes = [p.code for p in policy_problems(14, SOLHAVEN, has_budget=False, assessment="")]
    assert codes == ["plan.longer_than_estate_maximum", "plan.budget_required", "plan.assessment_required"]


def test_estate_without_name_is_called_afdelingen() -> None:
    problems = policy_problems(13, PlanPolicy(), has_budget=True, assessment="ok")
    assert problems[0].message.startswith(
        "Planen er på 13 måneder, men afdelingen tillader højst 12 måneder."
    )


# --- feasibility and the suggestion ---------------------------------------------------------------
def test_budget_that_carries_the_plan_shows_what_is_left() -> None:
    schedule = build_schedule(KR(13000), D(2026, 3, 1), months=5, rent=KR(6200))
    # Income 16.382 kr.; need-to-have 13.000 kr. including the rent → 3.382 − 2.600 = 782 kr. left.
    result = assess_feasibility(schedule, BudgetRoom(income=KR(16382), need_expenses=KR(13000)))
    assert result.level is FeasibilityLevel.CARRIES
    assert result.margin == KR(782)
    assert result.shortfall == Money(0)
    assert result.message == (
        "Budgettet kan bære planen: efter husleje, afdrag og nødvendige udgifter er der "
        "782,00 kr. tilbage om måneden."
    )


def test_plan_that_fits_only_without_nice_to_have_says_how_much_to_cut() -> None:
    schedule = build_schedule(KR(13000), D(2026, 3, 1), months=5)
    # Room 3.382 − 2.600 = 782 kr.; nice to have (tobacco, streaming) 1.200 kr. → cut 418 kr.
    room = BudgetRoom(income=KR(16382), need_expenses=KR(13000), nice_expenses=KR(1200))
    result = assess_feasibility(schedule, room)
    assert result.carries and result.nice_cut == KR(418)
    assert result.message.endswith(
        "782,00 kr. tilbage om måneden. Det kræver, at udgifterne til nice to have skæres ned med "
        "418,00 kr. om måneden."
    )


def test_plan_the_budget_cannot_carry_is_flagged_with_the_shortfall() -> None:
    schedule = build_schedule(KR(13000), D(2026, 3, 1), months=3)
    # 13.000 / 3 → 4.334 kr.; room 3.382 kr. → short by 952 kr.
    result = assess_feasibility(schedule, BudgetRoom(income=KR(16382), need_expenses=KR(13000)))
    assert not result.carries
    assert result.shortfall == KR(952)
    assert result.message == (
        "Budgettet kan ikke bære planen: der mangler 952,00 kr. om måneden "
        "efter husleje, afdrag og nødvendige udgifter."
    )


def test_without_a_budget_feasibility_asks_for_one() -> None:
    schedule = build_schedule(KR(3000), D(2026, 3, 1), months=2)
    result = assess_feasibility(schedule, None)
    assert result.level is FeasibilityLevel.NO_BUDGET
    assert result.message == NO_BUDGET_MESSAGE == "Intet budget — lav et budget først."


def test_suggestion_is_the_shortest_plan_the_budget_can_carry() -> None:
    room = BudgetRoom(income=KR(15900), need_expenses=KR(13200))  # 2.700 kr. for an instalment
    suggestion = shortest_affordable_plan(KR(13000), D(2026, 3, 1), room, SOLHAVEN)
    # 2 months 6.500, 3 months 4.334, 4 months 3.250 — too much; 5 months 2.600 fits.
    assert suggestion.schedule is not None
    assert suggestion.schedule.months == 5
    assert suggestion.message == (
        "Korteste plan budgettet kan bære: 5 måneder à 2.600,00 kr. "
        "Planen er længere end 3 måneder og kræver din skriftlige vurdering."
    )


def test_suggestion_within_the_phone_limit_needs_no_extra_words() -> None:
    room = BudgetRoom(income=KR(20000), need_expenses=KR(12000))
    suggestion = shortest_affordable_plan(KR(9000), D(2026, 3, 1), room, SOLHAVEN)
    assert suggestion.message == "Korteste plan budgettet kan bære: 2 måneder à 4.500,00 kr."


def test_no_suggestion_when_even_the_longest_plan_is_too_much() -> None:
    room = BudgetRoom(income=KR(14000), need_expenses=KR(13000))  # 1.000 kr. room
    suggestion = shortest_affordable_plan(KR(9000), D(2026, 3, 1), room, STRICT)
    assert suggestion.schedule is None
    assert suggestion.message == (
        "Ingen plan på højst 6 måneder kan bæres af budgettet: der er 1.000,00 kr. om måneden til afdrag, "
        "og 6 måneder kræver 1.500,00 kr. om måneden. Se efter hjælp til en del af restancen."
    )


def test_no_suggestion_when_the_budget_has_no_room_at_all() -> None:
    room = BudgetRoom(income=KR(12000), need_expenses=KR(12500))
    suggestion = shortest_affordable_plan(KR(9000), D(2026, 3, 1), room, SOLHAVEN)
    assert suggestion.schedule is None
    assert suggestion.message.startswith(
        "Budgettet har ingen plads til et afdrag (der mangler allerede 500,00 kr. om måneden før afdrag)."
    )


@no_deadline
@given(
    debt=st.integers(min_value=200, max_value=10_000_000).map(Money),
    income=st.integers(min_value=0, max_value=5_000_000),
    need=st.integers(min_value=0, max_value=5_000_000),
    max_months=st.integers(min_value=2, max_value=12),
)
def test_suggested_plan_fits_the_budget_and_the_policy_and_no_shorter_one_does(
    debt: Money, income: int, need: int, max_months: int
) -> None:
    room = BudgetRoom(Money(income), Money(need))
    policy = PlanPolicy(max_months=max_months)
    suggestion = shortest_affordable_plan(debt, D(2026, 3, 1), room, policy)
    if suggestion.schedule is None:
        longest = build_schedule(debt, D(2026, 3, 1), months=max_months)
        assert longest.regular > room.room or longest.months < 2
        return
    found = suggestion.schedule
    assert 2 <= found.months <= max_months
    assert found.regular <= room.room
    for shorter in range(2, found.months):
        assert build_schedule(debt, D(2026, 3, 1), months=shorter).regular > room.room


# --- follow-up ------------------------------------------------------------------------------------
PLAN = (
    PlannedInstalment(1, D(2026, 3, 2), KR(1000)),
    PlannedInstalment(2, D(2026, 4, 1), KR(1000)),
    PlannedInstalment(3, D(2026, 5, 1), KR(1000)),
)


def test_instalment_paid_within_three_weekdays_is_paid_and_a_part_payment_is_partly_paid() -> None:
    payments = [PaymentFact(D(2026, 3, 4), KR(1000)), PaymentFact(D(2026, 4, 20), KR(600))]
    progress = plan_progress(PLAN, payments, today=D(2026, 4, 25))
    first, second, third = progress.instalments
    # March: the 3rd hverdag after Sunday 1 March is Wednesday 4 March.
    assert (first.status, first.on_time_until) == (InstalmentStatus.PAID, D(2026, 3, 4))
    # April: Easter (2, 3 and 6 April) pushes the on-time limit to Thursday 9 April.
    assert second.on_time_until == D(2026, 4, 9)
    assert (second.status, second.paid, second.missing) == (InstalmentStatus.PARTLY_PAID, KR(600), KR(400))
    assert third.status is InstalmentStatus.NOT_YET_DUE
    assert progress.owed == KR(1400)
    assert progress.overdue_missing == KR(400)
    assert not progress.fulfilled


def test_nothing_paid_after_the_limit_is_missing() -> None:
    progress = plan_progress(PLAN, [], today=D(2026, 3, 5))
    assert [i.status for i in progress.instalments] == [
        InstalmentStatus.MISSING,
        InstalmentStatus.NOT_YET_DUE,
        InstalmentStatus.NOT_YET_DUE,
    ]
    assert progress.instalments[0].explain() == (
        "Der mangler 1.000,00 kr.; fristen var 04.03.2026. Kontakt lejeren."
    )


def test_payment_goes_to_the_oldest_open_instalment_first_and_late_payment_is_marked_late() -> None:
    payments = [
        PaymentFact(D(2026, 3, 3), KR(1000)),
        PaymentFact(D(2026, 4, 20), KR(600)),
        PaymentFact(D(2026, 5, 5), KR(1400)),
    ]
    progress = plan_progress(PLAN, payments, today=D(2026, 5, 10))
    assert [i.status for i in progress.instalments] == [
        InstalmentStatus.PAID,
        InstalmentStatus.LATE,
        InstalmentStatus.PAID,
    ]
    assert progress.instalments[1].paid_in_full_on == D(2026, 5, 5)
    assert progress.fulfilled and progress.fulfilled_on == D(2026, 5, 5)
    assert progress.owed == Money(0)


def test_paying_ahead_covers_the_next_instalments() -> None:
    progress = plan_progress(PLAN, [PaymentFact(D(2026, 3, 2), KR(2500))], today=D(2026, 3, 2))
    assert [i.paid for i in progress.instalments] == [KR(1000), KR(1000), KR(500)]
    assert progress.instalments[1].status is InstalmentStatus.PAID
    assert progress.instalments[2].status is InstalmentStatus.NOT_YET_DUE


def test_payments_dated_after_today_are_not_counted_yet() -> None:
    progress = plan_progress(PLAN, [PaymentFact(D(2026, 3, 10), KR(1000))], today=D(2026, 3, 5))
    assert progress.paid_total == Money(0)


def test_overpayment_is_reported_and_the_plan_is_fulfilled() -> None:
    progress = plan_progress(PLAN, [PaymentFact(D(2026, 3, 2), KR(3100))], today=D(2026, 3, 2))
    assert progress.fulfilled and progress.overpaid == KR(100) and progress.owed == Money(0)


@no_deadline
@given(
    amounts=st.lists(st.integers(min_value=1, max_value=500_000), min_size=1, max_size=12),
    payments=st.lists(
        st.tuples(st.dates(min_value=D(2026, 1, 1), max_value=D(2027, 6, 30)), st.integers(1, 800_000)),
        max_size=15,
    ),
)
def test_payments_fill_instalments_oldest_first_and_never_lose_money(
    amounts: list[int], payments: list[tuple[dt.date, int]]
) -> None:
    schedule = build_schedule(Money(sum(amounts)), D(2026, 1, 1), months=len(amounts))
    facts = [PaymentFact(day, Money(ore)) for day, ore in payments]
    progress = plan_progress(schedule.instalments, facts, today=D(2027, 12, 31))
    paid = [i.paid.ore for i in progress.instalments]
    total_paid = sum(p.amount.ore for p in facts)
    assert sum(paid) == min(total_paid, schedule.debt.ore)
    assert progress.owed.ore + sum(paid) == schedule.debt.ore
    # Filled from the oldest: full ones first, then at most one part-paid, then untouched ones.
    full = [p == i.amount.ore for p, i in zip(paid, progress.instalments, strict=True)]
    first_open = full.index(False) if False in full else len(full)
    assert all(full[:first_open])
    assert all(p == 0 for p in paid[first_open + 1 :])
    assert progress.fulfilled == (total_paid >= schedule.debt.ore)
