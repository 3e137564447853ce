"""Letters as PDF, read back with pypdf: names, amounts, dates, page numbers, the window address."""

from __future__ import annotations

import dataclasses
import io
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from pypdf import PdfReader
from reportlab.lib.units import mm

from boligdesk.budget.money import Money
from boligdesk.errors import UserInputError
from boligdesk.letters.agreement import agreement_pdf, check_plan
from boligdesk.letters.blocks import debt_rows, typeset
from boligdesk.letters.context import DebtPart
from boligdesk.letters.draft import make_draft
from boligdesk.letters.letterhead import Letterhead, check_logo
from boligdesk.letters.pdf_base import PageDecor, build_pdf, styles
from boligdesk.letters.render import render_letter
from boligdesk.letters.templates import load_template, template_names
from tests.unit.letters.samples import LETTERHEAD, SENDER, sample_facts, sample_plan


def pages_of(pdf: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(pdf))
    # Amounts, "§ 81" and phone numbers are set with no-break spaces so they never split over lines.
    return [re.sub(r"[\s\u00a0]+", " ", page.extract_text()) for page in reader.pages]


def letter_pdf(name: str, **changes: object) -> bytes:
    facts = sample_facts(**changes)
    draft = make_draft(load_template(name), facts, LETTERHEAD, SENDER)
    return render_letter(draft, facts, LETTERHEAD, SENDER)


def test_the_agreement_names_parties_debt_schedule_and_signatures() -> None:
    pages = pages_of(agreement_pdf(sample_facts(), LETTERHEAD, SENDER))
    text = " ".join(pages)
    assert len(pages) == 2
    assert "Side 1 af 2" in pages[0] and "Side 2 af 2" in pages[1]
    for expected in (
        "Mette Testesen",
        "Opdigtet Allé 12, 2. tv.",
        "Lejemålsnr.: 104-2231",
        "Boligselskabet Eksempel",
        "Husleje for oktober 2026 6.125,00 kr.",
        "Påkravsgebyr 95,50 kr.",
        "Restance i alt 12.345,50 kr.",
        # 12.345,50 over 4 months: 3.086,37 three times, the 3 øre left over in the last one.
        # Due date and the last on-time day (3rd weekday, the date the follow-up panel shows).
        "1 04.01.2027 06.01.2027 3.086,37 kr. 6.125,00 kr. 9.211,37 kr.",
        "4 01.04.2027 06.04.2027 3.086,39 kr. 6.125,00 kr. 9.211,39 kr.",
        "I alt 12.345,50 kr. 24.500,00 kr. 36.845,50 kr.",
        "3. hverdag efter forfaldsdagen",
        "gælder aftalen ikke længere",
        "Sagsnr. 2026-0042 · 24. november 2026",
    ):
        assert expected in text, expected
    # What is signed and the signature lines are on the same page.
    assert "Vi er enige om aftalen" in pages[1] and "Lejer" in pages[1] and "Udlejer" in pages[1]
    # The landlord signs as itself (the adviser does not bind it); the day of the agreement stands above.
    assert "Aftalt den 24. november 2026. Lejer Udlejer" in pages[1]
    assert "Dato Dato Mette Testesen Boligselskabet Eksempel" in pages[1]


@settings(max_examples=15, deadline=None)
@given(
    debt_ore=st.integers(min_value=20_000, max_value=10_000_000),
    months=st.integers(min_value=2, max_value=12),
)
def test_the_agreements_schedule_always_sums_to_the_debt(debt_ore: int, months: int) -> None:
    debt = Money(debt_ore)
    facts = sample_facts(plan=sample_plan(debt=debt, months=months), arrears=debt, debt_parts=())
    plan = check_plan(facts)
    assert sum(r.instalment.ore for r in plan.rows) == debt.ore
    text = " ".join(pages_of(agreement_pdf(facts, LETTERHEAD, SENDER)))
    total_rent = Money(facts.plan.rent.ore * months) if facts.plan else Money(0)
    assert f"I alt {debt.format()} {total_rent.format()} {(debt + total_rent).format()}" in text
    assert f"Restance i alt {debt.format()}" in text


def test_an_agreement_whose_instalments_do_not_add_up_is_not_printed() -> None:
    plan = sample_plan()
    broken = dataclasses.replace(plan, debt=plan.debt + Money(100))
    with pytest.raises(UserInputError) as caught:
        agreement_pdf(sample_facts(plan=broken), LETTERHEAD, SENDER)
    assert caught.value.code == "letters.plan_sum_mismatch"
    assert "12.345,50 kr." in caught.value.message and "12.346,50 kr." in caught.value.message


def test_an_agreement_needs_a_plan() -> None:
    with pytest.raises(UserInputError) as caught:
        agreement_pdf(sample_facts(plan=None), LETTERHEAD, SENDER)
    assert caught.value.code == "letters.no_plan"
    assert "2026-0042" in caught.value.message


@given(
    parts=st.lists(st.integers(min_value=0, max_value=5_000_000), max_size=6),
    debt_ore=st.integers(min_value=0, max_value=20_000_000),
)
def test_the_debt_table_always_adds_up_to_the_debt(parts: list[int], debt_ore: int) -> None:
    rows = debt_rows([DebtPart(f"Del {i}", Money(p), False) for i, p in enumerate(parts)], Money(debt_ore))
    assert sum(amount.ore for _, amount in rows) == debt_ore
    assert len(rows) <= max(len(parts), 1) + 1


@pytest.mark.parametrize("name", template_names())
def test_every_letter_kind_renders_with_the_tenants_name_and_page_numbers(name: str) -> None:
    pages = pages_of(letter_pdf(name))
    text = " ".join(pages)
    assert "Mette" in text
    if name == "postkort-ny-lejer":
        assert len(pages) == 1 and "Side" not in text
    else:
        assert f"Side 1 af {len(pages)}" in pages[0]


def test_the_address_sits_in_the_window_of_a_c5_envelope() -> None:
    reader = PdfReader(io.BytesIO(letter_pdf("tilbud-om-raadgivning")))
    page = reader.pages[0]
    height = float(page.mediabox.height)
    found: dict[str, tuple[float, float]] = {}

    def visit(text: str, _cm: object, tm: list[float], _font: object, _size: object) -> None:
        for needle in ("Mette Testesen", "Opdigtet Allé 12"):
            if text.startswith(needle):
                found.setdefault(needle, (tm[4], height - tm[5]))

    page.extract_text(visitor_text=visit)
    assert set(found) == {"Mette Testesen", "Opdigtet Allé 12"}
    for x, from_top in found.values():
        # The window: 20 mm from the left, 50 mm from the top, 90 × 45 mm.
        assert 20 * mm < x < 110 * mm
        assert 50 * mm < from_top < 95 * mm


def test_the_letter_shows_date_case_number_and_sender() -> None:
    text = pages_of(letter_pdf("bekraeftelse-af-afdragsordning"))[0]
    for expected in (
        "24. november 2026",
        "2026-0042",
        "Anne Rådgiversen",
        "21 43 65 87",
        "Boligsocialt Team Eksempel",
    ):
        assert expected in text
    assert "I alt 12.345,50 kr." in text


def test_the_application_to_the_municipality_has_the_budget_and_the_tenants_signature() -> None:
    text = " ".join(pages_of(letter_pdf("ansoegning-enkeltydelse")))
    assert "aktivlovens § 81" in text
    assert "Indtægter i alt 21.922,00 kr." in text
    assert "Udgifter i alt 12.975,00 kr." in text
    assert "Indtægter minus udgifter 8.947,00 kr." in text
    assert "1 voksen og 2 børn" in text


def test_the_reminder_names_the_missed_instalment() -> None:
    plan = dataclasses.replace(
        sample_plan(), missed_due_on=sample_plan().rows[0].due_on, overdue=Money(308_637)
    )
    text = " ".join(pages_of(letter_pdf("rykker-for-afdrag", plan=plan)))
    # Due 04.01.2027, on time until 06.01.2027: the two dates the agreement's table shows for it.
    assert "forfaldt den 4. januar 2027, skulle have været betalt senest den 6. januar 2027" in text
    assert "mangler der 3.086,37 kr." in text


def test_text_with_special_characters_prints_as_typed() -> None:
    name = "Ærø & <Søn> Ølgaard"
    text = " ".join(pages_of(letter_pdf("besked-efter-besoeg", tenant_name=name, tenant_first_name="Ærø")))
    assert name in text


def test_the_same_letter_gives_the_same_bytes() -> None:
    assert letter_pdf("afdragsaftale") == letter_pdf("afdragsaftale")


def test_a_postcard_is_a6_landscape_and_refuses_text_longer_than_one_side() -> None:
    pdf = letter_pdf("postkort-ny-lejer")
    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    assert (round(float(box.width) / mm), round(float(box.height) / mm)) == (148, 105)
    facts = sample_facts()
    draft = make_draft(load_template("postkort-ny-lejer"), facts, LETTERHEAD, SENDER)
    long_draft = draft.edited(body="\n\n".join([draft.body] * 4))
    with pytest.raises(UserInputError) as caught:
        render_letter(long_draft, facts, LETTERHEAD, SENDER)
    assert caught.value.code == "letters.postcard_too_long"


def test_an_edited_text_is_what_gets_printed() -> None:
    facts = sample_facts()
    draft = make_draft(load_template("tilbud-om-raadgivning"), facts, LETTERHEAD, SENDER)
    edited = draft.edited(body=draft.body + "\n\nVi ses torsdag kl. 10 på ejendomskontoret.")
    assert "Vi ses torsdag kl. 10 på ejendomskontoret." in " ".join(
        pages_of(render_letter(edited, facts, LETTERHEAD, SENDER))
    )


def _png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (20, 90, 160)).save(buffer, "PNG")
    return buffer.getvalue()


def test_the_logo_is_printed_in_the_letterhead() -> None:
    facts = sample_facts()
    with_logo = Letterhead(organisation="Org", logo=_png(300, 100))
    draft = make_draft(load_template("tilbud-om-raadgivning"), facts, with_logo, SENDER)
    page = PdfReader(io.BytesIO(render_letter(draft, facts, with_logo, SENDER))).pages[0]
    assert len(page.images) == 1


def test_the_letterhead_round_trips_through_its_setting_with_the_logo() -> None:
    letterhead = dataclasses.replace(LETTERHEAD, logo=_png(40, 20), website="eksempel.invalid")
    assert Letterhead.from_json(letterhead.to_json()) == letterhead
    assert Letterhead.from_json("not json") == Letterhead()
    assert Letterhead.from_json(None).is_empty


def test_a_file_that_is_not_an_image_is_refused_as_logo() -> None:
    assert check_logo(_png(30, 10)) == (30, 10)
    with pytest.raises(UserInputError) as caught:
        check_logo(b"%PDF-1.4 not an image")
    assert caught.value.code == "letters.logo_unreadable"


def test_the_plain_a4_layout_used_by_the_budget_print_still_numbers_pages() -> None:
    from reportlab.platypus import Paragraph

    story = [Paragraph(f"Linje {i} æøå", styles()["Body"]) for i in range(120)]
    pages = pages_of(
        build_pdf(story, title="Prøve", decor=PageDecor(header_left="Budget", footer_left="Udskrevet"))
    )
    assert len(pages) > 1
    count = len(pages)
    assert all(f"Side {i} af {count}" in page and "Budget" in page for i, page in enumerate(pages, start=1))


@pytest.mark.parametrize(
    ("text", "kept_together"),
    [
        ("aktivlovens § 81", "§\u00a081"),
        ("i alt 12.345,50 kr.", "12.345,50\u00a0kr."),
        ("ring på 21 43 65 87", "21\u00a043\u00a065\u00a087"),
        ("ophævet den 10. november 2026", "10.\u00a0november\u00a02026"),
        ("kl. 9:30", "kl.\u00a09:30"),
    ],
)
def test_amounts_dates_paragraphs_and_phone_numbers_never_split_over_two_lines(
    text: str, kept_together: str
) -> None:
    assert kept_together in typeset(text)


def test_typesetting_escapes_markup() -> None:
    assert typeset("A & <B>") == "A &amp; &lt;B&gt;"
