"""Start-up against a bare PySide6 window (issue 15), each in a fresh ``python`` process:

* **first window on screen** — process start until the main window, in its locked state (the unlock
  panel), has been shown and the event loop runs. Goal: ≤ 1.5× the bare window.
* **case list usable with a remembered key** — process start until the list is loaded and shown
  (``start_locked`` with a remembered-key stand-in for the keyring; ``MainWindow.listShown``: the list
  read with the driver alone, searchable, before the desk is open — decisions §36). Goal: ≤ 3× the bare
  window. Beside it: until the window is fully unlocked (the desk open, menus on).
* **"Lås op" → list shown** — from pressing "Lås op" with the passphrase in the panel until the list
  is shown (the profile's own cheap KDF); the real Argon2id step is measured on its own beside it.

The list's time is also given as the process's CPU time (all threads) against the bare window's: on a
shared, loaded machine that ratio moves less than the wall-clock one.

Each at 200 and 20,000 cases (the cached benchmark profiles, ``benchmarks/_profiles.py``).
Run: ``python -m benchmarks.bench_startup [N …] [--json] [--smoke]``.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks._cli import emit, options
from benchmarks._profiles import PASSPHRASE, bench_profile

BARE = r"""
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.resize(1340, 720); w.setWindowTitle("bare"); w.show()
def done():
    print("SHOWN", time.perf_counter_ns()); print("CPUSHOWN", time.process_time_ns()); sys.stdout.flush(); app.quit()
QTimer.singleShot(0, done)
app.exec()
"""

# As run_app does it, with the key handed over in place of the keyring's.
REMEMBERED = r"""
import sys, time
from pathlib import Path
from PySide6.QtCore import QTimer
from boligdesk.app import locked_window, start_locked, start_qt
app = start_qt()
key = bytes.fromhex(sys.argv[2])
w = locked_window(Path(sys.argv[1]), recall=lambda folder: key)
seen = []
def first_shown():
    if not seen:
        seen.append(1)
        QTimer.singleShot(0, lambda: (print("LIST", time.perf_counter_ns(), w.cases_tab.model.total()),
                                      print("CPULIST", time.process_time_ns()), sys.stdout.flush()))
def listed(locked):
    if not locked:
        QTimer.singleShot(0, lambda: (print("UNLOCKED", time.perf_counter_ns(), w.cases_tab.model.total()),
                                      print("CPUUNLOCKED", time.process_time_ns()), sys.stdout.flush(), app.quit()))
w.listShown.connect(first_shown)
w.lockedChanged.connect(listed)
w.show()
def shown():
    print("SHOWN", time.perf_counter_ns()); sys.stdout.flush()
    start_locked(w)
QTimer.singleShot(0, shown)
app.exec()
if w.ctx is not None:
    w.ctx.desk.close()
"""

# The user types the passphrase into the panel and presses "Lås op".
TYPED = r"""
import sys, time
from pathlib import Path
from PySide6.QtCore import QTimer
from boligdesk.app import locked_window, start_locked, start_qt
app = start_qt()
w = locked_window(Path(sys.argv[1]), recall=lambda folder: None)
w.show()
marks = {}
def listed(locked):
    if not locked:
        QTimer.singleShot(0, lambda: (print("UNLOCK", (time.perf_counter_ns() - marks["press"])), sys.stdout.flush(), app.quit()))
w.lockedChanged.connect(listed)
def press():
    if not w.opener.ready():
        QTimer.singleShot(20, press); return
    w.lock_panel.passphrase.setText(sys.argv[2])
    marks["press"] = time.perf_counter_ns()
    w.lock_panel.unlock_button.click()
def begin():
    start_locked(w); QTimer.singleShot(20, press)
QTimer.singleShot(0, begin)
app.exec()
if w.ctx is not None:
    w.ctx.desk.close()
"""


def _run(code: str, *args: str) -> tuple[float, dict[str, int]]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    start = time.perf_counter_ns()
    result = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=True
    )
    marks = {
        line.split()[0]: int(line.split()[1]) for line in result.stdout.splitlines() if line[:1].isupper()
    }
    return start / 1e9, marks


def _since_start(code: str, mark: str, *args: str) -> float:
    start, marks = _run(code, *args)
    return marks[mark] / 1e9 - start


def _kdf_seconds(runs: int) -> tuple[float, str]:
    from boligdesk.models.keys import KdfParams, KeyFile
    from boligdesk.models.store import Profile, create_profile, unlock_key

    with tempfile.TemporaryDirectory(prefix="boligdesk-bench-") as tmp:
        profile = Profile(Path(tmp) / "profil")
        create_profile(profile, PASSPHRASE, kdf=KdfParams()).close()  # the real, slow KDF
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            unlock_key(profile, PASSPHRASE)
            times.append(time.perf_counter() - t0)
        p = KeyFile.read(profile.key_path).kdf
    return statistics.median(
        times
    ), f"Argon2id {p.memory_kib // 1024} MiB, {p.iterations} gennemløb, {p.lanes} baner"


def main() -> int:
    from boligdesk.models.store import Profile, unlock_key

    opts = options((200, 20_000))
    runs = 1 if opts.smoke else 5
    _run(BARE)  # warm the OS file cache
    bare_runs = [_run(BARE)[1] for _ in range(runs)]
    bare = statistics.median(_since_start(BARE, "SHOWN") for _ in range(runs))
    bare_cpu = statistics.median(m["CPUSHOWN"] / 1e9 for m in bare_runs)
    kdf, kdf_text = _kdf_seconds(1 if opts.smoke else 3)
    print(f"bart PySide6-vindue: {bare * 1000:.0f} ms (median af {runs}); CPU-tid {bare_cpu * 1000:.0f} ms")
    result: dict[str, object] = {
        "bare_ms": round(bare * 1000),
        "bare_cpu_ms": round(bare_cpu * 1000),
        "kdf_ms": round(kdf * 1000),
        "sizes": {},
    }
    for count in opts.counts:
        folder = bench_profile(count)
        key = unlock_key(Profile(folder), PASSPHRASE).hex()
        _run(REMEMBERED, str(folder), key)  # warm
        first, listed, listed_cpu, unlocked, unlocked_cpu = [], [], [], [], []
        runs = min(runs, 3) if count >= 10_000 else runs  # 20,000 cases: each run loads the whole list
        for _ in range(runs):
            start, marks = _run(REMEMBERED, str(folder), key)
            first.append(marks["SHOWN"] / 1e9 - start)
            listed.append(marks["LIST"] / 1e9 - start)
            listed_cpu.append(marks["CPULIST"] / 1e9)
            unlocked.append(marks["UNLOCKED"] / 1e9 - start)
            unlocked_cpu.append(marks["CPUUNLOCKED"] / 1e9)
        unlock = [_run(TYPED, str(folder), PASSPHRASE)[1]["UNLOCK"] / 1e9 for _ in range(runs)]
        f, li, u = statistics.median(first), statistics.median(listed), statistics.median(unlock)
        li_cpu = statistics.median(listed_cpu)
        ul, ul_cpu = statistics.median(unlocked), statistics.median(unlocked_cpu)
        runs_ms = ", ".join(f"{x * 1000:.0f}" for x in listed)
        print(f"-- {count} sager")
        print(
            f"første vindue (låst) på skærmen:   {f * 1000:6.0f} ms  {f / bare:5.2f}x bart vindue (mål: ≤ 1,5x)"
        )
        print(
            f"sagslisten klar, husket nøgle:     {li * 1000:6.0f} ms  {li / bare:5.2f}x bart vindue (mål: ≤ 3x)"
        )
        print(
            f"  samme i CPU-tid (alle tråde):    {li_cpu * 1000:6.0f} ms  {li_cpu / bare_cpu:5.2f}x bart vindues CPU-tid"
        )
        print(f"  hver kørsel: {runs_ms} ms")
        print(
            f"helt låst op (databasen åben):     {ul * 1000:6.0f} ms  {ul / bare:5.2f}x bart vindue; "
            f"CPU-tid {ul_cpu * 1000:.0f} ms"
        )
        print(f"»Lås op« → listen vist:            {u * 1000:6.0f} ms  (profilens billige nøgleafledning)")
        sizes = result["sizes"]
        assert isinstance(sizes, dict)
        sizes[str(count)] = {
            "first_window_ms": round(f * 1000),
            "first_window_ratio": round(f / bare, 2),
            "list_usable_ms": round(li * 1000),
            "list_usable_ratio": round(li / bare, 2),
            "list_usable_cpu_ms": round(li_cpu * 1000),
            "list_usable_cpu_ratio": round(li_cpu / bare_cpu, 2),
            "list_usable_runs_ms": [round(x * 1000) for x in listed],
            "unlocked_ms": round(ul * 1000),
            "unlocked_ratio": round(ul / bare, 2),
            "unlocked_cpu_ms": round(ul_cpu * 1000),
            "unlock_to_list_ms": round(u * 1000),
        }
    print(
        f"bevidst nøgleafledning ({kdf_text}): {kdf * 1000:.0f} ms — kommer oven i »Lås op«, ikke med i forholdene"
    )
    emit(opts, "startup", result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
