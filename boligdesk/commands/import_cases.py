"""``boligdesk import-cases FILE [--data-dir DIR] [--dry-run] [--rejected-out FILE]``.

A one-time import of a team's open cases from its own spreadsheet (CSV or XLSX), with the same rules as
the import dialog (:mod:`boligdesk.services.import_cases`): each row becomes an open case; a case already
open in BoligDesk (same tenancy, or same tenant and address) is left alone. Prints the counts and every rejected row's reason in Danish. ``--dry-run``
saves nothing. Exit status 0 when the file could be read; 2 when it could not (the message says why).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from boligdesk.commands.common import add_data_dir, open_desk_from_args
from boligdesk.commands.import_terminations import print_counts, print_plan
from boligdesk.importers.plan import ImportCounts


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "import-cases",
        help="importér teamets åbne sager fra et regneark (CSV eller XLSX), én gang",
        description="Importér teamets åbne sager fra det hidtidige regneark. Hver række bliver til en "
        "åben sag; sager, der allerede er åbne i BoligDesk, røres ikke.",
    )
    parser.add_argument("file", type=Path, metavar="FIL", help="sagsarket (.csv, .txt eller .xlsx)")
    add_data_dir(parser)
    parser.add_argument("--dry-run", action="store_true", help="vis hvad der ville ske, uden at gemme noget")
    parser.add_argument(
        "--rejected-out",
        type=Path,
        default=None,
        metavar="FIL",
        help="gem de afviste rækker med en Fejl-kolonne (.csv eller .xlsx) til at sende tilbage",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    desk = open_desk_from_args(args)
    try:
        service = desk.case_imports
        plan = service.preview(args.file)
        print_plan(plan, "Sagsark")
        if args.dry_run:
            counts = plan.counts
        else:
            result = service.apply(plan)
            counts = ImportCounts(result.created, result.updated, result.unchanged, result.rejected)
        print_counts(counts, dry_run=args.dry_run)
        if args.rejected_out is not None:
            written = service.save_rejected(plan, args.rejected_out)
            noun = "afvist række" if written == 1 else "afviste rækker"
            print(f"{written} {noun} gemt i {args.rejected_out}")
        if args.dry_run:
            print("Prøvekørsel: intet er gemt i BoligDesk.")
    finally:
        desk.close()
    return 0
