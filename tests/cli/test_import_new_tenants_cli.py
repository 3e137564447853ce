"""``boligdesk import-new-tenants`` run as a user would: a real subprocess on a temporary profile."""

from __future__ import annotations

from pathlib import Path

from tests.cli.test_import_terminations_cli import _run, data_dir  # noqa: F401  (the fixture)
from tests.unit.importers.list_files import write_csv

HEADER = ["Lejemålsnr.", "Navn", "Adresse", "Afd.", "Indflytningsdato"]


def test_dry_run_then_import_then_again_changes_nothing(data_dir: Path, tmp_path: Path) -> None:  # noqa: F811
    path = write_csv(
        tmp_path / "nye lejere.csv",
        [["12-0301", "Ærlig Åkjær", "Solvænget 8", "12", "01.03.2026"], ["", "Bo Dam", "Vej 3", "99", "x"]],
        header=HEADER,
    )
    args = ("import-new-tenants", str(path), "--data-dir", str(data_dir))
    dry = _run(*args, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "Nye sager: 1 (ville blive oprettet)" in dry.stdout
    assert "Række 3: Lejemålsnummer mangler." in dry.stdout
    assert "Prøvekørsel: intet er gemt" in dry.stdout
    first = _run(*args)
    assert "Nye sager: 1\n" in first.stdout
    second = _run(*args)
    assert "Nye sager: 0" in second.stdout and "Uændrede: 1" in second.stdout


def test_a_missing_file_is_a_danish_message_not_a_traceback(data_dir: Path, tmp_path: Path) -> None:  # noqa: F811
    result = _run("import-new-tenants", str(tmp_path / "findes-ikke.csv"), "--data-dir", str(data_dir))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "findes-ikke.csv" in result.stderr


def test_import_cases_dry_run_then_import_then_again(data_dir: Path, tmp_path: Path) -> None:  # noqa: F811
    path = write_csv(
        tmp_path / "sager.csv",
        [["Ærlig Åkjær", "Solvænget 8", "12-0301", "12", "3.000,00"], ["", "Vej 3", "", "", ""]],
        header=["Navn", "Adresse", "Lejemålsnr.", "Afd.", "Restance"],
    )
    args = ("import-cases", str(path), "--data-dir", str(data_dir))
    dry = _run(*args, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "Sagsark: sager.csv" in dry.stdout
    assert "Nye sager: 1 (ville blive oprettet)" in dry.stdout
    assert "Række 3: Lejerens navn mangler." in dry.stdout
    assert "Nye sager: 1\n" in _run(*args).stdout
    second = _run(*args)
    assert "Nye sager: 0" in second.stdout and "Uændrede: 1" in second.stdout
