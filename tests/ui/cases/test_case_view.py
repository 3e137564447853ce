"""The case view, driven by keyboard and mouse like an adviser on a home visit (invented data)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from boligdesk.budget.money import Money
from boligdesk.budget.vocabulary import (
    CaseKind,
    Cause,
    ChecklistAnswer,
    ChecklistItem,
    CodeCategory,
    ContactChannel,
    ContactResult,
    MemberRole,
    Outcome,
    Trigger,
)
from boligdesk.models.store import Profile, Store, open_store
from boligdesk.services.case_read import CaseDetails
from boligdesk.services.cases import NewCase, NewMember
from boligdesk.services.changes import Changes, Part
from boligdesk.services.desk import Desk
from boligdesk.ui.cases.case_advice_page import CaseAdvicePage
from boligdesk.ui.cases.case_closing_page import CaseClosingPage
from boligdesk.ui.cases.case_contact_page import CaseContactPage
from boligdesk.ui.cases.case_journal_page import CaseJournalPage
from boligdesk.ui.cases.case_registration_page import CaseRegistrationPage
from boligdesk.ui.cases.case_tenancy_page import CaseTenancyPage
from boligdesk.ui.cases.case_tenant_page import CaseTenantPage
from boligdesk.ui.cases.case_timeline_page import CaseTimelinePage
from boligdesk.ui.cases.case_view import CaseView
from boligdesk.ui.context import AppContext
from boligdesk.ui.shared.table_model import ID_ROLE
from tests.cases import create_case
from tests.conftest import TEST_PASSPHRASE

TODAY = dt.date(2026, 3, 10)


def new_case(store: Store, first: str = "Mette") -> str:
    data = NewCase(
        first_name=first,
        last_name="Testesen",
        address_line="Engparken 12, st. tv.",
        postcode="2400",
        city="København NV",
        phone="12 34 56 78",
        rent=Money.kr(6500),
        arrears=Money.kr(13000),
        birth_date=dt.date(1985, 6, 1),
        members=(NewMember("Mathias", MemberRole.CHILD, dt.date(2009, 3, 3)),),
    )
    return create_case(store, data, today=TODAY, actor="Rikke")


@pytest.fixture
def ctx(store: Store) -> AppContext:
    return AppContext(Desk(store, adviser_name="Rikke Rådgiver", today=lambda: TODAY))


@pytest.fixture
def view(qtbot: QtBot, ctx: AppContext) -> Iterator[CaseView]:
    widget = CaseView(ctx)
    qtbot.addWidget(widget)
    widget.resize(780, 640)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget


def details(store: Store, case_id: str) -> CaseDetails:
    result = Desk(store, adviser_name="Rikke", today=lambda: TODAY).case_view.details(case_id)
    assert result is not None
    return result


def type_into(qtbot: QtBot, edit: QLineEdit, text: str, finish: Qt.Key = Qt.Key.Key_Return) -> None:
    """Select what is there, type ``text`` and finish the field (Return, or Tab to leave it)."""
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, finish)


def open_tab(view: CaseView, page_class: type) -> object:
    page = view.page(page_class)
    view.tabs.setCurrentIndex(view.pages.index(page))
    return page


def test_selecting_a_case_on_the_bus_shows_it_and_an_empty_selection_clears(
    view: CaseView, ctx: AppContext, store: Store
) -> None:
    case_id = new_case(store)
    ctx.bus.caseSelected.emit(case_id)
    assert view.case_id == case_id
    assert view.stack.currentWidget() is view.case_panel
    assert view.header.title.text().endswith("Mette Testesen")
    assert "Engparken 12, st. tv., 2400 København NV" in view.header.address.text()
    ctx.bus.caseSelected.emit("")
    assert view.case_id is None and view.stack.currentWidget() is view.empty


def test_phone_typed_and_left_with_tab_is_saved_and_survives_reopening_the_store(
    qtbot: QtBot, view: CaseView, ctx: AppContext, store: Store, profile: Profile
) -> None:
    case_id = new_case(store)
    view.set_case(case_id)
    page = open_tab(view, CaseTenantPage)
    assert isinstance(page, CaseTenantPage)
    view.activateWindow()
    qtbot.waitUntil(lambda: view.isActiveWindow())
    with qtbot.waitSignal(ctx.bus.changed) as signal:
        type_into(qtbot, page.phone, "87 65 43 21", finish=Qt.Key.Key_Tab)
    assert signal.args == [Changes.of(case_id, Part.TENANT)]
    assert page.email.hasFocus()  # Tab moved on to the next field
    store.close()
    reopened = open_store(profile, passphrase=TEST_PASSPHRASE)
    try:
        assert details(reopened, case_id).tenant.phone == "87 65 43 21"
    finally:
        reopened.close()


def test_bad_birth_date_shows_the_message_keeps_the_text_and_saves_nothing(
    qtbot: QtBot, view: CaseView, store: Store
) -> None:
    case_id = new_case(store)
    view.set_case(case_id)
    page = open_tab(view, CaseTenantPage)
    assert isinstance(page, CaseTenantPage)
    type_into(qtbot, page.birth_date, "31.02.1985")
    error = page.errors["birth"]
    assert error.isVisible()
    assert error.text() == "Datoen »31.02.1985« findes ikke. Tjek dag og måned."
    assert page.birth_date.text() == "31.02.1985"
    assert details(store, case_id).tenant.birth_date == dt.date(1985, 6, 1)
    # Saving another field reloads the case: the bad text and its message stay.
    type_into(qtbot, page.email, "mette@eksempel.dk")
    assert page.birth_date.text() == "31.02.1985" and error.isVisible()
    # A good value clears the message and is saved.
    type_into(qtbot, page.birth_date, "1.6.1984")
    assert not error.isVisible()
    assert details(store, case_id).tenant.birth_date == dt.date(1984, 6, 1)
    assert page.birth_date.text() == "01.06.1984"


def test_the_paakrav_deadline_is_computed_and_shown_with_its_explanation(
    qtbot: QtBot, view: CaseView, store: Store
) -> None:
    view.set_case(new_case(store))
    page = open_tab(view, CaseTimelinePage)
    assert isinstance(page, CaseTimelinePage)
    type_into(qtbot, page.reminder_sent, "20.02.2026")
    type_into(qtbot, page.reminder_received, "21.02.2026")
    assert page.reminder_deadline.text() == "mandag den 9. marts 2026"
    assert page.reminder_explained.text() == (
        "14 dage fra modtagelse 21.02.2026; flyttet til næste hverdag, da fristen faldt på en lørdag"
    )
    assert page.earliest_termination.text() == "10.03.2026"
    assert "Påkravsfrist udløber" in page.deadlines.text()


def test_termination_before_the_paakrav_is_refused_next_to_the_field(
    qtbot: QtBot, view: CaseView, store: Store
) -> None:
    case_id = new_case(store)
    view.set_case(case_id)
    page = open_tab(view, CaseTimelinePage)
    assert isinstance(page, CaseTimelinePage)
    type_into(qtbot, page.reminder_sent, "20.02.2026")
    type_into(qtbot, page.termination, "10.02.2026")
    assert page.errors["termination_on"].text() == (
        "Ophævelsen kan ikke ligge før afsendelsen af påkravet (20.02.2026)."
    )
    assert page.termination.text() == "10.02.2026"
    assert details(store, case_id).timeline.termination_on is None


def test_eviction_date_and_time_window_are_saved_and_the_header_shows_the_eviction(
    qtbot: QtBot, view: CaseView, store: Store
) -> None:
    case_id = new_case(store)
    view.set_case(case_id)
    page = open_tab(view, CaseTimelinePage)
    assert isinstance(page, CaseTimelinePage)
    type_into(qtbot, page.termination, "02.03.2026")
    assert page.expected_eviction.text() == "23.03.2026–13.04.2026"
    type_into(qtbot, page.eviction, "12.03.2026")
    type_into(qtbot, page.time_from, "9")
    type_into(qtbot, page.time_to, "12.30")
    d = details(store, case_id)
    assert (d.timeline.eviction_on, d.timeline.eviction_time_from, d.timeline.eviction_time_to) == (
        dt.date(2026, 3, 12),
        dt.time(9),
        dt.time(12, 30),
    )
    assert page.time_from.text() == "09:00"
    assert view.header.deadline.text() == "Næste frist: 12.03.2026 (om 2 dage)  ·  Udkørende fogedforretning"


def test_arrears_typed_the_danish_way_are_saved(qtbot: QtBot, view: CaseView, store: Store) -> None:
    case_id = new_case(store)
    view.set_case(case_id)
    page = open_tab(view, CaseTimelinePage)
    assert isinstance(page, CaseTimelinePage)
    type_into(qtbot, page.arrears, "14.250,50")
    assert details(store, case_id).timeline.arrears == Money(1425050)
    type_into(qtbot, page.arrears, "mange penge")
    assert page.errors["arrears"].text() == "»mange penge« er ikke et beløb. Skriv fx 1.234,50 eller 1234,5."
    assert details(store, case_id).timeline.arrears == Money(1425050)


def test_picklist_toggles_are_saved(qtbot: QtBot, view: CaseView, store: Store) -> None:
    case_id = new_case(store)
    view.set_case(case_id)
    page = open_tab(view, CaseRegistrationPage)
    assert isinstance(page, CaseRegistrationPage)
    qtbot.keyClick(page.triggers.boxes[Trigger.NOISE.value], Qt.Key.Key_Space)  # keyboard: space ticks
    page.cause_boxes[Cause.DEBT.value].click()
    combo = page.cause_certainty[Cause.DEBT.value]
    assert combo.isEnabled()
    combo.setCurrentIndex(combo.findData("known"))
    d = details(store, case_id)
    assert d.selected(CodeCategory.TRIGGER) == {"noise": ""}
    assert d.selected(CodeCategory.CAUSE) == {"debt": "known"}
    page.triggers.boxes[Trigger.NOISE.value].click()
    assert details(store, case_id).selected(CodeCategory.TRIGGER) == {}


def test_changing_the_kind_shows_the_history(view: CaseView, store: Store) -> None:
    case_id = new_case(store)
    view.set_case(case_id)
    page = open_tab(view, CaseRegistrationPage)
    assert isinstance(page, CaseRegistrationPage)
    page.kind.setCurrentIndex(page.kind.findData(CaseKind.RETENTION.value))
    assert details(store, case_id).kind is CaseKind.RETENTION
    assert page.kind_history.text().startswith("Historik: Udsættelsestruet lejer (")
    assert "→ Fastholdelse" in page.kind_history.text()
    assert "Fastholdelse" in view.header.status.text()


def test_a_logged_contact_attempt_is_listed_and_the_next_step_is_suggested(
    qtbot: QtBot, view: CaseView, store: Store
) -> None:
    case_id = new_case(store)
    view.set_case(case_id)
    page = open_tab(view, CaseContactPage)
    assert isinstance(page, CaseContactPage)
    assert page.step_text.text() == "Ring til lejeren."
    assert page.channel.currentData() == ContactChannel.PHONE.value  # preselected from the suggestion
    page.result.setCurrentIndex(page.result.findData(ContactResult.NO_ANSWER.value))
    type_into(qtbot, page.time, "09:40", finish=Qt.Key.Key_Tab)
    qtbot.mouseClick(page.log_button, Qt.MouseButton.LeftButton)
    assert page.attempts.rowCount() == 1
    assert page.step_text.text().startswith("Ingen kontakt på telefonen: læg en besked på telefonsvareren")
    assert page.channel.currentData() == ContactChannel.VOICEMAIL.value
    attempt = details(store, case_id).contact_attempts[0]
    assert (attempt.at, attempt.channel, attempt.result, attempt.by) == (
        dt.datetime(2026, 3, 10, 9, 40),
        ContactChannel.PHONE,
        ContactResult.NO_ANSWER,
        "Rikke Rådgiver",
    )
    assert "Kontaktforsøg" in view.header.status.text()  # the phase moved on


def test_results_offered_follow_the_channel(view: CaseView, store: Store) -> None:
    view.set_case(new_case(store))
    page = open_tab(view, CaseContactPage)
    assert isinstance(page, CaseContactPage)
    page.channel.setCurrentIndex(page.channel.findData(ContactChannel.LETTER_MAIL_SLOT.value))
    assert [page.result.itemData(i) for i in range(page.result.count())] == ["sent"]


def test_an_attempt_in_the_future_is_refused_with_a_message(
    qtbot: QtBot, view: CaseView, store: Store
) -> None:
    case_id = new_case(store)
    view.set_case(case_id)
    page = open_tab(view, CaseContactPage)
    assert isinstance(page, CaseContactPage)
    page.date.setText("11.03.2026")
    qtbot.mouseClick(page.log_button, Qt.MouseButton.LeftButton)
    assert page.log_error.text() == "Et kontaktforsøg kan ikke ligge i fremtiden."
    assert details(store, case_id).contact_attempts == ()


def test_checklist_answers_and_advice_topics_are_saved(view: CaseView, store: Store) -> None:
    case_id = new_case(store)
    view.set_case(case_id)
    page = open_tab(view, CaseAdvicePage)
    assert isinstance(page, CaseAdvicePage)
    combo = page.answers[ChecklistItem.HOLIDAY_PAY_DUE]
    combo.setCurrentIndex(combo.findData(ChecklistAnswer.FOLLOW_UP.value))
    page.topics.boxes["budget"].click()
    page.help.boxes["bill_account"].click()
    d = details(store, case_id)
    assert d.checklist_answer(ChecklistItem.HOLIDAY_PAY_DUE) is ChecklistAnswer.FOLLOW_UP
    assert set(d.selected(CodeCategory.ADVICE_TOPIC)) == {"budget"}
    assert set(d.selected(CodeCategory.PRACTICAL_HELP)) == {"bill_account"}


def test_journal_note_and_its_correction_keep_the_old_note(
    qtbot: QtBot, view: CaseView, store: Store
) -> None:
    case_id = new_case(store)
    view.set_case(case_id)
    page = open_tab(view, CaseJournalPage)
    assert isinstance(page, CaseJournalPage)
    page.editor.setPlainText("Møde med lejer om budget.")
    qtbot.mouseClick(page.save_note_button, Qt.MouseButton.LeftButton)
    assert page.notes.rowCount() == 1 and page.editor.toPlainText() == ""
    page.note_table.selectRow(0)
    qtbot.mouseClick(page.correct_button, Qt.MouseButton.LeftButton)
    assert page.editor.toPlainText() == "Møde med lejer om budget."
    page.editor.setPlainText("Møde med lejer om budget og boligstøtte.")
    qtbot.mouseClick(page.save_note_button, Qt.MouseButton.LeftButton)
    texts = [page.notes.index(r, 2).data() for r in range(page.notes.rowCount())]
    assert texts[0].startswith("Rettelse af note fra ")
    assert texts[0].endswith("Møde med lejer om budget og boligstøtte.")
    assert texts[1] == "[Rettet] Møde med lejer om budget."
    assert page.notes.index(1, 2).data(Qt.ItemDataRole.FontRole).strikeOut()
    assert len(details(store, case_id).journal) == 2


def test_an_empty_note_is_refused(qtbot: QtBot, view: CaseView, store: Store) -> None:
    view.set_case(new_case(store))
    page = open_tab(view, CaseJournalPage)
    assert isinstance(page, CaseJournalPage)
    qtbot.mouseClick(page.save_note_button, Qt.MouseButton.LeftButton)
    assert page.note_error.text() == "Skriv noten, før du gemmer den."


def test_a_follow_up_is_added_and_marked_done(qtbot: QtBot, view: CaseView, store: Store) -> None:
    case_id = new_case(store)
    view.set_case(case_id)
    page = open_tab(view, CaseJournalPage)
    assert isinstance(page, CaseJournalPage)
    assert page.follow_up_date.text() == "17.03.2026"
    type_into(qtbot, page.follow_up_text, "Ring om boligstøtte")  # Return adds it
    assert [f.text for f in details(store, case_id).follow_ups] == ["Ring om boligstøtte"]
    page.follow_up_table.selectRow(0)
    qtbot.mouseClick(page.done_button, Qt.MouseButton.LeftButton)
    assert details(store, case_id).follow_ups[0].done_on == TODAY


def test_household_member_pays_in_is_saved_and_the_tenant_line_is_read_only(
    view: CaseView, store: Store
) -> None:
    case_id = new_case(store)
    jonas = (
        Desk(store, today=lambda: TODAY)
        .household.add(case_id, NewMember("Jonas", MemberRole.CHILD, dt.date(2006, 1, 1)))
        .id
    )
    view.set_case(case_id)
    page = open_tab(view, CaseTenantPage)
    assert isinstance(page, CaseTenantPage)
    assert "Mathias fylder 18 den 3. marts 2027" in page.turning_18.text()
    page.table.selectRow(0)
    assert not page.member_name.isEnabled() and not page.remove_button.isEnabled()
    page.table.selectRow(page.members.row_of(jonas))
    assert page.member_name.text() == "Jonas"
    page.member_pays.click()
    assert next(m for m in details(store, case_id).members if m.id == jonas).pays_in
    assert page.table.selectionModel().selectedRows()[0].data(ID_ROLE) == jonas  # selection kept


def test_tenancy_rent_and_estate_picker(qtbot: QtBot, view: CaseView, store: Store) -> None:
    case_id = new_case(store)
    view.set_case(case_id)
    page = open_tab(view, CaseTenancyPage)
    assert isinstance(page, CaseTenancyPage)
    type_into(qtbot, page.rent, "7.100")
    type_into(qtbot, page.postcode, "24")
    assert page.errors["place"].text() == "Postnummeret skal være fire cifre, fx 2400."
    tenancy = details(store, case_id).tenancy
    assert tenancy is not None and (tenancy.rent, tenancy.postcode) == (Money.kr(7100), "2400")


def test_closing_needs_an_outcome_then_closes_and_reopens(qtbot: QtBot, view: CaseView, store: Store) -> None:
    case_id = new_case(store)
    view.set_case(case_id)
    page = open_tab(view, CaseClosingPage)
    assert isinstance(page, CaseClosingPage)
    assert page.age_hint.text() == "beregnet: 40 år"
    qtbot.mouseClick(page.close_button, Qt.MouseButton.LeftButton)
    assert page.errors["close"].text() == "Vælg sagens udfald, før sagen afsluttes."
    assert not page.move_box.isEnabled()
    page.outcome.setCurrentIndex(page.outcome.findData(Outcome.MOVED_OUT.value))
    assert page.move_box.isEnabled()
    type_into(qtbot, page.arrears_left, "4.200")
    qtbot.mouseClick(page.close_button, Qt.MouseButton.LeftButton)
    d = details(store, case_id)
    assert d.is_closed and d.closing.arrears_at_move_out == Money.kr(4200)
    assert page.banner.isVisible()
    assert page.banner_text.text() == "Sagen blev afsluttet 10.03.2026. Udfald: Fraflyttet grundet ophævelse."
    assert view.header.deadline.text().startswith("Afsluttet 10.03.2026")
    qtbot.mouseClick(page.reopen_button, Qt.MouseButton.LeftButton)
    assert not details(store, case_id).is_closed
    assert not page.banner.isVisible()


def test_switching_case_saves_text_still_in_a_field(view: CaseView, store: Store) -> None:
    first = new_case(store, "Anna")
    second = new_case(store, "Bo")
    view.set_case(first)
    page = open_tab(view, CaseTenantPage)
    assert isinstance(page, CaseTenantPage)
    page.email.setText("anna@eksempel.dk")  # typed, field not left yet
    view.set_case(second)
    assert details(store, first).tenant.email == "anna@eksempel.dk"
    assert page.email.text() == ""  # the second case's (empty) e-mail


def test_a_change_saved_elsewhere_refreshes_the_view(view: CaseView, ctx: AppContext, store: Store) -> None:
    case_id = new_case(store)
    view.set_case(case_id)
    Desk(store, today=lambda: TODAY).tenant.set_field(case_id, "first_name", "Mette Marie")
    ctx.bus.changed.emit(Changes.of(case_id, Part.TENANT))
    assert view.header.title.text().endswith("Mette Marie Testesen")


def test_the_view_redraws_after_a_write_elsewhere_to_its_case_but_not_for_another_case(
    view: CaseView, ctx: AppContext, store: Store
) -> None:
    case_id = new_case(store)
    other = new_case(store, "Bo")
    view.set_case(case_id)
    page = view.page(CaseJournalPage)
    assert isinstance(page, CaseJournalPage)
    loads: list[str] = []
    original = view.reload
    view.reload = lambda: (loads.append("reload"), original())[1]  # type: ignore[method-assign]
    # A write to another case (made elsewhere, e.g. in the list's window): the view does not redraw.
    ctx.desk.journal.add_note(other, "Ikke denne sag")
    ctx.bus.changed.emit(ctx.desk.journal.add_note(other, "Heller ikke").changes)
    # A write to this case of a part the view does not show (the budget): no redraw either.
    ctx.bus.changed.emit(Changes.of(case_id, Part.BUDGET))
    assert loads == [] and page.notes.rowCount() == 0
    # A write to this case, broadcast once: one redraw, which shows it.
    result = ctx.desk.journal.add_note(case_id, "Ringet til lejer")
    ctx.bus.changed.emit(result.changes)
    assert loads == ["reload"] and page.notes.rowCount() == 1
    # Everything changed (an import, a sync): redraw.
    ctx.bus.changed.emit(Changes.all())
    assert loads == ["reload", "reload"]


def test_a_write_made_elsewhere_and_broadcast_refreshes_the_view_once(
    qtbot: QtBot, view: CaseView, ctx: AppContext, store: Store
) -> None:
    case_id = new_case(store)
    view.set_case(case_id)
    loads: list[str] = []
    original = view.reload
    view.reload = lambda: (loads.append("reload"), original())[1]  # type: ignore[method-assign]
    changes = Desk(store, today=lambda: TODAY).tenant.set_field(case_id, "first_name", "Mette Marie")
    ctx.bus.changed.emit(changes)
    assert view.header.title.text().endswith("Mette Marie Testesen")
    assert loads == ["reload"]
    # Another case's change, or a part the view does not show, is not redrawn.
    ctx.bus.changed.emit(Changes.of("another-case", Part.TENANT))
    ctx.bus.changed.emit(Changes.of(None, Part.SETTINGS))
    qtbot.wait(20)
    assert loads == ["reload"]


def test_the_view_s_own_save_redraws_it_once_and_is_broadcast_once(
    qtbot: QtBot, view: CaseView, ctx: AppContext, store: Store
) -> None:
    case_id = new_case(store)
    view.set_case(case_id)
    page = open_tab(view, CaseTimelinePage)
    assert isinstance(page, CaseTimelinePage)
    broadcasts: list[Changes] = []
    ctx.bus.changed.connect(broadcasts.append)
    loads: list[str] = []
    original = view.reload
    view.reload = lambda: (loads.append("reload"), original())[1]  # type: ignore[method-assign]
    type_into(qtbot, page.hearing, "01.04.2026")
    qtbot.wait(20)
    assert broadcasts == [Changes.of(case_id, Part.TIMELINE)]
    assert loads == ["reload"]


def test_a_deleted_case_shows_the_empty_state(view: CaseView, store: Store) -> None:
    from boligdesk.models import Case

    case_id = new_case(store)
    view.set_case(case_id)
    with store.session() as s:
        case = s.get(Case, case_id)
        assert case is not None
        case.deleted = True
    view.reload()
    assert view.case_id is None and view.stack.currentWidget() is view.empty


def test_member_table_model_passes_the_model_tester(
    qtmodeltester: object, view: CaseView, store: Store
) -> None:
    view.set_case(new_case(store))
    page = view.page(CaseTenantPage)
    assert isinstance(page, CaseTenantPage)
    qtmodeltester.check(page.members)  # type: ignore[attr-defined]
    journal = view.page(CaseJournalPage)
    assert isinstance(journal, CaseJournalPage)
    view.ctx.bus.changed.emit(view.ctx.desk.journal.add_note(view.case_id or "", "Note").changes)
    qtmodeltester.check(journal.notes)  # type: ignore[attr-defined]


def test_an_arrears_part_added_on_the_timeline_updates_the_arrears(
    qtbot: QtBot, view: CaseView, store: Store
) -> None:
    case_id = new_case(store)
    view.set_case(case_id)
    page = open_tab(view, CaseTimelinePage)
    assert isinstance(page, CaseTimelinePage)
    page.item_period.setText("03.2026")
    page.item_amount.setText("6.500")
    qtbot.mouseClick(page.add_item_button, Qt.MouseButton.LeftButton)
    assert page.items.rowCount() == 2
    assert page.items.index(1, 1).data() == "03.2026"
    assert details(store, case_id).timeline.arrears == Money.kr(19500)
    assert page.arrears.text() == "19.500,00"
    page.item_period.setText("13.2026")
    qtbot.mouseClick(page.add_item_button, Qt.MouseButton.LeftButton)
    assert page.item_error.text() == "»13.2026« er ikke en måned. Skriv fx 03.2026."


def test_a_note_being_written_is_kept_while_looking_at_another_case(view: CaseView, store: Store) -> None:
    first = new_case(store, "Anna")
    second = new_case(store, "Bo")
    view.set_case(first)
    page = open_tab(view, CaseJournalPage)
    assert isinstance(page, CaseJournalPage)
    page.editor.setPlainText("Halvt skrevet note")
    view.set_case(second)
    assert page.editor.toPlainText() == ""
    view.set_case(first)
    assert page.editor.toPlainText() == "Halvt skrevet note"
    assert details(store, first).journal == ()  # nothing saved until the adviser saves it


def test_a_note_being_typed_survives_a_crash_and_is_gone_once_saved(
    qtbot: QtBot, view: CaseView, ctx: AppContext, store: Store
) -> None:
    case_id = new_case(store, "Anna")
    view.set_case(case_id)
    page = open_tab(view, CaseJournalPage)
    assert isinstance(page, CaseJournalPage)
    page.editor.setFocus()
    qtbot.keyClicks(page.editor, "Lejer har fået nyt job")
    qtbot.waitUntil(lambda: ctx.desk.drafts.pending() == 0, timeout=3000)  # written as the typing paused
    # The program crashes: nothing more runs. A new start on the same store shows the note again.
    restarted = AppContext(Desk(store, adviser_name="Rikke Rådgiver", today=lambda: TODAY))
    second = CaseView(restarted)
    qtbot.addWidget(second)
    second.set_case(case_id)
    again = open_tab(second, CaseJournalPage)
    assert isinstance(again, CaseJournalPage)
    assert again.editor.toPlainText() == "Lejer har fået nyt job"
    assert details(store, case_id).journal == ()  # a draft, not a note
    again.save_note()
    assert [n.text for n in details(store, case_id).journal] == ["Lejer har fået nyt job"]
    third = CaseView(AppContext(Desk(store, adviser_name="Rikke Rådgiver", today=lambda: TODAY)))
    qtbot.addWidget(third)
    third.set_case(case_id)
    page3 = open_tab(third, CaseJournalPage)
    assert isinstance(page3, CaseJournalPage)
    assert page3.editor.toPlainText() == ""  # the saved note's draft is gone


def test_a_correction_being_typed_is_restored_as_a_correction(
    qtbot: QtBot, view: CaseView, ctx: AppContext, store: Store
) -> None:
    case_id = new_case(store, "Anna")
    ctx.desk.journal.add_note(case_id, "Møde 3. marts")
    view.set_case(case_id)
    page = open_tab(view, CaseJournalPage)
    assert isinstance(page, CaseJournalPage)
    page.note_table.selectRow(0)
    page.start_correction()
    page.editor.setPlainText("Møde 4. marts")
    ctx.desk.drafts.flush()
    second = CaseView(AppContext(Desk(store, adviser_name="Rikke Rådgiver", today=lambda: TODAY)))
    qtbot.addWidget(second)
    second.set_case(case_id)
    again = open_tab(second, CaseJournalPage)
    assert isinstance(again, CaseJournalPage)
    assert again.editor.toPlainText() == "Møde 4. marts"
    assert again.cancel_correction_button.isVisibleTo(again)
    again.save_note()
    notes = details(store, case_id).journal
    assert [n.is_corrected for n in notes] == [True, False]


def test_the_paakrav_deadline_has_a_help_button_with_the_worked_example(
    qtbot: QtBot, view: CaseView, store: Store
) -> None:
    from PySide6.QtWidgets import QToolButton

    from boligdesk.ui.guide import guide_window

    view.set_case(new_case(store))
    page = open_tab(view, CaseTimelinePage)
    assert isinstance(page, CaseTimelinePage)
    button = page.findChild(QToolButton, "help_paakrav")
    assert button is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    guide = guide_window._window
    assert guide is not None and "28.12.2026" in guide.browser.toPlainText()  # the holiday example
    guide.close()
