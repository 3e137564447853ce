"""Documents received on a case (issue 16), on an encrypted store:

* **list** — the Dokumenter tab's list of a case holding one file at the limit (20 MiB), against the
  list of a case with one tiny document in the same store. Goal: ≤ 3× (the list must never read the
  files: it did, 1 s, while ``content`` was not the table's last column).
* **attach** and **open** a file at the limit (the whole path: check, hash, encrypted write; read back).
  Goal: attach ≤ 3 s, open ≤ 2 s.

Run: ``python -m benchmarks.bench_documents [REPEAT] [--json] [--smoke]`` (``--smoke``: 1 MiB).
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

TODAY = dt.date(2026, 11, 24)


def _median_ms(fn: Callable[[], object], repeat: int) -> float:
    fn()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> int:
    from benchmarks.report import Figure, report, wants_json
    from boligdesk.budget.documents import MAX_DOCUMENT_BYTES
    from boligdesk.models.keys import KdfParams
    from boligdesk.models.store import Profile, create_profile
    from boligdesk.services.cases import NewCase
    from boligdesk.services.desk import Desk

    numbers = [a for a in sys.argv[1:] if a.isdigit()]
    repeat = int(numbers[0]) if numbers else 9
    size = 1024 * 1024 if "--smoke" in sys.argv else MAX_DOCUMENT_BYTES
    data = b"%PDF-1.4\n" + os.urandom(size - 9)  # incompressible, like a scan
    with tempfile.TemporaryDirectory(prefix="boligdesk-bench-") as tmp:
        store = create_profile(
            Profile(Path(tmp) / "p"), "benchmark-kodeord-1234", kdf=KdfParams.fast_for_tests()
        )
        try:
            desk = Desk(store, adviser_name="Hanne Holm", today=lambda: TODAY)

            def new_case(last: str) -> str:
                return desk.cases.create(
                    NewCase("Mette", last, "Opdigtet Allé 12", "2400", "København NV")
                ).id

            small, large = new_case("Lille"), new_case("Stor")
            desk.documents.attach_bytes(small, "lille.pdf", b"%PDF-1.4\n%%EOF\n", kind="demand")
            t0 = time.perf_counter()
            doc = desk.documents.attach_bytes(large, "stor.pdf", data, kind="demand").id
            attach_s = time.perf_counter() - t0
            base = _median_ms(lambda: desk.documents.for_case(small), repeat)
            listed = _median_ms(lambda: desk.documents.for_case(large), repeat)
            opened = _median_ms(lambda: desk.documents.content(doc), max(3, repeat // 3)) / 1000
        finally:
            store.close()
    mib = size // (1024 * 1024)
    figures = [
        Figure("list_small_ms", "Liste: sag med et lille dokument", base),
        Figure(
            "list_ms",
            f"Liste: sag med et dokument på {mib} MiB",
            listed,
            base=base,
            goal=3.0,
            base_label="lille",
        ),
        Figure(
            "attach_s",
            f"Vedhæft {mib} MiB (tjek, SHA-256, krypteret skrivning)",
            attach_s,
            unit="s",
            goal=3.0,
        ),
        Figure("open_s", f"Vis {mib} MiB (læs fra databasen)", opened, unit="s", goal=2.0),
    ]
    report("documents", figures, as_json=wants_json())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
