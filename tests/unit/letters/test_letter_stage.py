"""Letter text follows the case's real stage: one tested variant per stage, and a warning for a misfit."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader

from boligdesk.errors import UserInputError
from boligdesk.letters.agreement import agreement_pdf
from boligdesk.letters.draft import make_draft
from boligdesk.letters.render import render_letter
from boligdesk.letters.stage import LetterStage, parse_stages, stage_mismatch
from boligdesk.letters.templates import load_template, template_names
from tests.unit.letters.samples import LETTERHEAD, SENDER, sample_facts

# Each stage's facts: only the dates that stage has (no plan unless agreed).
STAGES = {
    LetterStage.ARREARS: dict(termination_on=None, eviction_on=None, plan=None),
    LetterStage.REMINDER: dict(
        reminder_sent_on=dt.date(2026, 11, 5), termination_on=None, eviction_on=None, plan=None
    ),
    LetterStage.TERMINATED: dict(termination_on=dt.date(2026, 11, 10), eviction_on=None, plan=None),
    LetterStage.BAILIFF: dict(
        termination_on=dt.date(2026, 11, 10), eviction_on=dt.date(2026, 12, 15), plan=None
    ),
    LetterStage.PLAN: dict(),
}

OFFER_SENTENCE = {
    LetterStage.ARREARS: "fordi du skylder husleje. ",
    LetterStage.REMINDER: "fordi du skylder husleje, og fordi du har fået et påkrav om at betale den.",
    LetterStage.TERMINATED: "fordi du skylder husleje, og fordi din lejekontrakt er blevet ophævet.",
    LetterStage.BAILIFF: "fordi sagen om din lejekontrakt er sendt til fogedretten.",
}


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return re.sub(r"[\s\u00a0]+", " ", " ".join(page.extract_text() for page in reader.pages))


@pytest.mark.parametrize("stage", list(STAGES))
def test_the_facts_give_the_stage(stage: LetterStage) -> None:
    assert sample_facts(**STAGES[stage]).stage is stage


@pytest.mark.parametrize("stage", list(OFFER_SENTENCE))
@pytest.mark.parametrize("name", ["tilbud-om-raadgivning", "besked-efter-besoeg"])
def test_the_offer_of_advice_says_what_has_happened_and_nothing_more(stage: LetterStage, name: str) -> None:
    facts = sample_facts(**STAGES[stage])
    draft = make_draft(load_template(name), facts, LETTERHEAD, SENDER)
    assert draft.stage_note is None
    text = text_of(render_letter(draft, facts, LETTERHEAD, SENDER))
    assert OFFER_SENTENCE[stage] in text
    if stage in (LetterStage.ARREARS, LetterStage.REMINDER):
        # The issue: a tenant who only had a påkrav was told the lease was terminated.
        assert "ophævet" not in text
        assert "fogedretten" not in text


@pytest.mark.parametrize(
    ("stage", "sentence"),
    [
        (LetterStage.REMINDER, "Udlejer har sendt påkrav den 5. november 2026. Lejemålet er ikke ophævet."),
        (LetterStage.TERMINATED, "Udlejer har ophævet lejemålet den 10. november 2026."),
        (
            LetterStage.BAILIFF,
            "sagen er sendt til fogedretten. Udsættelsen er berammet til den 15. december 2026.",
        ),
    ],
)
def test_the_application_tells_the_municipality_how_far_the_case_has_come(
    stage: LetterStage, sentence: str
) -> None:
    facts = sample_facts(**STAGES[stage])
    draft = make_draft(load_template("ansoegning-enkeltydelse"), facts, LETTERHEAD, SENDER)
    assert draft.stage_note is None
    assert sentence in text_of(render_letter(draft, facts, LETTERHEAD, SENDER))


def test_a_template_that_does_not_fit_the_stage_says_so_before_it_is_used() -> None:
    facts = sample_facts()  # an agreed plan
    offer = make_draft(load_template("tilbud-om-raadgivning"), facts, LETTERHEAD, SENDER)
    assert offer.stage_note is not None and "afdragsordning aftalt" in offer.stage_note
    early = sample_facts(**STAGES[LetterStage.REMINDER])
    reminder = make_draft(load_template("rykker-for-afdrag"), early, LETTERHEAD, SENDER)
    assert reminder.stage_note is not None and "påkrav sendt" in reminder.stage_note
    postponement = make_draft(load_template("anmodning-om-omberammelse"), early, LETTERHEAD, SENDER)
    assert postponement.stage_note is not None


@pytest.mark.parametrize("name", template_names())
def test_every_bundled_template_says_which_stages_it_fits_or_fits_all(name: str) -> None:
    template = load_template(name)
    for stage in template.stages:
        assert stage_mismatch(template.stages, stage) is None


def test_an_unknown_stage_word_is_refused() -> None:
    assert parse_stages("paakrav, ophaevet") == {LetterStage.REMINDER, LetterStage.TERMINATED}
    with pytest.raises(ValueError, match="»ophævet« er ikke et stadie"):
        parse_stages("ophævet")


def test_the_agreement_is_refused_without_a_landlord_and_never_names_the_letterhead() -> None:
    no_landlord = sample_facts(association="", association_address="", estate="")
    with pytest.raises(UserInputError) as caught:
        agreement_pdf(no_landlord, LETTERHEAD, SENDER)
    assert caught.value.code == "letters.no_landlord"
    assert "»Lejemål«" in caught.value.message
    no_address = sample_facts(association_address="")
    with pytest.raises(UserInputError) as caught:
        agreement_pdf(no_address, LETTERHEAD, SENDER)
    assert caught.value.code == "letters.no_landlord_address"
    # An afdeling's address serves when the organisation has none.
    with_estate_address = sample_facts(
        association_address="", estate_address="Eksempelparken 1, 2400 København NV"
    )
    text = text_of(agreement_pdf(with_estate_address, LETTERHEAD, SENDER))
    assert "Eksempelparken 1" in text


def test_the_agreement_names_the_landlord_in_its_promises() -> None:
    text = text_of(agreement_pdf(sample_facts(), LETTERHEAD, SENDER))
    assert "går Boligselskabet Eksempel ikke videre med sagen" in text
    assert "Boligselskabet Eksempel kan så gå videre" in text
    assert "________" not in text


def test_a_document_for_signature_is_refused_while_a_field_is_blank() -> None:
    facts = sample_facts()
    no_phone = dataclasses.replace(SENDER, phone="")
    draft = make_draft(load_template("afdragsaftale"), facts, LETTERHEAD, no_phone)
    assert draft.for_signature
    with pytest.raises(UserInputError) as caught:
        draft.check_signable()
    assert caught.value.code == "letters.unfilled_for_signature"
    assert "Dit telefonnummer" in caught.value.message
    # Filled in by hand in the editor: now it may be printed.
    filled = draft.edited(body=draft.body.replace("________", "70 10 20 30"))
    filled.check_signable()
    # A letter that is not signed only warns (the banner lists it; printing is allowed).
    offer = make_draft(load_template("tilbud-om-raadgivning"), facts, LETTERHEAD, no_phone)
    assert not offer.for_signature and offer.unfilled()
    offer.check_signable()
