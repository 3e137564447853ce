"""``boligdesk import-terminations FILE [--data-dir DIR] [--dry-run] [--rejected-out FILE]``.

Imports the landlord's monthly termination list (CSV or XLSX) with the same rules as the import dialog
and prints, in Danish, how many cases were created, updated, left unchanged and how many rows were
rejected, with each rejected row's reason. ``--dry-run`` shows the same without saving anything.
Exit status 0 when the file could be read (even with rejected rows); 2 when it could not (the message
says why).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from boligdesk.commands.common import add_data_dir, open_desk_from_args
from boligdesk.importers.plan import ImportCounts, ImportPlan, ImportResult, ImportStatus

if TYPE_CHECKING:
    from boligdesk.services.desk import Desk


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "import-terminations",
        help="importér månedens ophævelsesliste (CSV eller XLSX)",
        description="Importér boligorganisationens ophævelsesliste. Nye lejemål bliver til sager, "
        "åbne sager for samme lejemål opdateres, og fejl i rækker vises med årsag.",
    )
    add_import_arguments(parser, "ophævelseslisten (.csv, .txt eller .xlsx)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    return run_import(args, lambda desk: desk.imports, "Ophævelsesliste")


def add_import_arguments(parser: argparse.ArgumentParser, file_help: str) -> None:
    """The arguments every file import shares: the file, the profile, ``--dry-run`` and ``--rejected-out``."""
    parser.add_argument("file", type=Path, metavar="FIL", help=file_help)
    add_data_dir(parser)
    parser.add_argument("--dry-run", action="store_true", help="vis hvad der ville ske, uden at gemme noget")
    parser.add_argument(
        "--rejected-out",
        type=Path,
        default=None,
        metavar="FIL",
        help="gem de afviste rækker med en Fejl-kolonne (.csv eller .xlsx) til at sende tilbage",
    )


class FileImport(Protocol):
    """What the termination, new-tenant and caseload imports share on the desk."""

    def preview(self, path: Path) -> ImportPlan: ...

    def apply(self, plan: ImportPlan) -> ImportResult: ...

    def save_rejected(self, plan: ImportPlan, path: Path) -> int: ...


def run_import(args: argparse.Namespace, service_of: Callable[[Desk], FileImport], title: str) -> int:
    """Read ``args.file`` with the desk's import ``service_of(desk)``: print the plan and the counts,
    apply it unless ``--dry-run``, and save the rejected rows when asked."""
    desk = open_desk_from_args(args)
    try:
        service = service_of(desk)
        plan = service.preview(args.file)
        print_plan(plan, title)
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


def print_plan(plan: ImportPlan, title: str = "Ophævelsesliste") -> None:
    print(f"{title}: {plan.source_name} (overskrifter i række {plan.header_line})")
    updates = plan.with_status(ImportStatus.UPDATE)
    if updates:
        print("Opdateringer:")
        for row in updates:
            print(f"  Række {row.line}: {row.detail}")
    warned = [r for r in plan.rows if r.warnings and r.status is not ImportStatus.REJECTED]
    if warned:
        print("Værdier der ikke er importeret (rækken er importeret):")
        for row in warned:
            for warning in row.warnings:
                print(f"  Række {row.line}: {warning}")
    rejected = plan.with_status(ImportStatus.REJECTED)
    if rejected:
        print("Afviste rækker:")
        for row in rejected:
            print(f"  Række {row.line}: {row.detail}")
    if plan.total_lines:
        lines = ", ".join(str(n) for n in plan.total_lines)
        print(f"Sumrækker sprunget over: række {lines}")


def print_counts(counts: ImportCounts, *, dry_run: bool) -> None:
    print(f"Nye sager: {counts.created}" + (" (ville blive oprettet)" if dry_run else ""))
    print(f"Opdaterede sager: {counts.updated}" + (" (ville blive opdateret)" if dry_run else ""))
    print(f"Uændrede: {counts.unchanged}")
    print(f"Afviste rækker: {counts.rejected}")
