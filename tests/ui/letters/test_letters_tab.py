"""The Breve tab: template filled from the case, live preview, print / save recorded, reopen, letterhead."""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from boligdesk.budget.vocabulary import AuditAction
from boligdesk.letters.letterhead import Letterhead, Sender
from boligdesk.models import AuditEvent, GeneratedLetter
from boligdesk.models.store import Store
from boligdesk.services.changes import Changes, Part
from boligdesk.services.desk import Desk
from boligdesk.services.letters import LetterService
from boligdesk.ui.context import AppContext
from boligdesk.ui.letters import letters_tab as tab_module
from boligdesk.ui.letters.letterhead_dialog import LetterheadDialog
from boligdesk.ui.letters.letters_tab import LettersTab
from boligdesk.ui.shared import printing
from tests.db.letters_samples import ADVISER, TODAY, add_budget, add_case, add_plan


def text_of(pdf: bytes) -> str:
    return re.sub(r"[\s\u00a0]+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))


@pytest.fixture
def ctx(qapp: QApplication, store: Store) -> AppContext:
    return AppContext(Desk(store, adviser_name=ADVISER, today=lambda: TODAY))


@pytest.fixture
def letters(store: Store) -> LetterService:
    return Desk(store, adviser_name=ADVISER, today=lambda: TODAY).letters


@pytest.fixture
def case_id(store: Store, letters: LetterService) -> str:
    case_id = add_case(store)
    add_plan(store, case_id)
    add_budget(store, case_id)
    letters.set_letterhead(Letterhead(organisation="Boligsocialt Team Eksempel"))
    letters.set_sender(Sender(ADVISER, "Socialrådgiver", "21 43 65 87"))
    return case_id


@pytest.fixture
def tab(qtbot: QtBot, ctx: AppContext, case_id: str) -> LettersTab:
    widget = LettersTab(ctx)
    qtbot.addWidget(widget)
    ctx.bus.caseSelected.emit(case_id)
    return widget


def letters_in_store(store: Store) -> list[GeneratedLetter]:
    with store.session() as s:
        return list(s.scalars(select(GeneratedLetter)))


def test_selecting_a_case_fills_the_letter_and_shows_the_preview(tab: LettersTab) -> None:
    tab.select_template("tilbud-om-raadgivning")
    assert tab.recipient.toPlainText() == "Mette Testesen\nOpdigtet Allé 12, 2. tv.\n2400 København NV"
    assert tab.body.toPlainText().startswith("Kære Mette")
    assert tab.document.pageCount() == 1
    assert "Sag 2026-0001 · Mette Testesen" in tab.case_label.text()
    # The case has an agreed plan: the offer of advice does not fit its stage, and the banner says so
    # before it is used (nothing is missing; printing it is refused, see the test below).
    assert not tab.missing_label.isHidden()
    assert tab.missing_label.text().startswith("Skabelonen passer ikke til sagens stadie")
    assert "Sagen mangler" not in tab.missing_label.text()
    tab.select_template("bekraeftelse-af-afdragsordning")
    assert tab.missing_label.isHidden()


def test_a_letter_for_another_stage_is_refused_when_printed_or_saved(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, tab: LettersTab, store: Store
) -> None:
    """The same rule as the batch: no offer of advice to a tenant with an agreed plan, with the reason."""
    asked: list[str] = []
    monkeypatch.setattr(
        printing.QFileDialog, "getSaveFileName", lambda *a, **k: asked.append("gem") or ("", "")
    )
    monkeypatch.setattr(tab_module, "print_pdf", lambda *a, **k: asked.append("udskriv") or False)
    tab.select_template("tilbud-om-raadgivning")
    assert not tab.print_button.isEnabled() and not tab.save_button.isEnabled()  # the banner says why
    tab.save_letter()  # reached anyway (a shortcut, a script): refused with the reason
    assert not tab.error.isHidden()
    assert "afdragsordning aftalt" in tab.error.text() and "vælg en anden skabelon" in tab.error.text()
    tab.print_letter()
    assert asked == [] and letters_in_store(store) == []  # no dialog was even opened
    tab.select_template("bekraeftelse-af-afdragsordning")
    assert tab.print_button.isEnabled() and tab.save_button.isEnabled()
    tab.save_letter()
    assert asked == ["gem"]


def test_the_agreement_has_no_address_field(tab: LettersTab) -> None:
    tab.select_template("afdragsaftale")
    assert tab.recipient.isHidden()
    assert "[[afdragsplan]]" in tab.body.toPlainText()
    assert tab.document.pageCount() == 2
    assert "I alt 12.345,50 kr." in text_of(tab.current_pdf())


def test_the_preview_follows_the_edited_text(qtbot: QtBot, tab: LettersTab) -> None:
    tab.select_template("besked-efter-besoeg")
    tab.body.moveCursor(tab.body.textCursor().MoveOperation.End)
    qtbot.keyClicks(tab.body, " Vi ses!")
    qtbot.waitUntil(lambda: "Vi ses!" in text_of(tab.current_pdf()), timeout=3000)


def test_a_bad_edit_is_explained_and_the_text_kept(qtbot: QtBot, tab: LettersTab) -> None:
    tab.select_template("besked-efter-besoeg")
    good = tab.current_pdf()
    tab.body.setPlainText(tab.body.toPlainText() + "\n[[tabellen]]\n")
    qtbot.waitUntil(lambda: not tab.error.isHidden(), timeout=3000)
    assert "[[tabellen]] er ikke en kendt blok" in tab.error.text()
    assert "[[tabellen]]" in tab.body.toPlainText()
    assert tab.current_pdf() == good


def test_save_as_pdf_writes_the_file_and_records_the_letter(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, tab: LettersTab, store: Store, case_id: str
) -> None:
    target = tmp_path / "ud" / "brev"
    monkeypatch.setattr(printing.QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    tab.select_template("bekraeftelse-af-afdragsordning")
    tab.save_letter()
    written = target.with_suffix(".pdf").read_bytes()
    [letter] = letters_in_store(store)
    assert letter.sha256 == hashlib.sha256(written).hexdigest()
    assert letter.case_id == case_id and letter.made_by == ADVISER
    assert tab.letters_model.rowCount() == 1
    with store.session() as s:
        events = s.scalars(select(AuditEvent).where(AuditEvent.entity_id == letter.id)).all()
    # The row's creation (flush hook) and the export event.
    assert sorted((e.entity, e.action) for e in events) == [
        ("generated_letter", AuditAction.CREATE),
        ("letter", AuditAction.EXPORT),
    ]


def test_a_cancelled_save_dialog_records_nothing(
    monkeypatch: pytest.MonkeyPatch, tab: LettersTab, store: Store
) -> None:
    monkeypatch.setattr(printing.QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    tab.select_template("bekraeftelse-af-afdragsordning")
    tab.save_letter()
    assert letters_in_store(store) == []
    assert tab.letters_model.rowCount() == 0


def test_print_records_the_letter_only_when_printed(
    monkeypatch: pytest.MonkeyPatch, tab: LettersTab, store: Store
) -> None:
    printed: list[bytes] = []
    answer = {"ok": False}

    def fake_print(make: Callable[[], bytes], _parent: object, **_kw: object) -> bool:
        if answer["ok"]:  # the print dialog was confirmed: the helper makes (and records) the letter
            printed.append(make())
        return answer["ok"]

    monkeypatch.setattr(tab_module, "print_pdf", fake_print)
    tab.select_template("afdragsaftale")
    tab.print_letter()  # the print dialog was cancelled
    assert letters_in_store(store) == []
    answer["ok"] = True
    seen: list[Changes] = []
    tab._ctx.bus.changed.connect(seen.append)
    tab.print_letter()
    [letter] = letters_in_store(store)
    assert letter.pdf == printed[-1]
    assert letter.template == "afdragsaftale"
    # One broadcast, and the tab's own list redrew from it.
    assert seen == [Changes.of(letter.case_id, Part.LETTERS)]
    assert tab.letters_model.rowCount() == 1


def test_ctrl_p_prints(monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, tab: LettersTab) -> None:
    calls: list[bytes] = []
    monkeypatch.setattr(tab_module, "print_pdf", lambda make, _parent, **_kw: calls.append(make) or False)
    tab.select_template("bekraeftelse-af-afdragsordning")
    with qtbot.waitActive(tab):
        tab.show()
        tab.activateWindow()
    tab.body.setFocus()
    qtbot.keyClick(tab.body, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert len(calls) == 1


def test_an_agreement_without_a_plan_explains_what_to_do(qtbot: QtBot, ctx: AppContext, store: Store) -> None:
    case_id = add_case(store, first_name="Uden", last_name="Plan")
    tab = LettersTab(ctx)
    qtbot.addWidget(tab)
    ctx.bus.caseSelected.emit(case_id)
    tab.select_template("afdragsaftale")
    assert "ingen aktiv afdragsordning" in tab.error.text()
    assert not tab.error.isHidden()
    assert not tab.print_button.isEnabled() and not tab.save_button.isEnabled()
    assert tab.current_pdf() == b""


def test_what_the_case_lacks_is_named_above_the_letter(qtbot: QtBot, ctx: AppContext, store: Store) -> None:
    case_id = add_case(store, first_name="Ny", last_name="Sag")
    tab = LettersTab(ctx)
    qtbot.addWidget(tab)
    ctx.bus.caseSelected.emit(case_id)
    tab.select_template("tilbud-om-raadgivning")
    assert not tab.missing_label.isHidden()
    assert "Dit telefonnummer" in tab.missing_label.text()
    assert "Brevhovedet er ikke sat op" in tab.missing_label.text()


def test_a_saved_letterhead_fills_the_letter_again_and_keeps_the_edits(
    qtbot: QtBot, ctx: AppContext, store: Store
) -> None:
    case_id = add_case(store, first_name="Ny", last_name="Sag")
    tab = LettersTab(ctx)
    qtbot.addWidget(tab)
    ctx.bus.caseSelected.emit(case_id)
    tab.select_template("tilbud-om-raadgivning")
    tab.subject.setText("Hjælp til din økonomi")
    assert "Brevhovedet er ikke sat op" in tab.missing_label.text()
    dialog = LetterheadDialog(ctx, tab)
    dialog.organisation.setText("Team Nord")
    dialog.sender_phone.setText("22 33 44 55")
    dialog.save()
    assert dialog.result() == LetterheadDialog.DialogCode.Accepted
    assert "Brevhovedet er ikke sat op" not in tab.missing_label.text()
    assert "Dit telefonnummer" not in tab.missing_label.text()
    assert tab.subject.text() == "Hjælp til din økonomi"
    assert "Team Nord" in text_of(tab.current_pdf()) and "22 33 44 55" in text_of(tab.current_pdf())


def test_a_letter_made_on_another_case_leaves_this_list_alone(
    tab: LettersTab, ctx: AppContext, store: Store, letters: LetterService, case_id: str
) -> None:
    other = add_case(store, first_name="Anden", last_name="Sag")
    made = letters.make(other, "tilbud-om-raadgivning")
    reloads: list[int] = []
    tab.letters_model.modelReset.connect(lambda: reloads.append(1))
    ctx.bus.changed.emit(made.changes)
    assert reloads == [] and tab.letters_model.rowCount() == 0
    ctx.bus.changed.emit(letters.make(case_id, "bekraeftelse-af-afdragsordning").changes)
    assert reloads == [1] and tab.letters_model.rowCount() == 1


def test_edits_survive_looking_at_another_template_and_reset_restores(tab: LettersTab) -> None:
    tab.select_template("tilbud-om-raadgivning")
    tab.subject.setText("Hjælp til din økonomi")
    tab.select_template("besked-efter-besoeg")
    tab.select_template("tilbud-om-raadgivning")
    assert tab.subject.text() == "Hjælp til din økonomi"
    tab.reset_text()
    assert tab.subject.text() == "Vi vil gerne hjælpe dig"


def test_an_earlier_letter_opens_again_exactly_and_reprints_without_a_new_record(
    monkeypatch: pytest.MonkeyPatch, tab: LettersTab, store: Store, letters: LetterService, case_id: str
) -> None:
    made = letters.make(case_id, "afdragsaftale")
    tab.reload_letters()
    printed: list[bytes] = []
    monkeypatch.setattr(tab_module, "print_pdf", lambda make, _parent, **_kw: printed.append(make()) or True)
    tab.letters_table.setCurrentIndex(tab.letters_proxy.index(0, 1))
    tab.reopen_selected()
    assert tab.current_pdf() == made.pdf
    assert not tab.shown_banner.isHidden()
    assert not tab.body.isEnabled()
    tab.print_letter()
    assert printed == [made.pdf]
    assert len(letters_in_store(store)) == 1
    with store.session() as s:
        actions = s.scalars(
            select(AuditEvent.action)
            .where(AuditEvent.entity == "letter", AuditEvent.entity_id == made.letter_id)
            .order_by(AuditEvent.at)
        ).all()
    assert actions == [AuditAction.PRINT, AuditAction.OPEN, AuditAction.PRINT]
    tab.close_shown_letter()
    assert tab.body.isEnabled() and tab.shown_banner.isHidden()


def test_no_case_selected_means_nothing_to_print(qtbot: QtBot, ctx: AppContext) -> None:
    tab = LettersTab(ctx)
    qtbot.addWidget(tab)
    assert "Ingen sag valgt" in tab.case_label.text()
    assert not tab.print_button.isEnabled()


def test_the_models_pass_the_model_tester(
    qtmodeltester: object, tab: LettersTab, letters: LetterService, case_id: str
) -> None:
    letters.make(case_id, "bekraeftelse-af-afdragsordning")
    letters.make(case_id, "afdragsaftale")
    tab.reload_letters()
    qtmodeltester.check(tab.letters_model)  # type: ignore[attr-defined]
    qtmodeltester.check(tab.letters_proxy)  # type: ignore[attr-defined]
    qtmodeltester.check(tab.template_model)  # type: ignore[attr-defined]


def test_the_template_list_is_keyboard_reachable_with_a_mnemonic(tab: LettersTab) -> None:
    labels = [w for w in tab.findChildren(type(tab.case_label)) if w.buddy() is tab.templates]
    assert labels and "&" in labels[0].text()
    assert tab.templates.model().rowCount() == 9
    assert tab.templates.currentIndex().isValid()
    assert tab.templates.focusPolicy() & Qt.FocusPolicy.TabFocus


# --- letterhead dialog -----------------------------------------------------------------------------
def _png(path: Path) -> Path:
    Image.new("RGB", (120, 40), (10, 80, 150)).save(path, "PNG")
    return path


def test_the_letterhead_dialog_saves_organisation_logo_and_sender(
    qtbot: QtBot, ctx: AppContext, store: Store, tmp_path: Path
) -> None:
    dialog = LetterheadDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.organisation.setText("Team Nord")
    dialog.address.setPlainText("Nordvej 3\n9000 Aalborg")
    dialog.phone.setText("98 76 54 32")
    dialog.sender_title.setText("Boligsocial rådgiver")
    dialog.sender_phone.setText("22 33 44 55")
    assert dialog.load_logo_file(_png(tmp_path / "logo.png"))
    dialog.save()
    assert dialog.result() == LetterheadDialog.DialogCode.Accepted
    saved = ctx.desk.letters.letterhead()
    assert (saved.organisation, saved.address_lines, saved.phone) == (
        "Team Nord",
        ["Nordvej 3", "9000 Aalborg"],
        "98 76 54 32",
    )
    assert saved.logo == (tmp_path / "logo.png").read_bytes()
    assert ctx.desk.letters.sender() == Sender(ADVISER, "Boligsocial rådgiver", "22 33 44 55", "")


def test_the_letterhead_dialog_keeps_input_and_says_what_is_wrong(
    qtbot: QtBot, ctx: AppContext, store: Store, tmp_path: Path
) -> None:
    dialog = LetterheadDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.phone.setText("98 76 54 32")
    bad = tmp_path / "logo.png"
    bad.write_bytes(b"not an image")
    assert not dialog.load_logo_file(bad)
    assert "PNG- eller JPEG" in dialog.logo_error.text()
    dialog.save()
    assert "organisationens navn" in dialog.organisation_error.text()
    assert dialog.result() != LetterheadDialog.DialogCode.Accepted
    assert dialog.phone.text() == "98 76 54 32"
    assert ctx.desk.letters.letterhead().is_empty


# --- printing ------------------------------------------------------------------------------------------
def test_printing_renders_every_page_on_the_letters_own_paper(
    qtbot: QtBot, tab: LettersTab, tmp_path: Path
) -> None:
    from PySide6.QtPrintSupport import QPrinter

    from boligdesk.ui.shared.printing import load_document, prepare_printer, render_to_printer

    for template, pages, size_mm in (("afdragsaftale", 2, (210, 297)), ("postkort-ny-lejer", 1, (148, 105))):
        tab.select_template(template)
        document, _buffer = load_document(tab.current_pdf(), tab)
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / f"{template}.pdf"))
        prepare_printer(printer, document)
        assert render_to_printer(tab.current_pdf(), printer, tab)
        printed = PdfReader(tmp_path / f"{template}.pdf")
        assert len(printed.pages) == pages
        box = printed.pages[0].mediabox
        assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == size_mm


def test_an_edited_letter_text_survives_a_crash_and_reset_forgets_it(
    qtbot: QtBot, ctx: AppContext, store: Store, tab: LettersTab, case_id: str
) -> None:
    tab.select_template("tilbud-om-raadgivning")
    tab.body.setFocus()
    tab.body.moveCursor(tab.body.textCursor().MoveOperation.End)
    qtbot.keyClicks(tab.body, " Ring til mig.")
    tab.subject.setText("Hjælp til din økonomi")
    edited_body = tab.body.toPlainText()
    qtbot.waitUntil(lambda: ctx.desk.drafts.pending() == 0, timeout=3000)  # written as the typing paused

    def restarted() -> LettersTab:
        # The program crashed: a new start on the same store, the same case and template.
        again = LettersTab(AppContext(Desk(store, adviser_name=ADVISER, today=lambda: TODAY)))
        qtbot.addWidget(again)
        again.set_case(case_id)
        again.select_template("tilbud-om-raadgivning")
        return again

    again = restarted()
    assert again.subject.text() == "Hjælp til din økonomi"
    assert again.body.toPlainText() == edited_body
    again.select_template("besked-efter-besoeg")  # other templates keep their own text
    assert again.subject.text() != "Hjælp til din økonomi"
    again.select_template("tilbud-om-raadgivning")
    again.reset_text()
    assert again.subject.text() == "Vi vil gerne hjælpe dig"
    assert restarted().subject.text() == "Vi vil gerne hjælpe dig"


def test_an_unedited_letter_leaves_no_draft(ctx: AppContext, tab: LettersTab, case_id: str) -> None:
    from boligdesk.services.drafts import DraftKey

    tab.select_template("tilbud-om-raadgivning")
    original = tab.subject.text()
    tab.subject.setText(original + " x")
    tab.subject.setText(original)  # typed back to the template's own text
    ctx.desk.drafts.flush()
    assert ctx.desk.drafts.load(DraftKey.letter(case_id, "tilbud-om-raadgivning")) == {}
