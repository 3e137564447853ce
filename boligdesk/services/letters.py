"""Letters on a case: fill a template, preview, generate and record, list and reopen; the letterhead.

* :func:`prepare_letter` fills a template from the case → a :class:`LetterDraft` the adviser may edit.
* :func:`preview_pdf` renders a draft without recording anything (the preview in the Breve tab).
* :func:`generate_letter` renders and **records** the letter on the case as a ``GeneratedLetter``
  (template, title, who, when, SHA-256, the text and the PDF itself — the store is encrypted) and writes
  an audit event (print or export). The same draft on the same day gives the same bytes.
* :func:`list_letters` / :func:`open_letter` show and reopen earlier letters (the stored bytes, checked
  against their hash).
* The letterhead is the ``Setting`` ``letterhead``; the sender is the adviser's own ``Adviser`` row.
* Templates: bundled ones, overridden by files in ``<profilmappe>/skabeloner`` (see
  :mod:`boligdesk.letters.templates`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from boligdesk.budget.vocabulary import AuditAction
from boligdesk.errors import StoreError, UserInputError
from boligdesk.letters.agreement import AGREEMENT_TEMPLATE, check_plan
from boligdesk.letters.context import CaseFacts, load_case_facts
from boligdesk.letters.draft import LetterDraft, make_draft
from boligdesk.letters.letterhead import SETTING_KEY, Letterhead, Sender
from boligdesk.letters.render import render_letter
from boligdesk.letters.templates import TemplateInfo, list_templates, load_template, override_dir
from boligdesk.models import Adviser, Case, GeneratedLetter, Setting
from boligdesk.models.store import Store
from boligdesk.services import audit


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
    letter_id: str
    title: str
    sha256: str
    pdf: bytes


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- templates ------------------------------------------------------------------------------------
def template_folder(store: Store) -> Path:
    """Where the organisation's own templates go: ``<profilmappe>/skabeloner``."""
    return override_dir(store.profile.folder)


def available_templates(store: Store) -> list[TemplateInfo]:
    return list_templates(template_folder(store))


# --- letterhead and sender --------------------------------------------------------------------------
def _setting(session: Session, key: str) -> Setting | None:
    return session.scalars(select(Setting).where(Setting.key == key, Setting.deleted.is_(False))).first()


def setting_id(key: str) -> str:
    """A fixed UUID per setting key (UUID5), identical on every laptop."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"boligdesk:setting:{key}"))


def _letterhead(session: Session) -> Letterhead:
    row = _setting(session, SETTING_KEY)
    return Letterhead.from_json(row.value if row is not None else None)


def get_letterhead(store: Store) -> Letterhead:
    with store.session() as s:
        return _letterhead(s)


def set_letterhead(store: Store, letterhead: Letterhead, *, actor: str = "") -> None:
    """Save the organisation's letterhead (one setting for the whole team)."""
    if not letterhead.organisation.strip():
        raise UserInputError(
            "organisation",
            "letters.organisation_missing",
            "Skriv organisationens navn; det står øverst i brevene.",
        )
    with store.session() as s:
        row = _setting(s, SETTING_KEY)
        if row is None:
            # The same id on every laptop, so two laptops that each set the letterhead before their first
            # sync merge into one row (by UUID, newest field wins) instead of clashing on the unique key.
            row = Setting(id=setting_id(SETTING_KEY), key=SETTING_KEY)
            s.add(row)
        row.value = letterhead.to_json()
        s.flush()
        audit.record(
            s,
            AuditAction.UPDATE,
            entity="setting",
            entity_id=row.id,
            actor=actor,
            device=store.device_id,
            detail=SETTING_KEY,
        )


def _adviser(session: Session, name: str) -> Adviser | None:
    return session.scalars(select(Adviser).where(Adviser.name == name, Adviser.deleted.is_(False))).first()


def _sender(session: Session, adviser_name: str) -> Sender:
    adviser = _adviser(session, adviser_name) if adviser_name else None
    if adviser is None:
        return Sender(name=adviser_name, title="Socialrådgiver" if adviser_name else "")
    return Sender(name=adviser.name, title=adviser.title, phone=adviser.phone, email=adviser.email)


def get_sender(store: Store, adviser_name: str) -> Sender:
    """The adviser's own sender details (name, title, phone, e-mail) for letters."""
    with store.session() as s:
        return _sender(s, adviser_name)


def set_sender(store: Store, adviser_name: str, sender: Sender, *, actor: str = "") -> None:
    """Save the adviser's title, phone and e-mail (the name is the adviser's login name)."""
    if not adviser_name.strip():
        raise UserInputError("name", "letters.sender_missing", "Der er ingen rådgiver logget ind.")
    with store.session() as s:
        adviser = _adviser(s, adviser_name)
        if adviser is None:
            initials = "".join(part[0] for part in adviser_name.split() if part)[:4].upper()
            adviser = Adviser(name=adviser_name, initials=initials)
            s.add(adviser)
        adviser.title = sender.title.strip()
        adviser.phone = sender.phone.strip()
        adviser.email = sender.email.strip()
        s.flush()
        audit.record(
            s,
            AuditAction.UPDATE,
            entity="adviser",
            entity_id=adviser.id,
            actor=actor or adviser_name,
            device=store.device_id,
        )


# --- cases -----------------------------------------------------------------------------------------
def case_id_for_number(store: Store, number: str) -> str:
    """The id of the case with ``number`` (e.g. ``2026-0012``), or a Danish error."""
    with store.session() as s:
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


def case_adviser_name(store: Store, case_id: str) -> str:
    """The name of the adviser responsible for the case ("" when none is set)."""
    with store.session() as s:
        case = s.get(Case, case_id)
        adviser = case.adviser if case is not None else None
        return adviser.name if adviser is not None and not adviser.deleted else ""


def _inputs(store: Store, case_id: str, actor: str, today: dt.date) -> tuple[CaseFacts, Letterhead, Sender]:
    with store.session() as s:
        return load_case_facts(s, case_id, today), _letterhead(s), _sender(s, actor)


# --- drafts, previews and generated letters ------------------------------------------------------------
def prepare_letter(store: Store, case_id: str, template: str, *, actor: str, today: dt.date) -> LetterDraft:
    """The template filled from the case, ready to edit. The afdragsaftale needs a correct plan."""
    facts, letterhead, sender = _inputs(store, case_id, actor, today)
    loaded = load_template(template, template_folder(store))
    if loaded.name == AGREEMENT_TEMPLATE:
        check_plan(facts)
    return make_draft(loaded, facts, letterhead, sender)


def preview_pdf(store: Store, case_id: str, draft: LetterDraft, *, actor: str, today: dt.date) -> bytes:
    """The draft as PDF, recording nothing (what the preview shows is what will be printed)."""
    facts, letterhead, sender = _inputs(store, case_id, actor, today)
    if draft.template == AGREEMENT_TEMPLATE:
        check_plan(facts)
    return render_letter(draft, facts, letterhead, sender)


def record_letter(
    store: Store,
    case_id: str,
    draft: LetterDraft,
    pdf: bytes,
    *,
    actor: str,
    action: AuditAction = AuditAction.PRINT,
) -> GeneratedPdf:
    """Record a letter that was printed or saved: what, when, by whom, its hash, text and bytes."""
    digest = sha256_hex(pdf)
    title = draft.subject.strip() or draft.title
    with store.session() as s:
        letter = GeneratedLetter(
            case_id=case_id,
            template=draft.template,
            title=title[:200],
            made_by=actor,
            sha256=digest,
            body_text=draft.as_text(),
            pdf=pdf,
        )
        s.add(letter)
        s.flush()
        audit.record(
            s,
            action,
            entity="letter",
            entity_id=letter.id,
            case_id=case_id,
            actor=actor,
            device=store.device_id,
            detail=f"template={draft.template}",
        )
        letter_id = letter.id
    return GeneratedPdf(letter_id=letter_id, title=title, sha256=digest, pdf=pdf)


def generate_letter(
    store: Store,
    case_id: str,
    template: str,
    *,
    actor: str,
    today: dt.date,
    draft: LetterDraft | None = None,
    action: AuditAction = AuditAction.PRINT,
) -> GeneratedPdf:
    """Render the letter (the adviser's edited ``draft``, else the template filled from the case) and
    record it on the case with its hash; audit ``action`` (print, or export for "save as PDF")."""
    if draft is not None and draft.template != template:
        raise ValueError(f"draft is for {draft.template!r}, not {template!r}")
    facts, letterhead, sender = _inputs(store, case_id, actor, today)
    if draft is None:
        draft = make_draft(load_template(template, template_folder(store)), facts, letterhead, sender)
    if draft.template == AGREEMENT_TEMPLATE:
        check_plan(facts)
    pdf = render_letter(draft, facts, letterhead, sender)
    return record_letter(store, case_id, draft, pdf, actor=actor, action=action)


def list_letters(store: Store, case_id: str) -> list[LetterRow]:
    """The letters generated on the case, newest first."""
    with store.session() as s:
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


def open_letter(store: Store, letter_id: str, *, actor: str, action: AuditAction = AuditAction.OPEN) -> bytes:
    """The stored PDF of an earlier letter, exactly as it was printed (checked against its SHA-256)."""
    with store.session() as s:
        letter = s.get(GeneratedLetter, letter_id)
        if letter is None or letter.deleted or letter.pdf is None:
            raise UserInputError("letter", "letters.letter_unknown", "Brevet findes ikke (længere) på sagen.")
        pdf = bytes(letter.pdf)
        if sha256_hex(pdf) != letter.sha256:
            raise StoreError(
                "letter_damaged",
                "Det gemte brev svarer ikke til sin kontrolsum og kan være beskadiget. Lav brevet igen.",
            )
        audit.record(
            s,
            action,
            entity="letter",
            entity_id=letter.id,
            case_id=letter.case_id,
            actor=actor,
            device=store.device_id,
            detail=f"template={letter.template}",
        )
    return pdf


def note_letter_reused(store: Store, letter_id: str, *, actor: str, action: AuditAction) -> None:
    """Audit that an earlier letter was printed or saved again (no new letter is recorded)."""
    with store.session() as s:
        letter = s.get(GeneratedLetter, letter_id)
        if letter is None:
            return
        audit.record(
            s,
            action,
            entity="letter",
            entity_id=letter.id,
            case_id=letter.case_id,
            actor=actor,
            device=store.device_id,
            detail=f"template={letter.template};again",
        )
