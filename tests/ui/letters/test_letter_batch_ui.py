"""The month's letters from the case list: select several cases, choose the template, write them in the
background, then save or print; cancelling records nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from boligdesk.budget.vocabulary import CasePhase
from boligdesk.letters.letterhead import Letterhead, Sender
from boligdesk.models import Case, ContactAttempt, GeneratedLetter
from boligdesk.models.store import Store
from boligdesk.services.changes import Changes, Part
from boligdesk.services.desk import Desk
from boligdesk.services.letter_batch import LetterBatchService
from boligdesk.services.progress import Progress
from boligdesk.ui.cases.cases_tab import CasesTab
from boligdesk.ui.context import AppContext
from boligdesk.ui.letters import letter_batch_dialog
from boligdesk.ui.letters.letter_batch_dialog import IMPORTED, PHASE, SELECTED, LetterBatchDialog
from tests.db.letters_samples import ADVISER, TODAY, add_case


@pytest.fixture
def ctx(qapp: QApplication, store: Store) -> AppContext:
    desk = Desk(store, adviser_name=ADVISER, today=lambda: TODAY)
    desk.letters.set_letterhead(Letterhead(organisation="Boligsocialt Team Eksempel", phone="70 10 20 30"))
    desk.letters.set_sender(Sender(name=ADVISER, title="Socialrådgiver", phone="21 43 65 87"))
    return AppContext(desk)


def counts(store: Store) -> tuple[int, int]:
    with store.session() as s:
        letters = s.scalar(select(func.count()).select_from(GeneratedLetter)) or 0
        attempts = s.scalar(select(func.count()).select_from(ContactAttempt)) or 0
    return letters, attempts


def tab_with_cases(qtbot: QtBot, ctx: AppContext, store: Store, n: int) -> tuple[CasesTab, list[str]]:
    case_ids = [add_case(store, first_name=f"Lejer{i}") for i in range(n)]
    tab = CasesTab(ctx)
    qtbot.addWidget(tab)
    return tab, case_ids


def select_rows(qtbot: QtBot, tab: CasesTab, case_ids: list[str]) -> None:
    """Click the first, Ctrl+click the others: extended selection, as the adviser does it."""
    for n, case_id in enumerate(case_ids):
        index = tab.model.index(tab.model.row_of(case_id), 0)
        flags = QItemSelectionModel.SelectionFlag.Rows | (
            QItemSelectionModel.SelectionFlag.Select
            if n
            else QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        tab.table.selectionModel().select(index, flags)


def test_three_selected_cases_get_a_letter_each_and_the_result_offers_save_and_print(
    qtbot: QtBot, ctx: AppContext, store: Store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    tab, case_ids = tab_with_cases(qtbot, ctx, store, 4)
    chosen = case_ids[:3]
    select_rows(qtbot, tab, chosen)
    assert set(tab.selected_case_ids()) == set(chosen)

    dialog = LetterBatchDialog(ctx, tab.selected_case_ids(), tab.model.all_rows(), tab)
    qtbot.addWidget(dialog)
    assert dialog.which() == SELECTED and set(dialog.case_ids()) == set(chosen)
    assert dialog.template_name() == "tilbud-om-raadgivning"  # the offer of advice by default
    assert "postkort-ny-lejer" not in [dialog.template.itemData(i) for i in range(dialog.template.count())]
    assert dialog.count.text() == "Der skrives 3 breve."

    seen: list[Changes] = []
    ctx.bus.changed.connect(seen.append)
    call = tab.start_letters(dialog.case_ids(), dialog.template_name())
    with qtbot.waitSignal(call.finished, timeout=30_000):
        pass
    qtbot.waitUntil(lambda: tab.letters_result is not None, timeout=5_000)
    assert counts(store) == (3, 3)
    assert len(seen) == 1 and all(seen[0].touches(c, Part.LETTERS) for c in chosen)
    assert not seen[0].touches(case_ids[3], Part.LETTERS)
    result = tab.letters_result
    assert result is not None
    assert result.summary.text().startswith("3 breve er skrevet")
    assert result.skipped.isHidden()

    saved: list[tuple[bytes, str]] = []
    monkeypatch.setattr(
        letter_batch_dialog, "save_pdf", lambda make, name, parent, **kw: saved.append((make(), name))
    )
    printed: list[bytes] = []
    monkeypatch.setattr(letter_batch_dialog, "print_pdf", lambda make, parent, **kw: printed.append(make()))
    qtbot.mouseClick(result.save_letters_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(result.save_addresses_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(result.print_addresses_button, Qt.MouseButton.LeftButton)
    assert saved == [
        (result.batch.pdf, f"breve-{TODAY.isoformat()}.pdf"),
        (result.batch.addresses_pdf, f"breve-{TODAY.isoformat()}-adresser.pdf"),
    ]
    assert printed == [result.batch.addresses_pdf]
    assert counts(store) == (3, 3)  # saving and printing record nothing more
    result.close()


def test_a_cancelled_batch_records_nothing(
    qtbot: QtBot, ctx: AppContext, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    tab, case_ids = tab_with_cases(qtbot, ctx, store, 3)
    make = LetterBatchService.make

    def press_cancel_while_saving(
        self: LetterBatchService, ids: list[str], template: str, progress: Progress
    ) -> object:
        report = progress._report

        def step(done: int, total: int, text: str) -> None:
            if report is not None:
                report(done, total, text)
            if done >= len(ids):  # "Annullér" pressed while the letters are being saved
                progress.cancel()

        progress._report = step
        return make(self, ids, template, progress)

    monkeypatch.setattr(LetterBatchService, "make", press_cancel_while_saving)
    seen: list[Changes] = []
    ctx.bus.changed.connect(seen.append)
    call = tab.start_letters(case_ids, "tilbud-om-raadgivning")
    with qtbot.waitSignal(call.finished, timeout=30_000):
        pass
    assert counts(store) == (0, 0)
    assert seen == [] and tab.letters_result is None
    assert {r.phase for r in ctx.desk.case_list.rows()} == {CasePhase.NEW}


def test_a_case_without_address_is_shown_as_skipped_with_its_reason(
    qtbot: QtBot, ctx: AppContext, store: Store
) -> None:
    tab, case_ids = tab_with_cases(qtbot, ctx, store, 2)
    with store.session() as s:  # an address lost (e.g. an imported row without one)
        case = s.get(Case, case_ids[1])
        assert case is not None and case.tenancy is not None
        case.tenancy.address_line = ""
    call = tab.start_letters(case_ids, "tilbud-om-raadgivning")
    with qtbot.waitSignal(call.finished, timeout=30_000):
        pass
    qtbot.waitUntil(lambda: tab.letters_result is not None, timeout=5_000)
    result = tab.letters_result
    assert result is not None and counts(store) == (1, 1)
    assert result.summary.text().startswith("1 brev er skrevet")
    assert not result.skipped.isHidden() and result.skipped.count() == 1
    assert "ingen adresse" in result.skipped.item(0).text()
    result.close()


def test_all_open_cases_in_a_phase_or_the_newest_import_can_be_chosen_instead(
    qtbot: QtBot, ctx: AppContext, store: Store
) -> None:
    tab, case_ids = tab_with_cases(qtbot, ctx, store, 3)
    ctx.desk.cases.set_field(case_ids[0], "phase", CasePhase.CONTACT)
    tab.reload()
    dialog = LetterBatchDialog(ctx, [], tab.model.all_rows(), tab)
    qtbot.addWidget(dialog)
    assert not dialog.selected_choice.isEnabled() and not dialog.imported_choice.isEnabled()
    assert dialog.which() == PHASE and dialog.phase.currentData() == CasePhase.NEW.value
    assert set(dialog.case_ids()) == set(case_ids[1:])
    dialog.phase.setCurrentIndex(dialog.phase.findData(CasePhase.CONTACT.value))
    assert dialog.case_ids() == [case_ids[0]] and dialog.count.text() == "Der skrives 1 brev."
    assert dialog.ok_button.isEnabled()
    dialog.phase.setCurrentIndex(dialog.phase.findData(CasePhase.REPAYMENT.value))
    assert dialog.case_ids() == [] and not dialog.ok_button.isEnabled()
    assert dialog.which() != IMPORTED
