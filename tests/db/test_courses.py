"""Support courses (forløb) on a case: method and planned length, extended with a reason, ended only by
the adviser; synced between laptops, in the access export, and their free text erased with the case."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from boligdesk.budget.cooperation import CourseMethod
from boligdesk.models import Course, CourseExtension
from boligdesk.models.store import Store
from boligdesk.services.courses import CourseRow
from boligdesk.sync.simulation import LaptopLab, Template, make_template
from tests.db.case_setup import TODAY, desk, details, new_case, refused
from tests.db.test_erasure import rich_closed_case


def _only(store: Store, case_id: str) -> CourseRow:
    (row,) = desk(store).courses.for_case(case_id)
    return row


def test_a_course_runs_its_planned_months_plus_every_extension(store: Store) -> None:
    case_id = new_case(store)
    course_id = (
        desk(store)
        .courses.start(case_id, method=CourseMethod.CTI, planned_months="9", started_on="31.05.2025")
        .id
    )
    row = _only(store, case_id)
    assert (row.method.label, row.planned_months) == ("CTI (Critical Time Intervention)", 9)
    assert row.ends_on == dt.date(2026, 2, 28), "31 May + 9 months ends on the last day of February"
    assert row.overdue(TODAY)
    desk(store).courses.extend(
        case_id, course_id, "3", "Tilbagefald efter indflytning; behov for mere støtte"
    )
    row = _only(store, case_id)
    assert row.total_months == 12 and row.ends_on == dt.date(2026, 5, 31)
    assert not row.overdue(TODAY)
    assert row.extensions[0].reason.startswith("Tilbagefald")


def test_bad_courses_and_extensions_are_refused_in_danish(store: Store) -> None:
    case_id = new_case(store)
    courses = desk(store).courses
    assert refused(courses.start, case_id, method=None, planned_months=3).message == "Vælg forløbets metode."
    assert (
        "højst planlægges til 36" in refused(courses.start, case_id, method="cti", planned_months=40).message
    )
    assert "mindst 1" in refused(courses.start, case_id, method="cti", planned_months="0").message
    future = refused(courses.start, case_id, method="cti", planned_months=3, started_on="11.03.2026")
    assert future.message == "Et forløb kan ikke være startet efter i dag."
    course_id = courses.start(case_id, method="placement", planned_months=12, started_on="01.03.2026").id
    assert refused(courses.extend, case_id, course_id, 3, "  ").message == "Skriv hvorfor forløbet forlænges."
    early = refused(courses.end, case_id, course_id, "28.02.2026")
    assert early.message == "Forløbet kan ikke afsluttes før det startede."
    courses.end(case_id, course_id)
    assert _only(store, case_id).ended_on == TODAY
    assert refused(courses.extend, case_id, course_id, 3, "Mere tid").message == (
        "Et afsluttet forløb kan ikke forlænges."
    )


def test_nothing_ends_a_course_or_closes_the_case_on_its_own(store: Store) -> None:
    case_id = new_case(store)
    desk(store).courses.start(case_id, method="short_advice", planned_months=3, started_on="01.01.2025")
    later = dt.date(2026, 3, 10)
    assert _only(store, case_id).overdue(later)
    assert _only(store, case_id).ended_on is None
    assert not details(store, case_id, today=later).is_closed


@pytest.fixture
def lab(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LaptopLab]:
    template: Template = make_template(tmp_path_factory.mktemp("skabelon") / "profil")
    lab = LaptopLab(tmp_path, template)
    yield lab
    lab.close()


def test_a_course_and_its_extension_travel_to_the_other_laptop(lab: LaptopLab) -> None:
    anne, bo = lab.laptop("anne"), lab.laptop("bo")
    case_id = new_case(anne)
    course_id = desk(anne).courses.start(case_id, method="cti", planned_months=9, started_on="01.02.2026").id
    desk(anne).courses.extend(case_id, course_id, 3, "Forlænget efter aftale med kommunen")
    lab.sync(anne)
    lab.sync(bo)
    row = _only(bo, case_id)
    assert (row.method, row.total_months, row.started_on) == (CourseMethod.CTI, 12, dt.date(2026, 2, 1))
    assert row.extensions[0].reason == "Forlænget efter aftale med kommunen"


def test_courses_are_in_the_access_export_and_their_reasons_are_erased(store: Store) -> None:
    case_id = rich_closed_case(store)
    courses = desk(store).courses
    course_id = courses.start(case_id, method="retention", planned_months=3, started_on="01.10.2024").id
    courses.extend(case_id, course_id, 2, "Mette drikker igen, mere støtte aftalt")
    sections = dict(desk(store).access.collect(case_id).sections())
    shown = [v.shown for item in sections["Forlængelser af forløb, med begrundelse"] for v in item.values]
    assert "Mette drikker igen, mere støtte aftalt" in shown
    assert len(sections["Forløb (metode og planlagt længde)"]) == 1
    desk(store).erasure.erase([case_id])
    with store.read_session() as s:
        extension = s.scalars(select(CourseExtension)).one()
        course = s.scalars(select(Course)).one()
    assert "Mette" not in extension.reason
    assert (course.method, course.planned_months, extension.months) == (CourseMethod.RETENTION, 3, 2)
