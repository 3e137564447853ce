"""Sync of 10,000 changed rows (send on one laptop, receive on another) against its floor, measured in
the same run (issue 15; goal: each ≤ 3× its floor).

* **floor, send**: the same rows read with plain SQL (``SELECT *`` per synced table), serialised as JSON,
  compressed (zlib), encrypted with AES-GCM, written to the share and fsynced.
* **floor, receive**: that file read, decrypted, decompressed and parsed, then upserted
  (``INSERT … ON CONFLICT DO UPDATE``) in one transaction into another encrypted (SQLCipher) profile.
* **sync**: ``synchronise`` on the sending laptop, then on the receiving one (merge per row, field clocks,
  conflicts, knowledge, manifests). The receiving laptop's encrypted **backup before the sync** is timed
  on its own (it copies the whole database, whatever the size of the change) and shown beside it.

The rows are a realistic mix: 1,250 cases, each with its tenant, household, household member, tenancy,
case-kind history, arrears item and a journal note (8 rows per case). Sizes: the sync file against the
store file.

**Stable on a busy machine** (decisions §39): one measurement is noisy (the floor is short and ends in an
fsync), so the benchmark makes :data:`REPEATS` measurements on the same two laptops, as in an app that
keeps running: each time 10,000 new rows on one laptop, then floor and sync on exactly those rows,
interleaved (every other measurement with the sync first). It reports the medians and the spread of the
per-measurement ratios (lowest, highest) — in wall-clock time (the goal) and in CPU time of this process
(which the other jobs on a shared machine barely move; it leaves out the waits for fsync on both sides)
— and the first measurement's ratio apart (the first sync after start also imports modules and compiles
its SQL). The floor does the same work as before, on the same rows.

**The verdict** (decisions §45): the goal is judged on the medians (the first measurement included) and,
beside it, on the median of the per-measurement ratios; a note lists every measurement's ratio in
wall-clock and CPU time and how many were over 3×, so "met" cannot hide a spread. The backup before the
sync is timed from its start to its end (steps ``apply:backup`` and ``apply:backup:done``) and left out of
the receive figure.
Run: ``python -m benchmarks.bench_sync [--json] [--cases N] [--repeats N]``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
import statistics
import sys
import tempfile
import time
import zlib
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import func, select

from benchmarks.report import Figure, report, wants_json
from boligdesk.budget.money import Money
from boligdesk.budget.vocabulary import ArrearsKind, CaseKind, MemberRole
from boligdesk.models import (
    ArrearsItem,
    Case,
    CaseKindChange,
    Household,
    HouseholdMember,
    JournalNote,
    Person,
    Tenancy,
)
from boligdesk.models.store import Store, _connect
from boligdesk.sync.engine import SyncSummary
from boligdesk.sync.serialize import codecs
from boligdesk.sync.simulation import LaptopLab

CASES = 1_250
#: Measurements per run (floor and sync interleaved); the figures are their medians.
REPEATS = 5
ROWS_PER_CASE = 8


def _fill(store: Store, cases: int, *, start: int = 0) -> None:
    """``cases × 8`` new rows, in one transaction (invented data); case numbers from ``start + 1``."""
    with store.session() as s:
        for i in range(start, start + cases):
            person = Person(first_name=f"Testperson {i}", last_name="Jensen", phone=f"2{i:07d}")
            household = Household()
            tenancy = Tenancy(
                tenancy_number=f"{1000 + i}-{i % 97:02d}",
                address_line=f"Bøgevej {i % 200 + 1}, {i % 5}. tv.",
                postcode="2400",
                city="København NV",
                rent=Money(650_000 + i),
            )
            s.add_all([person, household, tenancy])
            s.flush()
            s.add(HouseholdMember(household_id=household.id, name=person.full_name, role=MemberRole.ADULT))
            case = Case(
                number=f"2026-{i + 1:04d}",
                kind=CaseKind.EVICTION_THREAT,
                tenant_id=person.id,
                household_id=household.id,
                tenancy_id=tenancy.id,
                opened_on=dt.date(2026, 11, 24),
                arrears=Money(1_285_000 + i),
                termination_on=dt.date(2026, 11, 2),
            )
            s.add(case)
            s.flush()
            s.add_all(
                [
                    CaseKindChange(case_id=case.id, kind=CaseKind.EVICTION_THREAT),
                    ArrearsItem(case_id=case.id, kind=ArrearsKind.RENT, text="Husleje", amount=case.arrears),
                    JournalNote(
                        case_id=case.id, text="Ringet til lejer, lagt besked om tilbud om rådgivning."
                    ),
                ]
            )


GOAL_RATIO = 3.0


def _tables() -> list[str]:
    return list(codecs())


def _floor_send(store: Store, target: Path, key: bytes, since: str = "") -> tuple[float, float]:
    """Plain SQL read of every synced row, JSON, zlib, AES-GCM, write + fsync. Seconds, CPU seconds."""
    started, cpu = time.perf_counter(), time.process_time()
    conn = store.engine.raw_connection()
    try:
        payload: dict[str, Any] = {}
        for table in _tables():
            cursor = conn.cursor()
            cursor.execute(f'SELECT * FROM "{table}" WHERE updated_at > ?', (since,))
            columns = [d[0] for d in cursor.description]
            rows = cursor.fetchall()
            if rows:
                payload[table] = {"columns": columns, "rows": [list(r) for r in rows]}
    finally:
        conn.close()
    raw = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), default=str).encode("utf-8")
    nonce = secrets.token_bytes(12)
    sealed = nonce + AESGCM(key).encrypt(nonce, zlib.compress(raw, 6), b"floor")
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o640)
    try:
        os.write(fd, sealed)
        os.fsync(fd)
    finally:
        os.close(fd)
    return time.perf_counter() - started, time.process_time() - cpu


def _floor_receive(source: Path, key: bytes, db: Path, db_key: bytes) -> tuple[float, float, int]:
    """Read, decrypt, decompress, parse, then upsert every row in one transaction. Seconds, CPU, rows."""
    started, cpu = time.perf_counter(), time.process_time()
    data = source.read_bytes()
    payload = json.loads(zlib.decompress(AESGCM(key).decrypt(data[:12], data[12:], b"floor")))
    conn = _connect(db, db_key)
    count = 0
    try:
        conn.execute("BEGIN")
        conn.execute("PRAGMA defer_foreign_keys = ON")
        for table, part in payload.items():
            columns = part["columns"]
            names = ", ".join(f'"{c}"' for c in columns)
            marks = ", ".join("?" for _ in columns)
            sets = ", ".join(f'"{c}" = excluded."{c}"' for c in columns if c != "id")
            conn.executemany(
                f'INSERT INTO "{table}" ({names}) VALUES ({marks}) ON CONFLICT(id) DO UPDATE SET {sets}',
                part["rows"],
            )
            count += len(part["rows"])
        conn.execute("COMMIT")
    finally:
        conn.close()
    return time.perf_counter() - started, time.process_time() - cpu, count


def _newest_clock(store: Store) -> str:
    """The newest ``updated_at`` of any synced row (the rows of the next fill are all newer)."""
    with store.session() as s:
        clocks = [s.scalar(select(func.max(codec.table.c.updated_at))) for codec in codecs().values()]
    return max((c for c in clocks if c), default="")


def _measure(
    lab: LaptopLab,
    anne: Store,
    bo: Store,
    floor: tuple[Path, bytes],
    since: str,
    index: int,
    *,
    sync_first: bool,
) -> dict[str, float]:
    """One measurement: the floor and the sync on the same new rows (newer than ``since``), in the order
    given; wall-clock and CPU seconds of each."""
    connection = lab.connections[anne.device_id]
    key = connection.team.file_key(connection.team_key)
    floor_file = lab.share / f"gulv{index}.bin"
    marks: dict[str, float] = {}
    cpu_marks: dict[str, float] = {}

    def step(name: str) -> None:
        marks.setdefault(name, time.perf_counter())
        cpu_marks.setdefault(name, time.process_time())

    def sync_send() -> tuple[float, float, SyncSummary]:
        started, cpu = time.perf_counter(), time.process_time()
        summary = lab.sync(anne)
        return time.perf_counter() - started, time.process_time() - cpu, summary

    def sync_receive() -> tuple[float, float, SyncSummary]:
        started, cpu = time.perf_counter(), time.process_time()
        summary = lab.sync(bo, step=step)
        return time.perf_counter() - started, time.process_time() - cpu, summary

    if sync_first:
        send_s, send_cpu, sent = sync_send()
        floor_send_s, floor_send_cpu = _floor_send(anne, floor_file, key, since)
        receive_s, receive_cpu, received = sync_receive()
        floor_receive_s, floor_receive_cpu, floor_rows = _floor_receive(floor_file, key, *floor)
    else:
        floor_send_s, floor_send_cpu = _floor_send(anne, floor_file, key, since)
        send_s, send_cpu, sent = sync_send()
        floor_receive_s, floor_receive_cpu, floor_rows = _floor_receive(floor_file, key, *floor)
        receive_s, receive_cpu, received = sync_receive()
    backup_s = marks.get("apply:backup:done", 0.0) - marks.get("apply:backup", 0.0)
    backup_cpu = cpu_marks.get("apply:backup:done", 0.0) - cpu_marks.get("apply:backup", 0.0)
    return {
        "rows_sent": float(sent.sent_rows),
        "rows_received": float(received.received_rows),
        "floor_rows": float(floor_rows),
        "send_s": send_s,
        "receive_s": receive_s - backup_s,
        "backup_s": backup_s,
        "floor_send_s": floor_send_s,
        "floor_receive_s": floor_receive_s,
        "send_cpu": send_cpu,
        "receive_cpu": receive_cpu - backup_cpu,
        "floor_send_cpu": floor_send_cpu,
        "floor_receive_cpu": floor_receive_cpu,
        "file_bytes": float((connection.team.outbox(anne.device_id) / sent.sent_file).stat().st_size),
    }


def run(cases: int = CASES, repeats: int = REPEATS) -> dict[str, float]:
    """``repeats`` measurements on the same two laptops, as in an app that keeps running: each time
    ``cases × 8`` new rows on one, then floor and sync on exactly those rows, interleaved (every other
    measurement with the sync first, so a drift in the machine's load or a slow fsync falls on both
    alike). The first is the first sync after start (it also pays imports and SQL compilation) and is
    shown apart; the figures are the medians of all, with the spread of the per-measurement ratios."""
    with tempfile.TemporaryDirectory() as folder:
        lab = LaptopLab(Path(folder))
        try:
            anne, bo = lab.laptop("anne"), lab.laptop("bo")
            floor_target = lab.new_profile("gulv")
            floor = (floor_target.profile.db_path, _db_key(floor_target))
            floor_target.close()
            runs: list[dict[str, float]] = []
            for i in range(repeats):
                since = _newest_clock(anne)
                _fill(anne, cases, start=i * cases)
                anne.checkpoint()
                runs.append(_measure(lab, anne, bo, floor, since, i, sync_first=i % 2 == 1))
            store_bytes = anne.profile.db_path.stat().st_size
        finally:
            lab.close()
    result = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
    for key in ("rows_sent", "rows_received", "floor_rows"):
        result[key] = min(r[key] for r in runs)
    result["rows_max"] = max(max(r[k] for r in runs) for k in ("rows_sent", "rows_received", "floor_rows"))
    for kind in ("send", "receive"):
        ratios = [r[f"{kind}_s"] / max(r[f"floor_{kind}_s"], 1e-9) for r in runs]
        result[f"{kind}_ratio_min"] = min(ratios)
        result[f"{kind}_ratio_max"] = max(ratios)
        result[f"{kind}_ratio_median"] = statistics.median(ratios)
        result[f"{kind}_over_goal"] = float(sum(ratio > GOAL_RATIO for ratio in ratios))
        cpu_ratios = [r[f"{kind}_cpu"] / max(r[f"floor_{kind}_cpu"], 1e-9) for r in runs]
        result[f"{kind}_cpu_ratio_min"] = min(cpu_ratios)
        result[f"{kind}_cpu_ratio_max"] = max(cpu_ratios)
        result[f"{kind}_cpu_ratio_median"] = statistics.median(cpu_ratios)
        result[f"{kind}_first_ratio"] = ratios[0]
        for i, (ratio, cpu_ratio) in enumerate(zip(ratios, cpu_ratios, strict=True)):
            result[f"{kind}_ratio_{i}"] = ratio
            result[f"{kind}_cpu_ratio_{i}"] = cpu_ratio
    result["store_bytes"] = float(store_bytes) / repeats  # the store per fill, to compare the file with
    result["repeats"] = float(repeats)
    return result


def _db_key(store: Store) -> bytes:
    from boligdesk.models.store import unlock_key
    from boligdesk.sync.simulation import PASSPHRASE

    return unlock_key(store.profile, PASSPHRASE)


def figures(result: dict[str, float]) -> list[Figure]:
    ms = 1000.0
    return [
        Figure(
            "send_ms",
            "Send 10.000 rækker",
            result["send_s"] * ms,
            base=result["floor_send_s"] * ms,
            goal=GOAL_RATIO,
            base_label="gulv",
        ),
        Figure(
            "receive_ms",
            "Modtag (uden sikkerhedskopi)",
            result["receive_s"] * ms,
            base=result["floor_receive_s"] * ms,
            goal=GOAL_RATIO,
            base_label="gulv",
        ),
        Figure(
            "sync_ms",
            "Send + modtag",
            (result["send_s"] + result["receive_s"]) * ms,
            base=(result["floor_send_s"] + result["floor_receive_s"]) * ms,
            goal=GOAL_RATIO,
            base_label="gulv",
        ),
        Figure(
            "backup_ms",
            "Sikkerhedskopi før synkronisering",
            result["backup_s"] * ms,
            base=result["receive_s"] * ms,
            base_label="selve modtagelsen",
        ),
        Figure(
            "send_cpu_ms",
            "Send, CPU-tid",
            result["send_cpu"] * ms,
            base=result["floor_send_cpu"] * ms,
            goal=GOAL_RATIO,
            base_label="gulv",
        ),
        Figure(
            "receive_cpu_ms",
            "Modtag, CPU-tid",
            result["receive_cpu"] * ms,
            base=result["floor_receive_cpu"] * ms,
            goal=GOAL_RATIO,
            base_label="gulv",
        ),
        Figure(
            "send_first_ratio",
            "Send: første synk. efter start, forhold",
            result["send_first_ratio"],
            unit="×",
        ),
        Figure(
            "receive_first_ratio",
            "Modtag: første synk. efter start, forhold",
            result["receive_first_ratio"],
            unit="×",
        ),
        Figure(
            "send_ratio_median",
            "Send: median af forholdene pr. måling",
            result["send_ratio_median"],
            unit="×",
            goal=GOAL_RATIO,
        ),
        Figure(
            "receive_ratio_median",
            "Modtag: median af forholdene pr. måling",
            result["receive_ratio_median"],
            unit="×",
            goal=GOAL_RATIO,
        ),
        Figure("send_ratio_min", "Send: laveste forhold til gulvet", result["send_ratio_min"], unit="×"),
        Figure("send_ratio_max", "Send: højeste forhold til gulvet", result["send_ratio_max"], unit="×"),
        Figure(
            "receive_ratio_min", "Modtag: laveste forhold til gulvet", result["receive_ratio_min"], unit="×"
        ),
        Figure(
            "receive_ratio_max", "Modtag: højeste forhold til gulvet", result["receive_ratio_max"], unit="×"
        ),
        Figure("send_cpu_ratio_min", "Send, CPU: laveste forhold", result["send_cpu_ratio_min"], unit="×"),
        Figure("send_cpu_ratio_max", "Send, CPU: højeste forhold", result["send_cpu_ratio_max"], unit="×"),
        Figure(
            "receive_cpu_ratio_min", "Modtag, CPU: laveste forhold", result["receive_cpu_ratio_min"], unit="×"
        ),
        Figure(
            "receive_cpu_ratio_max", "Modtag, CPU: højeste forhold", result["receive_cpu_ratio_max"], unit="×"
        ),
        Figure(
            "file_kib",
            "Synkfil",
            result["file_bytes"] / 1024,
            unit="KiB",
            base=result["store_bytes"] / 1024,
            base_label="databasen",
        ),
    ]


def _spread(result: dict[str, float], kind: str, repeats: int) -> str:
    """Every measurement's ratio (wall-clock / CPU) and how many were over the goal, in one line."""
    name = {"send": "Send", "receive": "Modtag"}[kind]
    each = ", ".join(
        f"{_comma(result[f'{kind}_ratio_{i}'])}/{_comma(result[f'{kind}_cpu_ratio_{i}'])}"
        for i in range(repeats)
    )
    over = int(result[f"{kind}_over_goal"])
    return f"{name}, forhold pr. måling (ur/CPU): {each}; over {_comma(GOAL_RATIO, 1)}×: {over} af {repeats}."


def _comma(value: float, decimals: int = 2) -> str:
    return f"{value:.{decimals}f}".replace(".", ",")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    cases = int(args[args.index("--cases") + 1]) if "--cases" in args else CASES
    repeats = int(args[args.index("--repeats") + 1]) if "--repeats" in args else REPEATS
    result = run(cases, repeats)
    ok = (
        result["rows_sent"] == cases * ROWS_PER_CASE == result["rows_received"] == result["floor_rows"]
        and result["rows_max"] == cases * ROWS_PER_CASE
    )
    notes = [
        f"Median af {repeats} målinger (den første med); gulv og synkronisering skiftevis først.",
        *(_spread(result, kind, repeats) for kind in ("send", "receive")),
    ]
    if not ok:
        notes.append("FEJL: ikke alle rækker kom frem")
    report("sync", figures(result), as_json=wants_json(args), notes=notes)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
