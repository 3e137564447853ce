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

Goals: the regular sync at the longest history ≤ 1.5× the one at the shortest (flat: history does not
cost), and a joiner reads at most ``L × (COMPACT_EVERY + 2)`` files whatever the history. The no-compaction
figures are shown beside them as the baseline. Run: ``python -m benchmarks.bench_team_year [--json]
[--laptops 5] [--syncs 20,40,80]`` (a few minutes on two cores; 25 × 250 takes hours).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import select

from benchmarks.report import Figure, report, wants_json
from boligdesk.models import Person
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
    laptops: int = LAPTOPS, syncs: tuple[int, ...] = SYNCS, *, compact: bool
) -> dict[int, dict[str, float]]:
    every = COMPACT_EVERY if compact else None
    results: dict[int, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        lab = LaptopLab(root / "hold", make_template(root / "skabelon"))
        retired: set[str] = set()
        try:
            team = [lab.laptop(f"laptop{i}") for i in range(laptops)]
            done = 0
            for checkpoint in sorted(syncs):
                times: list[float] = []
                while done < checkpoint:
                    done += 1
                    if checkpoint - done >= SAMPLE_ROUNDS:
                        times = []
                    for i, store in enumerate(team):
                        _change(store, done, i)
                        started = time.perf_counter()
                        summary = lab.sync(store, compact_every=every, retired=frozenset(retired))
                        times.append(time.perf_counter() - started)
                        if summary.refused or summary.gaps:
                            raise RuntimeError("\n".join(summary.lines()))
                joiner = lab.new_profile(f"ny{checkpoint}")
                lab.join(joiner)
                started = time.perf_counter()
                joined = lab.sync(joiner, compact_every=every, retired=frozenset(retired))
                join_s = time.perf_counter() - started
                with joiner.session() as s:
                    persons = len(s.scalars(select(Person.id)).all())
                joiner.close()
                retired.add(joiner.device_id)
                results[checkpoint] = {
                    "regular_s": statistics.median(times),
                    "join_s": join_s,
                    "join_files": float(joined.received_files),
                    "join_persons": float(persons),
                    "share_bytes": float(_share_bytes(lab.share)),
                    "most_files": float(_most_files(lab.share)),
                }
        finally:
            lab.close()
    return results


def figures(
    laptops: int, with_c: dict[int, dict[str, float]], without: dict[int, dict[str, float]]
) -> list[Figure]:
    first = min(with_c)
    out: list[Figure] = []
    for h in sorted(with_c):
        w, n = with_c[h], without[h]
        out += [
            Figure(
                f"regular_ms_{h}",
                f"{h} synk.: almindelig synk. (mod {first} synk.)",
                w["regular_s"] * 1000,
                base=with_c[first]["regular_s"] * 1000,
                goal=FLAT_GOAL,
                base_label=f"ved {first}",
            ),
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
    with_c = run(laptops, syncs, compact=True)
    without = run(laptops, syncs, compact=False)
    expected = {h: float(2 * laptops * h) for h in syncs}
    ok = all(r["join_persons"] == expected[h] for res in (with_c, without) for h, r in res.items())
    notes = [f"{laptops} computere; sammenlægning når mindst {COMPACT_EVERY} filer er modtaget af alle."]
    if not ok:
        notes.append("FEJL: en ny computer fik ikke alle data")
    report("team_year", figures(laptops, with_c, without), as_json=wants_json(args), notes=notes)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
