"""The Sager tab: the list model, search as you type, filters, and creating a case."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from boligdesk.budget.money import Money
from boligdesk.budget.vocabulary import CaseKind
from boligdesk.models import Case
from boligdesk.models.store import Store
from boligdesk.services.cases import NewCase
from boligdesk.services.changes import Changes, Part
from boligdesk.services.desk import Desk
from boligdesk.ui.cases.case_list_table_model import CaseListTableModel
from boligdesk.ui.cases.cases_tab import CasesTab
from boligdesk.ui.cases.new_case_dialog import NewCaseDialog
from boligdesk.ui.context import AppContext
from tests.cases import create_case

TODAY = dt.date(2026, 11, 24)


@pytest.fixture
def ctx(qapp: QApplication, store: Store) -> AppContext:
    return AppContext(Desk(store, adviser_name="Hanne Holm", today=lambda: TODAY))


def _add(store: Store, first: str, last: str, address: str, **kw: object) -> str:
    return create_case(
        store, NewCase(first_name=first, last_name=last, address_line=address, **kw), today=TODAY
    )  # type: ignore[arg-type]


def test_case_list_model_passes_the_model_tester(
    qtmodeltester: object, ctx: AppContext, store: Store
) -> None:
    _add(store, "Ib", "Testesen", "Prøvevej 1")
    _add(store, "Åse", "Øbro", "Ærøgade 2", arrears=Money(500_000))
    tab = CasesTab(ctx)
    qtmodeltester.check(tab.model)  # type: ignore[attr-defined]
    tab.search.setText("ærø")
    tab.apply_filter()
    qtmodeltester.check(tab.model)  # type: ignore[attr-defined]


def test_search_as_you_type_matches_name_address_and_number(
    qtbot: QtBot, ctx: AppContext, store: Store
) -> None:
    _add(store, "Ib", "Testesen", "Prøvevej 1", tenancy_number="101-0001", phone="20 30 40 50")
    _add(store, "Åse", "Øbro", "Ærøgade 2")
    tab = CasesTab(ctx)
    qtbot.addWidget(tab)
    assert tab.model.rowCount() == 2

    def shown() -> list[str]:
        return [tab.model.index(r, 1).data() for r in range(tab.model.rowCount())]

    qtbot.keyClicks(tab.search, "ærø")
    qtbot.waitUntil(lambda: shown() == ["Åse Øbro"])
    tab.search.clear()
    qtbot.waitUntil(lambda: len(shown()) == 2)
    qtbot.keyClicks(tab.search, "20304050")  # the phone number typed without spaces
    qtbot.waitUntil(lambda: shown() == ["Ib Testesen"])
    tab.search.clear()
    qtbot.keyClicks(tab.search, "101-0001")
    qtbot.waitUntil(lambda: shown() == ["Ib Testesen"])
    tab.search.setText("2026-0002")
    qtbot.waitUntil(lambda: shown() == ["Åse Øbro"])
    assert tab.count_label.text() == "Viser 1 af 2 sager"


def test_filters_for_kind_mine_closed_and_urgent(qtbot: QtBot, ctx: AppContext, store: Store) -> None:
    ctx.desk.advisers.set_current("Hanne Holm")
    adviser_id = ctx.desk.adviser_id
    urgent_id = _add(store, "Ib", "Testesen", "Prøvevej 1", reminder_sent_on=dt.date(2026, 11, 20))
    _add(store, "Åse", "Øbro", "Ærøgade 2", kind=CaseKind.NEW_TENANT)
    with store.session() as s:
        case = s.get(Case, urgent_id)
        assert case is not None
        case.adviser_id = adviser_id
    tab = CasesTab(ctx)
    qtbot.addWidget(tab)
    tab.kind.setCurrentIndex(tab.kind.findData(CaseKind.NEW_TENANT.value))
    assert tab.model.rowCount() == 1 and tab.model.index(0, 1).data() == "Åse Øbro"
    tab.kind.setCurrentIndex(0)
    tab.mine.setCurrentIndex(tab.mine.findData("mine"))
    assert tab.model.rowCount() == 1 and tab.model.index(0, 1).data() == "Ib Testesen"
    tab.mine.setCurrentIndex(0)
    # Påkrav sent 20.11.2026 → deadline 04.12.2026, 10 days away: not urgent yet on 24.11.
    tab.urgent.setChecked(True)
    assert tab.model.rowCount() == 0
    ctx.desk.clock = lambda: dt.date(2026, 11, 28)
    tab.apply_filter()
    assert tab.model.rowCount() == 1
    assert tab.model.index(0, 7).data() == "04.12.2026 · Påkravsfrist udløber"


def test_new_case_dialog_keeps_input_and_explains_a_bad_amount(
    qtbot: QtBot, ctx: AppContext, store: Store
) -> None:
    dialog = NewCaseDialog(ctx)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.first_name, "Ib")
    qtbot.keyClicks(dialog.address_line, "Prøvevej 1")
    qtbot.keyClicks(dialog.arrears, "12.345,678")
    dialog._save()
    assert (
        dialog.error.text()
        == "»12.345,678« har mere end to decimaler. Et beløb angives i kroner og øre, fx 99,95."
    )
    assert dialog.first_name.text() == "Ib" and dialog.arrears.text() == "12.345,678"
    assert dialog.created_case_id is None
    dialog.arrears.setText("12.345,67")
    qtbot.keyClicks(dialog.termination_on, "30.02.2026")
    dialog._save()
    assert dialog.error.text() == "Datoen »30.02.2026« findes ikke. Tjek dag og måned."
    dialog.termination_on.setText("02.11.2026")
    dialog._save()
    assert dialog.created_case_id is not None
    with store.session() as s:
        case = s.get(Case, dialog.created_case_id)
        assert case is not None
        assert case.arrears == Money(1_234_567)
        assert case.termination_on == dt.date(2026, 11, 2)


def test_new_case_dialog_refuses_what_the_tenant_page_refuses(qtbot: QtBot, ctx: AppContext) -> None:
    dialog = NewCaseDialog(ctx)
    qtbot.addWidget(dialog)
    heard: list[object] = []
    ctx.bus.changed.connect(heard.append)
    qtbot.keyClicks(dialog.first_name, "Ib")
    qtbot.keyClicks(dialog.address_line, "Prøvevej 1")
    qtbot.keyClicks(dialog.phone, "abc")
    dialog._save()
    assert dialog.error.text() == "»abc« er ikke et telefonnummer. Skriv 8 cifre, fx 12 34 56 78."
    assert dialog.phone.selectedText() == "abc"  # the refused field is selected for retyping
    assert dialog.created_case_id is None and heard == []
    dialog.phone.setText("12 34 56 78")
    qtbot.keyClicks(dialog.rent, "1.000.000")
    dialog._save()
    assert dialog.error.text() == "En husleje på 1.000.000,00 kr. om måneden er usandsynlig. Tjek beløbet."
    dialog.rent.setText("6.500")
    dialog._save()
    assert dialog.created_case_id is not None
    assert len(heard) == 1


def test_new_case_from_the_tab_appears_and_opens(qtbot: QtBot, ctx: AppContext) -> None:
    tab = CasesTab(ctx)
    qtbot.addWidget(tab)
    selected: list[str] = []
    ctx.bus.caseSelected.connect(selected.append)

    def fill_and_accept() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, NewCaseDialog))
        dialog.first_name.setText("Gry")
        dialog.last_name.setText("Fiktiv")
        dialog.address_line.setText("Opdigtet Allé 3")
        dialog.rent.setText("6.500")
        dialog._save()

    QTimer.singleShot(0, fill_and_accept)
    case_id = tab.new_case()
    assert case_id is not None
    assert tab.model.rowCount() == 1
    assert tab.model.index(0, 1).data() == "Gry Fiktiv"
    assert selected[-1] == case_id
    assert tab.showing_case()


def test_model_can_be_built_without_a_store() -> None:
    model = CaseListTableModel(lambda: TODAY)
    assert model.rowCount() == 0 and model.columnCount() == 9


def test_the_list_redraws_what_a_broadcast_change_concerns(
    qtbot: QtBot, ctx: AppContext, store: Store
) -> None:
    case_id = _add(store, "Ib", "Testesen", "Prøvevej 1")
    tab = CasesTab(ctx)
    qtbot.addWidget(tab)
    reloads: list[str] = []
    original = tab.reload
    tab.reload = lambda: (reloads.append("reload"), original())[1]  # type: ignore[method-assign]

    # A new estate: the estate filter offers it at once.
    association = ctx.desk.estates.add_association("Boligselskabet Test")
    created = ctx.desk.estates.save_estate(
        estate_id=None,
        association_id=association.id,
        number="12",
        name="Testparken",
        max_plan_months=12,
        phone_plan_max_months=6,
    )
    ctx.bus.changed.emit(created.changes)
    assert tab.estate.findData(created.id) > 0
    assert reloads == ["reload"]

    # The letterhead (settings) or a letter is not shown in the list: nothing is reloaded.
    ctx.bus.changed.emit(Changes.of(None, Part.SETTINGS))
    ctx.bus.changed.emit(Changes.of(case_id, Part.LETTERS))
    assert reloads == ["reload"]

    # A change to one case's tenant redraws that row only.
    ctx.bus.changed.emit(ctx.desk.tenant.set_field(case_id, "first_name", "Ivan"))
    assert reloads == ["reload"]
    assert tab.model.index(0, 1).data() == "Ivan Testesen"

    # Anything may have changed (an import, a sync): the whole list is read again.
    ctx.bus.changed.emit(Changes.all())
    assert reloads == ["reload", "reload"]


# --- keyboard from the search field, and Esc on a filled-in new case ----------------------------------
def test_down_arrow_from_search_reaches_the_results_and_enter_opens_one(
    qtbot: QtBot, ctx: AppContext, store: Store
) -> None:
    _add(store, "Ib", "Testesen", "Prøvevej 1")
    second = _add(store, "Åse", "Øbro", "Ærøgade 2")
    tab = CasesTab(ctx)
    qtbot.addWidget(tab)
    tab.show()
    tab.focus_search()
    qtbot.keyClicks(tab.search, "Øbro")
    qtbot.keyClick(tab.search, Qt.Key.Key_Down)
    assert tab.focusWidget() is tab.table
    assert tab.selected_case_id() == second
    assert not tab.showing_case()
    tab.focus_search()
    qtbot.keyClick(tab.search, Qt.Key.Key_Return)  # Enter in the search field opens the match
    assert tab.showing_case()
    assert tab.case_view.case_id == second


def test_enter_in_search_without_results_opens_nothing(qtbot: QtBot, ctx: AppContext, store: Store) -> None:
    _add(store, "Ib", "Testesen", "Prøvevej 1")
    tab = CasesTab(ctx)
    qtbot.addWidget(tab)
    tab.show()
    tab.focus_search()
    qtbot.keyClicks(tab.search, "findes ikke")
    qtbot.keyClick(tab.search, Qt.Key.Key_Return)
    qtbot.keyClick(tab.search, Qt.Key.Key_Down)
    assert not tab.showing_case()
    assert tab.focusWidget() is tab.search


def _answer_next_box(button_text: str, seen: list[str]) -> None:
    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        for button in box.buttons():
            if button.text().replace("&", "") == button_text:
                button.click()
                return
        raise AssertionError(f"no button {button_text!r}")

    QTimer.singleShot(0, answer)


def test_esc_on_a_filled_in_new_case_asks_first(qtbot: QtBot, ctx: AppContext) -> None:
    dialog = NewCaseDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.first_name, "Ib")
    seen: list[str] = []
    _answer_next_box("Fortsæt med sagen", seen)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert len(seen) == 1 and "uden at oprette sagen" in seen[0]
    assert dialog.isVisible() and dialog.first_name.text() == "Ib"
    _answer_next_box("Luk uden at gemme", seen)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert len(seen) == 2
    assert not dialog.isVisible()
    assert dialog.result() == NewCaseDialog.DialogCode.Rejected


def test_esc_on_an_empty_new_case_closes_without_asking(qtbot: QtBot, ctx: AppContext) -> None:
    dialog = NewCaseDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.filled_in()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # a question box here would block the test
    assert not dialog.isVisible()
