"""``boligdesk import-terminations`` run as a user would: a real subprocess on a temporary profile."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from boligdesk.models import Estate, HousingAssociation
from boligdesk.models.store import Profile, create_profile
from tests.conftest import TEST_PASSPHRASE
from tests.unit.importers.list_files import GOOD_ROWS, HEADER, write_csv


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, BOLIGDESK_INSECURE_FAST_KDF="1", BOLIGDESK_PASSPHRASE=TEST_PASSPHRASE)
    return subprocess.run(
        [sys.executable, "-m", "boligdesk", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "profil"
    store = create_profile(Profile(folder), TEST_PASSPHRASE)
    try:
        with store.session() as s:
            association = HousingAssociation(name="Boligselskabet Lindely (opdigtet)")
            s.add(association)
            s.flush()
            s.add_all(
                [
                    Estate(association_id=association.id, number="012", name="Solbakken"),
                    Estate(association_id=association.id, number="014", name="Kærhaven"),
                ]
            )
    finally:
        store.close()
    return folder


@pytest.fixture
def termination_list(tmp_path: Path) -> Path:
    bad = list(GOOD_ROWS[1])
    bad[HEADER.index("Lejemålsnr.")] = ""
    return write_csv(tmp_path / "ophævelser.csv", [GOOD_ROWS[0], bad, GOOD_ROWS[2]])


def test_dry_run_prints_counts_and_reasons_and_saves_nothing(data_dir: Path, termination_list: Path) -> None:
    result = _run("import-terminations", str(termination_list), "--data-dir", str(data_dir), "--dry-run")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Nye sager: 2 (ville blive oprettet)" in out
    assert "Afviste rækker: 1" in out
    assert "  Række 3: Lejemålsnummer mangler." in out
    assert "Prøvekørsel: intet er gemt i BoligDesk." in out
    again = _run("import-terminations", str(termination_list), "--data-dir", str(data_dir), "--dry-run")
    assert "Nye sager: 2" in again.stdout, "the dry run saved nothing"


def test_import_then_the_same_file_again_changes_nothing(
    data_dir: Path, termination_list: Path, tmp_path: Path
) -> None:
    rejected_out = tmp_path / "afviste.csv"
    first = _run(
        "import-terminations",
        str(termination_list),
        "--data-dir",
        str(data_dir),
        "--rejected-out",
        str(rejected_out),
    )
    assert first.returncode == 0, first.stderr
    assert "Nye sager: 2\n" in first.stdout
    assert "Opdaterede sager: 0\n" in first.stdout
    assert "1 afvist række gemt i" in first.stdout
    table = list(csv.reader(io.StringIO(rejected_out.read_text(encoding="utf-8-sig")), delimiter=";"))
    assert table[0][-1] == "Fejl"
    assert table[1][0] == "3" and table[1][-1] == "Lejemålsnummer mangler."

    second = _run("import-terminations", str(termination_list), "--data-dir", str(data_dir))
    assert second.returncode == 0, second.stderr
    assert "Nye sager: 0\n" in second.stdout
    assert "Uændrede: 2\n" in second.stdout


def test_an_unusable_file_exits_2_with_the_danish_reason(data_dir: Path, tmp_path: Path) -> None:
    wrong = tmp_path / "forkert.csv"
    wrong.write_text("Navn;Beløb\r\nÅse;100\r\n", encoding="utf-8")
    result = _run("import-terminations", str(wrong), "--data-dir", str(data_dir))
    assert result.returncode == 2
    assert result.stderr.startswith("Fejl: Filen mangler kolonnerne »Lejemålsnr.«")
    assert result.stdout == ""


def test_a_malformed_phone_is_left_out_with_a_warning_and_the_tenant_still_imported(
    data_dir: Path, tmp_path: Path
) -> None:
    row = list(GOOD_ROWS[0])
    row[HEADER.index("Telefon")] = "abc"
    path = write_csv(tmp_path / "telefon.csv", [row])
    result = _run("import-terminations", str(path), "--data-dir", str(data_dir))
    assert result.returncode == 0, result.stderr
    assert "Nye sager: 1\n" in result.stdout
    assert "Afviste rækker: 0\n" in result.stdout
    assert (
        "  Række 2: Telefon: »abc« er ikke et telefonnummer. Skriv 8 cifre, fx 12 34 56 78. "
        "Værdien er ikke importeret.\n"
    ) in result.stdout
