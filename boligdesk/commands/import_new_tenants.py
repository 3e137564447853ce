"""``boligdesk import-new-tenants FILE [--data-dir DIR] [--dry-run] [--rejected-out FILE]``.

Imports the landlord's list of new tenancies (CSV or XLSX) with the same rules as the import dialog:
each new tenancy becomes a "Ny lejer" case; a tenancy already imported (same tenancy number, estate and
move-in date) is left alone. Prints the counts and every rejected row's reason in Danish. ``--dry-run``
saves nothing. Exit status 0 when the file could be read; 2 when it could not (the message says why).
"""

from __future__ import annotations

import argparse

from boligdesk.commands.import_terminations import add_import_arguments, run_import


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "import-new-tenants",
        help="importér listen over nye lejere (CSV eller XLSX)",
        description="Importér boligorganisationens liste over nye lejemål. Hver ny lejer bliver til en "
        "sag af typen »Ny lejer«; lejemål, der allerede er importeret, røres ikke.",
    )
    add_import_arguments(parser, "listen over nye lejere (.csv, .txt eller .xlsx)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    return run_import(args, lambda desk: desk.new_tenant_imports, "Liste over nye lejere")
