"""A laptop keeps what team.json said when it joined; a changed team.json is refused by name."""

from __future__ import annotations

import base64
import json
import secrets
from pathlib import Path

import pytest

from boligdesk.errors import StoreError
from boligdesk.sync.connection import reconnect
from boligdesk.sync.simulation import TEAM_PASSPHRASE, LaptopLab
from boligdesk.sync.team import TEAM_FILE


def _rewrite(path: Path, change: object) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert callable(change)
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.update(salt=base64.b64encode(secrets.token_bytes(16)).decode()),
        lambda d: d["kdf"].update(iterations=2),
        lambda d: d.update(key_check=base64.b64encode(secrets.token_bytes(32)).decode()),
    ],
    ids=["new salt", "other iterations", "other check value"],
)
def test_a_changed_team_file_is_refused_naming_it_and_nothing_is_synced(
    tmp_path: Path, change: object
) -> None:
    lab = LaptopLab(tmp_path)
    try:
        anne = lab.laptop("anne")
        team_file = lab.connections[anne.device_id].team.folder / TEAM_FILE
        _rewrite(team_file, change)
        with pytest.raises(StoreError) as info:
            reconnect(anne, ask_passphrase=lambda: TEAM_PASSPHRASE)
        assert info.value.code == "team_file_changed"
        assert f"Teamfilen {team_file}" in info.value.message
        assert "adgangskode er forkert" not in info.value.message
    finally:
        lab.close()


def test_an_unchanged_team_file_reconnects_with_the_passphrase(tmp_path: Path) -> None:
    lab = LaptopLab(tmp_path)
    try:
        anne = lab.laptop("anne")
        connection = reconnect(anne, ask_passphrase=lambda: TEAM_PASSPHRASE)
        assert connection.team_key == lab.connections[anne.device_id].team_key
    finally:
        lab.close()
