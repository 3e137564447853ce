"""Afslutning: outcome, the closing registration of 004 Bilag 1, closing and reopening the case.

The registration fields save as the adviser fills them in; "Afslut sagen" checks that the outcome (and,
for a move-out or an eviction, the arrears left) is there, fills what the case already knows, and closes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QFormLayout,
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
from boligdesk.budget.vocabulary import Cause, CivilStatus, ContactChannel, Education, IncomeBasis, Outcome
from boligdesk.services.case_read import CaseDetails
from boligdesk.services.closing import MOVE_OUT_OUTCOMES, ClosingField
from boligdesk.services.tenant import TenantField
from boligdesk.ui.cases.case_fields import (
    Write,
    add_row,
    date_edit,
    enum_combo,
    hint_label,
    money_edit,
    money_text,
    parse_optional_int,
    parse_optional_money,
)
from boligdesk.ui.cases.case_page import CasePage
from boligdesk.ui.context import AppContext
from boligdesk.ui.shared.error_label import ErrorLabel
from boligdesk.ui.statistics.case_fields import StatsFields

CLOSED_STYLE = "QFrame#closedBanner { background: #eeeeee; border: 1px solid #bbbbbb; border-radius: 4px; }"


def _int_text(value: int | None) -> str:
    return "" if value is None else str(value)


def _labels(items: tuple[object, ...]) -> str:
    return ", ".join(getattr(i, "label", str(i)) for i in items) or "—"


class CaseClosingPage(CasePage):
    title = "Afslutni&ng"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        b = self.binder

        def closing(field: ClosingField) -> Callable[[Any], Write]:
            return lambda value: self.ctx.desk.closing.set_field(self.case(), field, value)

        def tenant(field: TenantField) -> Callable[[Any], Write]:
            return lambda value: ctx.desk.tenant.set_field(self.case(), field, value)

        # --- banner for a closed case ----------------------------------------------------------------
        self.banner = QFrame()
        self.banner.setObjectName("closedBanner")
        self.banner.setStyleSheet(CLOSED_STYLE)
        self.banner_text = QLabel()
        self.banner_text.setWordWrap(True)
        self.banner_text.setStyleSheet("font-weight: 600;")
        self.reopen_button = QPushButton("&Genåbn sagen")
        banner_layout = QHBoxLayout(self.banner)
        banner_layout.addWidget(self.banner_text, 1)
        banner_layout.addWidget(self.reopen_button)

        # --- registration ------------------------------------------------------------------------------
        self.outcome = enum_combo(Outcome.choices())
        self.age = QLineEdit()
        self.children_count = QLineEdit()
        for edit in (self.age, self.children_count):
            edit.setMaximumWidth(60)
        self.civil_status = enum_combo(CivilStatus.choices())
        self.education = enum_combo(Education.choices())
        self.income = enum_combo(IncomeBasis.choices())
        self.first_contact = enum_combo(ContactChannel.choices())
        self.age_hint = hint_label()
        self.children_hint = hint_label()
        self.first_contact_hint = hint_label()
        e = {n: ErrorLabel() for n in ("outcome", "age", "children", "years", "arrears", "close")}
        self.errors = e
        self._outcome = b.combo(self.outcome, e["outcome"], closing("outcome"))
        self._age = b.line(
            self.age,
            e["age"],
            parse_optional_int("closing_age", "Alderen skal være et helt tal fra 0 til 120."),
            closing("closing_age"),
        )
        self._children = b.line(
            self.children_count,
            e["children"],
            parse_optional_int("closing_children", "Antal børn skal være et helt tal fra 0 til 20."),
            closing("closing_children"),
        )
        self._civil = b.combo(self.civil_status, None, tenant("civil_status"))
        self._education = b.combo(self.education, None, tenant("education"))
        self._income = b.combo(
            self.income,
            None,
            lambda v: ctx.desk.cases.set_field(self.case(), "income_basis", v),
        )
        self._first_contact = b.combo(self.first_contact, None, closing("first_contact_channel"))

        form = QFormLayout()
        add_row(form, "&Udfald", self.outcome, e["outcome"])
        add_row(form, "Lejerens &alder", self.age, e["age"], self.age_hint)
        add_row(form, "Antal &børn", self.children_count, e["children"], self.children_hint)
        add_row(form, "&Civilstand", self.civil_status, ErrorLabel())
        add_row(form, "Uddannels&e", self.education, ErrorLabel())
        add_row(form, "&Indtægtsgrundlag", self.income, ErrorLabel())
        add_row(form, "&Første kontakt via", self.first_contact, ErrorLabel(), self.first_contact_hint)
        self.stats_fields = StatsFields(ctx, self.binder, self.case, form)
        registration_box = QGroupBox("Registrering ved afslutning")
        registration_box.setLayout(form)

        # --- move-out / eviction ------------------------------------------------------------------------
        self.years = QLineEdit()
        self.years.setMaximumWidth(60)
        self.years_hint = hint_label()
        self.arrears_left = money_edit()
        self.cause = enum_combo(Cause.choices(), none_text="(ukendt)")
        self._years = b.line(
            self.years,
            e["years"],
            parse_optional_int(
                "tenancy_years_at_move_out", "Lejemålets varighed skal være et helt antal år fra 0 til 100."
            ),
            closing("tenancy_years_at_move_out"),
        )
        self._arrears_left = b.line(
            self.arrears_left,
            e["arrears"],
            parse_optional_money("arrears_at_move_out"),
            closing("arrears_at_move_out"),
        )
        self._cause = b.combo(self.cause, None, closing("move_out_cause"))
        move_form = QFormLayout()
        add_row(move_form, "Lejet i (år)", self.years, e["years"], self.years_hint)
        add_row(move_form, "&Restance ved fraflytning", self.arrears_left, e["arrears"], hint_label("kr."))
        add_row(move_form, "Årsag, &hvis kendt", self.cause, ErrorLabel())
        self.move_box = QGroupBox("Ved fraflytning eller udsættelse")
        self.move_box.setLayout(move_form)

        # --- what the case already shows -------------------------------------------------------------------
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        summary_box = QGroupBox("Fra sagen")
        QVBoxLayout(summary_box).addWidget(self.summary)

        # --- closing ------------------------------------------------------------------------------------------
        self.closed_on = date_edit()
        self.close_button = QPushButton("Afslut &sagen")
        close_row = QHBoxLayout()
        closed_label = QLabel("Afslutningsdat&o")
        closed_label.setBuddy(self.closed_on)
        close_row.addWidget(closed_label)
        close_row.addWidget(self.closed_on)
        close_row.addWidget(self.close_button)
        close_row.addStretch(1)

        grid = QGridLayout(self)
        grid.addWidget(self.banner, 0, 0, 1, 2)
        grid.addWidget(registration_box, 1, 0, 2, 1)
        grid.addWidget(self.move_box, 1, 1)
        grid.addWidget(summary_box, 2, 1)
        grid.addLayout(close_row, 3, 0, 1, 2)
        grid.addWidget(e["close"], 4, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(5, 1)

        self.close_button.clicked.connect(self.close_case)
        self.reopen_button.clicked.connect(self.reopen_case)
        self.outcome.currentIndexChanged.connect(self._outcome_changed)

    def _outcome_changed(self) -> None:
        self.move_box.setEnabled(self.outcome.currentData() in {o.value for o in MOVE_OUT_OUTCOMES})

    def load(self, d: CaseDetails, force: bool) -> None:
        c = d.closing
        s = d.closing_suggestion
        self._outcome.load(c.outcome, force=force)
        self._outcome_changed()
        self._age.load(_int_text(c.closing_age), force=force)
        self._children.load(_int_text(c.closing_children), force=force)
        self._civil.load(d.tenant.civil_status, force=force)
        self._education.load(d.tenant.education, force=force)
        self._income.load(d.income_basis, force=force)
        self._first_contact.load(c.first_contact_channel, force=force)
        self.stats_fields.load(force)
        self._years.load(_int_text(c.tenancy_years_at_move_out), force=force)
        self._arrears_left.load(money_text(c.arrears_at_move_out), force=force)
        self._cause.load(c.move_out_cause, force=force)
        self.age_hint.setText(f"beregnet: {s.age} år" if s.age is not None and c.closing_age is None else "")
        self.children_hint.setText(f"beregnet: {s.children}" if c.closing_children is None else "")
        self.first_contact_hint.setText(
            f"beregnet: {s.first_contact_channel.label}"
            if s.first_contact_channel is not None and c.first_contact_channel is None
            else ""
        )
        self.years_hint.setText(
            f"beregnet: {s.tenancy_years}"
            if s.tenancy_years is not None and c.tenancy_years_at_move_out is None
            else ""
        )
        self.summary.setText(
            f"Kontaktformer brugt: {_labels(s.contact_channels_used)}\n"
            f"Kontakt opnået: {'ja' if s.contact_reached else 'nej'}\n"
            f"Opsøgende på adressen: {'ja' if s.outreach_at_address else 'nej'}\n"
            f"Rådgivet om: {_labels(s.advice_topics)}\n"
            f"Praktisk hjælp: {_labels(s.practical_help)}"
        )
        if d.is_closed and c.closed_on is not None:
            outcome = c.outcome.label if c.outcome else "—"
            self.banner_text.setText(f"Sagen blev afsluttet {format_short(c.closed_on)}. Udfald: {outcome}.")
        self.banner.setVisible(d.is_closed)
        self.closed_on.setEnabled(not d.is_closed)
        self.close_button.setEnabled(not d.is_closed)
        if force:
            self.closed_on.setText(format_short(self.today()))
            self.errors["close"].clear_message()

    def close_case(self) -> None:
        def close() -> Write:
            closed_on = parse_date(self.closed_on.text(), field="closed_on")
            return self.ctx.desk.closing.close(self.case(), closed_on=closed_on)

        self.run(close, self.errors["close"])

    def reopen_case(self) -> None:
        self.run(lambda: self.ctx.desk.closing.reopen(self.case()), self.errors["close"])
