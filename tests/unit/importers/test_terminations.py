"""Reading and checking a whole termination list: good rows through, every bad row with its reason."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from boligdesk.budget.money import Money
from boligdesk.importers.tabular import ImportFileError
from boligdesk.importers.terminations import (
    EstateRef,
    TerminationList,
    TerminationRow,
    read_termination_list,
)
from tests.unit.importers.list_files import GOOD_ROWS, HEADER, TODAY, write_csv, write_xlsx, xlsx_typed_rows

ESTATES = [
    EstateRef("estate-12", "012", "Solbakken"),
    EstateRef("estate-14", "014", "Kærhaven"),
    EstateRef("estate-3a", "3", "Lindely"),
    EstateRef("estate-3b", "03", "Lindely Øst"),
]


def _read(path: Path) -> TerminationList:
    return read_termination_list(path, ESTATES, TODAY)


def _facts(rows: tuple[TerminationRow, ...]) -> list[TerminationRow]:
    return [dataclasses.replace(r, cells=()) for r in rows]


def _one_bad_row(tmp_path: Path, **changes: str) -> tuple[str, ...]:
    """Write GOOD_ROWS with one cell of the second row changed; return that row's reasons."""
    row = list(GOOD_ROWS[1])
    for header, value in changes.items():
        row[HEADER.index(header.replace("_", " "))] = value
    path = write_csv(tmp_path / "liste.csv", [GOOD_ROWS[0], row, GOOD_ROWS[2]])
    result = _read(path)
    assert [r.line for r in result.rows] == [2, 4], "the good rows are still imported"
    assert [r.line for r in result.rejected] == [3]
    return result.rejected[0].reasons


def test_a_windows_1252_semicolon_list_with_a_title_row_is_read_in_full(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "ophævelser marts.csv", GOOD_ROWS, title="Ophævelser marts 2026")
    result = _read(path)
    assert result.header_line == 2
    assert result.rejected == ()
    assert [r.line for r in result.rows] == [3, 4, 5]
    first = result.rows[0]
    assert first == TerminationRow(
        line=3,
        cells=tuple(GOOD_ROWS[0]),
        tenancy_number="12-0101",
        first_name="Åse",
        last_name="Kjærgård",
        address_line="Solvænget 4, 2. tv",
        postcode="2400",
        city="København NV",
        estate_id="estate-12",
        estate_label="012 Solbakken",
        arrears=Money(841250),
        rent=Money(651200),
        termination_on=dt.date(2026, 3, 5),
        reminder_sent_on=dt.date(2026, 2, 17),
        phone="20 30 40 50",
        email="",
    )
    assert result.rows[1].reminder_sent_on is None
    assert result.rows[2].rent is None, "an empty rent cell leaves the rent alone"
    assert result.rows[2].estate_id == "estate-14"
    assert result.rows[2].arrears == Money.kr(12000)


@pytest.mark.parametrize(
    "writer",
    [
        lambda p: write_csv(p / "a.csv", GOOD_ROWS, encoding="cp1252"),
        lambda p: write_csv(p / "b.csv", GOOD_ROWS, encoding="utf-8", bom=True),
        lambda p: write_csv(p / "c.csv", GOOD_ROWS, encoding="utf-8"),
        lambda p: write_csv(p / "d.csv", GOOD_ROWS, encoding="utf-8", delimiter=","),
        lambda p: write_csv(p / "e.txt", GOOD_ROWS, encoding="utf-8", delimiter="\t"),
        lambda p: write_xlsx(p / "f.xlsx", xlsx_typed_rows()),
        lambda p: write_xlsx(p / "g.xlsx", GOOD_ROWS),
    ],
    ids=[
        "cp1252-semicolon",
        "utf8-bom-semicolon",
        "utf8-semicolon",
        "utf8-comma",
        "tab",
        "xlsx-typed",
        "xlsx-text",
    ],
)
def test_the_same_list_reads_the_same_from_every_format(tmp_path: Path, writer: object) -> None:
    reference = _read(write_csv(tmp_path / "ref.csv", GOOD_ROWS))
    path = writer(tmp_path)  # type: ignore[operator]
    result = _read(path)
    assert result.rejected == ()
    assert _facts(result.rows) == _facts(reference.rows)


def test_xlsx_date_cells_are_shown_as_danish_dates_in_the_original_values(tmp_path: Path) -> None:
    result = _read(write_xlsx(tmp_path / "liste.xlsx", xlsx_typed_rows()))
    assert result.rows[0].cells[7] == "05.03.2026"
    assert result.rows[0].cells[6] == "8412,5"


@pytest.mark.parametrize(
    ("changes", "reasons"),
    [
        ({"Lejemålsnr.": ""}, ("Lejemålsnummer mangler.",)),
        ({"Lejers_navn": ""}, ("Lejerens navn mangler.",)),
        ({"Adresse": ""}, ("Adresse mangler.",)),
        ({"Afd.": ""}, ("Afdeling mangler.",)),
        (
            {"Afd.": "99"},
            (
                "Afdelingen »99« findes ikke i BoligDesk. Ret afdelingen i listen, eller opret den i BoligDesk først.",
            ),
        ),
        (
            {"Afd.": "3"},
            ("Afdelingen »3« passer på flere afdelinger (03 Lindely Øst, 3 Lindely). Skriv den entydigt.",),
        ),
        ({"Restance": ""}, ("Restance mangler.",)),
        ({"Restance": "-500,00"}, ("Restance: Beløbet »-500,00« er negativt.",)),
        (
            {"Restance": "ca. 5000"},
            ("Restance: »ca. 5000« er ikke et beløb. Skriv fx 1.234,50 eller 1234,5.",),
        ),
        ({"Ophævelsesdato": ""}, ("Ophævelsesdato mangler.",)),
        (
            {"Ophævelsesdato": "31-02-2026"},
            ("Ophævelsesdato: Datoen »31-02-2026« findes ikke. Tjek dag og måned.",),
        ),
        (
            {"Ophævelsesdato": "30.13.2026"},
            ("Ophævelsesdato: Datoen »30.13.2026« findes ikke. Tjek dag og måned.",),
        ),
        (
            {"Ophævelsesdato": "05-03-2062"},
            ("Ophævelsesdato: Datoen 05.03.2062 ligger mere end et år ude i fremtiden. Tjek årstallet.",),
        ),
        (
            {"Påkravsdato": "29.02.2026"},
            ("Påkravsdato: Datoen »29.02.2026« findes ikke. Tjek dag og måned.",),
        ),
        (
            {"Påkravsdato": "06.03.2026"},
            ("Påkravsdatoen 06.03.2026 ligger efter ophævelsesdatoen 05.03.2026.",),
        ),
        ({"Lejemålsnr.": "x" * 41}, ("Lejemålsnr.: Lejemålsnummeret er for lang (højst 40 tegn).",)),
        ({"Lejers_navn": "Å" * 121}, ("Lejers navn: Fornavnet er for lang (højst 120 tegn).",)),
        ({"Ophævelsesdato": "05.03.1989"}, ("Ophævelsesdato: Ophævelsen ligger før 1990. Tjek årstallet.",)),
        (
            {"Påkravsdato": "09.03.2026", "Ophævelsesdato": "08.03.2026"},
            ("Påkravsdatoen 09.03.2026 ligger efter ophævelsesdatoen 08.03.2026.",),
        ),
    ],
    ids=lambda v: "-".join(v) if isinstance(v, dict) else None,
)
def test_each_kind_of_bad_row_is_rejected_with_its_own_danish_reason(
    tmp_path: Path, changes: dict[str, str], reasons: tuple[str, ...]
) -> None:
    assert _one_bad_row(tmp_path, **changes) == reasons


@pytest.mark.parametrize(
    ("changes", "warning", "kept"),
    [
        ({"Husleje": "-1"}, "Husleje: Beløbet »-1« er negativt. Værdien er ikke importeret.", {"rent": None}),
        (
            {"Husleje": "1.000.000"},
            "Husleje: En husleje på 1.000.000,00 kr. om måneden er usandsynlig. Tjek beløbet. "
            "Værdien er ikke importeret.",
            {"rent": None},
        ),
        (
            {"Postnr.": "24OO"},
            "Postnr.: Postnummeret skal være fire cifre, fx 2400. Værdien er ikke importeret.",
            {"postcode": ""},
        ),
        (
            {"Telefon": "abc"},
            "Telefon: »abc« er ikke et telefonnummer. Skriv 8 cifre, fx 12 34 56 78. Værdien er ikke importeret.",
            {"phone": ""},
        ),
        (
            {"By": "K" * 101},
            "By: Bynavnet er for lang (højst 100 tegn). Værdien er ikke importeret.",
            {"city": ""},
        ),
    ],
)
def test_a_bad_optional_value_is_left_out_with_a_warning_and_the_row_imported(
    tmp_path: Path, changes: dict[str, str], warning: str, kept: dict[str, object]
) -> None:
    row = list(GOOD_ROWS[1])
    for header, value in changes.items():
        row[HEADER.index(header)] = value
    result = _read(write_csv(tmp_path / "liste.csv", [GOOD_ROWS[0], row, GOOD_ROWS[2]]))
    assert result.rejected == ()
    imported = result.rows[1]
    assert imported.line == 3
    assert imported.warnings == (warning,)
    assert {name: getattr(imported, name) for name in kept} == kept
    assert (imported.tenancy_number, imported.arrears) == ("12-0102", Money(123450))
    assert result.rows[0].warnings == ()


def test_a_row_with_several_problems_lists_them_all(tmp_path: Path) -> None:
    reasons = _one_bad_row(tmp_path, **{"Lejemålsnr.": "", "Restance": "-1", "Ophævelsesdato": "32.01.2026"})
    assert reasons == (
        "Lejemålsnummer mangler.",
        "Restance: Beløbet »-1« er negativt.",
        "Ophævelsesdato: Datoen »32.01.2026« findes ikke. Tjek dag og måned.",
    )


def test_the_reason_uses_the_column_name_the_file_uses(tmp_path: Path) -> None:
    header = [h if h != "Restance" else "Skyldigt beløb (kr.)" for h in HEADER]
    row = list(GOOD_ROWS[0])
    row[6] = "mange penge"
    result = _read(write_csv(tmp_path / "liste.csv", [row], header=header))
    assert result.rejected[0].reason == (
        "Skyldigt beløb (kr.): »mange penge« er ikke et beløb. Skriv fx 1.234,50 eller 1234,5."
    )


def test_a_rejected_row_keeps_the_values_exactly_as_written(tmp_path: Path) -> None:
    row = list(GOOD_ROWS[0])
    row[7] = "31-02-2026"
    result = _read(write_csv(tmp_path / "liste.csv", [row]))
    assert result.rejected[0].cells == tuple(row)
    assert result.rows == ()


@pytest.mark.parametrize(
    "estate", ["012", "12", "Afd. 12", "afdeling 12", "Solbakken", "12 Solbakken", " SOLBAKKEN "]
)
def test_the_estate_is_found_by_number_or_name(tmp_path: Path, estate: str) -> None:
    row = list(GOOD_ROWS[0])
    row[5] = estate
    result = _read(write_csv(tmp_path / "liste.csv", [row]))
    assert [r.estate_id for r in result.rows] == ["estate-12"]


def test_identical_repeats_of_a_tenancy_are_imported_once(tmp_path: Path) -> None:
    repeat = list(GOOD_ROWS[0])
    repeat[6] = "8412,5"  # the same amount, written differently
    result = _read(write_csv(tmp_path / "liste.csv", [GOOD_ROWS[0], GOOD_ROWS[1], repeat]))
    assert [r.line for r in result.rows] == [2, 3]
    assert [(r.line, r.reason) for r in result.rejected] == [
        (4, "Samme lejemål og samme oplysninger som række 2; lejemålet er kun importeret én gang.")
    ]


def test_conflicting_rows_for_one_tenancy_are_all_rejected(tmp_path: Path) -> None:
    other = list(GOOD_ROWS[0])
    other[6] = "9.000,00"
    result = _read(write_csv(tmp_path / "liste.csv", [GOOD_ROWS[0], GOOD_ROWS[1], other]))
    assert [r.line for r in result.rows] == [3]
    reason = (
        "Lejemålsnummer 12-0101 står flere gange i listen med forskellige oplysninger (række 2 og 4). "
        "Ret listen, så lejemålet kun står én gang."
    )
    assert [(r.line, r.reason) for r in result.rejected] == [(2, reason), (4, reason)]


def test_the_same_tenancy_number_in_two_estates_is_two_tenancies(tmp_path: Path) -> None:
    other_estate = list(GOOD_ROWS[0])
    other_estate[5] = "14"
    result = _read(write_csv(tmp_path / "liste.csv", [GOOD_ROWS[0], other_estate]))
    assert [r.estate_id for r in result.rows] == ["estate-12", "estate-14"]


def test_a_repeat_that_is_itself_bad_does_not_block_the_good_row(tmp_path: Path) -> None:
    bad_repeat = list(GOOD_ROWS[0])
    bad_repeat[7] = "31-02-2026"
    result = _read(write_csv(tmp_path / "liste.csv", [GOOD_ROWS[0], bad_repeat]))
    assert [r.line for r in result.rows] == [2]
    assert [r.line for r in result.rejected] == [3]


def test_a_sum_row_at_the_bottom_is_skipped_not_rejected(tmp_path: Path) -> None:
    total = ["I alt", "", "", "", "", "", "21.647,00", "", "", "", ""]
    result = _read(write_csv(tmp_path / "liste.csv", [*GOOD_ROWS, total]))
    assert len(result.rows) == 3
    assert result.rejected == ()
    assert result.total_lines == (5,)


def test_first_and_last_name_columns_and_a_combined_postcode_column(tmp_path: Path) -> None:
    header = [
        "Lejemål",
        "Fornavn",
        "Efternavn",
        "Vej",
        "Postnr. og by",
        "Afdeling",
        "Skyldigt beløb",
        "Ophævet",
    ]
    rows = [
        ["12-0101", "Åse Marie", "Kjærgård", "Solvænget 4", "2400 København NV", "12", "100", "05.03.2026"]
    ]
    result = _read(write_csv(tmp_path / "liste.csv", rows, header=header))
    row = result.rows[0]
    assert (row.first_name, row.last_name, row.postcode, row.city) == (
        "Åse Marie",
        "Kjærgård",
        "2400",
        "København NV",
    )


def test_a_file_without_a_required_column_is_refused_naming_it_and_the_headers_found(tmp_path: Path) -> None:
    header = [h for h in HEADER if h != "Lejemålsnr."]
    rows = [r[1:] for r in GOOD_ROWS]
    with pytest.raises(ImportFileError) as err:
        _read(write_csv(tmp_path / "liste.csv", rows, header=header))
    assert err.value.code == "import.column_missing"
    assert err.value.message == (
        "Filen mangler kolonnen »Lejemålsnr.« (eller lejemål, lejenummer, lejemålsnummer). "
        "Overskrifter fundet i række 1: Lejers navn, Adresse, Postnr., By, Afd., Restance, Ophævelsesdato, "
        "Påkravsdato, Husleje, Telefon."
    )


def test_a_file_missing_several_columns_names_them_all(tmp_path: Path) -> None:
    path = tmp_path / "liste.csv"
    path.write_text("Navn;Adresse;Beløb\r\nÅse;Vej 1;100\r\n", encoding="utf-8")
    with pytest.raises(ImportFileError) as err:
        _read(path)
    assert err.value.message == (
        "Filen mangler kolonnerne »Lejemålsnr.« (eller lejemål, lejenummer, lejemålsnummer), "
        "»Afdeling« (eller afd, afdelingsnr, afdelingsnummer), »Restance« (eller restancebeløb, "
        "skyldigt beløb, skyldig husleje) og »Ophævelsesdato« (eller ophævet, dato for ophævelse, ophævelse). "
        "Overskrifter fundet i række 1: Navn, Adresse, Beløb."
    )


def test_a_comma_file_with_danish_amounts_is_still_read(tmp_path: Path) -> None:
    # Unquoted commas would split "1234,5" — Excel quotes them, and the reader honours the quotes.
    result = _read(write_csv(tmp_path / "liste.csv", GOOD_ROWS, delimiter=",", encoding="utf-8"))
    assert [r.arrears for r in result.rows] == [Money(841250), Money(123450), Money(1200000)]


def _reasons_with(tmp_path: Path, estates: list[EstateRef], estate_text: str) -> tuple[str, ...]:
    row = list(GOOD_ROWS[1])
    row[HEADER.index("Afd.")] = estate_text
    result = read_termination_list(write_csv(tmp_path / "liste.csv", [row]), estates, TODAY)
    [rejected] = result.rejected
    return rejected.reasons


def test_an_estate_entered_twice_is_named_as_a_duplicate_to_merge(tmp_path: Path) -> None:
    estates = [
        *ESTATES,
        EstateRef("a", "20", "Engparken", "Boligselskabet Fjord"),
        EstateRef("b", "20", "Engparken", "Boligselskabet  fjord"),
    ]
    [reason] = _reasons_with(tmp_path, estates, "20")
    assert reason == (
        "Afdelingen »20« findes 2 gange i BoligDesk (Boligselskabet  fjord · 20 Engparken, "
        "Boligselskabet Fjord · 20 Engparken) og ligner en dublet, fx fra to profiler, der blev oprettet "
        "hver for sig og siden synkroniseret. Flet dem i Indstillinger → Boligorganisationer og afdelinger "
        "(»Flet afdelinger«), og importér igen."
    )


def test_the_same_estate_number_in_two_associations_is_only_ambiguous(tmp_path: Path) -> None:
    estates = [
        *ESTATES,
        EstateRef("a", "20", "Engparken", "Boligselskabet Fjord"),
        EstateRef("b", "20", "Engparken", "Boligforeningen Hav"),
    ]
    [reason] = _reasons_with(tmp_path, estates, "20")
    assert (
        reason
        == "Afdelingen »20« passer på flere afdelinger (20 Engparken, 20 Engparken). Skriv den entydigt."
    )
