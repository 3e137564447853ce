"""``boligdesk import-cases FILE [--data-dir DIR] [--dry-run] [--rejected-out FILE]``.

A one-time import of a team's open cases from its own spreadsheet (CSV or XLSX), with the same rules as
the import dialog (:mod:`boligdesk.services.import_cases`): each row becomes an open case; a case already
open in BoligDesk (same tenancy, or same tenant and address) is left alone. Prints the counts and every rejected row's reason in Danish. ``--dry-run``
saves nothing. Exit status 0 when the file could be read; 2 when it could not (the message says why).
"""

from __future__ import annotations

import argparse

from boligdesk.commands.import_terminations import add_import_arguments, run_import


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "import-cases",
        help="importér teamets åbne sager fra et regneark (CSV eller XLSX), én gang",
        description="Importér teamets åbne sager fra det hidtidige regneark. Hver række bliver til en "
        "åben sag; sager, der allerede er åbne i BoligDesk, røres ikke.",
    )
    add_import_arguments(parser, "sagsarket (.csv, .txt eller .xlsx)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    return run_import(args, lambda desk: desk.case_imports, "Sagsark")
