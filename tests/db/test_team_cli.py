"""``boligdesk team``: list the team's laptops (text and JSON), retire one, rotate the team key (the
retired laptop is refused, a colleague given the new passphrase carries on), hand cases over."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from boligdesk.cli import main
from boligdesk.models import Case, Person
from boligdesk.models.keys import KdfParams
from boligdesk.models.store import Profile, create_profile, open_store
from boligdesk.services.desk import Desk

PASSPHRASE = "Kodeord til profilen 42"
TEAM = "Teamets fælles kodeord 7"
NEW_TEAM = "Teamets nye kodeord 2026"


@pytest.fixture
def team(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> list[Path]:
    monkeypatch.setenv("BOLIGDESK_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("BOLIGDESK_TEAM_PASSPHRASE", TEAM)
    share = tmp_path / "fællesdrev"
    share.mkdir()
    folders = [tmp_path / name for name in ("anne", "bo", "carl")]
    for folder, adviser in zip(folders, ("Anne And", "Bo Berg", "Carl Christensen"), strict=True):
        store = create_profile(Profile(folder), PASSPHRASE, kdf=KdfParams.fast_for_tests())
        Desk(store, adviser_name=adviser).advisers.set_current(adviser)
        store.close()
    for _ in range(2):
        for folder in folders:
            assert main(["sync", "--data-dir", str(folder), "--share", str(share)]) == 0
    capsys.readouterr()
    return folders


def listed(folder: Path, capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    assert main(["team", "--data-dir", str(folder), "--list", "--json"]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_list_retire_and_rotate_from_the_command_line(
    team: list[Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    anne, bo, carl = team
    rows = listed(anne, capsys)
    assert [(r["raadgiver"], r["status"], r["denne_computer"]) for r in rows] == [
        ("Anne And", "aktiv", True),
        ("Bo Berg", "aktiv", False),
        ("Carl Christensen", "aktiv", False),
    ]
    carl_id = str(rows[2]["computer"])

    assert main(["team", "--data-dir", str(anne), "--retire", carl_id[:8], "--reason", "Stjålet"]) == 0
    assert "er tilbagekaldt" in capsys.readouterr().out
    assert main(["team", "--data-dir", str(anne), "--retire", str(rows[0]["computer"]), "--reason", "x"]) == 2
    assert "kan ikke tilbagekalde sig selv" in capsys.readouterr().err
    assert main(["team", "--data-dir", str(anne), "--list"]) == 0
    text = capsys.readouterr().out
    assert f"{carl_id[:8]}  Carl Christensen" in text and "Tilbagekaldt af Anne And: Stjålet" in text

    monkeypatch.setenv("BOLIGDESK_NEW_TEAM_PASSPHRASE", NEW_TEAM)
    assert main(["team", "--data-dir", str(anne), "--rotate-key"]) == 0
    assert "Teamets nøgle er skiftet" in capsys.readouterr().out

    assert main(["sync", "--data-dir", str(carl)]) == 2
    err = capsys.readouterr().err
    assert "Teamets nøgle er skiftet" in err and "Traceback" not in err
    assert main(["sync", "--data-dir", str(bo)]) == 2  # bo's remembered key is the old one
    assert "adgangskoden passer ikke til den nye nøgle" in capsys.readouterr().err
    monkeypatch.setenv("BOLIGDESK_TEAM_PASSPHRASE", NEW_TEAM)
    assert main(["sync", "--data-dir", str(bo)]) == 0
    assert main(["sync", "--data-dir", str(anne)]) == 0
    assert main(["sync", "--data-dir", str(bo)]) == 0  # bo hears of the retirement
    capsys.readouterr()
    assert [r["status"] for r in listed(bo, capsys)] == ["aktiv", "aktiv", "tilbagekaldt"]


def test_hand_over_gives_the_open_cases_to_a_colleague(
    team: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    anne = team[0]
    store = open_store(Profile(anne), passphrase=PASSPHRASE)
    desk = Desk(store, adviser_name="Anne And")
    desk.advisers.ensure("Bo Berg")
    ids = {a.name: a.id for a in desk.advisers.list()}
    with store.session() as s:
        tenant = Person(first_name="Lejer")
        s.add(tenant)
        s.flush()
        s.add_all(
            [
                Case(number="2026-0001", tenant_id=tenant.id, adviser_id=ids["Anne And"]),
                Case(number="2026-0002", tenant_id=tenant.id, adviser_id=ids["Anne And"]),
                Case(number="2026-0003", tenant_id=tenant.id, adviser_id=ids["Anne And"], closed_on=None),
            ]
        )
        s.flush()
        closed = s.scalars(select(Case).where(Case.number == "2026-0003")).one()
        import datetime as dt

        closed.closed_on = dt.date(2026, 11, 1)
    store.close()
    assert main(["team", "--data-dir", str(anne), "--hand-over", "anne and", "--to", "Bo Berg"]) == 0
    assert "2 åbne sager er overdraget fra Anne And til Bo Berg." in capsys.readouterr().out
    assert main(["team", "--data-dir", str(anne), "--hand-over", "Anne And", "--to", "Ukendt"]) == 2
    assert "Ingen rådgiver hedder »Ukendt«" in capsys.readouterr().err


def test_an_adviser_twice_is_refused_for_hand_over_and_merged_by_name(
    team: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    anne = team[0]
    store = open_store(Profile(anne), passphrase=PASSPHRASE)
    desk = Desk(store, adviser_name="Anne And")
    desk.advisers.ensure("Bo  berg")  # the moved profile's own row, typed a little differently
    store.close()
    assert main(["team", "--data-dir", str(anne), "--hand-over", "Bo Berg", "--to", "Anne And"]) == 2
    err = capsys.readouterr().err
    assert "står 2 gange" in err and "--merge-adviser" in err and "Traceback" not in err
    assert main(["team", "--data-dir", str(anne), "--merge-adviser", "bo berg"]) == 0
    assert "står nu én gang: 1 ekstra række flettet ind" in capsys.readouterr().out
    assert main(["team", "--data-dir", str(anne), "--merge-adviser", "Bo Berg"]) == 2
    assert "står kun én gang" in capsys.readouterr().err
    assert main(["team", "--data-dir", str(anne), "--merge-adviser", "Ingen Her"]) == 2
    assert "Ingen rådgiver hedder »Ingen Her«" in capsys.readouterr().err
