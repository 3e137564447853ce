"""Helpers shared by the subcommands: the profile folder and unlocking it without a window."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import os
import sys
from pathlib import Path

from boligdesk.errors import StoreError, WrongPassphraseError
from boligdesk.services.desk import Desk
from boligdesk.services.profile import Profile, Store, default_profile, open_store

PASSPHRASE_ENV = "BOLIGDESK_PASSPHRASE"


def add_data_dir(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir",
        type=Path,
        # SUPPRESS: `boligdesk --data-dir X cmd` must keep X (a subcommand default would overwrite it).
        default=argparse.SUPPRESS,
        help="profilmappe (standard: brugerens datamappe)",
    )


def profile_from_args(args: argparse.Namespace) -> Profile:
    data_dir = getattr(args, "data_dir", None)
    return Profile(Path(data_dir)) if data_dir else default_profile()


def read_passphrase(prompt: str = "Adgangskode: ") -> str:
    value = os.environ.get(PASSPHRASE_ENV)
    if value:
        return value
    if not sys.stdin.isatty():
        raise StoreError(
            "no_passphrase",
            f"Ingen adgangskode: sæt {PASSPHRASE_ENV} eller kør kommandoen i en terminal.",
        )
    return getpass.getpass(prompt)


def open_store_from_args(args: argparse.Namespace) -> Store:
    """Open the profile named by ``--data-dir`` (or the default) with the passphrase."""
    profile = profile_from_args(args)
    if not profile.exists():
        raise StoreError(
            "no_profile",
            f"Der er ingen BoligDesk-profil i {profile.folder}. Start programmet eller kør »boligdesk demo« først.",
        )
    from boligdesk.services.passphrase_policy import UnlockThrottle, wait_text

    throttle = UnlockThrottle(profile.folder)
    throttle.check(dt.datetime.now())
    try:
        store = open_store(profile, passphrase=read_passphrase())
    except WrongPassphraseError as exc:
        delay = throttle.failed(dt.datetime.now())
        if delay > 0:
            raise StoreError(exc.code, f"{exc.message} {wait_text(delay)}") from exc
        raise
    throttle.succeeded()
    return store


def login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (some containers)
        return "kommandolinje"


def open_desk_from_args(args: argparse.Namespace) -> Desk:
    """Open the profile (as :func:`open_store_from_args`) and work as the profile's adviser.

    When the profile has no adviser yet, the desk works under the login name, as the command line did.
    Close it with ``desk.close()``.
    """
    desk = Desk(open_store_from_args(args))
    if not desk.advisers.adopt_current():
        desk.adviser_name = login_name()
    return desk
