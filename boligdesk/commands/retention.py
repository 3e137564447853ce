"""``boligdesk retention [--apply]``: the closed cases past the organisation's retention period.

Without ``--apply`` nothing changes: the cases that would be anonymised are listed. With ``--apply`` they
are anonymised — only when the organisation has chosen "anonymisér" under Indstillinger → Opbevaring.
"""

from __future__ import annotations

import argparse
from typing import Any

from boligdesk.commands.common import add_data_dir, open_desk_from_args


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "retention", help="vis (eller anonymisér med --apply) lukkede sager efter opbevaringsperioden"
    )
    add_data_dir(parser)
    parser.add_argument("--apply", action="store_true", help="anonymisér sagerne (kan ikke fortrydes)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    desk = open_desk_from_args(args)
    try:
        policy = desk.retention.policy()
        print(policy.text())
        if not policy.is_set and not args.apply:
            return 0
        due = desk.retention.due(policy)
        if not args.apply:
            for case in due:
                print(case.line())
            what = "1 sag" if len(due) == 1 else f"{len(due)} sager"
            print(f"{what} er over opbevaringsperioden. Intet er ændret (brug --apply for at anonymisere).")
            return 0
        result = desk.retention.apply()
    finally:
        desk.close()
    for line in result.lines():
        print(line)
    return 0
