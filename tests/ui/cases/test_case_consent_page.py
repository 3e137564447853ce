"""Samtykke og kontakter on the case: registering and withdrawing a consent, linking a contact."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from boligdesk.models.store import Store
from boligdesk.services.desk import Desk
from boligdesk.ui.cases.case_consent_page import CaseConsentPage
from boligdesk.ui.cases.case_view import CaseView
from boligdesk.ui.context import AppContext
from tests.db.case_setup import new_case

TODAY = dt.date(2026, 3, 10)


@pytest.fixture
def ctx(store: Store) -> AppContext:
    return AppContext(Desk(store, adviser_name="Rikke Rådgiver", today=lambda: TODAY))


@pytest.fixture
def page(qtbot: QtBot, ctx: AppContext, store: Store) -> Iterator[CaseConsentPage]:
    view = CaseView(ctx)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    qtbot.waitExposed(view)
    view.set_case(new_case(store))
    found = view.page(CaseConsentPage)
    assert isinstance(found, CaseConsentPage)
    view.tabs.setCurrentIndex(view.pages.index(found))
    yield found


def test_a_consent_is_registered_shown_and_withdrawn(page: CaseConsentPage, ctx: AppContext) -> None:
    case_id = page.case()
    page.share_with.setCurrentIndex(page.share_with.findText("Banken"))
    page.scope.setText("Kontoudtog og modregning")
    assert page.given_on.text() == "10.03.2026"  # today by default
    page.add_consent.click()
    assert page.consent_error.text() == ""
    assert page.consents.rowCount() == 1
    assert page.consents.index(0, 4).data() == "Gælder"
    assert ctx.desk.consent.missing(case_id, {ctx.desk.consent.for_case(case_id)[0].share_with}) == []
    page.consent_table.selectRow(0)
    page.withdraw.click()
    assert page.consents.index(0, 4).data() == "Trukket tilbage 10.03.2026"


def test_a_consent_dated_in_the_future_is_explained(page: CaseConsentPage, ctx: AppContext) -> None:
    page.given_on.setText("11.03.2026")
    page.add_consent.click()
    assert "efter i dag" in page.consent_error.text()
    assert ctx.desk.consent.for_case(page.case()) == []


def test_withdrawing_without_choosing_says_what_to_do(page: CaseConsentPage) -> None:
    page.withdraw.click()
    assert page.consent_error.text() == "Vælg det samtykke, der skal trækkes tilbage."


def test_a_contact_from_the_list_is_linked_and_removed(
    qtbot: QtBot, page: CaseConsentPage, ctx: AppContext, store: Store
) -> None:
    ctx.desk.contacts.add(role="caseworker", name="Sofie Sagsbehandler", organisation="Opdigtet Kommune")
    ctx.desk.contacts.add(role="caretaker", name="Kurt Varmemester", phone="22 22 22 22")
    page.load(page.details, True)  # type: ignore[arg-type]
    assert page.contact_choice.count() == 2
    page.contact_choice.setCurrentIndex(page.contact_choice.findText("Varmemester: Kurt Varmemester"))
    page.link.click()
    assert [page.contacts.index(r, 1).data() for r in range(page.contacts.rowCount())] == ["Kurt Varmemester"]
    assert page.contact_choice.count() == 1  # a linked contact is not offered again
    page.share_with.setCurrentIndex(page.share_with.findText("Kommunen"))
    page.add_consent.click()
    page.contact_table.selectRow(0)
    page.unlink.click()
    assert page.contacts.rowCount() == 0
    assert ctx.desk.contacts.for_case(page.case()) == []
