"""``boligdesk team`` — the team's laptops: list them, retire one, rotate the team key, hand over cases.

* ``--list [--json]``: every laptop of the team with its adviser, last sync and status (active/retired).
* ``--retire COMPUTER --reason TEKST``: retire a laptop (lost, stolen, replaced, adviser left); the team
  no longer waits for it. Synced to the others at the next sync.
* ``--rotate-key``: a new team passphrase (``BOLIGDESK_NEW_TEAM_PASSPHRASE`` or a prompt); every file on
  the share is encrypted again under the new key. Give the new passphrase to the colleagues who stay.
* ``--hand-over FRA --to TIL``: give every open case of adviser FRA to adviser TIL (names as listed).
* ``--merge-adviser NAVN``: one adviser listed twice under one name (a moved profile) made one row.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

from boligdesk.commands.common import add_data_dir, open_desk_from_args
from boligdesk.commands.sync import TEAM_PASSPHRASE_ENV, team_passphrase
from boligdesk.errors import StoreError, UserInputError
from boligdesk.services.advisers import AdviserRow, same_name
from boligdesk.services.desk import Desk

NEW_TEAM_PASSPHRASE_ENV = "BOLIGDESK_NEW_TEAM_PASSPHRASE"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "team",
        help="teamets computere: vis, tilbagekald, skift teamets nøgle, overdrag sager",
        description="Viser teamets computere, tilbagekalder en bortkommet eller udskiftet computer, skifter "
        "teamets nøgle eller overdrager en rådgivers åbne sager.",
    )
    add_data_dir(parser)
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--list", action="store_true", help="vis teamets computere")
    what.add_argument("--retire", metavar="COMPUTER", help="tilbagekald COMPUTER (som listen viser den)")
    what.add_argument("--rotate-key", action="store_true", help="skift teamets adgangskode og nøgle")
    what.add_argument("--hand-over", metavar="FRA", help="overdrag rådgiveren FRAs åbne sager (se --to)")
    what.add_argument(
        "--merge-adviser", metavar="NAVN", help="flet en rådgiver, der står flere gange (efter en flytning)"
    )
    parser.add_argument("--json", action="store_true", help="med --list: én JSON-linje pr. computer")
    parser.add_argument("--reason", default="", metavar="TEKST", help="med --retire: hvorfor")
    parser.add_argument("--to", default="", metavar="TIL", help="med --hand-over: den nye rådgiver")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    desk = open_desk_from_args(args)
    try:
        if args.list:
            _list(desk, as_json=args.json)
        elif args.retire:
            desk.sync.retire(args.retire, args.reason)
            print(
                f"Computeren {args.retire[:8]} er tilbagekaldt. De andre computere hører det ved deres næste "
                "synkronisering. Er den bortkommet eller stjålet, så skift også teamets nøgle: "
                "»boligdesk team --rotate-key«."
            )
        elif args.rotate_key:
            _rotate(desk)
        elif args.merge_adviser:
            _merge(desk, args.merge_adviser)
        else:
            _hand_over(desk, args.hand_over, args.to)
    finally:
        desk.close()
    return 0


def _list(desk: Desk, *, as_json: bool) -> None:
    listed = desk.sync.members()
    if as_json:
        for member in listed:
            print(json.dumps(member.as_json(), ensure_ascii=False))
        return
    if not desk.sync.settings().is_set_up:
        print("Computeren er ikke med i et team endnu (boligdesk sync --share MAPPE).")
        return
    for m in listed:
        who = m.adviser or "ukendt rådgiver"
        here = " (denne computer)" if m.this_laptop else ""
        line = f"{m.short}{here}  {who}  sidst synkroniseret: {m.last_seen_text}  {m.status}"
        if m.retired:
            line += f" af {m.retired_by or 'ukendt'}: {m.reason}"
        print(line)


def _rotate(desk: Desk) -> None:
    connection = desk.sync.reconnect(ask_passphrase=lambda: team_passphrase(creating=False)[0])
    new = os.environ.get(NEW_TEAM_PASSPHRASE_ENV)
    if new:
        repeat = new
    elif sys.stdin.isatty():
        import getpass

        new = getpass.getpass("Teamets nye adgangskode: ")
        repeat = getpass.getpass("Gentag teamets nye adgangskode: ")
    else:
        raise StoreError(
            "no_new_team_passphrase",
            f"Teamets nye adgangskode mangler: sæt {NEW_TEAM_PASSPHRASE_ENV} eller kør kommandoen i en "
            f"terminal ({TEAM_PASSPHRASE_ENV} er den nuværende).",
        )
    rotated = desk.sync.rotate_key(connection, new, repeat)
    for line in rotated.lines():
        print(line)


def _hand_over(desk: Desk, from_name: str, to_name: str) -> None:
    if not to_name.strip():
        raise UserInputError("to", "adviser.to_missing", "Skriv hvem der overtager sagerne: --to NAVN.")
    source, target = _adviser(desk, from_name), _adviser(desk, to_name)
    print(desk.advisers.hand_over(source.id, target.id).line())


def _merge(desk: Desk, name: str) -> None:
    print(desk.advisers.merge_same_name(_adviser(desk, name, merging=True).id).line())


def _adviser(desk: Desk, name: str, *, merging: bool = False) -> AdviserRow:
    """The one live adviser called ``name`` (spaces and case aside); a name listed twice is refused
    (except when merging it), because handing cases to or from "one of them" would be a guess."""
    listed = desk.advisers.list()
    found = [a for a in listed if same_name(a.name) == same_name(name)]
    if not found:
        known = ", ".join(a.name for a in listed) or "ingen"
        raise UserInputError(
            "adviser", "adviser.not_found", f"Ingen rådgiver hedder »{name[:60]}«. Rådgiverne er: {known}."
        )
    if len(found) > 1 and not merging:
        raise UserInputError(
            "adviser",
            "adviser.twice",
            f"Rådgiveren »{found[0].name}« står {len(found)} gange (typisk efter en flytning til en ny "
            f'computer). Flet dem først: boligdesk team --merge-adviser "{found[0].name}".',
        )
    return found[0]
