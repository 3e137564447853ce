"""``boligdesk contacts …``: the team's contacts (Indstillinger → Kontakter) from the command line.

::

    boligdesk contacts list [--case NUMMER] [--json]
    boligdesk contacts add --role sagsbehandler --name "Navn" [--organisation …] [--phone …] [--email …]
                           [--hours …] [--checked DATO] [--note …]
    boligdesk contacts link NUMMER KONTAKT        (KONTAKT: id, eller et navn der kun passer på én)
    boligdesk contacts unlink NUMMER KONTAKT

The same service as the window (``desk.contacts``), so the same rules: a bad phone number, e-mail or date
is a Danish message naming the field, never a traceback.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from boligdesk.budget.calendar import format_short
from boligdesk.budget.cooperation import ContactRole
from boligdesk.commands.common import add_data_dir, open_desk_from_args
from boligdesk.errors import UserInputError
from boligdesk.services.contacts import ContactRow
from boligdesk.services.desk import Desk

#: The role words the command takes (Danish, lower case), besides the stored values.
ROLE_WORDS: dict[str, ContactRole] = {
    "sagsbehandler": ContactRole.CASEWORKER,
    "jobcenter": ContactRole.JOB_CENTRE,
    "ydelseskontor": ContactRole.BENEFITS_OFFICE,
    "udlejer": ContactRole.LANDLORD_CONTACT,
    "varmemester": ContactRole.CARETAKER,
    "bank": ContactRole.BANK,
    "andet": ContactRole.OTHER,
}


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "contacts",
        help="kontakter: sagsbehandlere, jobcenter, varmemester, bank … (vis, opret, knyt til sag)",
    )
    verbs = parser.add_subparsers(dest="contacts_verb", metavar="HANDLING", required=True)

    listing = verbs.add_parser("list", help="vis kontakterne (alle, eller dem på en sag)")
    add_data_dir(listing)
    listing.add_argument("--case", default=None, metavar="NUMMER", help="kun kontakterne på denne sag")
    listing.add_argument("--json", action="store_true", help="én JSON-linje pr. kontakt")
    listing.set_defaults(func=run_list)

    add = verbs.add_parser("add", help="opret en kontakt")
    add_data_dir(add)
    add.add_argument("--role", required=True, metavar="ROLLE", help="rolle: " + ", ".join(ROLE_WORDS))
    add.add_argument("--name", required=True, metavar="NAVN", help="navn, fx »Ydelseskontoret«")
    add.add_argument("--organisation", default="", metavar="TEKST", help="fx Opdigtet Kommune, Borgerservice")
    add.add_argument("--phone", default="", metavar="TELEFON")
    add.add_argument("--email", default="", metavar="E-MAIL")
    add.add_argument("--hours", default="", metavar="TEKST", help="træffetid, fx »man–tors 9–12«")
    add.add_argument("--checked", default=None, metavar="DATO", help="dato oplysningerne sidst blev tjekket")
    add.add_argument("--note", default="", metavar="TEKST")
    add.set_defaults(func=run_add)

    for verb, text in (("link", "knyt en kontakt til en sag"), ("unlink", "fjern en kontakt fra en sag")):
        one = verbs.add_parser(verb, help=text)
        add_data_dir(one)
        one.add_argument("case", metavar="NUMMER", help="sagsnummer, fx 2026-0012")
        one.add_argument(
            "contact", metavar="KONTAKT", help="kontaktens id, eller et navn der kun passer på én"
        )
        one.set_defaults(func=run_link if verb == "link" else run_unlink)


def parse_role(text: str) -> ContactRole:
    """A Danish role word (or the stored value, or the label) → the role; else a Danish message."""
    key = text.strip().casefold()
    if key in ROLE_WORDS:
        return ROLE_WORDS[key]
    for role in ContactRole:
        if key in (role.value, role.label.casefold()):
            return role
    raise UserInputError(
        "role",
        "contacts.bad_role",
        f"»{text}« er ikke en rolle. Vælg en af: {', '.join(ROLE_WORDS)}.",
    )


def as_json(row: ContactRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "role": row.role.value,
        "role_label": row.role_label,
        "name": row.name,
        "organisation": row.organisation,
        "phone": row.phone,
        "email": row.email,
        "hours": row.hours,
        "checked_on": row.checked_on.isoformat() if row.checked_on else None,
        "note": row.note,
    }


def _line(row: ContactRow) -> str:
    checked = f"tjekket {format_short(row.checked_on)}" if row.checked_on else "aldrig tjekket"
    fields = (row.id, row.role_label, row.name, row.organisation, row.phone, row.email, row.hours, checked)
    return "\t".join(fields)


def find_contact(desk: Desk, text: str) -> ContactRow:
    """The contact with id ``text``, or the one contact whose name is ``text`` (any case)."""
    rows = desk.contacts.all()
    wanted = text.strip()
    by_id = [r for r in rows if r.id == wanted]
    if by_id:
        return by_id[0]
    by_name = [r for r in rows if r.name.casefold() == wanted.casefold()]
    if len(by_name) == 1:
        return by_name[0]
    if not by_name:
        raise UserInputError(
            "contact",
            "contacts.not_found",
            f"Der er ingen kontakt med id eller navn »{wanted}«. Se dem med »boligdesk contacts list«.",
        )
    listed = "; ".join(f"{r.id} ({r.organisation or r.role_label})" for r in by_name)
    raise UserInputError(
        "contact",
        "contacts.ambiguous",
        f"Flere kontakter hedder »{wanted}«: {listed}. Brug kontaktens id.",
    )


def run_list(args: argparse.Namespace) -> int:
    desk = open_desk_from_args(args)
    try:
        if args.case:
            rows = desk.contacts.for_case(desk.letters.case_id_for_number(args.case))
        else:
            rows = desk.contacts.all()
    finally:
        desk.close()
    for row in rows:
        print(json.dumps(as_json(row), ensure_ascii=False) if args.json else _line(row))
    if not rows and not args.json:
        print("Ingen kontakter på sagen." if args.case else "Ingen kontakter endnu.")
    return 0


def run_add(args: argparse.Namespace) -> int:
    role = parse_role(args.role)
    desk = open_desk_from_args(args)
    try:
        created = desk.contacts.add(
            role=role,
            name=args.name,
            organisation=args.organisation,
            phone=args.phone,
            email=args.email,
            hours=args.hours,
            checked_on=args.checked,
            note=args.note,
        )
        row = desk.contacts.get(created.id)
    finally:
        desk.close()
    print(f"Kontakten er oprettet: {row.name} ({row.role_label}), id {row.id}")
    return 0


def _link(args: argparse.Namespace, *, link: bool) -> int:
    desk = open_desk_from_args(args)
    try:
        case_id = desk.letters.case_id_for_number(args.case)
        contact = find_contact(desk, args.contact)
        if link:
            desk.contacts.link(case_id, contact.id)
        else:
            linked = {r.id for r in desk.contacts.for_case(case_id)}
            if contact.id not in linked:
                raise UserInputError(
                    "contact",
                    "contacts.not_linked",
                    f"{contact.name} er ikke knyttet til sag {args.case}.",
                )
            desk.contacts.unlink(case_id, contact.id)
    finally:
        desk.close()
    if link:
        print(f"{contact.name} ({contact.role_label}) er knyttet til sag {args.case}.")
    else:
        print(f"{contact.name} er fjernet fra sag {args.case}.")
    return 0


def run_link(args: argparse.Namespace) -> int:
    return _link(args, link=True)


def run_unlink(args: argparse.Namespace) -> int:
    return _link(args, link=False)
