"""``desk.letter_batch``: the month's letters in one go (step one of the method).

After the termination list is imported, the adviser selects the new cases (or every case in a stage) and
prints one letter per case as a single PDF — each in the wording of its own case's stage — plus an address
list to write the handwritten envelopes from. Every letter is recorded on its case (``GeneratedLetter``, a
print event) and logged as a contact attempt by letter in a handwritten envelope.

A case the template cannot be used on is left out with the reason (no address, a blank in a document for
signature, a stage the template does not fit); the others are made. Everything is written in one
transaction: cancelling (``progress``) or an error leaves no letter and no contact attempt behind.

Storage (docs/decisions.md §14): each letter's own PDF bytes are stored on its case, like a letter printed
alone, so "Åbn" shows exactly what went out; the combined PDF and the address list are not stored.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from boligdesk.budget.vocabulary import AuditAction, CasePhase, ContactChannel, ContactResult
from boligdesk.errors import UserInputError
from boligdesk.letters.batch_pdf import AddressLine, address_list_pdf, letters_in_one_pdf
from boligdesk.letters.context import CaseFacts, load_case_facts
from boligdesk.letters.draft import LetterDraft, make_draft
from boligdesk.letters.render import A4Parts, a4_parts, render_letter
from boligdesk.letters.templates import PaperFormat, load_template
from boligdesk.models import AuditEvent, Case, ContactAttempt, GeneratedLetter
from boligdesk.services.changes import Changes, Part
from boligdesk.services.desk import live
from boligdesk.services.letters import LETTER_ENTITY, _letterhead, _sender, sha256_hex
from boligdesk.services.progress import SILENT, Progress

if TYPE_CHECKING:
    from boligdesk.services.desk import Desk


@dataclass(frozen=True, slots=True)
class BatchSkip:
    """A selected case that got no letter, and why (Danish)."""

    case_id: str
    case_number: str
    reason: str


@dataclass(frozen=True, slots=True)
class LetterBatch:
    pdf: bytes
    """Every letter, one after the other (each starts on a new sheet)."""
    addresses_pdf: bytes
    """The address list for the handwritten envelopes."""
    letter_ids: tuple[str, ...]
    case_ids: tuple[str, ...]
    skipped: tuple[BatchSkip, ...]
    stored_bytes: int
    """What the batch added to the store (the letters' PDFs and texts): what every laptop syncs."""
    changes: Changes


@dataclass(frozen=True, slots=True)
class _Made:
    facts: CaseFacts
    draft: LetterDraft
    parts: A4Parts
    pdf: bytes


def _skip_reason(facts: CaseFacts, draft: LetterDraft) -> str | None:
    if not facts.address_line.strip() or not facts.postcode_city.strip():
        return "sagen har ingen adresse at sende brevet til"
    if not draft.fits_stage:  # the same rule refuses the letter printed alone (LetterDraft.check_ready)
        return f"skabelonen passer ikke til sagens stadie ({facts.stage.label})"
    if draft.for_signature and draft.unfilled():
        return "dokumentet skal underskrives, men mangler: " + "; ".join(draft.unfilled())
    return None


#: The template a batch starts with: the offer of advice (step one of the method).
DEFAULT_TEMPLATE = "tilbud-om-raadgivning"


class LetterBatchService:
    """One template, many cases, one PDF and an address list."""

    def __init__(self, desk: Desk) -> None:
        self._desk = desk

    def newest_imported(self) -> tuple[str, ...]:
        """The open cases the newest termination import made (still in the phase "Ny"), in import order.

        An import run writes one audit event of its own (entity ``termination_list``, its id as
        ``entity_id``) and one "create case" event per case it made, whose detail names that id; so the
        newest import's cases are exactly those, however close in time another import ran.
        """
        from boligdesk.services.import_terminations import IMPORT_ENTITY, import_detail

        with self._desk.reading() as s:
            newest = s.scalars(
                select(AuditEvent.entity_id)
                .where(
                    AuditEvent.action == AuditAction.IMPORT,
                    AuditEvent.entity == IMPORT_ENTITY,
                    AuditEvent.entity_id != "",
                )
                .order_by(AuditEvent.at.desc(), AuditEvent.updated_at.desc())
                .limit(1)
            ).first()
            if newest is None:
                return ()
            made = s.scalars(
                select(AuditEvent.case_id)
                .where(
                    AuditEvent.action == AuditAction.CREATE,
                    AuditEvent.entity == "case",
                    AuditEvent.detail == import_detail(newest),
                )
                .order_by(AuditEvent.at, AuditEvent.updated_at)
            ).all()
            wanted = [case_id for case_id in made if case_id]
            open_new = set(
                s.scalars(
                    select(Case.id).where(
                        Case.id.in_(wanted),
                        Case.deleted.is_(False),
                        Case.closed_on.is_(None),
                        Case.phase == CasePhase.NEW,
                    )
                ).all()
            )
        return tuple(case_id for case_id in dict.fromkeys(wanted) if case_id in open_new)

    def make(self, case_ids: list[str], template: str, progress: Progress = SILENT) -> LetterBatch:
        """Make, record and log one letter per case; see the module docstring."""
        if not case_ids:
            raise UserInputError("cases", "letters.batch_empty", "Vælg mindst én sag.")
        loaded = load_template(template, self._desk.letters.template_folder())
        if loaded.paper is not PaperFormat.A4:
            raise UserInputError(
                "template",
                "letters.batch_not_a4",
                f"»{loaded.title}« er et postkort; en samlet udskrift laves kun med A4-breve.",
            )
        unique = list(dict.fromkeys(case_ids))
        today = self._desk.today()
        made: list[_Made] = []
        skipped: list[BatchSkip] = []
        with self._desk.reading() as s:
            letterhead = _letterhead(s)
            sender = _sender(s, self._desk.adviser_name)
            for done, case_id in enumerate(unique):
                progress.step(done, len(unique) * 2, "Laver brevene …")
                facts = load_case_facts(s, live(s, Case, case_id), today)
                draft = make_draft(loaded, facts, letterhead, sender)
                reason = _skip_reason(facts, draft) or (
                    self._desk.consent.problem(case_id, loaded.shares_with, "Brevet") or None
                )
                if reason is not None:
                    skipped.append(BatchSkip(case_id, facts.case_number, reason))
                    continue
                parts = a4_parts(draft, facts, letterhead, sender)
                made.append(_Made(facts, draft, parts, render_letter(draft, facts, letterhead, sender)))
        if not made:
            reasons = "; ".join(f"{skip.case_number}: {skip.reason}" for skip in skipped)
            raise UserInputError("cases", "letters.batch_none", f"Der kunne ikke laves breve. {reasons}")
        title = f"{loaded.title} — {len(made)} breve"
        combined = letters_in_one_pdf([m.parts for m in made], title=title)
        addresses = address_list_pdf(
            [
                AddressLine(
                    m.facts.case_number, m.facts.tenant_name, m.facts.address_line, m.facts.postcode_city
                )
                for m in made
            ],
            title=f"Adresser til kuverterne — {loaded.title}",
            organisation=letterhead.organisation,
        )
        letter_ids: list[str] = []
        stored = 0
        clock = dt.datetime.now().replace(microsecond=0)
        now = clock if clock.date() == today else dt.datetime.combine(today, dt.time(9, 0))
        with self._desk.writing() as s:
            for done, m in enumerate(made):
                progress.step(len(unique) + done, len(unique) * 2, "Gemmer brevene på sagerne …")
                case = live(s, Case, m.facts.case_id)
                text = m.draft.as_text()
                title_text = (m.draft.subject.strip() or m.draft.title)[:200]
                letter = GeneratedLetter(
                    case_id=case.id,
                    template=m.draft.template,
                    title=title_text,
                    made_by=self._desk.adviser_name,
                    sha256=sha256_hex(m.pdf),
                    body_text=text,
                    pdf=m.pdf,
                )
                s.add(letter)
                s.add(
                    ContactAttempt(
                        case_id=case.id,
                        at=now,
                        channel=ContactChannel.LETTER_HANDWRITTEN,
                        result=ContactResult.SENT,
                        note=f"Brev: {m.draft.title} (samlet udskrift)",
                        by=self._desk.adviser_name,
                    )
                )
                if case.closed_on is None and case.phase is CasePhase.NEW:
                    case.phase = CasePhase.CONTACT
                s.flush()
                letter_ids.append(letter.id)
                stored += len(m.pdf) + len(text.encode())
            progress.check()
        for letter_id, m in zip(letter_ids, made, strict=True):
            self._desk.record(
                AuditAction.PRINT,
                LETTER_ENTITY,
                letter_id,
                case_id=m.facts.case_id,
                detail=f"template={m.draft.template};batch",
            )
        done_ids = tuple(m.facts.case_id for m in made)
        changes = Changes.union(Changes.of(c, Part.LETTERS, Part.CONTACT, Part.CASE) for c in done_ids)
        return LetterBatch(
            pdf=combined,
            addresses_pdf=addresses,
            letter_ids=tuple(letter_ids),
            case_ids=done_ids,
            skipped=tuple(skipped),
            stored_bytes=stored,
            changes=changes,
        )
