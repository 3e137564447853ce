"""The afdragsaftale: the signed agreement of a repayment plan (DOMAIN.md §8).

It names the parties, the debt and what it consists of, the schedule with dates and amounts and its
total, what happens on a missed payment, and has signature lines with a date for tenant and landlord.
The wording is the template ``afdragsaftale.txt`` (an organisation may override it); this module holds
the checks that keep a wrong agreement from being printed.
"""

from __future__ import annotations

from pathlib import Path

from boligdesk.budget.calendar import format_short
from boligdesk.budget.money import Money
from boligdesk.errors import UserInputError
from boligdesk.letters.context import CaseFacts, PlanFacts
from boligdesk.letters.draft import LetterDraft, make_draft
from boligdesk.letters.letterhead import Letterhead, Sender
from boligdesk.letters.render import render_letter
from boligdesk.letters.templates import load_template

AGREEMENT_TEMPLATE = "afdragsaftale"


def check_plan(facts: CaseFacts) -> PlanFacts:
    """The plan to print, or a Danish :class:`UserInputError` saying what to fix first."""
    plan = facts.plan
    if plan is None:
        raise UserInputError(
            "plan",
            "letters.no_plan",
            f"Sag {facts.case_number} har ingen aktiv afdragsordning. Lav den under Afdragsordning først.",
        )
    if not plan.rows:
        raise UserInputError(
            "plan", "letters.plan_empty", "Afdragsordningen har ingen afdrag endnu. Lav afdragene først."
        )
    if any(row.instalment <= Money(0) for row in plan.rows):
        raise UserInputError(
            "plan",
            "letters.plan_zero_instalment",
            "Et afdrag er 0 kr. eller negativt. Ret afdragsordningen først.",
        )
    first_due = min(row.due_on for row in plan.rows)
    if plan.agreed_on is not None and first_due < plan.agreed_on:
        raise UserInputError(
            "plan",
            "letters.plan_starts_before_agreement",
            f"Første afdrag forfalder den {format_short(first_due)}, før afdragsordningen blev aftalt "
            f"den {format_short(plan.agreed_on)}. En aftale kan ikke gælde bagud: lav en ny version af "
            "afdragsordningen med en senere startdato, før aftalen udskrives.",
        )
    if plan.schedule_total != plan.debt:
        raise UserInputError(
            "plan",
            "letters.plan_sum_mismatch",
            f"Afdragene giver tilsammen {plan.schedule_total.format()}, men afdragsordningen dækker "
            f"{plan.debt.format()}. Ret afdragsordningen, før aftalen udskrives.",
        )
    return plan


LANDLORD_WHERE = (
    "Vælg udlejeren (boligorganisation og afdeling, eller en privat udlejer) under sagens »Lejemål«."
)


def check_landlord(facts: CaseFacts) -> None:
    """An agreement is made with the real landlord: its name and address, never the adviser's own office."""
    if not facts.landlord_name:
        raise UserInputError(
            "landlord",
            "letters.no_landlord",
            f"Sag {facts.case_number} har ingen udlejer, så afdragsaftalen kan ikke laves. {LANDLORD_WHERE}",
        )
    if not facts.landlord_address_lines:
        raise UserInputError(
            "landlord",
            "letters.no_landlord_address",
            f"Udlejeren {facts.landlord_name} har ingen adresse, så afdragsaftalen kan ikke laves. "
            "Skriv adressen under sagens »Lejemål« eller i Indstillinger → Boligorganisationer og afdelinger.",
        )


def check_agreement(facts: CaseFacts) -> PlanFacts:
    """Everything an afdragsaftale needs: the real landlord and a correct plan."""
    check_landlord(facts)
    return check_plan(facts)


def agreement_draft(
    facts: CaseFacts, letterhead: Letterhead, sender: Sender, override: Path | None = None
) -> LetterDraft:
    check_agreement(facts)
    return make_draft(load_template(AGREEMENT_TEMPLATE, override), facts, letterhead, sender)


def agreement_pdf(
    facts: CaseFacts,
    letterhead: Letterhead,
    sender: Sender,
    *,
    override: Path | None = None,
    draft: LetterDraft | None = None,
) -> bytes:
    """The afdragsaftale as PDF bytes (``draft``: the adviser's edited text, else the template's)."""
    check_agreement(facts)
    draft = draft or agreement_draft(facts, letterhead, sender, override)
    return render_letter(draft, facts, letterhead, sender)
