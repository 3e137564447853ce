"""Applications and decisions on a case: the appeal deadline from the dated rule, and Frister."""

from __future__ import annotations

import datetime as dt

import pytest

from boligdesk.budget.cooperation import ApplicationKind, Decision
from boligdesk.budget.deadlines import DeadlineKind
from boligdesk.budget.money import Money
from boligdesk.models.store import Store
from boligdesk.services.changes import Part
from boligdesk.services.desk import Desk
from tests.db.case_setup import new_case, refused


def on(store: Store, today: dt.date) -> Desk:
    return Desk(store, adviser_name="Rikke Rådgiver", today=lambda: today)


def no_missed(*_args: object) -> list[object]:
    return []


def test_a_refusal_received_before_new_year_has_its_appeal_deadline_after_the_holidays(store: Store) -> None:
    d = on(store, dt.date(2026, 12, 10))
    case_id = new_case(store)
    created = d.applications.add(
        case_id,
        kind="aktivloven_81",
        sent_to="Opdigtet Kommune, Ydelsescenter",
        sent_on="20.11.2026",
        applied_amount="13.000,00",
    )
    assert created.changes.touches(case_id, Part.APPLICATIONS)
    d.applications.record_decision(
        case_id, created.id, decision="refused", decided_on="01.12.2026", received_on="03.12.2026"
    )
    [row] = d.applications.for_case(case_id)
    assert (row.decision, row.applied_amount, row.appeal_text) == (
        Decision.REFUSED,
        Money.kr(13_000),
        "04.01.2027",
    )
    # Frister shows it, with the reason the date moved.
    [appeal] = [r for r in d.frister.rows(missed=no_missed) if r.kind is DeadlineKind.APPEAL]
    assert appeal.date == dt.date(2027, 1, 4) and appeal.case_id == case_id
    assert appeal.what == "Klagefrist: afslag på hjælp til huslejerestance (aktivloven)"
    assert "Nytårsaften" in appeal.explanation


def test_a_decision_without_a_recorded_rule_says_ukendt_and_stays_out_of_frister(store: Store) -> None:
    d = on(store, dt.date(2026, 12, 10))
    case_id = new_case(store)
    app = d.applications.add(case_id, kind=ApplicationKind.HOUSING_BENEFIT, sent_on="01.11.2026").id
    d.applications.record_decision(
        case_id, app, decision="refused", decided_on="01.12.2026", received_on="02.12.2026"
    )
    [row] = d.applications.for_case(case_id)
    assert row.appeal_text == "ukendt"
    assert row.appeal is not None and "Boligstøtte" in row.appeal.explanation
    assert not [r for r in d.frister.rows(missed=no_missed) if r.kind is DeadlineKind.APPEAL]


def test_open_applications_appear_under_frister_and_leave_when_answered(store: Store) -> None:
    d = on(store, dt.date(2026, 12, 10))
    case_id = new_case(store)
    dated = d.applications.add(
        case_id, kind="indskudslaan", sent_to="Kommunen", sent_on="01.12.2026", answer_due_on="15.12.2026"
    ).id
    d.applications.add(case_id, kind="bank_deferral", sent_to="Opdigtet Bank", sent_on="05.12.2026")
    rows = [r for r in d.frister.rows(missed=no_missed) if r.case_id == case_id]
    kinds = {(r.kind, r.date) for r in rows}
    assert (DeadlineKind.APPLICATION_ANSWER, dt.date(2026, 12, 15)) in kinds
    assert (DeadlineKind.APPLICATION_PENDING, dt.date(2026, 12, 5)) in kinds
    pending = next(r for r in rows if r.kind is DeadlineKind.APPLICATION_PENDING)
    assert pending.urgency.name == "LATER"  # waiting since the 5th is not a missed deadline
    d.applications.record_decision(
        case_id,
        dated,
        decision="granted",
        decided_on="09.12.2026",
        received_on="10.12.2026",
        granted_amount="4.000",
    )
    kinds_after = {r.kind for r in d.frister.rows(missed=no_missed) if r.case_id == case_id}
    assert DeadlineKind.APPLICATION_ANSWER not in kinds_after
    assert DeadlineKind.APPEAL not in kinds_after  # granted in full: nothing to appeal
    assert d.applications.granted_total(case_id) == Money.kr(4_000)


def test_a_passed_appeal_deadline_drops_off_frister_after_a_week(store: Store) -> None:
    case_id = new_case(store)
    d = on(store, dt.date(2026, 11, 10))
    app = d.applications.add(case_id, kind="aktivloven_81", sent_on="01.10.2026").id
    d.applications.record_decision(
        case_id,
        app,
        decision="partly_granted",
        decided_on="01.11.2026",
        received_on="02.11.2026",
        granted_amount="2.500,00",
    )
    deadline = dt.date(2026, 11, 30)
    for today, shown in ((deadline + dt.timedelta(days=7), True), (deadline + dt.timedelta(days=8), False)):
        rows = on(store, today).frister.rows(missed=no_missed)
        assert any(r.kind is DeadlineKind.APPEAL for r in rows) is shown


@pytest.mark.parametrize(
    ("values", "field", "says"),
    [
        ({"decision": "granted", "decided_on": "01.12.2026"}, "granted_amount", "bevilgede beløb"),
        ({"decision": "refused", "decided_on": "10.11.2026"}, "decided_on", "før ansøgningen blev sendt"),
        (
            {"decision": "refused", "decided_on": "02.12.2026", "received_on": "01.12.2026"},
            "received_on",
            "før den blev truffet",
        ),
        ({"decision": "refused", "received_on": "11.12.2026"}, "received_on", "efter i dag"),
    ],
)
def test_impossible_decisions_are_refused_in_danish(
    store: Store, values: dict[str, str], field: str, says: str
) -> None:
    d = on(store, dt.date(2026, 12, 10))
    case_id = new_case(store)
    app = d.applications.add(case_id, kind="aktivloven_81", sent_on="20.11.2026").id
    error = refused(d.applications.record_decision, case_id, app, **values)
    assert error.field == field and says in error.message
    assert d.applications.get(case_id, app).decision is Decision.PENDING


def test_an_answer_date_before_sending_and_a_letter_from_another_case_are_refused(store: Store) -> None:
    d = on(store, dt.date(2026, 12, 10))
    case_id = new_case(store)
    error = refused(
        d.applications.add, case_id, kind="depositum", sent_on="05.12.2026", answer_due_on="04.12.2026"
    )
    assert error.field == "answer_due_on"
    assert refused(
        d.applications.add, case_id, kind="depositum", sent_on="05.12.2026", letter_id="nope"
    ).code == ("generated_letter.not_found")
    assert d.applications.for_case(case_id) == []


def test_the_application_remembers_the_letter_sent_with_it(store: Store) -> None:
    d = on(store, dt.date(2026, 12, 10))
    case_id = new_case(store)
    draft = d.letters.draft(case_id, "tilbud-om-raadgivning")
    letter = d.letters.make(case_id, "tilbud-om-raadgivning", draft=draft)
    app = d.applications.add(
        case_id, kind="aktivloven_81_one_off", sent_on="10.12.2026", letter_id=letter.letter_id
    ).id
    row = d.applications.get(case_id, app)
    assert (row.letter_id, row.letter_title) == (letter.letter_id, letter.title)


def test_a_grant_applied_to_the_arrears_lowers_the_debt_a_new_plan_covers(store: Store) -> None:
    d = on(store, dt.date(2026, 12, 10))
    case_id = new_case(store)  # arrears 13.000 kr.
    before = d.plan.context(case_id).debt.debt
    app = d.applications.add(case_id, kind="aktivloven_81", sent_on="20.11.2026").id
    assert refused(d.applications.apply_to_arrears, case_id, app).code == "application.nothing_granted"
    d.applications.record_decision(
        case_id,
        app,
        decision="partly_granted",
        decided_on="01.12.2026",
        received_on="02.12.2026",
        granted_amount="8.000,00",
    )
    assert d.plan.context(case_id).debt.debt == before  # granted, but not yet applied
    changes = d.applications.apply_to_arrears(case_id, app)
    assert changes.touches(case_id, Part.PLAN)
    picture = d.plan.context(case_id).debt
    assert (picture.granted, picture.debt) == (Money.kr(8_000), before - Money.kr(8_000))
    # Changing the decision to a refusal takes the grant out again.
    d.applications.record_decision(case_id, app, decision="refused", decided_on="01.12.2026")
    assert d.plan.context(case_id).debt.debt == before
    assert d.applications.get(case_id, app).applied_to_arrears is False
