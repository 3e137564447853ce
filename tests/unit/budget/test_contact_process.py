"""The contact process of DOMAIN.md §4: phone → voicemail + handwritten letter → visit → mail slot → stop."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from boligdesk.budget.contact_process import (
    KNOWN_CHANNELS,
    NOT_REACHED_RESULTS,
    REACHED_RESULTS,
    Attempt,
    ContactStep,
    is_reached,
    next_contact_step,
)
from boligdesk.budget.vocabulary import ContactChannel, ContactResult

MON = dt.date(2026, 3, 2)


def day(n: int) -> dt.date:
    return MON + dt.timedelta(days=n)


def test_no_attempts_yet_suggests_phoning_the_tenant() -> None:
    step = next_contact_step([])
    assert step.step is ContactStep.PHONE
    assert step.text == "Ring til lejeren."
    assert step.channels == ("phone",)
    assert not step.finished


def test_unanswered_call_suggests_voicemail_and_handwritten_letter() -> None:
    step = next_contact_step([Attempt("phone", "no_answer", day(0))])
    assert step.step is ContactStep.VOICEMAIL_AND_LETTER
    assert step.text == (
        "Ingen kontakt på telefonen: læg en besked på telefonsvareren, og send et brev eller en mail med "
        "tilbud om gratis rådgivning — brevet i en håndskrevet kuvert med frimærke (rudekuverter bliver "
        "ofte ikke åbnet)."
    )
    assert step.channels == ("voicemail", "letter_handwritten", "email")


def test_after_voicemail_only_the_letter_is_left_of_the_second_step() -> None:
    step = next_contact_step(
        [Attempt("phone", "no_answer", day(0)), Attempt("voicemail", "message_left", day(0))]
    )
    assert step.step is ContactStep.VOICEMAIL_AND_LETTER
    assert "telefonsvareren" not in step.text
    assert step.text.startswith("Ingen kontakt på telefonen: send et brev")
    assert step.channels == ("letter_handwritten", "email")


def test_wrong_number_skips_the_voicemail_and_says_why() -> None:
    step = next_contact_step([Attempt("phone", "wrong_number", day(0))])
    assert step.step is ContactStep.VOICEMAIL_AND_LETTER
    assert step.text.startswith("Telefonnummeret er forkert: send et brev")


def test_without_a_phone_number_the_process_starts_with_the_letter() -> None:
    step = next_contact_step([], has_phone=False)
    assert step.step is ContactStep.VOICEMAIL_AND_LETTER
    assert step.text.startswith("Der er intet telefonnummer: send et brev")


def test_after_the_letter_the_next_step_is_a_visit_at_the_address() -> None:
    attempts = [
        Attempt("phone", "message_left", day(0)),
        Attempt("letter_handwritten", "sent", day(1)),
    ]
    step = next_contact_step(attempts)
    assert step.step is ContactStep.VISIT
    assert step.text == "Lejeren har ikke reageret på brevet: opsøg lejeren på adressen."
    assert step.channels == ("visit_at_door",)


def test_an_email_counts_as_the_written_offer() -> None:
    attempts = [Attempt("phone", "message_left", day(0)), Attempt("email", "sent", day(0))]
    assert next_contact_step(attempts).step is ContactStep.VISIT


def test_not_met_at_the_door_suggests_the_mail_slot() -> None:
    attempts = [
        Attempt("phone", "no_answer", day(0)),
        Attempt("voicemail", "message_left", day(0)),
        Attempt("letter_handwritten", "sent", day(1)),
        Attempt("visit_at_door", "no_answer", day(8)),
    ]
    step = next_contact_step(attempts)
    assert step.step is ContactStep.MAIL_SLOT_LETTER
    assert "gennem brevsprækken" in step.text


def test_an_overfilled_mailbox_sends_the_letter_under_the_mat() -> None:
    attempts = [
        Attempt("phone", "no_answer", day(0)),
        Attempt("letter_handwritten", "sent", day(1)),
        Attempt("visit_at_door", "no_answer", day(8)),
    ]
    step = next_contact_step(attempts, mailbox_full=True)
    assert "under dørmåtten eller i klemme i døren, da postkassen er overfyldt" in step.text


def test_all_steps_tried_without_contact_means_stop() -> None:
    attempts = [
        Attempt("phone", "no_answer", day(0)),
        Attempt("voicemail", "message_left", day(0)),
        Attempt("letter_handwritten", "sent", day(1)),
        Attempt("visit_at_door", "no_answer", day(8)),
        Attempt("letter_mail_slot", "sent", day(8)),
    ]
    step = next_contact_step(attempts)
    assert step.step is ContactStep.STOP_NO_CONTACT
    assert step.finished
    assert step.channels == ()


def test_contact_reached_ends_the_process_and_says_when_and_how() -> None:
    attempts = [
        Attempt("phone", "no_answer", day(0)),
        Attempt("phone", "solved_on_phone", day(2)),
    ]
    step = next_contact_step(attempts)
    assert step.step is ContactStep.REACHED
    assert step.text == (
        "Kontakt opnået 04.03.2026 (telefonopkald). Kontaktprocessen er slut — fortsæt med rådgivningen."
    )
    assert step.finished


def test_the_first_reaching_attempt_is_named_even_if_logged_out_of_order() -> None:
    attempts = [Attempt("meeting", "meeting_agreed", day(5)), Attempt("visit_at_door", "reached", day(3))]
    assert "05.03.2026 (besøg på adressen)" in next_contact_step(attempts).text


def test_a_tenant_who_declines_help_was_reached() -> None:
    assert next_contact_step([Attempt("phone", "declined", day(0))]).step is ContactStep.REACHED


def test_a_skipped_step_is_suggested_before_later_ones() -> None:
    # A visit happened before anyone phoned: the phone call is still the next thing to try.
    assert next_contact_step([Attempt("visit_at_door", "no_answer", day(0))]).step is ContactStep.PHONE


def test_unknown_codes_are_refused() -> None:
    with pytest.raises(ValueError):
        next_contact_step([Attempt("pigeon", "no_answer", day(0))])
    with pytest.raises(ValueError):
        is_reached("maybe")


def test_every_channel_and_result_of_the_picklists_is_known_to_the_rule() -> None:
    assert {c.value for c in ContactChannel} == set(KNOWN_CHANNELS)
    assert {r.value for r in ContactResult} == REACHED_RESULTS | NOT_REACHED_RESULTS
    assert not (REACHED_RESULTS & NOT_REACHED_RESULTS)


attempts_strategy = st.lists(
    st.builds(
        Attempt,
        st.sampled_from(sorted(KNOWN_CHANNELS)),
        st.sampled_from(sorted(REACHED_RESULTS | NOT_REACHED_RESULTS)),
        st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2027, 12, 31)),
    ),
    max_size=8,
)


@given(attempts_strategy)
def test_the_process_stops_exactly_when_contact_was_reached(attempts: list[Attempt]) -> None:
    step = next_contact_step(attempts)
    reached = any(a.result in REACHED_RESULTS for a in attempts)
    assert (step.step is ContactStep.REACHED) == reached


@given(attempts_strategy, st.booleans(), st.booleans())
def test_the_order_attempts_are_given_in_does_not_matter(
    attempts: list[Attempt], has_phone: bool, mailbox_full: bool
) -> None:
    ordered = sorted(attempts, key=lambda a: (a.on, a.channel, a.result))
    forward = next_contact_step(ordered, has_phone=has_phone, mailbox_full=mailbox_full)
    backward = next_contact_step(list(reversed(ordered)), has_phone=has_phone, mailbox_full=mailbox_full)
    assert forward.step == backward.step


@given(attempts_strategy)
def test_another_unsuccessful_attempt_never_moves_the_process_backwards(attempts: list[Attempt]) -> None:
    order = list(ContactStep)
    unsuccessful = [a for a in attempts if a.result in NOT_REACHED_RESULTS]
    before = next_contact_step(unsuccessful[:-1]) if unsuccessful else next_contact_step([])
    after = next_contact_step(unsuccessful)
    assert order.index(after.step) >= order.index(before.step)


def test_a_message_through_the_caretaker_skips_no_step_and_reaching_through_him_ends_the_process() -> None:
    # Seed 004: the varmemester or the helhedsplan's staff pass a message on.
    waiting = next_contact_step(
        [Attempt("phone", "no_answer", day(0)), Attempt("via_caretaker", "message_left", day(1))]
    )
    assert waiting.step is ContactStep.VOICEMAIL_AND_LETTER
    reached = next_contact_step([Attempt("via_caretaker", "meeting_agreed", day(2))])
    assert reached.step is ContactStep.REACHED
    assert "via varmemester/helhedsplan" in reached.text
    assert ContactChannel.VIA_CARETAKER.label == "Via varmemester/helhedsplan"
