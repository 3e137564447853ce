"""Rule 5 of budget/deadlines.py: a påkrav answered by an agreed plan or covered arrears stays in the
timeline as history but is never "overskredet" nor the case's next deadline; a broken plan (no plan in
force) brings the påkrav's dates back, and a plan agreed before the påkrav answers an older debt."""

from __future__ import annotations

import datetime as dt

from boligdesk.budget.deadlines import (
    DeadlineKind,
    TimelineFacts,
    actionable,
    latest_passed,
    next_deadline,
    reminder_answered,
    timeline,
)

SENT = dt.date(2026, 9, 15)  # påkrav sent; deadline 29.09.2026, ophævelse mulig fra 30.09.2026
LATER = dt.date(2026, 12, 1)


def test_a_plan_agreed_after_the_pakrav_keeps_its_dates_as_history_not_as_missed() -> None:
    facts = TimelineFacts(reminder_sent_on=SENT, plan_agreed_on=dt.date(2026, 10, 5))
    items = timeline(facts)
    assert [d.kind for d in items] == [DeadlineKind.REMINDER_DEADLINE, DeadlineKind.EARLIEST_TERMINATION]
    assert all(d.superseded == "Afdragsordning aftalt 05.10.2026" for d in items)
    assert not any(d.missed(LATER) for d in items)
    assert actionable(items) == [] and latest_passed(items) is None
    assert next_deadline(facts, LATER) is None


def test_without_a_plan_the_passed_pakrav_deadline_is_missed() -> None:
    facts = TimelineFacts(reminder_sent_on=SENT)
    nxt = next_deadline(facts, LATER)
    assert nxt is not None and nxt.kind is DeadlineKind.REMINDER_DEADLINE and nxt.missed(LATER)
    assert reminder_answered(facts) == ""


def test_a_plan_agreed_before_the_deadline_ran_out_also_answers_it() -> None:
    facts = TimelineFacts(reminder_sent_on=SENT, plan_agreed_on=dt.date(2026, 9, 20))
    assert next_deadline(facts, dt.date(2026, 9, 21)) is None  # the deadline ahead asks nothing of anyone


def test_a_plan_agreed_on_the_day_the_pakrav_was_sent_answers_it() -> None:
    assert reminder_answered(TimelineFacts(reminder_sent_on=SENT, plan_agreed_on=SENT)) != ""


def test_a_plan_agreed_before_the_pakrav_was_sent_does_not_answer_a_new_pakrav() -> None:
    facts = TimelineFacts(reminder_sent_on=SENT, plan_agreed_on=dt.date(2026, 9, 14))
    nxt = next_deadline(facts, LATER)
    assert nxt is not None and nxt.kind is DeadlineKind.REMINDER_DEADLINE and nxt.missed(LATER)


def test_covered_arrears_answer_the_pakrav() -> None:
    facts = TimelineFacts(reminder_sent_on=SENT, arrears_covered=True)
    assert next_deadline(facts, LATER) is None
    assert timeline(facts)[0].superseded == "Restancen er dækket"


def test_an_answered_pakrav_does_not_hide_a_follow_up_or_a_court_date() -> None:
    follow_up = dt.date(2026, 12, 8)
    facts = TimelineFacts(reminder_sent_on=SENT, plan_agreed_on=dt.date(2026, 10, 5), follow_up_on=follow_up)
    nxt = next_deadline(facts, LATER)
    assert nxt is not None and (nxt.kind, nxt.date) == (DeadlineKind.FOLLOW_UP, follow_up)
    # after a termination the påkrav is past anyway; a plan does not erase a registered hearing
    court = TimelineFacts(
        reminder_sent_on=SENT,
        termination_on=dt.date(2026, 10, 2),
        hearing_on=dt.date(2026, 12, 10),
        plan_agreed_on=dt.date(2026, 11, 1),
    )
    nxt = next_deadline(court, LATER)
    assert nxt is not None and nxt.kind is DeadlineKind.HEARING


def test_the_plan_in_force_gone_means_the_pakrav_applies_again() -> None:
    # A broken plan is not "in force": the builders pass plan_agreed_on=None, and the påkrav is back.
    answered = TimelineFacts(reminder_sent_on=SENT, plan_agreed_on=dt.date(2026, 10, 5))
    broken = TimelineFacts(reminder_sent_on=SENT, plan_agreed_on=None)
    assert next_deadline(answered, LATER) is None
    back = next_deadline(broken, LATER)
    assert back is not None and back.kind is DeadlineKind.REMINDER_DEADLINE and back.missed(LATER)
