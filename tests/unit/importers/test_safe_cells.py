"""Every CSV/XLSX cell BoligDesk writes goes through one function: nothing in it runs as a formula."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from boligdesk.importers.table_file import XLSX_CELL_LIMIT, csv_bytes, safe_cell, write_table


@pytest.mark.parametrize(
    ("text", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+45 61 62 63 64", "'+45 61 62 63 64"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("-500", "-500"),
        ("-1.234,50", "-1.234,50"),
        ("Åse", "Åse"),
        ("", ""),
    ],
)
def test_a_csv_cell_that_could_run_as_a_formula_gets_an_apostrophe(text: str, safe: str) -> None:
    assert safe_cell(text, "csv") == safe


def test_an_xlsx_cell_loses_the_characters_excel_cannot_hold_and_is_capped() -> None:
    assert safe_cell("12-\x070101\x00", "xlsx") == "12-\ufffd0101\ufffd"
    long = safe_cell("Å" * 100_000, "xlsx")
    assert len(long) == XLSX_CELL_LIMIT and long.endswith("…")


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=40))
def test_no_csv_cell_written_starts_like_a_formula(text: str) -> None:
    data = csv_bytes(["Navn"], [[text]])
    [_, [cell]] = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert cell == safe_cell(text, "csv")
    if cell[:1] in ("=", "+", "@", "\t", "\r"):
        pytest.fail(f"formula-like cell written: {cell!r}")
    if cell.startswith("-"):
        assert safe_cell(text, "csv") == text and text[1:].replace(".", "").replace(",", "").isdigit()


def test_the_header_row_is_neutralised_too() -> None:
    data = csv_bytes(["=Navn"], [])
    assert data.decode("utf-8-sig") == "'=Navn\r\n"


def test_an_xlsx_with_control_characters_and_a_huge_cell_is_written(tmp_path: Path) -> None:
    path = tmp_path / "afviste.xlsx"
    write_table(path, ["Lejemålsnr.", "Navn"], [["12-\x070101", "x" * 100_000]])
    workbook = load_workbook(path)
    sheet = workbook.active
    assert sheet is not None
    assert sheet.cell(row=2, column=1).value == "12-\ufffd0101"
    assert len(str(sheet.cell(row=2, column=2).value)) == XLSX_CELL_LIMIT
    workbook.close()
