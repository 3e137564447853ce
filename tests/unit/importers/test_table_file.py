"""The file of rejected rows that goes back to the landlord opens cleanly in Danish Excel."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from openpyxl import load_workbook

from boligdesk.importers.table_file import csv_bytes, write_table


def test_csv_is_semicolon_separated_utf8_with_bom() -> None:
    data = csv_bytes(["Navn", "Fejl"], [["Åse Kjærgård", "Adresse mangler."]])
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig") == "Navn;Fejl\r\nÅse Kjærgård;Adresse mangler.\r\n"


def test_cells_with_separators_and_quotes_survive_a_round_trip() -> None:
    rows = [["Solvænget 4; 2. tv", 'Han sagde "nej"', "linje 1\nlinje 2"]]
    data = csv_bytes(["a", "b", "c"], rows)
    assert list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))[1] == rows[0]


def test_a_cell_that_excel_would_run_as_a_formula_is_kept_as_text() -> None:
    data = csv_bytes(["Navn"], [['=HYPERLINK("http://example.invalid")'], ["@SUM(A1)"], ["-500"]])
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[1] == '"\'=HYPERLINK(""http://example.invalid"")"'
    assert lines[2] == "'@SUM(A1)"
    assert lines[3] == "-500", "a negative amount is data, not a formula"


def test_xlsx_keeps_leading_zeros_and_numbers_as_written(tmp_path: Path) -> None:
    path = tmp_path / "afviste.xlsx"
    write_table(path, ["Lejemålsnr.", "Restance", "Fejl"], [["0123", "1.234,50", "Fejl her"]])
    workbook = load_workbook(path)
    sheet = workbook.active
    assert sheet is not None
    assert [c.value for c in sheet[2]] == ["0123", "1.234,50", "Fejl her"]
    assert sheet.freeze_panes == "A2"
    workbook.close()


def test_any_other_suffix_gets_csv(tmp_path: Path) -> None:
    path = tmp_path / "afviste.txt"
    write_table(path, ["a"], [["b"]])
    assert path.read_bytes() == b"\xef\xbb\xbfa\r\nb\r\n"
