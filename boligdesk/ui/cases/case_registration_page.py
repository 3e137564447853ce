"""Sagsforhold: kind (with history), phase, referral, income basis, triggers and causes — picklists only."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from boligdesk.budget.calendar import format_short
from boligdesk.budget.vocabulary import (
    CaseKind,
    CasePhase,
    Cause,
    Certainty,
    CodeCategory,
    IncomeBasis,
    ReferralSource,
    Trigger,
)
from boligdesk.services import case_read as cd
from boligdesk.services.cases import CASE_FIELDS, CaseField
from boligdesk.services.changes import Changes
from boligdesk.ui.cases.case_fields import (
    CheckGrid,
    Write,
    add_row,
    enum_combo,
    hint_label,
    parse_optional_int,
)
from boligdesk.ui.cases.case_page import CasePage
from boligdesk.ui.context import AppContext
from boligdesk.ui.shared.error_label import ErrorLabel
from boligdesk.ui.shared.field_labels import form_label

YES_NO = (("yes", "Ja"), ("no", "Nej"))


def _yes_no(value: bool | None) -> str | None:
    return None if value is None else ("yes" if value else "no")


class CaseRegistrationPage(CasePage):
    title = "Sa&gsforhold"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        b = self.binder

        def case_field(
            name: CaseField, convert: Callable[[Any], Any] = lambda v: v
        ) -> Callable[[Any], Write]:
            return lambda value: ctx.desk.cases.set_field(self.case(), name, convert(value))

        self.kind = enum_combo(CaseKind.choices(), none_text=None)
        self.kind_history = hint_label()
        self.phase = enum_combo(
            [c for c in CasePhase.choices() if c[0] != CasePhase.CLOSED.value], none_text=None
        )
        self.referral = enum_combo(ReferralSource.choices())
        self.income = enum_combo(IncomeBasis.choices())
        self.terminations = QLineEdit()
        self.terminations.setMaximumWidth(50)
        self.meeting = enum_combo(YES_NO, none_text="Ved ikke")
        self.covered = enum_combo(YES_NO, none_text="Ved ikke")
        e = {n: ErrorLabel() for n in ("kind", "phase", "terminations", "codes")}
        self.errors = e

        self._kind = b.combo(self.kind, e["kind"], lambda v: self._set_kind(CaseKind(v)))
        self._phase = b.combo(self.phase, e["phase"], case_field("phase"))
        self._referral = b.combo(self.referral, None, case_field("referral_source"))
        self._income = b.combo(self.income, None, case_field("income_basis"))
        self._terminations = b.line(
            self.terminations,
            e["terminations"],
            parse_optional_int("terminations_this_year", "Skriv antallet som et helt tal, fx 1."),
            case_field("terminations_this_year", lambda v: 0 if v is None else v),
        )
        to_bool = lambda v: None if v is None else v == "yes"  # noqa: E731
        self._meeting = b.combo(self.meeting, None, case_field("wants_personal_meeting", to_bool))
        self._covered = b.combo(self.covered, None, case_field("arrears_covered", to_bool))

        left = QFormLayout()
        f = CASE_FIELDS
        add_row(left, form_label(f, "kind", "y"), self.kind, e["kind"])
        left.addRow("", self.kind_history)
        add_row(left, form_label(f, "phase", "F"), self.phase, e["phase"])
        add_row(left, form_label(f, "referral_source", "H"), self.referral, ErrorLabel())
        right = QFormLayout()
        add_row(right, form_label(f, "income_basis", "I"), self.income, ErrorLabel())
        add_row(right, form_label(f, "terminations_this_year", "O"), self.terminations, e["terminations"])
        add_row(right, form_label(f, "wants_personal_meeting", "m"), self.meeting, ErrorLabel())
        add_row(right, form_label(f, "arrears_covered", "æ"), self.covered, ErrorLabel())
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addSpacing(12)
        columns.addLayout(right, 1)
        case_box = QGroupBox("Sagen")
        case_box.setLayout(columns)

        self.triggers = CheckGrid(Trigger.choices(), columns=3)
        self.triggers.toggled.connect(lambda code, on: self._set_code(CodeCategory.TRIGGER, code, on))
        trigger_box = QGroupBox("Anledning (flere kan vælges)")
        QVBoxLayout(trigger_box).addWidget(self.triggers)

        self.cause_boxes: dict[str, QCheckBox] = {}
        self.cause_certainty: dict[str, QComboBox] = {}
        cause_grid = QGridLayout()
        cause_grid.setHorizontalSpacing(8)
        cause_grid.setVerticalSpacing(2)
        causes = Cause.choices()
        rows = (len(causes) + 1) // 2
        for i, (value, label) in enumerate(causes):
            box = QCheckBox(label)
            certainty = enum_combo(Certainty.choices(), none_text=None)
            certainty.setEnabled(False)
            certainty.setAccessibleName(f"Sikkerhed for {label}")
            box.toggled.connect(lambda on, v=value: self._cause_toggled(v, on))
            certainty.currentIndexChanged.connect(lambda _i, v=value: self._certainty_changed(v))
            column = (i // rows) * 2
            cause_grid.addWidget(box, i % rows, column)
            cause_grid.addWidget(certainty, i % rows, column + 1)
            self.cause_boxes[value] = box
            self.cause_certainty[value] = certainty
        cause_grid.setColumnStretch(0, 1)
        cause_grid.setColumnStretch(2, 1)
        cause_box = QGroupBox("Bagvedliggende årsager — kendt eller formodet")
        cause_layout = QVBoxLayout(cause_box)
        cause_layout.addLayout(cause_grid)

        layout = QVBoxLayout(self)
        layout.addWidget(case_box)
        layout.addWidget(trigger_box)
        layout.addWidget(cause_box)
        layout.addWidget(e["codes"])
        layout.addStretch(1)

    def _set_kind(self, kind: CaseKind) -> Changes:
        return self.ctx.desk.cases.set_kind(self.case(), kind)

    # --- picklists ----------------------------------------------------------------------------------
    def _set_code(
        self, category: CodeCategory, code: str, on: bool, certainty: Certainty | None = None
    ) -> bool:
        return self.run(
            lambda: self.ctx.desk.registration.set_code(self.case(), category, code, on, certainty=certainty),
            self.errors["codes"],
        )

    def _cause_toggled(self, code: str, on: bool) -> None:
        combo = self.cause_certainty[code]
        combo.setEnabled(on)
        certainty = Certainty(combo.currentData()) if on else None
        self._set_code(CodeCategory.CAUSE, code, on, certainty)

    def _certainty_changed(self, code: str) -> None:
        if not self.cause_boxes[code].isChecked():
            return
        self._set_code(CodeCategory.CAUSE, code, True, Certainty(self.cause_certainty[code].currentData()))

    # --- loading ------------------------------------------------------------------------------------
    def load(self, d: cd.CaseDetails, force: bool) -> None:
        self._kind.load(d.kind, force=force)
        history = [f"{h.kind.label} ({format_short(h.changed_at.date())})" for h in d.kind_history]
        self.kind_history.setText("Historik: " + " → ".join(history) if len(history) > 1 else "")
        self.kind_history.setVisible(len(history) > 1)
        self._phase.load(d.phase, force=force)
        self.phase.setEnabled(not d.is_closed)
        self._referral.load(d.referral_source, force=force)
        self._income.load(d.income_basis, force=force)
        self._terminations.load(str(d.terminations_this_year), force=force)
        self._meeting.load(_yes_no(d.wants_personal_meeting), force=force)
        self._covered.load(_yes_no(d.arrears_covered), force=force)
        self.triggers.set_checked(d.selected(CodeCategory.TRIGGER))
        causes = d.selected(CodeCategory.CAUSE)
        for value, box in self.cause_boxes.items():
            combo = self.cause_certainty[value]
            with QSignalBlocker(box), QSignalBlocker(combo):
                box.setChecked(value in causes)
                combo.setEnabled(value in causes)
                qualifier = causes.get(value) or Certainty.ASSUMED.value
                combo.setCurrentIndex(max(combo.findData(qualifier), 0))
        if force:
            self.errors["codes"].clear_message()
