"""Forløb on the case: start a course, extend it with a reason, end it; a late course is marked."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from boligdesk.models.store import Store
from boligdesk.services.desk import Desk
from boligdesk.ui.cases.case_courses_page import CaseCoursesPage
from boligdesk.ui.cases.case_view import CaseView
from boligdesk.ui.context import AppContext
from tests.db.case_setup import new_case

TODAY = dt.date(2026, 3, 10)


@pytest.fixture
def ctx(store: Store) -> AppContext:
    return AppContext(Desk(store, adviser_name="Rikke Rådgiver", today=lambda: TODAY))


@pytest.fixture
def page(qtbot: QtBot, ctx: AppContext, store: Store) -> Iterator[CaseCoursesPage]:
    view = CaseView(ctx)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    qtbot.waitExposed(view)
    view.set_case(new_case(store))
    found = view.page(CaseCoursesPage)
    assert isinstance(found, CaseCoursesPage)
    view.tabs.setCurrentIndex(view.pages.index(found))
    yield found


def test_a_course_is_started_extended_and_ended_on_the_page(page: CaseCoursesPage) -> None:
    page.method.setCurrentIndex(page.method.findText("CTI (Critical Time Intervention)"))
    page.months.setCurrentText("9")
    page.started_on.setText("01.06.2025")
    page.start_button.click()
    assert page.error.text() == ""
    assert page.courses.rowCount() == 1
    assert page.courses.index(0, 4).data() == "01.03.2026"
    assert page.courses.index(0, 5).data() == "Overskredet – løber stadig"
    page.extend_button.click()
    assert page.error.text() == "Vælg forløbet i listen først."
    page.table.selectRow(0)
    page.extend_months.setText("3")
    page.extend_button.click()
    assert page.error.text() == "Skriv hvorfor forløbet forlænges."
    page.extend_reason.setText("Tilbagefald; kommunen er enig")
    page.extend_button.click()
    assert page.courses.index(0, 3).data() == "3 måneder"
    assert page.courses.index(0, 5).data() == "Løber"
    assert "Tilbagefald" in page.courses.index(0, 6).data()
    page.method.setCurrentIndex(page.method.findText("Indslusningsforløb"))
    page.months.setCurrentText("12")
    page.started_on.setText("01.03.2026")
    page.start_button.click()
    page.table.selectRow(0)
    page.end_button.click()
    assert page.courses.index(0, 5).data() == "Afsluttet 10.03.2026"


def test_a_length_that_is_not_a_number_is_explained(page: CaseCoursesPage) -> None:
    page.months.setCurrentText("ni")
    page.start_button.click()
    assert page.error.text() != ""
    assert page.courses.rowCount() == 0


def test_other_case_types_and_activities_are_ticked_and_saved(page: CaseCoursesPage, ctx: AppContext) -> None:
    from PySide6.QtCore import Qt

    def tick(widget: object, label: str) -> None:
        items = widget.findItems(label, Qt.MatchFlag.MatchExactly)  # type: ignore[attr-defined]
        items[0].setCheckState(Qt.CheckState.Checked)

    main = [page.case_types.item(i) for i in range(page.case_types.count())]
    hidden = [i.text() for i in main if i.isHidden()]
    assert hidden == ["Udsættelsestruet lejer"], "the main type is not offered again"
    tick(page.case_types, "Fastholdelse")
    tick(page.activities, "Detektivarbejde for at finde borgeren")
    tick(page.activities, "Praktisk hjælp i hjemmet")
    page.save_tags.click()
    assert page.tags_error.text() == ""
    tags = ctx.desk.tags.of_case(page.case())
    assert [k.label for k in tags.case_types] == ["Fastholdelse"]
    assert [a.label for a in tags.activities] == [
        "Detektivarbejde for at finde borgeren",
        "Praktisk hjælp i hjemmet",
    ]
