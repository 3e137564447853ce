"""The PDF and the XLSX read back: tables, change in %, definitions, data horizon, who and when; numbers
as numbers; hostile text stays text; small cells and what would reveal them are hidden."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

import pdfplumber
import pytest
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
        *(moved("B", 2014) for _ in range(5)),  # 5 in 2014: exact
        evicted("C", 2014),  # 1 and
        *(moved("C", 2014) for _ in range(2)),  # 2: both hidden, their total 3 may stay
    )
    report = suppress_report(
        build_report(StatsInput(cases=cases, estates={"A": "A", "B": "B", "C": "C"}), (2013, 2014)), 3
    )
    ev = report.table("evicted")
    assert cell_text(ev.cell("B", 1), "count", 3) == "<3"
    assert not ev.cell("A", 1).suppressed  # 4: exact
    assert ev.cell("total", 1).suppressed  # 6 − 4 would give B's and C's 1 + 1 back
    assert not ev.cell("total", 0).suppressed  # nothing hidden in 2013
    assert next(r for r in ev.rows if r.key == "B").change is not None
    assert next(r for r in ev.rows if r.is_total).change.suppressed  # type: ignore[union-attr]
    # Total = moves + evictions: B's total 6 − its exact 5 moves would give the hidden eviction back
    total = report.table("total")
    assert total.cell("B", 1).suppressed and cell_text(total.cell("B", 1), "count", 3) == "skjult"
    assert not report.table("moved_out").cell("B", 1).suppressed
    # C: both parts hidden; their total is hidden too (conservative)
    assert total.cell("C", 1).suppressed
    # and the moves' column: A 0, B 5, C hidden: the moves' total must go (or C's 2 comes back)
    assert report.table("moved_out").cell("total", 1).suppressed
    assert _no_hidden_count_can_be_worked_out(report)
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


def _no_hidden_count_can_be_worked_out(report: object) -> bool:
    """Every sum with a hidden part is hidden itself, and no sum is the only hidden member of its sum."""
    from boligdesk.reports.present import _constraints

    tables = {t.key: t for t in report.tables}  # type: ignore[attr-defined]
    for parts, total in _constraints(tables):
        part_cells = [tables[k].rows[r].cells[c] for k, r, c in parts]
        total_cell = tables[total[0]].rows[total[1]].cells[total[2]]
        if any(p.suppressed for p in part_cells) and total_cell.value and not total_cell.suppressed:
            return False
        if sum(m.suppressed for m in [*part_cells, total_cell]) == 1:
            return False
    return True


def test_suppression_holds_on_random_small_reports() -> None:
    import random

    from boligdesk.reports.facts import PlanFact

    for seed in range(40):
        rng = random.Random(seed)
        estates = {e: e for e in "ABCD"}
        cases = []
        for estate in estates:
            for year in (2013, 2014):
                cases += [evicted(estate, year) for _ in range(rng.randrange(0, 5))]
                cases += [moved(estate, year) for _ in range(rng.randrange(0, 5))]
        plans = tuple(
            PlanFact(
                f"p{i}",
                c.id,
                None,
                rng.choice(["active", "fulfilled", "broken"]),
                dt.date(2014, 2, 1),
                dt.date(2014, 2, 1),
            )
            for i, c in enumerate(cases)
            if rng.random() < 0.3
        )
        threshold = rng.choice([2, 3, 5])
        report = suppress_report(
            build_report(StatsInput(cases=tuple(cases), plans=plans, estates=estates), (2013, 2014)),
            threshold,
        )
        assert _no_hidden_count_can_be_worked_out(report), seed
        for table in report.tables:
            for row in table.rows:
                for cell in row.cells:
                    text = cell_text(cell, row.kind, threshold)
                    if row.kind == "count" and cell.value and 0 < cell.value < threshold:
                        assert cell.suppressed and text == f"<{threshold}", (seed, table.key, row.label)
                    if text == f"<{threshold}":
                        assert cell.value is not None and cell.value < threshold  # never a false »<n«


@pytest.mark.parametrize("laptops", range(1, 40, 5))
def test_the_estate_charts_heading_is_never_left_alone_at_the_foot_of_a_page(laptops: int) -> None:
    # One horizon line per laptop moves everything below it down the pages: somewhere the heading lands
    # at the foot of a page, where it used to be printed alone with its charts on the next page.
    report = build_report(seed_input(baseline_years=(2011,)), seed004.YEARS)
    first_estate = report.table("moved_out").rows[0].label
    horizon = tuple(f"Computer {n:08x} — seneste ændring 10.03.2026 09:15" for n in range(laptops))
    meta = dataclasses.replace(META, horizon=horizon)
    with pdfplumber.open(io.BytesIO(stats_pdf(report, meta))) as pdf:
        pages = [page.extract_text() or "" for page in pdf.pages]
    [page] = [p for p in pages if "Udvikling pr. afdeling" in p]
    below = page.split("Udvikling pr. afdeling", 1)[1]
    assert first_estate in below  # the first charts, on the same page
