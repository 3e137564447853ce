"""``boligdesk audit``, ``export-person`` and ``retention`` run as a user would (a subprocess)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from boligdesk.models import Case
from boligdesk.models.store import Profile, open_store
from boligdesk.services.desk import Desk
from boligdesk.services.passphrase_policy import UnlockThrottle
from boligdesk.services.retention import ANONYMISE
from tests.cli.test_cli import PASSPHRASE, _run


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo") / "profil"
    result = _run("demo", "--data-dir", str(folder), "--cases", "12")
    assert result.returncode == 0, result.stderr
    return folder


def _closed_case_number(folder: Path) -> str:
    store = open_store(Profile(folder), passphrase=PASSPHRASE)
    try:
        with store.session() as s:
            case = s.scalars(select(Case).order_by(Case.number)).first()
            assert case is not None
            case.closed_on = dt.date(2020, 1, 31)
            number, case_id = case.number, case.id
        Desk(store, adviser_name="Test Rådgiver").case_view.record_open(case_id)
        return number
    finally:
        store.close()


def test_audit_lists_json_lines_filtered_by_case_and_refuses_an_unknown_case(demo_dir: Path) -> None:
    number = _closed_case_number(demo_dir)
    result = _run("audit", "--data-dir", str(demo_dir), "--case", number, "--json")
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows and {r["case"] for r in rows} == {number}
    bad = _run("audit", "--data-dir", str(demo_dir), "--case", "1999-9999")
    assert bad.returncode == 2 and "Der er ingen sag med nummer 1999-9999" in bad.stderr
    assert "Traceback" not in bad.stderr
    dated = _run("audit", "--data-dir", str(demo_dir), "--from", "31.02.2026")
    assert dated.returncode == 2 and "Traceback" not in dated.stderr


def test_export_person_writes_pdf_and_json_and_is_audited(demo_dir: Path, tmp_path: Path) -> None:
    number = _closed_case_number(demo_dir)
    out = tmp_path / "indsigt.pdf"
    result = _run(
        "export-person", "--data-dir", str(demo_dir), "--case", number, "--out", str(out), "--redact-others"
    )
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF")
    data = json.loads(out.with_suffix(".json").read_text("utf-8"))
    assert data["sag"] == number and data["tabeller"]["persons"]
    audit = _run("audit", "--data-dir", str(demo_dir), "--case", number, "--kind", "exported", "--json")
    assert [json.loads(line)["action"] for line in audit.stdout.splitlines()] == ["release"]


def test_retention_dry_run_changes_nothing_and_apply_anonymises(demo_dir: Path) -> None:
    number = _closed_case_number(demo_dir)
    unset = _run("retention", "--data-dir", str(demo_dir))
    assert unset.returncode == 0 and "ikke sat" in unset.stdout
    refused = _run("retention", "--data-dir", str(demo_dir), "--apply")
    assert refused.returncode == 2 and "ikke sat" in refused.stderr
    store = open_store(Profile(demo_dir), passphrase=PASSPHRASE)
    try:
        Desk(store, adviser_name="Test").retention.set_policy("60", "Organisationens politik", ANONYMISE)
    finally:
        store.close()
    dry = _run("retention", "--data-dir", str(demo_dir))
    assert dry.returncode == 0 and number in dry.stdout and "Intet er ændret" in dry.stdout
    applied = _run("retention", "--data-dir", str(demo_dir), "--apply")
    assert applied.returncode == 0, applied.stderr
    assert "Personoplysningerne i" in applied.stdout
    after = _run("retention", "--data-dir", str(demo_dir))
    assert number not in after.stdout
    listed = _run("cases", "--data-dir", str(demo_dir), "--json", "--all")
    row = next(
        json.loads(line) for line in listed.stdout.splitlines() if json.loads(line)["number"] == number
    )
    assert (
        (row["tenant_name"] == "(anonymiseret)" and row["address"] in ("", "2400 København NV"))
        or row["address"] == ""
        or "," not in row["address"]
    )


def test_wrong_passphrases_on_the_command_line_bring_a_delay(demo_dir: Path) -> None:
    for _ in range(3):
        result = _run("audit", "--data-dir", str(demo_dir), passphrase="forkert kodeord 123")
        assert result.returncode == 2
    assert "Vent" in result.stderr
    # Eight wrong tries a moment ago (a subprocess starts slower than the first delays run out)
    UnlockThrottle(demo_dir).path.write_text(
        json.dumps({"failures": 8, "last": dt.datetime.now().isoformat()}), "utf-8"
    )
    held = _run("audit", "--data-dir", str(demo_dir))  # the right passphrase, but within the delay
    assert held.returncode == 2 and "For mange forkerte forsøg. Vent" in held.stderr
    UnlockThrottle(demo_dir).succeeded()
    assert _run("audit", "--data-dir", str(demo_dir)).returncode == 0
