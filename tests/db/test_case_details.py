"""Saving the case detail, field by field, on a real encrypted store (invented people only)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from boligdesk.budget.contact_process import ContactStep
from boligdesk.budget.deadlines import DeadlineKind
from boligdesk.budget.money import Money
from boligdesk.budget.vocabulary import (
    AdviceTopic,
    ArrearsKind,
    AuditAction,
    CaseKind,
    CasePhase,
    Cause,
    Certainty,
    ChecklistAnswer,
    ChecklistItem,
    CodeCategory,
    ContactChannel,
    ContactResult,
    IncomeBasis,
    MemberRole,
    Outcome,
    PracticalHelp,
    Trigger,
)
from boligdesk.errors import UserInputError
from boligdesk.models import AuditEvent, CaseCode, JournalNote
from boligdesk.models.store import Profile, Store, open_store
from boligdesk.services import case_details as cd
from boligdesk.services import repayment
from boligdesk.services.cases import NewCase, NewMember, create_case
from boligdesk.services.desk import Desk
from tests.conftest import TEST_PASSPHRASE

TODAY = dt.date(2026, 3, 10)  # a Tuesday
ME = "Rikke Rådgiver"


def new_case(store: Store, **overrides: object) -> str:
    data = {
        "first_name": "Mette",
        "last_name": "Testesen",
        "address_line": "Engparken 12, st. tv.",
        "postcode": "2400",
        "city": "København NV",
        "phone": "12 34 56 78",
        "rent": Money.kr(6500),
        "arrears": Money.kr(13000),
        "birth_date": dt.date(1985, 6, 1),
        "members": (NewMember("Mathias", MemberRole.CHILD, dt.date(2009, 3, 3)),),
    }
    data.update(overrides)
    return create_case(store, NewCase(**data), today=TODAY, actor=ME)  # type: ignore[arg-type]


def details(store: Store, case_id: str, today: dt.date = TODAY) -> cd.CaseDetails:
    with store.session() as s:
        result = cd.load_case_details(s, case_id, today)
    assert result is not None
    return result


def refused(call: object, *args: object, **kwargs: object) -> UserInputError:
    assert callable(call)
    with pytest.raises(UserInputError) as info:
        call(*args, **kwargs)
    return info.value


def audit_details(store: Store, case_id: str) -> list[tuple[AuditAction, str, str]]:
    with store.session() as s:
        events = s.scalars(
            select(AuditEvent).where(AuditEvent.case_id == case_id).order_by(AuditEvent.at)
        ).all()
        return [(e.action, e.entity, e.detail) for e in events]


# --- loading -----------------------------------------------------------------------------------------


def test_a_new_case_loads_with_tenant_household_tenancy_and_kind_history(store: Store) -> None:
    case_id = new_case(store)
    d = details(store, case_id)
    assert d.tenant.full_name == "Mette Testesen"
    assert d.tenant.age == 40
    assert [(m.name, m.role, m.is_tenant) for m in d.members] == [
        ("Mette Testesen", MemberRole.ADULT, True),
        ("Mathias", MemberRole.CHILD, False),
    ]
    assert d.tenancy is not None and d.tenancy.full_address == "Engparken 12, st. tv., 2400 København NV"
    assert [k.kind for k in d.kind_history] == [CaseKind.EVICTION_THREAT]
    assert d.next_contact_step.step is ContactStep.PHONE
    assert d.turning_18[0].text == "Mathias fylder 18 den 3. marts 2027 — børne- og ungeydelsen stopper"
    assert (d.household_count.adults, d.household_count.children) == (1, 1)


def test_a_missing_or_deleted_case_loads_as_none(store: Store) -> None:
    with store.session() as s:
        assert cd.load_case_details(s, "no-such-id", TODAY) is None


# --- the eviction timeline ----------------------------------------------------------------------------


def test_the_paakrav_deadline_is_computed_with_the_reason_it_moved(store: Store) -> None:
    case_id = new_case(store)
    # Sent Friday 20 Feb 2026; received Saturday 21 Feb → +14 days = Saturday 7 March → Monday 9 March.
    cd.set_timeline_field(store, case_id, "reminder_sent_on", dt.date(2026, 2, 20), today=TODAY)
    cd.set_timeline_field(store, case_id, "reminder_received_on", dt.date(2026, 2, 21), today=TODAY)
    computed = details(store, case_id).computed
    assert computed.reminder_deadline is not None
    assert computed.reminder_deadline.deadline == dt.date(2026, 3, 9)
    assert computed.reminder_deadline.explain() == (
        "14 dage fra modtagelse 21.02.2026; flyttet til næste hverdag, da fristen faldt på en lørdag"
    )
    assert computed.earliest_termination == dt.date(2026, 3, 10)


def test_termination_gives_the_expected_eviction_window_until_a_date_is_set(store: Store) -> None:
    case_id = new_case(store)
    cd.set_timeline_field(store, case_id, "termination_on", dt.date(2026, 3, 2), today=TODAY)
    d = details(store, case_id)
    assert d.computed.expected_eviction == (dt.date(2026, 3, 23), dt.date(2026, 4, 13))
    assert d.computed.next_deadline is not None
    assert d.computed.next_deadline.kind is DeadlineKind.EXPECTED_EVICTION
    cd.set_timeline_field(store, case_id, "eviction_on", dt.date(2026, 4, 7), today=TODAY)
    cd.set_timeline_field(store, case_id, "eviction_time_from", dt.time(9, 0), today=TODAY)
    cd.set_timeline_field(store, case_id, "eviction_time_to", dt.time(12, 0), today=TODAY)
    d = details(store, case_id)
    assert d.computed.expected_eviction is None
    assert d.computed.next_deadline is not None and d.computed.next_deadline.kind is DeadlineKind.EVICTION
    assert (d.timeline.eviction_time_from, d.timeline.eviction_time_to) == (dt.time(9), dt.time(12))


def test_termination_before_the_paakrav_is_refused(store: Store) -> None:
    case_id = new_case(store)
    cd.set_timeline_field(store, case_id, "reminder_sent_on", dt.date(2026, 2, 20), today=TODAY)
    error = refused(
        cd.set_timeline_field, store, case_id, "termination_on", dt.date(2026, 2, 10), today=TODAY
    )
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
    store: Store, existing: dict[str, dt.date], field: cd.TimelineField, value: dt.date, message: str
) -> None:
    case_id = new_case(store)
    for name, day in existing.items():
        cd.set_timeline_field(store, case_id, name, day, today=TODAY)  # type: ignore[arg-type]
    error = refused(cd.set_timeline_field, store, case_id, field, value, today=TODAY)
    assert (error.field, error.message) == (field, message)


def test_eviction_window_must_end_after_it_starts(store: Store) -> None:
    case_id = new_case(store)
    cd.set_timeline_field(store, case_id, "eviction_time_from", dt.time(12), today=TODAY)
    error = refused(cd.set_timeline_field, store, case_id, "eviction_time_to", dt.time(9), today=TODAY)
    assert error.message == "Tidsrummet skal slutte senere, end det begynder."


def test_clock_times_are_parsed_the_danish_way() -> None:
    assert cd.parse_clock_time("9") == dt.time(9)
    assert cd.parse_clock_time("9.30") == dt.time(9, 30)
    assert cd.parse_clock_time("13:05") == dt.time(13, 5)
    assert cd.parse_clock_time("  ") is None
    with pytest.raises(UserInputError) as info:
        cd.parse_clock_time("25.00", field="eviction_time_from")
    assert info.value.message == "»25.00« er ikke et klokkeslæt. Skriv fx 9.00 eller 13:30."


def test_a_termination_dated_before_the_deadline_ran_out_is_flagged(store: Store) -> None:
    case_id = new_case(store)
    cd.set_timeline_field(store, case_id, "reminder_sent_on", dt.date(2026, 2, 20), today=TODAY)
    cd.set_timeline_field(store, case_id, "termination_on", dt.date(2026, 3, 6), today=TODAY)
    assert details(store, case_id).computed.warnings == (
        "Ophævelsen er dateret 06.03.2026, før påkravsfristen udløb (06.03.2026). Tjek om ophævelsen er gyldig.",
    )


def test_a_reminder_fee_above_the_legal_maximum_is_flagged(store: Store) -> None:
    case_id = new_case(store)
    cd.set_timeline_field(store, case_id, "reminder_sent_on", dt.date(2026, 2, 20), today=TODAY)
    cd.set_timeline_field(store, case_id, "reminder_fee", Money.kr(400), today=TODAY)
    d = details(store, case_id)
    assert d.computed.max_reminder_fee is not None and d.computed.max_reminder_fee.amount == Money.kr(314)
    assert d.computed.warnings == (
        "Påkravsgebyret (400,00 kr.) er højere end det højeste tilladte (314,00 kr. fra 2023). Tjek påkravet.",
    )


def test_a_registered_arrears_that_differs_from_its_parts_is_shown_and_can_be_aligned(store: Store) -> None:
    case_id = new_case(store)  # 13.000 kr. arrears, one rent part of 13.000 kr. from create_case
    repayment.add_arrears_item(
        store, case_id, repayment.ArrearsInput(ArrearsKind.REMINDER_FEE, Money.kr(314), text="Påkravsgebyr")
    )
    d = details(store, case_id)
    assert d.computed.arrears_items_total == Money.kr(13314)
    assert d.computed.warnings == ()  # parts edited: the arrears follow them
    cd.set_timeline_field(
        store, case_id, "arrears", Money.kr(15000), today=TODAY
    )  # the landlord's new figure
    assert details(store, case_id).computed.warnings == (
        "Posterne summer til 13.314,00 kr., men restancen er registreret som 15.000,00 kr.",
    )
    assert cd.set_arrears_to_items_total(store, case_id) == Money.kr(13314)
    assert details(store, case_id).computed.warnings == ()


def test_negative_arrears_are_refused(store: Store) -> None:
    case_id = new_case(store)
    error = refused(cd.set_timeline_field, store, case_id, "arrears", Money.kr(-5), today=TODAY)
    assert error.message == "Restancen kan ikke være negativ."


# --- kind, phase, picklists, checklist ---------------------------------------------------------------


def test_multi_select_picklists_tick_and_untick(store: Store) -> None:
    case_id = new_case(store)
    cd.set_code(store, case_id, CodeCategory.TRIGGER, Trigger.UNPAID_RENT, True)
    cd.set_code(store, case_id, CodeCategory.TRIGGER, Trigger.NOISE, True)
    cd.set_code(store, case_id, CodeCategory.TRIGGER, Trigger.NOISE, False)
    cd.set_code(store, case_id, CodeCategory.ADVICE_TOPIC, AdviceTopic.HOUSING_BENEFIT, True)
    cd.set_code(store, case_id, CodeCategory.PRACTICAL_HELP, PracticalHelp.BILL_ACCOUNT, True)
    d = details(store, case_id)
    assert d.selected(CodeCategory.TRIGGER) == {"unpaid_rent": ""}
    assert set(d.selected(CodeCategory.ADVICE_TOPIC)) == {"housing_benefit"}
    assert set(d.selected(CodeCategory.PRACTICAL_HELP)) == {"bill_account"}


def test_ticking_a_value_again_reuses_its_row(store: Store) -> None:
    case_id = new_case(store)
    for selected in (True, False, True, False, True):
        cd.set_code(store, case_id, CodeCategory.TRIGGER, Trigger.NOISE, selected)
    with store.session() as s:
        rows = s.scalars(select(CaseCode).where(CaseCode.case_id == case_id)).all()
    assert len(rows) == 1 and not rows[0].deleted


def test_causes_are_assumed_until_marked_known(store: Store) -> None:
    case_id = new_case(store)
    cd.set_code(store, case_id, CodeCategory.CAUSE, Cause.LOST_INCOME, True)
    cd.set_code(store, case_id, CodeCategory.CAUSE, Cause.DEBT, True, certainty=Certainty.KNOWN)
    assert details(store, case_id).selected(CodeCategory.CAUSE) == {"lost_income": "assumed", "debt": "known"}
    cd.set_code(store, case_id, CodeCategory.CAUSE, Cause.LOST_INCOME, True, certainty=Certainty.KNOWN)
    cd.set_code(store, case_id, CodeCategory.CAUSE, Cause.DEBT, True)  # ticking again keeps "known"
    assert details(store, case_id).selected(CodeCategory.CAUSE) == {"lost_income": "known", "debt": "known"}


def test_unknown_picklist_values_are_a_programming_error(store: Store) -> None:
    case_id = new_case(store)
    with pytest.raises(ValueError):
        cd.set_code(store, case_id, CodeCategory.TRIGGER, "free text", True)
    with pytest.raises(ValueError):
        cd.set_code(store, case_id, CodeCategory.TRIGGER, Trigger.NOISE, True, certainty=Certainty.KNOWN)


def test_checklist_answers_default_to_not_asked(store: Store) -> None:
    case_id = new_case(store)
    assert (
        details(store, case_id).checklist_answer(ChecklistItem.HOUSING_BENEFIT) is ChecklistAnswer.NOT_ASKED
    )
    cd.set_checklist_answer(store, case_id, ChecklistItem.HOUSING_BENEFIT, ChecklistAnswer.FOLLOW_UP)
    cd.set_checklist_answer(store, case_id, ChecklistItem.ADULT_CHILDREN_PAY, ChecklistAnswer.NO)
    cd.set_checklist_answer(store, case_id, ChecklistItem.HOUSING_BENEFIT, ChecklistAnswer.YES)
    d = details(store, case_id)
    assert d.checklist_answer(ChecklistItem.HOUSING_BENEFIT) is ChecklistAnswer.YES
    assert d.checklist_answer(ChecklistItem.ADULT_CHILDREN_PAY) is ChecklistAnswer.NO


# --- contact attempts --------------------------------------------------------------------------------


def test_logging_attempts_moves_the_process_and_the_phase_on(store: Store) -> None:
    case_id = new_case(store)
    cd.log_contact_attempt(
        store,
        case_id,
        cd.NewContactAttempt(dt.datetime(2026, 3, 9, 10, 15), ContactChannel.PHONE, ContactResult.NO_ANSWER),
        today=TODAY,
        actor=ME,
    )
    d = details(store, case_id)
    assert d.phase is CasePhase.CONTACT
    assert d.next_contact_step.step is ContactStep.VOICEMAIL_AND_LETTER
    assert d.contact_attempts[0].by == ME
    cd.log_contact_attempt(
        store,
        case_id,
        cd.NewContactAttempt(
            dt.datetime(2026, 3, 10, 9, 0), ContactChannel.PHONE, ContactResult.MEETING_AGREED, "Møde fredag"
        ),
        today=TODAY,
    )
    d = details(store, case_id)
    assert d.phase is CasePhase.ADVICE
    assert d.next_contact_step.step is ContactStep.REACHED
    assert d.closing_suggestion.first_contact_channel is ContactChannel.PHONE
    assert d.closing_suggestion.contact_reached


def test_a_result_that_does_not_fit_the_channel_is_refused(store: Store) -> None:
    case_id = new_case(store)
    attempt = cd.NewContactAttempt(
        dt.datetime(2026, 3, 9, 10), ContactChannel.LETTER_MAIL_SLOT, ContactResult.SOLVED_ON_PHONE
    )
    error = refused(cd.log_contact_attempt, store, case_id, attempt, today=TODAY)
    assert error.message == (
        "Resultatet »Løst telefonisk« passer ikke til »Brev gennem brevsprækken«. Vælg et andet."
    )


def test_a_contact_attempt_in_the_future_is_refused(store: Store) -> None:
    case_id = new_case(store)
    attempt = cd.NewContactAttempt(dt.datetime(2026, 3, 11, 9), ContactChannel.PHONE, ContactResult.NO_ANSWER)
    assert refused(cd.log_contact_attempt, store, case_id, attempt, today=TODAY).message == (
        "Et kontaktforsøg kan ikke ligge i fremtiden."
    )


def test_every_channel_has_at_least_one_allowed_result() -> None:
    assert set(cd.ALLOWED_RESULTS) == set(ContactChannel)
    assert all(cd.ALLOWED_RESULTS[c] for c in ContactChannel)


def test_an_attempt_logged_by_mistake_can_be_removed(store: Store) -> None:
    case_id = new_case(store)
    attempt_id = cd.log_contact_attempt(
        store,
        case_id,
        cd.NewContactAttempt(dt.datetime(2026, 3, 9, 10), ContactChannel.SMS, ContactResult.SENT),
        today=TODAY,
    )
    cd.remove_contact_attempt(store, case_id, attempt_id)
    assert details(store, case_id).contact_attempts == ()


# --- journal and follow-ups --------------------------------------------------------------------------


def test_journal_is_append_only_and_a_correction_keeps_the_old_note(store: Store) -> None:
    case_id = new_case(store)
    first = cd.add_journal_note(store, case_id, "Talt med lejer om boligstøtte.", actor=ME)
    fix = cd.add_journal_note(
        store, case_id, "Talt med lejer om boligstøtte og friplads.", actor=ME, corrects_id=first
    )
    notes = {n.id: n for n in details(store, case_id).journal}
    assert notes[first].text == "Talt med lejer om boligstøtte."
    assert notes[first].corrected_by_id == fix and notes[first].is_corrected
    assert notes[fix].corrects_id == first and not notes[fix].is_corrected
    error = refused(cd.add_journal_note, store, case_id, "Igen", corrects_id=first)
    assert error.message == "Noten er allerede rettet. Ret den nyeste udgave i stedet."
    assert refused(cd.add_journal_note, store, case_id, "  ").message == "Skriv noten, før du gemmer den."


def test_service_offers_no_way_to_edit_or_delete_a_journal_note() -> None:
    names = [n for n in dir(cd) if "journal" in n.lower() and n.islower() and callable(getattr(cd, n))]
    assert names == ["add_journal_note"]


def test_follow_ups_are_set_done_and_removed(store: Store) -> None:
    case_id = new_case(store)
    fid = cd.add_follow_up(store, case_id, dt.date(2026, 3, 17), "Ring om boligstøtte", today=TODAY)
    assert details(store, case_id).follow_ups[0].text == "Ring om boligstøtte"
    cd.set_follow_up_done(store, case_id, fid, True, today=TODAY)
    assert details(store, case_id).follow_ups[0].done_on == TODAY
    cd.set_follow_up_done(store, case_id, fid, False, today=TODAY)
    assert details(store, case_id).follow_ups[0].done_on is None
    cd.remove_follow_up(store, case_id, fid)
    assert details(store, case_id).follow_ups == ()
    error = refused(cd.add_follow_up, store, case_id, dt.date(2026, 3, 9), "Ring", today=TODAY)
    assert error.message == "Opfølgningsdatoen ligger før i dag."
    error = refused(cd.add_follow_up, store, case_id, dt.date(2026, 3, 19), "", today=TODAY)
    assert error.message == "Skriv hvad der skal følges op på."


# --- closing and reopening ----------------------------------------------------------------------------


def test_closing_needs_an_outcome(store: Store) -> None:
    case_id = new_case(store)
    error = refused(cd.close_case, store, case_id, closed_on=TODAY, today=TODAY)
    assert (error.field, error.message) == ("outcome", "Vælg sagens udfald, før sagen afsluttes.")
    assert not details(store, case_id).is_closed


def test_a_move_out_needs_the_arrears_left(store: Store) -> None:
    case_id = new_case(store)
    cd.set_closing_field(store, case_id, "outcome", Outcome.MOVED_OUT)
    error = refused(cd.close_case, store, case_id, closed_on=TODAY, today=TODAY)
    assert (
        error.message == "Skriv restancen ved fraflytningen (0 hvis der ikke er nogen), før sagen afsluttes."
    )


def test_closing_fills_the_registration_from_the_case(store: Store) -> None:
    case_id = new_case(store)
    Desk(store, today=lambda: TODAY).tenancy.set_field(case_id, "move_in_date", dt.date(2019, 4, 1))
    Desk(store, today=lambda: TODAY).cases.set_field(case_id, "income_basis", IncomeBasis.SALARY)
    cd.log_contact_attempt(
        store,
        case_id,
        cd.NewContactAttempt(
            dt.datetime(2026, 3, 9, 10), ContactChannel.VISIT_AT_DOOR, ContactResult.REACHED
        ),
        today=TODAY,
    )
    cd.set_closing_field(store, case_id, "outcome", Outcome.EVICTED)
    cd.set_closing_field(store, case_id, "arrears_at_move_out", Money.kr(9500))
    cd.set_closing_field(store, case_id, "move_out_cause", Cause.ADDICTION)
    cd.close_case(store, case_id, closed_on=TODAY, today=TODAY, actor=ME)
    d = details(store, case_id)
    assert d.is_closed and d.phase is CasePhase.CLOSED
    c = d.closing
    assert (c.closing_age, c.closing_children, c.first_contact_channel) == (
        40,
        1,
        ContactChannel.VISIT_AT_DOOR,
    )
    assert (c.tenancy_years_at_move_out, c.arrears_at_move_out, c.move_out_cause) == (
        6,
        Money.kr(9500),
        Cause.ADDICTION,
    )
    assert d.closing_suggestion.outreach_at_address
    assert d.journal[-1].text == "Sagen afsluttet 10.03.2026. Udfald: Udsat af fogeden."
    assert d.computed.next_deadline is None


def test_registration_values_typed_by_the_adviser_are_kept_on_closing(store: Store) -> None:
    case_id = new_case(store)
    cd.set_closing_field(store, case_id, "outcome", Outcome.ARREARS_PAID)
    cd.set_closing_field(store, case_id, "closing_children", 3)
    cd.close_case(store, case_id, closed_on=TODAY, today=TODAY)
    assert details(store, case_id).closing.closing_children == 3


@pytest.mark.parametrize(
    ("closed_on", "message"),
    [
        (dt.date(2026, 3, 11), "Afslutningsdatoen kan ikke ligge i fremtiden."),
        (dt.date(2026, 3, 1), "Sagen kan ikke afsluttes, før den blev oprettet (10.03.2026)."),
    ],
)
def test_impossible_closing_dates_are_refused(store: Store, closed_on: dt.date, message: str) -> None:
    case_id = new_case(store)
    cd.set_closing_field(store, case_id, "outcome", Outcome.WITHDRAWN)
    assert refused(cd.close_case, store, case_id, closed_on=closed_on, today=TODAY).message == message


def test_closing_registration_numbers_are_checked(store: Store) -> None:
    case_id = new_case(store)
    error = refused(cd.set_closing_field, store, case_id, "closing_age", 130)
    assert error.message == "Alderen skal være et helt tal fra 0 til 120."


def test_reopening_clears_the_closing_keeps_history_and_writes_a_note(store: Store) -> None:
    case_id = new_case(store)
    cd.set_closing_field(store, case_id, "outcome", Outcome.ARREARS_PAID)
    cd.close_case(store, case_id, closed_on=TODAY, today=TODAY)
    later = dt.date(2026, 5, 4)
    cd.reopen_case(store, case_id, today=later, actor=ME)
    d = details(store, case_id, later)
    assert not d.is_closed and d.closing.outcome is None and d.phase is CasePhase.FOLLOW_UP
    assert d.closing.closing_age == 40  # the rest of the registration stays
    texts = [n.text for n in d.journal]
    assert texts == [
        "Sagen afsluttet 10.03.2026. Udfald: Restancen betalt.",
        "Sagen genåbnet 04.05.2026. Den var afsluttet 10.03.2026 med udfaldet »Restancen betalt«.",
    ]
    assert refused(cd.reopen_case, store, case_id, today=later).message == "Sagen er ikke afsluttet."


def test_phase_of_a_closed_case_cannot_be_changed(store: Store) -> None:
    case_id = new_case(store)
    cd.set_closing_field(store, case_id, "outcome", Outcome.OTHER)
    cd.close_case(store, case_id, closed_on=TODAY, today=TODAY)
    error = refused(Desk(store, today=lambda: TODAY).cases.set_field, case_id, "phase", CasePhase.ADVICE)
    assert error.message == "Sagen er afsluttet. Genåbn den for at ændre fasen."


# --- persistence ---------------------------------------------------------------------------------------


def test_everything_saved_is_there_after_reopening_the_store(store: Store, profile: Profile) -> None:
    case_id = new_case(store)
    Desk(store, today=lambda: TODAY).tenant.set_field(case_id, "phone", "11 22 33 44")
    cd.set_code(store, case_id, CodeCategory.CAUSE, Cause.DEBT, True, certainty=Certainty.KNOWN)
    cd.add_journal_note(store, case_id, "Første møde holdt.")
    store.close()
    reopened = open_store(profile, passphrase=TEST_PASSPHRASE)
    try:
        d = details(reopened, case_id)
        assert d.tenant.phone == "11 22 33 44"
        assert d.selected(CodeCategory.CAUSE) == {"debt": "known"}
        assert [n.text for n in d.journal] == ["Første møde holdt."]
        with reopened.session() as s:
            assert s.scalars(select(JournalNote)).all()
    finally:
        reopened.close()
