"""``boligdesk export-person --case N --out FIL.pdf``: the citizen's access export (PDF + JSON).

The command line cannot show the review the window offers, so ``--redact-others`` leaves out every item
that may hold other people's data (household members, journal, contact notes, letters) and
``--hide-staff`` the staff names; without them everything is exported. The release is recorded.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from boligdesk.commands.common import add_data_dir, open_desk_from_args


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "export-person", help="udlevér alt, der er gemt om borgeren i en sag (PDF og JSON)"
    )
    add_data_dir(parser)
    parser.add_argument("--case", required=True, metavar="SAGSNR", help="sagsnummer, fx 2026-0012")
    parser.add_argument(
        "--out", required=True, type=Path, metavar="FIL.pdf", help="PDF-filen (JSON ved siden af)"
    )
    parser.add_argument(
        "--redact-others", action="store_true", help="udelad oplysninger, der kan handle om andre personer"
    )
    parser.add_argument("--hide-staff", action="store_true", help="udelad medarbejdernes navne")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    desk = open_desk_from_args(args)
    try:
        case_id = desk.letters.case_id_for_number(args.case)
        export = desk.access.collect(case_id)
        redacted = [i.key for i in export.items if i.others] if args.redact_others else []
        released = desk.access.release(export, args.out, redacted, hide_staff=args.hide_staff)
    finally:
        desk.close()
    for line in released.lines():
        print(line)
    return 0
