"""The command line on a damaged profile: a Danish message, exit 2, and nothing written into it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from boligdesk.models.store import DB_NAME

PASSPHRASE = "demo-kodeord-1234"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, BOLIGDESK_INSECURE_FAST_KDF="1", BOLIGDESK_PASSPHRASE=PASSPHRASE)
    return subprocess.run(
        [sys.executable, "-m", "boligdesk", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture
def emptied_profile(tmp_path: Path) -> Path:
    folder = tmp_path / "profil"
    assert _run("demo", "--data-dir", str(folder), "--cases", "3").returncode == 0
    for side in folder.glob(DB_NAME + "-*"):
        side.unlink()
    (folder / DB_NAME).write_bytes(b"")
    return folder


@pytest.mark.parametrize("command", [["cases"], ["demo", "--cases", "2"]])
def test_a_zero_byte_database_is_refused_and_left_empty(emptied_profile: Path, command: list[str]) -> None:
    result = _run(*command, "--data-dir", str(emptied_profile))
    assert result.returncode == 2
    assert "beskadiget" in result.stderr and "sikkerhedskopi" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert (emptied_profile / DB_NAME).stat().st_size == 0
