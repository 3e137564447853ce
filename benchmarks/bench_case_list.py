"""The case list with 20,000 cases: filter-as-you-type and opening a case.

Each measurement is compared with the same work on a plain, unencrypted SQLite copy of the same data
(made with ``sqlcipher_export``), in the same run:

* **filter per keystroke** — a letter typed into the Sager tab's search field (the real tab: filter,
  model reset, the table's repaint), wall-clock and CPU time, against a ``LIKE`` query over the same
  fields on the plain copy. Goal (issue 15): median ≤ 8 ms, max ≤ 16 ms at 20,000 cases.
* **before → after** — the same keystrokes painted by Qt's own ``QStyledItemDelegate`` (the style lays
  every cell's text out on every paint), then by the list's view (``ui/cases/case_list_view.py``: the
  plain rows painted in one call from cached glyph runs), in the same run. The view's cache is emptied
  before each round of typing and the unfiltered list painted once, as the user sees it first.
* **garbage collection** — one full collection with the list loaded, before and after the list keeps
  its objects out of them (``gc.freeze``, decisions §43): what a collection Python starts on its own
  would cost the keystroke it lands on.
* **repaint floor** — the same visible cells repainted from a C++ ``QStandardItemModel`` in a table set
  up alike (CPU time): Qt's own text layout and painting; beside it the list's own repaint of the same
  cells.
* **open a case** — loading a case with tenant, tenancy, household, contact attempts and notes, on the
  encrypted store against the same queries on the plain copy.
* **load the list** — all 20,000 rows into the model, encrypted against plain.

The cases come from the cached benchmark profile (``benchmarks/_profiles.py``).
Run: ``python -m benchmarks.bench_case_list [N] [--json] [--smoke]`` (default N = 20000).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import os
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TYPED = ("nørg", "egepark", "2026-01", "tv 26", "rasmus ø")


def _cpu_ms(fn: Callable[[], object]) -> tuple[float, float]:
    """(wall, CPU) milliseconds of one call."""
    w0, c0 = time.perf_counter(), time.process_time()
    fn()
    return (time.perf_counter() - w0) * 1000, (time.process_time() - c0) * 1000


def _median_ms(fn: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def _repaint_floor(app: object, tab: object) -> float:
    """CPU ms to repaint the same visible cells from a C++ model (``QStandardItemModel``) in a table
    set up like the Sager tab's: the part of a keystroke that is Qt's own text layout and painting."""
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QApplication, QHeaderView, QTableView

    assert isinstance(app, QApplication)
    source = tab.model  # type: ignore[attr-defined]
    rows, columns = min(source.rowCount(), 60), source.columnCount()
    floor = QStandardItemModel(rows, columns)
    for r in range(rows):
        for c in range(columns):
            floor.setItem(r, c, QStandardItem(str(source.index(r, c).data() or "")))
    view = QTableView()
    view.setModel(floor)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(24)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    for column in range(columns):
        view.setColumnWidth(column, tab.table.columnWidth(column))  # type: ignore[attr-defined]
    view.resize(tab.table.size())  # type: ignore[attr-defined]
    view.show()
    app.processEvents()
    floor_ms = _repaint_cpu(app, view)
    view.close()
    return floor_ms


def _repaint_cpu(app: object, view: object) -> float:
    """Median CPU ms to repaint a table view's visible cells (nothing else changed)."""
    from PySide6.QtWidgets import QApplication, QTableView

    assert isinstance(app, QApplication) and isinstance(view, QTableView)
    times = []
    for _ in range(31):
        c0 = time.process_time()
        view.viewport().update()
        app.processEvents()
        times.append((time.process_time() - c0) * 1000)
    return statistics.median(times)


def main() -> int:
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import create_engine, select, text
    from sqlalchemy.orm import Session

    from benchmarks._cli import emit, options
    from benchmarks._profiles import PASSPHRASE, bench_profile
    from boligdesk.models import Case, ContactAttempt, HouseholdMember, JournalNote
    from boligdesk.models.store import Profile, open_store
    from boligdesk.services.case_list import CaseListService
    from boligdesk.services.desk import Desk
    from boligdesk.ui.cases.cases_tab import CasesTab
    from boligdesk.ui.context import AppContext

    opts = options((20_000,))
    count = opts.counts[0]
    today = dt.date(2026, 11, 24)
    app = QApplication.instance() or QApplication([])
    assert app is not None
    with tempfile.TemporaryDirectory(prefix="boligdesk-bench-") as tmp:
        profile = Profile(bench_profile(count))
        store = open_store(profile, passphrase=PASSPHRASE)
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
        tab = CasesTab(AppContext(desk))
        tab.resize(1340, 640)
        tab.show()
        app.processEvents()
        # A full garbage collection with the list loaded, then after the list has kept its objects out
        # of them (what the model does a second after a large list is shown; decisions §43).
        gc.collect()  # what is already garbage: then the walk itself
        gc_full_ms = _cpu_ms(gc.collect)[1]
        settle_ms = _cpu_ms(tab.model.settle_now)[1]
        gc_frozen_ms = _cpu_ms(gc.collect)[1]

        def keystroke(typed: str) -> None:
            tab.search.setText(typed)
            tab._flush_filter()
            app.processEvents()  # the table repaints, as it does while the user types

        # The same keystrokes painted by Qt's own item painting (every cell laid out by the style) and by
        # the list's view (cached glyph runs), round by round in turn so that both see the same load.
        # The view's caches are emptied before each of its rounds and the whole list painted once, as
        # the user sees it before typing: every result is then typed as if for the first time.
        from PySide6.QtWidgets import QStyledItemDelegate

        qt_painting = QStyledItemDelegate(tab.table)
        per_key: list[float] = []
        per_key_cpu: list[float] = []
        per_key_qt: list[float] = []
        per_key_qt_cpu: list[float] = []
        for _ in range(2 if opts.smoke else 3):
            for delegate, walls, cpus in (
                (qt_painting, per_key_qt, per_key_qt_cpu),
                (tab.table.delegate, per_key, per_key_cpu),
            ):
                tab.table.setItemDelegate(delegate)
                tab.table.delegate.forget(tab.table)
                keystroke("")
                tab.table.viewport().repaint()
                for word in TYPED:
                    for i in range(1, len(word) + 1):
                        wall, cpu = _cpu_ms(lambda t=word[:i]: keystroke(t))
                        walls.append(wall)
                        cpus.append(cpu)
                    keystroke("")
        model = tab.model
        assert model.total() == len(rows)
        keystroke("n")
        paint_floor = _repaint_floor(app, tab)
        paint_ours = _repaint_cpu(app, tab.table)
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
    cpu_ms, cpu_max = statistics.median(per_key_cpu), max(per_key_cpu)
    qt_ms, qt_max = statistics.median(per_key_qt), max(per_key_qt)
    qt_cpu = statistics.median(per_key_qt_cpu)
    sql_ms = statistics.median(per_key_sql)
    print(
        f"indlæs listen ({count} sager): krypteret {enc_load:.0f} ms, ukrypteret {plain_load:.0f} ms, "
        f"forhold {enc_load / plain_load:.2f}x"
    )
    print(
        f"filtrering pr. tastetryk: median {key_ms:.1f} ms, højst {key_max:.1f} ms (mål: median ≤ 8, højst ≤ 16 ms); "
        f"CPU-tid median {cpu_ms:.1f} ms, højst {cpu_max:.1f} ms; "
        f"samme søgning som LIKE-forespørgsel på ukrypteret kopi: {sql_ms:.1f} ms, forhold {key_ms / sql_ms:.2f}x"
    )
    print(
        f"  samme tastetryk med Qts egen celletegning (før): median {qt_ms:.1f} ms, højst {qt_max:.1f} ms, "
        f"CPU-median {qt_cpu:.1f} ms; med listens gemte glyffer (nu): CPU {cpu_ms / max(qt_cpu, 0.001):.2f}x"
    )
    print(
        f"gulv: samme celler gentegnet fra en C++-model (Qts egen tekstopsætning) {paint_floor:.1f} ms CPU; "
        f"tastetryk mod gulvet: CPU-median {cpu_ms / max(paint_floor, 0.001):.2f}x; "
        f"listens egen gentegning af de samme celler {paint_ours:.1f} ms CPU, {paint_ours / max(paint_floor, 0.001):.2f}x gulvet"
    )
    print(
        f"fuld garbage collection med listen indlæst: {gc_full_ms:.1f} ms CPU; efter listen har fastfrosset "
        f"sine objekter (én gang, {settle_ms:.0f} ms, et sekund efter visning): {gc_frozen_ms:.1f} ms CPU"
    )
    print(
        f"åbn en sag: krypteret {enc_open:.2f} ms, ukrypteret {plain_open:.2f} ms, forhold {enc_open / plain_open:.2f}x"
    )
    emit(
        opts,
        "case_list",
        {
            "cases": count,
            "load_encrypted_ms": round(enc_load),
            "load_plain_ms": round(plain_load),
            "keystroke_median_ms": round(key_ms, 1),
            "keystroke_max_ms": round(key_max, 1),
            "keystroke_cpu_median_ms": round(cpu_ms, 1),
            "keystroke_cpu_max_ms": round(cpu_max, 1),
            "keystroke_qt_painting_median_ms": round(qt_ms, 1),
            "keystroke_qt_painting_max_ms": round(qt_max, 1),
            "keystroke_qt_painting_cpu_median_ms": round(qt_cpu, 1),
            "like_median_ms": round(sql_ms, 1),
            "repaint_floor_cpu_ms": round(paint_floor, 1),
            "repaint_cpu_ms": round(paint_ours, 1),
            "gc_full_collection_cpu_ms": round(gc_full_ms, 1),
            "gc_settle_cpu_ms": round(settle_ms, 1),
            "gc_full_collection_frozen_cpu_ms": round(gc_frozen_ms, 1),
            "open_case_encrypted_ms": round(enc_open, 2),
            "open_case_plain_ms": round(plain_open, 2),
        },
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
