"""Closing and reopening a case, and the closing registration (``desk.closing``)."""

from __future__ import annotations

import datetime as dt

import pytest

from boligdesk.budget.money import Money
from boligdesk.budget.vocabulary import (
    CasePhase,
    Cause,
    ContactChannel,
    ContactResult,
    IncomeBasis,
    Outcome,
)
from boligdesk.models import Case
from boligdesk.models.store import Store
from boligdesk.services.changes import Part
from boligdesk.services.contact import NewContactAttempt
from tests.db.case_setup import ME, TODAY, desk, details, new_case, refused


def test_closing_needs_an_outcome(store: Store) -> None:
    case_id = new_case(store)
    error = refused(desk(store).closing.close, case_id, closed_on=TODAY)
    assert (error.field, error.message) == ("outcome", "Vælg sagens udfald, før sagen afsluttes.")
    assert not details(store, case_id).is_closed


def test_a_move_out_needs_the_arrears_left(store: Store) -> None:
    case_id = new_case(store)
    desk(store).closing.set_field(case_id, "outcome", Outcome.MOVED_OUT)
    error = refused(desk(store).closing.close, case_id, closed_on=TODAY)
    assert (
        error.message == "Skriv restancen ved fraflytningen (0 hvis der ikke er nogen), før sagen afsluttes."
    )


def test_closing_fills_the_registration_from_the_case(store: Store) -> None:
    case_id = new_case(store)
    with store.session() as s:  # registered on the Lejemål and Sagsforhold pages
        case = s.get(Case, case_id)
        assert case is not None and case.tenancy is not None
        case.tenancy.move_in_date = dt.date(2019, 4, 1)
        case.income_basis = IncomeBasis.SALARY
    desk(store).contact.log(
        case_id,
        NewContactAttempt(dt.datetime(2026, 3, 9, 10), ContactChannel.VISIT_AT_DOOR, ContactResult.REACHED),
    )
    desk(store).closing.set_field(case_id, "outcome", Outcome.EVICTED)
    desk(store).closing.set_field(case_id, "arrears_at_move_out", Money.kr(9500))
    desk(store).closing.set_field(case_id, "move_out_cause", Cause.ADDICTION)
    desk(store).closing.close(case_id, closed_on=TODAY)
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
    desk(store).closing.set_field(case_id, "outcome", Outcome.ARREARS_PAID)
    desk(store).closing.set_field(case_id, "closing_children", 3)
    desk(store).closing.close(case_id, closed_on=TODAY)
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
    desk(store).closing.set_field(case_id, "outcome", Outcome.WITHDRAWN)
    assert refused(desk(store).closing.close, case_id, closed_on=closed_on).message == message


def test_closing_registration_numbers_are_checked(store: Store) -> None:
    case_id = new_case(store)
    error = refused(desk(store).closing.set_field, case_id, "closing_age", 130)
    assert error.message == "Alderen skal være et helt tal fra 0 til 120."


def test_reopening_clears_the_closing_keeps_history_and_writes_a_note(store: Store) -> None:
    case_id = new_case(store)
    desk(store).closing.set_field(case_id, "outcome", Outcome.ARREARS_PAID)
    desk(store).closing.close(case_id, closed_on=TODAY)
    later = dt.date(2026, 5, 4)
    desk(store, later).closing.reopen(case_id)
    d = details(store, case_id, later)
    assert not d.is_closed and d.closing.outcome is None and d.phase is CasePhase.FOLLOW_UP
    assert d.closing.closing_age == 40  # the rest of the registration stays
    texts = [n.text for n in d.journal]
    assert texts == [
        "Sagen afsluttet 10.03.2026. Udfald: Restancen betalt.",
        "Sagen genåbnet 04.05.2026. Den var afsluttet 10.03.2026 med udfaldet »Restancen betalt«.",
    ]
    assert refused(desk(store, later).closing.reopen, case_id).message == "Sagen er ikke afsluttet."


def test_closing_changes_the_list_the_registration_and_the_journal(store: Store) -> None:
    case_id = new_case(store)
    desk(store).closing.set_field(case_id, "outcome", Outcome.ARREARS_PAID)
    changes = desk(store).closing.close(case_id, closed_on=TODAY)
    assert {Part.CASE, Part.CLOSING, Part.JOURNAL} <= changes.parts
    assert details(store, case_id).journal[-1].author == ME
    assert (
        refused(desk(store).closing.close, case_id, closed_on=TODAY).message == "Sagen er allerede afsluttet."
    )
