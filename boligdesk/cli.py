"""Command line: ``boligdesk [--data-dir DIR]`` starts the app; subcommands offer the same services.

Subcommands live in :mod:`boligdesk.commands`, one module each with ``register(subparsers)``; the
parser they add sets ``func(args) -> int``. Expected failures (:class:`StoreError`,
:class:`UserInputError`) print their Danish message and exit 2; anything else is a bug.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from boligdesk import __version__, cli_danish
from boligdesk.errors import StoreError, UserInputError

COMMAND_MODULES = (
    "demo",
    "self_check",
    "cases",
    "import_terminations",
    "import_new_tenants",
    "import_cases",
    "contacts",
    "pdf",
    "sync",
    "restore",
    "stats",
    "team",
    "init",
    "audit",
    "export_person",
    "retention",
)


#: The exit code of a program whose reader went away (128 + SIGPIPE), as a shell reports it.
EXIT_BROKEN_PIPE = 141


def build_parser() -> argparse.ArgumentParser:
    cli_danish.install()
    parser = argparse.ArgumentParser(
        prog="boligdesk",
        description="BoligDesk — sager, budget og afdragsordninger for boligsociale rådgivere.",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"BoligDesk {__version__}",
        help=cli_danish.gettext("show program's version number and exit"),
    )
    parser.add_argument(
        "--data-dir", type=Path, default=None, help="profilmappe (standard: brugerens datamappe)"
    )
    parser.add_argument("--self-check", action="store_true", help="samme som underkommandoen self-check")
    sub = parser.add_subparsers(dest="command", metavar="KOMMANDO")
    for name in COMMAND_MODULES:
        module_name = f"boligdesk.commands.{name}"
        if importlib.util.find_spec(module_name) is None:
            continue
        importlib.import_module(module_name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _main(argv)
    except BrokenPipeError:
        # The reader stopped early (``boligdesk cases --json | head -1``): nothing left to say. Point
        # stdout at /dev/null so Python's final flush does not fail again, and exit quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_BROKEN_PIPE


def window_only(argv: Sequence[str] | None) -> tuple[bool, Path | None]:
    """Whether the arguments only start the window (``boligdesk`` or ``boligdesk --data-dir DIR``), and
    then the profile folder asked for (``None``: the user's own).

    The window starts without :func:`build_parser`: it imports every command module and with them
    SQLAlchemy, the models, reportlab, Babel and the keyring (~1.5 s of CPU), and the locked window is to
    paint before any of those (issue 15). Anything else (a command, ``--help``, an abbreviated option)
    goes through the whole parser as before."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args:
        return True, None
    if len(args) == 2 and args[0] == "--data-dir" and args[1] and not args[1].startswith("-"):
        return True, Path(args[1])
    if len(args) == 1 and args[0].startswith("--data-dir=") and len(args[0]) > len("--data-dir="):
        return True, Path(args[0].removeprefix("--data-dir="))
    return False, None


def _main(argv: Sequence[str] | None) -> int:
    window, folder = window_only(argv)
    if window:
        from boligdesk.app import run_app

        return _guarded(lambda: run_app(data_dir=folder))
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.self_check and args.command is None:
        args = parser.parse_args(["self-check"])
    if args.command is None:
        from boligdesk.app import run_app

        return _guarded(lambda: run_app(data_dir=args.data_dir))
    return _guarded(lambda: int(args.func(args)))


def _guarded(run: Callable[[], int]) -> int:
    try:
        return run()
    except (StoreError, UserInputError) as exc:
        print(f"Fejl: {exc.message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("Afbrudt.", file=sys.stderr)
        return 130
