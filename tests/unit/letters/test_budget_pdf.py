"""The budget and envelope PDFs: the text read back (pypdf) has the lines, totals, norm and labels."""

from __future__ import annotations

import datetime as dt
import io
import re

from pypdf import PdfReader

from boligdesk.budget.envelopes import EnvelopeSettings, carry_over, plan_envelopes
from boligdesk.budget.household import HouseholdPerson
from boligdesk.budget.lines import LineData, compute_totals
from boligdesk.budget.money import Money
from boligdesk.budget.norms import household_norm
from boligdesk.budget.vocabulary import Frequency
from boligdesk.letters.budget_pdf import BudgetPrint, render_budget_pdf
from boligdesk.letters.envelopes_pdf import EnvelopesPrint, render_envelopes_pdf

MADE_ON = dt.date(2026, 3, 2)
LINES = (
    LineData("income", "cash_benefit", "Kontanthjælp", Money.kr(12_326)),
    LineData("income", "housing_benefit", "Boligstøtte", Money.kr(1_500)),
    LineData("income", "pension", "Pension", Money(0)),
    LineData("expense", "rent", "Husleje", Money.kr(5_900), need="need"),
    LineData("expense", "food", "Mad og husholdning", Money.kr(800), "weekly", "need", True),
    LineData("expense", "tobacco", "Tobak", Money.kr(900), need="nice", note="Vil prøve at skære ned"),
    LineData("expense", "media", "Stor tv-pakke", Money.kr(3_600), "yearly", "nice"),
)
# Monthly: income 12.326 + 1.500 = 13.826; need 5.900 + 800 × 52 / 12 (= 3.466,67) = 9.366,67;
# nice 900 + 3.600 / 12 (= 300) = 1.200; rådighedsbeløb 13.826 − 9.366,67 − 1.200 = 3.259,33;
# without nice 4.459,33; for daily life 13.826 − (5.900 + 1.200) = 6.726.


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def sample() -> BudgetPrint:
    totals = compute_totals(LINES)
    return BudgetPrint(
        case_number="2026-0042",
        tenant_name="Testa Opdigtetsen",
        address="Prøvevej 3, st. tv., 2400 København NV",
        household_text="1 voksen",
        household_members=("Testa Opdigtetsen",),
        made_on=MADE_ON,
        printed_on=dt.date(2026, 3, 3),
        adviser="Hanne Holm",
        lines=LINES,
        totals=totals,
        norm=household_norm([HouseholdPerson("Testa", None)], MADE_ON),
        warnings=("Huslejen er 43 % af indtægterne. Tjek boligstøtten.",),
        organisation="Boligselskabet Fjordglimt",
    )


def test_budget_pdf_has_every_line_grouped_with_monthly_figures() -> None:
    text = squash(text_of(render_budget_pdf(sample())))
    assert "Budget for Testa Opdigtetsen" in text
    assert "Sag 2026-0042" in text
    assert "Indtægter" in text and "Udgifter — need to have" in text and "Udgifter — nice to have" in text
    assert "Kontanthjælp 12.326,00 Månedlig 12.326,00" in text
    assert "Mad og husholdning 800,00 Ugentlig 3.466,67" in text
    assert "Stor tv-pakke 3.600,00 Årlig 300,00" in text
    assert "Vil prøve at skære ned" in text
    assert "Rettelser" in text
    # need lines come before the nice heading, nice lines after it
    assert text.index("Husleje 5.900,00") < text.index("Udgifter — nice to have") < text.index("Tobak 900,00")


def test_budget_pdf_names_every_frequency_with_the_vocabularys_label() -> None:
    lines = tuple(
        LineData("expense", "food", f"Post {i}", Money.kr(100 + i), frequency.value, "need")
        for i, frequency in enumerate(Frequency)
    )
    data = sample()
    every = BudgetPrint(**{**data.__dict__, "lines": lines, "totals": compute_totals(lines)})
    text = squash(text_of(render_budget_pdf(every)))
    for i, frequency in enumerate(Frequency):
        assert f"Post {i} {100 + i},00 {frequency.label} " in text


def test_budget_pdf_totals_and_rådighedsbeløb() -> None:
    text = squash(text_of(render_budget_pdf(sample())))
    assert "I alt indtægter 13.826,00" in text
    assert "I alt need to have 9.366,67" in text
    assert "I alt nice to have 1.200,00" in text
    assert "Rådighedsbeløb — tilbage efter alle udgifter 3.259,33 kr." in text
    assert "Rådighedsbeløb uden nice to have 4.459,33 kr." in text
    assert "6.726,00 kr." in text


def test_budget_pdf_shows_the_norm_with_year_and_source_date_and_adviser() -> None:
    text = squash(text_of(render_budget_pdf(sample())))
    assert "Gældsstyrelsens rådighedssatser 2024 for 1 voksen: 7.240,00 kr." in text
    assert "Kilde: borger.dk" in text
    assert "Budgettets dato 2. marts 2026" in text
    assert "Udskrevet 3. marts 2026 af Hanne Holm" in text
    assert "Boligselskabet Fjordglimt" in text
    assert "Hvor går pengene hen?" in text
    assert "Tjek boligstøtten" in text
    assert "Noter og aftaler fra mødet" in text


def test_budget_pdf_is_reproducible() -> None:
    assert render_budget_pdf(sample()) == render_budget_pdf(sample())


def test_an_empty_budget_still_prints() -> None:
    data = sample()
    empty = BudgetPrint(**{**data.__dict__, "lines": (), "totals": compute_totals([]), "warnings": ()})
    text = squash(text_of(render_budget_pdf(empty)))
    assert "I alt indtægter 0,00" in text
    assert "Ingen udgifter i budgettet." in text


def envelopes_sample() -> EnvelopesPrint:
    # 4.321,50 kr. for 1.–28. February 2026 in 50 kr.: 1.100, 1.100, 1.050 and 1.050 + 21,50 = 1.071,50.
    result = plan_envelopes(
        EnvelopeSettings(
            Money.kr("4321.50"),
            dt.date(2026, 2, 1),
            dt.date(2026, 2, 1),
            Money.kr(50),
            "extra_envelope",
            ("Mad og husholdning", "Transport"),
        )
    )
    statuses = carry_over(result.envelopes, {1: Money.kr(980)})
    return EnvelopesPrint(
        case_number="2026-0042",
        tenant_name="Testa Opdigtetsen",
        adviser="Hanne Holm",
        printed_on=dt.date(2026, 1, 30),
        budget_made_on=MADE_ON,
        result=result,
        statuses=statuses,
    )


def test_envelope_pdf_overview_and_one_label_per_envelope() -> None:
    pdf = render_envelopes_pdf(envelopes_sample())
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 2
    overview = squash(reader.pages[0].extract_text())
    labels = squash(reader.pages[1].extract_text())
    assert "4-ugers kuvertsystem" in overview
    assert "Uge 1 01.02.–07.02.2026 7 1.100 kr. 980 kr. 120 kr." in overview
    assert "Uge 4 22.02.–28.02.2026 7 1.071,50 kr." in overview
    assert "I alt 28 4.321,50 kr." in overview
    # week 1 spent 980 of 1.100 → 120 left and carried into week 2
    assert "Uge 2 08.02.–14.02.2026 7 1.100 kr. +120 kr." in overview
    assert "afrundingsresten på 21,50 kr." in overview
    for week in ("UGE 1", "UGE 2", "UGE 3", "UGE 4"):
        assert week in labels
    assert labels.count("Åbnet") == 4
    assert "1.071,50 kr." in labels
    assert "Til: Mad og husholdning, Transport" in labels
    assert "søn. 01.02. – lør. 07.02. 2026" in labels


def page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def test_empty_template_lines_are_left_out_and_blank_rows_kept_for_handwriting() -> None:
    text = squash(text_of(render_budget_pdf(sample())))
    assert "Pension" not in text  # 0 kr.: a template line nobody filled in
    assert "Kontanthjælp 12.326,00" in text
    with_pension = sample()
    lines = (*with_pension.lines[:2], LineData("income", "pension", "Pension", Money.kr(1_000)))
    filled = BudgetPrint(**{**with_pension.__dict__, "lines": (*lines, *with_pension.lines[3:])})
    assert "Pension 1.000,00" in squash(text_of(render_budget_pdf(filled)))


def test_the_agreed_instalment_and_what_is_left_after_it_are_shown() -> None:
    without = squash(text_of(render_budget_pdf(sample())))
    assert "Aftalt afdrag" not in without and "Tilbage efter afdraget" not in without
    data = BudgetPrint(**{**sample().__dict__, "instalment": Money.kr(1_500)})
    text = squash(text_of(render_budget_pdf(data)))
    # rådighedsbeløb 3.259,33 − 1.500 = 1.759,33
    assert "Aftalt afdrag på restancen 1.500,00 kr." in text
    assert "Tilbage efter afdraget 1.759,33 kr." in text
    over = BudgetPrint(**{**sample().__dict__, "instalment": Money.kr(4_000)})
    assert "Tilbage efter afdraget -740,67 kr." in squash(text_of(render_budget_pdf(over)))


def test_a_normal_households_budget_fits_on_one_or_two_pages() -> None:
    """Two adults, two children: 4 incomes, 14 need and 5 nice lines, 20 empty template lines, 3 warnings."""
    incomes = [
        ("Løn", 18_500, "salary"),
        ("Børne- og ungeydelse", 1_200, "child_benefit"),
        ("Børnetilskud", 600, "child_allowance"),
        ("Boligstøtte", 1_100, "housing_benefit"),
    ]
    needs = [
        ("Husleje", 7_800, "rent"),
        ("El", 650, "utilities"),
        ("Varme", 700, "utilities"),
        ("Vand", 250, "utilities"),
        ("Indboforsikring", 150, "insurance"),
        ("Telefon og internet", 400, "phone_internet"),
        ("Transport", 900, "transport"),
        ("Institution", 1_800, "childcare"),
        ("Medicin", 200, "medicine"),
        ("Tandlæge", 150, "medicine"),
        ("Fagforening og A-kasse", 700, "union"),
        ("Licens og medier", 100, "media"),
        ("Tøj og sko", 800, "clothes"),
        ("Mad og husholdning", 1_400, "food"),
    ]
    nices = [
        ("Streaming", 250, "subscriptions"),
        ("Fritidsaktiviteter", 400, "leisure"),
        ("Tobak", 900, "tobacco"),
        ("Café og takeaway", 500, "food"),
        ("Gaver", 300, "gifts_holidays"),
    ]
    pension = ("Pension", 0, "pension")
    lines = [LineData("income", c, text, Money.kr(kr)) for text, kr, c in [*incomes, pension]]
    lines += [LineData("expense", c, text, Money.kr(kr), need="need") for text, kr, c in needs]
    lines += [LineData("expense", c, text, Money.kr(kr), need="nice") for text, kr, c in nices]
    lines += [LineData("expense", "other", f"Skabelonpost {n}", Money(0), need="need") for n in range(20)]
    adults = [HouseholdPerson("Voksen", None), HouseholdPerson("Voksen", None)]
    children = [HouseholdPerson("Barn", dt.date(2018, 5, 1)), HouseholdPerson("Barn", dt.date(2021, 9, 1))]
    data = BudgetPrint(
        **{
            **sample().__dict__,
            "lines": tuple(lines),
            "totals": compute_totals(lines),
            "norm": household_norm([*adults, *children], MADE_ON),
            "household_text": "2 voksne og 2 børn",
            "warnings": (
                "Huslejen er 36 % af indtægterne. Tjek boligstøtten.",
                "Der er ingen udgift til forsikring af indbo.",
                "Dagligvarer ser lavt ud for en husstand på 4.",
            ),
            "instalment": Money.kr(1_000),
        }
    )
    pdf = render_budget_pdf(data)
    assert page_count(pdf) <= 2
    assert "Skabelonpost" not in text_of(pdf)
