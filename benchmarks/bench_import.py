"""The termination import's dry run (``desk.imports.preview``) for 10,000 rows: goal ≤ 2 s (issue 15).

The store already holds cases for a fifth of the rows (imported first, through the same service): of the
10,000 rows half of those update their case (new arrears), half change nothing; 2 % are rejected (no
estate, or an impossible amount); the rest make new cases. The list is a CSV as Danish Excel writes it
(semicolons, cp1252). Shown for scale: reading the same file with Python's ``csv`` module alone.

Run: ``python -m benchmarks.bench_import [--json] [--rows N]``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.report import Figure, report, wants_json
from boligdesk.models import Estate, HousingAssociation
from boligdesk.services.desk import Desk
from boligdesk.sync.simulation import LaptopLab

ROWS = 10_000
GOAL_S = 2.0
TODAY = dt.date(2026, 11, 24)
HEADER = [
    "Lejemålsnr.",
    "Lejers navn",
    "Adresse",
    "Postnr.",
    "By",
    "Afd.",
    "Restance",
    "Ophævelsesdato",
    "Påkravsdato",
    "Husleje",
    "Telefon",
]


SURNAMES = (
    "Jensen",
    "Nielsen",
    "Hansen",
    "Pedersen",
    "Andersen",
    "Christensen",
    "Larsen",
    "Sørensen",
    "Rasmussen",
    "Jørgensen",
    "Petersen",
    "Madsen",
    "Kristensen",
    "Olsen",
    "Thomsen",
    "Poulsen",
)


def _row(i: int, *, arrears_kr: int, estate: str = "12") -> list[str]:
    """One invented row: tenancy number, first name, address, amounts and phone differ from row to row;
    surnames, postcode, dates and (often) the rent repeat, as in a real list."""
    return [
        f"{estate}-{i:05d}",
        f"Testperson{i} {SURNAMES[i % len(SURNAMES)]}",
        f"Bøgevej {i % 200 + 1}, {i % 5}. tv",
        "2400",
        "København NV",
        estate,
        f"{arrears_kr:,}".replace(",", ".") + ",50",
        f"{2 + i % 20:02d}-11-2026",
        f"{1 + i % 28}.10.2026",
        f"{6_000 + i % 400:,}".replace(",", ".") + ",00",
        f"2{i:07d}",
    ]


def write_list(path: Path, rows: list[list[str]]) -> Path:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode("cp1252"))
    return path


def lists(rows: int) -> tuple[list[list[str]], list[list[str]]]:
    """The rows that make the existing cases, and the list to preview."""
    existing = rows // 5
    rejected = max(1, rows // 50)
    first = [_row(i, arrears_kr=8_000 + i % 900) for i in range(existing)]
    second = [_row(i, arrears_kr=(8_000 if i % 2 else 9_000) + i % 900) for i in range(existing)]
    second += [_row(i, arrears_kr=5_000 + i % 700) for i in range(existing, rows - rejected)]
    for i in range(rows - rejected, rows):
        bad = _row(i, arrears_kr=1_000, estate="99" if i % 2 else "12")
        if i % 2 == 0:
            bad[6] = "mange penge"
        second.append(bad)
    return first, second


def run(rows: int = ROWS) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        lab = LaptopLab(root)
        store = lab.new_profile("anne")
        try:
            with store.session() as s:
                association = HousingAssociation(name="Boligselskabet Lindely (opdigtet)")
                s.add(association)
                s.flush()
                s.add(Estate(association_id=association.id, number="012", name="Solbakken"))
            desk = Desk(store, adviser_name="Rådgiver Test", today=lambda: TODAY)
            first, second = lists(rows)
            desk.imports.apply(desk.imports.preview(write_list(root / "forrige.csv", first)))
            path = write_list(root / "ophaevelser.csv", second)
            started = time.perf_counter()
            with path.open(encoding="cp1252", newline="") as handle:
                read_rows = sum(1 for _ in csv.reader(handle, delimiter=";"))
            csv_s = time.perf_counter() - started
            started = time.perf_counter()
            plan = desk.imports.preview(path)
            preview_s = time.perf_counter() - started
        finally:
            store.close()
    counts = plan.counts
    return {
        "rows": float(len(plan.rows)),
        "csv_rows": float(read_rows - 1),
        "created": float(counts.created),
        "updated": float(counts.updated),
        "unchanged": float(counts.unchanged),
        "rejected": float(counts.rejected),
        "preview_s": preview_s,
        "csv_s": csv_s,
    }


def figures(result: dict[str, float], rows: int = ROWS) -> list[Figure]:
    return [
        Figure(
            "preview_s",
            f"Prøveimport af {rows:,} rækker".replace(",", "."),
            result["preview_s"],
            unit="s",
            goal=GOAL_S,
        ),
        Figure(
            "preview_per_row_ms",
            "Pr. række (mod kun at læse CSV-filen)",
            result["preview_s"] * 1000 / max(rows, 1),
            base=result["csv_s"] * 1000 / max(rows, 1),
            base_label="csv-modulet",
        ),
    ]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    rows = int(args[args.index("--rows") + 1]) if "--rows" in args else ROWS
    result = run(rows)
    existing = rows // 5
    expected = {
        "updated": existing // 2,
        "unchanged": existing - existing // 2,
        "rejected": max(1, rows // 50),
    }
    ok = result["rows"] == rows and all(result[k] == v for k, v in expected.items())
    notes = [
        f"Nye {result['created']:.0f}, opdateres {result['updated']:.0f}, uændrede {result['unchanged']:.0f}, "
        f"afviste {result['rejected']:.0f}"
    ]
    if not ok:
        notes.append(f"FEJL: forventede {expected} af {rows} rækker")
    report("import", figures(result, rows), as_json=wants_json(args), notes=[] if wants_json(args) else notes)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
