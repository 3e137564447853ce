"""Creating and joining a team on the shared folder; team.json holds no secrets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from boligdesk.errors import StoreError, UserInputError
from boligdesk.sync.team import (
    APP_FOLDER,
    TEAM_FILE,
    WrongTeamPassphraseError,
    create_team,
    open_team,
    teams_in_share,
)

PASSPHRASE = "Vi mødes kl 9 hver tirsdag"


def test_created_team_can_be_joined_with_the_same_passphrase(tmp_path: Path) -> None:
    team, key = create_team(tmp_path, PASSPHRASE)
    joined = open_team(tmp_path)
    assert joined.team_id == team.team_id
    assert joined.derive_key(PASSPHRASE) == key
    assert team.folder == tmp_path / APP_FOLDER / team.team_id
    assert (team.folder / "outbox").is_dir()


def test_wrong_team_passphrase_is_refused_with_a_danish_message(tmp_path: Path) -> None:
    create_team(tmp_path, PASSPHRASE)
    with pytest.raises(WrongTeamPassphraseError, match="Teamets adgangskode er forkert"):
        open_team(tmp_path).derive_key("vi mødes kl 9 hver tirsdag")


def test_team_file_holds_no_passphrase_and_no_key(tmp_path: Path) -> None:
    team, key = create_team(tmp_path, PASSPHRASE)
    raw = (team.folder / TEAM_FILE).read_bytes()
    data = json.loads(raw)
    assert set(data) == {"app", "format", "team_id", "created", "kdf", "salt", "key_check", "key_epoch"}
    assert PASSPHRASE.encode() not in raw
    assert key.hex().encode() not in raw
    assert team.file_key(key).hex().encode() not in raw


def test_a_second_team_is_not_created_where_one_exists(tmp_path: Path) -> None:
    create_team(tmp_path, PASSPHRASE)
    with pytest.raises(StoreError, match="findes allerede"):
        create_team(tmp_path, "En anden lang adgangskode")
    assert len(teams_in_share(tmp_path)) == 1


def test_weak_team_passphrase_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    with pytest.raises(UserInputError) as error:
        create_team(tmp_path, "kort")
    assert error.value.field == "passphrase"
    assert list(tmp_path.iterdir()) == []


def test_unreachable_share_gets_a_danish_message(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="kan ikke nås") as error:
        open_team(tmp_path / "netværksdrev-findes-ikke")
    assert error.value.code == "share_unreachable"


def test_folder_without_a_team_says_so(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="intet BoligDesk-team") as error:
        open_team(tmp_path)
    assert error.value.code == "no_team"


def test_team_made_by_a_newer_boligdesk_is_refused(tmp_path: Path) -> None:
    team, _key = create_team(tmp_path, PASSPHRASE)
    path = team.folder / TEAM_FILE
    data = json.loads(path.read_text())
    data["format"] = 99
    path.write_text(json.dumps(data))
    with pytest.raises(StoreError, match="nyere version"):
        open_team(tmp_path)
