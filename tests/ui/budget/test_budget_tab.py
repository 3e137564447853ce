"""The Budget tab: keyboard-only entry, instant totals, Danish messages, versions, receipts, envelopes."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from boligdesk.budget.money import Money
from boligdesk.budget.receipts import ReceiptData
from boligdesk.budget.vocabulary import MemberRole
from boligdesk.models.store import Store
from boligdesk.services.cases import NewCase, NewMember
from boligdesk.services.changes import Changes, Part
from boligdesk.services.desk import Desk
from boligdesk.ui.budget.budget_envelopes_table_model import SPENT, EnvelopesTableModel
from boligdesk.ui.budget.budget_lines_table_model import AMOUNT, NICE, BudgetLinesTableModel
from boligdesk.ui.budget.budget_receipts_table_model import ReceiptsTableModel, ReceiptSummaryTableModel
from boligdesk.ui.budget.budget_tab import BUDGET, NO_BUDGET, NO_CASE, BudgetTab
from boligdesk.ui.budget.envelopes_dialog import EnvelopesDialog
from boligdesk.ui.budget.receipts_dialog import ReceiptsDialog
from boligdesk.ui.context import AppContext
from boligdesk.ui.shared.desk_ops import run_write
from boligdesk.ui.shared.printing import PdfPreviewDialog, render_to_printer
from tests.cases import create_case

TODAY = dt.date(2026, 3, 2)


@pytest.fixture
def ctx(qapp: QApplication, store: Store) -> AppContext:
    return AppContext(Desk(store, adviser_name="Hanne Holm", today=lambda: TODAY))


def make_case(store: Store, first_name: str = "Testa") -> str:
    return create_case(
        store,
        NewCase(
            first_name=first_name,
            last_name="Opdigtetsen",
            address_line="Prøvevej 3",
            rent=Money.kr(5_800),
            members=(NewMember("Lille Test", MemberRole.CHILD, dt.date(2020, 5, 5)),),
        ),
        today=TODAY,
    )


@pytest.fixture
def case_id(store: Store) -> str:
    return make_case(store)


@pytest.fixture
def tab(qtbot: QtBot, ctx: AppContext) -> Iterator[BudgetTab]:
    widget = BudgetTab(ctx)
    qtbot.addWidget(widget)
    widget.resize(1366, 740)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    yield widget


def with_budget(ctx: AppContext, case_id: str) -> str:
    return ctx.desk.budget.create(case_id).id


def db_lines(ctx: AppContext, budget_id: str) -> list[tuple[str, str, Money, str | None]]:
    return [(ln.category, ln.text, ln.amount, ln.need) for ln in ctx.desk.budget.load(budget_id).lines]


def test_without_a_case_the_tab_says_so(tab: BudgetTab) -> None:
    assert tab.pages.currentIndex() == NO_CASE
    assert "Vælg en sag" in tab.pages.currentWidget().text()  # type: ignore[attr-defined]


def test_a_case_without_budget_offers_to_create_one_with_the_rent(
    tab: BudgetTab, ctx: AppContext, case_id: str, store: Store, qtbot: QtBot
) -> None:
    ctx.bus.caseSelected.emit(case_id)
    assert tab.pages.currentIndex() == NO_BUDGET
    assert "intet budget endnu" in tab.no_budget_label.text()
    qtbot.mouseClick(tab.create_button, Qt.MouseButton.LeftButton)
    assert tab.pages.currentIndex() == BUDGET
    assert tab.totals_panel.need.text() == "5.800,00 kr."
    assert tab.budget_id is not None
    assert ("rent", "Husleje", Money.kr(5_800), "need") in db_lines(ctx, tab.budget_id)


def test_entering_a_line_by_keyboard_only_saves_it_and_updates_the_totals(
    tab: BudgetTab, ctx: AppContext, case_id: str, store: Store, qtbot: QtBot
) -> None:
    budget_id = with_budget(ctx, case_id)
    ctx.bus.caseSelected.emit(case_id)
    entry = tab.entry
    entry.category.setFocus()
    qtbot.keyClicks(entry.category, "Tob")  # keyboard search in the category picker
    assert entry.category.currentData() == "tobacco"
    assert entry.nice.isChecked()  # tobacco is nice to have by default
    qtbot.keyClick(entry.category, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is entry.text
    qtbot.keyClicks(entry.text, "Cigaretter")
    qtbot.keyClick(entry.text, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is entry.amount
    qtbot.keyClicks(entry.amount, "1.200,50")
    qtbot.keyClick(entry.amount, Qt.Key.Key_Return)

    assert ("tobacco", "Cigaretter", Money.kr("1200.50"), "nice") in db_lines(ctx, budget_id)
    assert tab.totals_panel.nice.text() == "1.200,50 kr."
    # rådighedsbeløb: no income yet, rent 5.800 need, 1.200,50 nice → −7.000,50
    assert tab.totals_panel.disposable.text() == "-7.000,50 kr."
    assert entry.amount.text() == "" and entry.text.text() == ""
    assert QApplication.focusWidget() is entry.category
    # a weekly income line, also by keyboard: 2.000 a week → 2.000 × 52 / 12 = 8.666,67 a month
    qtbot.wait(QApplication.keyboardInputInterval() + 50)  # a new type-ahead search, as a person types
    qtbot.keyClicks(entry.category, "Kont")
    assert entry.category.currentData() == "cash_benefit"
    entry.amount.setFocus()
    qtbot.keyClicks(entry.amount, "2000")
    qtbot.keyClick(entry.amount, Qt.Key.Key_Tab)
    qtbot.keyClicks(entry.frequency, "U")  # Ugentlig
    qtbot.keyClick(entry.frequency, Qt.Key.Key_Return)
    assert tab.totals_panel.income.text() == "8.666,67 kr."
    row = tab.model.row_of(
        next(ln.id for ln in tab.model.rows() if ln.category == "cash_benefit" and ln.amount)
    )
    assert tab.model.index(row, 5).data() == "8.666,67"


def test_a_bad_amount_shows_a_danish_message_and_keeps_the_text(
    tab: BudgetTab, ctx: AppContext, case_id: str, store: Store, qtbot: QtBot
) -> None:
    budget_id = with_budget(ctx, case_id)
    ctx.bus.caseSelected.emit(case_id)
    before = db_lines(ctx, budget_id)
    tab.entry.amount.setFocus()
    qtbot.keyClicks(tab.entry.amount, "12,345")
    qtbot.keyClick(tab.entry.amount, Qt.Key.Key_Return)
    assert tab.entry.error.isVisible()
    assert "mere end to decimaler" in tab.entry.error.text()
    assert tab.entry.amount.text() == "12,345"
    assert QApplication.focusWidget() is tab.entry.amount
    assert db_lines(ctx, budget_id) == before


def test_editing_an_amount_in_the_table_saves_at_once_and_a_bad_one_is_kept_for_correction(
    tab: BudgetTab, ctx: AppContext, case_id: str, store: Store, qtbot: QtBot
) -> None:
    budget_id = with_budget(ctx, case_id)
    ctx.bus.caseSelected.emit(case_id)
    rent_row = next(i for i, ln in enumerate(tab.model.rows()) if ln.category == "rent")
    index = tab.model.index(rent_row, AMOUNT)
    tab.table.setFocus()
    tab.table.setCurrentIndex(index)
    qtbot.keyClick(tab.table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "6.100")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next turn of the event loop
    qtbot.waitUntil(lambda: tab.totals_panel.need.text() == "6.100,00 kr.")
    assert ("rent", "Husleje", Money.kr(6_100), "need") in db_lines(ctx, budget_id)

    tab.table.setCurrentIndex(index)
    qtbot.keyClick(tab.table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "seks tusind")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "er ikke et beløb" in tab.table_error.text())

    def reopened_with_text() -> None:
        widget = QApplication.focusWidget()
        assert isinstance(widget, QLineEdit) and widget.text() == "seks tusind"

    qtbot.waitUntil(reopened_with_text)
    assert ("rent", "Husleje", Money.kr(6_100), "need") in db_lines(ctx, budget_id)


def test_space_toggles_need_and_nice_and_the_totals_follow(
    tab: BudgetTab, ctx: AppContext, case_id: str, store: Store, qtbot: QtBot
) -> None:
    budget_id = with_budget(ctx, case_id)
    ctx.bus.caseSelected.emit(case_id)
    rent_row = next(i for i, ln in enumerate(tab.model.rows()) if ln.category == "rent")
    tab.table.setFocus()
    tab.table.setCurrentIndex(tab.model.index(rent_row, NICE))
    qtbot.keyClick(tab.table, Qt.Key.Key_Space)
    assert tab.totals_panel.nice.text() == "5.800,00 kr."
    assert tab.totals_panel.need.text() == "0,00 kr."
    assert ("rent", "Husleje", Money.kr(5_800), "nice") in db_lines(ctx, budget_id)


def test_new_version_is_a_copy_and_the_old_one_stays_readable_and_unchanged(
    tab: BudgetTab, ctx: AppContext, case_id: str, store: Store, qtbot: QtBot
) -> None:
    first = with_budget(ctx, case_id)
    ctx.bus.caseSelected.emit(case_id)
    qtbot.mouseClick(tab.new_version_button, Qt.MouseButton.LeftButton)
    assert tab.versions.count() == 2
    assert tab.budget_id != first
    assert "nyeste" in tab.versions.itemText(0)
    assert db_lines(ctx, str(tab.budget_id)) == db_lines(ctx, first)
    # change the new version, then look at the old one
    tab.entry.amount.setFocus()
    qtbot.keyClicks(tab.entry.amount, "3000")
    qtbot.keyClick(tab.entry.amount, Qt.Key.Key_Return)
    assert len(db_lines(ctx, str(tab.budget_id))) == len(db_lines(ctx, first)) + 1
    tab.versions.setCurrentIndex(1)
    tab.versions.activated.emit(1)
    assert tab.budget_id == first
    assert tab.read_only and not tab.entry.isEnabled()
    assert tab.version_note.isVisible()
    assert not (tab.model.flags(tab.model.index(0, AMOUNT)) & Qt.ItemFlag.ItemIsEditable)


def test_deleting_the_selected_line_asks_first(
    tab: BudgetTab, ctx: AppContext, case_id: str, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    budget_id = with_budget(ctx, case_id)
    ctx.bus.caseSelected.emit(case_id)
    rent_row = next(i for i, ln in enumerate(tab.model.rows()) if ln.category == "rent")
    tab.table.setCurrentIndex(tab.model.index(rent_row, 0))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    tab.delete_selected_line()
    assert any(c == "rent" for c, *_ in db_lines(ctx, budget_id))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    tab.delete_selected_line()
    assert not any(c == "rent" for c, *_ in db_lines(ctx, budget_id))
    assert tab.totals_panel.need.text() == "0,00 kr."


def test_warnings_and_the_norm_are_shown_with_year(
    tab: BudgetTab, ctx: AppContext, case_id: str, store: Store
) -> None:
    with_budget(ctx, case_id)
    ctx.bus.caseSelected.emit(case_id)
    # 1 adult + child aged 5 on 2.3.2026: 7.240 + 2.520 = 9.760
    assert tab.totals_panel.norm.text() == "9.760,00 kr."
    assert "2024" in tab.totals_panel.norm_title.text()
    assert "borger.dk" in tab.totals_panel.norm_source.text()
    assert "Der er ingen indtægter i budgettet" in tab.warnings.text()
    assert "børne- og ungeydelse" in tab.warnings.text()


def test_table_models_pass_the_model_tester(
    qtmodeltester: object, tab: BudgetTab, ctx: AppContext, case_id: str, store: Store
) -> None:
    with_budget(ctx, case_id)
    ctx.bus.caseSelected.emit(case_id)
    qtmodeltester.check(tab.model)  # type: ignore[attr-defined]
    qtmodeltester.check(BudgetLinesTableModel())  # type: ignore[attr-defined]


def test_receipts_dialog_keyboard_entry_totals_and_transfer(
    qtbot: QtBot, qtmodeltester: object, ctx: AppContext, case_id: str, store: Store
) -> None:
    budget_id = with_budget(ctx, case_id)
    dialog = ReceiptsDialog(ctx, case_id, budget_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    dialog.amount.setFocus()
    for amount, category, nice in (("412,50", "Mad", False), ("800", "Mad", True), ("60", "Tob", True)):
        qtbot.wait(QApplication.keyboardInputInterval() + 50)  # a fresh type-ahead search per receipt
        assert QApplication.focusWidget() is dialog.amount
        qtbot.keyClicks(dialog.amount, amount)
        qtbot.keyClick(dialog.amount, Qt.Key.Key_Tab)
        qtbot.keyClicks(dialog.category, category)
        qtbot.keyClick(dialog.category, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is dialog.nice
        if nice:
            qtbot.keyClick(dialog.nice, Qt.Key.Key_Space)
        qtbot.keyClick(dialog.nice, Qt.Key.Key_Return)
    assert dialog.model.rowCount() == 3
    assert dialog.totals.text() == (
        "3 kvitteringer: 1.272,50 kr. — need to have 412,50 kr., nice to have 860,00 kr."
    )
    food = dialog.summary_model.row_at(0)
    assert (food.category, food.need, food.nice) == ("food", Money.kr("412.50"), Money.kr(800))
    dialog.amount.setFocus()
    qtbot.keyClicks(dialog.amount, "abc")
    qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
    assert "er ikke et beløb" in dialog.error.text()
    assert dialog.amount.text() == "abc"
    qtmodeltester.check(dialog.model)  # type: ignore[attr-defined]
    qtmodeltester.check(dialog.summary_model)  # type: ignore[attr-defined]
    qtmodeltester.check(ReceiptsTableModel())  # type: ignore[attr-defined]
    qtmodeltester.check(ReceiptSummaryTableModel())  # type: ignore[attr-defined]

    before = len(db_lines(ctx, budget_id))
    dialog.transfer()
    assert dialog.lines_added
    assert len(db_lines(ctx, budget_id)) == before + 3


def test_envelopes_dialog_plans_saves_and_carries_spending_over(
    qtbot: QtBot, qtmodeltester: object, ctx: AppContext, case_id: str, store: Store
) -> None:
    budget_id = with_budget(ctx, case_id)
    food = next(ln for ln in ctx.desk.budget.load(budget_id).lines if ln.category == "food")
    ctx.desk.budget.save_line(dataclasses.replace(food, amount=Money.kr(4_000)))
    dialog = EnvelopesDialog(ctx, budget_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert "4.000,00 kr." in dialog.money_label.text()
    # Pay day 1.2.2026, 28 days: four envelopes of 1.000 kr.
    dialog.pay_day.setText("01.02.2026")
    dialog.pay_day.editingFinished.emit()
    dialog.start_on.setText("01.02.2026")
    dialog.start_on.editingFinished.emit()
    assert dialog.plan_id is not None
    amounts = [s.envelope.amount for s in dialog.model.rows()]
    assert amounts == [Money.kr(1_000)] * 4
    # a start outside the period is refused with the reason, the text kept
    dialog.start_on.setText("10.02.2026")
    dialog.start_on.editingFinished.emit()
    assert "Startdatoen skal ligge mellem" in dialog.settings_error.text()
    assert dialog.start_on.text() == "10.02.2026"
    dialog.start_on.setText("01.02.2026")
    dialog.start_on.editingFinished.emit()
    # spent 870 from week 1 → 130 carried into week 2
    model: EnvelopesTableModel = dialog.model
    model.setData(model.index(0, SPENT), "870")
    assert model.rows()[1].carried_in == Money.kr(130)
    assert model.index(1, 4).data() == "+130,00 kr."
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    plan = ctx.desk.envelopes.latest(case_id)
    assert plan is not None and plan.statuses[0].spent == Money.kr(870)


def test_preview_shows_the_pdf_and_printing_renders_every_page(
    qtbot: QtBot, ctx: AppContext, case_id: str, store: Store, tmp_path: object
) -> None:
    budget_id = with_budget(ctx, case_id)
    data = ctx.desk.budget_print.budget_pdf(budget_id, record=False).pdf
    dialog = PdfPreviewDialog(data, "Budget — forhåndsvisning", "budget.pdf", lambda: data)
    qtbot.addWidget(dialog)
    assert dialog.document.pageCount() == len(PdfReader(io.BytesIO(data)).pages)
    assert dialog.print_button.text() == "&Udskriv…"

    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = Path(str(tmp_path)) / "printed.pdf"
    printer.setOutputFileName(str(out))
    assert render_to_printer(data, printer, dialog)
    assert len(PdfReader(out).pages) == dialog.document.pageCount()


def test_a_budget_write_redraws_the_tab_of_its_case_but_not_a_tab_of_another_case(
    qtbot: QtBot, ctx: AppContext, case_id: str, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    other_case = make_case(store, "Anden")
    budget_id = with_budget(ctx, case_id)
    with_budget(ctx, other_case)
    this_tab, other_tab = BudgetTab(ctx), BudgetTab(ctx)
    for widget in (this_tab, other_tab):
        qtbot.addWidget(widget)
    this_tab.set_case(case_id)
    other_tab.set_case(other_case)
    redrawn: list[BudgetTab] = []
    for widget in (this_tab, other_tab):
        original = widget.reload
        monkeypatch.setattr(widget, "reload", lambda w=widget, o=original: (redrawn.append(w), o())[1])

    salary = next(ln for ln in ctx.desk.budget.load(budget_id).lines if ln.category == "salary")
    changes = run_write(
        None, ctx, lambda: ctx.desk.budget.save_line(dataclasses.replace(salary, amount=Money.kr(12_000)))
    )
    assert changes == Changes.of(case_id, Part.BUDGET)
    assert redrawn == [this_tab]
    assert this_tab.totals_panel.income.text() == "12.000,00 kr."
    assert other_tab.totals_panel.income.text() == "0,00 kr."

    # a change to a part the tab does not show (a letter printed) redraws nothing
    redrawn.clear()
    ctx.bus.changed.emit(Changes.of(case_id, Part.LETTERS))
    assert redrawn == []
    # the household is shown (norm, warnings): a change to it redraws
    ctx.bus.changed.emit(Changes.of(case_id, Part.HOUSEHOLD))
    assert redrawn == [this_tab]


def test_a_redraw_after_an_edit_keeps_the_current_cell(
    tab: BudgetTab, ctx: AppContext, case_id: str, qtbot: QtBot
) -> None:
    with_budget(ctx, case_id)
    ctx.bus.caseSelected.emit(case_id)
    rent_row = next(i for i, ln in enumerate(tab.model.rows()) if ln.category == "rent")
    tab.table.setFocus()
    tab.table.setCurrentIndex(tab.model.index(rent_row, NICE))
    qtbot.keyClick(tab.table, Qt.Key.Key_Space)
    assert tab.totals_panel.nice.text() == "5.800,00 kr."
    assert (tab.table.currentIndex().row(), tab.table.currentIndex().column()) == (rent_row, NICE)
    # a line carried in from the receipts refills the table; the cell stays on the rent line
    line_count = tab.model.rowCount()
    dialog = ReceiptsDialog(ctx, case_id, tab.budget_id)
    qtbot.addWidget(dialog)
    run_write(None, ctx, lambda: ctx.desk.receipts.add(case_id, ReceiptData(Money.kr(300), "clothes")))
    assert dialog.model.rowCount() == 1  # the dialog redrew from the broadcast
    dialog.transfer()
    assert dialog.lines_added
    assert tab.model.rowCount() == line_count + 1
    current = tab.table.currentIndex()
    assert tab.model.row_at(current.row()).category == "rent" and current.column() == NICE


def test_warnings_are_marked_with_signs_not_a_bare_question_mark() -> None:
    from boligdesk.budget.warnings import CHECK, PROBLEM, BudgetWarning
    from boligdesk.ui.budget.budget_tab import warnings_html

    shown = warnings_html(
        [
            BudgetWarning("a", PROBLEM, "Udgifterne er større end indtægterne."),
            BudgetWarning("b", CHECK, "Tjek mad"),
        ]
    )
    assert "⚠ Udgifterne" in shown and "ℹ Tjek mad" in shown
    assert "? " not in shown


def test_the_need_column_says_need_to_have_or_nice_to_have_in_full(qapp: QApplication) -> None:
    from boligdesk.budget.lines import LineData

    model = BudgetLinesTableModel()
    rent = LineData("expense", "rent", "Husleje", Money.kr(6200), need="need")
    model.set_rows([rent, dataclasses.replace(rent, need="nice")])
    assert [model.index(r, NICE).data() for r in (0, 1)] == ["Need to have", "Nice to have"]


def test_a_new_envelope_plan_offers_the_current_pay_period(
    qtbot: QtBot, ctx: AppContext, case_id: str
) -> None:
    dialog = EnvelopesDialog(ctx, with_budget(ctx, case_id))
    qtbot.addWidget(dialog)
    # Today is Monday 2 March 2026: the household lives on the money paid Friday 27 February (the month's
    # last bank day), not on the pay day still to come at the end of March.
    assert dialog.pay_day.text() == "27.02.2026"


def test_need_to_have_fits_its_column_uncut(tab: BudgetTab) -> None:
    width = tab.table.horizontalHeader().sectionSize(NICE)
    assert width >= tab.table.fontMetrics().horizontalAdvance("Need to have") + 36  # check box and margins


def test_the_envelope_split_has_a_help_button_that_opens_its_worked_example(
    qtbot: QtBot, ctx: AppContext, case_id: str
) -> None:
    from PySide6.QtWidgets import QToolButton

    from boligdesk.ui.guide import guide_window

    dialog = EnvelopesDialog(ctx, with_budget(ctx, case_id))
    qtbot.addWidget(dialog)
    button = dialog.findChild(QToolButton, "help_envelope_split")
    assert button is not None and button.text() == "?"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    guide = guide_window._window
    assert guide is not None and "Eksempel" in guide.browser.toPlainText()
    guide.close()
