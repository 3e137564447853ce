"""Screenshots of BoligDesk's screens on an invented demo profile: ``python scripts/screenshots.py OUTDIR``.

Run under Xvfb (``make screenshots``) or with QT_QPA_PLATFORM=offscreen. Saves one PNG per tab and
dialog, at a 1366×768 laptop's window size, so a person can look at them.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("BOLIGDESK_INSECURE_FAST_KDF", "1")

import shutil
import subprocess

from PySide6.QtCore import QItemSelectionModel, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from sqlalchemy import select

from boligdesk.app import build_main_window
from boligdesk.budget.calendar import last_bank_day_of_month
from boligdesk.budget.money import Money
from boligdesk.budget.vocabulary import PlanStatus
from boligdesk.errors import StoreError, UserInputError
from boligdesk.models import Case, Person, RepaymentPlan
from boligdesk.models.store import Profile, Store, create_profile
from boligdesk.services.demo import ADVISERS, populate
from boligdesk.services.demo_registrations import register_for_statistics
from boligdesk.services.demo_showcase import SHOWCASE_CASES, add_showcase
from boligdesk.services.desk import Desk
from boligdesk.ui.cases.cases_tab import CasesTab
from boligdesk.ui.letters.letter_batch_dialog import LetterBatchDialog
from boligdesk.ui.profile.unlock_dialogs import FirstRunDialog, UnlockDialog
from boligdesk.ui.qt_danish import install_danish_qt


def settle(app: QApplication, rounds: int = 5) -> None:
    for _ in range(rounds):
        app.processEvents()


def grab(widget: QWidget, path: Path) -> None:
    widget.grab().save(str(path))
    print(f"wrote {path}")


def render_pdfs(store: Store, case_id: str, number: str, out: Path) -> None:
    """Every PDF BoligDesk makes for the case, as PDF and as PNG pages (pdftoppm) to look at."""
    pdf_dir = out / "pdf"
    pdf_dir.mkdir(exist_ok=True)
    desk = Desk(store, adviser_name=ADVISERS[0])
    found = desk.budget.latest_totals(case_id)
    if found is not None:
        pay_day = last_bank_day_of_month(dt.date.today().year, dt.date.today().month)
        settings = desk.envelopes.default_settings(found[0], pay_day)
        desk.envelopes.save_plan(
            found[0],
            pay_day=pay_day,
            start_on=settings.start_on,
            rounding_unit=Money(5_000),
            leftover_rule="extra_envelope",
        )
    documents = {"budget": desk.budget_print.budget_pdf_for_case(number)}
    try:
        documents["kuverter"] = desk.budget_print.envelopes_pdf_for_case(number)
    except (StoreError, UserInputError) as exc:
        print(f"kuverter: {exc.message}")
    letters = Desk(store, adviser_name=ADVISERS[0]).letters
    for info in letters.templates():
        documents[info.name] = letters.preview(case_id, letters.draft(case_id, info.name))
    for name, data in documents.items():
        path = pdf_dir / f"{name}.pdf"
        path.write_bytes(data)
        if shutil.which("pdftoppm"):
            subprocess.run(["pdftoppm", "-png", "-r", "60", str(path), str(pdf_dir / name)], check=True)
        print(f"wrote {path}")


def letter_batch_shots(app: QApplication, window: QWidget, cases: CasesTab, out: Path) -> None:
    """The month's letters: three cases selected, the choice dialog, the result with its buttons."""
    for row in range(3):
        cases.table.selectionModel().select(
            cases.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    settle(app)
    grab(window, out / "main_sager_selected.png")
    dialog = LetterBatchDialog(cases._ctx, cases.selected_case_ids(), cases.model.all_rows(), window)
    dialog.show()
    settle(app)
    grab(dialog, out / "dialog_letter_batch.png")
    dialog.close()
    call = cases.start_letters(cases.selected_case_ids(), dialog.template_name())
    done: list[bool] = []
    call.finished.connect(lambda: done.append(True))
    while not done:
        app.processEvents()
    settle(app, 20)
    if cases.letters_result is not None:
        grab(cases.letters_result, out / "dialog_letter_batch_result.png")
        (out / "pdf").mkdir(exist_ok=True)
        (out / "pdf" / "breve.pdf").write_bytes(cases.letters_result.batch.pdf)
        (out / "pdf" / "breve-adresser.pdf").write_bytes(cases.letters_result.batch.addresses_pdf)
        cases.letters_result.close()
    cases.table.clearSelection()
    settle(app)


def statistics_shot(app: QApplication, window: QWidget, out: Path) -> None:
    """Filer → Statistik… on the demo: the figures computed, then the team leader's overview."""
    from boligdesk.ui.statistics.statistics_window import open_statistics

    stats = open_statistics(window)
    stats.resize(1366, 740)
    call = stats.compute()
    if call is not None:
        done: list[bool] = []
        call.finished.connect(lambda: done.append(True))
        while not done:
            app.processEvents()
    settle(app, 20)
    grab(stats, out / "window_statistik.png")
    stats.tabs.setCurrentIndex(1)
    # The overview is computed off the GUI thread: wait for it (its button comes back), or the shot is empty.
    give_up = time.monotonic() + 60
    while not stats.overview.refresh_button.isEnabled() and time.monotonic() < give_up:
        app.processEvents()
    settle(app, 20)
    grab(stats, out / "window_statistik_overblik.png")
    stats.close()


#: The screens the guide (resources/guide/*.html) shows: name in the guide → (screenshot, region). Copied to
#: resources/guide/img/ at their native resolution, never scaled (the HTML shows them smaller; a click in
#: the guide shows them full size, and the printed guide prints them sharp): the whole screenshot, or the
#: region (x, y, width, height) of it the text is about. ASCII names: they go into the wheel and the
#: frozen app on every platform.
GUIDE_IMAGES: dict[str, tuple[str, tuple[int, int, int, int] | None]] = {
    "dialog_first_run.png": ("dialog_first_run.png", None),
    "dialog_unlock_wrong.png": ("dialog_unlock_wrong.png", None),
    "tour_search.png": ("tour_search.png", (0, 0, 660, 270)),
    "main_sager.png": ("main_sager.png", (0, 0, 900, 330)),
    "case_tabs.png": ("case_tabs.png", (0, 40, 1040, 160)),
    "main_frister.png": ("main_frister.png", (0, 0, 900, 330)),
    "main_budget.png": ("main_budget.png", None),
    "main_afdragsordning.png": ("main_afdragsordning.png", None),
    "dialog_letter_batch.png": ("dialog_letter_batch.png", None),
    "case_samtykke.png": ("case_7_samtykke_og_kontakter.png", (0, 190, 1110, 520)),
    "case_ansoegninger.png": ("case_8_ansøgninger.png", (0, 190, 1110, 520)),
    "case_forloeb.png": ("case_9_forløb_og_aktiviteter.png", (0, 190, 1110, 520)),
    "dialog_contacts.png": ("dialog_ContactsDialog.png", None),
    "window_statistik.png": ("window_statistik.png", None),
}


def copy_guide_images(out: Path, guide_img: Path = Path("resources/guide/img")) -> None:
    """Copy the guide's screens (cropped where a region is given, never scaled) next to the guide.

    Saved with a 256-colour palette (screens of flat colours: a quarter of the bytes).
    """
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QImage

    guide_img.mkdir(parents=True, exist_ok=True)
    for old in guide_img.glob("*.png"):
        if old.name not in GUIDE_IMAGES:
            old.unlink()  # an image no chapter shows is not shipped
    for name, (shot, region) in GUIDE_IMAGES.items():
        image = QImage(str(out / shot))
        if image.isNull():
            raise SystemExit(f"the guide uses {shot}, which this script did not make")
        if region is not None:
            image = image.copy(QRect(*region).intersected(image.rect()))
        image.save(str(guide_img / name), "PNG", 0)
        # A 256-colour palette chosen from the screen's own colours (median cut, no dithering): a quarter of
        # the bytes, no visible change. Pillow comes with reportlab.
        from PIL import Image

        with Image.open(guide_img / name) as full:
            small = full.convert("RGB").quantize(
                256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
            )
        small.save(guide_img / name, optimize=True)


def add_cooperation(desk: Desk, case_id: str) -> None:
    """The showcase case's consent, contact, applications and course: the tabs of issue 16 with content."""
    today = desk.today()
    desk.consent.add(
        case_id,
        share_with="municipality",
        given_on=today - dt.timedelta(days=20),
        how="written",
        scope="Restance, budget og indkomst",
    )
    contact = desk.contacts.add(
        role="caseworker",
        name="Lise Opdigtet",
        organisation="Opdigtet Kommune, Ydelsescenter",
        phone="70 00 00 00",
        hours="man-tor 9-12",
    ).id
    desk.contacts.link(case_id, contact)
    refused = desk.applications.add(
        case_id,
        kind="aktivloven_81",
        sent_to="Opdigtet Kommune, Ydelsescenter",
        sent_on=today - dt.timedelta(days=30),
        applied_amount="12.700,00",
    ).id
    desk.applications.record_decision(
        case_id,
        refused,
        decision="refused",
        decided_on=today - dt.timedelta(days=8),
        received_on=today - dt.timedelta(days=6),
    )
    other = desk.applications.add(case_id, kind="boligstoette", sent_on=today - dt.timedelta(days=40)).id
    desk.applications.record_decision(
        case_id,
        other,
        decision="refused",
        decided_on=today - dt.timedelta(days=10),
        received_on=today - dt.timedelta(days=9),
    )
    desk.courses.start(case_id, method="cti", planned_months=9, started_on=today - dt.timedelta(days=60))


def tour_shot(app: QApplication, window: QWidget, out: Path) -> None:
    """The first-run tour's first panel (Hjælp → Vis rundvisningen igen)."""
    from boligdesk.ui.tour import start_tour

    tour = start_tour(window)  # type: ignore[arg-type]
    settle(app, 20)
    if tour is not None:
        tour.reposition()
        settle(app)
        grab(window, out / "tour_search.png")
        tour.finish()
        settle(app)


def guide_shot(app: QApplication, window: QWidget, out: Path) -> None:
    """Hjælp → Vejledning on the chapter about the case."""
    from boligdesk.ui.guide.guide_window import open_guide

    guide = open_guide("02_sagen.html", window)  # type: ignore[arg-type]
    guide.resize(1100, 700)
    settle(app, 20)
    grab(guide, out / "window_guide.png")
    guide.close()


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "out/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    install_danish_qt(app)  # Qt's own buttons ("Luk", "Annuller") in Danish, as in the app
    with tempfile.TemporaryDirectory(prefix="boligdesk-shots-") as tmp:
        profile = Profile(Path(tmp) / "demo")
        first = FirstRunDialog(Profile(Path(tmp) / "ny"))
        first.show()
        settle(app)
        grab(first, out / "dialog_first_run.png")
        first.close()

        store = create_profile(profile, "demo-kodeord-1234")
        desk = Desk(store)
        desk.advisers.set_current(ADVISERS[0])
        populate(store, 200 - SHOWCASE_CASES, today=dt.date.today())
        add_showcase(store, today=dt.date.today())  # "Sanne Eksempel": the case the tour opens
        register_for_statistics(desk)  # the registrations the statistics need, as boligdesk demo makes them

        unlock = UnlockDialog(profile)
        unlock.passphrase.setText("forkert kodeord")
        unlock.show()
        settle(app)
        unlock._unlock()  # a wrong passphrase: the message is part of the screenshot
        settle(app)
        grab(unlock, out / "dialog_unlock_wrong.png")
        if unlock.store is not None:
            unlock.store.close()
        unlock.close()

        window = build_main_window(desk)
        window.resize(1366, 740)
        window.show()
        settle(app)
        grab(window, out / "main_sager.png")
        tour_shot(app, window, out)
        cases = window.cases_tab
        cases.search.setText("egeparken")
        settle(app)
        grab(window, out / "main_sager_search.png")
        cases.search.clear()
        settle(app)
        letter_batch_shots(app, window, cases, out)
        # The showcase case (budget, envelopes, an agreed plan), else a case with an agreed plan.
        with store.session() as s:
            case_id = (
                s.scalars(
                    select(Case.id).join(Case.tenant).where(Person.first_name == "Sanne").limit(1)
                ).first()
                or s.scalars(
                    select(RepaymentPlan.case_id).where(RepaymentPlan.status == PlanStatus.ACTIVE).limit(1)
                ).first()
            )
            number = s.get(Case, case_id).number if case_id else ""
        if case_id:
            add_cooperation(window.unlocked.desk, case_id)
            cases.open_case(case_id)
            settle(app)
            view = cases.case_view
            grab(window, out / "case_tabs.png")
            for index in range(view.tabs.count()):
                view.tabs.setCurrentIndex(index)
                settle(app)
                name = view.tabs.tabText(index).replace("&", "").lower().replace(" ", "_")
                grab(window, out / f"case_{index}_{name}.png")
        for index in range(1, window.tabs.count()):
            window.tabs.setCurrentIndex(index)
            settle(app)
            name = window.tabs.tabText(index).replace("&", "").lower()
            grab(window, out / f"main_{name}.png")
        window.tabs.setCurrentIndex(0)
        cases.show_list()
        if number:
            render_pdfs(store, case_id, number, out)

        def close_dialog() -> None:
            for w in app.topLevelWidgets():
                if isinstance(w, QDialog) and w.isVisible():
                    grab(w, out / f"dialog_{type(w).__name__}.png")
                    w.reject()

        QTimer.singleShot(300, close_dialog)
        window.cases_tab.new_case()
        for opener in (
            window.open_sync,
            window.open_conflicts,
            window.import_terminations,
            window.import_new_tenants,
            window.import_cases,
            window.open_estates,
            window.open_letterhead,
            window.change_passphrase,
            window.open_lock_settings,
            window.about,
            *(
                lambda module=module, cls=cls: window._open_dialog(module, cls)
                for module, cls in (
                    ("boligdesk.ui.rates.rates_dialog", "RatesDialog"),
                    ("boligdesk.ui.contacts.contacts_dialog", "ContactsDialog"),
                    ("boligdesk.ui.sync.team_dialog", "TeamDialog"),
                    ("boligdesk.ui.profile.advisers_dialog", "AdvisersDialog"),
                    ("boligdesk.ui.privacy.retention_dialog", "RetentionDialog"),
                    ("boligdesk.ui.privacy.audit_dialog", "AuditLogDialog"),
                )
            ),
        ):
            QTimer.singleShot(300, close_dialog)
            opener()
        statistics_shot(app, window, out)
        guide_shot(app, window, out)
        window.lock()
        settle(app, 20)
        grab(window, out / "main_locked.png")
        window.close()
        store.close()
    copy_guide_images(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
