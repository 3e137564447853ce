"""``desk.courses``: support courses (forløb) on a case — a method and a planned length, extended with a
reason (seeds 001 and 003, issue 16).

A course runs from its start date for its planned months plus every extension; :attr:`CourseRow.ends_on`
is the planned end. Nothing ends a course or closes a case on its own — not the planned end, not
no-shows (contact results »Aflyst«/»Udeblevet«): the adviser ends a course with :meth:`end`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from boligdesk.budget.calendar import add_months
from boligdesk.budget.cooperation import CourseMethod
from boligdesk.errors import UserInputError
from boligdesk.models import Case, Course, CourseExtension
from boligdesk.services.changes import Changes, Created, Part
from boligdesk.services.desk import NotFoundError, live
from boligdesk.services.fields import (
    Context,
    Field,
    FieldTable,
    Kind,
    Limit,
    PersonalData,
    not_after_today,
    not_before_year,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from boligdesk.services.desk import Desk

#: The longest planned length or extension BoligDesk takes (months); a longer one is a typing error.
MAX_MONTHS = 36
#: Lengths offered first in the form (seed 001: 3, 9 and 12 months).
USUAL_MONTHS = (3, 9, 12)

COURSE_FIELDS = FieldTable(
    "course",
    "courses",
    (
        Field(
            "method",
            "Metode",
            Kind.ENUM,
            PersonalData.PLAIN,
            required=True,
            enum=CourseMethod,
            missing="Vælg forløbets metode.",
        ),
        Field(
            "planned_months",
            "Planlagt længde (måneder)",
            Kind.INT,
            PersonalData.PLAIN,
            required=True,
            noun="Længden",
            missing="Skriv forløbets planlagte længde i måneder.",
            minimum=Limit(1, "course.months_low", "Et forløb varer mindst 1 måned."),
            maximum=Limit(
                MAX_MONTHS, "course.months_high", f"Et forløb kan højst planlægges til {MAX_MONTHS} måneder."
            ),
        ),
        Field(
            "started_on",
            "Startet",
            Kind.DATE,
            PersonalData.PLAIN,
            required=True,
            noun="Startdatoen",
            missing="Skriv datoen, forløbet startede.",
            minimum=not_before_year(2000, "Startdatoen"),
            maximum=not_after_today("course.start_in_future", "Et forløb kan ikke være startet efter i dag."),
        ),
        Field(
            "ended_on",
            "Afsluttet",
            Kind.DATE,
            PersonalData.PLAIN,
            noun="Slutdatoen",
            minimum=not_before_year(2000, "Slutdatoen"),
            maximum=not_after_today("course.end_in_future", "Et forløb kan ikke være afsluttet efter i dag."),
        ),
    ),
)

EXTENSION_FIELDS = FieldTable(
    "course_extension",
    "course_extensions",
    (
        Field(
            "months",
            "Forlænget med (måneder)",
            Kind.INT,
            PersonalData.PLAIN,
            required=True,
            noun="Forlængelsen",
            missing="Skriv hvor mange måneder forløbet forlænges.",
            minimum=Limit(1, "course.extension_low", "En forlængelse er mindst 1 måned."),
            maximum=Limit(
                MAX_MONTHS, "course.extension_high", f"En forlængelse kan højst være {MAX_MONTHS} måneder."
            ),
        ),
        Field(
            "reason",
            "Begrundelse",
            Kind.TEXT,
            PersonalData.FREE_TEXT,
            required=True,
            max_length=2000,
            noun="Begrundelsen",
            missing="Skriv hvorfor forløbet forlænges.",
        ),
        Field(
            "extended_on",
            "Forlænget den",
            Kind.DATE,
            PersonalData.PLAIN,
            required=True,
            noun="Datoen for forlængelsen",
            minimum=not_before_year(2000, "Datoen for forlængelsen"),
            maximum=not_after_today(
                "course.extended_in_future", "En forlængelse kan ikke ligge efter i dag."
            ),
        ),
    ),
)


@dataclass(frozen=True, slots=True)
class ExtensionRow:
    id: str
    extended_on: dt.date
    months: int
    reason: str


@dataclass(frozen=True, slots=True)
class CourseRow:
    id: str
    method: CourseMethod
    planned_months: int
    started_on: dt.date
    ended_on: dt.date | None
    extensions: tuple[ExtensionRow, ...]

    @property
    def total_months(self) -> int:
        return self.planned_months + sum(e.months for e in self.extensions)

    @property
    def ends_on(self) -> dt.date:
        """The planned end: start + planned months + every extension. Nothing happens on this day."""
        return add_months(self.started_on, self.total_months)

    def overdue(self, today: dt.date) -> bool:
        """Still running after its planned end (shown to the adviser; nothing closes)."""
        return self.ended_on is None and today > self.ends_on


def course_rows(session: Session, case_id: str) -> list[CourseRow]:
    courses = session.scalars(
        select(Course)
        .where(Course.case_id == case_id, Course.deleted.is_(False))
        .order_by(Course.started_on, Course.created_at)
    ).all()
    ids = [c.id for c in courses]
    extensions: dict[str, list[ExtensionRow]] = {i: [] for i in ids}
    if ids:
        for e in session.scalars(
            select(CourseExtension)
            .where(CourseExtension.course_id.in_(ids), CourseExtension.deleted.is_(False))
            .order_by(CourseExtension.extended_on, CourseExtension.created_at)
        ):
            extensions[e.course_id].append(ExtensionRow(e.id, e.extended_on, e.months, e.reason))
    return [
        CourseRow(c.id, c.method, c.planned_months, c.started_on, c.ended_on, tuple(extensions[c.id]))
        for c in courses
    ]


class CourseService:
    """``desk.courses``: start, extend and end support courses on a case."""

    def __init__(self, desk: Desk) -> None:
        self._desk = desk

    def for_case(self, case_id: str) -> list[CourseRow]:
        with self._desk.reading() as s:
            live(s, Case, case_id)
            return course_rows(s, case_id)

    def start(self, case_id: str, **values: Any) -> Created:
        """Start a course: ``method``, ``planned_months`` and ``started_on`` (today when left out)."""
        values.setdefault("method", None)
        values.setdefault("planned_months", None)
        values["started_on"] = values.get("started_on") or self._desk.today()
        values.pop("ended_on", None)
        clean = COURSE_FIELDS.validate(values, Context(self._desk.today()))
        with self._desk.writing(case_id) as s:
            live(s, Case, case_id)
            row = Course(case_id=case_id, **clean)
            s.add(row)
            s.flush()
            course_id = row.id
        return Created(course_id, Changes.of(case_id, Part.COURSES))

    def extend(self, case_id: str, course_id: str, months: Any, reason: Any, on: Any = None) -> Created:
        """Extend a running course by ``months`` with a ``reason`` (required)."""
        today = self._desk.today()
        clean = EXTENSION_FIELDS.validate(
            {"months": months, "reason": reason, "extended_on": on or today}, Context(today)
        )
        with self._desk.writing(case_id) as s:
            course = self._course(s, case_id, course_id)
            if course.ended_on is not None:
                raise UserInputError(
                    "months", "course.extend_ended", "Et afsluttet forløb kan ikke forlænges."
                )
            if clean["extended_on"] < course.started_on:
                raise UserInputError(
                    "extended_on",
                    "course.extended_before_start",
                    "Forlængelsen kan ikke ligge før forløbets start.",
                )
            row = CourseExtension(course_id=course_id, **clean)
            s.add(row)
            s.flush()
            extension_id = row.id
        return Created(extension_id, Changes.of(case_id, Part.COURSES))

    def end(self, case_id: str, course_id: str, on: Any = None) -> Changes:
        """The adviser ends the course (today unless ``on`` says otherwise). The case stays open."""
        today = self._desk.today()
        day = COURSE_FIELDS.parse("ended_on", on, Context(today)) or today
        with self._desk.writing(case_id) as s:
            course = self._course(s, case_id, course_id)
            if day < course.started_on:
                raise UserInputError(
                    "ended_on", "course.end_before_start", "Forløbet kan ikke afsluttes før det startede."
                )
            course.ended_on = day
        return Changes.of(case_id, Part.COURSES)

    @staticmethod
    def _course(s: Session, case_id: str, course_id: str) -> Course:
        course = live(s, Course, course_id)
        if course.case_id != case_id:
            raise NotFoundError(Course)
        return course
