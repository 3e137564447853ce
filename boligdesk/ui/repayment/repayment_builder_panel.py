"""The plan builder: start date, months *or* instalment, the schedule at once, feasibility and policy.

Typing the number of months fills in the instalment and vice versa; the schedule, the total monthly
payment, the budget's margin, the suggestion and the policy messages follow every keystroke. The inputs
are saved as a draft when a field is left, so nothing typed is lost; "Aftal plan" saves a plan version.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from boligdesk.budget.calendar import format_short
from boligdesk.budget.repayment import (
    Feasibility,
    FeasibilityLevel,
    Schedule,
    assess_feasibility,
    build_schedule,
    first_rent_day_on_or_after,
    policy_problems,
    shortest_affordable_plan,
)
from boligdesk.budget.vocabulary import AgreedVia
from boligdesk.errors import UserInputError
from boligdesk.services.plan_rows import DraftView, PlanContext, PlanInput
from boligdesk.ui.context import AppContext
from boligdesk.ui.guide.guide_window import help_button
from boligdesk.ui.repayment.repayment_columns import SCHEDULE_COLUMNS, ScheduleLine
from boligdesk.ui.shared.date_edit import DateEdit
from boligdesk.ui.shared.desk_ops import run_write
from boligdesk.ui.shared.dialogs import ask_yes_no
from boligdesk.ui.shared.error_label import ErrorLabel
from boligdesk.ui.shared.money_edit import MoneyEdit
from boligdesk.ui.shared.table_model import TableModel, make_table_view

BY_MONTHS = "months"
BY_INSTALMENT = "instalment"

_LEVEL_STYLES = {
    FeasibilityLevel.CARRIES: "background: #d8f0de; color: #1d5a2c;",
    FeasibilityLevel.SHORT: "background: #f6cdc9; color: #7d1410;",
    FeasibilityLevel.NO_BUDGET: "background: #fff1c4; color: #5c4400;",
}
_BOX = "padding: 4px 6px; border-radius: 3px;"


class _FocusOut(QObject):
    def __init__(self, callback: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self._callback = callback

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self._callback()
        return False


class PlanBuilderPanel(QGroupBox):
    """Emits ``agreed(plan_id)`` when a plan version has been saved (after ``bus.changed`` announced it)."""

    agreed = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("Ny afdragsordning", parent)
        self._ctx = ctx
        self._context: PlanContext | None = None
        self._has_active = False
        self._by = BY_MONTHS
        self._loading = False
        self.schedule: Schedule | None = None
        self.feasibility: Feasibility | None = None
        self._suggested_months: int | None = None
        self.confirm: Callable[[str, str], bool] = lambda title, text: ask_yes_no(self, title, text)

        self.start = DateEdit(field="start_on")
        self.months = QLineEdit()
        self.months.setValidator(QIntValidator(0, 999, self.months))
        self.months.setMaximumWidth(60)
        self.months.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.instalment = MoneyEdit(field="instalment")
        self.instalment.setMaximumWidth(120)
        self.via = QComboBox()
        for value, label in AgreedVia.choices():
            self.via.addItem(label, value)
        self.budget_label = QLabel()
        self.assessment = QPlainTextEdit()
        self.assessment.setPlaceholderText(
            "Din vurdering af lejerens økonomi: hvorfor planen er realistisk, hvad der er aftalt, "
            "hvilke andre muligheder der er undersøgt."
        )
        self.assessment.setTabChangesFocus(True)
        self.assessment.setFixedHeight(62)
        self.input_error = ErrorLabel()

        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #444;")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.feasibility_label = QLabel()
        self.feasibility_label.setWordWrap(True)
        self.suggestion_label = QLabel()
        self.suggestion_label.setWordWrap(True)
        self.use_suggestion_button = QPushButton("Br&ug forslaget")
        self.policy_error = ErrorLabel()
        self.renegotiation_note = QLabel(
            "Der er en aktiv plan. Aftal plan gemmer en ny version; den gamle bevares i historikken."
        )
        self.renegotiation_note.setWordWrap(True)
        self.renegotiation_note.setStyleSheet("color: #444;")

        self.schedule_model = TableModel(SCHEDULE_COLUMNS, self)
        self.schedule_table = make_table_view(self.schedule_model)
        self.schedule_table.setAccessibleName("Afdragsplan")
        self.agree_button = QPushButton("Aftal &plan")
        self.agree_button.setDefault(False)
        self.saved_label = QLabel()
        self.saved_label.setWordWrap(True)
        self.saved_label.setStyleSheet("color: #1d5a2c; font-weight: 600;")

        amounts = QHBoxLayout()
        amounts.setContentsMargins(0, 0, 0, 0)
        amounts.addWidget(self.months)
        amounts.addSpacing(8)
        instalment_label = QLabel("eller &månedligt afdrag")
        instalment_label.setBuddy(self.instalment)
        amounts.addWidget(instalment_label)
        amounts.addWidget(self.instalment)
        amounts.addStretch(1)

        via_row = QHBoxLayout()
        via_row.setContentsMargins(0, 0, 0, 0)
        via_row.addWidget(self.via)
        via_row.addSpacing(8)
        via_row.addWidget(self.budget_label, 1)

        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.setVerticalSpacing(4)
        start_label = QLabel("Start&dato")
        start_label.setBuddy(self.start)
        form.addRow(start_label, self.start)
        months_label = QLabel("A&ntal måneder")
        months_label.setBuddy(self.months)
        form.addRow(months_label, amounts)
        form.addRow("", self.input_error)
        via_label = QLabel("Aftal&t ved")
        via_label.setBuddy(self.via)
        form.addRow(via_label, via_row)
        assessment_label = QLabel("&Vurdering")
        assessment_label.setBuddy(self.assessment)
        form.addRow(assessment_label, self.assessment)

        suggestion_row = QHBoxLayout()
        suggestion_row.setContentsMargins(0, 0, 0, 0)
        suggestion_row.addWidget(self.suggestion_label, 1)
        suggestion_row.addWidget(self.use_suggestion_button, 0, Qt.AlignmentFlag.AlignTop)

        agree_row = QHBoxLayout()
        agree_row.addWidget(self.saved_label, 1)
        agree_row.addWidget(self.agree_button)

        layout = QVBoxLayout(self)
        layout.setSpacing(5)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.note)
        feasibility_row = QHBoxLayout()
        feasibility_row.addWidget(self.feasibility_label, 1)
        self.feasibility_help = help_button("feasibility", self)  # the rule, with a worked example
        feasibility_row.addWidget(self.feasibility_help, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(feasibility_row)
        layout.addLayout(suggestion_row)
        layout.addWidget(self.schedule_table, 1)
        layout.addWidget(self.renegotiation_note)
        layout.addWidget(self.policy_error)
        layout.addLayout(agree_row)

        self.setTabOrder(self.start, self.months)
        self.setTabOrder(self.months, self.instalment)
        self.setTabOrder(self.instalment, self.via)
        self.setTabOrder(self.via, self.assessment)
        self.setTabOrder(self.assessment, self.use_suggestion_button)
        self.setTabOrder(self.use_suggestion_button, self.schedule_table)
        self.setTabOrder(self.schedule_table, self.agree_button)

        self.start.textEdited.connect(self.recompute)
        self.months.textEdited.connect(self._months_typed)
        self.instalment.textEdited.connect(self._instalment_typed)
        self.assessment.textChanged.connect(self._assessment_changed)
        for edit in (self.start, self.months, self.instalment):
            edit.editingFinished.connect(self.save_draft)
        self.via.activated.connect(self.save_draft)
        self.assessment.installEventFilter(_FocusOut(self.save_draft, self))
        self.use_suggestion_button.clicked.connect(self.use_suggestion)
        self.agree_button.clicked.connect(self.agree)
        self.set_case(None, None, has_active=False)

    # --- loading ----------------------------------------------------------------------------------
    def set_case(self, context: PlanContext | None, draft: DraftView | None, *, has_active: bool) -> None:
        """Show the case's saved draft (or sensible defaults) and compute everything."""
        if context is None or self._context is None or context.case_id != self._context.case_id:
            self.saved_label.clear()
        self._context = context
        self._has_active = has_active
        self._loading = True
        try:
            self.input_error.clear_message()
            if context is None:
                for edit in (self.start, self.months, self.instalment):
                    edit.clear()
                self.assessment.clear()
            elif draft is not None:
                data = draft.data
                self.start.setValue(data.start_on)
                self._by = BY_MONTHS if data.months is not None else BY_INSTALMENT
                self.months.setText(str(data.months) if data.months is not None else "")
                self.instalment.setValue(data.instalment)
                self.via.setCurrentIndex(max(self.via.findData(data.agreed_via.value), 0))
                self.assessment.setPlainText(data.assessment)
            else:
                start = first_rent_day_on_or_after(self._ctx.today() + dt.timedelta(days=1))
                self.start.setValue(start)
                suggestion = shortest_affordable_plan(
                    context.debt.debt, start, context.budget, context.policy, rent=context.rent
                )
                months = (
                    suggestion.schedule.months
                    if suggestion.schedule is not None
                    else min(context.policy.phone_limit_months, context.policy.max_months)
                )
                self._by = BY_MONTHS
                self.months.setText(str(months))
                self.instalment.clear()
                self.via.setCurrentIndex(max(self.via.findData(AgreedVia.MEETING.value), 0))
                self.assessment.clear()
        finally:
            self._loading = False
        self.refresh_context(context, has_active=has_active)

    def refresh_context(self, context: PlanContext | None, *, has_active: bool) -> None:
        """New facts (arrears, budget) for the same case: keep what is typed, recompute the rest."""
        self._context = context
        self._has_active = has_active
        owes = context is not None and context.debt.debt.ore > 0
        for widget in (
            self.start,
            self.months,
            self.instalment,
            self.via,
            self.assessment,
            self.agree_button,
        ):
            widget.setEnabled(owes)
        self.setTitle("Genforhandling: ny version af planen" if has_active else "Ny afdragsordning")
        self.renegotiation_note.setVisible(has_active)
        if context is None:
            self.budget_label.setText("")
        elif context.budget_id is None:
            self.budget_label.setText("Intet budget på sagen.")
        else:
            made = format_short(context.budget_made_on) if context.budget_made_on else ""
            self.budget_label.setText(f"Budget fra {made} vedhæftes.")
        self.recompute()

    # --- typing -----------------------------------------------------------------------------------
    def _months_typed(self, _text: str) -> None:
        self._by = BY_MONTHS
        self.recompute()

    def _instalment_typed(self, _text: str) -> None:
        self._by = BY_INSTALMENT
        self.recompute()

    def _assessment_changed(self) -> None:
        if not self._loading:
            self._show_policy()

    def _clear_results(self) -> None:
        self.schedule = None
        self.feasibility = None
        self.schedule_model.set_rows([])
        for label in (self.summary, self.note, self.feasibility_label, self.suggestion_label):
            label.clear()
            label.hide()
        self.use_suggestion_button.hide()
        self._suggested_months = None
        self.policy_error.clear_message()

    def _inputs(self) -> PlanInput:
        """The typed inputs; raises :class:`UserInputError` for the first that cannot be read."""
        start = self.start.value()
        if start is None:
            raise UserInputError("start_on", "date.empty", "Skriv datoen for første afdrag, fx 01.03.2026.")
        months: int | None = None
        instalment = None
        if self._by == BY_MONTHS:
            text = self.months.text().strip()
            if not text:
                raise UserInputError(
                    "months", "plan.months_empty", "Skriv antal måneder eller et månedligt afdrag."
                )
            months = int(text)
        else:
            instalment = self.instalment.required_value()
        context = self._context
        return PlanInput(
            start_on=start,
            months=months,
            instalment=instalment,
            agreed_via=AgreedVia(str(self.via.currentData())),
            assessment=self.assessment.toPlainText(),
            budget_id=context.budget_id if context is not None else None,
        )

    def _field_widget(self, field: str) -> QWidget:
        if field == "start_on":
            return self.start
        if field == "assessment":
            return self.assessment
        if field in ("months", "instalment"):
            return self.months if self._by == BY_MONTHS else self.instalment
        return self.agree_button

    def recompute(self) -> None:
        """Schedule, total, margin, suggestion and policy from what is typed now."""
        if self._loading:
            return
        self._clear_results()
        context = self._context
        if context is None:
            return
        if context.debt.debt.ore <= 0:
            self.input_error.clear_message()
            self.note.setText("Der er ingen restance tilbage, så der er ikke noget at lave en plan for.")
            self.note.show()
            return
        try:
            data = self._inputs()
            schedule = build_schedule(
                context.debt.debt,
                data.start_on,
                months=data.months,
                instalment=data.instalment,
                rent=context.rent,
            )
        except UserInputError as exc:
            self.input_error.show_message(exc.message)
            return
        self.input_error.clear_message()
        self.schedule = schedule
        if self._by == BY_MONTHS:
            self.instalment.setValue(schedule.regular)
        else:
            self.months.setText(str(schedule.months))
        self.schedule_model.set_rows([ScheduleLine(i, schedule.rent) for i in schedule.instalments])
        self._show_summary(schedule)
        self._show_feasibility(schedule, context)
        self._show_policy()

    def _show_summary(self, schedule: Schedule) -> None:
        period = f"{format_short(schedule.first_due_on)}–{format_short(schedule.last_due_on)}"
        count = "1 afdrag" if schedule.months == 1 else f"{schedule.months} afdrag"
        if schedule.rent:
            text = (
                f"Husleje {schedule.rent.format()} + afdrag {schedule.regular.format()} = "
                f"<b>{schedule.monthly_total.format()} om måneden</b>"
            )
        else:
            text = f"Afdrag <b>{schedule.regular.format()} om måneden</b> (husleje ikke registreret)"
        text += f" · {count}, {period}"
        if schedule.months > 1 and schedule.last != schedule.regular:
            text += f" · sidste afdrag {schedule.last.format()}"
        self.summary.setText(text)
        self.summary.show()
        message = schedule.shortened_message()
        self.note.setText(message)
        self.note.setVisible(bool(message))

    def _show_feasibility(self, schedule: Schedule, context: PlanContext) -> None:
        result = assess_feasibility(schedule, context.budget)
        self.feasibility = result
        self.feasibility_label.setText(result.message)
        self.feasibility_label.setStyleSheet(_LEVEL_STYLES[result.level] + _BOX)
        self.feasibility_label.show()
        if context.budget is None:
            return
        suggestion = shortest_affordable_plan(
            context.debt.debt, schedule.first_due_on, context.budget, context.policy, rent=context.rent
        )
        self.suggestion_label.setText(suggestion.message)
        self.suggestion_label.show()
        offer = suggestion.schedule is not None and (
            suggestion.schedule.months != schedule.months or suggestion.schedule.regular != schedule.regular
        )
        self.use_suggestion_button.setVisible(offer)
        self._suggested_months = suggestion.schedule.months if suggestion.schedule is not None else None

    def _problems(self) -> list[UserInputError]:
        context = self._context
        if context is None or self.schedule is None:
            return []
        return policy_problems(
            self.schedule.months,
            context.policy,
            has_budget=context.budget_id is not None,
            assessment=self.assessment.toPlainText(),
        )

    def _show_policy(self) -> None:
        messages = [p.message for p in self._problems()]
        if len(messages) > 1:
            messages = [f"• {m}" for m in messages]
        self.policy_error.show_message("\n".join(messages))

    def use_suggestion(self) -> None:
        months = self._suggested_months
        if months is None:
            return
        self._by = BY_MONTHS
        self.months.setText(str(months))
        self.recompute()
        self.save_draft()
        self.months.setFocus()

    # --- saving -----------------------------------------------------------------------------------
    def save_draft(self) -> None:
        context = self._context
        if self._loading or context is None:
            return
        try:
            data = self._inputs()
        except UserInputError:
            return  # the message is already shown; keep the text, save when it can be read
        desk = self._ctx.desk
        run_write(self, self._ctx, lambda: desk.plan.save_draft(context.case_id, data))

    def agree(self) -> str | None:
        """Check everything, ask when the budget cannot carry the plan, then save the new version."""
        context = self._context
        if context is None:
            return None
        self.saved_label.clear()
        self.recompute()
        if self.schedule is None:
            self._field_widget("months").setFocus()
            return None
        problems = self._problems()
        if problems:
            self._field_widget(problems[0].field).setFocus()
            return None
        feasibility = self.feasibility
        if feasibility is not None and feasibility.level is FeasibilityLevel.SHORT:
            question = (
                f"{feasibility.message}\n\nEn plan, lejeren ikke kan holde, hjælper ikke. "
                "Vil du alligevel aftale den?"
            )
            if not self.confirm("Budgettet kan ikke bære planen", question):
                return None
        data = self._inputs()
        desk = self._ctx.desk
        created = run_write(
            self, self._ctx, lambda: desk.plan.agree(context.case_id, data), on_input_error=self._refused
        )
        if created is None:
            return None
        self.saved_label.setText("Planen er aftalt og gemt. Afdragsaftalen udskrives under Breve.")
        self.agreed.emit(created.id)
        return created.id

    def _refused(self, exc: UserInputError) -> None:
        target = self.input_error if exc.field in ("start_on", "months", "instalment") else self.policy_error
        target.show_message(exc.message)
        self._field_widget(exc.field).setFocus()
