"""The case header's "Næste frist" comes from the Frister rows of the case (one rule, services/frister.py):
a case whose only deadline is an appeal deadline or a pending application never says "Ingen frister"."""

from __future__ import annotations

import datetime as dt

from boligdesk.budget.deadlines import DeadlineKind
from boligdesk.budget.vocabulary import Outcome
from boligdesk.models.store import Store
from boligdesk.services.desk import Desk
from boligdesk.services.frister import Urgency
from tests.db.case_setup import new_case


def on(store: Store, today: dt.date) -> Desk:
    return Desk(store, adviser_name="Rikke Rådgiver", today=lambda: today)


def refused_on(store: Store, today: dt.date, received: str) -> tuple[Desk, str]:
    d = on(store, today)
    case_id = new_case(store)
    app = d.applications.add(
        case_id, kind="aktivloven_81", sent_to="Opdigtet Kommune", sent_on="01.11.2026"
    ).id
    d.applications.record_decision(
        case_id, app, decision="refused", decided_on=received, received_on=received
    )
    return d, case_id


def test_a_case_whose_only_deadline_is_an_appeal_deadline_shows_it_and_frister_agrees(store: Store) -> None:
    # Received 03.12.2026 + 4 weeks = 31.12 (nytårsaften) → 01.01 helligdag → weekend → Monday 04.01.2027.
    d, case_id = refused_on(store, dt.date(2026, 12, 10), "03.12.2026")
    nxt = d.frister.next_for_case(case_id)
    assert nxt is not None
    assert (nxt.kind, nxt.date) == (DeadlineKind.APPEAL, dt.date(2027, 1, 4))
    assert "Nytårsaften" in nxt.explanation
    # the same row as the Frister list: one rule
    assert [r for r in d.frister.rows() if r.case_id == case_id] == d.frister.for_case(case_id)


def test_an_appeal_deadline_across_easter_moves_past_the_holidays(store: Store) -> None:
    # Received Friday 26.02.2027 + 4 weeks = Langfredag 26.03.2027; Saturday, Påskedag, 2. påskedag
    # (29.03) follow, so the last day is Tuesday 30.03.2027.
    d, case_id = refused_on(store, dt.date(2027, 3, 1), "26.02.2027")
    nxt = d.frister.next_for_case(case_id)
    assert nxt is not None and (nxt.kind, nxt.date) == (DeadlineKind.APPEAL, dt.date(2027, 3, 30))
    assert nxt.urgency is Urgency.LATER
    late = on(store, dt.date(2027, 3, 29)).frister.next_for_case(case_id)
    assert late is not None and late.days_left == 1 and late.urgency is Urgency.WITHIN_3_DAYS


def test_a_pending_application_with_an_answer_date_is_the_next_deadline(store: Store) -> None:
    d = on(store, dt.date(2026, 11, 20))
    case_id = new_case(store)
    assert d.frister.next_for_case(case_id) is None  # nothing at all: "Ingen frister" is true
    d.applications.add(case_id, kind="aktivloven_81", sent_on="10.11.2026", answer_due_on="24.11.2026")
    nxt = d.frister.next_for_case(case_id)
    assert nxt is not None and (nxt.kind, nxt.date) == (
        DeadlineKind.APPLICATION_ANSWER,
        dt.date(2026, 11, 24),
    )


def test_a_pending_application_without_a_date_shows_but_never_before_a_real_deadline(store: Store) -> None:
    d = on(store, dt.date(2026, 11, 20))
    case_id = new_case(store)
    d.applications.add(case_id, kind="aktivloven_81", sent_on="10.11.2026")
    waiting = d.frister.next_for_case(case_id)
    assert waiting is not None and waiting.kind is DeadlineKind.APPLICATION_PENDING
    assert waiting.urgency is Urgency.LATER  # sent in the past, but nothing was missed
    d.journal.add_follow_up(case_id, dt.date(2026, 11, 30), "Ring til kommunen")
    nxt = d.frister.next_for_case(case_id)
    assert nxt is not None and nxt.kind is DeadlineKind.FOLLOW_UP and nxt.date == dt.date(2026, 11, 30)


def test_a_closed_or_unknown_case_has_no_frister_rows(store: Store) -> None:
    d, case_id = refused_on(store, dt.date(2026, 12, 10), "03.12.2026")
    assert d.frister.for_case(case_id)
    d.closing.set_field(case_id, "outcome", Outcome.OTHER)
    d.closing.close(case_id, closed_on=dt.date(2026, 12, 10))
    assert d.frister.for_case(case_id) == []
    assert d.frister.for_case("no-such-case") == []
