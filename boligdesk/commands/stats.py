"""``boligdesk stats --from YEAR --to YEAR [--estate NAME]... [--json] [--out FILE.pdf|FILE.xlsx]``.

Without ``--out`` the tables are printed (``--json``: one JSON object with the same tables, their
definitions, the data horizon and the eviction cost with its source). ``--out`` writes the board's PDF or
the XLSX (by the file's ending); ``--suppress N`` hides counts under N for a report leaving the
organisation. Counts only: no names, addresses or case numbers.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from boligdesk.commands.common import add_data_dir, open_desk_from_args
from boligdesk.errors import UserInputError
from boligdesk.reports.export import table_matrix
from boligdesk.reports.figures import StatsReport
from boligdesk.reports.present import cell_text, suppress_report


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "stats", help="statistik pr. afdeling og år (tabeller, PDF, XLSX)"
    )
    add_data_dir(parser)
    parser.add_argument("--from", dest="first", type=int, required=True, metavar="ÅR", help="første år")
    parser.add_argument("--to", dest="last", type=int, required=True, metavar="ÅR", help="sidste år")
    parser.add_argument(
        "--estate",
        action="append",
        default=[],
        metavar="NAVN",
        help="afdeling (navn eller nummer); kan gentages",
    )
    parser.add_argument("--json", action="store_true", help="skriv tabellerne som JSON")
    parser.add_argument(
        "--out", type=Path, default=None, metavar="FIL", help="skriv rapporten som .pdf eller .xlsx"
    )
    parser.add_argument(
        "--suppress", type=int, default=0, metavar="N", help="skjul antal under N (til rapporter ud af huset)"
    )
    parser.set_defaults(func=run)


def _estate_ids(names: list[str], estates: dict[str, str]) -> list[str] | None:
    if not names:
        return None
    chosen = []
    for name in names:
        wanted = name.strip().casefold()
        found = [
            i
            for i, label in estates.items()
            if wanted in (label.casefold(), label.split(" ", 1)[-1].casefold())
        ]
        found = found or [i for i, label in estates.items() if label.split(" ", 1)[0].casefold() == wanted]
        if not found:
            known = ", ".join(estates.values()) or "ingen"
            raise UserInputError(
                "estate", "stats.estate_unknown", f"Afdelingen »{name}« findes ikke. Kendte: {known}."
            )
        chosen += [f for f in found if f not in chosen]
    return chosen


def as_json(report: StatsReport, horizon: list[str], threshold: int) -> dict[str, Any]:
    def cell(c: Any, kind: str) -> dict[str, Any]:
        value = None if c.suppressed else c.value
        data: dict[str, Any] = {"value": value, "text": cell_text(c, kind, threshold)}
        if c.entered:
            data["entered"] = True
            data["note"] = c.note
        if kind == "percent" and not c.suppressed:
            data["part"], data["of"] = c.part, c.of
        return data

    return {
        "years": list(report.years),
        "estates": list(report.estate_names),
        "eviction_cost": {
            "ore": report.cost.ore,
            "source": report.cost.source,
            "price_year": report.cost.price_year,
        },
        "data_horizon": horizon,
        "suppressed_below": threshold or None,
        "tables": [
            {
                "key": t.key,
                "title": t.title,
                "definition": t.definition,
                "columns": list(t.columns),
                "rows": [
                    {
                        "label": r.label,
                        "total": r.is_total,
                        "kind": r.kind,
                        "cells": [cell(c, r.kind) for c in r.cells],
                        **({"change_percent": cell(r.change, "change")} if r.change is not None else {}),
                    }
                    for r in t.rows
                ],
            }
            for t in report.tables
        ],
    }


def run(args: argparse.Namespace) -> int:
    if args.last < args.first:
        raise UserInputError("years", "stats.years_order", "--to skal være samme år som --from eller senere.")
    if args.last - args.first > 50:
        raise UserInputError("years", "stats.years_span", "Vælg højst 50 år ad gangen.")
    suffix = args.out.suffix.lower() if args.out else ""
    if args.out is not None and suffix not in (".pdf", ".xlsx"):
        raise UserInputError("out", "stats.out_suffix", "--out skal være en .pdf- eller .xlsx-fil.")
    desk = open_desk_from_args(args)
    try:
        stats = desk.statistics
        estate_ids = _estate_ids(args.estate, stats.estates())
        report = stats.report(list(range(args.first, args.last + 1)), estate_ids)
        if args.out is not None:
            data = stats.export(report, "pdf" if suffix == ".pdf" else "xlsx", threshold=args.suppress)
            stats.write_export(args.out, data)
            print(f"Skrev {args.out}")
            return 0
        horizon = stats.horizon().lines()
    finally:
        desk.close()
    shown = suppress_report(report, args.suppress)
    if args.json:
        print(json.dumps(as_json(shown, horizon, args.suppress), ensure_ascii=False))
        return 0
    for table in shown.tables:
        headers, rows = table_matrix(table, shown, args.suppress)
        print(table.title)
        for line in [headers, *rows]:
            print("\t".join(line))
        print()
    print("\n".join(horizon))
    return 0
