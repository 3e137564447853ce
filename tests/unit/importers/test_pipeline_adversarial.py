"""The one import pipeline, attacked the same way through all three lists: the termination list, the new
tenants and the caseload. Hostile files (zero bytes, a BOM, ``;`` or ``,``, damaged XLSX cells), Danish
amounts and dates, empty rows, the same tenancy twice, New Year, the longest name: each gives a clear
Danish reason with its row number, never a traceback, and the same answer in every list where the rule
is shared (the tenant, the address, the phone and e-mail, the estate, the repeats, the whole file).

Every name, address and number here is invented.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from boligdesk.budget.money import Money
from boligdesk.importers.caseload import CASELOAD
from boligdesk.importers.new_tenants import NEW_TENANTS
from boligdesk.importers.pipeline import EstateRef, ListSpec, ParsedList, read_list
from boligdesk.importers.tabular import ImportFileError
from boligdesk.importers.terminations import TERMINATIONS
from tests.unit.importers.list_files import write_csv, write_xlsx

TODAY = dt.date(2026, 12, 31)  # New Year's Eve: dates in the new year are next year, not next century
ESTATES = [EstateRef("estate-12", "012", "Solbakken"), EstateRef("estate-14", "014", "Kærhaven")]


@dataclass(frozen=True)
class ListKind:
    """One list: its spec, its header and a good row (cells by header) to break one cell of."""

    name: str
    spec: ListSpec  # type: ignore[type-arg]
    header: tuple[str, ...]
    good: dict[str, str]

    def row(self, **changes: str) -> list[str]:
        values = {**self.good, **changes}
        return [values.get(h, "") for h in self.header]


COMMON = {
    "Lejemålsnr.": "12-0101",
    "Navn": "Åse Kjærgård",
    "Adresse": "Solvænget 4, 2. tv",
    "Postnr.": "2400",
    "By": "København NV",
    "Afd.": "12",
    "Husleje": "6.512,00",
    "Telefon": "20 30 40 50",
    "E-mail": "aase@eksempel.dk",
}
LISTS = [
    ListKind(
        "ophævelser",
        TERMINATIONS,
        (*COMMON, "Restance", "Ophævelsesdato", "Påkravsdato"),
        {**COMMON, "Restance": "8.412,50", "Ophævelsesdato": "05.12.2026", "Påkravsdato": "17.11.2026"},
    ),
    ListKind(
        "nye lejere", NEW_TENANTS, (*COMMON, "Indflytningsdato"), {**COMMON, "Indflytningsdato": "01.12.2026"}
    ),
    ListKind(
        "sagsark",
        CASELOAD,
        (*COMMON, "Sagstype", "Oprettet", "Restance", "Ophævelsesdato", "Rådgiver", "Noter"),
        {**COMMON, "Sagstype": "Fastholdelse", "Oprettet": "14.01.2026", "Restance": "8.412,50"},
    ),
]
BY_NAME = {kind.name: kind for kind in LISTS}
each_list = pytest.mark.parametrize("kind", LISTS, ids=[k.name for k in LISTS])


def _read(kind: ListKind, path: Path) -> ParsedList:  # type: ignore[type-arg]
    return read_list(path, kind.spec, ESTATES, TODAY)


def _csv(kind: ListKind, tmp_path: Path, rows: Sequence[Sequence[str]], **options: object) -> Path:
    return write_csv(tmp_path / f"{kind.name}.csv", rows, header=kind.header, **options)  # type: ignore[arg-type]


def _reasons(result: ParsedList) -> dict[int, str]:  # type: ignore[type-arg]
    return {r.line: r.reason for r in result.rejected}


# --- the whole file ----------------------------------------------------------------------------------


@each_list
def test_a_zero_byte_file_is_refused_in_danish_by_every_list(kind: ListKind, tmp_path: Path) -> None:
    path = tmp_path / "tom.csv"
    path.write_bytes(b"")
    with pytest.raises(ImportFileError) as caught:
        _read(kind, path)
    assert caught.value.message == "Filen »tom.csv« er tom."


@each_list
def test_a_file_of_blank_lines_and_separators_is_refused_as_empty_or_headerless(
    kind: ListKind, tmp_path: Path
) -> None:
    path = tmp_path / "blank.csv"
    path.write_bytes(b";;;\r\n\r\n;;\r\n")
    with pytest.raises(ImportFileError) as caught:
        _read(kind, path)
    assert "indeholder ingen rækker" in caught.value.message or "mangler kolonne" in caught.value.message


@each_list
@pytest.mark.parametrize(
    ("delimiter", "encoding", "bom"),
    [
        (";", "cp1252", False),
        (";", "utf-8", True),
        (",", "utf-8", True),
        (",", "utf-8", False),
        ("\t", "utf-8", True),
    ],
    ids=["semikolon-cp1252", "semikolon-bom", "komma-bom", "komma", "tab-bom"],
)
def test_bom_and_separator_do_not_change_what_is_read(
    kind: ListKind, tmp_path: Path, delimiter: str, encoding: str, bom: bool
) -> None:
    """``1.234,50`` holds a comma: a comma-separated file quotes it, and the amount still comes out right."""
    rows = [kind.row(), kind.row(**{"Lejemålsnr.": "12-0102", "Navn": "Søren Øbro", "Husleje": "1.234,50"})]
    result = _read(kind, _csv(kind, tmp_path, rows, delimiter=delimiter, encoding=encoding, bom=bom))
    assert result.rejected == ()
    assert [r.line for r in result.rows] == [2, 3]
    first, second = result.rows
    assert first.first_name == "Åse", "the BOM is not part of the first header or cell"
    assert first.rent == Money(651_200)  # type: ignore[attr-defined]
    assert second.rent == Money(123_450)  # type: ignore[attr-defined]


# --- Danish amounts and dates --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "ore"),
    [("1.234,50", 123_450), ("1234,5", 123_450), ("kr. 1.234,50", 123_450), ("1.234", 123_400), ("0,00", 0)],
)
@pytest.mark.parametrize("name", ["ophævelser", "sagsark"])
def test_danish_amounts_are_read_alike_by_the_lists_with_arrears(
    name: str, text: str, ore: int, tmp_path: Path
) -> None:
    kind = BY_NAME[name]
    result = _read(kind, _csv(kind, tmp_path, [kind.row(Restance=text)]))
    assert result.rejected == (), _reasons(result)
    assert result.rows[0].arrears == Money(ore)  # type: ignore[attr-defined]


@each_list
@pytest.mark.parametrize("text", ["12,345", "-500,00", "mange penge", "1.000.000.000"])
def test_a_bad_rent_is_left_out_with_the_same_warning_in_every_list(
    kind: ListKind, text: str, tmp_path: Path
) -> None:
    result = _read(kind, _csv(kind, tmp_path, [kind.row(Husleje=text)]))
    assert result.rejected == (), "a bad optional value never stops a tenant's row"
    (row,) = result.rows
    assert row.rent is None  # type: ignore[attr-defined]
    (warning,) = row.warnings
    assert warning.startswith("Husleje") and warning.endswith("Værdien er ikke importeret.")
    assert warning == _rent_warning(text, tmp_path), "the same words in every list"


def _rent_warning(text: str, tmp_path: Path) -> str:
    kind = BY_NAME["nye lejere"]
    result = _read(kind, write_csv(tmp_path / "ref.csv", [kind.row(Husleje=text)], header=kind.header))
    return result.rows[0].warnings[0]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("05.12.2026", dt.date(2026, 12, 5)),
        ("5-12-2026", dt.date(2026, 12, 5)),
        ("2026-12-05", dt.date(2026, 12, 5)),
        ("5. december 2026", dt.date(2026, 12, 5)),
        ("05.12.2026 kl. 10:30", dt.date(2026, 12, 5)),
    ],
)
def test_danish_dates_are_read_alike_by_every_list(text: str, day: dt.date, tmp_path: Path) -> None:
    columns = {"ophævelser": "Ophævelsesdato", "nye lejere": "Indflytningsdato", "sagsark": "Oprettet"}
    for kind in LISTS:
        result = _read(kind, _csv(kind, tmp_path, [kind.row(**{columns[kind.name]: text})]))
        assert result.rejected == (), (kind.name, _reasons(result))
        attribute = {"ophævelser": "termination_on", "nye lejere": "move_in_on", "sagsark": "opened_on"}
        assert getattr(result.rows[0], attribute[kind.name]) == day


# --- New Year --------------------------------------------------------------------------------------------


def test_a_row_crossing_new_year_is_next_year_not_a_typing_error(tmp_path: Path) -> None:
    """On 31.12.2026 a termination or a move-in on 02.01.2027 is two days ahead; one in 2028 is a typo in
    the year; a caseload case cannot have been opened in the new year yet."""
    terminations, new_tenants, caseload = LISTS
    soon = _read(terminations, _csv(terminations, tmp_path, [terminations.row(Ophævelsesdato="02.01.2027")]))
    assert soon.rows[0].termination_on == dt.date(2027, 1, 2)  # type: ignore[attr-defined]
    moving = _read(new_tenants, _csv(new_tenants, tmp_path, [new_tenants.row(Indflytningsdato="02.01.2027")]))
    assert moving.rows[0].move_in_on == dt.date(2027, 1, 2)  # type: ignore[attr-defined]
    typo = _read(terminations, _csv(terminations, tmp_path, [terminations.row(Ophævelsesdato="02.01.2028")]))
    assert typo.rejected[0].reason == (
        "Ophævelsesdato: Datoen 02.01.2028 ligger mere end et år ude i fremtiden. Tjek årstallet."
    )
    future = _read(caseload, _csv(caseload, tmp_path, [caseload.row(Oprettet="01.01.2027")]))
    assert future.rejected[0].reason == "Oprettet: Sagen kan ikke oprettes med en dato i fremtiden."
    # The påkrav in December, the termination in January: in order across the year's end.
    across = _read(
        terminations,
        _csv(
            terminations, tmp_path, [terminations.row(Påkravsdato="28.12.2026", Ophævelsesdato="04.01.2027")]
        ),
    )
    assert across.rejected == ()


# --- empty rows, sum rows, repeats --------------------------------------------------------------------


@each_list
def test_empty_rows_are_skipped_and_rows_keep_the_numbers_excel_shows(kind: ListKind, tmp_path: Path) -> None:
    blank = [""] * len(kind.header)
    rows = [kind.row(), blank, blank, kind.row(**{"Lejemålsnr.": "12-0102", "Navn": "Søren Øbro"}), blank]
    result = _read(kind, _csv(kind, tmp_path, rows))
    assert [r.line for r in result.rows] == [2, 5]
    assert result.rejected == ()


@each_list
def test_the_same_tenancy_twice_is_imported_once_when_the_rows_agree(kind: ListKind, tmp_path: Path) -> None:
    result = _read(kind, _csv(kind, tmp_path, [kind.row(), kind.row(Husleje="6512")]))
    assert [r.line for r in result.rows] == [2]
    (repeat,) = result.rejected
    assert repeat.line == 3
    assert "samme oplysninger som række 2" in repeat.reason and "kun importeret én gang" in repeat.reason


@each_list
def test_the_same_tenancy_twice_with_different_facts_is_not_imported_at_all(
    kind: ListKind, tmp_path: Path
) -> None:
    result = _read(kind, _csv(kind, tmp_path, [kind.row(), kind.row(Adresse="Solvænget 6")]))
    assert result.rows == ()
    assert [r.line for r in result.rejected] == [2, 3]
    for rejected in result.rejected:
        assert "flere gange" in rejected.reason and "række 2 og 3" in rejected.reason


@each_list
def test_a_sum_row_is_skipped_not_rejected(kind: ListKind, tmp_path: Path) -> None:
    total = [""] * len(kind.header)
    total[0] = "I alt"
    result = _read(kind, _csv(kind, tmp_path, [kind.row(), total]))
    assert result.total_lines == (3,)
    assert result.rejected == ()


# --- the longest name ------------------------------------------------------------------------------------


@each_list
def test_the_longest_name_is_taken_and_one_character_more_is_a_danish_reason(
    kind: ListKind, tmp_path: Path
) -> None:
    longest = "Å" * 120
    rows = [
        kind.row(Navn=f"{longest} {longest}"),
        kind.row(**{"Lejemålsnr.": "12-0102", "Navn": f"{longest}Ø {longest}"}),
        kind.row(**{"Lejemålsnr.": "12-0103", "Navn": f"Ib {longest}Ø"}),
    ]
    result = _read(kind, _csv(kind, tmp_path, rows, encoding="utf-8"))
    assert [r.line for r in result.rows] == [2]
    assert result.rows[0].tenant_name == f"{longest} {longest}"
    assert _reasons(result) == {
        3: "Navn: Fornavnet er for lang (højst 120 tegn).",
        4: "Navn: Efternavnet er for lang (højst 120 tegn).",
    }


# --- malformed XLSX cells ----------------------------------------------------------------------------


@each_list
def test_malformed_xlsx_cells_are_danish_reasons_or_warnings_never_tracebacks(
    kind: ListKind, tmp_path: Path
) -> None:
    """An amount that is a date, a float with binary noise, a yes/no cell, a number as the name and a
    tenancy number typed as a number: each read the way the sender meant, or named."""
    good = kind.row()
    date_column = {"ophævelser": "Ophævelsesdato", "nye lejere": "Indflytningsdato", "sagsark": "Oprettet"}[
        kind.name
    ]

    def typed(**cells: object) -> list[object]:
        row: list[object] = list(good)
        for header, value in cells.items():
            row[kind.header.index(header)] = value
        return row

    rows = [
        typed(**{"Lejemålsnr.": 120101, "Husleje": 6512.1 + 0.2}),
        typed(**{"Lejemålsnr.": "12-0102", "Husleje": dt.datetime(2026, 3, 5)}),
        typed(**{"Lejemålsnr.": "12-0103", "Navn": 4242, date_column: True}),
        typed(**{"Lejemålsnr.": "12-0104", date_column: 46000.5}),
    ]
    path = write_xlsx(tmp_path / f"{kind.name}.xlsx", rows, header=kind.header)
    result = _read(kind, path)
    by_line = {r.line: r for r in result.rows}
    assert by_line[2].tenancy_number == "120101"  # type: ignore[attr-defined]
    assert by_line[2].rent == Money(651_230), "6512,1 + 0,2 in binary is 6512,3 to the øre"  # type: ignore[attr-defined]
    assert by_line[3].rent is None  # type: ignore[attr-defined]
    assert by_line[3].warnings == (
        "Husleje: »05.03.2026« er en dato, ikke et beløb. Værdien er ikke importeret.",
    )
    reasons = _reasons(result)
    assert set(reasons) == {4, 5}
    label = {"ophævelser": "Ophævelsesdato", "nye lejere": "Indflytningsdato", "sagsark": "Oprettet"}[
        kind.name
    ]
    assert reasons[4] == f"{label}: »Ja« er ikke en dato. Skriv dag.måned.år, fx 24.11.2026."
    assert reasons[5].startswith(f"{label}: »46000,5« er ikke en dato."), reasons[5]


@each_list
def test_a_cut_xlsx_is_refused_as_a_whole_in_danish(kind: ListKind, tmp_path: Path) -> None:
    data = write_xlsx(tmp_path / "hel.xlsx", [kind.row()], header=kind.header).read_bytes()
    cut = tmp_path / "halv.xlsx"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(ImportFileError) as caught:
        _read(kind, cut)
    assert "kan ikke læses som et Excel-regneark" in caught.value.message


# --- the shared rules give the same answer in every list ------------------------------------------------

_hostile_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",))
    | st.sampled_from("\n\r\t\x00\x1b ;,\"'=+-@"),
    max_size=140,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    name=_hostile_text, address=_hostile_text, phone=_hostile_text, email=_hostile_text, estate=_hostile_text
)
def test_hostile_shared_cells_get_the_same_answer_in_every_list(
    tmp_path_factory: pytest.TempPathFactory, name: str, address: str, phone: str, email: str, estate: str
) -> None:
    """Whatever the tenant, address, phone, e-mail and estate cells hold (control characters, quotes,
    separators, formulas, 140 characters; an empty estate is the one per-list rule, so it is filled):
    no traceback, and the three lists agree on whether the row is
    taken, on every reason and on every warning, because one pipeline reads those cells."""
    folder = tmp_path_factory.mktemp("hostile")
    answers = []
    for kind in LISTS:
        row = kind.row(
            Navn=name,
            Adresse=address,
            Telefon=phone,
            **{"E-mail": email, "Afd.": estate if estate.strip() else "12"},
        )
        try:
            result = _read(
                kind, write_csv(folder / f"{kind.name}.csv", [row], header=kind.header, encoding="utf-8")
            )
        except ImportFileError as exc:  # a NUL byte: not a text file at all
            answers.append(("file", exc.message.replace(kind.name, "")))
            continue
        if result.rows:
            row_read = result.rows[0]
            answers.append(("taken", row_read.tenant_name, row_read.address_line, row_read.warnings))
        elif result.rejected:
            reasons = result.rejected[0].reasons
            assert all(reason.strip() for reason in reasons), "every reason says something"
            answers.append(("rejected", reasons))
        else:
            answers.append(("skipped", result.total_lines))
    assert answers[0] == answers[1] == answers[2]
