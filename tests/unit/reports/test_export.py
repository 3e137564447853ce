"""The PDF and the XLSX read back: tables, change in %, definitions, data horizon, who and when; numbers
as numbers; hostile text stays text; small cells and what would reveal them are hidden."""

from __future__ import annotations

import datetime as dt
import io

import pdfplumber
from openpyxl import load_workbook

from boligdesk.reports.export import ReportMeta, stats_pdf, stats_xlsx
from boligdesk.reports.facts import StatsInput
from boligdesk.reports.figures import build_report
from boligdesk.reports.present import cell_text, suppress_report
from tests.unit.reports import seed004
from tests.unit.reports.test_figures import evicted, moved, seed_input

META = ReportMeta(
    made_by="Rikke Rådgiver",
    made_on=dt.date(2026, 3, 10),
    horizon=("Computer abcd1234 (Rikke Rådgiver) — denne computer: seneste ændring 10.03.2026 09:15",),
    organisation="Boligrådgivningen Nord",
)


def pdf_text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def test_the_board_pdf_has_the_tables_changes_definitions_horizon_and_maker() -> None:
    report = build_report(seed_input(baseline_years=(2011,)), seed004.YEARS)
    text = pdf_text(stats_pdf(report, META))
    assert "Statistik over udsættelser og rådgivning" in text
    assert "Periode: 2011–2014" in text
    assert "Fraflytninger efter ophævelser" in text and "Ophævelse og fogedudsættelse" in text
    assert "Ændring (%)" in text and "2011-2014" in text
    for change in ("−77 %", "−49 %", "−63 %"):
        assert change in text
    assert "Total 88* 47 35 33 −63 %" in text
    assert "Definition:" in text and "004 Bilag 1" in text
    assert "seneste ændring 10.03.2026" in text
    assert "Lavet 10.03.2026 af Rikke Rådgiver" in text
    assert "Udvikling pr. afdeling" in text and "Fogedudsættelse" in text  # the charts' legend
    assert "Alle tal er eksakte" in text


def test_the_xlsx_has_one_sheet_per_table_with_numbers_as_numbers() -> None:
    report = build_report(seed_input(baseline_years=()), seed004.YEARS)
    book = load_workbook(io.BytesIO(stats_xlsx(report, META)))
    assert book.sheetnames[0] == "Om rapporten"
    assert len(book.sheetnames) == 1 + len(report.tables)
    sheet = book["Ophævelse og fogedudsættelse"]
    assert [c.value for c in sheet[1]] == [None, "2011", "2012", "2013", "2014", "Ændring (%) 2011-2014"]
    total = next(r for r in sheet.iter_rows(values_only=True) if r[0] == "Total")
    assert total == ("Total", 45, 28, 13, 23, -49)
    saved = book["Sparede udgifter for udlejer"]
    money = next(r for r in saved.iter_rows(values_only=True) if r[0] == "Sparet for udlejer")
    assert float(money[4]) == (88 - 33) * 53_600
    about = [r[0] for r in book["Om rapporten"].iter_rows(values_only=True)]
    assert "Lavet 10.03.2026 af Rikke Rådgiver" in about


def test_formula_text_in_an_estate_name_stays_text_in_the_xlsx() -> None:
    hostile = '=HYPERLINK("http://example.invalid","klik")'
    data = StatsInput(cases=(evicted("x", 2014),), estates={"x": hostile})
    book = load_workbook(io.BytesIO(stats_xlsx(build_report(data, (2014,)), META)))
    cell = book["Ophævelse og fogedudsættelse"]["A2"]
    assert cell.value == hostile and cell.data_type == "s"


def test_small_cells_are_hidden_with_the_totals_and_changes_that_would_reveal_them() -> None:
    cases = (
        *(evicted("A", 2013) for _ in range(5)),
        *(evicted("A", 2014) for _ in range(4)),
        evicted("B", 2014),  # 1 in 2014: hidden
        *(moved("B", 2014) for _ in range(2)),  # 2 in 2014: hidden
    )
    report = suppress_report(
        build_report(StatsInput(cases=cases, estates={"A": "A", "B": "B"}), (2013, 2014)), 3
    )
    ev = report.table("evicted")
    assert cell_text(ev.cell("B", 1), "count", 3) == "<3"
    assert not ev.cell("A", 1).suppressed  # 4: exact
    assert ev.cell("total", 1).suppressed  # 5 − 4 would give B's 1 back
    assert not ev.cell("total", 0).suppressed  # nothing hidden in 2013
    assert next(r for r in ev.rows if r.key == "B").change is not None
    assert next(r for r in ev.rows if r.is_total).change.suppressed  # type: ignore[union-attr]
    # Total = moves + evictions: B's total (3) would give the hidden parts back
    assert report.table("total").cell("B", 1).suppressed
    assert report.table("cost").cell("saved", 1).suppressed
    text = pdf_text(stats_pdf(report, ReportMeta("R", dt.date(2026, 3, 10), (), threshold=3)))
    assert "<3" in text and "skjult" in text
    assert "Antal under 3 vises som »<3«" in text
    book = load_workbook(
        io.BytesIO(stats_xlsx(report, ReportMeta("R", dt.date(2026, 3, 10), (), threshold=3)))
    )
    row_b = next(r for r in book["Ophævelse og fogedudsættelse"].iter_rows(values_only=True) if r[0] == "B")
    assert row_b[2] == "<3"


def test_no_personal_data_in_the_exports() -> None:
    cases = (evicted("A", 2014),)
    report = build_report(StatsInput(cases=cases, estates={"A": "Engparken"}), (2014,))
    text = pdf_text(stats_pdf(report, META))
    assert cases[0].number not in text.split() and cases[0].id not in text


def test_the_longest_estate_name_wraps_in_the_pdf_and_the_chart() -> None:
    long_name = "Afdeling " + "Langtnavnsvænget og Omegnens Boligforenings Afdeling " * 4
    data = StatsInput(cases=(evicted("x", 2014), moved("x", 2013)), estates={"x": long_name.strip()})
    text = pdf_text(stats_pdf(build_report(data, (2013, 2014)), META))
    first_table = text.split("Fraflytninger efter ophævelser", 1)[1].split("Definition:", 1)[0]
    wrapped = [line for line in first_table.splitlines() if "Langtnavnsvænget" in line]
    assert len(wrapped) >= 2, "the name wraps onto several lines instead of running over the numbers"
