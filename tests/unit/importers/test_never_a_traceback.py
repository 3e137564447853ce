"""Issue 11, item 11: no termination list gives a traceback. Every file gets a Danish whole-file message
(:class:`ImportFileError`) or per-row rejects with reasons.

The corpus (:mod:`tests.unit.importers.malformed_files`) holds one file per failure once seen; the
Hypothesis tests cut and garble good files at random.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from boligdesk.importers.tabular import ImportFileError
from boligdesk.importers.terminations import TerminationList, read_termination_list
from tests.unit.importers.list_files import GOOD_ROWS, TODAY, write_csv
from tests.unit.importers.malformed_files import (
    SHEET,
    csv_with,
    good_xlsx_bytes,
    rezip,
    row_with,
    shared_string_sheet,
    xlsx_corpus,
    xlsx_with_cell,
)
from tests.unit.importers.test_terminations import ESTATES

_ENGLISH = re.compile(
    r"Error|error|Traceback|invalid literal|index out of range|field larger|token", re.ASCII
)


def _read(path: Path) -> TerminationList:
    return read_termination_list(path, ESTATES, TODAY)


def _refused(path: Path) -> ImportFileError:
    with pytest.raises(ImportFileError) as info:
        _read(path)
    message = info.value.message
    assert not _ENGLISH.search(message), message
    return info.value


def _only_reason(result: TerminationList) -> str:
    assert not result.rows
    [rejected] = result.rejected
    return rejected.reason


_CORPUS_NAMES = [
    "sheet-cut-in-half",
    "sheet-cut-after-one-row",
    "sheet-with-entity-bomb",
    "workbook-with-dtd",
    "shared-string-out-of-range",
    "shared-string-not-a-number",
    "number-cell-not-a-number",
    "number-cell-of-5000-digits",
    "zip-cut-in-half",
    "sheet-member-corrupted",
    "no-sheet-xml",
]


@pytest.mark.parametrize("name", _CORPUS_NAMES)
def test_a_broken_xlsx_is_refused_as_a_whole_in_danish(tmp_path: Path, name: str) -> None:
    path = tmp_path / "liste.xlsx"
    path.write_bytes(xlsx_corpus(tmp_path)[name])
    error = _refused(path)
    assert "»liste.xlsx«" in error.message
    assert error.code.startswith("import.")


def test_an_xlsx_with_a_dtd_is_refused_before_any_entity_is_expanded(tmp_path: Path) -> None:
    path = tmp_path / "liste.xlsx"
    path.write_bytes(xlsx_corpus(tmp_path)["sheet-with-entity-bomb"])
    error = _refused(path)
    assert error.code == "import.xlsx_dtd"
    assert "aaaa" not in error.message


def test_a_csv_cell_over_128_kib_is_a_danish_whole_file_message(tmp_path: Path) -> None:
    path = csv_with(tmp_path, [GOOD_ROWS[0], row_with(1, **{"Lejers navn": "x" * 140_000})])
    error = _refused(path)
    assert error.code == "import.cell_too_large"
    assert "række 3" in error.message


def test_a_csv_cell_over_128_kib_in_the_first_lines_is_refused_too(tmp_path: Path) -> None:
    """The separator guess reads the first lines with the csv module as well."""
    path = csv_with(tmp_path, [row_with(0, Adresse="v" * 200_000)])
    assert _refused(path).code == "import.cell_too_large"


@pytest.mark.parametrize(
    "arrears", ["123456789012345678901234567890", "1" + "0" * 24, "99999999999999999999,99"]
)
def test_absurd_arrears_in_a_csv_reject_the_row_with_a_reason(tmp_path: Path, arrears: str) -> None:
    reason = _only_reason(_read(csv_with(tmp_path, [row_with(0, Restance=arrears)])))
    assert reason.startswith("Restance: ") and "for stort" in reason, reason


@pytest.mark.parametrize(
    "column", ["Restance", "Husleje", "Lejemålsnr.", "Lejers navn", "Ophævelsesdato", "Afd."]
)
@pytest.mark.parametrize("value", [1e300, -1e300, 1e-300, 1.7976931348623157e308])
def test_an_xlsx_number_cell_of_any_size_is_read_or_rejected_per_row(
    tmp_path: Path, column: str, value: float
) -> None:
    result = _read(xlsx_with_cell(tmp_path, column, value))
    assert len(result.rows) + len(result.rejected) == 3
    for rejected in result.rejected:
        assert rejected.reason and len(rejected.reason) < 400, rejected.reason


def test_an_xlsx_arrears_cell_of_1e300_rejects_the_row_saying_why(tmp_path: Path) -> None:
    result = _read(xlsx_with_cell(tmp_path, "Restance", 1e300))
    [rejected] = result.rejected
    assert rejected.line == 2
    assert rejected.reason.startswith("Restance: ") and "for stort" in rejected.reason


# --- generated: good files cut and garbled at random ---------------------------------------------

_FUZZ = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _read_or_refuse(path: Path) -> None:
    try:
        result = _read(path)
    except ImportFileError as exc:
        assert exc.message and not _ENGLISH.search(exc.message), exc.message
        return
    for rejected in result.rejected:
        assert rejected.reasons


@_FUZZ
@given(data=st.data())
def test_a_cut_or_garbled_xlsx_sheet_never_gives_a_traceback(tmp_path: Path, data: st.DataObject) -> None:
    good = good_xlsx_bytes(tmp_path)
    if data.draw(st.booleans(), label="shared strings"):
        good = shared_string_sheet(good)
    junk = st.sampled_from(
        [
            b"<",
            b">",
            b"&",
            b"&amp",
            b"<!DOCTYPE x>",
            b"<v>",
            b"</c>",
            b'"',
            b"\x00",
            b"9" * 30,
            b"1e999",
            b"-",
        ]
    )

    def garble(content: bytes) -> bytes:
        cut = data.draw(st.integers(0, len(content)), label="cut")
        if data.draw(st.booleans(), label="truncate"):
            return content[:cut]
        return content[:cut] + data.draw(junk, label="junk") + content[cut:]

    path = tmp_path / "liste.xlsx"
    path.write_bytes(rezip(good, lambda name, b: garble(b) if name == SHEET else b))
    _read_or_refuse(path)


@_FUZZ
@given(
    cut=st.integers(min_value=0, max_value=4000),
    junk=st.binary(min_size=0, max_size=20),
)
def test_a_cut_xlsx_file_never_gives_a_traceback(tmp_path: Path, cut: int, junk: bytes) -> None:
    good = good_xlsx_bytes(tmp_path)
    path = tmp_path / "liste.xlsx"
    path.write_bytes(good[: max(4, cut)] + junk)
    _read_or_refuse(path)


_CELL_TEXT = st.one_of(
    st.text(max_size=30),
    st.from_regex(r"[0-9.,\-e ]{1,40}", fullmatch=True),
    st.sampled_from(["1" + "0" * 24, "01.01.0001", "31.12.1899", "=1+1", "@SUM(A1)", "12-\n0101", "\x07"]),
)


@_FUZZ
@given(cells=st.lists(_CELL_TEXT, min_size=11, max_size=11))
def test_any_text_in_any_csv_cell_is_read_or_rejected_per_row(tmp_path: Path, cells: list[str]) -> None:
    path = write_csv(tmp_path / "liste.csv", [GOOD_ROWS[0], cells], encoding="utf-8")
    _read_or_refuse(path)
