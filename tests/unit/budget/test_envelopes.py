"""The 4-ugers kuvertsystem: dates, exact amounts, rounding, restdage and carry-over."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from boligdesk.budget.envelopes import (
    EXTRA_ENVELOPE,
    SPREAD,
    EnvelopeSettings,
    carry_over,
    default_start,
    next_pay_day_after,
    period_result,
    plan_envelopes,
)
from boligdesk.budget.money import Money
from boligdesk.errors import UserInputError

KR50 = Money.kr(50)


def settings(**changes: object) -> EnvelopeSettings:
    base: dict[str, object] = {
        "monthly_daily_money": Money.kr(4_000),
        "pay_day": dt.date(2026, 1, 1),
        "start_on": dt.date(2026, 1, 1),
        "rounding_unit": KR50,
        "leftover_rule": EXTRA_ENVELOPE,
        "purposes": ("Mad og husholdning", "Transport"),
    }
    base.update(changes)
    return EnvelopeSettings(**base)  # type: ignore[arg-type]


def test_worked_example_31_days_with_a_restdage_envelope() -> None:
    # 1.–31. January 2026, 4.000 kr. in 50 kr. notes = 80 notes; days 7,7,7,7,3 of 31:
    # 80 × 7 / 31 = 18,06 → 18 notes (900 kr.); 80 × 3 / 31 = 7,74 → 7; 79 notes, the last note goes to
    # the largest remainder (restdage): 900 + 900 + 900 + 900 + 400 = 4.000.
    plan = plan_envelopes(settings())
    assert [e.label for e in plan.envelopes] == ["Uge 1", "Uge 2", "Uge 3", "Uge 4", "Restdage"]
    assert [e.amount for e in plan.envelopes] == [Money.kr(900)] * 4 + [Money.kr(400)]
    assert [(e.first_day.day, e.last_day.day) for e in plan.envelopes] == [
        (1, 7),
        (8, 14),
        (15, 21),
        (22, 28),
        (29, 31),
    ]
    assert plan.envelopes[-1].is_leftover_days
    assert plan.rounding_rest == Money(0)
    assert plan.period_days == 31 and plan.leftover_days == 3
    assert plan.envelopes[0].purposes == ("Mad og husholdning", "Transport")


def test_february_has_no_restdage() -> None:
    # 1.–28. February 2026: four weeks of 1.000 kr. each.
    plan = plan_envelopes(settings(pay_day=dt.date(2026, 2, 1), start_on=dt.date(2026, 2, 1)))
    assert [e.amount for e in plan.envelopes] == [Money.kr(1_000)] * 4
    assert plan.leftover_days == 0


def test_spread_rule_gives_four_equal_envelopes_and_lists_the_uncovered_days() -> None:
    plan = plan_envelopes(settings(leftover_rule=SPREAD))
    assert [e.amount for e in plan.envelopes] == [Money.kr(1_000)] * 4
    assert plan.uncovered_days == (dt.date(2026, 1, 29), dt.date(2026, 1, 30), dt.date(2026, 1, 31))
    assert any("restdage" in sentence for sentence in plan.explanation())


def test_rounding_rest_goes_to_the_last_envelope_and_is_explained() -> None:
    # 4.321,50 kr. with 50 kr. notes: 86 notes (4.300) + a rest of 21,50 that cannot be paid in 50s.
    # 28-day February: 86 notes / 4 = 21,5 → 22, 22, 21, 21 (ties go to the earliest) = 1.100, 1.100, 1.050,
    # 1.050; the last also gets the 21,50 rest → 1.071,50. Sum 4.321,50.
    plan = plan_envelopes(
        settings(
            monthly_daily_money=Money.kr("4321.50"), pay_day=dt.date(2026, 2, 1), start_on=dt.date(2026, 2, 1)
        )
    )
    assert [e.amount for e in plan.envelopes] == [
        Money.kr(1_100),
        Money.kr(1_100),
        Money.kr(1_050),
        Money.kr("1071.50"),
    ]
    assert plan.rounding_rest == Money.kr("21.50")
    assert plan.rest_envelope is plan.envelopes[-1]
    assert (
        "Beløbene er rundet af til hele 50 kr., og afrundingsresten på 21,50 kr. (den del der ikke går op) "
        "er lagt i den sidste kuvert, »Uge 4«." in plan.explanation()
    )


def test_days_between_pay_day_and_start_get_their_own_envelope() -> None:
    # Pay day Friday 30.1.2026, next pay day 28.2 → period 30.1–27.2 (29 days); start Monday 2.2 would leave
    # no room (2.2 + 27 = 1.3), so start Saturday 31.1: one day before week 1.
    plan = plan_envelopes(
        settings(
            pay_day=dt.date(2026, 1, 30), start_on=dt.date(2026, 1, 31), next_pay_day=dt.date(2026, 2, 28)
        )
    )
    assert plan.envelopes[0].label == "Restdage før uge 1"
    assert plan.envelopes[0].days == 1
    assert plan.envelopes[-1].label == "Uge 4"
    assert plan.envelopes[-1].last_day == dt.date(2026, 2, 27)


def test_kontanthjælp_paid_on_the_last_bank_day_runs_to_next_months_last_bank_day() -> None:
    # Friday 27.2.2026 is February's last bank day; March's is Tuesday 31.3 → period 27.2–30.3, 32 days.
    assert next_pay_day_after(dt.date(2026, 2, 27)) == dt.date(2026, 3, 31)
    # A pay day that is not the month's last bank day: same date next month (15.1 → 15.2).
    assert next_pay_day_after(dt.date(2026, 1, 15)) == dt.date(2026, 2, 15)
    # Start Monday 2.3: three days before week 1 (27.2–1.3), week 4 ends 29.3, one day after (30.3).
    plan = plan_envelopes(settings(pay_day=dt.date(2026, 2, 27), start_on=dt.date(2026, 3, 2)))
    assert plan.period_days == 32
    assert [e.label for e in plan.envelopes] == [
        "Restdage før uge 1",
        "Uge 1",
        "Uge 2",
        "Uge 3",
        "Uge 4",
        "Restdage",
    ]
    assert [e.days for e in plan.envelopes] == [3, 7, 7, 7, 7, 1]
    # 80 notes by days 3,7,7,7,7,1 of 32: 7,5 / 17,5 ×4 / 2,5 → floors 7,17,17,17,17,2 = 77; the three
    # left go to the largest remainders (,5 each; ties to the earliest): 8,18,18,17,17,2 → 400+900+900+850+850+100
    assert [e.amount for e in plan.envelopes] == [
        Money.kr(400),
        Money.kr(900),
        Money.kr(900),
        Money.kr(850),
        Money.kr(850),
        Money.kr(100),
    ]


def test_start_outside_the_period_is_refused_in_danish() -> None:
    with pytest.raises(UserInputError) as err:
        plan_envelopes(settings(start_on=dt.date(2026, 1, 5)))  # 5.1 + 27 = 1.2: outside 1.–31. January
    assert err.value.field == "start_on"
    assert "Startdatoen skal ligge mellem 01.01.2026 og 04.01.2026" in err.value.message


def test_negative_daily_money_is_refused() -> None:
    with pytest.raises(UserInputError):
        plan_envelopes(settings(monthly_daily_money=Money.kr(-1)))


def test_default_start_is_the_first_monday_that_fits() -> None:
    # Pay day Thursday 1.1.2026: Monday 5.1 is too late for a 31-day month (latest start 4.1) → pay day.
    assert default_start(dt.date(2026, 1, 1)) == dt.date(2026, 1, 1)
    # Pay day Saturday 31.1.2026 → next 28.2, latest start 31.1 → the pay day itself.
    assert default_start(dt.date(2026, 1, 31)) == dt.date(2026, 1, 31)
    # Pay day Saturday 28.2.2026 → next 28.3 (28 days): latest start 28.2.
    assert default_start(dt.date(2026, 2, 28)) == dt.date(2026, 2, 28)
    # Pay day Sunday 29.3.2026 → next 29.4 (31 days), latest start 1.4: Monday 30.3 fits.
    assert default_start(dt.date(2026, 3, 29)) == dt.date(2026, 3, 30)


def test_carry_over_moves_leftover_and_overspend_to_the_next_week() -> None:
    plan = plan_envelopes(settings())
    # Week 1 (900): spent 780 → 120 carried into week 2 (available 1.020); week 2 spent 1.100 → −80 into week 3.
    statuses = carry_over(plan.envelopes, {1: Money.kr(780), 2: Money.kr(1_100)})
    assert statuses[1].carried_in == Money.kr(120)
    assert statuses[1].available == Money.kr(1_020)
    assert statuses[1].carried_in_text == "+120,00 kr."
    assert statuses[2].carried_in == Money.kr(-80)
    assert statuses[2].carried_in_text == "−80,00 kr."
    assert statuses[2].available == Money.kr(820)
    assert statuses[2].left is None
    assert statuses[3].carried_in == Money(0)
    assert period_result(statuses) is None


def test_period_result_after_the_last_envelope() -> None:
    plan = plan_envelopes(settings(pay_day=dt.date(2026, 2, 1), start_on=dt.date(2026, 2, 1)))
    spent = {1: Money.kr(950), 2: Money.kr(1_000), 3: Money.kr(1_020), 4: Money.kr(990)}
    # 4.000 − (950 + 1.000 + 1.020 + 990) = 40 left at the end.
    assert period_result(carry_over(plan.envelopes, spent)) == Money.kr(40)


units = st.sampled_from([Money(100), Money(1_000), Money(5_000)])


@given(
    money=st.integers(min_value=0, max_value=40_000_00).map(Money),
    pay_day=st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2030, 12, 31)),
    offset=st.integers(min_value=0, max_value=3),
    unit=units,
    rule=st.sampled_from([EXTRA_ENVELOPE, SPREAD]),
)
def test_envelopes_always_add_up_to_the_month_and_are_never_negative(
    money: Money, pay_day: dt.date, offset: int, unit: Money, rule: str
) -> None:
    period_days = (next_pay_day_after(pay_day) - pay_day).days
    # A period shorter than four weeks (a last-bank-day pay day before Easter) is refused by
    # validate_settings; that refusal has its own test below. Found by Hypothesis: pay day 29.02.2024.
    assume(period_days >= 28)
    start = pay_day + dt.timedelta(days=min(offset, period_days - 28))
    plan = plan_envelopes(
        settings(
            monthly_daily_money=money, pay_day=pay_day, start_on=start, rounding_unit=unit, leftover_rule=rule
        )
    )
    amounts = [e.amount for e in plan.envelopes]
    assert sum(a.ore for a in amounts) == money.ore
    assert all(not a.is_negative() for a in amounts)
    # all but the last are whole payout units; the rest is less than one unit
    assert all(a.ore % unit.ore == 0 for a in amounts[:-1])
    assert 0 <= plan.rounding_rest.ore < unit.ore
    # envelopes are chronological and, with a restdage envelope, cover every day of the period exactly once
    days = [e.first_day + dt.timedelta(days=i) for e in plan.envelopes for i in range(e.days)]
    assert days == sorted(days)
    if rule == EXTRA_ENVELOPE:
        assert len(days) == plan.period_days
    else:
        assert len(days) + len(plan.uncovered_days) == plan.period_days
        assert len(plan.envelopes) == 4


@given(st.lists(st.integers(min_value=0, max_value=3_000_00).map(Money), min_size=4, max_size=4))
def test_carry_over_keeps_every_krone(spent_list: list[Money]) -> None:
    plan = plan_envelopes(settings(pay_day=dt.date(2026, 2, 1), start_on=dt.date(2026, 2, 1)))
    statuses = carry_over(plan.envelopes, {i + 1: s for i, s in enumerate(spent_list)})
    result = period_result(statuses)
    assert result == plan.total - Money(sum(s.ore for s in spent_list))


def test_the_current_pay_period_is_offered_not_the_next() -> None:
    from boligdesk.budget.envelopes import current_pay_day

    # Kontanthjælp is paid on the month's last bank day. On 1 December 2026 the household lives on the
    # money paid Monday 30 November; from Wednesday 30 December (the 31st is a bank closing day) the next
    # period begins.
    assert current_pay_day(dt.date(2026, 12, 1)) == dt.date(2026, 11, 30)
    assert current_pay_day(dt.date(2026, 12, 29)) == dt.date(2026, 11, 30)
    assert current_pay_day(dt.date(2026, 12, 30)) == dt.date(2026, 12, 30)
    assert current_pay_day(dt.date(2026, 12, 31)) == dt.date(2026, 12, 30)
    # January 2026: the 31st is a Saturday, so the pay day is Friday 30 January.
    assert current_pay_day(dt.date(2026, 1, 30)) == dt.date(2026, 1, 30)
    assert current_pay_day(dt.date(2026, 1, 29)) == dt.date(2025, 12, 30)


def test_a_pay_period_shorter_than_four_weeks_is_refused_in_danish() -> None:
    from boligdesk.errors import UserInputError

    # Thursday 29 February 2024 to Wednesday 27 March 2024 (Skærtorsdag and Langfredag follow): 27 days.
    pay_day = dt.date(2024, 2, 29)
    assert (next_pay_day_after(pay_day) - pay_day).days == 27
    with pytest.raises(UserInputError, match="kortere end fire uger"):
        plan_envelopes(settings(pay_day=pay_day, start_on=pay_day))
