"""One rule for a case's next deadline (the header's and the Sager list's, decisions §46), and a plan's
deadlines: missed instalments and the next one, across New Year. Invented amounts."""

from __future__ import annotations

import datetime as dt

from boligdesk.budget.deadlines import Deadline, DeadlineKind, choose_next, follow_up_deadline
from boligdesk.budget.money import Money
from boligdesk.budget.repayment import PaymentFact, PlannedInstalment, plan_deadlines, plan_progress

TODAY = dt.date(2026, 12, 29)
MONTHLY = [dt.date(2026, 11, 1), dt.date(2026, 12, 1), dt.date(2027, 1, 1), dt.date(2027, 2, 1)]


def _plan(paid: list[tuple[dt.date, int]], today: dt.date) -> list[Deadline]:
    planned = [PlannedInstalment(i, day, Money(100_000)) for i, day in enumerate(MONTHLY, start=1)]
    progress = plan_progress(planned, [PaymentFact(day, Money(ore)) for day, ore in paid], today)
    return plan_deadlines(progress, today)


def test_a_passed_deadline_that_could_be_missed_comes_before_one_to_come() -> None:
    hearing = Deadline(DeadlineKind.HEARING, dt.date(2027, 1, 4), computed=False)
    follow_up = follow_up_deadline(dt.date(2026, 12, 1))
    possible = Deadline(DeadlineKind.EARLIEST_TERMINATION, dt.date(2026, 12, 2))
    assert choose_next([hearing, possible, follow_up], TODAY) == follow_up  # passed, missable: red
    assert choose_next([hearing, possible], TODAY) == hearing  # a passed possibility only when alone
    assert choose_next([possible], TODAY) == possible
    assert choose_next([], TODAY) is None
    # the same day: the more serious kind first, whatever the order given
    eviction = Deadline(DeadlineKind.EVICTION, dt.date(2027, 1, 4), computed=False)
    assert choose_next([follow_up_deadline(dt.date(2027, 1, 4)), hearing, eviction], TODAY) == eviction


def test_a_missed_instalment_is_named_by_its_number_and_what_is_missing() -> None:
    [missed, coming] = _plan([(dt.date(2026, 11, 2), 100_000), (dt.date(2026, 12, 20), 40_000)], TODAY)
    assert (missed.kind, missed.label, missed.date) == (
        DeadlineKind.MISSED_INSTALMENT,
        "Manglende afdrag nr. 2",
        dt.date(2026, 12, 1),
    )
    assert missed.explanation == "Afdrag nr. 2 forfaldt 01.12.2026; der mangler 600,00 kr."
    assert missed.missed(TODAY)
    # the next, due on New Year's Day, within the 31 days shown ahead
    assert (coming.kind, coming.label, coming.date) == (
        DeadlineKind.INSTALMENT,
        "Afdrag forfalder nr. 3",
        dt.date(2027, 1, 1),
    )
    assert choose_next([coming, missed], TODAY) == missed


def test_after_new_year_the_next_instalment_is_shown_on_its_last_day_on_time() -> None:
    paid = [(dt.date(2026, 11, 2), 100_000), (dt.date(2026, 12, 2), 100_000)]
    [coming] = _plan(paid, dt.date(2027, 1, 2))
    # due Friday 1 January (a holiday); paid on time up to the 3rd hverdag after: Wednesday 6 January
    assert (coming.label, coming.date) == ("Afdrag forfalder nr. 3", dt.date(2027, 1, 6))
    assert not coming.missed(dt.date(2027, 1, 2))
    assert _plan(paid, dt.date(2027, 1, 7))[0].label == "Manglende afdrag nr. 3"
    assert _plan([(dt.date(2026, 11, 2), 400_000)], TODAY) == []  # all paid ahead: nothing to show
