"""``boligdesk sync [--data-dir DIR] [--share FOLDER]`` — synchronise with the team's shared folder.

The first sync with ``--share`` creates the team in an empty folder or joins the team found there and
remembers the folder (``sync.json``); later syncs need no ``--share``. The team passphrase comes from
``BOLIGDESK_TEAM_PASSPHRASE``, the OS keyring, or a prompt. Prints a Danish summary; exit code 0 when
everything was exchanged, 1 when some files were refused or must wait, 2 on an error (cli.py), and
3 when a file would delete many cases or rows here and was held: run again with
``--accept-deletions N`` (N as the summary says) to apply it. A laptop's files missing on the share
make its later files wait (exit 1) until it re-sends them; for a laptop that will never sync again,
``--accept-loss COMPUTER`` accepts the loss (recorded) and moves past the gap.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from boligdesk.commands.common import add_data_dir, open_desk_from_args
from boligdesk.errors import StoreError, UserInputError
from boligdesk.services.desk import Desk
from boligdesk.services.progress import Progress
from boligdesk.services.team_sync import ShareState, TeamConnection

TEAM_PASSPHRASE_ENV = "BOLIGDESK_TEAM_PASSPHRASE"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "sync",
        help="synkronisér med teamets fællesmappe",
        description="Udveksler ændringer med teamets fællesmappe på netværksdrevet.",
    )
    add_data_dir(parser)
    parser.add_argument(
        "--share",
        type=Path,
        default=None,
        metavar="MAPPE",
        help="fællesmappen (første gang, eller for at skifte mappe); huskes bagefter",
    )
    parser.add_argument(
        "--accept-deletions",
        type=int,
        default=0,
        metavar="ANTAL",
        help="tillad at en fil sletter op til ANTAL oplysninger på denne computer (se oversigten)",
    )
    parser.add_argument(
        "--accept-loss",
        action="append",
        default=[],
        metavar="COMPUTER",
        help="acceptér at de manglende filer fra COMPUTER (som oversigten nævner den) er tabt for altid; "
        "kun for en computer, der aldrig synkroniserer igen. Beslutningen noteres",
    )
    parser.set_defaults(func=run)


EXIT_DELETIONS_HELD = 3


def team_passphrase(*, creating: bool) -> tuple[str, str]:
    """(passphrase, repeat) from the environment or a prompt."""
    value = os.environ.get(TEAM_PASSPHRASE_ENV)
    if value:
        return value, value
    if not sys.stdin.isatty():
        raise StoreError(
            "no_team_passphrase",
            f"Teamets adgangskode mangler: sæt {TEAM_PASSPHRASE_ENV} eller kør kommandoen i en terminal.",
        )
    first = getpass.getpass("Teamets adgangskode (ny): " if creating else "Teamets adgangskode: ")
    repeat = getpass.getpass("Gentag teamets adgangskode: ") if creating else first
    return first, repeat


def _progress(done: int, total: int, text: str) -> None:
    if sys.stderr.isatty():
        print(f"\r{text}", end="", file=sys.stderr, flush=True)


def _connection(args: argparse.Namespace, desk: Desk) -> TeamConnection:
    settings = desk.sync.settings()
    share: Path | None = args.share.expanduser() if args.share else None
    if share is not None and not (settings.is_set_up and settings.share_path == share):
        creating = desk.sync.share_state(share) is ShareState.EMPTY
        passphrase, repeat = team_passphrase(creating=creating)
        connection = desk.sync.connect(share, passphrase, repeat)
        if connection.created:
            print(f"Teamet er oprettet i {connection.team.folder}. Giv kollegerne teamets adgangskode.")
        else:
            print(f"Computeren er nu med i teamet i {connection.team.folder}.")
        if connection.keyring_note:
            print(connection.keyring_note)
        return connection
    connection = desk.sync.reconnect(ask_passphrase=lambda: team_passphrase(creating=False)[0])
    if not connection.remembered:
        desk.sync.remember_key(connection)
    return connection


def _check_accepts(args: argparse.Namespace) -> None:
    """``--accept-deletions`` is a count; ``--accept-loss`` names a laptop as the summary does (8 or more
    characters of its id): anything shorter matched nothing and was silently ignored."""
    if args.accept_deletions < 0:
        raise UserInputError(
            "accept_deletions",
            "sync.accept_negative",
            f"--accept-deletions skal være et antal (0 eller mere), ikke {args.accept_deletions}.",
        )
    for name in args.accept_loss:
        if len(name.strip()) < 8:
            raise UserInputError(
                "accept_loss",
                "sync.accept_loss_short",
                f"--accept-loss »{name[:40]}«: skriv computeren, som oversigten nævner den "
                "(mindst de 8 første tegn, fx 1a2b3c4d). Intet er ændret.",
            )


def _unknown_losses(desk: Desk, names: list[str]) -> list[str]:
    devices = [m.device_id for m in desk.sync.members()]
    return [n for n in names if not any(d == n.strip() or d.startswith(n.strip()) for d in devices)]


def run(args: argparse.Namespace) -> int:
    _check_accepts(args)
    desk = open_desk_from_args(args)
    try:
        connection = _connection(args, desk)
        summary = desk.sync.run(
            connection,
            Progress(_progress),
            accept_deletions=args.accept_deletions,
            accept_loss=frozenset(n.strip() for n in args.accept_loss),
        ).summary
        unknown = _unknown_losses(desk, args.accept_loss)
    finally:
        desk.close()
    if sys.stderr.isatty():
        print(file=sys.stderr)
    for line in summary.lines():
        print(line)
    for name in unknown:
        print(
            f"Advarsel: teamet har ingen computer, der hedder »{name[:40]}«, så intet tab er accepteret for den. "
            "Tjek navnet i oversigten (boligdesk team --list).",
            file=sys.stderr,
        )
    if summary.held_deletions:
        print(
            f"Kør »boligdesk sync --accept-deletions {summary.deletions_to_accept}« for at godkende "
            "sletningen, eller gendan fra en sikkerhedskopi."
        )
        return EXIT_DELETIONS_HELD
    return 0 if summary.ok else 1
