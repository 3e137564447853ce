"""The case list with 20,000 cases: filter-as-you-type and opening a case.

Each measurement is compared with the same work on a plain, unencrypted SQLite copy of the same data
(made with ``sqlcipher_export``), in the same run:

* **filter per keystroke** — the Sager tab's filter (all criteria in Python, narrowing as letters are added, model reset)
  against a ``LIKE`` query over the same fields on the plain copy. Goal: under 50 ms per keystroke.
* **open a case** — loading a case with tenant, tenancy, household, contact attempts and notes, on the
  encrypted store against the same queries on the plain copy.
* **load the list** — all 20,000 rows into the model, encrypted against plain.

Run: ``python -m benchmarks.bench_case_list [N]`` (default N = 20000).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TYPED = ("nørg", "egepark", "2026-01", "tv 26", "rasmus ø")


def _median_ms(fn: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> int:
    from PySide6.QtWidgets import QApplication, QTableView
    from sqlalchemy import create_engine, select, text
    from sqlalchemy.orm import Session

    from boligdesk.models import Case, ContactAttempt, HouseholdMember, JournalNote
    from boligdesk.models.keys import KdfParams
    from boligdesk.models.store import Profile, create_profile
    from boligdesk.services.case_list import CaseListService
    from boligdesk.services.demo import populate
    from boligdesk.services.desk import Desk
    from boligdesk.ui.cases.case_list_table_model import CaseFilter, CaseListTableModel

    count = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 20_000
    today = dt.date(2026, 11, 24)
    app = QApplication.instance() or QApplication([])
    assert app is not None
    with tempfile.TemporaryDirectory(prefix="boligdesk-bench-") as tmp:
        profile = Profile(Path(tmp) / "profil")
        store = create_profile(profile, "benchmark-kodeord-1234", kdf=KdfParams.fast_for_tests())
        t0 = time.perf_counter()
        populate(store, count, today=today)
        print(f"opdigtede {count} sager på {time.perf_counter() - t0:.0f} s")
        plain_path = Path(tmp) / "plain.db"
        with store.engine.connect() as conn:
            conn.exec_driver_sql(f"ATTACH DATABASE '{plain_path}' AS plaintext KEY ''")
            conn.exec_driver_sql("SELECT sqlcipher_export('plaintext')")
            conn.exec_driver_sql("DETACH DATABASE plaintext")
        plain = create_engine(f"sqlite:///{plain_path}")

        # --- load the list --------------------------------------------------------------------------
        desk = Desk(store, today=lambda: today)

        def load_encrypted() -> list[object]:
            return list(desk.case_list.rows())

        class PlainDesk:
            """The same case-list query, read from the unencrypted copy (the floor)."""

            def today(self) -> dt.date:
                return today

            @contextlib.contextmanager
            def reading(self) -> Iterator[Session]:
                with Session(plain) as s:
                    yield s

        plain_list = CaseListService(PlainDesk())  # type: ignore[arg-type]

        def load_plain() -> list[object]:
            return list(plain_list.rows())

        enc_load, plain_load = _median_ms(load_encrypted, 3), _median_ms(load_plain, 3)

        # --- filter as you type ---------------------------------------------------------------------
        rows = desk.case_list.rows()
        model = CaseListTableModel(lambda: today)
        model.set_rows(rows)
        view = QTableView()
        view.setModel(model)
        view.resize(1300, 600)
        view.show()
        app.processEvents()

        def keystroke(criteria: CaseFilter) -> None:
            model.set_criteria(criteria)
            app.processEvents()  # the table repaints, as it does while the user types

        per_key: list[float] = []
        for word in TYPED:
            for i in range(1, len(word) + 1):
                criteria = CaseFilter(text=word[:i])
                per_key.append(_median_ms(lambda c=criteria: keystroke(c), 1))
            model.set_criteria(CaseFilter())
        like_sql = text(
            "SELECT c.id FROM cases c JOIN persons p ON p.id = c.tenant_id "
            "LEFT JOIN tenancies t ON t.id = c.tenancy_id WHERE c.deleted = 0 AND c.closed_on IS NULL AND ("
            "lower(p.first_name || ' ' || p.last_name) LIKE :q OR lower(t.address_line) LIKE :q "
            "OR t.tenancy_number LIKE :q OR p.phone LIKE :q OR c.number LIKE :q)"
        )
        per_key_sql: list[float] = []
        with plain.connect() as conn:
            for word in TYPED:
                for i in range(1, len(word) + 1):
                    q = f"%{word[:i].lower()}%"
                    per_key_sql.append(_median_ms(lambda q=q: conn.execute(like_sql, {"q": q}).all(), 3))

        # --- open a case ------------------------------------------------------------------------------
        ids = [r.id for r in rows[:: max(1, len(rows) // 50)]]

        def open_cases(engine_or_store: object) -> None:
            for case_id in ids:
                session = store.read_session() if engine_or_store is store else Session(plain)
                with session as s:
                    case = s.get(Case, case_id)
                    assert case is not None
                    _ = (case.tenant.full_name, case.tenancy.full_address if case.tenancy else "")
                    s.scalars(
                        select(HouseholdMember).where(HouseholdMember.household_id == case.household_id)
                    ).all()
                    s.scalars(select(ContactAttempt).where(ContactAttempt.case_id == case_id)).all()
                    s.scalars(select(JournalNote).where(JournalNote.case_id == case_id)).all()

        enc_open = _median_ms(lambda: open_cases(store), 3) / len(ids)
        plain_open = _median_ms(lambda: open_cases(plain), 3) / len(ids)
        store.close()
        plain.dispose()

    key_ms = statistics.median(per_key)
    key_max = max(per_key)
    sql_ms = statistics.median(per_key_sql)
    print(
        f"indlæs listen ({count} sager): krypteret {enc_load:.0f} ms, ukrypteret {plain_load:.0f} ms, "
        f"forhold {enc_load / plain_load:.2f}x"
    )
    print(
        f"filtrering pr. tastetryk: median {key_ms:.1f} ms, højst {key_max:.1f} ms (mål: under 50 ms); "
        f"samme søgning som LIKE-forespørgsel på ukrypteret kopi: {sql_ms:.1f} ms, forhold {key_ms / sql_ms:.2f}x"
    )
    print(
        f"åbn en sag: krypteret {enc_open:.2f} ms, ukrypteret {plain_open:.2f} ms, forhold {enc_open / plain_open:.2f}x"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
