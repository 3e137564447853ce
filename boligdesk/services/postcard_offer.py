"""What sending the offer-of-advice postcard means for a case: one rule for the batch
(:meth:`~boligdesk.services.postcards.PostcardService.make`) and for one card printed or saved from the
Breve tab (:meth:`~boligdesk.services.letters.LettersService.record`).

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


def record_offer_sent(session: Session, case: Case, *, adviser: str, title: str, batch: bool) -> None:
    """Record on ``case`` (inside the caller's write) that the postcard ``title`` went to the tenant."""
    how = " (samlet udskrift af postkort til nye lejere)" if batch else ""
    session.add(journal_note(case.id, adviser, f"Postkort sendt: {title}{how}."))
    if case.kind is CaseKind.NEW_TENANT and case.advice_offer_answer is None:
        case.advice_offer_answer = AdviceOfferAnswer.OFFERED
    if case.phase is CasePhase.NEW:
        case.phase = CasePhase.CONTACT
