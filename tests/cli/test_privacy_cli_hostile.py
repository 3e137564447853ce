"""``boligdesk audit`` and ``export-person`` given what a user gets wrong (found in the audit of issue 14):
an empty or folder ``--out``, a path through a file or a missing drive, an empty result, a period given
backwards, and more events than the window shows. Never a traceback, and a Danish cause."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from boligdesk.budget.vocabulary import AuditAction
from boligdesk.cli import main
from boligdesk.models import AuditEvent, Case, Person
from boligdesk.models.keys import KdfParams
from boligdesk.models.store import Profile, create_profile
from boligdesk.services.desk import Desk

PASSPHRASE = "Kodeord til profilen 42"


@pytest.fixture
def profile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("BOLIGDESK_PASSPHRASE", PASSPHRASE)
    folder = tmp_path / "profil"
    store = create_profile(Profile(folder), PASSPHRASE, kdf=KdfParams.fast_for_tests())
    desk = Desk(store, adviser_name="Anne And")
    desk.advisers.set_current("Anne And")
    with store.session() as s:
        tenant = Person(first_name="Opdigtet", last_name="Lejer")
        s.add(tenant)
        s.flush()
        s.add(Case(number="2026-0001", tenant_id=tenant.id))
    store.close()
    return folder


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def test_export_person_refuses_an_empty_or_folder_out_and_names_path_mistakes_in_danish(
    profile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["export-person", "--data-dir", str(profile), "--case", "2026-0001", "--out"]
    code, _, err = run(capsys, *base, "")
    assert code == 2 and "Skriv et filnavn til PDF'en" in err
    folder = tmp_path / "udlevering"
    folder.mkdir()
    code, _, err = run(capsys, *base, str(folder))
    assert code == 2 and "Skriv et filnavn" in err
    assert not (tmp_path / "udlevering.pdf").exists()  # not written beside the folder the user named
    a_file = tmp_path / "fil.pdf"
    a_file.write_bytes(b"x")
    code, _, err = run(capsys, *base, str(a_file / "indsigt.pdf"))
    assert code == 2 and "en del af stien er en fil, ikke en mappe" in err and "File exists" not in err
    code, _, err = run(capsys, *base, "/proc/ingen-mappe/indsigt.pdf")
    assert code == 2 and "mappen findes ikke" in err and "No such file" not in err
    code, _, err = run(capsys, *base, str(tmp_path / "indsigt.pdf"))
    assert code == 0 and (tmp_path / "indsigt.pdf").read_bytes().startswith(b"%PDF")


def test_audit_says_when_nothing_matches_refuses_a_backwards_period_and_never_cuts_the_list(
    profile: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "audit", "--data-dir", str(profile), "--adviser", "Ingen Her")
    assert code == 0 and out == "" and "Ingen hændelser" in err
    code, out, err = run(
        capsys, "audit", "--data-dir", str(profile), "--from", "02.12.2026", "--to", "01.12.2026"
    )
    assert code == 2 and "Fra-datoen (02.12.2026) ligger efter til-datoen (01.12.2026)" in err
    from boligdesk.models.store import open_store

    store = open_store(Profile(profile), passphrase=PASSPHRASE)
    desk = Desk(store, adviser_name="Anne And")
    with desk.writing(None, audit="none") as s:  # more than the window's newest 10,000, in one go
        s.add_all(
            AuditEvent(action=AuditAction.PRINT, entity="case", entity_id=f"x{i}") for i in range(10_050)
        )
    store.close()
    code, out, _ = run(capsys, "audit", "--data-dir", str(profile), "--kind", "printed", "--json")
    assert code == 0 and len(out.splitlines()) == 10_050
    assert {json.loads(line)["action"] for line in out.splitlines()} == {"print"}


def test_restore_of_a_foreign_file_says_so_in_danish_without_sqlciphers_own_log_lines(
    profile: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """Found in the audit: the refusal came under three English »ERROR CORE … hmac check failed« lines
    SQLCipher writes to stderr itself (fd 2, so only ``capfd`` sees them)."""
    foreign = tmp_path / "ikke-en-kopi.db"
    foreign.write_bytes(b"ikke en database " * 512)
    assert main(["restore", "--data-dir", str(profile), str(foreign)]) == 2
    err = capfd.readouterr().err
    assert "kan ikke åbnes med denne profils nøgle" in err
    assert "ERROR" not in err and "hmac" not in err and "Traceback" not in err
