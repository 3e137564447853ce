"""``boligdesk sync``: the first run with --share creates or joins the team; later runs need no --share."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from boligdesk.cli import main
from boligdesk.models import Person
from boligdesk.models.keys import KdfParams
from boligdesk.models.store import Profile, create_profile, open_store
from boligdesk.sync import team_keyring
from boligdesk.sync.settings import load_settings

PASSPHRASE = "Kodeord til profilen 42"
TEAM = "Teamets fælles kodeord 7"
TODAY = dt.date(2026, 11, 24)


@pytest.fixture
def profiles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path, Path]:
    monkeypatch.setenv("BOLIGDESK_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("BOLIGDESK_TEAM_PASSPHRASE", TEAM)
    share = tmp_path / "fællesdrev"
    share.mkdir()
    folders = (tmp_path / "anne", tmp_path / "bo")
    for folder, name in zip(folders, ("Anna", "Bent"), strict=True):
        store = create_profile(Profile(folder), PASSPHRASE, kdf=KdfParams.fast_for_tests())
        with store.session() as s:
            s.add(Person(first_name=name))
        store.close()
    return share, folders[0], folders[1]


def names(folder: Path) -> set[str]:
    store = open_store(Profile(folder), passphrase=PASSPHRASE)
    try:
        with store.session() as s:
            return set(s.scalars(select(Person.first_name)))
    finally:
        store.close()


def test_first_sync_creates_the_team_then_a_colleague_joins_and_both_converge(
    profiles: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    share, anne, bo = profiles
    assert main(["sync", "--data-dir", str(anne), "--share", str(share)]) == 0
    out = capsys.readouterr().out
    assert "Teamet er oprettet" in out
    assert "Ændringer sendt: 1" in out

    assert main(["sync", "--data-dir", str(bo), "--share", str(share)]) == 0
    out = capsys.readouterr().out
    assert "Computeren er nu med i teamet" in out
    assert "Ændringer modtaget: 1 (fra 1 fil)" in out

    assert main(["sync", "--data-dir", str(anne)]) == 0
    assert "Ændringer modtaget: 1" in capsys.readouterr().out
    assert names(anne) == names(bo) == {"Anna", "Bent"}
    assert load_settings(bo).share == str(share)


def test_later_syncs_use_the_remembered_folder_and_key(
    profiles: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    share, anne, _bo = profiles
    assert main(["sync", "--data-dir", str(anne), "--share", str(share)]) == 0
    assert team_keyring.recall_team_key(load_settings(anne).team_id) is not None
    monkeypatch.delenv("BOLIGDESK_TEAM_PASSPHRASE")
    capsys.readouterr()
    assert main(["sync", "--data-dir", str(anne)]) == 0
    assert "Synkroniseringen er færdig." in capsys.readouterr().out


def test_wrong_team_passphrase_exits_with_a_danish_message(
    profiles: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    share, anne, bo = profiles
    assert main(["sync", "--data-dir", str(anne), "--share", str(share)]) == 0
    monkeypatch.setenv("BOLIGDESK_TEAM_PASSPHRASE", "ikke det rigtige kodeord")
    assert main(["sync", "--data-dir", str(bo), "--share", str(share)]) == 2
    assert "Teamets adgangskode er forkert" in capsys.readouterr().err
    assert not load_settings(bo).is_set_up


def test_sync_without_setup_explains_what_to_do(
    profiles: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    _share, anne, _bo = profiles
    assert main(["sync", "--data-dir", str(anne)]) == 2
    assert "--share" in capsys.readouterr().err


def test_a_mass_deletion_is_held_with_exit_3_until_accepted_on_the_command_line(
    profiles: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    from boligdesk.models import Case
    from boligdesk.services.cases import NewCase
    from tests.cases import create_case

    share, anne, bo = profiles
    store = open_store(Profile(anne), passphrase=PASSPHRASE)
    ids = [
        create_case(
            store, NewCase(first_name=f"L{n}", last_name="Opdigtet", address_line=f"Vej {n}"), today=TODAY
        )
        for n in range(3)
    ]
    store.close()
    assert main(["sync", "--data-dir", str(anne), "--share", str(share)]) == 0
    assert main(["sync", "--data-dir", str(bo), "--share", str(share)]) == 0
    store = open_store(Profile(anne), passphrase=PASSPHRASE)
    with store.session() as s:
        for case_id in ids:
            case = s.get(Case, case_id)
            assert case is not None
            case.deleted = True
    store.close()
    assert main(["sync", "--data-dir", str(anne)]) == 0
    capsys.readouterr()

    assert main(["sync", "--data-dir", str(bo)]) == 3
    out = capsys.readouterr().out
    assert "vil slette 3 sager" in out
    accept = out.split("--accept-deletions ")[1].split("«")[0]
    assert main(["sync", "--data-dir", str(bo), "--accept-deletions", accept]) == 0
    store = open_store(Profile(bo), passphrase=PASSPHRASE)
    with store.session() as s:
        assert s.scalars(select(Case).where(Case.deleted.is_(False))).all() == []
    store.close()


def test_a_lost_file_is_named_with_the_way_out_and_accept_loss_moves_past_it(
    profiles: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    from boligdesk.models import SyncLoss

    share, anne, bo = profiles
    assert main(["sync", "--data-dir", str(anne), "--share", str(share)]) == 0
    store = open_store(Profile(anne), passphrase=PASSPHRASE)
    device = store.device_id
    with store.session() as s:
        s.add(Person(first_name="Tabt"))
    store.close()
    assert main(["sync", "--data-dir", str(anne)]) == 0
    team_folder = next((share / "BoligDesk").iterdir())
    (team_folder / "outbox" / device / "00000002.bdsync").unlink()
    capsys.readouterr()

    assert main(["sync", "--data-dir", str(bo), "--share", str(share)]) == 1
    out = capsys.readouterr().out
    assert f"Fil nr. 2 fra computeren {device[:8]} mangler" in out
    assert f"boligdesk sync --accept-loss {device[:8]}" in out

    # a typo or a too short name matched nothing and was silently ignored (found in the audit of issue 11)
    assert main(["sync", "--data-dir", str(bo), "--accept-loss", device[:5]]) == 2
    assert "mindst de 8 første tegn" in capsys.readouterr().err
    assert main(["sync", "--data-dir", str(bo), "--accept-deletions", "-5"]) == 2
    assert "skal være et antal" in capsys.readouterr().err
    assert main(["sync", "--data-dir", str(bo), "--accept-loss", "ffffffff"]) == 1  # still held
    captured = capsys.readouterr()
    assert "teamet har ingen computer, der hedder »ffffffff«" in captured.err
    assert f"Fil nr. 2 fra computeren {device[:8]} mangler" in captured.out
    assert main(["sync", "--data-dir", str(bo), "--accept-loss", device[:8]]) == 0
    assert "er accepteret og noteret" in capsys.readouterr().out
    assert names(bo) == {"Anna", "Bent"}
    store = open_store(Profile(bo), passphrase=PASSPHRASE)
    with store.session() as s:
        assert [(x.device, x.first_seq, x.last_seq) for x in s.scalars(select(SyncLoss))] == [(device, 2, 2)]
    store.close()
