"""``boligdesk restore --list`` / ``boligdesk restore FIL`` — the profile's backups, and putting one back.

``--list`` shows the backups (newest first; no passphrase needed). ``FIL`` (a name from the list or a path)
replaces the database with that backup after keeping the current database as a backup of its own; it
works when the database is damaged too, since only the key file is opened first. It is refused while the
BoligDesk window (another process) has the profile open — a restore under a running app would be
overwritten by it — and it is recorded in the audit log.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from boligdesk.commands.common import add_data_dir, login_name, profile_from_args, read_passphrase
from boligdesk.errors import StoreError
from boligdesk.services.backups import backup_rows, restore_profile


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "restore",
        help="vis sikkerhedskopierne eller gendan databasen fra én",
        description="Viser profilens sikkerhedskopier (--list) eller gendanner databasen fra én af dem. "
        "Den nuværende database gemmes først som sikkerhedskopi. Luk BoligDesk-vinduet før gendannelsen.",
    )
    add_data_dir(parser)
    parser.add_argument("--list", action="store_true", help="vis sikkerhedskopierne, nyeste først")
    parser.add_argument(
        "file", nargs="?", type=Path, default=None, metavar="FIL", help="sikkerhedskopien (navn eller sti)"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    profile = profile_from_args(args)
    if not profile.exists():
        raise StoreError("no_profile", f"Der er ingen BoligDesk-profil i {profile.folder}.")
    if args.list or args.file is None:
        rows = backup_rows(profile)
        if not rows:
            print(f"Der er ingen sikkerhedskopier i {profile.backup_dir}.")
        for row in rows:
            print(f"{row.path.name}  {row.label}")
        if args.file is None and not args.list:
            print("Gendan med: boligdesk restore FIL")
        return 0
    restored = restore_profile(profile, read_passphrase(), args.file, adviser=login_name())
    for line in restored.lines():
        print(line)
    return 0
