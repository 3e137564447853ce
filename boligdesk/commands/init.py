"""``boligdesk init --data-dir DIR --adviser NAME [--team-share FOLDER]``: prepare a profile without the window.

For the IT department setting up a laptop: creates the encrypted profile (passphrase from
``BOLIGDESK_PASSPHRASE`` or asked twice in a terminal), names its adviser, and with ``--team-share``
creates the team in an empty shared folder or joins the team found there (team passphrase from
``BOLIGDESK_TEAM_PASSPHRASE`` or asked). An existing profile is never touched.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import Any

from boligdesk.commands.common import PASSPHRASE_ENV, add_data_dir, profile_from_args
from boligdesk.commands.sync import TEAM_PASSPHRASE_ENV, team_passphrase
from boligdesk.errors import StoreError, UserInputError
from boligdesk.services.desk import Desk
from boligdesk.services.profile import create_profile, validate_new_passphrase
from boligdesk.services.team_sync import ShareState
from boligdesk.sync.connection import share_state

#: The longest adviser name the profile stores (Adviser.name).
MAX_ADVISER_NAME = 200


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "init",
        help="opret en ny profil uden at starte vinduet (til IT-afdelingen)",
        description="Opretter en ny, krypteret profil med rådgiverens navn — og med --team-share også "
        f"teamets fællesmappe. Adgangskoden tages fra {PASSPHRASE_ENV} eller spørges om to gange; "
        f"teamets adgangskode fra {TEAM_PASSPHRASE_ENV} eller spørges om. En eksisterende profil "
        "ændres aldrig.",
    )
    add_data_dir(parser)
    parser.add_argument("--adviser", required=True, metavar="NAVN", help="rådgiverens navn (står på breve)")
    parser.add_argument(
        "--team-share",
        type=Path,
        default=None,
        metavar="MAPPE",
        help="teamets fællesmappe: opret teamet i en tom mappe eller bliv en del af teamet der",
    )
    parser.set_defaults(func=run)


def new_passphrase() -> tuple[str, str]:
    """(passphrase, repeat) from ``BOLIGDESK_PASSPHRASE`` or two prompts in a terminal."""
    value = os.environ.get(PASSPHRASE_ENV)
    if value:
        return value, value
    if not sys.stdin.isatty():
        raise StoreError(
            "no_passphrase",
            f"Ingen adgangskode: sæt {PASSPHRASE_ENV} eller kør kommandoen i en terminal.",
        )
    first = getpass.getpass("Adgangskode til den nye profil: ")
    return first, getpass.getpass("Gentag adgangskoden: ")


def adviser_name(raw: str) -> str:
    name = " ".join(raw.split())
    if not name:
        raise UserInputError("adviser", "adviser.empty", "Skriv rådgiverens navn efter --adviser.")
    if len(name) > MAX_ADVISER_NAME:
        raise UserInputError(
            "adviser",
            "adviser.too_long",
            f"Rådgiverens navn må højst have {MAX_ADVISER_NAME} tegn (det har {len(name)}).",
        )
    return name


def run(args: argparse.Namespace) -> int:
    profile = profile_from_args(args)
    if profile.exists() or profile.db_path.exists():
        raise StoreError(
            "profile_exists",
            f"Der findes allerede en BoligDesk-profil i {profile.folder}. »boligdesk init« ændrer ikke en "
            "eksisterende profil; vælg en anden mappe med --data-dir.",
        )
    name = adviser_name(args.adviser)
    share: Path | None = args.team_share.expanduser() if args.team_share else None
    # Everything that can be checked is checked before the profile is made.
    passphrase, repeat = new_passphrase()
    validate_new_passphrase(passphrase, repeat)
    team: tuple[str, str] | None = None
    if share is not None:
        creating = share_state(share) is ShareState.EMPTY
        team = team_passphrase(creating=creating)

    desk = Desk(create_profile(profile, passphrase, repeat), adviser_name=name)  # the team list names them
    try:
        desk.advisers.set_current(name)
        print(f"Profilen er oprettet i {profile.folder} for {name}.")
        if share is not None and team is not None:
            try:
                connection = desk.sync.connect(share, *team)
            except (StoreError, UserInputError) as exc:
                print(
                    f"Fejl: teamet blev ikke sat op: {exc.message}\nProfilen er oprettet; prøv igen med "
                    f"»boligdesk sync --data-dir {profile.folder} --share {share}«.",
                    file=sys.stderr,
                )
                return 2
            if connection.created:
                print(f"Teamet er oprettet i {connection.team.folder}. Giv kollegerne teamets adgangskode.")
            else:
                print(f"Computeren er nu med i teamet i {connection.team.folder}.")
            if connection.keyring_note:
                print(connection.keyring_note)
    finally:
        desk.close()
    return 0
