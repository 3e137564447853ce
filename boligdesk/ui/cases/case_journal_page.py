"""Journal og opfølgning: follow-ups the adviser sets, and the append-only journal.

A journal note is never edited: "Ret note" writes a new note that refers to the old one; the old note
stays, shown struck through as corrected.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QTimer
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from boligdesk.budget.calendar import format_short, parse_date
from boligdesk.services.case_read import CaseDetails
from boligdesk.services.drafts import DraftKey
from boligdesk.services.journal import FollowUpRow, JournalNoteRow
from boligdesk.ui.cases.case_fields import (
    Write,
    date_edit,
    date_text,
    hint_label,
    row_table,
    select_id,
    selected_id,
)
from boligdesk.ui.cases.case_page import CasePage
from boligdesk.ui.context import AppContext
from boligdesk.ui.shared.error_label import ErrorLabel
from boligdesk.ui.shared.table_model import Column, TableModel

#: A note being typed is written to the (local, encrypted) drafts this long after the typing pauses.
DRAFT_DELAY_MS = 800


def local_time(utc: dt.datetime) -> dt.datetime:
    """Journal times are stored in UTC; show them in the laptop's local time."""
    return utc.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)


def when(utc: dt.datetime) -> str:
    local = local_time(utc)
    return f"{format_short(local.date())} {local:%H:%M}"


class JournalTableModel(TableModel[JournalNoteRow]):
    """Newest note first. Corrected notes are grey and struck through; a correction says what it corrects."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            (
                Column("Skrevet", lambda r: when(r.written_at)),
                Column("Af", lambda r: r.author),
                Column("Note", self._text, tooltip=lambda r: r.text),
            ),
            parent,
            style=self._style,
        )
        self._by_id: dict[str, JournalNoteRow] = {}

    def set_rows(self, rows: Sequence[JournalNoteRow]) -> None:
        notes = list(rows)
        self._by_id = {n.id: n for n in notes}
        super().set_rows(list(reversed(notes)))

    def _text(self, row: JournalNoteRow) -> str:
        prefix = ""
        if row.is_corrected:
            prefix = "[Rettet] "
        if row.corrects_id and row.corrects_id in self._by_id:
            prefix += f"Rettelse af note fra {when(self._by_id[row.corrects_id].written_at)}: "
        return prefix + row.text

    @staticmethod
    def _style(row: JournalNoteRow) -> tuple[QBrush | None, QBrush | None, QFont | None]:
        if not row.is_corrected:
            return None, None, None
        font = QFont()
        font.setStrikeOut(True)
        return QBrush(QColor("#777777")), None, font


FOLLOW_UP_COLUMNS: tuple[Column[FollowUpRow], ...] = (
    Column("Dato", lambda r: date_text(r.due_on)),
    Column("Hvad", lambda r: r.text),
    Column("Udført", lambda r: date_text(r.done_on)),
)


def _follow_up_style(row: FollowUpRow) -> tuple[QBrush | None, QBrush | None, QFont | None]:
    return (QBrush(QColor("#777777")), None, None) if row.done_on else (None, None, None)


class CaseJournalPage(CasePage):
    title = "&Journal"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        # --- follow-ups -----------------------------------------------------------------------------------
        self.follow_ups = TableModel(FOLLOW_UP_COLUMNS, self, style=_follow_up_style)
        self.follow_up_table = row_table(self.follow_ups, 1, min_height=70, name="Opfølgninger")
        self.follow_up_table.setMaximumHeight(96)
        self.follow_up_date = date_edit()
        self.follow_up_text = QLineEdit()
        self.follow_up_text.setPlaceholderText("Hvad skal følges op, fx »Ring om boligstøtten«")
        self.add_follow_up_button = QPushButton("Tilføj o&pfølgning")
        self.done_button = QPushButton("&Udført / ikke udført")
        self.remove_follow_up_button = QPushButton("Fjern")
        self.follow_up_error = ErrorLabel()
        add_row = QHBoxLayout()
        date_label = QLabel("Dat&o")
        date_label.setBuddy(self.follow_up_date)
        add_row.addWidget(date_label)
        add_row.addWidget(self.follow_up_date)
        add_row.addWidget(self.follow_up_text, 1)
        add_row.addWidget(self.add_follow_up_button)
        manage_row = QHBoxLayout()
        manage_row.addStretch(1)
        manage_row.addWidget(self.done_button)
        manage_row.addWidget(self.remove_follow_up_button)
        follow_up_box = QGroupBox("Opfølgninger (vises under Frister)")
        follow_up_layout = QVBoxLayout(follow_up_box)
        follow_up_layout.addWidget(self.follow_up_table)
        follow_up_layout.addLayout(manage_row)
        follow_up_layout.addLayout(add_row)
        follow_up_layout.addWidget(self.follow_up_error)

        # --- journal ---------------------------------------------------------------------------------------
        self.notes = JournalTableModel(self)
        self.note_table = row_table(self.notes, 2, min_height=120, name="Journalnoter")
        self.note_table.verticalHeader().setSectionResizeMode(
            self.note_table.verticalHeader().ResizeMode.ResizeToContents
        )
        self.editor = QPlainTextEdit()
        self.editor.setPlaceholderText("Skriv en journalnote … (Ctrl+Enter gemmer)")
        self.editor.setTabChangesFocus(True)
        self.editor.setFixedHeight(64)
        self.correcting = hint_label()
        self.correcting.setStyleSheet("color: #8a4b00; font-weight: 600;")
        self.correcting.hide()
        self.save_note_button = QPushButton("G&em note")
        self.correct_button = QPushButton("&Ret valgte note…")
        self.cancel_correction_button = QPushButton("Annullér rettelse")
        self.cancel_correction_button.hide()
        self.note_error = ErrorLabel()
        note_label = QLabel("N&y note")
        note_label.setBuddy(self.editor)
        buttons = QHBoxLayout()
        buttons.addWidget(note_label)
        buttons.addStretch(1)
        buttons.addWidget(self.correct_button)
        buttons.addWidget(self.cancel_correction_button)
        buttons.addWidget(self.save_note_button)
        journal_box = QGroupBox("Journal (noter kan ikke slettes; en rettelse er en ny note)")
        journal_layout = QVBoxLayout(journal_box)
        journal_layout.addWidget(self.note_table, 1)
        journal_layout.addWidget(self.correcting)
        journal_layout.addLayout(buttons)
        journal_layout.addWidget(self.editor)
        journal_layout.addWidget(self.note_error)

        layout = QVBoxLayout(self)
        layout.addWidget(follow_up_box)
        layout.addWidget(journal_box, 1)

        self._corrects_id: str | None = None
        # A note being typed survives another case being opened, the window closing and a crash: it is
        # held as a draft on every keystroke and written to the store when the typing pauses.
        self._restoring = False
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.ctx.desk.drafts.flush)
        self.editor.textChanged.connect(self._hold_draft)
        self.add_follow_up_button.clicked.connect(self.add_follow_up)
        self.follow_up_text.returnPressed.connect(self.add_follow_up)
        self.done_button.clicked.connect(self.toggle_done)
        self.remove_follow_up_button.clicked.connect(self.remove_follow_up)
        self.save_note_button.clicked.connect(self.save_note)
        self.correct_button.clicked.connect(self.start_correction)
        self.cancel_correction_button.clicked.connect(self.cancel_correction)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self.editor, self.save_note)

    # --- the draft ----------------------------------------------------------------------------------------
    def _hold_draft(self) -> None:
        if self._restoring or self.case_id is None:
            return
        text = self.editor.toPlainText()
        fields = {"text": text, "corrects_id": self._corrects_id} if text.strip() else {}
        self.ctx.desk.drafts.hold(DraftKey.journal(self.case_id), fields)
        self._draft_timer.start()

    def _restore_draft(self, d: CaseDetails) -> None:
        draft = self.ctx.desk.drafts.load(DraftKey.journal(d.id))
        self._restoring = True
        try:
            self.cancel_correction()
            self.editor.setPlainText(draft.get("text", ""))
        finally:
            self._restoring = False
        corrects = draft.get("corrects_id")
        if corrects is not None and corrects in {n.id for n in d.journal}:
            self._corrects_id = corrects
            self.correcting.setText(
                "Du er ved at rette en note. Den gamle note bliver stående, vist som rettet."
            )
            self.correcting.show()
            self.cancel_correction_button.show()

    # --- loading ----------------------------------------------------------------------------------------
    def load(self, d: CaseDetails, force: bool) -> None:
        keep_follow_up = None if force else selected_id(self.follow_up_table)
        keep_note = None if force else selected_id(self.note_table)
        self.follow_ups.set_rows(d.follow_ups)
        self.notes.set_rows(d.journal)
        select_id(self.follow_up_table, keep_follow_up)
        select_id(self.note_table, keep_note)
        self.note_table.resizeRowsToContents()
        if force:
            self._restore_draft(d)
            self.follow_up_text.clear()
            self.follow_up_date.setText(format_short(self.today() + dt.timedelta(days=7)))
            self.follow_up_error.clear_message()
            self.note_error.clear_message()

    # --- follow-ups ---------------------------------------------------------------------------------------
    def add_follow_up(self) -> None:
        def add() -> Write:
            due = parse_date(self.follow_up_date.text(), field="due_on")
            return self.ctx.desk.journal.add_follow_up(self.case(), due, self.follow_up_text.text())

        if self.run(add, self.follow_up_error):
            self.follow_up_text.clear()

    def toggle_done(self) -> None:
        follow_up_id = selected_id(self.follow_up_table)
        if follow_up_id is None:
            self.follow_up_error.show_message("Vælg en opfølgning i tabellen.")
            return
        row = self.follow_ups.row_at(self.follow_ups.row_of(follow_up_id))
        self.run(
            lambda: self.ctx.desk.journal.set_follow_up_done(self.case(), follow_up_id, row.done_on is None),
            self.follow_up_error,
        )

    def remove_follow_up(self) -> None:
        follow_up_id = selected_id(self.follow_up_table)
        if follow_up_id is None:
            self.follow_up_error.show_message("Vælg en opfølgning i tabellen.")
            return
        self.run(
            lambda: self.ctx.desk.journal.remove_follow_up(self.case(), follow_up_id), self.follow_up_error
        )

    # --- journal --------------------------------------------------------------------------------------------
    def start_correction(self) -> None:
        note_id = selected_id(self.note_table)
        if note_id is None:
            self.note_error.show_message("Vælg den note, der skal rettes.")
            return
        note = self.notes.row_at(self.notes.row_of(note_id))
        if note.is_corrected:
            self.note_error.show_message("Noten er allerede rettet. Ret den nyeste udgave i stedet.")
            return
        self._corrects_id = note_id
        self.correcting.setText(
            f"Du retter noten fra {when(note.written_at)}. Den gamle note bliver stående, vist som rettet."
        )
        self.correcting.show()
        self.cancel_correction_button.show()
        self.editor.setPlainText(note.text)
        self.editor.setFocus()
        self.note_error.clear_message()

    def cancel_correction(self) -> None:
        if self._corrects_id is not None:
            self.editor.clear()
        self._corrects_id = None
        self.correcting.hide()
        self.cancel_correction_button.hide()

    def save_note(self) -> None:
        if self.case_id is None:
            return
        corrects = self._corrects_id
        text = self.editor.toPlainText()
        if self.run(
            lambda: self.ctx.desk.journal.add_note(self.case(), text, corrects_id=corrects),
            self.note_error,
        ):
            self._corrects_id = None
            self.cancel_correction()
            self.editor.clear()
            self._draft_timer.stop()
            self.ctx.desk.drafts.clear(DraftKey.journal(self.case()))
