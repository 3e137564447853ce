"""Screenshots of BoligDesk's screens on an invented demo profile: ``python scripts/screenshots.py OUTDIR``.

Run under Xvfb (``make screenshots``) or with QT_QPA_PLATFORM=offscreen. Saves one PNG per tab and
dialog, at a 1366×768 laptop's window size, so a person can look at them.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
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
from boligdesk.models import Case, RepaymentPlan
from boligdesk.models.store import Profile, Store, create_profile
from boligdesk.services.demo import ADVISERS, populate
from boligdesk.services.desk import Desk
from boligdesk.ui.cases.cases_tab import CasesTab
from boligdesk.ui.letters.letter_batch_dialog import LetterBatchDialog
from boligdesk.ui.profile.unlock_dialogs import FirstRunDialog, UnlockDialog


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
    settle(app, 20)
    grab(stats, out / "window_statistik_overblik.png")
    stats.close()


#: The screens the guide (resources/guide/*.html) shows, copied scaled to resources/guide/img/.
GUIDE_IMAGES = (
    "dialog_first_run.png",
    "dialog_unlock_wrong.png",
    "main_sager.png",
    "main_budget.png",
    "main_afdragsordning.png",
    "dialog_letter_batch.png",
    "window_statistik.png",
)
GUIDE_IMAGE_WIDTH = 900


def copy_guide_images(out: Path, guide_img: Path = Path("resources/guide/img")) -> None:
    """Copy the guide's screens, scaled down to at most 900 px wide, next to the guide."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage

    guide_img.mkdir(parents=True, exist_ok=True)
    for name in GUIDE_IMAGES:
        image = QImage(str(out / name))
        if image.isNull():
            raise SystemExit(f"the guide uses {name}, which this script did not make")
        if image.width() > GUIDE_IMAGE_WIDTH:
            image = image.scaledToWidth(GUIDE_IMAGE_WIDTH, Qt.TransformationMode.SmoothTransformation)
        image.save(str(guide_img / name), "PNG", 9)


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "out/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
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
        populate(store, 200, today=dt.date.today())

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
        cases = window.cases_tab
        cases.search.setText("egeparken")
        settle(app)
        grab(window, out / "main_sager_search.png")
        cases.search.clear()
        settle(app)
        letter_batch_shots(app, window, cases, out)
        # A case with a budget and an agreed plan: the richest one to look at.
        with store.session() as s:
            case_id = s.scalars(
                select(RepaymentPlan.case_id).where(RepaymentPlan.status == PlanStatus.ACTIVE).limit(1)
            ).first()
            number = s.get(Case, case_id).number if case_id else ""
        if case_id:
            cases.open_case(case_id)
            settle(app)
            view = cases.case_view
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
        window.lock()
        settle(app, 20)
        grab(window, out / "main_locked.png")
        window.close()
        store.close()
    copy_guide_images(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
