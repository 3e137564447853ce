"""``boligdesk audit [--case N] [--adviser NAVN] [--kind KIND] [--from DATO] [--to DATO] [--json]``."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from boligdesk.budget.calendar import parse_date
from boligdesk.commands.common import add_data_dir, open_desk_from_args
from boligdesk.services.audit_log import KINDS, AuditFilter, AuditRow


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "audit", help="vis revisionsloggen (hvem har gjort hvad)"
    )
    add_data_dir(parser)
    parser.add_argument("--case", default="", metavar="SAGSNR", help="kun denne sag, fx 2026-0012")
    parser.add_argument("--adviser", default="", metavar="NAVN", help="kun denne medarbejder")
    parser.add_argument(
        "--kind", action="append", choices=sorted(KINDS), default=[], help="kun denne slags (kan gentages)"
    )
    parser.add_argument("--from", dest="date_from", default="", metavar="DATO", help="fra og med dato")
    parser.add_argument("--to", dest="date_to", default="", metavar="DATO", help="til og med dato")
    parser.add_argument("--json", action="store_true", help="én JSON-linje pr. hændelse")
    parser.set_defaults(func=run)


def as_json(row: AuditRow) -> dict[str, Any]:
    return {
        "at": row.at.isoformat(timespec="seconds"),
        "action": row.action.value,
        "entity": row.entity,
        "entity_id": row.entity_id,
        "case": row.case_number,
        "actor": row.actor,
        "device": row.device,
        "detail": row.detail,
    }


def run(args: argparse.Namespace) -> int:
    flt = AuditFilter(
        case_number=args.case,
        adviser=args.adviser,
        kinds=frozenset(args.kind),
        date_from=parse_date(args.date_from, field="from") if args.date_from else None,
        date_to=parse_date(args.date_to, field="to") if args.date_to else None,
    )
    desk = open_desk_from_args(args)
    try:
        if flt.case_number:
            desk.letters.case_id_for_number(flt.case_number)  # an unknown number is an error, not silence
        rows = desk.audit_log.rows(
            flt, limit=None
        )  # the command line shows every event, never "the newest N"
    finally:
        desk.close()
    for row in rows:
        if args.json:
            print(json.dumps(as_json(row), ensure_ascii=False))
        else:
            print("\t".join(row.cells()))
    if not rows:  # on stderr, so a script reading stdout (or --json) still gets nothing
        print("Ingen hændelser i revisionsloggen passer på det valgte.", file=sys.stderr)
    return 0
