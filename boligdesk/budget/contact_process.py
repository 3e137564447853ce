"""The contact process of "Stop Udsættelser" (DOMAIN.md §4) as a pure rule: what to try next.

The adviser gets the month's list of terminations and then tries, in this order:

1. **Phone** the tenant.
2. No contact → leave a **voicemail** and send a **letter (or mail)** offering free advice, in a
   **handwritten envelope with a stamp** (window envelopes go unopened).
3. Still no contact → **visit** the tenant at the address.
4. Not met at the door → put a **letter through the mail slot** (under the mat or in the door when the
   mailbox is overfilled).
5. Still no contact → **stop**; the normal eviction procedure continues.

The process ends as soon as contact is reached (any result that means the tenant was reached, including
"does not want help"). Steps are done in order; a step tried out of order still counts as done, and the
suggestion is always the first step of the process not tried yet.

Channels and results are the code strings of ``ContactChannel``/``ContactResult`` in
:mod:`boligdesk.budget.vocabulary` (this module stays free of the database layer; the enums are ``StrEnum``
members, so they can be passed directly).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from boligdesk.budget.calendar import format_short

# Results that mean the tenant was reached: the process stops.
REACHED_RESULTS = frozenset(
    {"reached", "solved_on_phone", "phone_advice_follow_up", "mail_advice", "meeting_agreed", "declined"}
)
# Results that mean nobody was reached. "Aflyst" and "udeblevet" (an agreed meeting cancelled, or the tenant
# did not come) are not-reached tries like any other: nothing closes a case after them (issue 16).
NOT_REACHED_RESULTS = frozenset({"no_answer", "message_left", "sent", "wrong_number", "cancelled", "no_show"})

# Which step of the process each channel belongs to.
PHONE_CHANNELS = frozenset({"phone"})
MESSAGE_CHANNELS = frozenset({"voicemail", "sms"})
LETTER_CHANNELS = frozenset({"letter_handwritten", "email"})
VISIT_CHANNELS = frozenset({"visit_at_door"})
MAIL_SLOT_CHANNELS = frozenset({"letter_mail_slot"})
MEETING_CHANNELS = frozenset({"meeting"})
# Through someone the tenant knows (the caretaker, the helhedsplan's staff, seed 004): it can reach the
# tenant, but it is not one of the process's own steps, so an attempt without contact skips none of them.
INTERMEDIARY_CHANNELS = frozenset({"via_caretaker"})
KNOWN_CHANNELS = (
    PHONE_CHANNELS
    | MESSAGE_CHANNELS
    | LETTER_CHANNELS
    | VISIT_CHANNELS
    | MAIL_SLOT_CHANNELS
    | MEETING_CHANNELS
    | INTERMEDIARY_CHANNELS
)

# Danish names for the channel used in a sentence ("Kontakt opnået 03.03.2026 ved telefonopkald").
_CHANNEL_WORDS = {
    "phone": "telefonopkald",
    "voicemail": "besked på telefonsvareren",
    "sms": "sms",
    "email": "e-mail",
    "letter_handwritten": "brev i håndskrevet kuvert",
    "visit_at_door": "besøg på adressen",
    "letter_mail_slot": "brev gennem brevsprækken",
    "meeting": "personligt møde",
    "via_caretaker": "via varmemester/helhedsplan",
}


class ContactStep(StrEnum):
    PHONE = "phone"
    VOICEMAIL_AND_LETTER = "voicemail_and_letter"
    VISIT = "visit"
    MAIL_SLOT_LETTER = "mail_slot_letter"
    STOP_NO_CONTACT = "stop_no_contact"
    REACHED = "reached"


@dataclass(frozen=True, slots=True)
class Attempt:
    """One logged attempt: the channel and result codes and when it happened."""

    channel: str
    result: str
    on: dt.date


@dataclass(frozen=True, slots=True)
class NextContactStep:
    """The suggestion: which step, a Danish sentence for the adviser, and the channel(s) to log next."""

    step: ContactStep
    text: str
    channels: tuple[str, ...] = ()

    @property
    def finished(self) -> bool:
        """True when the process is over (contact reached, or every step tried)."""
        return self.step in (ContactStep.REACHED, ContactStep.STOP_NO_CONTACT)


def is_reached(result: str) -> bool:
    """True when ``result`` means the tenant was reached."""
    if result in REACHED_RESULTS:
        return True
    if result in NOT_REACHED_RESULTS:
        return False
    raise ValueError(f"unknown contact result {result!r}")


def _check(attempt: Attempt) -> None:
    if attempt.channel not in KNOWN_CHANNELS:
        raise ValueError(f"unknown contact channel {attempt.channel!r}")
    is_reached(attempt.result)


def next_contact_step(
    attempts: Iterable[Attempt], *, has_phone: bool = True, mailbox_full: bool = False
) -> NextContactStep:
    """The next step of the contact process after ``attempts`` (any order).

    ``has_phone``: a phone number is known (without one, the phone steps are skipped).
    ``mailbox_full``: the tenant's mailbox is overfilled, so the last letter goes under the mat.
    """
    tried = sorted(attempts, key=lambda a: a.on)
    for attempt in tried:
        _check(attempt)
    reached = [a for a in tried if is_reached(a.result)]
    if reached:
        first = reached[0]
        how = _CHANNEL_WORDS[first.channel]
        return NextContactStep(
            ContactStep.REACHED,
            f"Kontakt opnået {format_short(first.on)} ({how}). Kontaktprocessen er slut — "
            "fortsæt med rådgivningen.",
        )

    channels = {a.channel for a in tried}
    phoned = bool(channels & PHONE_CHANNELS)
    wrong_number = any(a.result == "wrong_number" and a.channel in PHONE_CHANNELS for a in tried)
    message_left = bool(channels & MESSAGE_CHANNELS) or any(
        a.result == "message_left" and a.channel in PHONE_CHANNELS for a in tried
    )
    lettered = bool(channels & LETTER_CHANNELS)
    visited = bool(channels & VISIT_CHANNELS)
    mail_slotted = bool(channels & MAIL_SLOT_CHANNELS)

    if has_phone and not phoned:
        return NextContactStep(ContactStep.PHONE, "Ring til lejeren.", ("phone",))
    if not lettered:
        letter = (
            "send et brev eller en mail med tilbud om gratis rådgivning — brevet i en håndskrevet kuvert "
            "med frimærke (rudekuverter bliver ofte ikke åbnet)."
        )
        if has_phone and not message_left and not wrong_number:
            return NextContactStep(
                ContactStep.VOICEMAIL_AND_LETTER,
                "Ingen kontakt på telefonen: læg en besked på telefonsvareren, og " + letter,
                ("voicemail", "letter_handwritten", "email"),
            )
        if not has_phone:
            reason = "Der er intet telefonnummer"
        elif wrong_number and not message_left:
            reason = "Telefonnummeret er forkert"
        else:
            reason = "Ingen kontakt på telefonen"
        return NextContactStep(
            ContactStep.VOICEMAIL_AND_LETTER,
            f"{reason}: {letter}",
            ("letter_handwritten", "email"),
        )
    if not visited:
        return NextContactStep(
            ContactStep.VISIT,
            "Lejeren har ikke reageret på brevet: opsøg lejeren på adressen.",
            ("visit_at_door",),
        )
    if not mail_slotted:
        where = (
            "under dørmåtten eller i klemme i døren, da postkassen er overfyldt"
            if mailbox_full
            else "gennem brevsprækken (under dørmåtten, hvis postkassen er overfyldt)"
        )
        return NextContactStep(
            ContactStep.MAIL_SLOT_LETTER,
            f"Lejeren blev ikke truffet på adressen: læg et brev med tilbuddet om rådgivning {where}.",
            ("letter_mail_slot",),
        )
    return NextContactStep(
        ContactStep.STOP_NO_CONTACT,
        "Alle trin i kontaktprocessen er prøvet uden kontakt. Der gøres ikke mere; "
        "den almindelige udsættelsesprocedure fortsætter.",
    )
