"""Every document kind, on short, long and year-crossing data: no text on top of other text, across a
table's grid line, on (or within 1 mm of) a label's cut line, or off the page.

Words and their boxes are read back with pdfplumber, so this checks the PDF as it will be printed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from itertools import combinations
from typing import Any

import pdfplumber
import pytest

from boligdesk.budget.envelopes import EnvelopeSettings, carry_over, plan_envelopes
from boligdesk.budget.money import Money
from boligdesk.letters.agreement import agreement_pdf
from boligdesk.letters.batch_pdf import AddressLine, address_list_pdf, letters_in_one_pdf
from boligdesk.letters.budget_pdf import render_budget_pdf
from boligdesk.letters.draft import make_draft
from boligdesk.letters.envelopes_pdf import EnvelopesPrint, render_envelopes_pdf
from boligdesk.letters.render import a4_parts, render_letter
from boligdesk.letters.templates import load_template, template_names
from tests.unit.letters.samples import LETTERHEAD, SENDER, sample_facts, sample_plan
from tests.unit.letters.test_budget_pdf import sample as budget_sample

MM = 72 / 25.4
SLACK = 0.6  # points: glyph boxes of neighbouring words may touch


def _overlap(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return (
        min(a["x1"], b["x1"]) - max(a["x0"], b["x0"]) > SLACK
        and min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > SLACK
    )


def layout_problems(pdf: bytes) -> list[str]:
    problems: list[str] = []
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for number, page in enumerate(doc.pages, start=1):
            words = page.extract_words(use_text_flow=False, keep_blank_chars=False)
            for w in words:
                if w["x0"] < 0 or w["top"] < 0 or w["x1"] > page.width or w["bottom"] > page.height:
                    problems.append(f"p{number}: »{w['text']}« is off the page")
            for a, b in combinations(words, 2):
                if _overlap(a, b):
                    problems.append(f"p{number}: »{a['text']}« overlaps »{b['text']}«")
            verticals = [e for e in page.edges if e["orientation"] == "v"]
            for w in words:
                for e in verticals:
                    crosses = w["x0"] + SLACK < e["x0"] < w["x1"] - SLACK
                    beside = e["top"] < w["bottom"] - SLACK and e["bottom"] > w["top"] + SLACK
                    if crosses and beside:
                        problems.append(f"p{number}: »{w['text']}« runs across a line at x={e['x0']:.1f}")
            # Cut-out labels (the dashed rectangles): text stays at least 1 mm inside the cut line.
            for rect in page.rects:
                if rect["width"] < 40 * MM or rect["height"] < 40 * MM:
                    continue
                for w in words:
                    inside = rect["x0"] <= w["x0"] and w["x1"] <= rect["x1"]
                    inside = inside and rect["top"] <= w["top"] and w["bottom"] <= rect["bottom"]
                    if not inside:
                        continue
                    gap = min(
                        w["x0"] - rect["x0"],
                        rect["x1"] - w["x1"],
                        w["top"] - rect["top"],
                        rect["bottom"] - w["bottom"],
                    )
                    if gap < 1 * MM:
                        problems.append(f"p{number}: »{w['text']}« is {gap / MM:.1f} mm from the cut line")
    return problems


LONG_NAME = "Maria-Magdalena Christiansen-Østergaard Vestergaard"
LONG_ADDRESS = "Store Kongensgade Syd 128, opgang B, 14. sal, lejlighed 1407 th."


def facts_for(kind: str) -> Any:
    if kind == "short":
        return sample_facts(tenant_name="Bo Li", tenant_first_name="Bo", address_line="Vej 1", children=0)
    if kind == "long":
        return sample_facts(
            tenant_name=LONG_NAME,
            tenant_first_name="Maria-Magdalena",
            address_line=LONG_ADDRESS,
            association="Boligselskabet Almennyttige Andelsboligforening af 1942 for Storkøbenhavn",
            plan=sample_plan(debt=Money(9_876_543), months=12),
            arrears=Money(9_876_543),
        )
    # Year-crossing: a plan that starts in December and runs into the new year.
    return sample_facts(plan=sample_plan(start=dt.date(2026, 12, 1), months=3))


KINDS = ["short", "long", "year"]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name", template_names())
def test_letters_have_no_colliding_text(name: str, kind: str) -> None:
    facts = facts_for(kind)
    draft = make_draft(load_template(name), facts, LETTERHEAD, SENDER)
    assert layout_problems(render_letter(draft, facts, LETTERHEAD, SENDER)) == []


@pytest.mark.parametrize("kind", KINDS)
def test_the_agreement_has_no_colliding_text(kind: str) -> None:
    assert layout_problems(agreement_pdf(facts_for(kind), LETTERHEAD, SENDER)) == []


def test_a_batch_and_its_address_list_have_no_colliding_text() -> None:
    cases = [facts_for(kind) for kind in KINDS]
    template = load_template("tilbud-om-raadgivning")
    parts = [a4_parts(make_draft(template, f, LETTERHEAD, SENDER), f, LETTERHEAD, SENDER) for f in cases]
    assert layout_problems(letters_in_one_pdf(parts, title="Breve")) == []
    lines = [AddressLine(f.case_number, f.tenant_name, f.address_line, f.postcode_city) for f in cases]
    assert layout_problems(address_list_pdf(lines, title="Adresser", organisation="Team")) == []


def envelopes(pay_day: dt.date, amount: str, purposes: tuple[str, ...]) -> EnvelopesPrint:
    result = plan_envelopes(
        EnvelopeSettings(Money.kr(amount), pay_day, pay_day, Money.kr(50), "extra_envelope", purposes)
    )
    return EnvelopesPrint(
        case_number="2026-0042",
        tenant_name=LONG_NAME,
        adviser="Hanne Holm",
        printed_on=pay_day,
        budget_made_on=pay_day,
        result=result,
        statuses=carry_over(result.envelopes, {1: Money.kr(980)}),
    )


@pytest.mark.parametrize(
    "data",
    [
        envelopes(dt.date(2026, 2, 1), "4321.50", ("Mad",)),
        envelopes(
            dt.date(2026, 12, 30),  # the period runs across New Year
            "12345.50",
            (
                "Mad og husholdning",
                "Transport til og fra arbejde",
                "Medicin og tandlæge",
                "Børnenes lommepenge",
            ),
        ),
    ],
    ids=["short", "year-long"],
)
def test_the_envelope_sheets_have_no_colliding_text(data: EnvelopesPrint) -> None:
    assert layout_problems(render_envelopes_pdf(data)) == []


def test_the_year_is_never_dropped_across_new_year() -> None:
    pdf = render_envelopes_pdf(envelopes(dt.date(2026, 12, 30), "4321.50", ()))
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        text = " ".join(page.extract_text() for page in doc.pages)
    assert "30.12.2026–05.01.2027" in text
    assert "30.12. 2026 – " in text  # the label's first date carries its own year


@pytest.mark.parametrize("kind", ["sample", "long"])
def test_the_budget_has_no_colliding_text(kind: str) -> None:
    data = budget_sample()
    if kind == "long":
        data = dataclasses.replace(data, tenant_name=LONG_NAME, address=LONG_ADDRESS)
    assert layout_problems(render_budget_pdf(data)) == []


def test_the_checker_sees_overlapping_text() -> None:
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.drawString(100, 700, "Betales senest")
    canvas.drawString(110, 705, "04.01.2027")  # the next line, 5 pt up: the glyphs overlap
    canvas.line(300, 650, 300, 750)
    canvas.drawString(280, 680, "30.12.2026–05.01.20277")
    canvas.save()
    problems = layout_problems(buffer.getvalue())
    assert any("overlaps" in p for p in problems)
    assert any("runs across a line" in p for p in problems)
