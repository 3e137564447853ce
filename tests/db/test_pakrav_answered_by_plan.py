"""A påkrav deadline that has passed stops being "overskredet" once a plan is agreed (budget/deadlines.py
rule 5), in Frister, the case header's row, the case list and the Tidslinje alike; marking the plan broken
brings it back. Invented data."""

from __future__ import annotations

import datetime as dt

from boligdesk.budget.deadlines import DeadlineKind
from boligdesk.models.store import Store
from boligdesk.services.desk import Desk
from boligdesk.services.frister import Urgency
from boligdesk.services.plan_rows import PlanInput
from tests.db.test_repayment_service import ADVISER, ASSESSMENT, TODAY, add_budget, make_case

SENT = dt.date(2026, 2, 2)  # deadline Monday 16.02.2026, passed on TODAY (20.02.2026)


def kinds(desk: Desk, case_id: str) -> list[DeadlineKind]:
    return [r.kind for r in desk.frister.for_case(case_id)]


def test_an_agreed_plan_answers_the_pakrav_and_a_broken_one_brings_it_back(store: Store) -> None:
    desk = Desk(store, adviser_name=ADVISER, today=lambda: TODAY)
    case_id = make_case(store)
    desk.timeline.set_field(case_id, "reminder_sent_on", SENT)
    missed = desk.frister.next_for_case(case_id)
    assert missed is not None and missed.kind is DeadlineKind.REMINDER_DEADLINE
    assert missed.urgency is Urgency.PASSED and missed.date == dt.date(2026, 2, 16)
    [row] = desk.case_list.rows([case_id])
    assert row.next_deadline is not None and row.next_deadline.kind is DeadlineKind.REMINDER_DEADLINE

    budget_id = add_budget(store, case_id)
    plan = desk.plan.agree(
        case_id,
        PlanInput(start_on=dt.date(2026, 2, 21), months=4, assessment=ASSESSMENT, budget_id=budget_id),
    )
    # Frister and the header: the next instalment, nothing overskredet
    assert DeadlineKind.REMINDER_DEADLINE not in kinds(desk, case_id)
    assert DeadlineKind.EARLIEST_TERMINATION not in kinds(desk, case_id)
    nxt = desk.frister.next_for_case(case_id)
    assert nxt is not None and nxt.kind is DeadlineKind.INSTALMENT and nxt.urgency is not Urgency.PASSED
    assert not any(r.case_id == case_id and r.urgency is Urgency.PASSED for r in desk.frister.rows())
    # the list: no missed påkrav, the header's next instalment (decisions §46)
    [row] = desk.case_list.rows([case_id])
    assert row.next_deadline is not None and row.next_deadline.kind is DeadlineKind.INSTALMENT
    assert (row.next_deadline.date, row.next_deadline.label) == (nxt.date, nxt.what)
    assert row.next_deadline.days_left(TODAY) >= 0
    # the Tidslinje keeps the påkrav as history, saying why it no longer applies
    details = desk.case_view.details(case_id)
    assert details is not None and details.computed.next_deadline is None
    kept = {d.kind: d for d in details.computed.deadlines}
    assert kept[DeadlineKind.REMINDER_DEADLINE].superseded == "Afdragsordning aftalt 20.02.2026"
    assert not kept[DeadlineKind.REMINDER_DEADLINE].missed(TODAY)

    desk.plan.mark_broken(plan.id)
    back = desk.frister.next_for_case(case_id)
    assert back is not None and back.kind is DeadlineKind.REMINDER_DEADLINE and back.urgency is Urgency.PASSED
    [row] = desk.case_list.rows([case_id])
    assert row.next_deadline is not None and row.next_deadline.kind is DeadlineKind.REMINDER_DEADLINE


def test_a_new_pakrav_after_the_plan_was_agreed_counts_again(store: Store) -> None:
    desk = Desk(store, adviser_name=ADVISER, today=lambda: TODAY)
    case_id = make_case(store)
    budget_id = add_budget(store, case_id)
    desk.plan.agree(
        case_id,
        PlanInput(start_on=dt.date(2026, 2, 21), months=4, assessment=ASSESSMENT, budget_id=budget_id),
    )
    later = Desk(store, adviser_name=ADVISER, today=lambda: dt.date(2026, 5, 1))
    later.timeline.set_field(case_id, "reminder_sent_on", dt.date(2026, 4, 10))  # the rent of April unpaid
    missed = [r for r in later.frister.for_case(case_id) if r.kind is DeadlineKind.REMINDER_DEADLINE]
    assert [(r.date, r.urgency) for r in missed] == [(dt.date(2026, 4, 24), Urgency.PASSED)]


def test_covered_arrears_answer_the_pakrav_in_frister_and_the_list(store: Store) -> None:
    desk = Desk(store, adviser_name=ADVISER, today=lambda: TODAY)
    case_id = make_case(store)
    desk.timeline.set_field(case_id, "reminder_sent_on", SENT)
    desk.cases.set_field(case_id, "arrears_covered", True)
    assert desk.frister.for_case(case_id) == []
    [row] = desk.case_list.rows([case_id])
    assert row.next_deadline is None


def test_the_list_read_ahead_at_start_up_answers_the_pakrav_as_the_desk_does(store: Store) -> None:
    """The driver-only reader (decisions §36) must feed the plan and the covered arrears to the same rule:
    otherwise the list shown at start-up would call a påkrav overskredet that the desk's list does not."""
    from boligdesk.models.store import unlock_key
    from boligdesk.services.case_list_rows import read_first_list
    from tests.conftest import TEST_PASSPHRASE

    desk = Desk(store, adviser_name=ADVISER, today=lambda: TODAY)
    planned, covered, open_one = make_case(store), make_case(store), make_case(store)
    for case_id in (planned, covered, open_one):
        desk.timeline.set_field(case_id, "reminder_sent_on", SENT)
    desk.cases.set_field(covered, "arrears_covered", True)
    budget_id = add_budget(store, planned)
    plan = desk.plan.agree(
        planned,
        PlanInput(start_on=dt.date(2026, 2, 21), months=4, assessment=ASSESSMENT, budget_id=budget_id),
    )
    key = unlock_key(store.profile, TEST_PASSPHRASE)

    def both() -> dict[str, DeadlineKind | None]:
        orm = desk.case_list.rows()
        first = read_first_list(store.profile.db_path, key, TODAY).rows
        assert first == orm
        return {r.id: r.next_deadline.kind if r.next_deadline else None for r in first}

    assert both() == {
        planned: DeadlineKind.INSTALMENT,  # the plan's first instalment, as the header shows (§46)
        covered: None,
        open_one: DeadlineKind.REMINDER_DEADLINE,
    }
    desk.plan.mark_broken(plan.id)
    assert both()[planned] is DeadlineKind.REMINDER_DEADLINE
