"""Contact attempts: each try to reach the tenant, and the automatic phase changes they bring.

The first attempt moves a *new* case to *contact attempts*; an attempt that reaches the tenant moves a
case that is *new* or in *contact attempts* on to *advice* (so the list shows where a case stands without
extra clicks). An attempt logged by mistake is removed as a tombstone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from boligdesk.budget.contact_process import is_reached
from boligdesk.budget.vocabulary import CasePhase, ContactChannel, ContactResult
from boligdesk.errors import UserInputError
from boligdesk.models import Case, ContactAttempt
from boligdesk.services.changes import Changes, Created, Part
from boligdesk.services.desk import NotFoundError, live
from boligdesk.services.values import not_ancient, text

if TYPE_CHECKING:
    from boligdesk.services.desk import Desk


@dataclass(frozen=True, slots=True)
class ContactAttemptRow:
    id: str
    at: dt.datetime
    channel: ContactChannel
    result: ContactResult
    note: str
    by: str

    @property
    def reached(self) -> bool:
        return is_reached(self.result)


@dataclass(frozen=True, slots=True)
class NewContactAttempt:
    at: dt.datetime
    channel: ContactChannel
    result: ContactResult
    note: str = ""


_ANY_WRITTEN = (
    ContactResult.SENT,
    ContactResult.REACHED,
    ContactResult.MEETING_AGREED,
    ContactResult.DECLINED,
)
ALLOWED_RESULTS: dict[ContactChannel, tuple[ContactResult, ...]] = {
    ContactChannel.PHONE: (
        ContactResult.NO_ANSWER,
        ContactResult.MESSAGE_LEFT,
        ContactResult.SOLVED_ON_PHONE,
        ContactResult.PHONE_ADVICE_FOLLOW_UP,
        ContactResult.MEETING_AGREED,
        ContactResult.REACHED,
        ContactResult.DECLINED,
        ContactResult.WRONG_NUMBER,
    ),
    ContactChannel.VOICEMAIL: (ContactResult.MESSAGE_LEFT, ContactResult.WRONG_NUMBER),
    ContactChannel.SMS: (*_ANY_WRITTEN, ContactResult.WRONG_NUMBER),
    ContactChannel.EMAIL: (*_ANY_WRITTEN, ContactResult.MAIL_ADVICE, ContactResult.WRONG_NUMBER),
    ContactChannel.LETTER_HANDWRITTEN: (*_ANY_WRITTEN, ContactResult.WRONG_NUMBER),
    ContactChannel.VISIT_AT_DOOR: (
        ContactResult.NO_ANSWER,
        ContactResult.CANCELLED,
        ContactResult.NO_SHOW,
        ContactResult.REACHED,
        ContactResult.MEETING_AGREED,
        ContactResult.DECLINED,
        ContactResult.WRONG_NUMBER,
    ),
    ContactChannel.LETTER_MAIL_SLOT: (ContactResult.SENT,),
    ContactChannel.MEETING: (
        ContactResult.REACHED,
        ContactResult.MEETING_AGREED,
        ContactResult.NO_ANSWER,
        ContactResult.DECLINED,
        ContactResult.CANCELLED,
        ContactResult.NO_SHOW,
    ),
    ContactChannel.VIA_CARETAKER: (
        ContactResult.MESSAGE_LEFT,
        ContactResult.REACHED,
        ContactResult.MEETING_AGREED,
        ContactResult.DECLINED,
    ),
}


class ContactService:
    """``desk.contact``: logging and removing contact attempts."""

    def __init__(self, desk: Desk) -> None:
        self._desk = desk

    def log(self, case_id: str, attempt: NewContactAttempt) -> Created:
        """Log one try to reach the tenant, by the adviser. Moves a new case on (see the module)."""
        if attempt.at.date() > self._desk.today():
            raise UserInputError("at", "contact.in_future", "Et kontaktforsøg kan ikke ligge i fremtiden.")
        not_ancient(attempt.at.date(), "at", "Kontaktforsøget", 2000)
        if attempt.result not in ALLOWED_RESULTS[attempt.channel]:
            raise UserInputError(
                "result",
                "contact.result_mismatch",
                f"Resultatet »{attempt.result.label}« passer ikke til »{attempt.channel.label}«. "
                "Vælg et andet.",
            )
        note = text(attempt.note, "note", 2000, "Bemærkningen")
        changes = Changes.of(case_id, Part.CONTACT)
        with self._desk.writing(case_id) as s:
            case = live(s, Case, case_id)
            row = ContactAttempt(
                case_id=case.id,
                at=attempt.at,
                channel=attempt.channel,
                result=attempt.result,
                note=note,
                by=self._desk.adviser_name,
            )
            s.add(row)
            if case.closed_on is None:
                if is_reached(attempt.result) and case.phase in (CasePhase.NEW, CasePhase.CONTACT):
                    case.phase = CasePhase.ADVICE
                    changes = changes | Changes.of(case_id, Part.CASE)
                elif case.phase is CasePhase.NEW:
                    case.phase = CasePhase.CONTACT
                    changes = changes | Changes.of(case_id, Part.CASE)
            s.flush()
            attempt_id = row.id
        return Created(attempt_id, changes)

    def remove(self, case_id: str, attempt_id: str) -> Changes:
        """Remove an attempt logged by mistake (a tombstone)."""
        with self._desk.writing(case_id) as s:
            live(s, Case, case_id)
            row = live(s, ContactAttempt, attempt_id)
            if row.case_id != case_id:
                raise NotFoundError(ContactAttempt)
            row.deleted = True
        return Changes.of(case_id, Part.CONTACT)
