"""Kontakt: the suggested next step of the contact process, logging attempts, and the attempts so far."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QSignalBlocker
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from boligdesk.budget.calendar import format_short, parse_date
from boligdesk.budget.vocabulary import ContactChannel, ContactResult
from boligdesk.services.case_read import CaseDetails
from boligdesk.services.contact import ALLOWED_RESULTS, ContactAttemptRow, NewContactAttempt
from boligdesk.services.timeline import parse_clock_time
from boligdesk.ui.cases.case_fields import (
    Write,
    date_edit,
    enum_combo,
    hint_label,
    row_table,
    selected_id,
    time_text,
)
from boligdesk.ui.cases.case_page import CasePage
from boligdesk.ui.context import AppContext
from boligdesk.ui.shared.error_label import ErrorLabel
from boligdesk.ui.shared.form_grid import add_labelled_columns
from boligdesk.ui.shared.table_model import Column, TableModel

STEP_STYLE = "QFrame#nextStep { background: #e8f0fe; border: 1px solid #9bb7e8; border-radius: 4px; }"
DONE_STYLE = "QFrame#nextStep { background: #e6f4ea; border: 1px solid #8cc39c; border-radius: 4px; }"

ATTEMPT_COLUMNS: tuple[Column[ContactAttemptRow], ...] = (
    Column("Dato", lambda r: f"{format_short(r.at.date())} {time_text(r.at.time())}"),
    Column("Kanal", lambda r: r.channel.label),
    Column("Resultat", lambda r: r.result.label),
    Column("Bemærkning", lambda r: r.note, tooltip=lambda r: r.note),
    Column("Af", lambda r: r.by),
)


def _attempt_style(row: ContactAttemptRow) -> tuple[QBrush | None, QBrush | None, QFont | None]:
    if row.reached:
        return None, QBrush(QColor("#e6f4ea")), None
    return None, None, None


class CaseContactPage(CasePage):
    title = "&Kontakt"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.step_frame = QFrame()
        self.step_frame.setObjectName("nextStep")
        self.step_title = QLabel("Næste skridt")
        self.step_title.setStyleSheet("font-weight: 600;")
        self.step_text = QLabel()
        self.step_text.setWordWrap(True)
        step_layout = QVBoxLayout(self.step_frame)
        step_layout.addWidget(self.step_title)
        step_layout.addWidget(self.step_text)

        self.date = date_edit()
        self.time = QLineEdit()
        self.time.setPlaceholderText("tt.mm")
        self.time.setFixedWidth(64)
        self.channel: QComboBox = enum_combo(ContactChannel.choices(), none_text=None)
        self.result: QComboBox = enum_combo([], none_text=None)
        self.note = QLineEdit()
        self.note.setPlaceholderText("Kort bemærkning (valgfri)")
        self.log_button = QPushButton("&Registrér forsøg")
        self.log_error = ErrorLabel()

        form = QGridLayout()
        add_labelled_columns(
            form,
            (
                ("Dato", self.date),
                ("Kl.", self.time),
                ("K&anal", self.channel),
                ("Res&ultat", self.result),
            ),
        )
        note_label = QLabel("Be&mærkning")
        note_label.setBuddy(self.note)
        form.addWidget(note_label, 2, 0, 1, 4)
        note_row = QHBoxLayout()
        note_row.addWidget(self.note, 1)
        note_row.addWidget(self.log_button)
        form.addLayout(note_row, 3, 0, 1, 4)
        form.setColumnStretch(2, 1)
        form.setColumnStretch(3, 1)
        log_box = QGroupBox("Nyt kontaktforsøg")
        log_layout = QVBoxLayout(log_box)
        log_layout.addLayout(form)
        log_layout.addWidget(self.log_error)

        self.attempts = TableModel(ATTEMPT_COLUMNS, self, style=_attempt_style)
        self.table = row_table(self.attempts, 3, min_height=140, name="Kontaktforsøg")
        self.remove_button = QPushButton("&Fjern valgte (fejlregistrering)")
        self.summary = hint_label()
        self.list_error = ErrorLabel()
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.remove_button)
        list_box = QGroupBox("Kontaktforsøg")
        list_layout = QVBoxLayout(list_box)
        list_layout.addWidget(self.table, 1)
        list_layout.addLayout(bottom)
        list_layout.addWidget(self.list_error)

        layout = QVBoxLayout(self)
        layout.addWidget(self.step_frame)
        layout.addWidget(log_box)
        layout.addWidget(list_box, 1)

        self.channel.currentIndexChanged.connect(self._fill_results)
        self.log_button.clicked.connect(self.log_attempt)
        self.note.returnPressed.connect(self.log_attempt)
        self.remove_button.clicked.connect(self.remove_attempt)
        self._fill_results()

    def _fill_results(self) -> None:
        channel = ContactChannel(self.channel.currentData())
        current = self.result.currentData()
        with QSignalBlocker(self.result):
            self.result.clear()
            for result in ALLOWED_RESULTS[channel]:
                self.result.addItem(result.label, result.value)
            index = self.result.findData(current)
            self.result.setCurrentIndex(max(index, 0))

    def _reset_form(self, d: CaseDetails) -> None:
        now = dt.datetime.now()
        self.date.setText(format_short(self.today()))
        self.time.setText(now.strftime("%H:%M"))
        suggested = d.next_contact_step.channels
        if suggested:
            self.channel.setCurrentIndex(max(self.channel.findData(suggested[0]), 0))
        self.note.clear()
        self.log_error.clear_message()

    def load(self, d: CaseDetails, force: bool) -> None:
        step = d.next_contact_step
        self.step_title.setText("Kontaktprocessen er slut" if step.finished else "Næste skridt")
        self.step_text.setText(step.text)
        self.step_frame.setStyleSheet(DONE_STYLE if step.finished else STEP_STYLE)
        if force:
            self._reset_form(d)
        selected = None if force else selected_id(self.table)
        self.attempts.set_rows(list(reversed(d.contact_attempts)))
        if selected is not None:
            row = self.attempts.row_of(selected)
            if row >= 0:
                self.table.selectRow(row)
        s = d.closing_suggestion
        reached = "kontakt opnået" if s.contact_reached else "ingen kontakt endnu"
        self.summary.setText(f"{len(d.contact_attempts)} forsøg · {reached}")
        if force:
            self.list_error.clear_message()

    def _attempt(self) -> NewContactAttempt:
        day = parse_date(self.date.text(), field="at")
        clock = parse_clock_time(self.time.text(), field="at") or dt.time(0, 0)
        return NewContactAttempt(
            at=dt.datetime.combine(day, clock),
            channel=ContactChannel(self.channel.currentData()),
            result=ContactResult(self.result.currentData()),
            note=self.note.text(),
        )

    def log_attempt(self) -> None:
        if self.case_id is None:
            return

        def log() -> Write:
            return self.ctx.desk.contact.log(self.case(), self._attempt())

        if self.run(log, self.log_error):
            self.note.clear()
            if self.details is not None:
                self._reset_form(self.details)

    def remove_attempt(self) -> None:
        attempt_id = selected_id(self.table)
        if attempt_id is None:
            self.list_error.show_message("Vælg det kontaktforsøg, der skal fjernes.")
            return
        self.run(lambda: self.ctx.desk.contact.remove(self.case(), attempt_id), self.list_error)
