"""Ansøgninger on the case: registering an application, its decision and the appeal deadline shown."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from boligdesk.budget.money import Money
from boligdesk.models.store import Store
from boligdesk.services.desk import Desk
from boligdesk.ui.cases.case_applications_page import CaseApplicationsPage
from boligdesk.ui.cases.case_view import CaseView
from boligdesk.ui.context import AppContext
from tests.db.case_setup import new_case

TODAY = dt.date(2026, 12, 10)


@pytest.fixture
def ctx(store: Store) -> AppContext:
    return AppContext(Desk(store, adviser_name="Rikke Rådgiver", today=lambda: TODAY))


@pytest.fixture
def page(qtbot: QtBot, ctx: AppContext, store: Store) -> Iterator[CaseApplicationsPage]:
    view = CaseView(ctx)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    qtbot.waitExposed(view)
    view.set_case(new_case(store))
    found = view.page(CaseApplicationsPage)
    assert isinstance(found, CaseApplicationsPage)
    view.tabs.setCurrentIndex(view.pages.index(found))
    yield found


def cell(page: CaseApplicationsPage, column: int) -> str:
    return str(page.applications.index(0, column).data())


def test_an_application_is_registered_refused_and_its_appeal_deadline_shown(
    page: CaseApplicationsPage, ctx: AppContext
) -> None:
    page.kind.setCurrentIndex(page.kind.findText("Hjælp til huslejerestance (aktivloven)"))
    page.sent_to.setText("Opdigtet Kommune, Ydelsescenter")
    page.sent_on.setText("20.11.2026")
    page.amount.setText("13.000")
    page.add_button.click()
    assert page.add_error.text() == ""
    assert (cell(page, 0), cell(page, 3), cell(page, 5)) == (
        "Hjælp til huslejerestance (aktivloven)",
        "13.000,00",
        "Afventer svar",
    )
    page.table.selectRow(0)
    page.decision.setCurrentIndex(page.decision.findText("Afslag"))
    page.decided_on.setText("01.12.2026")
    page.received_on.setText("03.12.2026")
    page.save_decision.click()
    assert page.decision_error.text() == ""
    assert (cell(page, 5), cell(page, 8)) == ("Afslag", "04.01.2027")
    assert "Nytårsaften" in page.appeal_note.text()


def test_a_housing_benefit_refusal_shows_ukendt_and_a_grant_needs_its_amount(
    page: CaseApplicationsPage, ctx: AppContext
) -> None:
    page.kind.setCurrentIndex(page.kind.findText("Boligstøtte"))
    page.sent_on.setText("01.11.2026")
    page.add_button.click()
    page.table.selectRow(0)
    page.decision.setCurrentIndex(page.decision.findText("Bevilget"))
    page.decided_on.setText("01.12.2026")
    page.save_decision.click()
    assert "bevilgede beløb" in page.decision_error.text()
    page.decision.setCurrentIndex(page.decision.findText("Afslag"))
    page.received_on.setText("02.12.2026")
    page.save_decision.click()
    assert cell(page, 8) == "ukendt"
    assert "klagevejledningen" in page.appeal_note.text()
    page.table.selectRow(0)
    page.decision.setCurrentIndex(page.decision.findText("Delvist bevilget"))
    page.granted.setText("1.500,50")
    page.save_decision.click()
    assert ctx.desk.applications.granted_total(page.case()) == Money(150_050)


def test_an_application_sent_in_the_future_is_explained(page: CaseApplicationsPage, ctx: AppContext) -> None:
    page.sent_on.setText("11.12.2026")
    page.add_button.click()
    assert "efter i dag" in page.add_error.text()
    assert ctx.desk.applications.for_case(page.case()) == []


def test_the_grant_is_taken_off_the_arrears_with_one_button_and_put_back(
    page: CaseApplicationsPage, ctx: AppContext
) -> None:
    case_id = page.case()
    app = ctx.desk.applications.add(case_id, kind="aktivloven_81", sent_on="20.11.2026").id
    ctx.desk.applications.record_decision(
        case_id,
        app,
        decision="granted",
        decided_on="01.12.2026",
        received_on="02.12.2026",
        granted_amount="5.000",
    )
    page.load(page.details, True)  # type: ignore[arg-type]
    page.table.selectRow(0)
    page.apply_button.click()
    assert ctx.desk.plan.context(case_id).debt.granted == Money.kr(5_000)
    assert cell(page, 7) == "5.000,00 ✓"
    page.table.selectRow(0)
    assert page.apply_button.text().startswith("Fortryd")
    page.apply_button.click()
    assert ctx.desk.plan.context(case_id).debt.granted == Money(0)


def test_frister_lists_the_appeal_deadline_and_the_open_application(
    qtbot: QtBot, page: CaseApplicationsPage, ctx: AppContext
) -> None:
    from boligdesk.ui.cases.frister_tab import FristerTab

    case_id = page.case()
    refused_app = ctx.desk.applications.add(
        case_id, kind="aktivloven_81", sent_to="Opdigtet Kommune", sent_on="20.11.2026"
    ).id
    ctx.desk.applications.record_decision(
        case_id, refused_app, decision="refused", decided_on="01.12.2026", received_on="03.12.2026"
    )
    ctx.desk.applications.add(
        case_id,
        kind="boligstoette",
        sent_to="Udbetaling Danmark",
        sent_on="01.12.2026",
        answer_due_on="05.01.2027",
    )
    tab = FristerTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1366, 768)
    tab.show()
    tab.reload()
    texts = [
        " | ".join(str(tab.model.index(r, c).data()) for c in range(tab.model.columnCount()))
        for r in range(tab.model.rowCount())
    ]
    appeal = next(t for t in texts if "Klagefrist" in t)
    assert "04.01.2027" in appeal and "afslag på hjælp til huslejerestance" in appeal
    assert any("Svar på ansøgning ventes: Boligstøtte" in t and "05.01.2027" in t for t in texts)
