"""``boligdesk demo --data-dir DIR --cases N``: create or fill a profile with invented cases."""

from __future__ import annotations

import argparse
from typing import Any

from boligdesk.commands.common import PASSPHRASE_ENV, add_data_dir, profile_from_args, read_passphrase
from boligdesk.services.demo import ADVISERS, populate
from boligdesk.services.demo_registrations import register_for_statistics
from boligdesk.services.demo_showcase import SHOWCASE_CASES, add_showcase
from boligdesk.services.desk import Desk
from boligdesk.services.profile import create_profile, open_store


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "demo",
        help="opret eller fyld en profil med opdigtede sager",
        description=f"Opretter (eller fylder) en profil med opdigtede, realistiske sager. "
        f"Adgangskoden tages fra {PASSPHRASE_ENV} eller spørges om.",
    )
    add_data_dir(parser)
    parser.add_argument("--cases", type=int, default=200, help="antal sager (standard 200)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    profile = profile_from_args(args)
    passphrase = read_passphrase("Adgangskode til demoprofilen: ")
    if profile.exists():
        store = open_store(profile, passphrase=passphrase)
        created = False
    else:
        store = create_profile(profile, passphrase)
        created = True
    desk = Desk(store)
    try:
        desk.advisers.set_current(ADVISERS[0])
        wanted = max(0, args.cases)
        # A new demo holds two showcase cases (every document ready) among the cases asked for.
        with_showcase = created and wanted >= SHOWCASE_CASES
        count = populate(store, wanted - (SHOWCASE_CASES if with_showcase else 0), today=desk.today())
        showcase = add_showcase(store, today=desk.today()) if with_showcase else None
        count += SHOWCASE_CASES if showcase is not None else 0
        if created:
            register_for_statistics(desk)  # excluded cases, who covered the arrears (as an adviser does)
    finally:
        desk.close()
    action = "Oprettede" if created else "Udvidede"
    print(f"{action} demoprofilen i {profile.folder} med {count} opdigtede sager.")
    if showcase is not None:
        plan_case, bailiff_case = showcase
        print(
            f"Sag {plan_case} har budget, kuvertplan, afdragsaftale og afdragsbrevene klar; "
            f"sag {bailiff_case} er i fogedretten (breve før en aftale, fx anmodning om omberammelse)."
        )
    return 0
