"""Forløb og aktiviteter: the support courses a case runs — method, planned length, extensions with a
reason — and the case's other case types and activity tags (fixed picklists, ``desk.tags``).

Nothing ends a course or closes the case on its own; a course past its planned end is marked
»Overskredet« so the adviser decides (``desk.courses``).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from boligdesk.budget.calendar import format_short
from boligdesk.budget.cooperation import ActivityTag, CourseMethod, TagGroup
from boligdesk.budget.vocabulary import CaseKind
from boligdesk.services.case_read import CaseDetails
from boligdesk.services.changes import Changes
from boligdesk.services.courses import USUAL_MONTHS, CourseRow
from boligdesk.ui.cases.case_fields import date_edit, hint_label, row_table, selected_id
from boligdesk.ui.cases.case_page import CasePage
from boligdesk.ui.context import AppContext
from boligdesk.ui.shared.error_label import ErrorLabel
from boligdesk.ui.shared.table_model import Column, TableModel

GREY = "#6b6b6b"
LATE = "#a33a00"


def status_text(row: CourseRow, today: dt.date) -> str:
    if row.ended_on is not None:
        return f"Afsluttet {format_short(row.ended_on)}"
    if row.overdue(today):
        return "Overskredet – løber stadig"
    return "Løber"


def _months(n: int) -> str:
    return "1 måned" if n == 1 else f"{n} måneder"


def course_model(parent: QWidget, today: dt.date) -> TableModel[CourseRow]:
    return TableModel(
        (
            Column("Metode", lambda r: r.method.label, width=210),
            Column("Startet", lambda r: format_short(r.started_on), width=85),
            Column("Planlagt", lambda r: _months(r.planned_months), width=90),
            Column(
                "Forlænget",
                lambda r: _months(r.total_months - r.planned_months) if r.extensions else "",
                width=90,
            ),
            Column("Planlagt slut", lambda r: format_short(r.ends_on), width=95),
            Column("Status", lambda r: status_text(r, today), width=180),
            Column(
                "Begrundelser for forlængelse",
                lambda r: "; ".join(f"{format_short(e.extended_on)}: {e.reason}" for e in r.extensions),
                width=260,
            ),
        ),
        parent,
        style=lambda r: (
            GREY if r.ended_on is not None else (LATE if r.overdue(today) else None),
            None,
            None,
        ),
    )


def check_list(choices: list[tuple[str, str]], name: str) -> QListWidget:
    """A list of check boxes, one per picklist value (``Qt.UserRole`` holds the value)."""
    widget = QListWidget()
    widget.setAccessibleName(name)
    for value, label in choices:
        item = QListWidgetItem(label)
        item.setData(Qt.ItemDataRole.UserRole, value)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        widget.addItem(item)
    widget.setMinimumHeight(150)
    return widget


def checked(widget: QListWidget) -> list[str]:
    items = (widget.item(i) for i in range(widget.count()))
    return [str(i.data(Qt.ItemDataRole.UserRole)) for i in items if i.checkState() == Qt.CheckState.Checked]


def set_checked(widget: QListWidget, values: set[str]) -> None:
    for i in range(widget.count()):
        item = widget.item(i)
        on = item.data(Qt.ItemDataRole.UserRole) in values
        item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)


class CaseCoursesPage(CasePage):
    title = "Forløb og aktiviteter"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.courses = course_model(self, ctx.desk.today())
        self.table = row_table(self.courses, 6, min_height=130, name="Forløb")
        self.method = QComboBox()
        for method in CourseMethod:
            self.method.addItem(method.label, method.value)
        self.months = QComboBox()
        self.months.setEditable(True)
        for n in USUAL_MONTHS:
            self.months.addItem(str(n))
        self.months.setMinimumWidth(70)
        self.started_on = date_edit()
        self.start_button = QPushButton("&Start forløb")
        self.extend_months = QLineEdit()
        self.extend_months.setMaximumWidth(60)
        self.extend_reason = QLineEdit()
        self.extend_reason.setPlaceholderText("fx tilbagefald efter indflytning; kommunen er enig")
        self.extend_button = QPushButton("&Forlæng valgt forløb")
        self.end_button = QPushButton("&Afslut valgt forløb i dag")
        self.error = ErrorLabel()
        self.start_button.clicked.connect(self._start)
        self.extend_button.clicked.connect(self._extend)
        self.end_button.clicked.connect(self._end)

        start_row = QHBoxLayout()
        start_fields: tuple[tuple[str, QWidget], ...] = (
            ("&Metode", self.method),
            ("&Længde (mdr.)", self.months),
            ("Start&dato", self.started_on),
        )
        for label, widget in start_fields:
            caption = QLabel(label)
            caption.setBuddy(widget)
            start_row.addWidget(caption)
            start_row.addWidget(widget)
        start_row.addWidget(self.start_button)
        start_row.addStretch(1)
        extend_row = QHBoxLayout()
        for label, widget in (
            ("Forlæng m&ed (mdr.)", self.extend_months),
            ("&Begrundelse", self.extend_reason),
        ):
            caption = QLabel(label)
            caption.setBuddy(widget)
            extend_row.addWidget(caption)
            extend_row.addWidget(widget, 1 if widget is self.extend_reason else 0)
        extend_row.addWidget(self.extend_button)
        extend_row.addWidget(self.end_button)

        box = QGroupBox("Støtteforløb")
        box_layout = QVBoxLayout(box)
        box_layout.addWidget(
            hint_label(
                "Et forløb har en metode og en planlagt længde (fx 3, 9 eller 12 måneder) og kan forlænges med "
                "en begrundelse. Intet afslutter et forløb eller lukker sagen af sig selv – heller ikke "
                "aflyste møder eller udeblivelser."
            )
        )
        box_layout.addWidget(self.table)
        box_layout.addLayout(start_row)
        box_layout.addLayout(extend_row)
        box_layout.addWidget(self.error)
        # --- other case types and activities
        self.case_types = check_list([(k.value, k.label) for k in CaseKind], "Andre sagstyper")
        self.activities = check_list([(a.value, a.label) for a in ActivityTag], "Aktiviteter")
        self.save_tags = QPushButton("&Gem sagstyper og aktiviteter")
        self.tags_error = ErrorLabel()
        self.save_tags.clicked.connect(self._save_tags)
        lists = QHBoxLayout()
        for caption_text, widget in (
            ("Sagen &vedrører også", self.case_types),
            ("A&ktiviteter brugt", self.activities),
        ):
            column = QVBoxLayout()
            caption = QLabel(caption_text)
            caption.setBuddy(widget)
            column.addWidget(caption)
            column.addWidget(widget)
            lists.addLayout(column, 1)
        tags_box = QGroupBox("Sagstyper og aktiviteter")
        tags_layout = QVBoxLayout(tags_box)
        tags_layout.addWidget(
            hint_label(
                "Faste lister, som statistikken tæller: en sag tælles under hver sagstype og aktivitet."
            )
        )
        tags_layout.addLayout(lists)
        tags_buttons = QHBoxLayout()
        tags_buttons.addWidget(self.save_tags)
        tags_buttons.addStretch(1)
        tags_layout.addLayout(tags_buttons)
        tags_layout.addWidget(self.tags_error)

        layout = QVBoxLayout(self)
        layout.addWidget(box)
        layout.addWidget(tags_box)
        layout.addStretch(1)

    def load(self, details: CaseDetails, force: bool) -> None:
        self.courses.set_rows(self.ctx.desk.courses.for_case(details.id))
        tags = self.ctx.desk.tags.of_case(details.id)
        set_checked(self.case_types, {k.value for k in tags.case_types})
        set_checked(self.activities, {a.value for a in tags.activities})
        for i in range(self.case_types.count()):  # the main type is set on Sagsforhold, not here
            item = self.case_types.item(i)
            item.setHidden(item.data(Qt.ItemDataRole.UserRole) == tags.main_kind.value)
        if force:
            self.started_on.setValue(self.today())
            self.extend_months.clear()
            self.extend_reason.clear()
            self.error.clear_message()

    def _start(self) -> None:
        case_id = self.case()
        values = {
            "method": self.method.currentData(),
            "planned_months": self.months.currentText(),
            "started_on": self.started_on.text(),
        }
        self.run(lambda: self.ctx.desk.courses.start(case_id, **values), self.error)

    def _selected(self) -> str | None:
        course_id = selected_id(self.table)
        if course_id is None:
            self.error.show_message("Vælg forløbet i listen først.")
        return course_id

    def _extend(self) -> None:
        course_id = self._selected()
        if course_id is None:
            return
        case_id, months, reason = self.case(), self.extend_months.text(), self.extend_reason.text()
        if self.run(lambda: self.ctx.desk.courses.extend(case_id, course_id, months, reason), self.error):
            self.extend_months.clear()
            self.extend_reason.clear()

    def _end(self) -> None:
        course_id = self._selected()
        if course_id is None:
            return
        case_id = self.case()
        self.run(lambda: self.ctx.desk.courses.end(case_id, course_id), self.error)

    def _save_tags(self) -> None:
        case_id = self.case()
        kinds, activities = checked(self.case_types), checked(self.activities)

        def write() -> Changes:
            self.ctx.desk.tags.set(case_id, TagGroup.CASE_TYPE, kinds)
            return self.ctx.desk.tags.set(case_id, TagGroup.ACTIVITY, activities)

        self.run(write, self.tags_error)
