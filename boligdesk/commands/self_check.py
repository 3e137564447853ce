"""``boligdesk self-check``: temporary store, migrate, write/read a row, render a PDF with æøå; exit 0."""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path
from typing import Any

from reportlab.platypus import Paragraph

from boligdesk.budget.money import Money
from boligdesk.letters.pdf_base import PageDecor, build_pdf, styles
from boligdesk.services.cases import NewCase
from boligdesk.services.desk import Desk
from boligdesk.services.profile import KdfParams, Profile, create_profile, open_store

CHECK_TEXT = "Selvtjek: æøå ÆØÅ § 1.234,50 kr."


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser("self-check", help="kontrollér at BoligDesk virker her")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    passphrase = "selvtjek-kodeord-med-vilje"
    with tempfile.TemporaryDirectory(prefix="boligdesk-selfcheck-") as tmp:
        profile = Profile(Path(tmp) / "profil")
        desk = Desk(create_profile(profile, passphrase, kdf=KdfParams.fast_for_tests()))
        revisions = desk.schema_revisions()
        print(f"ok  krypteret profil oprettet (SQLCipher), skema {revisions.current} = {revisions.head}")
        case_id = desk.cases.create(
            NewCase(
                first_name="Selvtjek", last_name="Æblegård", address_line="Prøvevej 1", arrears=Money(123_450)
            )
        ).id
        desk.close()
        header = profile.db_path.read_bytes()[:16]
        if header.startswith(b"SQLite format 3"):
            print("FEJL databasefilen er ikke krypteret")
            return 1
        print("ok  databasefilen er krypteret (ingen SQLite-header)")
        desk = Desk(open_store(profile, passphrase=passphrase))
        try:
            rows = desk.case_list.rows([case_id])
        finally:
            desk.close()
        if [(r.arrears, r.tenant_name) for r in rows] != [(Money(123_450), "Selvtjek Æblegård")]:
            print("FEJL rækken kunne ikke læses tilbage")
            return 1
        print("ok  række skrevet, lukket, genåbnet og læst")
        pdf = build_pdf([Paragraph(CHECK_TEXT, styles()["Body"])], title="Selvtjek", decor=PageDecor())
        if not pdf.startswith(b"%PDF") or b"DejaVuSans" not in pdf:
            print("FEJL PDF uden indlejret skrifttype")
            return 1
        (Path(tmp) / "selvtjek.pdf").write_bytes(pdf)
        print(f"ok  PDF på én side med æøå og indlejret skrifttype ({len(pdf)} byte)")
    print("Selvtjek gennemført.")
    return 0
