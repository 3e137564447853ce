"""Issue 11, item 12: implausible rows of a termination list are rejected one by one, with a reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from boligdesk.budget.money import Money
from boligdesk.importers.terminations import TerminationList, read_termination_list
from tests.unit.importers.list_files import TODAY
from tests.unit.importers.malformed_files import csv_with, row_with
from tests.unit.importers.test_terminations import ESTATES


def _read(tmp_path: Path, row: list[str]) -> TerminationList:
    return read_termination_list(csv_with(tmp_path, [row]), ESTATES, TODAY)


def _reason(tmp_path: Path, **changes: str) -> str:
    result = _read(tmp_path, row_with(0, **changes))
    assert not result.rows, "the row must be rejected"
    [rejected] = result.rejected
    return rejected.reason


def test_arrears_above_the_plausible_bound_reject_the_row(tmp_path: Path) -> None:
    reason = _reason(tmp_path, Restance="1.000.000,01", Husleje="")
    assert reason == "Restance: En restance på 1.000.000,01 kr. er usandsynlig. Tjek beløbet."


def test_arrears_of_more_than_ten_years_of_rent_reject_the_row(tmp_path: Path) -> None:
    reason = _reason(tmp_path, Restance="600.001", Husleje="5.000")
    assert reason == (
        "Restance: En restance på 600.001,00 kr. svarer til mere end 10 års husleje "
        "(5.000,00 kr. om måneden). Tjek beløbet."
    )


def test_arrears_of_exactly_ten_years_of_rent_are_imported(tmp_path: Path) -> None:
    result = _read(tmp_path, row_with(0, Restance="600.000", Husleje="5.000"))
    assert [r.arrears for r in result.rows] == [Money.kr(600_000)]


@pytest.mark.parametrize(
    ("column", "text"),
    [
        ("Ophævelsesdato", "01.01.0001"),
        ("Ophævelsesdato", "0001-01-01"),
        ("Påkravsdato", "31.12.1899"),
        ("Påkravsdato", "01.01.0001"),
    ],
)
def test_a_date_before_1900_rejects_the_row_and_never_becomes_2001(
    tmp_path: Path, column: str, text: str
) -> None:
    reason = _reason(tmp_path, **{column: text})
    assert reason.startswith(f"{column}: "), reason
    assert "1900" in reason and "2001" not in reason, reason


@pytest.mark.parametrize(
    ("column", "text"),
    [
        ("Lejemålsnr.", "12-\n0101"),
        ("Lejemålsnr.", "12-\r0101"),
        ("Lejemålsnr.", "12-\x070101"),
        ("Lejemålsnr.", "12-01\u202801"),
        ("Lejers navn", "Åse\x07Kjærgård"),
        ("Adresse", "Solvænget\x1b 4"),
    ],
)
def test_newlines_and_control_characters_in_ids_and_names_reject_the_row(
    tmp_path: Path, column: str, text: str
) -> None:
    reason = _reason(tmp_path, **{column: text})
    assert reason.startswith(f"{column}: ") and "kontroltegn" in reason, reason


def test_a_100000_character_name_rejects_the_row_with_a_short_reason(tmp_path: Path) -> None:
    reason = _reason(tmp_path, **{"Lejers navn": "Å" * 100_000})
    assert reason == "Lejers navn: Fornavnet er for lang (højst 120 tegn)."


def test_a_huge_value_is_shortened_where_a_reason_quotes_it(tmp_path: Path) -> None:
    reason = _reason(tmp_path, Restance="x" * 100_000)
    assert reason.startswith("Restance: »xxxx") and "…«" in reason and len(reason) < 200, reason


def test_text_starting_like_a_formula_is_imported_as_the_text_it_is(tmp_path: Path) -> None:
    result = _read(tmp_path, row_with(0, **{"Lejers navn": "=HYPERLINK(1) @SUM"}))
    [row] = result.rows
    assert (row.first_name, row.last_name) == ("=HYPERLINK(1)", "@SUM")
