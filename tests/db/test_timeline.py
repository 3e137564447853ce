"""The eviction timeline (``desk.timeline``): dates, deadlines, refusals and warnings."""

from __future__ import annotations

import datetime as dt

import pytest

from boligdesk.budget.deadlines import DeadlineKind
from boligdesk.budget.money import Money
from boligdesk.budget.vocabulary import AuditAction
from boligdesk.errors import UserInputError
from boligdesk.models.store import Store
from boligdesk.services.changes import Part
from boligdesk.services.timeline import TimelineField, parse_clock_time
from tests.db.case_setup import TODAY, audit_details, desk, details, new_case, refused


def test_the_paakrav_deadline_is_computed_with_the_reason_it_moved(store: Store) -> None:
    case_id = new_case(store)
    # Sent Friday 20 Feb 2026; received Saturday 21 Feb → +14 days = Saturday 7 March → Monday 9 March.
    desk(store).timeline.set_field(case_id, "reminder_sent_on", dt.date(2026, 2, 20))
    desk(store).timeline.set_field(case_id, "reminder_received_on", dt.date(2026, 2, 21))
    computed = details(store, case_id).computed
    assert computed.reminder_deadline is not None
    assert computed.reminder_deadline.deadline == dt.date(2026, 3, 9)
    assert computed.reminder_deadline.explain() == (
        "14 dage fra modtagelse 21.02.2026; flyttet til næste hverdag, da fristen faldt på en lørdag"
    )
    assert computed.earliest_termination == dt.date(2026, 3, 10)


def test_termination_gives_the_expected_eviction_window_until_a_date_is_set(store: Store) -> None:
    case_id = new_case(store)
    desk(store).timeline.set_field(case_id, "termination_on", dt.date(2026, 3, 2))
    d = details(store, case_id)
    assert d.computed.expected_eviction == (dt.date(2026, 3, 23), dt.date(2026, 4, 13))
    assert d.computed.next_deadline is not None
    assert d.computed.next_deadline.kind is DeadlineKind.EXPECTED_EVICTION
    desk(store).timeline.set_field(case_id, "eviction_on", dt.date(2026, 4, 7))
    desk(store).timeline.set_field(case_id, "eviction_time_from", dt.time(9, 0))
    desk(store).timeline.set_field(case_id, "eviction_time_to", dt.time(12, 0))
    d = details(store, case_id)
    assert d.computed.expected_eviction is None
    assert d.computed.next_deadline is not None and d.computed.next_deadline.kind is DeadlineKind.EVICTION
    assert (d.timeline.eviction_time_from, d.timeline.eviction_time_to) == (dt.time(9), dt.time(12))


def test_termination_before_the_paakrav_is_refused(store: Store) -> None:
    case_id = new_case(store)
    desk(store).timeline.set_field(case_id, "reminder_sent_on", dt.date(2026, 2, 20))
    error = refused(desk(store).timeline.set_field, case_id, "termination_on", dt.date(2026, 2, 10))
    assert error.message == "Ophævelsen kan ikke ligge før afsendelsen af påkravet (20.02.2026)."
    assert error.field == "termination_on"
    assert details(store, case_id).timeline.termination_on is None


@pytest.mark.parametrize(
    ("existing", "field", "value", "message"),
    [
        (
            {"termination_on": dt.date(2026, 2, 10)},
            "reminder_sent_on",
            dt.date(2026, 2, 20),
            "Afsendelsen af påkravet kan ikke ligge efter ophævelsen (10.02.2026).",
        ),
        (
            {"reminder_sent_on": dt.date(2026, 2, 20)},
            "reminder_received_on",
            dt.date(2026, 2, 19),
            "Modtagelsen af påkravet kan ikke ligge før afsendelsen af påkravet (20.02.2026).",
        ),
        (
            {"termination_on": dt.date(2026, 3, 2), "bailiff_request_on": dt.date(2026, 3, 5)},
            "hearing_on",
            dt.date(2026, 3, 4),
            "Retsmødet kan ikke ligge før fogedrekvisitionen (05.03.2026).",
        ),
        (
            {"termination_on": dt.date(2026, 3, 2), "hearing_on": dt.date(2026, 3, 20)},
            "eviction_on",
            dt.date(2026, 3, 19),
            "Udsættelsen kan ikke ligge før retsmødet (20.03.2026).",
        ),
        (
            {},
            "rescheduled_eviction_on",
            dt.date(2026, 4, 20),
            "Registrér først den oprindelige udsættelsesdato.",
        ),
        (
            {"eviction_on": dt.date(2026, 4, 7)},
            "rescheduled_eviction_on",
            dt.date(2026, 4, 7),
            "Den omberammede udsættelse skal ligge efter den oprindelige dato (07.04.2026).",
        ),
        (
            {"termination_on": dt.date(2026, 3, 2)},
            "withdrawn_on",
            dt.date(2026, 3, 1),
            "Tilbagekaldelsen kan ikke ligge før ophævelsen (02.03.2026).",
        ),
        ({}, "reminder_sent_on", dt.date(2026, 3, 11), "Påkravet kan ikke være sendt i fremtiden."),
        (
            {},
            "hearing_on",
            dt.date(2027, 4, 1),
            "Retsmødet ligger mere end et år ude i fremtiden. Tjek årstallet.",
        ),
        ({}, "termination_on", dt.date(1926, 3, 2), "Ophævelsen ligger før 1990. Tjek årstallet."),
    ],
)
def test_impossible_timeline_orders_are_refused_with_a_clear_message(
    store: Store, existing: dict[str, dt.date], field: TimelineField, value: dt.date, message: str
) -> None:
    case_id = new_case(store)
    for name, day in existing.items():
        desk(store).timeline.set_field(case_id, name, day)  # type: ignore[arg-type]
    error = refused(desk(store).timeline.set_field, case_id, field, value)
    assert (error.field, error.message) == (field, message)


def test_eviction_window_must_end_after_it_starts(store: Store) -> None:
    case_id = new_case(store)
    desk(store).timeline.set_field(case_id, "eviction_time_from", dt.time(12))
    error = refused(desk(store).timeline.set_field, case_id, "eviction_time_to", dt.time(9))
    assert error.message == "Tidsrummet skal slutte senere, end det begynder."


def test_clock_times_are_parsed_the_danish_way() -> None:
    assert parse_clock_time("9") == dt.time(9)
    assert parse_clock_time("9.30") == dt.time(9, 30)
    assert parse_clock_time("13:05") == dt.time(13, 5)
    assert parse_clock_time("  ") is None
    with pytest.raises(UserInputError) as info:
        parse_clock_time("25.00", field="eviction_time_from")
    assert info.value.message == "»25.00« er ikke et klokkeslæt. Skriv fx 9.00 eller 13:30."


def test_a_termination_dated_before_the_deadline_ran_out_is_flagged(store: Store) -> None:
    case_id = new_case(store)
    desk(store).timeline.set_field(case_id, "reminder_sent_on", dt.date(2026, 2, 20))
    desk(store).timeline.set_field(case_id, "termination_on", dt.date(2026, 3, 6))
    assert details(store, case_id).computed.warnings == (
        "Ophævelsen er dateret 06.03.2026, før påkravsfristen udløb (06.03.2026). Tjek om ophævelsen er gyldig.",
    )


def test_a_reminder_fee_above_the_legal_maximum_is_flagged(store: Store) -> None:
    case_id = new_case(store)
    desk(store).timeline.set_field(case_id, "reminder_sent_on", dt.date(2026, 2, 20))
    desk(store).timeline.set_field(case_id, "reminder_fee", Money.kr(400))
    d = details(store, case_id)
    assert d.computed.max_reminder_fee is not None and d.computed.max_reminder_fee.amount == Money.kr(314)
    assert d.computed.warnings == (
        "Påkravsgebyret (400,00 kr.) er højere end det højeste tilladte (314,00 kr. fra 2023). Tjek påkravet.",
    )


def test_negative_arrears_are_refused(store: Store) -> None:
    case_id = new_case(store)
    error = refused(desk(store).timeline.set_field, case_id, "arrears", Money.kr(-5))
    assert error.message == "Restancen kan ikke være negativ."


def test_a_timeline_change_names_its_parts_and_is_audited_by_field_name(store: Store) -> None:
    case_id = new_case(store)
    changes = desk(store).timeline.set_field(case_id, "hearing_on", dt.date(2026, 4, 1))
    assert changes.touches(case_id, Part.TIMELINE) and not changes.touches(case_id, Part.ARREARS)
    assert desk(store).timeline.set_field(case_id, "arrears", Money.kr(1)).touches(case_id, Part.ARREARS)
    events = audit_details(store, case_id)
    assert (AuditAction.UPDATE, "case", "fields=hearing_on") in events
    assert (AuditAction.UPDATE, "case", "fields=arrears") in events


def test_a_timeline_change_to_a_missing_case_is_refused(store: Store) -> None:
    error = refused(desk(store).timeline.set_field, "no-such-id", "hearing_on", TODAY)
    assert error.code == "case.not_found"


def test_a_court_or_eviction_date_on_a_weekend_or_holiday_is_flagged(store: Store) -> None:
    case_id = new_case(store)
    desk(store).timeline.set_field(case_id, "termination_on", dt.date(2026, 3, 2))
    desk(store).timeline.set_field(case_id, "hearing_on", dt.date(2026, 12, 26))  # 2. juledag
    desk(store).timeline.set_field(case_id, "eviction_on", dt.date(2027, 1, 9))  # a Saturday
    assert details(store, case_id).computed.warnings == (
        "Retsmødet er registreret 26.12.2026, som er anden juledag. Fogedretten holder ikke møde på "
        "weekend- og helligdage: tjek datoen i brevet fra fogedretten.",
        "Udsættelsen er registreret 09.01.2027, som er en lørdag. Fogedretten holder ikke møde på "
        "weekend- og helligdage: tjek datoen i brevet fra fogedretten.",
    )
    desk(store).timeline.set_field(case_id, "hearing_on", dt.date(2026, 12, 28))  # a Monday
    desk(store).timeline.set_field(case_id, "eviction_on", dt.date(2027, 1, 11))
    assert details(store, case_id).computed.warnings == ()


def test_a_termination_dated_in_the_future_is_flagged(store: Store) -> None:
    case_id = new_case(store)
    desk(store).timeline.set_field(case_id, "termination_on", TODAY + dt.timedelta(days=5))
    assert details(store, case_id).computed.warnings == (
        "Ophævelsen er dateret 15.03.2026, som ligger efter i dag. Tjek datoen på ophævelsesbrevet.",
    )
