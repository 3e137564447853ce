"""Start-up against a bare PySide6 window (issue 15), each in a fresh ``python`` process:

* **first window on screen** — process start until the main window, in its locked state (the unlock
  panel), has been painted and the event loop runs again, started the way the ``boligdesk`` command starts
  it (``cli.main`` → ``run_app``). Goal: ≤ 1.5× the bare window. Beside it a **floor**: what Qt itself
  costs for such a window (QApplication, Qt's Danish translation, a QMainWindow with a line edit).
* **case list usable with a remembered key** — process start until the list is loaded and shown
  (``start_locked`` with a remembered-key stand-in for the keyring; ``MainWindow.listShown``: the list
  read with the driver alone, searchable, before the desk is open — decisions §36). Goal: ≤ 3× the bare
  window. Each run is paired with a bare window started just before it (the rounds interleave), and the
  ratio is the median of the pairs' ratios, with their spread: a machine that grows busier weighs on both.
  The keyring's own look-up (the stand-in skips it) is measured on its own beside it.
* **the first case opened** — from the list shown until the first case (the list's top row) is open: the
  desk is opened then, when the first action needs it (decisions §44), so this is what that choice costs;
  beside it a second case opened with the desk open.
* **"Lås op" → list shown** — from pressing "Lås op" with the passphrase in the panel until the list
  is shown (the profile's own cheap KDF); the real Argon2id step is measured on its own beside it.

Every window is marked the same way: at its first paint event a zero timer is posted, and the mark is
taken when the event loop runs it (the paint is done). The times are also given as the process's CPU time
(all threads) against the bare window's: on a shared, loaded machine that ratio moves less than the
wall-clock one. The processes may write bytecode caches (``PYTHONDONTWRITEBYTECODE`` is dropped for them),
as an installed app has its modules compiled: compiling our sources at every start is not start-up.

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

# Marks the first paint of the window ``w`` (``_paint_mark(w, then)``): SHOWN and CPUSHOWN when the event loop
# runs again after it, then ``then()``.
PAINT_MARK = r"""
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
class _PaintMark(QObject):
    def __init__(self, then):
        super().__init__(); self.then = then; self.seen = False
    def eventFilter(self, obj, event):
        if not self.seen and event.type() == QEvent.Type.Paint:
            self.seen = True
            QTimer.singleShot(0, self.mark)
        return False
    def mark(self):
        print("SHOWN", time.perf_counter_ns()); print("CPUSHOWN", time.process_time_ns()); sys.stdout.flush()
        self.then()
def _paint_mark(w, then):
    w._paint_mark = _PaintMark(then); w.installEventFilter(w._paint_mark)
"""

BARE = (
    PAINT_MARK
    + r"""
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.resize(1340, 720); w.setWindowTitle("bare")
_paint_mark(w, app.quit)
w.show()
app.exec()
"""
)

# What Qt itself costs for a window like the locked one: Qt's Danish texts and a line edit with its text.
FLOOR = (
    PAINT_MARK
    + r"""
from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QLineEdit, QMainWindow
app = QApplication(sys.argv[:1])
danish = QLocale(QLocale.Language.Danish, QLocale.Country.Denmark); QLocale.setDefault(danish)
tr = QTranslator(app); tr.load(danish, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
app.installTranslator(tr)
w = QMainWindow(); w.resize(1340, 720); w.setWindowTitle("floor")
edit = QLineEdit(); edit.setPlaceholderText("Adgangskode"); w.setCentralWidget(edit)
_paint_mark(w, app.quit)
w.show()
app.exec()
"""
)

# The ``boligdesk`` command itself (``cli.main`` → ``run_app``); the process ends at the mark.
FIRST = (
    PAINT_MARK
    + r"""
import os
import boligdesk.app
_run_window = boligdesk.app.run_window
def run_window(app, window, on_shown=None):
    _paint_mark(window, lambda: os._exit(0))
    return _run_window(app, window, on_shown)
boligdesk.app.run_window = run_window
from boligdesk.cli import main
main(["--data-dir", sys.argv[1]])
"""
)

# As run_app does it, with the key handed over in place of the keyring's.
REMEMBERED = (
    PAINT_MARK
    + r"""
from pathlib import Path
from PySide6.QtCore import QTimer
from boligdesk.app import locked_window, start_locked, start_qt
app = start_qt()
key = bytes.fromhex(sys.argv[2])
w = locked_window(Path(sys.argv[1]), recall=lambda folder: key)
from boligdesk.ui.shared.table_model import ID_ROLE
seen = []
def first_shown():
    if not seen:
        seen.append(1)
        QTimer.singleShot(0, listed)
def listed():
    print("LIST", time.perf_counter_ns(), w.cases_tab.model.total()); print("CPULIST", time.process_time_ns())
    sys.stdout.flush()
    QTimer.singleShot(0, open_first)  # the user opens the top case at once
def open_first():
    tab = w.cases_tab
    seen.append(time.perf_counter_ns())
    tab.open_case(str(tab.model.index(0, 0).data(ID_ROLE)))
    QTimer.singleShot(0, case_open)
def case_open():
    if not w.cases_tab.showing_case():
        QTimer.singleShot(2, case_open); return
    print("CASE", time.perf_counter_ns() - seen[1]); print("CPUCASE", time.process_time_ns())
    tab = w.cases_tab
    t0 = time.perf_counter_ns()
    tab.open_case(str(tab.model.index(1, 0).data(ID_ROLE))); app.processEvents()
    print("CASE2", time.perf_counter_ns() - t0)
    sys.stdout.flush(); app.quit()
def unlocked(locked):
    if not locked:
        print("UNLOCKED", time.perf_counter_ns()); print("CPUUNLOCKED", time.process_time_ns())
w.listShown.connect(first_shown)
w.lockedChanged.connect(unlocked)
_paint_mark(w, lambda: None)
w.after_first_paint(lambda: start_locked(w))  # as run_app does
w.show()
app.exec()
if w.ctx is not None:
    w.ctx.desk.close()
"""
)

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
w.after_first_paint(begin)
app.exec()
if w.ctx is not None:
    w.ctx.desk.close()
"""


def _run(code: str, *args: str) -> tuple[float, dict[str, int]]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed app's modules are compiled once, not per start
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


def _keyring_ms(runs: int) -> float:
    """CPU ms of the keyring's look-up as ``remembered_key.load_key`` starts it (import, backend choice)."""
    code = (
        "import time; t = time.process_time()\n"
        "from boligdesk.remembered_key import keyring_status; keyring_status()\n"
        "print('KEYRING', int((time.process_time() - t) * 1e9))"
    )
    return statistics.median(_run(code)[1]["KEYRING"] / 1e6 for _ in range(runs))


def _rounds(runs: int, *codes: tuple[str, ...]) -> list[list[tuple[float, float]]]:
    """(wall, CPU) seconds to the first paint for each code (with its arguments), ``runs`` rounds taken
    in turn, so a machine growing busier weighs on all alike."""
    found: list[list[tuple[float, float]]] = [[] for _ in codes]
    for _ in range(runs):
        for i, (code, *args) in enumerate(codes):
            start, marks = _run(code, *args)
            found[i].append((marks["SHOWN"] / 1e9 - start, marks["CPUSHOWN"] / 1e9))
    return found


def _median(values: list[tuple[float, float]], i: int) -> float:
    return statistics.median(v[i] for v in values)


def main() -> int:
    from boligdesk.models.store import Profile, unlock_key

    opts = options((200, 20_000))
    runs = 1 if opts.smoke else 5
    first_folder = bench_profile(opts.counts[0])
    _run(BARE)  # warm the OS file cache
    _run(FIRST, str(first_folder))  # and write the bytecode caches
    bare_runs, floor_runs, first_runs = _rounds(runs, (BARE,), (FLOOR,), (FIRST, str(first_folder)))
    bare, bare_cpu = _median(bare_runs, 0), _median(bare_runs, 1)
    floor, floor_cpu = _median(floor_runs, 0), _median(floor_runs, 1)
    first, first_cpu = _median(first_runs, 0), _median(first_runs, 1)
    kdf, kdf_text = _kdf_seconds(1 if opts.smoke else 3)
    print(f"bart PySide6-vindue: {bare * 1000:.0f} ms (median af {runs}); CPU-tid {bare_cpu * 1000:.0f} ms")
    print(
        f"gulv (Qt: dansk oversættelse + vindue med tekstfelt): {floor * 1000:.0f} ms  {floor / bare:4.2f}x; "
        f"CPU-tid {floor_cpu * 1000:.0f} ms  {floor_cpu / bare_cpu:4.2f}x"
    )
    print(
        f"første vindue (låst), kommandoen boligdesk: {first * 1000:6.0f} ms  {first / bare:5.2f}x bart vindue "
        f"(mål: ≤ 1,5x); CPU-tid {first_cpu * 1000:.0f} ms  {first_cpu / bare_cpu:5.2f}x"
    )
    print("  enkeltkørsler (ms, væg/CPU):")
    for name, values in (("bart", bare_runs), ("gulv", floor_runs), ("første vindue", first_runs)):
        print(f"    {name:14s} " + "  ".join(f"{w * 1000:.0f}/{c * 1000:.0f}" for w, c in values))
    result: dict[str, object] = {
        "bare_ms": round(bare * 1000),
        "bare_cpu_ms": round(bare_cpu * 1000),
        "floor_ms": round(floor * 1000),
        "floor_cpu_ms": round(floor_cpu * 1000),
        "first_window_ms": round(first * 1000),
        "first_window_ratio": round(first / bare, 2),
        "first_window_cpu_ms": round(first_cpu * 1000),
        "first_window_cpu_ratio": round(first_cpu / bare_cpu, 2),
        "kdf_ms": round(kdf * 1000),
        "sizes": {},
    }
    for count in opts.counts:
        folder = bench_profile(count)
        key = unlock_key(Profile(folder), PASSPHRASE).hex()
        _run(REMEMBERED, str(folder), key)  # warm
        runs_here = 1 if opts.smoke else 3 if count >= 10_000 else 7  # 20,000: each run loads the whole list
        # Against bare windows started in the same rounds (a bare window, then ours): the machine's load
        # changes over a run, so each list run is divided by the bare window just before it.
        bare_here: list[tuple[float, float]] = []
        first_here: list[tuple[float, float]] = []
        listed: list[dict[str, int]] = []
        starts: list[float] = []
        for _ in range(runs_here):
            b_runs, f_runs = _rounds(1, (BARE,), (FIRST, str(folder)))
            bare_here += b_runs
            first_here += f_runs
            start, marks = _run(REMEMBERED, str(folder), key)
            listed.append(marks)
            starts.append(start)
        b, b_cpu = _median(bare_here, 0), _median(bare_here, 1)
        f, f_cpu = _median(first_here, 0), _median(first_here, 1)
        wall = [m["LIST"] / 1e9 - start for m, start in zip(listed, starts, strict=True)]
        cpu = [m["CPULIST"] / 1e9 for m in listed]
        ratios = [w / bw for w, (bw, _) in zip(wall, bare_here, strict=True)]
        cpu_ratios = [c / bc for c, (_, bc) in zip(cpu, bare_here, strict=True)]
        case = [m["CASE"] / 1e9 for m in listed]
        case2 = [m["CASE2"] / 1e9 for m in listed]
        case_cpu = [(m["CPUCASE"] - m["CPULIST"]) / 1e9 for m in listed]  # all threads, list → case shown
        li, li_cpu = statistics.median(wall), statistics.median(cpu)
        ratio, cpu_ratio = statistics.median(ratios), statistics.median(cpu_ratios)
        unlock = [_run(TYPED, str(folder), PASSPHRASE)[1]["UNLOCK"] / 1e9 for _ in range(min(runs_here, 3))]
        u = statistics.median(unlock)

        def spread(values: list[float], fmt: str = "{:.2f}") -> str:
            return f"{fmt.format(min(values))}–{fmt.format(max(values))}"

        print(f"-- {count} sager")
        print(
            f"første vindue (låst) på skærmen:   {f * 1000:6.0f} ms  {f / b:5.2f}x bart vindue (mål: ≤ 1,5x); "
            f"CPU-tid {f_cpu / b_cpu:4.2f}x (bart vindue i samme runder: {b * 1000:.0f} ms, CPU {b_cpu * 1000:.0f} ms)"
        )
        print(
            f"sagslisten klar, husket nøgle:     {li * 1000:6.0f} ms  {ratio:5.2f}x bart vindue (mål: ≤ 3x; "
            f"median af {runs_here} par, spredning {spread(ratios)}x)"
        )
        print(
            f"  samme i CPU-tid (alle tråde):    {li_cpu * 1000:6.0f} ms  {cpu_ratio:5.2f}x bart vindues CPU-tid "
            f"(spredning {spread(cpu_ratios)}x)"
        )
        print(
            "  hver kørsel (ms, bart/vores): "
            + ", ".join(f"{bw * 1000:.0f}/{x * 1000:.0f}" for x, (bw, _) in zip(wall, bare_here, strict=True))
        )
        print(
            f"første sag åbnet fra listen:       {statistics.median(case) * 1000:6.0f} ms  (databasen åbnes "
            f"først; spredning {spread(case, '{:.2f}')} s); CPU-tid {statistics.median(case_cpu) * 1000:.0f} ms "
            f"({spread(case_cpu, '{:.2f}')} s); sag nr. 2: {statistics.median(case2) * 1000:.0f} ms"
        )
        print(f"»Lås op« → listen vist:            {u * 1000:6.0f} ms  (profilens billige nøgleafledning)")
        sizes = result["sizes"]
        assert isinstance(sizes, dict)
        sizes[str(count)] = {
            "first_window_ms": round(f * 1000),
            "first_window_ratio": round(f / b, 2),
            "first_window_cpu_ratio": round(f_cpu / b_cpu, 2),
            "bare_ms": round(b * 1000),
            "list_usable_ms": round(li * 1000),
            "list_usable_ratio": round(ratio, 2),
            "list_usable_ratio_spread": [round(min(ratios), 2), round(max(ratios), 2)],
            "list_usable_cpu_ms": round(li_cpu * 1000),
            "list_usable_cpu_ratio": round(cpu_ratio, 2),
            "list_usable_runs_ms": [round(x * 1000) for x in wall],
            "first_case_ms": round(statistics.median(case) * 1000),
            "first_case_cpu_ms": round(statistics.median(case_cpu) * 1000),
            "second_case_ms": round(statistics.median(case2) * 1000),
            "unlock_to_list_ms": round(u * 1000),
        }
    keyring_ms = _keyring_ms(1 if opts.smoke else 3)
    result["keyring_lookup_cpu_ms"] = round(keyring_ms)
    print(f"nøgleringens opslag (import + valg af backend, CPU-tid, ikke med ovenfor): {keyring_ms:.0f} ms")
    print(
        f"bevidst nøgleafledning ({kdf_text}): {kdf * 1000:.0f} ms — kommer oven i »Lås op«, ikke med i forholdene"
    )
    emit(opts, "startup", result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
