"""A letter before it is printed: the template's texts with the case's values filled in, editable."""

from __future__ import annotations

from dataclasses import dataclass, replace

from boligdesk.errors import UserInputError
from boligdesk.letters.body import blocks_used
from boligdesk.letters.context import CaseFacts, letter_fields
from boligdesk.letters.fields import BLOCK_NEEDS, FIELDS, MISSING
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
    template: LetterTemplate, facts: CaseFacts, letterhead: Letterhead, sender: Sender
) -> LetterDraft:
    """Fill the template from the case. Unknown fields raise :class:`~boligdesk.errors.UserInputError`."""
    values = letter_fields(facts, letterhead, sender)
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
