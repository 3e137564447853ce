"""``boligdesk import-terminations`` on files that once gave a traceback: 10^24 arrears passed the dry run
("2 new cases") and then overflowed on the real import; a cut XLSX raised a ParseError."""

from __future__ import annotations

from pathlib import Path

import pytest

from boligdesk.models import Estate, HousingAssociation
from boligdesk.models.store import Profile, create_profile
from tests.cli.test_import_terminations_cli import _run
from tests.conftest import TEST_PASSPHRASE
from tests.unit.importers.list_files import GOOD_ROWS
from tests.unit.importers.malformed_files import csv_with, row_with, xlsx_corpus


@pytest.fixture
def profile(tmp_path: Path) -> Path:
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


def test_arrears_of_10_to_the_24th_are_rejected_alike_by_the_dry_run_and_the_real_run(
    profile: Path, tmp_path: Path
) -> None:
    path = csv_with(tmp_path, [row_with(0, Restance="1" + "0" * 24), GOOD_ROWS[1], GOOD_ROWS[2]])
    dry = _run("import-terminations", str(path), "--data-dir", str(profile), "--dry-run")
    real = _run("import-terminations", str(path), "--data-dir", str(profile))
    for result in (dry, real):
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
        assert "Afviste rækker: 1\n" in result.stdout
        assert "  Række 2: Restance: »1000000000000000000000000« er et for stort beløb" in result.stdout
    assert "Nye sager: 2 (ville blive oprettet)\n" in dry.stdout
    assert "Nye sager: 2\n" in real.stdout


def test_a_cut_xlsx_exits_2_with_a_danish_message_and_no_traceback(profile: Path, tmp_path: Path) -> None:
    path = tmp_path / "liste.xlsx"
    path.write_bytes(xlsx_corpus(tmp_path)["sheet-cut-in-half"])
    result = _run("import-terminations", str(path), "--data-dir", str(profile))
    assert result.returncode == 2
    assert result.stderr.startswith("Fejl: »liste.xlsx« kan ikke læses som et Excel-regneark (.xlsx)")
    assert "Traceback" not in result.stderr
