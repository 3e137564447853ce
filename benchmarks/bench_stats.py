"""The statistics over 20,000 cases and 10 years (issue 13).

The data: N invented cases spread over 2016–2025 in 20 estates with 8 advisers, each with 1–3 contact
attempts, every fifth with a repayment plan, outcomes and dates drawn at random (bulk-inserted: the point
is the counting, not making cases).

Measured in the same run:

* **report** — ``desk.statistics.report`` for all ten years and every estate (load + every table) on the
  encrypted store, and the same call run off the GUI thread through ``run_in_background`` (the front
  door's helper, as the window does), until its result is back on the GUI thread;
* **raw SQL** — the floor: ``GROUP BY`` count queries for the main figures (terminations, moves,
  evictions, contact reached, per estate and year) on a plain (unencrypted) copy of the same data.

Each is timed on the wall clock and in CPU time of the process (``time.process_time``, every thread): on
a shared 2-core machine the wall clock measures the neighbours as much as the code, so compare the CPU
times and their ratio (issue 15: ratios count, not absolute times).

Run: ``python -m benchmarks.bench_stats [N] [--json] [--repeat R] [--smoke]`` (default N = 20000, R = 5:
the median of R runs; ``--smoke``: 200 cases, one run); ``--json`` prints one object.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

YEARS = list(range(2016, 2026))
RAW_SQL = (
    "SELECT t.estate_id, strftime('%Y', c.termination_on) y, count(*) FROM cases c "
    "LEFT JOIN tenancies t ON t.id = c.tenancy_id WHERE c.deleted = 0 AND c.stats_excluded IS NULL "
    "AND c.termination_on IS NOT NULL GROUP BY 1, 2",
    "SELECT t.estate_id, strftime('%Y', c.closed_on) y, count(*) FROM cases c "
    "LEFT JOIN tenancies t ON t.id = c.tenancy_id WHERE c.deleted = 0 AND c.stats_excluded IS NULL "
    "AND c.outcome = 'moved_out' GROUP BY 1, 2",
    "SELECT t.estate_id, strftime('%Y', coalesce(c.rescheduled_eviction_on, c.eviction_on, c.closed_on)) y, "
    "count(*) FROM cases c LEFT JOIN tenancies t ON t.id = c.tenancy_id WHERE c.deleted = 0 "
    "AND c.stats_excluded IS NULL AND c.outcome = 'evicted' GROUP BY 1, 2",
    "SELECT t.estate_id, strftime('%Y', c.termination_on) y, count(DISTINCT c.id) FROM cases c "
    "JOIN contact_attempts a ON a.case_id = c.id LEFT JOIN tenancies t ON t.id = c.tenancy_id "
    "WHERE c.deleted = 0 AND a.deleted = 0 AND c.termination_on IS NOT NULL "
    "AND a.result NOT IN ('no_answer', 'message_left', 'sent', 'wrong_number') GROUP BY 1, 2",
)


def _median_ms(fn: Callable[[], object], repeat: int = 5) -> tuple[float, float]:
    """The median wall-clock and the median CPU milliseconds of ``repeat`` calls."""
    walls, cpus = [], []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        cpus.append((time.process_time() - c0) * 1000)
        walls.append((time.perf_counter() - t0) * 1000)
    return statistics.median(walls), statistics.median(cpus)


def _fill(store: object, count: int) -> None:
    """Bulk-insert ``count`` invented cases over :data:`YEARS`."""
    from sqlalchemy import insert

    from boligdesk.budget.cooperation import ActivityTag, ApplicationKind, CourseMethod, Decision, ShareWith
    from boligdesk.budget.vocabulary import CaseKind
    from boligdesk.models import (
        Adviser,
        Application,
        Case,
        CaseTag,
        Consent,
        ContactAttempt,
        Course,
        CourseExtension,
        Estate,
        HousingAssociation,
        Person,
        RepaymentPlan,
        Tenancy,
    )

    rng = random.Random(13)

    def new() -> str:
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))

    outcomes = ["withdrawn", "arrears_paid", "repayment_plan", "moved_out", "evicted", "other", None]
    with store.session() as s:  # type: ignore[attr-defined]
        assoc = HousingAssociation(name="Boligselskabet Benchmark (opdigtet)")
        s.add(assoc)
        s.flush()
        estates = [
            Estate(association_id=assoc.id, number=f"{i:03d}", name=f"Afdeling {i}") for i in range(20)
        ]
        advisers = [Adviser(name=f"Rådgiver {i}") for i in range(8)]
        s.add_all([*estates, *advisers])
        s.flush()
        persons, tenancies, cases, attempts, plans = [], [], [], [], []
        # issue 16: several case types and activity tags, courses (with extensions), applications, consents
        tags, courses, extensions, applications, consents = [], [], [], [], []
        activities, kinds = list(ActivityTag), [k.value for k in CaseKind]
        for n in range(count):
            year = rng.choice(YEARS)
            opened = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))
            pid, tid, cid = new(), new(), new()
            persons.append({"id": pid, "first_name": "Test", "last_name": f"Person {n}"})
            tenancies.append({"id": tid, "estate_id": rng.choice(estates).id, "address_line": f"Vej {n}"})
            outcome = rng.choice(outcomes)
            closed = opened + dt.timedelta(days=rng.randrange(20, 200)) if outcome else None
            terminated = opened + dt.timedelta(days=rng.randrange(0, 20)) if rng.random() < 0.8 else None
            cases.append(
                {
                    "id": cid,
                    "number": f"{year}-{n:05d}",
                    "tenant_id": pid,
                    "tenancy_id": tid,
                    "adviser_id": rng.choice(advisers).id,
                    "opened_on": opened,
                    "closed_on": closed,
                    "termination_on": terminated,
                    "eviction_on": closed if outcome == "evicted" else None,
                    "outcome": outcome,
                    "stats_excluded": "house_rules" if rng.random() < 0.03 else None,
                    "arrears_covered": rng.choice([True, False, None]),
                }
            )
            for k in range(rng.randrange(1, 4)):
                attempts.append(
                    {
                        "id": new(),
                        "case_id": cid,
                        "at": dt.datetime.combine(opened, dt.time(10)) + dt.timedelta(days=k * 3),
                        "channel": rng.choice(["phone", "meeting", "letter_handwritten"]),
                        "result": rng.choice(["no_answer", "reached", "meeting_agreed", "sent"]),
                    }
                )
            for value in rng.sample(activities, rng.randrange(0, 4)):
                tags.append({"id": new(), "case_id": cid, "group": "activity", "value": value.value})
            if rng.random() < 0.2:
                tags.append({"id": new(), "case_id": cid, "group": "case_type", "value": rng.choice(kinds)})
            if rng.random() < 0.3:
                course = new()
                courses.append(
                    {
                        "id": course,
                        "case_id": cid,
                        "method": rng.choice(list(CourseMethod)).value,
                        "planned_months": rng.choice([3, 9, 12]),
                        "started_on": opened,
                        "ended_on": closed,
                    }
                )
                if rng.random() < 0.3:
                    extensions.append(
                        {
                            "id": new(),
                            "course_id": course,
                            "extended_on": opened + dt.timedelta(days=60),
                            "months": 3,
                            "reason": "Opdigtet begrundelse",
                        }
                    )
            if rng.random() < 0.25:
                sent = opened + dt.timedelta(days=rng.randrange(1, 30))
                decision = rng.choice(list(Decision))
                applications.append(
                    {
                        "id": new(),
                        "case_id": cid,
                        "kind": rng.choice(list(ApplicationKind)).value,
                        "sent_on": sent,
                        "decision": decision.value,
                        "decided_on": None if decision == Decision.PENDING else sent + dt.timedelta(days=20),
                    }
                )
            if rng.random() < 0.4:
                consents.append(
                    {
                        "id": new(),
                        "case_id": cid,
                        "share_with": rng.choice(list(ShareWith)).value,
                        "given_on": opened,
                        "how": "written",
                    }
                )
            if n % 5 == 0:
                plans.append(
                    {
                        "id": new(),
                        "case_id": cid,
                        "status": rng.choice(["active", "fulfilled", "broken"]),
                        "start_on": opened,
                        "agreed_on": opened,
                    }
                )
        for model, rows in (
            (Person, persons),
            (Tenancy, tenancies),
            (Case, cases),
            (ContactAttempt, attempts),
            (RepaymentPlan, plans),
            (CaseTag, tags),
            (Course, courses),
            (CourseExtension, extensions),
            (Application, applications),
            (Consent, consents),
        ):
            s.execute(insert(model), rows)


def main() -> int:
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication, QWidget
    from sqlalchemy import create_engine, text

    from boligdesk.models.keys import KdfParams
    from boligdesk.models.store import Profile, create_profile
    from boligdesk.services.desk import Desk
    from boligdesk.ui.context import AppContext
    from boligdesk.ui.shared.desk_ops import run_in_background

    argv = sys.argv[1:]
    as_json = "--json" in argv
    repeat = 5
    if "--repeat" in argv:
        at = argv.index("--repeat")
        repeat = max(1, int(argv[at + 1]))
        del argv[at : at + 2]
    smoke = "--smoke" in argv  # ``make bench --smoke`` and the smoke tests: a tiny run that still works
    if smoke:
        repeat = 1
    args = [a for a in argv if a not in ("--json", "--smoke")]
    count = int(args[0]) if args and args[0].isdigit() else (200 if smoke else 20_000)
    _app = QApplication.instance() or QApplication([])  # kept alive for the whole run
    with tempfile.TemporaryDirectory(prefix="boligdesk-bench-") as tmp:
        profile = Profile(Path(tmp) / "profil")
        store = create_profile(profile, "benchmark-kodeord-1234", kdf=KdfParams.fast_for_tests())
        t0 = time.perf_counter()
        _fill(store, count)
        fill_s = time.perf_counter() - t0
        plain_path = Path(tmp) / "plain.db"
        with store.engine.connect() as conn:
            conn.exec_driver_sql(f"ATTACH DATABASE '{plain_path}' AS plaintext KEY ''")
            conn.exec_driver_sql("SELECT sqlcipher_export('plaintext')")
            conn.exec_driver_sql("DETACH DATABASE plaintext")
        plain = create_engine(f"sqlite:///{plain_path}")
        desk = Desk(store, adviser_name="Benchmark", today=lambda: dt.date(2026, 1, 15))

        report_ms, report_cpu = _median_ms(lambda: desk.statistics.report(YEARS), repeat)
        ctx = AppContext(desk)
        parent = QWidget()

        def in_background() -> None:
            results: list[object] = []
            call = run_in_background(
                parent,
                ctx,
                lambda p: desk.statistics.report(YEARS, None, p),
                results.append,
                title="",
                show_progress=False,
            )
            # Wait as the window does: in Qt's event loop, until ``finished`` (a loop that polled
            # processEvents every millisecond took the GIL from the worker and added about 50 %).
            if not results and call.error is None:
                loop = QEventLoop()
                call.finished.connect(loop.quit)
                if not results and call.error is None:
                    loop.exec()

        background_ms, background_cpu = _median_ms(in_background, repeat)

        def raw() -> None:
            with plain.connect() as conn:
                for sql in RAW_SQL:
                    conn.execute(text(sql)).all()

        raw_ms, raw_cpu = _median_ms(raw, max(5, repeat))
        tables = len(desk.statistics.report(YEARS).tables)
        store.close()
        plain.dispose()

    result = {
        "cases": count,
        "years": len(YEARS),
        "tables": tables,
        "report_ms": round(report_ms, 1),
        "report_in_background_ms": round(background_ms, 1),
        "raw_sql_plain_ms": round(raw_ms, 1),
        "ratio_report_to_raw_sql": round(report_ms / raw_ms, 2),
        "report_cpu_ms": round(report_cpu, 1),
        "report_in_background_cpu_ms": round(background_cpu, 1),
        "raw_sql_plain_cpu_ms": round(raw_cpu, 1),
        "ratio_report_to_raw_sql_cpu": round(report_cpu / raw_cpu, 2),
        "repeat": repeat,
        "fill_s": round(fill_s, 1),
    }
    if as_json:
        print(json.dumps(result))
    else:
        print(f"opdigtede {count} sager over {len(YEARS)} år på {fill_s:.0f} s")
        print(
            f"statistik ({tables} tabeller, alle afdelinger, {len(YEARS)} år): {report_ms:.0f} ms; "
            f"i baggrunden via run_in_background: {background_ms:.0f} ms; "
            f"rå SQL-optællinger (4 GROUP BY) på ukrypteret kopi: {raw_ms:.0f} ms; "
            f"forhold {report_ms / raw_ms:.1f}x"
        )
        print(
            f"CPU-tid (median af {repeat}): statistik {report_cpu:.0f} ms; i baggrunden {background_cpu:.0f} ms; "
            f"rå SQL {raw_cpu:.0f} ms; forhold {report_cpu / raw_cpu:.1f}x (mål: under 1 s i baggrunden)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
