"""The imports' dry runs (``preview``) for 10,000 rows each: goal ≤ 2 s (issue 15).

Three lists through the one import pipeline: the termination list (``desk.imports``), the new tenants
(``desk.new_tenant_imports``) and the caseload (``desk.case_imports``). For each, the store already holds
cases for a fifth of the rows (imported first, through the same service); 2 % of the rows are rejected (no
estate, or an impossible amount or date); the rest make new cases. Of the termination list's known rows
half update their case (new arrears), half change nothing; the other two lists never update. Every list
is a CSV as Danish Excel writes it (semicolons, cp1252). Shown for scale: reading the termination list
with Python's ``csv`` module alone, and the CPU time of each preview (the wall time of a loaded machine
varies more).

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


def write_list(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
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


NEW_TENANT_HEADER = [
    "Lejemålsnr.",
    "Navn",
    "Adresse",
    "Postnr.",
    "By",
    "Afd.",
    "Indflytningsdato",
    "Husleje",
    "Telefon",
    "E-mail",
]
CASELOAD_HEADER = [
    "Navn",
    "Adresse",
    "Lejemålsnr.",
    "Afd.",
    "Sagstype",
    "Oprettet",
    "Restance",
    "Ophævelsesdato",
    "Påkravsdato",
    "Husleje",
    "Telefon",
    "Rådgiver",
    "Noter",
]
KINDS = ("Udsættelsestruet lejer", "Fastholdelse", "Rådgivning", "")
ADVISERS = ("Mette Rådgiver", "Jonas Rådgiver", "Aisha Rådgiver", "")


def _new_tenant_row(i: int, *, estate: str = "12") -> list[str]:
    return [
        f"{estate}-{i:05d}",
        f"Testperson{i} {SURNAMES[i % len(SURNAMES)]}",
        f"Bøgevej {i % 200 + 1}, {i % 5}. tv",
        "2400",
        "København NV",
        estate,
        f"{1 + i % 28:02d}.{1 + i % 10:02d}.2026",
        f"{6_000 + i % 400:,}".replace(",", ".") + ",00",
        f"2{i:07d}",
        f"lejer{i}@eksempel.dk" if i % 3 else "",
    ]


def new_tenant_lists(rows: int) -> tuple[list[list[str]], list[list[str]]]:
    existing = rows // 5
    rejected = max(1, rows // 50)
    first = [_new_tenant_row(i) for i in range(existing)]
    second = [_new_tenant_row(i) for i in range(rows - rejected)]
    for i in range(rows - rejected, rows):
        bad = _new_tenant_row(i, estate="99" if i % 2 else "12")
        if i % 2 == 0:
            bad[6] = "31.02.2026"
        second.append(bad)
    return first, second


def _caseload_row(i: int, *, estate: str = "12") -> list[str]:
    return [
        f"Testperson{i} {SURNAMES[i % len(SURNAMES)]}",
        f"Bøgevej {i % 200 + 1}, {i % 5}. tv",
        f"{estate}-{i:05d}" if i % 4 else "",
        estate if i % 4 else "",
        KINDS[i % len(KINDS)],
        f"{1 + i % 28:02d}.{1 + i % 5:02d}.2026",
        f"{3_000 + i % 900:,}".replace(",", ".") + ",50" if i % 4 != 2 else "",
        f"{2 + i % 20:02d}-11-2026" if i % 4 == 0 else "",
        "",
        f"{6_000 + i % 400:,}".replace(",", ".") + ",00",
        f"2{i:07d}",
        ADVISERS[i % len(ADVISERS)],
        "Aftale om afdrag 500 kr./md." if i % 7 == 0 else "",
    ]


def caseload_lists(rows: int) -> tuple[list[list[str]], list[list[str]]]:
    existing = rows // 5
    rejected = max(1, rows // 50)
    first = [_caseload_row(i) for i in range(existing)]
    second = [_caseload_row(i) for i in range(rows - rejected)]
    for i in range(rows - rejected, rows):
        bad = _caseload_row(i, estate="99" if i % 2 else "12")
        bad[2], bad[3] = f"99-{i:05d}", "99" if i % 2 else "12"
        if i % 2 == 0:
            bad[6] = "mange penge"
        second.append(bad)
    return first, second


#: Per import: the desk service's name, the lists, the header.
IMPORTS = {
    "terminations": ("imports", lists, HEADER, "Ophævelsesliste"),
    "new_tenants": ("new_tenant_imports", new_tenant_lists, NEW_TENANT_HEADER, "Nye lejere"),
    "caseload": ("case_imports", caseload_lists, CASELOAD_HEADER, "Sagsark"),
}


def run(rows: int = ROWS, which: str = "terminations") -> dict[str, float]:
    service_name, make_lists, header, _ = IMPORTS[which]
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
            service = getattr(desk, service_name)
            first, second = make_lists(rows)
            service.apply(service.preview(write_list(root / "forrige.csv", first, header)))
            path = write_list(root / "liste.csv", second, header)
            started = time.perf_counter()
            with path.open(encoding="cp1252", newline="") as handle:
                read_rows = sum(1 for _ in csv.reader(handle, delimiter=";"))
            csv_s = time.perf_counter() - started
            started, cpu = time.perf_counter(), time.process_time()
            plan = service.preview(path)
            preview_s, cpu_s = time.perf_counter() - started, time.process_time() - cpu
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
        "cpu_s": cpu_s,
        "csv_s": csv_s,
    }


def run_all(rows: int = ROWS) -> dict[str, dict[str, float]]:
    return {which: run(rows, which) for which in IMPORTS}


def expected(rows: int, which: str) -> dict[str, int]:
    existing = rows // 5
    if which == "terminations":
        return {
            "updated": existing // 2,
            "unchanged": existing - existing // 2,
            "rejected": max(1, rows // 50),
        }
    return {"updated": 0, "unchanged": existing, "rejected": max(1, rows // 50)}


def figures(results: dict[str, dict[str, float]], rows: int = ROWS) -> list[Figure]:
    count = f"{rows:,}".replace(",", ".")
    shown: list[Figure] = []
    for which, result in results.items():
        name = IMPORTS[which][3]
        key = "" if which == "terminations" else f"{which}_"
        shown.append(
            Figure(
                f"{key}preview_s",
                f"Prøveimport, {name.lower()}, {count} rækker",
                result["preview_s"],
                unit="s",
                goal=GOAL_S,
            )
        )
        shown.append(Figure(f"{key}preview_cpu_s", f"  CPU-tid, {name.lower()}", result["cpu_s"], unit="s"))
    terminations = results["terminations"]
    shown.append(
        Figure(
            "preview_per_row_ms",
            "Pr. række (mod kun at læse CSV-filen)",
            terminations["preview_s"] * 1000 / max(rows, 1),
            base=terminations["csv_s"] * 1000 / max(rows, 1),
            base_label="csv-modulet",
        )
    )
    return shown


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    rows = int(args[args.index("--rows") + 1]) if "--rows" in args else ROWS
    results = run_all(rows)
    ok = True
    notes = []
    for which, result in results.items():
        want = expected(rows, which)
        good = result["rows"] == rows and all(result[k] == v for k, v in want.items())
        ok = ok and good
        notes.append(
            f"{IMPORTS[which][3]}: nye {result['created']:.0f}, opdateres {result['updated']:.0f}, "
            f"uændrede {result['unchanged']:.0f}, afviste {result['rejected']:.0f}"
        )
        if not good:
            notes.append(f"FEJL: forventede {want} af {rows} rækker")
    report(
        "import", figures(results, rows), as_json=wants_json(args), notes=[] if wants_json(args) else notes
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
