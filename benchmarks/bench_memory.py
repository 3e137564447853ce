"""Memory (issue 15): resident set size with N cases loaded in the list — no case and no PDF open —
beside a bare PySide6 window's, each in a fresh process (``VmRSS`` from ``/proc/self/status``, Linux).
The app starts as with a remembered key (the list read with the driver alone, §36) and is measured a
second after the list shows; then once the first action has opened the desk (§44), and with the first
case open.

Goal: ≤ 150 MiB with 20,000 cases. Run: ``python -m benchmarks.bench_memory [N …] [--json] [--smoke]``.
"""

from __future__ import annotations

import os
import subprocess
import sys

from benchmarks._cli import emit, options
from benchmarks._profiles import PASSPHRASE, bench_profile

#: A measured process that has not finished by then is stuck (it once waited for a case the first-run
#: tour had closed): it is reported as such instead of waiting for ever.
TIMEOUT_S = 300

RSS = r"""
def rss_mib():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
"""

BARE = (
    RSS
    + r"""
import gc, sys
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.resize(1340, 720); w.show(); app.processEvents(); w.grab()
gc.collect()
print("RSS", rss_mib())
"""
)

# As run_app starts it with a remembered key; the stand-in for the keyring asks the keyring's backend as
# ``remembered_key.load_key`` does first (its imports are the app's memory too), then hands the key over.
LOADED = (
    RSS
    + r"""
import gc, sys, time
from pathlib import Path
from boligdesk.app import locked_window, start_locked, start_qt
from boligdesk.ui.shared.table_model import ID_ROLE
app = start_qt()
key = bytes.fromhex(sys.argv[2])
def recall(folder):
    from boligdesk.remembered_key import keyring_status
    keyring_status()
    return key
w = locked_window(Path(sys.argv[1]), recall=recall)
w.resize(1340, 720); w.show(); app.processEvents()
locked = rss_mib()
shown = []
w.listShown.connect(lambda: shown.append(1))
start_locked(w)
def settle(seconds, until=lambda: True):
    end = time.monotonic() + seconds
    while time.monotonic() < end or not until():
        time.sleep(0.01)
        app.processEvents()
settle(0, lambda: bool(shown))
settle(1.0)  # what the window does after the list shows, as a user starts reading it
if not hasattr(w, "request_desk"):  # before §44 the desk opened by itself right after the list
    settle(0, lambda: not w.is_locked())
w.grab(); gc.collect()
print("LOCKED", locked)
print("LIST", rss_mib())
print("LISTSQLALCHEMY", int("sqlalchemy" in sys.modules))
print("CASES", w.cases_tab.model.total())
if hasattr(w, "request_desk"):
    w.request_desk()  # the first action that needs the desk (decisions §44)
settle(0.5, lambda: not w.is_locked())
w.grab(); gc.collect()
print("DESK", rss_mib())
tab = w.cases_tab
tab.open_case(str(tab.model.index(0, 0).data(ID_ROLE)))
settle(0.5, tab.showing_case)
w.grab(); gc.collect()
print("CASE", rss_mib())
print("REPORTLAB", int(any(m.startswith("reportlab") for m in sys.modules)))
w.ctx.desk.close()
"""
)


def _measure(code: str, *args: str) -> dict[str, float]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        done = subprocess.run(
            [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, timeout=TIMEOUT_S
        )
    except subprocess.TimeoutExpired as exc:  # a window waiting for ever is a finding, not a figure
        raise RuntimeError(f"the measured process did not finish in {TIMEOUT_S} s:\n{exc.stderr!r}") from exc
    if done.returncode:
        raise RuntimeError(f"the measured process failed:\n{done.stderr[-3000:]}")
    out = done.stdout
    return {line.split()[0]: float(line.split()[1]) for line in out.splitlines() if line[:1].isupper()}


def main() -> int:
    from boligdesk.models.store import Profile, unlock_key

    opts = options((200, 20_000))
    bare = _measure(BARE)["RSS"]
    print(f"bart PySide6-vindue: {bare:.0f} MiB")
    result: dict[str, object] = {"bare_mib": round(bare), "sizes": {}}
    for count in opts.counts:
        folder = bench_profile(count)
        key = unlock_key(Profile(folder), PASSPHRASE).hex()
        m = _measure(LOADED, str(folder), key)
        assert int(m["CASES"]) == count, m
        goal = "  (mål ved 20.000 sager: ≤ 150 MiB)"
        print(
            f"-- {count} sager: låst vindue {m['LOCKED']:.0f} MiB; sagslisten indlæst, ingen sag åben "
            f"{m['LIST']:.0f} MiB ({m['LIST'] - bare:+.0f} MiB mod bart vindue){goal}; SQLAlchemy "
            f"{'indlæst' if m['LISTSQLALCHEMY'] else 'ikke indlæst'}"
        )
        print(
            f"   databasen åbnet (første handling der kræver den) {m['DESK']:.0f} MiB; første sag åben "
            f"{m['CASE']:.0f} MiB; reportlab indlæst: {'ja' if m['REPORTLAB'] else 'nej'}"
        )
        sizes = result["sizes"]
        assert isinstance(sizes, dict)
        sizes[str(count)] = {
            "locked_mib": round(m["LOCKED"]),
            "list_loaded_mib": round(m["LIST"]),
            "list_loaded_sqlalchemy": bool(m["LISTSQLALCHEMY"]),
            "desk_open_mib": round(m["DESK"]),
            "first_case_mib": round(m["CASE"]),
        }
    emit(opts, "memory", result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
