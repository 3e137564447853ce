"""Reading the files Danish offices produce: encodings, separators, XLSX cells, row numbers."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from boligdesk.importers.tabular import (
    ImportFileError,
    cell_text,
    decode_text,
    rank_delimiters,
    read_sheets,
    xlsx_value,
)

ROWS = [["Lejemålsnr.", "Navn", "Restance"], ["12-0101", "Åse Kjærgård", "1.234,50"]]


def _csv_bytes(rows: list[list[str]], delimiter: str) -> str:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


def _first_reading(path: Path) -> list[tuple[int, tuple[object, ...]]]:
    sheet = read_sheets(path)[0]
    return [(row.line, row.cells) for row in sheet.rows]


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("cp1252", b""), ("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("utf-16", b"")],
    ids=["windows-1252", "utf-8", "utf-8-bom", "utf-16-excel-unicode-text"],
)
def test_danish_letters_survive_every_encoding_excel_writes(
    tmp_path: Path, encoding: str, bom: bytes
) -> None:
    path = tmp_path / "liste.csv"
    path.write_bytes(bom + _csv_bytes(ROWS, ";").encode(encoding))
    assert _first_reading(path) == [
        (1, ("Lejemålsnr.", "Navn", "Restance")),
        (2, ("12-0101", "Åse Kjærgård", "1.234,50")),
    ]


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_the_separator_is_found_from_the_content(tmp_path: Path, delimiter: str) -> None:
    path = tmp_path / "liste.txt"
    path.write_text(_csv_bytes(ROWS, delimiter), encoding="utf-8")
    assert _first_reading(path)[1] == (2, ("12-0101", "Åse Kjærgård", "1.234,50"))


def test_semicolon_wins_over_commas_inside_danish_amounts_and_addresses() -> None:
    text = "Lejemål;Adresse;Restance\r\n1;Solvænget 4, 2. tv;1.234,50\r\n2;Kærhaven 1, st.;99,95\r\n"
    assert rank_delimiters(text)[0] == ";"


def test_excel_sep_line_sets_the_separator_and_is_not_a_row(tmp_path: Path) -> None:
    path = tmp_path / "liste.csv"
    path.write_text("sep=,\r\n" + _csv_bytes(ROWS, ","), encoding="utf-8")
    sheets = read_sheets(path)
    assert len(sheets) == 1
    assert sheets[0].rows[0].line == 1
    assert sheets[0].rows[0].cells[0] == "Lejemålsnr."


def test_row_numbers_are_the_ones_excel_shows_even_after_blank_rows(tmp_path: Path) -> None:
    path = tmp_path / "liste.csv"
    path.write_text("Titel;;\r\n;;\r\na;b;c\r\n\r\nd;e;f\r\n", encoding="utf-8")
    assert [line for line, _ in _first_reading(path)] == [1, 3, 5]


def test_non_breaking_spaces_and_padding_are_trimmed_and_empty_cells_are_none(tmp_path: Path) -> None:
    path = tmp_path / "liste.csv"
    path.write_text("a;b;c\r\n\u00a0x\u00a0;  ;y \r\n", encoding="utf-8")
    assert _first_reading(path)[1] == (2, ("x", None, "y"))


def test_xlsx_cells_keep_their_type_dates_numbers_and_text(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet["A1"] = "Titel"
    sheet["A3"] = "Dato"
    sheet["B3"] = "Beløb"
    sheet["D3"] = "Tekst"  # C3 left empty: the columns must not shift
    sheet["A4"] = dt.datetime(2026, 3, 5)
    sheet["B4"] = 1234.5
    sheet["D4"] = "Åse"
    path = tmp_path / "liste.xlsx"
    workbook.save(path)
    assert _first_reading(path) == [
        (1, ("Titel",)),
        (3, ("Dato", "Beløb", None, "Tekst")),
        (4, (dt.date(2026, 3, 5), Decimal("1234.5"), None, "Åse")),
    ]


def test_xlsx_is_recognised_by_its_content_whatever_the_file_is_called(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet["A1"] = "Lejemål"
    path = tmp_path / "liste.csv"
    workbook.save(path)
    assert _first_reading(path) == [(1, ("Lejemål",))]


def test_excel_float_noise_below_one_millionth_is_removed_and_floats_never_escape() -> None:
    assert xlsx_value(0.1 + 0.2) == Decimal("0.300000")
    assert xlsx_value(8412.5) == Decimal("8412.5")
    assert xlsx_value(12000) == Decimal(12000)
    assert xlsx_value(float("nan")) is None
    assert xlsx_value(True) == "Ja"
    assert not any(isinstance(xlsx_value(v), float) for v in (1.5, 2.0, 1e-9, 123456789.123))


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_every_amount_excel_can_store_reads_back_to_the_same_ore(amount: Decimal) -> None:
    # Excel stores the typed amount as a binary double; reading it back loses no øre.
    value = xlsx_value(float(amount))
    assert isinstance(value, Decimal)
    assert value.quantize(Decimal("0.01")) == amount


def test_cell_text_writes_dates_and_numbers_the_danish_way() -> None:
    assert cell_text(dt.date(2026, 3, 5)) == "05.03.2026"
    assert cell_text(Decimal("1234.50")) == "1234,5"
    assert cell_text(Decimal("100")) == "100"
    assert cell_text(None) == ""


def test_windows_1252_is_used_when_the_bytes_are_not_utf8() -> None:
    assert decode_text("Ærø;Øbro;Ålborg".encode("cp1252")) == "Ærø;Øbro;Ålborg"
    assert decode_text("Ærø".encode()) == "Ærø"


def test_old_xls_files_are_refused_with_advice_to_save_as_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "liste.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    with pytest.raises(ImportFileError) as err:
        read_sheets(path)
    assert err.value.message == (
        "»liste.xls« er i Excels gamle format (.xls). Åbn filen i Excel, vælg »Gem som« og gem den "
        "som Excel-projektmappe (.xlsx) eller CSV, og importér den igen."
    )


def test_a_binary_file_is_refused_as_neither_csv_nor_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "liste.pdf"
    path.write_bytes(b"%PDF-1.7\x00\x01\x02binary")
    with pytest.raises(ImportFileError) as err:
        read_sheets(path)
    assert err.value.code == "import.unknown_format"
    assert err.value.message == (
        "»liste.pdf« er hverken en CSV-fil eller et Excel-regneark (.xlsx). "
        "Gem listen fra Excel som .xlsx eller CSV og prøv igen."
    )


def test_a_broken_xlsx_is_refused_with_a_danish_message(tmp_path: Path) -> None:
    path = tmp_path / "liste.xlsx"
    path.write_bytes(b"PK\x03\x04 this is not really a zip file")
    with pytest.raises(ImportFileError) as err:
        read_sheets(path)
    assert err.value.code == "import.bad_xlsx"
    assert "kan ikke læses som et Excel-regneark" in err.value.message


def test_missing_and_empty_files_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError) as err:
        read_sheets(tmp_path / "findes-ikke.csv")
    assert err.value.message == f"Filen »{tmp_path / 'findes-ikke.csv'}« findes ikke."
    empty = tmp_path / "tom.csv"
    empty.write_bytes(b"\r\n  \r\n")
    with pytest.raises(ImportFileError) as err:
        read_sheets(empty)
    assert err.value.message == "Filen »tom.csv« er tom."


_CELL = st.text(alphabet="abcæøåABCÆØÅ0123456789 .-", min_size=1, max_size=12).map(str.strip).filter(bool)


@given(
    st.sampled_from([";", ",", "\t"]),
    st.integers(min_value=2, max_value=8).flatmap(
        lambda width: st.lists(st.lists(_CELL, min_size=width, max_size=width), min_size=2, max_size=8)
    ),
)
def test_the_separator_a_table_was_written_with_is_ranked_first(
    delimiter: str, rows: list[list[str]]
) -> None:
    assert rank_delimiters(_csv_bytes(rows, delimiter))[0] == delimiter
