"""``boligdesk self-check`` also builds the window (every tab, Danish Qt) — the part a frozen bundle most
often breaks — unless told ``--no-window``."""

from __future__ import annotations

import os
import subprocess
import sys


def _self_check(*extra: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("BOLIGDESK_PASSPHRASE", None)
    return subprocess.run(
        [sys.executable, "-m", "boligdesk", "self-check", *extra],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )


def test_self_check_builds_the_window_with_every_tab() -> None:
    result = _self_check()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok  vinduet bygget med alle faner og Qt på dansk" in result.stdout
    assert "nøglering" in result.stdout
    assert "Traceback" not in result.stderr


def test_self_check_without_window_skips_only_the_window() -> None:
    result = _self_check("--no-window")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "vinduet" not in result.stdout
    assert "PDF på én side med æøå" in result.stdout
    assert result.stdout.strip().endswith("Selvtjek gennemført.")
