"""Which case a postcard with the offer of advice may go to, and what sending it means for the case: one
rule for the batch (:meth:`~boligdesk.services.postcards.PostcardService.make`) and for one card printed or
saved from the Breve tab or ``boligdesk pdf letter`` (:meth:`~boligdesk.services.letters.LettersService`).

:func:`postcard_refusal`: not to a case that is not a »Ny lejer« case (»Velkommen i dit nye hjem!« to a
tenant facing eviction), nor a closed one, nor without an address, postcode and town.

A journal note »Postkort sendt: …«; on a »Ny lejer« case whose answer to the offer is not registered, the
answer »Tilbudt (afventer svar)« (the value the statistics count; an answer already registered is never
overwritten); a case still in the phase »Ny« moves to »Kontakt«.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from boligdesk.budget.vocabulary import AdviceOfferAnswer, CaseKind, CasePhase
from boligdesk.models import Case
from boligdesk.services.changes import Part
from boligdesk.services.journal import journal_note

#: The card with the offer of advice to a new tenant (resources/templates/postkort-ny-lejer.txt).
POSTCARD_TEMPLATE = "postkort-ny-lejer"
#: What a recorded card touches besides the letters: the journal, the header's answer, the Afslutning page.
OFFER_PARTS = (Part.JOURNAL, Part.CASE, Part.CLOSING)


def postcard_refusal(case: Case, address_line: str, postcode_city: str) -> str | None:
    """Why the postcard cannot go to ``case`` (lower case, to follow »sag 2026-0001: «), or None."""
    if case.kind is not CaseKind.NEW_TENANT:
        return f"sagen er ikke en »Ny lejer«-sag ({case.kind.label})"
    if case.closed_on is not None:
        return "sagen er afsluttet"
    if not address_line.strip():
        return "sagen har ingen adresse at sende postkortet til"
    if not postcode_city.strip():
        return "sagen mangler postnummer og by (skriv dem under Lejemål)"
    return None


def record_offer_sent(session: Session, case: Case, *, adviser: str, title: str, batch: bool) -> None:
    """Record on ``case`` (inside the caller's write) that the postcard ``title`` went to the tenant."""
    how = " (samlet udskrift af postkort til nye lejere)" if batch else ""
    session.add(journal_note(case.id, adviser, f"Postkort sendt: {title}{how}."))
    if case.kind is CaseKind.NEW_TENANT and case.advice_offer_answer is None:
        case.advice_offer_answer = AdviceOfferAnswer.OFFERED
    if case.phase is CasePhase.NEW:
        case.phase = CasePhase.CONTACT
