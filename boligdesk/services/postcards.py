"""``desk.postcards``: the offer of advice to every new tenant at once, as postcards (004 "Rådgivning til
nye lejere": "sendes tilbuddet til lejeren i postkortform").

:meth:`PostcardService.candidates` lists the open "Ny lejer" cases whose answer to the offer is not
registered (or is "Tilbudt (afventer svar)"); :meth:`PostcardService.make` prints one card per chosen case
from the template :data:`POSTCARD_TEMPLATE` (the organisation's own copy in ``skabeloner`` when there is
one), four to an A4 sheet with cut lines (:mod:`boligdesk.letters.postcard_sheet`).

Each card is recorded on its case like a letter from the batch printer (``GeneratedLetter`` with the card's
own A6 PDF, a print event in the audit log) plus what :func:`~boligdesk.services.postcard_offer.record_offer_sent`
writes, the same as for one card printed from the Breve tab: a journal note "Postkort sendt: …", "Tilbudt
(afventer svar)" for a case whose answer is not registered (the value the statistics count), and a case
still in the phase "Ny" moves to "Kontakt". A case the card cannot be made for is left out with the reason (not a "Ny
lejer" case, closed, no address, a field the case lacks, the text does not fit the card). Without
the adviser's phone, name or the organisation (Brevhoved og afsender) no card is made at all. Everything is written in one
transaction: cancelling or an error leaves nothing behind.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import aliased

from boligdesk.budget.vocabulary import AdviceOfferAnswer, AuditAction, CaseKind
from boligdesk.errors import UserInputError
from boligdesk.letters.context import load_case_facts
from boligdesk.letters.draft import make_draft, missing_labels
from boligdesk.letters.postcard_sheet import (
    PostcardParts,
    PostcardTooLongError,
    check_fits,
    postcard_parts,
    postcards_on_a4,
)
from boligdesk.letters.render import render_letter
from boligdesk.letters.templates import PaperFormat, load_template
from boligdesk.models import Case, GeneratedLetter, Person, Tenancy
from boligdesk.services.changes import Changes, Part
from boligdesk.services.desk import live
from boligdesk.services.letter_batch import BatchSkip
from boligdesk.services.letters import LETTER_ENTITY, _letterhead, _sender, sha256_hex
from boligdesk.services.postcard_offer import (
    OFFER_PARTS,
    POSTCARD_TEMPLATE,
    postcard_refusal,
    record_offer_sent,
)
from boligdesk.services.progress import SILENT, Progress

if TYPE_CHECKING:
    from boligdesk.services.desk import Desk

#: The answers that still wait for the tenant: the cases offered a postcard.
WAITING = (None, AdviceOfferAnswer.OFFERED)
#: Fields that come from the adviser and the letterhead, the same on every card.
SENDER_FIELDS = ("afsender_", "organisation")


@dataclass(frozen=True, slots=True)
class PostcardCandidate:
    """An open "Ny lejer" case without an answer to the offer."""

    case_id: str
    case_number: str
    tenant_name: str
    address: str
    move_in: dt.date | None
    answer: AdviceOfferAnswer | None

    @property
    def already_offered(self) -> bool:
        """A card (or another offer) was registered; the tenant has not answered yet."""
        return self.answer is AdviceOfferAnswer.OFFERED


@dataclass(frozen=True, slots=True)
class PostcardBatch:
    pdf: bytes
    """The cards four to an A4 sheet (landscape), with cut lines."""
    letter_ids: tuple[str, ...]
    case_ids: tuple[str, ...]
    skipped: tuple[BatchSkip, ...]
    sheets: int
    changes: Changes


@dataclass(frozen=True, slots=True)
class _Card:
    case_id: str
    title: str
    template: str
    text: str
    parts: PostcardParts
    pdf: bytes


def _check_sender(missing: tuple[str, ...]) -> None:
    """The card asks the tenant to call the adviser: without the sender's phone (or the name, the
    organisation …) no card is made at all."""
    own = tuple(name for name in missing if name.startswith(SENDER_FIELDS))
    if own:
        raise UserInputError(
            "sender",
            "postcards.sender_missing",
            "Postkortene beder lejeren ringe til dig, men der mangler: "
            + "; ".join(missing_labels(own))
            + ". Udfyld det under Indstillinger → Brevhoved og afsender, og prøv igen.",
            {"fields": list(own)},
        )


class PostcardService:
    """The new tenants' postcards: who gets one, and printing and recording them."""

    def __init__(self, desk: Desk) -> None:
        self._desk = desk

    def candidates(self) -> list[PostcardCandidate]:
        """Open "Ny lejer" cases without a registered answer, or offered and still waiting; oldest move-in
        first, then case number."""
        tenant = aliased(Person)
        stmt = (
            select(Case, tenant, Tenancy)
            .join(tenant, Case.tenant_id == tenant.id)
            .outerjoin(Tenancy, Case.tenancy_id == Tenancy.id)
            .where(
                Case.deleted.is_(False),
                Case.closed_on.is_(None),
                Case.kind == CaseKind.NEW_TENANT,
                (Case.advice_offer_answer.is_(None))
                | (Case.advice_offer_answer == AdviceOfferAnswer.OFFERED),
            )
        )
        rows: list[PostcardCandidate] = []
        with self._desk.reading() as s:
            for case, person, tenancy in s.execute(stmt):
                live_tenancy = tenancy if tenancy is not None and not tenancy.deleted else None
                rows.append(
                    PostcardCandidate(
                        case_id=case.id,
                        case_number=case.number,
                        tenant_name=person.full_name,
                        address=live_tenancy.full_address if live_tenancy is not None else "",
                        move_in=live_tenancy.move_in_date if live_tenancy is not None else None,
                        answer=case.advice_offer_answer,
                    )
                )
        rows.sort(key=lambda r: (r.move_in or dt.date.max, r.case_number))
        return rows

    def not_yet_offered(self) -> list[str]:
        """The candidates no card has gone to yet (no answer registered): what a batch prints by default."""
        return [c.case_id for c in self.candidates() if c.answer is None]

    def make(self, case_ids: list[str], progress: Progress = SILENT) -> PostcardBatch:
        """Make, record and log one card per case; see the module docstring."""
        if not case_ids:
            raise UserInputError("cases", "postcards.empty", "Vælg mindst én ny lejer.")
        loaded = load_template(POSTCARD_TEMPLATE, self._desk.letters.template_folder())
        if loaded.paper is not PaperFormat.A6:
            raise UserInputError(
                "template",
                "postcards.not_a6",
                f"Skabelonen »{POSTCARD_TEMPLATE}« skal have format = A6 for at blive et postkort.",
            )
        unique = list(dict.fromkeys(case_ids))
        today = self._desk.today()
        cards: list[_Card] = []
        skipped: list[BatchSkip] = []
        with self._desk.reading() as s:
            letterhead = _letterhead(s)
            sender = _sender(s, self._desk.adviser_name)
            for done, case_id in enumerate(unique):
                progress.step(done, len(unique) * 2, "Laver postkortene …")
                case = live(s, Case, case_id)
                facts = load_case_facts(s, case, today)
                reason = postcard_refusal(case, facts.address_line, facts.postcode_city)
                if reason is not None:
                    skipped.append(BatchSkip(case_id, facts.case_number, reason))
                    continue
                draft = make_draft(loaded, facts, letterhead, sender)
                _check_sender(draft.missing)
                if draft.missing:
                    lacking = "; ".join(missing_labels(draft.missing))
                    skipped.append(BatchSkip(case_id, facts.case_number, f"sagen mangler: {lacking}"))
                    continue
                parts = postcard_parts(draft, facts, letterhead, sender)
                try:
                    check_fits(parts)
                except PostcardTooLongError:
                    skipped.append(
                        BatchSkip(case_id, facts.case_number, "teksten er for lang til postkortet")
                    )
                    continue
                cards.append(
                    _Card(
                        case_id=case_id,
                        title=(draft.subject.strip() or draft.title)[:200],
                        template=draft.template,
                        text=draft.as_text(),
                        parts=parts,
                        pdf=render_letter(draft, facts, letterhead, sender),
                    )
                )
        if not cards:
            reasons = "; ".join(f"{skip.case_number}: {skip.reason}" for skip in skipped)
            raise UserInputError("cases", "postcards.none", f"Der kunne ikke laves postkort. {reasons}")
        count = "1 postkort" if len(cards) == 1 else f"{len(cards)} postkort"
        sheet = postcards_on_a4(
            [c.parts for c in cards], title=f"{loaded.title} — {count}", author=sender.name or "BoligDesk"
        )
        letter_ids: list[str] = []
        with self._desk.writing() as s:
            for done, card in enumerate(cards):
                progress.step(len(unique) + done, len(unique) * 2, "Gemmer postkortene på sagerne …")
                case = live(s, Case, card.case_id)
                letter = GeneratedLetter(
                    case_id=case.id,
                    template=card.template,
                    title=card.title,
                    made_by=self._desk.adviser_name,
                    sha256=sha256_hex(card.pdf),
                    body_text=card.text,
                    pdf=card.pdf,
                )
                s.add(letter)
                record_offer_sent(s, case, adviser=self._desk.adviser_name, title=loaded.title, batch=True)
                s.flush()
                letter_ids.append(letter.id)
            progress.check()
        for letter_id, card in zip(letter_ids, cards, strict=True):
            self._desk.record(
                AuditAction.PRINT,
                LETTER_ENTITY,
                letter_id,
                case_id=card.case_id,
                detail=f"template={card.template};postcards",
            )
        done_ids = tuple(c.case_id for c in cards)
        changes = Changes.union(Changes.of(c, Part.LETTERS, *OFFER_PARTS) for c in done_ids)
        return PostcardBatch(
            pdf=sheet,
            letter_ids=tuple(letter_ids),
            case_ids=done_ids,
            skipped=tuple(skipped),
            sheets=(len(cards) + 3) // 4,
            changes=changes,
        )
