"""A year of a team, on the slope (issue 15): does a sync cost what the new changes cost, and does a
laptop joining late avoid replaying the whole history?

``L`` laptops (default 5) share one folder. In every round each laptop adds two invented persons, edits
one of its own and syncs. After 20, 40 and 80 rounds (the grid; ``--syncs``) we measure, once with
compaction (:mod:`boligdesk.sync.compaction`) and once without:

* **regular sync**: the median time of the laptops' syncs in the last three rounds before it (the same
  small change each time);
* **join**: a new laptop's first sync (it receives everything) — its time and how many files it read;
  the joiner is then retired (``retired=``), as a laptop handed back would be, so it holds nothing up;
* **share**: the team folder's size and the most files in one outbox.

**The large run** (25 laptops × 250 syncs, issue 15): ``--laptops 25 --syncs 20,40,80,160,250
--no-baseline --progress``. It is made feasible in three ways, none of which touches what is measured:
the profiles use the insecure fast KDF (``BOLIGDESK_INSECURE_FAST_KDF=1``, set here: the KDF is not what is
measured; stores stay open across rounds as before); the rounds that only build history (not the last
:data:`SAMPLE_ROUNDS` before a checkpoint, and never a join) run with ``PRAGMA synchronous = OFF`` — the
measured syncs run as the app does (``FULL``); ``--no-baseline`` skips the run without compaction (whose
joiner at 250 syncs would read 6,250 files). ``--progress`` prints each checkpoint's figures to stderr as
soon as it is reached (one JSON line), so a run stopped early still reports the grid it finished.

Goals: the regular sync's CPU time at the longest history ≤ 1.5× the one at the shortest (flat: history
does not cost; CPU time, because on a shared machine the load moves wall-clock time between
checkpoints far more than history does — wall-clock is shown beside it), and a joiner reads at most
``L × (COMPACT_EVERY + 2)`` files whatever the history. The no-compaction figures are shown beside them
as the baseline. Run: ``python -m benchmarks.bench_team_year [--json]
[--laptops 5] [--syncs 20,40,80] [--no-baseline] [--progress]`` (a few minutes on two cores).
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import event, select

from benchmarks.report import Figure, report, wants_json
from boligdesk.models import Person
from boligdesk.models.keys import FAST_KDF_ENV
from boligdesk.models.store import Store
from boligdesk.sync.compaction import COMPACT_EVERY
from boligdesk.sync.simulation import LaptopLab, make_template

LAPTOPS = 5
SYNCS = (20, 40, 80)
FLAT_GOAL = 1.5
#: The regular sync is the median over the laptops' syncs in the last rounds before a checkpoint.
SAMPLE_ROUNDS = 3


def _change(store: Store, round_no: int, index: int) -> None:
    with store.session() as s:
        s.add_all(
            [
                Person(first_name=f"Testperson {round_no}-{index}-a", last_name="Jensen"),
                Person(first_name=f"Testperson {round_no}-{index}-b", last_name="Hansen"),
            ]
        )
        own = s.scalars(select(Person).where(Person.updated_by == store.device_id).limit(1)).first()
        if own is not None:
            own.phone = f"2{round_no:03d}{index:04d}"


class _Durability:
    """``PRAGMA synchronous`` for every connection a laptop's engine hands out: ``FULL`` (the app's own
    setting) while measuring, ``OFF`` while only building history."""

    def __init__(self) -> None:
        self.fast = False

    def attach(self, store: Store) -> None:
        event.listen(store.engine, "checkout", self._checkout)

    def _checkout(self, dbapi_connection: object, _record: object, _proxy: object) -> None:
        mode = "OFF" if self.fast else "FULL"
        dbapi_connection.execute(f"PRAGMA synchronous = {mode}")  # type: ignore[attr-defined]


def _share_bytes(share: Path) -> int:
    return sum(p.stat().st_size for p in share.rglob("*") if p.is_file())


def _most_files(share: Path) -> int:
    counts = [
        sum(1 for p in folder.iterdir() if p.name.endswith((".bdsync", ".bdsnap")))
        for folder in share.rglob("*")
        if folder.is_dir()
    ]
    return max(counts, default=0)


def run(
    laptops: int = LAPTOPS,
    syncs: tuple[int, ...] = SYNCS,
    *,
    compact: bool,
    progress: bool = False,
) -> dict[int, dict[str, float]]:
    every = COMPACT_EVERY if compact else None
    results: dict[int, dict[str, float]] = {}
    durability = _Durability()
    began = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        lab = LaptopLab(root / "hold", make_template(root / "skabelon"))
        retired: set[str] = set()
        try:
            team = [lab.laptop(f"laptop{i}") for i in range(laptops)]
            for store in team:
                durability.attach(store)
            done = 0
            for checkpoint in sorted(syncs):
                times: list[float] = []
                cpu: list[float] = []
                while done < checkpoint:
                    done += 1
                    measured = checkpoint - done < SAMPLE_ROUNDS
                    if not measured:
                        times, cpu = [], []
                    durability.fast = not measured
                    if progress and done % 10 == 0:
                        print(
                            f"runde {done}: {time.perf_counter() - began:.0f} s", file=sys.stderr, flush=True
                        )
                    for i, store in enumerate(team):
                        _change(store, done, i)
                        started, started_cpu = time.perf_counter(), time.process_time()
                        summary = lab.sync(store, compact_every=every, retired=frozenset(retired))
                        times.append(time.perf_counter() - started)
                        cpu.append(time.process_time() - started_cpu)
                        if summary.refused or summary.gaps:
                            raise RuntimeError("\n".join(summary.lines()))
                durability.fast = False
                joiner = lab.new_profile(f"ny{checkpoint}")
                lab.join(joiner)
                started, started_cpu = time.perf_counter(), time.process_time()
                joined = lab.sync(joiner, compact_every=every, retired=frozenset(retired))
                join_s = time.perf_counter() - started
                join_cpu_s = time.process_time() - started_cpu
                with joiner.session() as s:
                    persons = len(s.scalars(select(Person.id)).all())
                joiner.close()
                retired.add(joiner.device_id)
                results[checkpoint] = {
                    "regular_s": statistics.median(times),
                    "regular_cpu_s": statistics.median(cpu),
                    "join_cpu_s": join_cpu_s,
                    "join_s": join_s,
                    "join_files": float(joined.received_files),
                    "join_persons": float(persons),
                    "share_bytes": float(_share_bytes(lab.share)),
                    "most_files": float(_most_files(lab.share)),
                }
                if progress:
                    line = {
                        "compact": compact,
                        "laptops": laptops,
                        "syncs": checkpoint,
                        **results[checkpoint],
                    }
                    line["elapsed_s"] = round(time.perf_counter() - began, 1)
                    print(json.dumps(line), file=sys.stderr, flush=True)
        finally:
            lab.close()
    return results


def figures(
    laptops: int, with_c: dict[int, dict[str, float]], without: dict[int, dict[str, float]] | None
) -> list[Figure]:
    first = min(with_c)
    out: list[Figure] = []
    for h in sorted(with_c):
        w = with_c[h]
        out.append(
            Figure(
                f"regular_ms_{h}",
                f"{h} synk.: almindelig synk. (mod {first} synk.)",
                w["regular_s"] * 1000,
                base=with_c[first]["regular_s"] * 1000,
                base_label=f"ved {first}",
            )
        )
        out.append(
            Figure(
                f"regular_cpu_ms_{h}",
                f"{h} synk.: almindelig synk., CPU-tid (mod {first} synk.)",
                w["regular_cpu_s"] * 1000,
                base=with_c[first]["regular_cpu_s"] * 1000,
                goal=FLAT_GOAL,
                base_label=f"ved {first}",
            )
        )
        out.append(Figure(f"join_cpu_ms_{h}", f"{h} synk.: ny computer, CPU-tid", w["join_cpu_s"] * 1000))
        if without is None:
            out += [
                Figure(f"join_ms_{h}", f"{h} synk.: ny computer", w["join_s"] * 1000),
                Figure(
                    f"join_files_{h}",
                    f"{h} synk.: filer læst af ny computer",
                    w["join_files"],
                    unit="filer",
                    goal=float(laptops * (COMPACT_EVERY + 2)),
                ),
                Figure(f"share_kib_{h}", f"{h} synk.: fællesmappe", w["share_bytes"] / 1024, unit="KiB"),
                Figure(
                    f"most_files_{h}", f"{h} synk.: flest filer i én udbakke", w["most_files"], unit="filer"
                ),
            ]
            continue
        n = without[h]
        out += [
            Figure(
                f"regular_nocompact_ms_{h}",
                f"{h} synk.: almindelig, uden sammenlægning",
                n["regular_s"] * 1000,
                base=without[first]["regular_s"] * 1000,
                base_label=f"ved {first}",
            ),
            Figure(
                f"join_ms_{h}",
                f"{h} synk.: ny computer (mod uden sammenlægning)",
                w["join_s"] * 1000,
                base=n["join_s"] * 1000,
                base_label="uden",
            ),
            Figure(
                f"join_files_{h}",
                f"{h} synk.: filer læst af ny computer",
                w["join_files"],
                unit="filer",
                goal=float(laptops * (COMPACT_EVERY + 2)),
            ),
            Figure(
                f"join_files_nocompact_{h}",
                f"{h} synk.: filer læst uden sammenlægning",
                n["join_files"],
                unit="filer",
            ),
            Figure(
                f"share_kib_{h}",
                f"{h} synk.: fællesmappe (mod uden)",
                w["share_bytes"] / 1024,
                unit="KiB",
                base=n["share_bytes"] / 1024,
                base_label="uden",
            ),
            Figure(
                f"most_files_{h}",
                f"{h} synk.: flest filer i én udbakke (mod uden)",
                w["most_files"],
                unit="filer",
                base=n["most_files"],
                base_label="uden",
            ),
        ]
    return out


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    laptops = int(args[args.index("--laptops") + 1]) if "--laptops" in args else LAPTOPS
    syncs = tuple(int(x) for x in args[args.index("--syncs") + 1].split(",")) if "--syncs" in args else SYNCS
    progress = "--progress" in args
    before = os.environ.get(FAST_KDF_ENV)
    os.environ[FAST_KDF_ENV] = "1"  # the team passphrase's KDF is not what is measured here
    try:
        with_c = run(laptops, syncs, compact=True, progress=progress)
        without = None if "--no-baseline" in args else run(laptops, syncs, compact=False, progress=progress)
    finally:  # the benchmarks run in one process: the next one gets the environment it had
        if before is None:
            os.environ.pop(FAST_KDF_ENV, None)
        else:
            os.environ[FAST_KDF_ENV] = before
    expected = {h: float(2 * laptops * h) for h in syncs}
    runs = (with_c,) if without is None else (with_c, without)
    ok = all(r["join_persons"] == expected[h] for res in runs for h, r in res.items())
    notes = [f"{laptops} computere; sammenlægning når mindst {COMPACT_EVERY} filer er modtaget af alle."]
    if not ok:
        notes.append("FEJL: en ny computer fik ikke alle data")
    report("team_year", figures(laptops, with_c, without), as_json=wants_json(args), notes=notes)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
