"""The case's journal (append-only) and its follow-ups.

A journal note is never edited or deleted: a correction is a new note that names the note it corrects;
the old note stays and is shown as corrected. Follow-ups are dates the adviser sets; open ones are shown
under Frister and count as the case's follow-up deadline until marked done.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from boligdesk.errors import UserInputError
from boligdesk.models import Case, FollowUp, JournalNote
from boligdesk.models.base import utcnow
from boligdesk.services.changes import Changes, Created, Part
from boligdesk.services.desk import NotFoundError, live
from boligdesk.services.values import not_far_ahead, text

if TYPE_CHECKING:
    from boligdesk.services.desk import Desk


@dataclass(frozen=True, slots=True)
class JournalNoteRow:
    id: str
    written_at: dt.datetime  # UTC
    author: str
    text: str
    corrects_id: str | None
    corrected_by_id: str | None

    @property
    def is_corrected(self) -> bool:
        return self.corrected_by_id is not None


@dataclass(frozen=True, slots=True)
class FollowUpRow:
    id: str
    due_on: dt.date
    text: str
    done_on: dt.date | None


def journal_rows(session: Session, case_id: str) -> list[JournalNoteRow]:
    """The case's notes, oldest first, each knowing the note that corrects it (if any)."""
    notes = list(
        session.scalars(
            select(JournalNote)
            .where(JournalNote.case_id == case_id, JournalNote.deleted.is_(False))
            .order_by(JournalNote.written_at, JournalNote.created_at)
        )
    )
    corrected_by = {n.corrects_id: n.id for n in notes if n.corrects_id}
    return [
        JournalNoteRow(n.id, n.written_at, n.author, n.text, n.corrects_id, corrected_by.get(n.id))
        for n in notes
    ]


def follow_up_rows(session: Session, case_id: str) -> list[FollowUpRow]:
    return [
        FollowUpRow(f.id, f.due_on, f.text, f.done_on)
        for f in session.scalars(
            select(FollowUp)
            .where(FollowUp.case_id == case_id, FollowUp.deleted.is_(False))
            .order_by(FollowUp.due_on, FollowUp.created_at)
        )
    ]


def next_follow_up(follow_ups: Sequence[FollowUpRow], today: dt.date) -> dt.date | None:
    """The first open follow-up on or after today; if all have passed, the latest passed one."""
    dates = sorted(f.due_on for f in follow_ups if f.done_on is None)
    return next((d for d in dates if d >= today), dates[-1] if dates else None)


def journal_note(case_id: str, author: str, body: str, now: dt.datetime | None = None) -> JournalNote:
    """A new note row (for services that write one as part of another change, e.g. closing)."""
    return JournalNote(case_id=case_id, author=author, text=body, written_at=now or utcnow())


def _follow_up(session: Session, case_id: str, follow_up_id: str) -> FollowUp:
    live(session, Case, case_id)
    row = live(session, FollowUp, follow_up_id)
    if row.case_id != case_id:
        raise NotFoundError(FollowUp)
    return row


#: Follow-ups are deadlines too: they change what the case list and Frister show.
_FOLLOW_UP_PARTS = (Part.JOURNAL, Part.TIMELINE)


class JournalService:
    """``desk.journal``: appending notes and managing follow-ups. Notes cannot be edited or deleted."""

    def __init__(self, desk: Desk) -> None:
        self._desk = desk

    def add_note(
        self, case_id: str, body: str, *, corrects_id: str | None = None, now: dt.datetime | None = None
    ) -> Created:
        """Append a note. A correction names the note it corrects; that note stays, shown as corrected."""
        clean = (body or "").strip()
        if not clean:
            raise UserInputError("text", "journal.empty", "Skriv noten, før du gemmer den.")
        with self._desk.writing(case_id) as s:
            live(s, Case, case_id)
            if corrects_id is not None:
                old = s.get(JournalNote, corrects_id)
                if old is None or old.deleted or old.case_id != case_id:
                    raise UserInputError(
                        "corrects_id", "journal.not_found", "Noten, der skal rettes, findes ikke."
                    )
                already = s.scalar(
                    select(JournalNote.id).where(
                        JournalNote.corrects_id == corrects_id, JournalNote.deleted.is_(False)
                    )
                )
                if already is not None:
                    raise UserInputError(
                        "corrects_id",
                        "journal.already_corrected",
                        "Noten er allerede rettet. Ret den nyeste udgave i stedet.",
                    )
            row = journal_note(case_id, self._desk.adviser_name, clean, now)
            row.corrects_id = corrects_id
            s.add(row)
            s.flush()
            note_id = row.id
        return Created(note_id, Changes.of(case_id, Part.JOURNAL))

    def add_follow_up(self, case_id: str, due_on: dt.date, body: str) -> Created:
        """Set a follow-up on the case (shown under Frister until it is marked done)."""
        today = self._desk.today()
        clean = text(body, "text", 300, "Teksten")
        if not clean:
            raise UserInputError("text", "follow_up.text_missing", "Skriv hvad der skal følges op på.")
        if due_on < today:
            raise UserInputError("due_on", "follow_up.in_past", "Opfølgningsdatoen ligger før i dag.")
        not_far_ahead(due_on, today, "due_on", "Opfølgningsdatoen")
        with self._desk.writing(case_id) as s:
            live(s, Case, case_id)
            row = FollowUp(case_id=case_id, due_on=due_on, text=clean)
            s.add(row)
            s.flush()
            follow_up_id = row.id
        return Created(follow_up_id, Changes.of(case_id, *_FOLLOW_UP_PARTS))

    def set_follow_up_done(self, case_id: str, follow_up_id: str, done: bool) -> Changes:
        """Mark a follow-up done (today) or not done again."""
        with self._desk.writing(case_id) as s:
            _follow_up(s, case_id, follow_up_id).done_on = self._desk.today() if done else None
        return Changes.of(case_id, *_FOLLOW_UP_PARTS)

    def remove_follow_up(self, case_id: str, follow_up_id: str) -> Changes:
        with self._desk.writing(case_id) as s:
            _follow_up(s, case_id, follow_up_id).deleted = True
        return Changes.of(case_id, *_FOLLOW_UP_PARTS)
