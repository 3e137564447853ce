from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from boligdesk.budget.calendar import is_weekday
from boligdesk.budget.deadlines import (
    DeadlineKind,
    TimelineFacts,
    earliest_reminder_date,
    earliest_termination_date,
    expected_eviction_window,
    is_urgent,
    last_on_time_payment_day,
    next_deadline,
    reminder_deadline,
    timeline,
)


def test_rent_paid_by_the_third_weekday_is_on_time() -> None:
    # December 2026: due Tue 1; on time up to Fri 4; a påkrav may be sent from Sat 5.
    assert last_on_time_payment_day(2026, 12) == dt.date(2026, 12, 4)
    assert earliest_reminder_date(2026, 12) == dt.date(2026, 12, 5)


def test_reminder_deadline_is_fourteen_days_from_receipt() -> None:
    # Received Fri 6 Nov 2026 → Fri 20 Nov 2026, a weekday: no move.
    result = reminder_deadline(dt.date(2026, 11, 5), dt.date(2026, 11, 6))
    assert result.deadline == dt.date(2026, 11, 20)
    assert result.moved_because is None
    assert "modtagelse 06.11.2026" in result.explain()


def test_reminder_deadline_on_christmas_eve_moves_to_next_weekday() -> None:
    # Sent Thu 10 Dec 2026 (receipt unknown) → Thu 24 Dec (juleaftensdag) → 25, 26, 27 are not
    # weekdays either → Mon 28 Dec 2026.
    result = reminder_deadline(dt.date(2026, 12, 10))
    assert result.deadline == dt.date(2026, 12, 28)
    assert result.moved_because == "juleaftensdag"
    assert "afsendelse (modtagelsesdato ukendt)" in result.explain()
    assert earliest_termination_date(dt.date(2026, 12, 10)) == dt.date(2026, 12, 29)


def test_reminder_deadline_on_a_sunday_moves_to_monday() -> None:
    result = reminder_deadline(dt.date(2026, 11, 15))  # +14 = Sun 29 Nov
    assert result.deadline == dt.date(2026, 11, 30)
    assert result.moved_because == "en søndag"


@given(st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2035, 12, 31)))
def test_reminder_deadline_is_always_a_weekday_within_a_week_of_day_fourteen(sent: dt.date) -> None:
    deadline = reminder_deadline(sent).deadline
    assert is_weekday(deadline)
    assert sent + dt.timedelta(days=14) <= deadline < sent + dt.timedelta(days=21)


def test_eviction_window_is_three_to_six_weeks_after_termination() -> None:
    low, high = expected_eviction_window(dt.date(2026, 11, 2))
    assert (low, high) == (dt.date(2026, 11, 23), dt.date(2026, 12, 14))


def test_timeline_of_a_case_with_a_reminder_only() -> None:
    items = timeline(TimelineFacts(reminder_sent_on=dt.date(2026, 11, 20)))
    assert [d.kind for d in items] == [DeadlineKind.REMINDER_DEADLINE, DeadlineKind.EARLIEST_TERMINATION]
    assert items[0].date == dt.date(2026, 12, 4)


def test_registered_eviction_replaces_the_estimate_and_rescheduling_wins() -> None:
    facts = TimelineFacts(
        termination_on=dt.date(2026, 11, 2),
        eviction_on=dt.date(2026, 12, 8),
        rescheduled_eviction_on=dt.date(2027, 1, 12),
    )
    items = timeline(facts)
    assert [(d.kind, d.date) for d in items] == [(DeadlineKind.EVICTION, dt.date(2027, 1, 12))]
    assert not items[0].computed


def test_withdrawn_case_has_no_deadlines() -> None:
    facts = TimelineFacts(reminder_sent_on=dt.date(2026, 11, 20), withdrawn_on=dt.date(2026, 11, 30))
    assert timeline(facts) == []


def test_next_deadline_and_urgency() -> None:
    facts = TimelineFacts(reminder_sent_on=dt.date(2026, 11, 20), follow_up_on=dt.date(2027, 1, 5))
    today = dt.date(2026, 11, 30)
    deadline = next_deadline(facts, today)
    assert deadline is not None and deadline.date == dt.date(2026, 12, 4)
    assert is_urgent(deadline, today)
    assert not is_urgent(next_deadline(facts, dt.date(2026, 12, 10)), dt.date(2026, 12, 10))
    # All passed: the latest passed *deadline* is still shown (and is urgent) — the påkrav deadline, not
    # "Ophævelse mulig fra", which is a possibility that opened, not a deadline missed (issue 10).
    late = next_deadline(TimelineFacts(reminder_sent_on=dt.date(2026, 1, 5)), today)
    assert late is not None and late.kind is DeadlineKind.REMINDER_DEADLINE and is_urgent(late, today)
    assert late.missed(today)


def test_a_registered_hearing_replaces_the_eviction_estimate() -> None:
    facts = TimelineFacts(termination_on=dt.date(2026, 2, 10), hearing_on=dt.date(2026, 3, 24))
    assert [(d.kind, d.date) for d in timeline(facts)] == [(DeadlineKind.HEARING, dt.date(2026, 3, 24))]


def test_a_passed_ophaevelse_mulig_fra_is_passed_not_missed() -> None:
    from boligdesk.budget.deadlines import Deadline, DeadlineKind, TimelineFacts, next_deadline

    today = dt.date(2026, 3, 10)
    possibility = Deadline(DeadlineKind.EARLIEST_TERMINATION, dt.date(2026, 2, 17))
    assert not possibility.missable and not possibility.missed(today)
    assert Deadline(DeadlineKind.REMINDER_DEADLINE, dt.date(2026, 2, 16)).missed(today)
    # All passed: the case list shows the missed påkrav deadline, not "Ophævelse mulig fra".
    shown = next_deadline(TimelineFacts(reminder_sent_on=dt.date(2026, 2, 2)), today)
    assert shown is not None and shown.kind is DeadlineKind.REMINDER_DEADLINE
