"""team.json lives on a shared drive: hostile or broken parameters are refused, named as the team file."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest

from boligdesk.errors import StoreError
from boligdesk.models.keys import KeyFile
from boligdesk.sync import share_io
from boligdesk.sync.team import TEAM_FILE, create_team, open_team

PASSPHRASE = "Vi mødes kl 9 hver tirsdag"


def _tamper(tmp_path: Path, change: Any) -> Path:
    team, _key = create_team(tmp_path, PASSPHRASE)
    path = team.folder / TEAM_FILE
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


HOSTILE = {
    "huge memory": lambda d: d["kdf"].update(memory_kib=10**9),
    "zero lanes": lambda d: d["kdf"].update(lanes=0),
    "endless iterations": lambda d: d["kdf"].update(iterations=10**7),
    "negative memory": lambda d: d["kdf"].update(memory_kib=-1),
    "text for a number": lambda d: d["kdf"].update(iterations="3"),
    "true for a number": lambda d: d["kdf"].update(lanes=True),
    "unknown algorithm": lambda d: d["kdf"].update(algorithm="scrypt"),
    "kdf not an object": lambda d: d.update(kdf=[1, 2, 3]),
    "unknown kdf field": lambda d: d["kdf"].update(extra=1),
    "format not a number": lambda d: d.update(format="abc"),
    "salt not base64": lambda d: d.update(salt="***"),
}


@pytest.mark.parametrize("change", list(HOSTILE.values()), ids=list(HOSTILE))
def test_a_hostile_team_file_is_refused_at_once_naming_the_team_file(tmp_path: Path, change: Any) -> None:
    path = _tamper(tmp_path, change)
    with pytest.raises(StoreError) as info:
        open_team(tmp_path).derive_key(PASSPHRASE)
    assert info.value.code in {"team_file_corrupt"}, info.value.code
    assert f"Teamfilen {path}" in info.value.message
    assert "Nøglefilen" not in info.value.message and "adgangskode" not in info.value.message.lower()


def test_a_key_file_with_hostile_parameters_is_called_damaged(tmp_path: Path) -> None:
    path = tmp_path / "boligdesk.key"
    path.write_text(
        json.dumps(
            {
                "format": 1,
                "kdf": {"algorithm": "argon2id", "memory_kib": 10**9, "iterations": 3, "lanes": 4},
                "salt": "AAAA",
                "nonce": "AAAA",
                "wrapped_key": "AAAA",
                "device_id": "x",
            }
        ),
        encoding="utf-8",
    )
    with pytest.raises(StoreError) as info:
        KeyFile.read(path)
    assert info.value.code == "key_file_corrupt"


def test_share_files_and_folders_are_for_the_team_only(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        team, _key = create_team(tmp_path, PASSPHRASE)
        folder = team.folder / "outbox" / "enhed"
        share_io.make_folder(folder)
        target = folder / "1.bdsync"
        share_io.write_new_file(target, b"data", share=tmp_path, verify=lambda _d: None)
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == share_io.FILE_MODE == 0o640
    assert stat.S_IMODE((team.folder / TEAM_FILE).stat().st_mode) == 0o640
    for path in (folder, team.folder, team.folder / "outbox"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o750, path


KEY_FILE_DAMAGE = {
    "salt not base64": lambda d: d.update(salt="***"),
    "empty salt": lambda d: d.update(salt=""),
    "short nonce": lambda d: d.update(nonce="AAAA"),
    "format text": lambda d: d.update(format="ny"),
    "not an object": lambda d: d.clear() or d.update(kdf=None),
    "lanes zero": lambda d: d["kdf"].update(lanes=0),
}


@pytest.mark.parametrize("change", list(KEY_FILE_DAMAGE.values()), ids=list(KEY_FILE_DAMAGE))
def test_a_damaged_key_file_is_named_not_a_traceback_nor_a_wrong_passphrase(
    tmp_path: Path, change: Any
) -> None:
    from boligdesk.models.keys import KdfParams, wrap_key

    path = tmp_path / "boligdesk.key"
    good = json.loads(wrap_key(b"k" * 32, PASSPHRASE, "enhed", KdfParams.fast_for_tests()).to_json())
    change(good)
    path.write_text(json.dumps(good), encoding="utf-8")
    with pytest.raises(StoreError) as info:
        KeyFile.read(path).unwrap(PASSPHRASE)
    assert info.value.code == "key_file_corrupt"
