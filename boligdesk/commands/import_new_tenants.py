"""``boligdesk import-new-tenants FILE [--data-dir DIR] [--dry-run] [--rejected-out FILE]``.

Imports the landlord's list of new tenancies (CSV or XLSX) with the same rules as the import dialog:
each new tenancy becomes a "Ny lejer" case; a tenancy already imported (same tenancy number, estate and
move-in date) is left alone. Prints the counts and every rejected row's reason in Danish. ``--dry-run``
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
        "import-new-tenants",
        help="importér listen over nye lejere (CSV eller XLSX)",
        description="Importér boligorganisationens liste over nye lejemål. Hver ny lejer bliver til en "
        "sag af typen »Ny lejer«; lejemål, der allerede er importeret, røres ikke.",
    )
    parser.add_argument(
        "file", type=Path, metavar="FIL", help="listen over nye lejere (.csv, .txt eller .xlsx)"
    )
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
        service = desk.new_tenant_imports
        plan = service.preview(args.file)
        print_plan(plan, "Liste over nye lejere")
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
