"""Closing and reopening a case, and the closing registration of 004 Bilag 1.

The registration fields are saved as the adviser fills them in. Closing needs an outcome (and the arrears
left, for a move-out or an eviction); registration fields left empty are filled from the case where it
knows them. Closing sets the phase *closed*; reopening sets *follow-up*. Both write a journal note.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Literal

from boligdesk.budget.calendar import format_short
from boligdesk.budget.household import count_for_norms
from boligdesk.budget.money import Money
from boligdesk.budget.vocabulary import CasePhase, Cause, ContactChannel, Outcome
from boligdesk.errors import UserInputError
from boligdesk.models import Case
from boligdesk.services.case_read import household_people, load_case_details
from boligdesk.services.changes import Changes, Part
from boligdesk.services.desk import NotFoundError, live
from boligdesk.services.journal import journal_note
from boligdesk.services.values import age, optional_enum, require_type

if TYPE_CHECKING:
    from boligdesk.services.desk import Desk

ClosingField = Literal[
    "outcome",
    "closing_age",
    "closing_children",
    "first_contact_channel",
    "tenancy_years_at_move_out",
    "arrears_at_move_out",
    "move_out_cause",
]
MOVE_OUT_OUTCOMES = (Outcome.MOVED_OUT, Outcome.EVICTED)
_INT_LIMITS: dict[str, tuple[int, int, str]] = {
    "closing_age": (0, 120, "Alderen skal være et helt tal fra 0 til 120."),
    "closing_children": (0, 20, "Antal børn skal være et helt tal fra 0 til 20."),
    "tenancy_years_at_move_out": (0, 100, "Lejemålets varighed skal være et helt antal år fra 0 til 100."),
}
#: Closing or reopening changes the phase and outcome (the list), the registration and the journal.
_CLOSING_PARTS = (Part.CASE, Part.CLOSING, Part.JOURNAL, Part.TIMELINE)


def _clean_closing_value(field: ClosingField, value: object) -> object:
    if field == "outcome":
        return optional_enum(value, Outcome, field)
    if field == "first_contact_channel":
        return optional_enum(value, ContactChannel, field)
    if field == "move_out_cause":
        cause = optional_enum(value, Cause, field)
        return cause.value if cause else ""
    if field == "arrears_at_move_out":
        if value is None:
            return None
        require_type(value, Money, field)
        assert isinstance(value, Money)
        if value.is_negative():
            raise UserInputError(field, "money.negative", "Restancen kan ikke være negativ.")
        return value
    if value is None:
        return None
    require_type(value, int, field)
    assert isinstance(value, int)
    low, high, message = _INT_LIMITS[field]
    if not low <= value <= high:
        raise UserInputError(field, "closing.number_invalid", message)
    return value


class ClosingService:
    """``desk.closing``: the closing registration, closing and reopening."""

    def __init__(self, desk: Desk) -> None:
        self._desk = desk

    def set_field(self, case_id: str, field: ClosingField, value: object) -> Changes:
        """Fill in one field of the closing registration (004 Bilag 1); saved as the adviser goes."""
        clean = _clean_closing_value(field, value)
        with self._desk.writing(case_id) as s:
            setattr(live(s, Case, case_id), field, clean)
        if field == "outcome":
            return Changes.of(case_id, Part.CLOSING, Part.CASE)
        return Changes.of(case_id, Part.CLOSING)

    def close(self, case_id: str, *, closed_on: dt.date, now: dt.datetime | None = None) -> Changes:
        """Close the case. Needs an outcome (and the arrears left, for a move-out or an eviction).

        Registration fields left empty are filled from the case where it knows them: the tenant's age and
        the number of children on the closing date, the channel of the first contact reached, and the
        length of the tenancy. A journal note records the closing.
        """
        today = self._desk.today()
        with self._desk.reading() as s:
            details = load_case_details(s, case_id, today)
        if details is None:
            raise NotFoundError(Case)
        if details.is_closed:
            raise UserInputError("closed_on", "closing.already_closed", "Sagen er allerede afsluttet.")
        if closed_on > today:
            raise UserInputError(
                "closed_on", "closing.in_future", "Afslutningsdatoen kan ikke ligge i fremtiden."
            )
        if closed_on < details.opened_on:
            raise UserInputError(
                "closed_on",
                "closing.before_opened",
                f"Sagen kan ikke afsluttes, før den blev oprettet ({format_short(details.opened_on)}).",
            )
        outcome = details.closing.outcome
        if outcome is None:
            raise UserInputError(
                "outcome", "closing.outcome_missing", "Vælg sagens udfald, før sagen afsluttes."
            )
        if outcome in MOVE_OUT_OUTCOMES and details.closing.arrears_at_move_out is None:
            raise UserInputError(
                "arrears_at_move_out",
                "closing.arrears_missing",
                "Skriv restancen ved fraflytningen (0 hvis der ikke er nogen), før sagen afsluttes.",
            )
        with self._desk.writing(case_id) as s:
            case = live(s, Case, case_id)
            if case.closing_age is None:
                case.closing_age = age(details.tenant.birth_date, closed_on)
            if case.closing_children is None:
                case.closing_children = count_for_norms(household_people(details.members), closed_on).children
            if case.first_contact_channel is None:
                case.first_contact_channel = details.closing_suggestion.first_contact_channel
            if case.tenancy_years_at_move_out is None and outcome in MOVE_OUT_OUTCOMES and details.tenancy:
                case.tenancy_years_at_move_out = age(details.tenancy.move_in_date, closed_on)
            case.closed_on = closed_on
            case.phase = CasePhase.CLOSED
            body = f"Sagen afsluttet {format_short(closed_on)}. Udfald: {outcome.label}."
            s.add(journal_note(case_id, self._desk.adviser_name, body, now))
        return Changes.of(case_id, *_CLOSING_PARTS)

    def reopen(self, case_id: str, *, now: dt.datetime | None = None) -> Changes:
        """Reopen a closed case: closing date and outcome are cleared, the rest of the registration and all
        history stay, and a journal note says when it was closed and with which outcome."""
        today = self._desk.today()
        with self._desk.writing(case_id) as s:
            case = live(s, Case, case_id)
            if case.closed_on is None:
                raise UserInputError("closed_on", "closing.not_closed", "Sagen er ikke afsluttet.")
            outcome = f" med udfaldet »{case.outcome.label}«" if case.outcome else ""
            body = (
                f"Sagen genåbnet {format_short(today)}. Den var afsluttet {format_short(case.closed_on)}"
                f"{outcome}."
            )
            s.add(journal_note(case_id, self._desk.adviser_name, body, now))
            case.closed_on = None
            case.outcome = None
            case.phase = CasePhase.FOLLOW_UP
        return Changes.of(case_id, *_CLOSING_PARTS)
