"""Sync of 10,000 changed rows (send on one laptop, receive on another) against copying the store file
to the shared folder in the same run; also the size of the sync file against the store file.

The rows are a realistic mix: 1,250 cases, each with its tenant, household, household member, tenancy,
case-kind history, arrears item and a journal note (8 rows per case). The copy baseline is what the
simplest possible "sync" would do: copy the whole encrypted database to the share and fsync it.
Run: ``python -m benchmarks.bench_sync``.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
import time
from pathlib import Path

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
from boligdesk.models.store import Store
from boligdesk.sync.simulation import LaptopLab

CASES = 1_250
ROWS_PER_CASE = 8


def _fill(store: Store, cases: int) -> None:
    """``cases × 8`` new rows, in one transaction (invented data)."""
    with store.session() as s:
        for i in range(cases):
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


def _copy_to_share(db: Path, share: Path) -> float:
    target = share / "kopi-af-databasen.db"
    started = time.perf_counter()
    shutil.copyfile(db, target)
    fd = os.open(target, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    elapsed = time.perf_counter() - started
    target.unlink()
    return elapsed


def run(cases: int = CASES) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        lab = LaptopLab(Path(folder))
        try:
            anne, bo = lab.laptop("anne"), lab.laptop("bo")
            _fill(anne, cases)
            anne.checkpoint()
            started = time.perf_counter()
            sent = lab.sync(anne)
            send_s = time.perf_counter() - started
            started = time.perf_counter()
            received = lab.sync(bo)
            receive_s = time.perf_counter() - started
            copy_s = min(_copy_to_share(anne.profile.db_path, lab.share) for _ in range(3))
            outbox = lab.connections[anne.device_id].team.outbox(anne.device_id)
            file_bytes = (outbox / sent.sent_file).stat().st_size
            store_bytes = anne.profile.db_path.stat().st_size
        finally:
            lab.close()
    return {
        "rows_sent": float(sent.sent_rows),
        "rows_received": float(received.received_rows),
        "send_s": send_s,
        "receive_s": receive_s,
        "copy_s": copy_s,
        "file_bytes": float(file_bytes),
        "store_bytes": float(store_bytes),
    }


def main() -> int:
    result = run()
    sync_s = result["send_s"] + result["receive_s"]
    print(f"Rækker sendt / modtaget:     {result['rows_sent']:.0f} / {result['rows_received']:.0f}")
    print(f"Send:                        {result['send_s'] * 1000:8.0f} ms")
    print(f"Modtag:                      {result['receive_s'] * 1000:8.0f} ms")
    print(f"Kopi af databasen til drev:  {result['copy_s'] * 1000:8.1f} ms (grundlinje)")
    print(f"Synkronisering / kopi:       {sync_s / result['copy_s']:8.1f}×")
    print(
        f"Synkfil / database:          {result['file_bytes'] / 1024:8.0f} KiB / "
        f"{result['store_bytes'] / 1024:.0f} KiB = {result['file_bytes'] / result['store_bytes']:.2f}"
    )
    ok = result["rows_sent"] == CASES * ROWS_PER_CASE == result["rows_received"]
    if not ok:
        print("FEJL: ikke alle rækker kom frem")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
