"""Contact attempts (``desk.contact``): logging, refusals, the phase moving on, removal."""

from __future__ import annotations

import datetime as dt

from boligdesk.budget.contact_process import ContactStep
from boligdesk.budget.vocabulary import AuditAction, CasePhase, ContactChannel, ContactResult
from boligdesk.models.store import Store
from boligdesk.services.changes import Part
from boligdesk.services.contact import ALLOWED_RESULTS, NewContactAttempt
from tests.db.case_setup import ME, audit_details, desk, details, new_case, refused


def test_logging_attempts_moves_the_process_and_the_phase_on(store: Store) -> None:
    case_id = new_case(store)
    desk(store).contact.log(
        case_id,
        NewContactAttempt(dt.datetime(2026, 3, 9, 10, 15), ContactChannel.PHONE, ContactResult.NO_ANSWER),
    )
    d = details(store, case_id)
    assert d.phase is CasePhase.CONTACT
    assert d.next_contact_step.step is ContactStep.VOICEMAIL_AND_LETTER
    assert d.contact_attempts[0].by == ME
    desk(store).contact.log(
        case_id,
        NewContactAttempt(
            dt.datetime(2026, 3, 10, 9, 0), ContactChannel.PHONE, ContactResult.MEETING_AGREED, "Møde fredag"
        ),
    )
    d = details(store, case_id)
    assert d.phase is CasePhase.ADVICE
    assert d.next_contact_step.step is ContactStep.REACHED
    assert d.closing_suggestion.first_contact_channel is ContactChannel.PHONE
    assert d.closing_suggestion.contact_reached


def test_a_result_that_does_not_fit_the_channel_is_refused(store: Store) -> None:
    case_id = new_case(store)
    attempt = NewContactAttempt(
        dt.datetime(2026, 3, 9, 10), ContactChannel.LETTER_MAIL_SLOT, ContactResult.SOLVED_ON_PHONE
    )
    error = refused(desk(store).contact.log, case_id, attempt)
    assert error.message == (
        "Resultatet »Løst telefonisk« passer ikke til »Brev gennem brevsprækken«. Vælg et andet."
    )


def test_a_contact_attempt_in_the_future_is_refused(store: Store) -> None:
    case_id = new_case(store)
    attempt = NewContactAttempt(dt.datetime(2026, 3, 11, 9), ContactChannel.PHONE, ContactResult.NO_ANSWER)
    assert refused(desk(store).contact.log, case_id, attempt).message == (
        "Et kontaktforsøg kan ikke ligge i fremtiden."
    )


def test_every_channel_has_at_least_one_allowed_result() -> None:
    assert set(ALLOWED_RESULTS) == set(ContactChannel)
    assert all(ALLOWED_RESULTS[c] for c in ContactChannel)


def test_an_attempt_logged_by_mistake_can_be_removed(store: Store) -> None:
    case_id = new_case(store)
    attempt = NewContactAttempt(dt.datetime(2026, 3, 9, 10), ContactChannel.SMS, ContactResult.SENT)
    attempt_id = desk(store).contact.log(case_id, attempt).id
    desk(store).contact.remove(case_id, attempt_id)
    assert details(store, case_id).contact_attempts == ()


def test_an_attempt_that_moves_the_phase_says_so_and_both_rows_are_audited(store: Store) -> None:
    case_id = new_case(store)
    attempt = NewContactAttempt(dt.datetime(2026, 3, 9, 10), ContactChannel.PHONE, ContactResult.NO_ANSWER)
    created = desk(store).contact.log(case_id, attempt)
    assert created.changes.parts == {Part.CONTACT, Part.CASE}
    events = audit_details(store, case_id)
    assert (AuditAction.CREATE, "contact_attempt", "") in events
    assert (AuditAction.UPDATE, "case", "fields=phase") in events
    again = desk(store).contact.log(case_id, attempt)
    assert again.changes.parts == {Part.CONTACT}  # already in contact attempts: the phase stays


def test_removing_an_attempt_of_another_case_is_refused(store: Store) -> None:
    first, second = new_case(store), new_case(store, first_name="Bo")
    attempt = NewContactAttempt(dt.datetime(2026, 3, 9, 10), ContactChannel.SMS, ContactResult.SENT)
    attempt_id = desk(store).contact.log(first, attempt).id
    assert refused(desk(store).contact.remove, second, attempt_id).code == "contact_attempt.not_found"
    assert len(details(store, first).contact_attempts) == 1


def test_cancelled_and_missed_meetings_are_logged_and_never_close_the_case(store: Store) -> None:
    """Issue 16: contact results »Aflyst« and »Udeblevet«; nothing closes a case after no-shows."""
    case_id = new_case(store)
    tries = [ContactResult.CANCELLED, ContactResult.NO_SHOW, ContactResult.NO_SHOW, ContactResult.NO_SHOW]
    for day, result in enumerate(tries, start=2):
        desk(store).contact.log(
            case_id, NewContactAttempt(dt.datetime(2026, 3, day, 10), ContactChannel.MEETING, result)
        )
    d = details(store, case_id)
    assert {a.result.label for a in d.contact_attempts} == {"Aflyst", "Udeblevet"}
    assert not d.is_closed
    assert d.phase is CasePhase.CONTACT
    assert d.next_contact_step.step is not ContactStep.REACHED
