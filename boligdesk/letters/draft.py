"""A letter before it is printed: the template's texts with the case's values filled in, editable."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from boligdesk.budget.calendar import format_long, parse_date
from boligdesk.budget.money import parse_money
from boligdesk.errors import UserInputError
from boligdesk.letters.body import blocks_used
from boligdesk.letters.context import CaseFacts, letter_fields
from boligdesk.letters.fields import BLOCK_NEEDS, DATE_FIELDS, FIELDS, MISSING, MONEY_FIELDS, TYPED_FIELDS
from boligdesk.letters.letterhead import Letterhead, Sender
from boligdesk.letters.stage import stage_mismatch
from boligdesk.letters.templates import LetterTemplate, PaperFormat, fill


@dataclass(frozen=True, slots=True)
class LetterDraft:
    """What the adviser sees and may edit before printing.

    ``recipient`` is None for a letter without an address field (the afdragsaftale). ``missing`` names the
    fields and blocks the case did not have; they print as ``________`` (or a note) until filled in.
    """

    template: str
    title: str
    paper: PaperFormat
    subject: str
    recipient: str | None
    body: str
    missing: tuple[str, ...] = ()
    for_signature: bool = False
    """Signed by the tenant (and landlord): it is not printed or saved while anything is unfilled."""
    stage_note: str | None = None
    """A warning when the template's wording does not fit the case's stage (see letters/stage.py)."""

    def blanks(self) -> int:
        """How many ``________`` the text (as edited) still holds."""
        return sum(part.count(MISSING) for part in (self.recipient or "", self.subject, self.body))

    def unfilled(self) -> list[str]:
        """What is still missing in the letter as it stands now, in Danish (empty: nothing)."""
        labels = dict(zip(self.missing, missing_labels(self.missing), strict=True))
        needs = set(BLOCK_NEEDS.values())
        lacking = [labels[name] for name in self.missing if name in needs]
        blanks = self.blanks()
        if blanks:
            named = [labels[name] for name in self.missing if name not in needs]
            where = f": {', '.join(named)}" if named else ""
            lacking.append(f"{blanks} {'tomt felt' if blanks == 1 else 'tomme felter'} (________){where}")
        return lacking

    @property
    def fits_stage(self) -> bool:
        """Whether the template was written for the case's stage (a template naming no stages fits all)."""
        return self.stage_note is None

    def check_fits_stage(self) -> None:
        """Refuse a letter written for another stage of the case (e.g. an offer of advice to a tenant who
        already has an agreed plan). The same rule leaves such a case out of a batch of letters."""
        if self.stage_note is not None:
            raise UserInputError("template", "letters.stage_mismatch", self.stage_note)

    def check_ready(self) -> None:
        """Everything a letter must pass before it is printed or saved: the stage, then no blank to sign."""
        self.check_fits_stage()
        self.check_signable()

    def check_signable(self) -> None:
        """Refuse a document for signature that still has a blank: it would be signed with holes in it."""
        if not self.for_signature:
            return
        lacking = self.unfilled()
        if lacking:
            raise UserInputError(
                "letter",
                "letters.unfilled_for_signature",
                f"»{self.title}« skal underskrives og kan ikke udskrives eller gemmes med tomme felter. "
                f"Mangler: {'; '.join(lacking)}. Skriv det ind i teksten, eller udfyld det på sagen.",
            )

    def edited(
        self, *, subject: str | None = None, recipient: str | None = None, body: str | None = None
    ) -> LetterDraft:
        return replace(
            self,
            subject=self.subject if subject is None else subject,
            recipient=self.recipient if recipient is None or self.recipient is None else recipient,
            body=self.body if body is None else body,
        )

    def as_text(self) -> str:
        """The letter as plain text (stored with the PDF so it can be searched and read without a viewer)."""
        parts = [self.recipient or "", self.subject, self.body]
        return "\n\n".join(p.strip("\n") for p in parts if p.strip())


def missing_labels(names: tuple[str, ...]) -> list[str]:
    """Danish descriptions of missing fields/blocks, for the adviser."""
    labels = {"plan": "en afdragsordning på sagen", "budget": "et budget på sagen"}
    return [FIELDS.get(name, labels.get(name, name)) for name in names]


def make_draft(
    template: LetterTemplate,
    facts: CaseFacts,
    letterhead: Letterhead,
    sender: Sender,
    typed: Mapping[str, str] | None = None,
) -> LetterDraft:
    """Fill the template from the case (and ``typed``: values of blanks, see :func:`typed_values`).

    Unknown fields raise :class:`~boligdesk.errors.UserInputError`.
    """
    values = letter_fields(facts, letterhead, sender)
    values.update(typed or {})
    subject, missing_subject = fill(template.subject, values)
    body, missing_body = fill(template.body, values)
    recipient: str | None = None
    missing_recipient: list[str] = []
    if template.recipient is not None:
        recipient, missing_recipient = fill(template.recipient, values)
    missing: list[str] = []
    for name in [*missing_recipient, *missing_subject, *missing_body]:
        if name not in missing:
            missing.append(name)
    for block in blocks_used(template.body):
        need = BLOCK_NEEDS.get(block)
        lacking = (need == "plan" and facts.plan is None) or (need == "budget" and facts.budget is None)
        if need is not None and lacking and need not in missing:
            missing.append(need)
    return LetterDraft(
        template=template.name,
        title=template.title,
        paper=template.paper,
        subject=subject,
        recipient=recipient,
        body=body,
        missing=tuple(missing),
        for_signature=template.for_signature,
        stage_note=stage_mismatch(template.stages, facts.stage),
    )


def blank_fields(draft: LetterDraft) -> list[str]:
    """The fields of the draft left blank (``________``): what the case does not hold and nothing typed."""
    return [name for name in draft.missing if name in FIELDS]


def typed_values(
    template: LetterTemplate,
    facts: CaseFacts,
    letterhead: Letterhead,
    sender: Sender,
    raw: Mapping[str, str],
) -> dict[str, str]:
    """Check values typed for a template's blanks (``--felt navn=værdi``) and write them the Danish way.

    Each name must be a field the template leaves blank on this case (a value the case holds is changed on
    the case, not in one letter); amounts are read as kroner (``1.234,50 kr.``), dates as dates. Raises a
    Danish :class:`UserInputError` naming the field and the blanks that can be filled.
    """
    blanks = blank_fields(make_draft(template, facts, letterhead, sender))
    values: dict[str, str] = {}
    for name, value in raw.items():
        if name not in blanks:
            if blanks:
                can = "Felter der kan udfyldes: " + ", ".join(blanks) + "."
            else:
                can = "Den har ingen tomme felter på denne sag."
            if name in FIELDS and name not in TYPED_FIELDS:
                why = f"»{name}« udfyldes fra sagen, ikke i brevet. Ret det på sagen."
            else:
                why = f"»{name}« er ikke et tomt felt i »{template.title}«."
            raise UserInputError("felt", "letters.typed_field_unknown", f"{why} {can}", {"field": name})
        text = " ".join(value.split())
        if not text:
            raise UserInputError(
                "felt", "letters.typed_field_empty", f"Feltet »{name}« er tomt. Skriv en værdi efter =."
            )
        if name in MONEY_FIELDS:
            text = parse_money(text, field=name).format()
        elif name in DATE_FIELDS:
            text = format_long(parse_date(text, field=name))
        values[name] = text
    return values
