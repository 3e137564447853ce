"""The app closes cleanly when a window manager closes it, on a real X server (Xvfb).

The exit crash ("QObject: shared QObject was deleted directly", then a segfault, bus error or
``malloc_consolidate()`` abort in about one close in three) never showed offscreen, so this test runs the
app as a subprocess on Xvfb: ``x11_app_driver.py`` drives every tab, every menu dialog and every kind of
editor from inside the app, then the test sends the window ``WM_DELETE_WINDOW`` as a window manager does
(``x11_close.py``). Twelve closes: a one-in-three crash escapes all twelve with less than 1 % chance.
Xvfb comes from ``scripts/system_deps.sh`` (``make test`` installs it), so the test never skips.
"""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.e2e.x11_close import send_wm_delete_window

HERE = Path(__file__).parent
DRIVER = HERE / "x11_app_driver.py"
PASSPHRASE = "demo-kodeord-1234"
CLOSES = 12
AT_ONCE = 3  # three apps on the display at a time: the runs are mostly waiting on each other's CPU
READY_TIMEOUT = 60.0
EXIT_TIMEOUT = 20.0

pytestmark = pytest.mark.slow


@dataclass(frozen=True)
class Run:
    number: int
    returncode: int
    stderr: str


def _env(display: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DISPLAY=display,
        QT_QPA_PLATFORM="xcb",
        BOLIGDESK_PASSPHRASE=PASSPHRASE,
        BOLIGDESK_INSECURE_FAST_KDF="1",
        PYTHONFAULTHANDLER="1",
    )
    env.pop("XAUTHORITY", None)
    return env


@pytest.fixture(scope="module")
def display() -> Iterator[str]:
    xvfb = shutil.which("Xvfb")
    assert xvfb, "Xvfb is missing: run `bash scripts/system_deps.sh headless` (make test does)"
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        [xvfb, "-displayfd", str(write_end), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    try:
        ready, _, _ = select.select([read_end], [], [], 20)
        assert ready, "Xvfb did not start within 20 s"
        number = os.read(read_end, 16).decode().strip()
        assert number.isdigit(), f"Xvfb said {number!r} instead of its display number"
        yield f":{number}"
    finally:
        os.close(read_end)
        server.terminate()
        server.wait(10)


@pytest.fixture(scope="module")
def demo_profile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("x11") / "demo"
    subprocess.run(
        [sys.executable, "-m", "boligdesk", "demo", "--data-dir", str(folder), "--cases", "6"],
        env=_env(":0") | {"QT_QPA_PLATFORM": "offscreen"},
        check=True,
        capture_output=True,
        timeout=120,
    )
    return folder


def _read_ready(proc: subprocess.Popen[str]) -> int | None:
    """The window id the driver prints once it has driven everything (None: it died or hung)."""
    assert proc.stdout is not None
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline:
        ready, _, _ = select.select([proc.stdout], [], [], 0.5)
        if ready:
            line = proc.stdout.readline()
            if not line:
                return None
            if line.startswith("READY "):
                return int(line.split()[1])
        elif proc.poll() is not None:
            return None
    return None


def _drive_and_close(number: int, display: str, profile: Path, work: Path) -> Run:
    folder = work / f"run{number}"
    shutil.copytree(profile, folder)
    proc = subprocess.Popen(
        [sys.executable, str(DRIVER), str(folder)],
        env=_env(display),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=HERE.parent.parent,
    )
    try:
        window = _read_ready(proc)
        if window is not None:
            send_wm_delete_window(display, window)
        _out, err = proc.communicate(timeout=EXIT_TIMEOUT if window is not None else 5)
    except subprocess.TimeoutExpired:
        proc.kill()
        _out, err = proc.communicate()
        err += "\n(test: the app did not exit after WM_DELETE_WINDOW)"
    if window is None:
        err += "\n(test: the driver never printed READY)"
    return Run(number, proc.returncode, err)


def test_closing_through_the_window_manager_never_crashes(
    display: str, demo_profile: Path, tmp_path: Path
) -> None:
    with ThreadPoolExecutor(AT_ONCE) as pool:
        runs = list(
            pool.map(lambda n: _drive_and_close(n, display, demo_profile, tmp_path), range(1, CLOSES + 1))
        )
    bad = [
        run
        for run in runs
        if run.returncode != 0
        or "shared QObject was deleted directly" in run.stderr
        or "script done" not in run.stderr
    ]
    report = "\n\n".join(f"run {r.number}: exit {r.returncode}\n{r.stderr[-3000:]}" for r in bad)
    assert not bad, f"{len(bad)} of {CLOSES} closes went wrong:\n{report}"
