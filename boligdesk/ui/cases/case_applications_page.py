"""Ansøgninger: what was applied for with the tenant, to whom, the decision and the appeal deadline.

The appeal deadline comes from the dated rule for that kind of decision (``budget/appeals.py``); where
BoligDesk knows no rule it says "ukendt" and the tooltip says to read the decision's klagevejledning.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from boligdesk.budget.calendar import format_short
from boligdesk.budget.cooperation import ApplicationKind, Decision
from boligdesk.services.applications import ApplicationRow
from boligdesk.services.case_read import CaseDetails
from boligdesk.ui.cases.case_fields import (
    date_edit,
    date_text,
    hint_label,
    money_edit,
    money_text,
    row_table,
    select_id,
    selected_id,
)
from boligdesk.ui.cases.case_page import CasePage
from boligdesk.ui.context import AppContext
from boligdesk.ui.shared.error_label import ErrorLabel
from boligdesk.ui.shared.form_grid import add_labelled_columns
from boligdesk.ui.shared.table_model import Column, TableModel

UNKNOWN_COLOUR = "#9a5b00"


def _appeal_tip(row: ApplicationRow) -> str | None:
    return row.appeal.explanation if row.appeal is not None else None


def applications_model(parent: QWidget) -> TableModel[ApplicationRow]:
    return TableModel(
        (
            Column("Ansøgt om", lambda r: r.kind.label, width=200),
            Column("Sendt til", lambda r: r.sent_to, width=150),
            Column("Sendt", lambda r: format_short(r.sent_on), width=80),
            Column("Beløb", lambda r: money_text(r.applied_amount), align_right=True, width=95),
            Column("Svar senest", lambda r: date_text(r.answer_due_on), width=80),
            Column("Afgørelse", lambda r: r.decision.label, width=110),
            Column("Modtaget", lambda r: date_text(r.received_on), width=80),
            Column(
                "Bevilget",
                lambda r: money_text(r.granted_amount) + (" ✓" if r.applied_to_arrears else ""),
                tooltip=lambda r: (
                    "Trukket fra restancen i afdragsordningen" if r.applied_to_arrears else None
                ),
                align_right=True,
                width=95,
            ),
            Column(
                "Klagefrist",
                lambda r: r.appeal_text,
                tooltip=_appeal_tip,
                foreground=lambda r: (
                    UNKNOWN_COLOUR if r.appeal is not None and r.appeal.date is None else None
                ),
                width=85,
            ),
            Column("Brev", lambda r: r.letter_title, width=150),
        ),
        parent,
        tooltip=lambda r: r.note or None,
    )


class CaseApplicationsPage(CasePage):
    title = "Ansøgninger"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.applications = applications_model(self)
        self.table = row_table(self.applications, 0, min_height=130, name="Ansøgninger")
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show_decision())

        # --- a new application
        self.kind = QComboBox()
        for kind in ApplicationKind:
            self.kind.addItem(kind.label, kind.value)
        self.sent_to = QLineEdit()
        self.sent_to.setPlaceholderText("fx Opdigtet Kommune, Ydelsescenter")
        self.sent_on = date_edit()
        self.amount = money_edit()
        self.answer_due_on = date_edit()
        self.letter = QComboBox()
        self.add_button = QPushButton("&Registrér ansøgning")
        self.add_button.clicked.connect(self._add)
        self.add_error = ErrorLabel()
        new_grid = QGridLayout()
        add_labelled_columns(
            new_grid,
            [
                ("&Ansøgt om", self.kind),
                ("Sendt &til", self.sent_to),
                ("&Sendt", self.sent_on),
                ("&Beløb", self.amount),
                ("S&var senest", self.answer_due_on),
            ],
        )
        letter_row = QHBoxLayout()
        letter_row.addWidget(self.letter, 1)
        letter_row.addWidget(self.add_button)
        new_box = QGroupBox("Ny ansøgning")
        new_layout = QVBoxLayout(new_box)
        new_layout.addLayout(new_grid)
        new_layout.addWidget(hint_label("Brevet, der blev sendt med (fra sagens breve):"))
        new_layout.addLayout(letter_row)
        new_layout.addWidget(self.add_error)

        # --- the decision on the chosen application
        self.decision = QComboBox()
        for decision in Decision:
            self.decision.addItem(decision.label, decision.value)
        self.decided_on = date_edit()
        self.received_on = date_edit()
        self.granted = money_edit()
        self.save_decision = QPushButton("&Gem afgørelse")
        self.remove_button = QPushButton("Slet ansøgning")
        self.apply_button = QPushButton("&Træk bevillingen fra restancen")
        self.apply_button.setToolTip(
            "Det bevilgede beløb betales til udlejer: afdragsordningen skal kun dække resten af restancen."
        )
        self.apply_button.clicked.connect(self._toggle_applied)
        self.save_decision.clicked.connect(self._decide)
        self.remove_button.clicked.connect(self._remove)
        self.decision_error = ErrorLabel()
        self.appeal_note = hint_label()
        self.appeal_note.setMinimumHeight(3 * self.appeal_note.fontMetrics().lineSpacing())
        decision_grid = QGridLayout()
        add_labelled_columns(
            decision_grid,
            [
                ("Af&gørelse", self.decision),
                ("Afgjort &den", self.decided_on),
                ("&Modtaget af borgeren", self.received_on),
                ("Bev&ilget beløb", self.granted),
            ],
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_decision)
        buttons.addWidget(self.apply_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        self.decision_box = QGroupBox("Afgørelse på den valgte ansøgning")
        decision_layout = QVBoxLayout(self.decision_box)
        decision_layout.addLayout(decision_grid)
        decision_layout.addLayout(buttons)
        decision_layout.addWidget(self.appeal_note)
        decision_layout.addWidget(self.decision_error)

        layout = QVBoxLayout(self)
        layout.addWidget(
            hint_label(
                "Ansøgninger til kommunen, Udbetaling Danmark, banken … og afgørelserne. Klagefristen regnes "
                "fra den dag, borgeren modtog afgørelsen; åbne ansøgninger og klagefrister står under Frister."
            )
        )
        layout.addWidget(self.table)
        layout.addWidget(self.decision_box)
        layout.addWidget(new_box)
        layout.addStretch(1)

    def load(self, details: CaseDetails, force: bool) -> None:
        chosen = None if force else selected_id(self.table)
        self.applications.set_rows(self.ctx.desk.applications.for_case(details.id))
        self.letter.clear()
        self.letter.addItem("(intet brev)", None)
        for letter in self.ctx.desk.letters.letters(details.id):
            self.letter.addItem(f"{letter.title} ({format_short(letter.made_at.date())})", letter.id)
        if force:
            self.sent_on.setValue(self.today())
            for edit in (self.sent_to, self.amount, self.answer_due_on):
                edit.clear()
            self.add_error.clear_message()
        select_id(self.table, chosen)
        self._show_decision()

    def _chosen(self) -> ApplicationRow | None:
        chosen = selected_id(self.table)
        return next((r for r in self.applications.rows() if r.id == chosen), None)

    def _show_decision(self) -> None:
        row = self._chosen()
        self.decision_box.setEnabled(row is not None)
        self.decision_error.clear_message()
        if row is None:
            self.appeal_note.setText("Vælg en ansøgning i listen for at skrive afgørelsen ind.")
            return
        self.decision.setCurrentIndex(self.decision.findData(row.decision.value))
        self.decided_on.setValue(row.decided_on)
        self.received_on.setValue(row.received_on)
        self.granted.setValue(row.granted_amount)
        self.apply_button.setEnabled(row.granted_amount is not None)
        self.apply_button.setText(
            "Fortryd: &træk ikke bevillingen fra restancen"
            if row.applied_to_arrears
            else "&Træk bevillingen fra restancen"
        )
        self.appeal_note.setText(
            f"Klagefrist {row.appeal_text}: {row.appeal.explanation}" if row.appeal is not None else ""
        )

    def _add(self) -> None:
        case_id = self.case()
        letter_id = self.letter.currentData()
        values = {
            "kind": self.kind.currentData(),
            "sent_to": self.sent_to.text(),
            "sent_on": self.sent_on.text(),
            "applied_amount": self.amount.text(),
            "answer_due_on": self.answer_due_on.text(),
        }
        if self.run(
            lambda: self.ctx.desk.applications.add(case_id, letter_id=letter_id, **values), self.add_error
        ):
            for edit in (self.sent_to, self.amount, self.answer_due_on):
                edit.clear()

    def _decide(self) -> None:
        row = self._chosen()
        if row is None:
            return
        case_id = self.case()
        values = {
            "decision": self.decision.currentData(),
            "decided_on": self.decided_on.text(),
            "received_on": self.received_on.text(),
            "granted_amount": self.granted.text(),
        }
        self.run(
            lambda: self.ctx.desk.applications.record_decision(case_id, row.id, **values), self.decision_error
        )

    def _toggle_applied(self) -> None:
        row = self._chosen()
        if row is not None:
            case_id, apply = self.case(), not row.applied_to_arrears
            self.run(
                lambda: self.ctx.desk.applications.apply_to_arrears(case_id, row.id, apply),
                self.decision_error,
            )

    def _remove(self) -> None:
        row = self._chosen()
        if row is not None:
            case_id = self.case()
            self.run(lambda: self.ctx.desk.applications.remove(case_id, row.id), self.decision_error)
