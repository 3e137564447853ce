"""``boligdesk cases [--search TEXT] [--json]``: list cases for scripting."""

from __future__ import annotations

import argparse
import json
from typing import Any

from boligdesk.commands.common import add_data_dir, open_desk_from_args
from boligdesk.services.case_list import CaseRow, search_case_rows
from boligdesk.services.statistics import CaseOutcomeFacts


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser("cases", help="vis sagerne (til scripts: --json)")
    add_data_dir(parser)
    parser.add_argument("--search", default="", help="søg på navn, adresse, lejemålsnr., telefon, sagsnr.")
    parser.add_argument("--json", action="store_true", help="én JSON-linje pr. sag")
    parser.add_argument("--all", action="store_true", help="medtag lukkede sager")
    parser.set_defaults(func=run)


def as_json(row: CaseRow, facts: CaseOutcomeFacts | None = None) -> dict[str, Any]:
    deadline = row.next_deadline
    closing = {
        "outcome": facts.outcome if facts else None,
        "closed_on": facts.closed_on.isoformat() if facts and facts.closed_on else None,
        "termination_on": facts.termination_on.isoformat() if facts and facts.termination_on else None,
        "stats_excluded": facts.excluded if facts else None,
    }
    return {
        "id": row.id,
        "number": row.number,
        "tenant_name": row.tenant_name,
        "address": row.address,
        "tenancy_number": row.tenancy_number,
        "estate": row.estate_name,
        "kind": row.kind.value,
        "phase": row.phase.value,
        "arrears_ore": row.arrears.ore,
        "closed": row.closed,
        "adviser": row.adviser_name,
        "next_deadline": None
        if deadline is None
        else {"date": deadline.date.isoformat(), "kind": deadline.kind.value, "label": deadline.label},
        **closing,
    }


def run(args: argparse.Namespace) -> int:
    desk = open_desk_from_args(args)
    try:
        rows = desk.case_list.rows()
        outcomes = desk.statistics.case_outcomes() if args.json else {}
    finally:
        desk.close()
    rows = search_case_rows(rows, args.search)
    if not args.all:
        rows = [r for r in rows if not r.closed]
    for row in rows:
        if args.json:
            print(json.dumps(as_json(row, outcomes.get(row.id)), ensure_ascii=False))
        else:
            deadline = (
                f"{row.next_deadline.date:%d.%m.%Y} {row.next_deadline.label}" if row.next_deadline else ""
            )
            print(f"{row.number}\t{row.tenant_name}\t{row.address}\t{row.arrears.format()}\t{deadline}")
    return 0
