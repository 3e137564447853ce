"""``boligdesk self-check``: is this installation whole? Exit 0 when it is.

In a temporary folder, headless: creates an encrypted profile (SQLCipher) and migrates it, writes a case,
closes, reopens and reads it back, renders a PDF with æøå and the embedded font, loads Qt's Danish
translation, asks for the OS keyring, and builds the main window offscreen with every tab on the case.
Run on the frozen folder in CI (.ci/run), it catches a module or data file the bundle left out.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path
from typing import Any

from reportlab.platypus import Paragraph

from boligdesk.budget.money import Money
from boligdesk.letters.pdf_base import PageDecor, build_pdf, styles
from boligdesk.services.cases import NewCase
from boligdesk.services.desk import Desk
from boligdesk.services.profile import KdfParams, Profile, create_profile, keyring_status, open_store

CHECK_TEXT = "Selvtjek: æøå ÆØÅ § 1.234,50 kr."


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser("self-check", help="kontrollér at BoligDesk virker her")
    parser.add_argument(
        "--no-window", action="store_true", help="spring kontrollen af vinduet over (ingen Qt-vindue)"
    )
    parser.set_defaults(func=run)


def check_window(desk: Desk, case_id: str) -> str | None:
    """Build the main window offscreen on ``desk``, show every tab on the case; None or what failed."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import shiboken6

    from boligdesk.app import build_main_window, start_qt
    from boligdesk.ui.about import AboutDialog
    from boligdesk.ui.qt_danish import install_danish_qt

    app = start_qt()
    if not install_danish_qt(app):
        return "Qt's danske oversættelse (qtbase_da.qm) mangler"
    window = build_main_window(desk)
    try:
        window.show()
        window.unlocked.bus.caseSelected.emit(case_id)
        tabs = window.tabs
        if tabs is None:
            return "fanerne blev ikke bygget"
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            app.processEvents()
        missing = [name for name, holder in window.lazy_tabs.items() if holder.widget is None]
        if missing:
            return f"fanerne {', '.join(missing)} blev ikke bygget"
        about = AboutDialog(None, window)
        about.deleteLater()
        if window.grab().isNull():
            return "vinduet kunne ikke tegnes"
    finally:
        window.close()
        shiboken6.delete(window)
        app.processEvents()
    return None


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
            usable, why = keyring_status()
            print("ok  nøglering: kan huske adgangskoden" if usable else f"--  nøglering: {why}")
            if not getattr(args, "no_window", False):
                failed = check_window(desk, case_id)
                if failed is not None:
                    print(f"FEJL vinduet: {failed}")
                    return 1
                print("ok  vinduet bygget med alle faner og Qt på dansk (offscreen)")
        finally:
            desk.close()
    print("Selvtjek gennemført.")
    return 0
