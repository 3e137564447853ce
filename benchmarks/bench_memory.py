"""Memory (issue 15): resident set size with N cases loaded in the list — no case and no PDF open —
beside a bare PySide6 window's, each in a fresh process (``VmRSS`` from ``/proc/self/status``, Linux).

Goal: ≤ 150 MiB with 20,000 cases. Run: ``python -m benchmarks.bench_memory [N …] [--json] [--smoke]``.
"""

from __future__ import annotations

import os
import subprocess
import sys

from benchmarks._cli import emit, options
from benchmarks._profiles import PASSPHRASE, bench_profile

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

LOADED = (
    RSS
    + r"""
import gc, sys, time
from pathlib import Path
from boligdesk.app import locked_window, start_locked, start_qt
app = start_qt()
key = bytes.fromhex(sys.argv[2])
w = locked_window(Path(sys.argv[1]), recall=lambda folder: key)
w.resize(1340, 720); w.show(); app.processEvents()
locked = rss_mib()
first = []
w.listShown.connect(lambda: first.append((gc.collect(), rss_mib(), "sqlalchemy" in sys.modules)))
start_locked(w)
while w.is_locked():
    time.sleep(0.01)
    app.processEvents()
app.processEvents(); w.grab()
gc.collect()
print("LOCKED", locked)
if first:
    print("FIRSTLIST", first[0][1])
    print("FIRSTSQLALCHEMY", int(first[0][2]))
print("RSS", rss_mib())
print("CASES", w.cases_tab.model.total())
print("REPORTLAB", int(any(m.startswith("reportlab") for m in sys.modules)))
w.ctx.desk.close()
"""
)


def _measure(code: str, *args: str) -> dict[str, float]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    out = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=True
    ).stdout
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
        if "FIRSTLIST" in m:
            print(
                f"-- {count} sager: listen vist før databasen åbnes (SQLAlchemy "
                f"{'indlæst' if m['FIRSTSQLALCHEMY'] else 'ikke indlæst'}): {m['FIRSTLIST']:.0f} MiB"
            )
        print(
            f"-- {count} sager: låst vindue {m['LOCKED']:.0f} MiB; sagslisten indlæst {m['RSS']:.0f} MiB"
            f" ({m['RSS'] - bare:+.0f} MiB mod bart vindue){goal}; reportlab indlæst: "
            f"{'ja' if m['REPORTLAB'] else 'nej'}"
        )
        sizes = result["sizes"]
        assert isinstance(sizes, dict)
        sizes[str(count)] = {
            "locked_mib": round(m["LOCKED"]),
            "list_loaded_mib": round(m["RSS"]),
            "first_list_mib": round(m["FIRSTLIST"]) if "FIRSTLIST" in m else None,
        }
    emit(opts, "memory", result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
