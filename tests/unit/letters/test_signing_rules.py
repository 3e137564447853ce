"""Documents safe to sign (issue 10): the agreement states the day it was agreed and never reaches back;
a letter for another stage is refused alone as in a batch; blanks no case holds are typed, not guessed."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader

from boligdesk.budget.money import Money
from boligdesk.budget.repayment import build_schedule, check_starts_on_or_after_agreement
from boligdesk.errors import UserInputError
from boligdesk.letters.agreement import agreement_pdf
from boligdesk.letters.draft import blank_fields, make_draft, typed_values
from boligdesk.letters.fields import FIELDS, TYPED_FIELDS
from boligdesk.letters.render import render_letter
from boligdesk.letters.templates import load_template, template_names
from tests.unit.letters.samples import LETTERHEAD, SENDER, TODAY, sample_facts, sample_plan


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return re.sub(r"[\s\u00a0]+", " ", " ".join(page.extract_text() for page in reader.pages))


# --- the day of the agreement ---------------------------------------------------------------------
def test_the_first_instalment_may_fall_on_the_day_of_agreement_but_not_before() -> None:
    schedule = build_schedule(Money.kr(3000), dt.date(2026, 12, 1), months=3)  # due 01.12.2026 (a Tuesday)
    check_starts_on_or_after_agreement(schedule, dt.date(2026, 12, 1))
    check_starts_on_or_after_agreement(schedule, dt.date(2026, 11, 24))
    with pytest.raises(UserInputError) as caught:
        check_starts_on_or_after_agreement(schedule, dt.date(2026, 12, 2))
    assert caught.value.code == "plan.starts_before_agreement"
    assert "01.12.2026" in caught.value.message and "02.12.2026" in caught.value.message


def test_the_agreement_says_where_the_parties_sign_when_it_was_agreed() -> None:
    text = text_of(agreement_pdf(sample_facts(), LETTERHEAD, SENDER))
    signatures = text[text.index("Underskrifter") :]
    assert "Aftalt den 24. november 2026." in signatures
    assert signatures.index("Aftalt den") < signatures.index("Lejer")


def test_an_agreement_whose_schedule_starts_before_the_agreement_is_not_printed() -> None:
    backdated = dataclasses.replace(sample_plan(start=dt.date(2026, 11, 1)), agreed_on=TODAY)
    with pytest.raises(UserInputError) as caught:
        agreement_pdf(sample_facts(plan=backdated), LETTERHEAD, SENDER)
    assert caught.value.code == "letters.plan_starts_before_agreement"
    assert "02.11.2026" in caught.value.message and "24.11.2026" in caught.value.message


# --- one stage rule for a letter alone and in a batch ---------------------------------------------
def test_the_offer_of_advice_is_refused_for_a_tenant_with_an_agreed_plan() -> None:
    facts = sample_facts()  # an agreed plan: the stage "aftale"
    draft = make_draft(load_template("tilbud-om-raadgivning"), facts, LETTERHEAD, SENDER)
    assert not draft.fits_stage
    with pytest.raises(UserInputError) as caught:
        draft.check_ready()
    assert caught.value.code == "letters.stage_mismatch"
    assert (
        "afdragsordning aftalt" in caught.value.message and "vælg en anden skabelon" in caught.value.message
    )
    # Editing the text does not make an offer of advice fit a tenant who already has a plan.
    with pytest.raises(UserInputError):
        draft.edited(body="Kære Mette\n\nEn anden tekst.").check_ready()
    # The same letter to a tenant without a plan is ready.
    before = sample_facts(plan=None)
    make_draft(load_template("tilbud-om-raadgivning"), before, LETTERHEAD, SENDER).check_ready()


# --- blanks typed by the adviser ------------------------------------------------------------------
def test_no_bundled_template_has_a_hand_typed_blank_or_bracketed_instruction() -> None:
    for name in template_names():
        template = load_template(name)
        for part in (template.recipient or "", template.subject, template.body):
            assert "________" not in part, name
            assert not re.search(r"\[[^\[\]]*\]", part.replace("[[", "").replace("]]", "")), name


def test_typed_fields_are_named_blanks_with_a_danish_description() -> None:
    assert set(FIELDS) >= TYPED_FIELDS
    facts = sample_facts(plan=None)
    template = load_template("ansoegning-enkeltydelse")
    draft = make_draft(template, facts, LETTERHEAD, SENDER)
    assert blank_fields(draft) == ["kommune", "kommune_adresse", "kommune_postnr_by", "baggrund"]
    with pytest.raises(UserInputError) as caught:
        draft.check_ready()  # for signature: refused while the kommune is blank
    assert "Kommunens navn" in caught.value.message


def test_typed_values_fill_the_letter_and_are_checked() -> None:
    facts = sample_facts(plan=None)
    template = load_template("brev-til-bank-modregning")
    typed = typed_values(
        template,
        facts,
        LETTERHEAD,
        SENDER,
        {
            "bank": "Eksempelbanken",
            "bank_adresse": "Bankvej 1",
            "bank_postnr_by": "2400 København NV",
            "kontonummer": "1234 0001234567",
            "modregnet_beloeb": "1234,5",
            "svarfrist": "15.12.2026",
        },
    )
    assert typed["modregnet_beloeb"] == "1.234,50 kr."
    assert typed["svarfrist"] == "15. december 2026"
    draft = make_draft(template, facts, LETTERHEAD, SENDER, typed)
    draft.check_ready()
    text = text_of(render_letter(draft, facts, LETTERHEAD, SENDER))
    assert "Eksempelbanken" in text and "i alt 1.234,50 kr." in text and "senest 15. december 2026" in text
    assert "________" not in text

    def refused(raw: dict[str, str]) -> str:
        with pytest.raises(UserInputError) as caught:
            typed_values(template, facts, LETTERHEAD, SENDER, raw)
        return caught.value.message

    assert "»kommune« er ikke et tomt felt" in refused({"kommune": "Albertslund"})
    assert "bank, bank_adresse" in refused({"kommune": "Albertslund"})  # lists what can be filled
    assert "udfyldes fra sagen" in refused({"lejer_navn": "En Anden"})  # never overrides the case
    assert "er tomt" in refused({"bank": "  "})
    assert "beløb" in refused({"modregnet_beloeb": "mange penge"}).lower()


def test_the_sign_off_never_ends_a_page_without_the_name_under_it() -> None:
    facts = sample_facts()
    draft = make_draft(load_template("bekraeftelse-af-afdragsordning"), facts, LETTERHEAD, SENDER)
    head, tail = draft.body.split("Venlig hilsen", 1)
    checked = 0
    for extra in range(0, 16):
        padded = head + "Et ekstra afsnit, som rådgiveren har skrevet.\n\n" * extra + "Venlig hilsen" + tail
        pdf = render_letter(draft.edited(body=padded), facts, LETTERHEAD, SENDER)
        pages = [re.sub(r"\s+", " ", page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]
        for page in pages:
            if "Venlig hilsen" in page:
                assert SENDER.name in page.split("Venlig hilsen", 1)[1], extra
                checked += 1
    assert checked == 16
