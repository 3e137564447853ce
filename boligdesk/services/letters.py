"""``desk.letters``: letters on a case — fill a template, preview, make and record, list and reopen; the
letterhead and the advisers' sender details.

* :meth:`LetterService.draft` fills a template from the case → a :class:`LetterDraft` the adviser may edit.
* :meth:`LetterService.preview` renders a draft without recording anything (the preview in the Breve tab).
* :meth:`LetterService.record` / :meth:`LetterService.make` record the letter on the case as a
  ``GeneratedLetter`` (template, title, who, when, SHA-256, the text and the PDF itself — the store is
  encrypted) plus a print or export event. The same draft on the same day gives the same bytes.
* :meth:`LetterService.letters` / :meth:`LetterService.open` show and reopen earlier letters (the stored
  bytes, checked against their hash).
* The letterhead is the ``Setting`` ``letterhead``; the sender is the adviser's own ``Adviser`` row.
* Templates: bundled ones, overridden by files in ``<profilmappe>/skabeloner`` (see
  :mod:`boligdesk.letters.templates`).

The create/update audit rows are written by the store's flush hook (``Desk.writing``); the events that are
not row changes (printed, exported, opened, printed again) are recorded with ``template=…`` in their detail.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from boligdesk.budget.vocabulary import AuditAction
from boligdesk.errors import StoreError, UserInputError
from boligdesk.letters.agreement import AGREEMENT_TEMPLATE, check_agreement
from boligdesk.letters.context import CaseFacts, load_case_facts
from boligdesk.letters.draft import LetterDraft, make_draft, typed_values
from boligdesk.letters.letterhead import SETTING_KEY, Letterhead, Sender
from boligdesk.letters.render import render_letter
from boligdesk.letters.templates import TemplateInfo, list_templates, load_template, override_dir
from boligdesk.models import Adviser, Case, GeneratedLetter, Setting
from boligdesk.services.advisers import ensure_adviser
from boligdesk.services.changes import Changes, Part
from boligdesk.services.desk import NotFoundError, live
from boligdesk.services.postcard_offer import (
    OFFER_PARTS,
    POSTCARD_TEMPLATE,
    postcard_refusal,
    record_offer_sent,
)

if TYPE_CHECKING:
    from boligdesk.services.desk import Desk

#: The entity name of the explicit letter events (printed, exported, opened) in the audit log.
LETTER_ENTITY = "letter"


@dataclass(frozen=True, slots=True)
class LetterRow:
    """One generated letter in the case's list (newest first)."""

    id: str
    template: str
    title: str
    made_at: dt.datetime
    """UTC, as stored."""
    made_by: str
    sha256: str
    size: int


@dataclass(frozen=True, slots=True)
class GeneratedPdf:
    """A letter recorded on its case; ``changes`` is what the recording changed (the case's letters)."""

    letter_id: str
    title: str
    sha256: str
    pdf: bytes
    changes: Changes


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def setting_id(key: str) -> str:
    """A fixed UUID per setting key (UUID5), identical on every laptop."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"boligdesk:setting:{key}"))


def _setting(session: Session, key: str) -> Setting | None:
    return session.scalars(select(Setting).where(Setting.key == key, Setting.deleted.is_(False))).first()


def _letterhead(session: Session) -> Letterhead:
    row = _setting(session, SETTING_KEY)
    return Letterhead.from_json(row.value if row is not None else None)


def _adviser(session: Session, name: str) -> Adviser | None:
    return session.scalars(select(Adviser).where(Adviser.name == name, Adviser.deleted.is_(False))).first()


def _sender(session: Session, adviser_name: str) -> Sender:
    adviser = _adviser(session, adviser_name) if adviser_name else None
    if adviser is None:
        return Sender(name=adviser_name, title="Socialrådgiver" if adviser_name else "")
    return Sender(name=adviser.name, title=adviser.title, phone=adviser.phone, email=adviser.email)


class LetterService:
    """``desk.letters``: templates, drafts, generated letters, letterhead and senders."""

    def __init__(self, desk: Desk) -> None:
        self._desk = desk

    # --- templates --------------------------------------------------------------------------------
    def template_folder(self) -> Path:
        """Where the organisation's own templates go: ``<profilmappe>/skabeloner``."""
        return override_dir(self._desk.profile_folder)

    def templates(self) -> list[TemplateInfo]:
        """The bundled templates, with the organisation's own files in their place where there are any."""
        return list_templates(self.template_folder())

    # --- letterhead and sender ----------------------------------------------------------------------
    def letterhead(self) -> Letterhead:
        with self._desk.reading() as s:
            return _letterhead(s)

    def set_letterhead(self, letterhead: Letterhead) -> Changes:
        """Save the organisation's letterhead (one setting for the whole team)."""
        if not letterhead.organisation.strip():
            raise UserInputError(
                "organisation",
                "letters.organisation_missing",
                "Skriv organisationens navn; det står øverst i brevene.",
            )
        with self._desk.writing() as s:
            row = _setting(s, SETTING_KEY)
            if row is None:
                # The same id on every laptop, so two laptops that each set the letterhead before their
                # first sync merge into one row (by UUID, newest field wins) instead of clashing on the key.
                row = Setting(id=setting_id(SETTING_KEY), key=SETTING_KEY)
                s.add(row)
            row.value = letterhead.to_json()
        return Changes.of(None, Part.SETTINGS)

    def sender(self, adviser_name: str | None = None) -> Sender:
        """The sender details (name, title, phone, e-mail) of ``adviser_name`` (default: who works)."""
        name = self._desk.adviser_name if adviser_name is None else adviser_name
        with self._desk.reading() as s:
            return _sender(s, name)

    def set_sender(self, sender: Sender) -> Changes:
        """Save the working adviser's title, phone and e-mail (the name is the adviser's login name)."""
        name = self._desk.adviser_name
        if not name.strip():
            raise UserInputError("name", "letters.sender_missing", "Der er ingen rådgiver logget ind.")
        with self._desk.writing() as s:
            adviser = s.get(Adviser, ensure_adviser(s, name))
            assert adviser is not None
            adviser.title = sender.title.strip()
            adviser.phone = sender.phone.strip()
            adviser.email = sender.email.strip()
        return Changes.of(None, Part.SETTINGS)

    # --- cases --------------------------------------------------------------------------------------
    def case_id_for_number(self, number: str) -> str:
        """The id of the case with ``number`` (e.g. ``2026-0012``), or a Danish error."""
        with self._desk.reading() as s:
            case_id = s.scalars(
                select(Case.id).where(Case.number == number.strip(), Case.deleted.is_(False))
            ).first()
        if case_id is None:
            raise UserInputError(
                "case",
                "letters.case_number_unknown",
                f"Der er ingen sag med nummer {number}. Tjek sagsnummeret, fx 2026-0012.",
            )
        return case_id

    def case_adviser_name(self, case_id: str) -> str:
        """The name of the adviser responsible for the case ("" when none is set)."""
        with self._desk.reading() as s:
            adviser = live(s, Case, case_id).adviser
            return adviser.name if adviser is not None and not adviser.deleted else ""

    def facts(self, case_id: str) -> CaseFacts:
        """Everything a letter may know about the case today."""
        with self._desk.reading() as s:
            return load_case_facts(s, live(s, Case, case_id), self._desk.today())

    def _inputs(self, case_id: str) -> tuple[CaseFacts, Letterhead, Sender]:
        with self._desk.reading() as s:
            facts = load_case_facts(s, live(s, Case, case_id), self._desk.today())
            return facts, _letterhead(s), _sender(s, self._desk.adviser_name)

    # --- drafts, previews and generated letters -------------------------------------------------------
    def draft(self, case_id: str, template: str, typed: Mapping[str, str] | None = None) -> LetterDraft:
        """The template filled from the case, ready to edit. The afdragsaftale needs a correct plan.

        ``typed``: values for the template's blanks the case cannot fill (``--felt kommune=Albertslund``),
        checked by :func:`~boligdesk.letters.draft.typed_values`.
        """
        facts, letterhead, sender = self._inputs(case_id)
        loaded = load_template(template, self.template_folder())
        if loaded.name == AGREEMENT_TEMPLATE:
            check_agreement(facts)
        values = typed_values(loaded, facts, letterhead, sender, typed) if typed else None
        return make_draft(loaded, facts, letterhead, sender, values)

    def preview(self, case_id: str, draft: LetterDraft) -> bytes:
        """The draft as PDF, recording nothing (what the preview shows is what will be printed)."""
        facts, letterhead, sender = self._inputs(case_id)
        if draft.template == AGREEMENT_TEMPLATE:
            check_agreement(facts)
        return render_letter(draft, facts, letterhead, sender)

    def consent_problem(self, case_id: str, template: str) -> str:
        """What consent is missing before a letter from ``template`` may leave (``""``: none missing).

        A template that shares the tenant's data with someone else says so with ``deles_med``."""
        loaded = load_template(template, self.template_folder())
        return self._desk.consent.problem(case_id, loaded.shares_with, f"»{loaded.title}«")

    def check_consent(self, case_id: str, template: str) -> None:
        """Refuse (``consent.missing``) a letter to someone other than the tenant without their consent."""
        message = self.consent_problem(case_id, template)
        if message:
            raise UserInputError("consent", "consent.missing", message)

    def check_ready(self, draft: LetterDraft) -> None:
        """Refuse a letter written for another stage of the case, and a document for signature with a
        blank left in it (the preview may still show both, with the reason)."""
        draft.check_ready()

    def check_postcard(self, case_id: str, template: str) -> None:
        """Refuse the new tenant's postcard for a case the batch would leave out (``postcard_refusal``)."""
        if template != POSTCARD_TEMPLATE:
            return
        with self._desk.reading() as s:
            case = live(s, Case, case_id)
            facts = load_case_facts(s, case, self._desk.today())
            reason = postcard_refusal(case, facts.address_line, facts.postcode_city)
        if reason is not None:
            raise UserInputError(
                "template", "postcards.not_for_case", f"Postkortet kan ikke sendes: {reason}."
            )

    def record(
        self, case_id: str, draft: LetterDraft, pdf: bytes, *, action: AuditAction = AuditAction.PRINT
    ) -> GeneratedPdf:
        """Record a letter that was printed or saved: what, when, by whom, its hash, text and bytes."""
        draft.check_ready()
        self.check_consent(case_id, draft.template)
        self.check_postcard(case_id, draft.template)
        digest = sha256_hex(pdf)
        title = draft.subject.strip() or draft.title
        postcard = draft.template == POSTCARD_TEMPLATE
        with self._desk.writing(case_id) as s:
            case = live(s, Case, case_id)
            letter = GeneratedLetter(
                case_id=case_id,
                template=draft.template,
                title=title[:200],
                made_by=self._desk.adviser_name,
                sha256=digest,
                body_text=draft.as_text(),
                pdf=pdf,
            )
            s.add(letter)
            if postcard:  # the same as a card from the batch: journal note, »Tilbudt«, Ny → Kontakt
                record_offer_sent(s, case, adviser=self._desk.adviser_name, title=title, batch=False)
            s.flush()
            letter_id = letter.id
        self._desk.record(
            action, LETTER_ENTITY, letter_id, case_id=case_id, detail=f"template={draft.template}"
        )
        parts = (Part.LETTERS, *OFFER_PARTS) if postcard else (Part.LETTERS,)
        return GeneratedPdf(letter_id, title, digest, pdf, Changes.of(case_id, *parts))

    def make(
        self,
        case_id: str,
        template: str,
        *,
        draft: LetterDraft | None = None,
        action: AuditAction = AuditAction.PRINT,
    ) -> GeneratedPdf:
        """Render the letter (the adviser's edited ``draft``, else the template filled from the case) and
        record it on the case with its hash; ``action`` is print, or export for "save as PDF"."""
        if draft is not None and draft.template != template:
            raise ValueError(f"draft is for {draft.template!r}, not {template!r}")
        facts, letterhead, sender = self._inputs(case_id)
        if draft is None:
            draft = make_draft(load_template(template, self.template_folder()), facts, letterhead, sender)
        if draft.template == AGREEMENT_TEMPLATE:
            check_agreement(facts)
        draft.check_ready()
        self.check_consent(case_id, template)
        pdf = render_letter(draft, facts, letterhead, sender)
        return self.record(case_id, draft, pdf, action=action)

    def letters(self, case_id: str) -> list[LetterRow]:
        """The letters generated on the case, newest first."""
        with self._desk.reading() as s:
            rows = s.execute(
                select(
                    GeneratedLetter.id,
                    GeneratedLetter.template,
                    GeneratedLetter.title,
                    GeneratedLetter.made_at,
                    GeneratedLetter.made_by,
                    GeneratedLetter.sha256,
                    GeneratedLetter.pdf,
                )
                .where(GeneratedLetter.case_id == case_id, GeneratedLetter.deleted.is_(False))
                .order_by(GeneratedLetter.made_at.desc(), GeneratedLetter.created_at.desc())
            ).all()
        return [
            LetterRow(
                id=r.id,
                template=r.template,
                title=r.title,
                made_at=r.made_at,
                made_by=r.made_by,
                sha256=r.sha256,
                size=len(r.pdf or b""),
            )
            for r in rows
        ]

    def open(self, letter_id: str, *, action: AuditAction = AuditAction.OPEN) -> bytes:
        """The stored PDF of an earlier letter, exactly as it was printed (checked against its SHA-256)."""
        with self._desk.reading() as s:
            letter = live(s, GeneratedLetter, letter_id)
            if letter.pdf is None:
                raise NotFoundError(GeneratedLetter)
            pdf, digest = bytes(letter.pdf), letter.sha256
            case_id, template = letter.case_id, letter.template
        if sha256_hex(pdf) != digest:
            raise StoreError(
                "letter_damaged",
                "Det gemte brev svarer ikke til sin kontrolsum og kan være beskadiget. Lav brevet igen.",
            )
        self._desk.record(action, LETTER_ENTITY, letter_id, case_id=case_id, detail=f"template={template}")
        return pdf

    def note_reused(self, letter_id: str, *, action: AuditAction) -> None:
        """Audit that an earlier letter was printed or saved again (no new letter is recorded)."""
        with self._desk.reading() as s:
            letter = s.get(GeneratedLetter, letter_id)
            if letter is None:
                return
            case_id, template = letter.case_id, letter.template
        self._desk.record(
            action, LETTER_ENTITY, letter_id, case_id=case_id, detail=f"template={template};again"
        )
