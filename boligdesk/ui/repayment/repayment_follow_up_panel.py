"""Monthly follow-up of a plan version: instalment status in colour, payments, broken/fulfilled."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from boligdesk.budget.calendar import format_short
from boligdesk.budget.repayment import InstalmentStatus, PlanProgress
from boligdesk.budget.vocabulary import PlanStatus
from boligdesk.errors import UserInputError
from boligdesk.services.plan_rows import MISSED_INSTALMENT_NEXT_STEP, PaymentRow, PlanView
from boligdesk.ui.context import AppContext
from boligdesk.ui.repayment.repayment_columns import PAYMENT_COLUMNS, PROGRESS_COLUMNS
from boligdesk.ui.shared.date_edit import DateEdit
from boligdesk.ui.shared.desk_ops import run_write
from boligdesk.ui.shared.dialogs import ask_yes_no
from boligdesk.ui.shared.error_label import ErrorLabel
from boligdesk.ui.shared.money_edit import MoneyEdit
from boligdesk.ui.shared.table_model import ROW_ROLE, TableModel, make_table_view

_ALERT = "padding: 4px 6px; border-radius: 3px; background: #f6cdc9; color: #7d1410; font-weight: 600;"
_GOOD = "padding: 4px 6px; border-radius: 3px; background: #d8f0de; color: #1d5a2c; font-weight: 600;"
_QUIET = "padding: 4px 6px; border-radius: 3px; background: #ececec; color: #333;"

PAYABLE = (PlanStatus.ACTIVE, PlanStatus.BROKEN)


def alert_text(plan: PlanView, progress: PlanProgress) -> tuple[str, str]:
    """The plan's situation in one Danish sentence, and its style."""
    if plan.status is PlanStatus.FULFILLED:
        when = format_short(plan.ended_on) if plan.ended_on else ""
        return f"Opfyldt {when} — restancen på planen er betalt.", _GOOD
    if plan.status is PlanStatus.BROKEN:
        when = format_short(plan.ended_on) if plan.ended_on else ""
        return f"Misligholdt {when}. Der mangler {progress.owed.format()} på planen.", _ALERT
    if plan.status is PlanStatus.SUPERSEDED:
        when = format_short(plan.ended_on) if plan.ended_on else ""
        return f"Erstattet af en nyere version {when}. Den vises kun som historik.", _QUIET
    overdue = progress.overdue
    if len(overdue) == 1:
        item = overdue[0]
        return (
            f"Afdrag nr. {item.seq} (forfaldent {format_short(item.due_on)}) mangler "
            f"{item.missing.format()} {MISSED_INSTALMENT_NEXT_STEP}",
            _ALERT,
        )
    if overdue:
        return (
            f"{len(overdue)} afdrag mangler, i alt {progress.overdue_missing.format()} {MISSED_INSTALMENT_NEXT_STEP}",
            _ALERT,
        )
    upcoming = next((i for i in progress.instalments if i.status is InstalmentStatus.NOT_YET_DUE), None)
    if upcoming is not None:
        return (
            f"Planen holdes. Næste afdrag: {upcoming.missing.format()}, forfalder "
            f"{format_short(upcoming.due_on)}, betales senest {format_short(upcoming.on_time_until)} "
            "(som i afdragsaftalen).",
            _GOOD,
        )
    return "Planen holdes.", _GOOD


class PlanFollowUpPanel(QGroupBox):
    """Payments, cancelled payments and broken plans are saved through the desk; the tab redraws this
    panel when ``bus.changed`` says the plan changed."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("Opfølgning", parent)
        self._ctx = ctx
        self.plan: PlanView | None = None
        self.progress: PlanProgress | None = None
        self.confirm: Callable[[str, str], bool] = lambda title, text: ask_yes_no(self, title, text)

        self.header = QLabel()
        self.header.setWordWrap(True)
        self.money = QLabel()
        self.money.setWordWrap(True)
        self.alert = QLabel()
        self.alert.setWordWrap(True)

        self.progress_model = TableModel(PROGRESS_COLUMNS, self)
        self.progress_table = make_table_view(self.progress_model)
        self.progress_table.setAccessibleName("Afdrag og status")

        self.paid_on = DateEdit(field="paid_on")
        self.paid_on.setMaximumWidth(100)
        self.amount = MoneyEdit(field="amount")
        self.amount.setMaximumWidth(110)
        self.note = QLineEdit()
        self.note.setPlaceholderText("Note til indbetalingen (valgfri), fx »Delbetaling, resten den 20.«")
        self.note.setMaxLength(300)
        self.register_button = QPushButton("Registrér indbetaling")
        self.register_button.setToolTip("Registrér indbetalingen (Enter i beløb eller note)")
        self.payment_error = ErrorLabel()

        self.payments_model = TableModel(PAYMENT_COLUMNS, self)
        self.payments_table = make_table_view(self.payments_model)
        self.payments_table.setAccessibleName("Indbetalinger")
        self.cancel_button = QPushButton("Fortr&yd indbetaling")
        self.broken_button = QPushButton("Mar&kér som misligholdt")

        date_label = QLabel("Dat&o")
        date_label.setBuddy(self.paid_on)
        amount_label = QLabel("B&eløb")
        amount_label.setBuddy(self.amount)
        form = QHBoxLayout()
        form.addWidget(date_label)
        form.addWidget(self.paid_on)
        form.addSpacing(6)
        form.addWidget(amount_label)
        form.addWidget(self.amount)
        form.addStretch(1)
        form.addWidget(self.register_button)

        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.broken_button)

        payments_title = QLabel("<b>Indbetalinger</b>")

        layout = QVBoxLayout(self)
        layout.setSpacing(5)
        layout.addWidget(self.header)
        layout.addWidget(self.money)
        layout.addWidget(self.alert)
        layout.addWidget(self.progress_table, 3)
        layout.addWidget(payments_title)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.payment_error)
        layout.addWidget(self.payments_table, 2)
        layout.addLayout(buttons)

        self.setTabOrder(self.progress_table, self.paid_on)
        self.setTabOrder(self.paid_on, self.amount)
        self.setTabOrder(self.amount, self.note)
        self.setTabOrder(self.note, self.register_button)
        self.setTabOrder(self.register_button, self.payments_table)
        self.setTabOrder(self.payments_table, self.cancel_button)
        self.setTabOrder(self.cancel_button, self.broken_button)

        self.register_button.clicked.connect(self.register)
        self.amount.returnPressed.connect(self.register)
        self.note.returnPressed.connect(self.register)
        self.cancel_button.clicked.connect(self.cancel_selected_payment)
        self.broken_button.clicked.connect(self.mark_broken)
        self.show_plan(None)

    # --- showing ----------------------------------------------------------------------------------
    def show_plan(self, plan: PlanView | None) -> None:
        same_plan = plan is not None and self.plan is not None and plan.id == self.plan.id
        self.plan = plan
        self.payment_error.clear_message()
        if plan is None:
            self.progress = None
            self.header.setText("Der er ingen aftalt afdragsordning på sagen endnu.")
            self.money.clear()
            self.alert.hide()
            self.progress_model.set_rows([])
            self.payments_model.set_rows([])
            self._enable(payable=False, active=False)
            return
        today = self._ctx.today()
        progress = plan.progress(today)
        self.progress = progress
        self.header.setText(
            f"Version {plan.version} · <b>{plan.status.label}</b> · aftalt "
            f"{format_short(plan.agreed_on) if plan.agreed_on else '—'} "
            f"({plan.agreed_via.label.lower()}) · {plan.schedule.describe()}"
        )
        money = f"Betalt {progress.paid_total.format()} af {plan.debt.format()} · tilbage <b>{progress.owed.format()}</b>"
        if progress.overpaid:
            money += f" · betalt {progress.overpaid.format()} for meget"
        self.money.setText(money)
        text, style = alert_text(plan, progress)
        self.alert.setText(text)
        self.alert.setStyleSheet(style)
        self.alert.show()
        self.progress_model.set_rows(list(progress.instalments))
        self.payments_model.set_rows(list(reversed(plan.payments)))
        payable = plan.status in PAYABLE
        self._enable(payable=payable, active=plan.status is PlanStatus.ACTIVE)
        if not same_plan or not self.paid_on.text().strip():
            self.paid_on.setValue(today)
        if payable and not self.amount.text().strip():
            next_open = next((i for i in progress.instalments if i.missing.ore > 0), None)
            self.amount.setValue(next_open.missing if next_open is not None else None)

    def _enable(self, *, payable: bool, active: bool) -> None:
        for widget in (self.paid_on, self.amount, self.note, self.register_button):
            widget.setEnabled(payable)
        self.cancel_button.setEnabled(self.plan is not None and self.plan.status is not PlanStatus.SUPERSEDED)
        self.broken_button.setEnabled(active)

    def selected_payment(self) -> PaymentRow | None:
        indexes = self.payments_table.selectionModel().selectedRows()
        if not indexes:
            return None
        row = indexes[0].data(ROW_ROLE)
        return row if isinstance(row, PaymentRow) else None

    # --- actions ----------------------------------------------------------------------------------
    def register(self) -> None:
        plan = self.plan
        if plan is None or plan.status not in PAYABLE:
            return
        try:
            paid_on = self.paid_on.value()
            if paid_on is None:
                raise UserInputError("paid_on", "date.empty", "Skriv datoen for indbetalingen.")
            amount = self.amount.required_value()
        except UserInputError as exc:
            self._refused(exc)
            return
        desk, note = self._ctx.desk, self.note.text()
        # Cleared first: the redraw that follows the save proposes the next instalment's amount.
        typed_amount = self.amount.text()
        self.amount.clear()
        saved = run_write(
            self,
            self._ctx,
            lambda: desk.plan.register_payment(plan.id, paid_on, amount, note=note),
            on_input_error=self._refused,
        )
        if saved is None:
            self.amount.setText(typed_amount)
            return
        self.note.clear()
        self.amount.setFocus()

    def _refused(self, exc: UserInputError) -> None:
        self.payment_error.show_message(exc.message)
        widget = self.paid_on if exc.field == "paid_on" else self.amount
        widget.setFocus()

    def cancel_selected_payment(self) -> None:
        payment = self.selected_payment()
        if payment is None:
            self.payment_error.show_message("Vælg den indbetaling, der skal fortrydes, i listen.")
            self.payments_table.setFocus()
            return
        question = f"Fortryd indbetalingen på {payment.amount.format()} den {format_short(payment.paid_on)}?"
        if not self.confirm("Fortryd indbetaling", question):
            return
        desk = self._ctx.desk
        run_write(self, self._ctx, lambda: desk.plan.cancel_payment(payment.id), on_input_error=self._refused)

    def mark_broken(self) -> None:
        plan = self.plan
        if plan is None or plan.status is not PlanStatus.ACTIVE:
            return
        question = (
            f"Markér version {plan.version} som misligholdt? Det registreres som udfald på sagen. "
            "Der kan bagefter aftales en ny plan."
        )
        if not self.confirm("Misligholdt afdragsordning", question):
            return
        desk = self._ctx.desk
        run_write(
            self,
            self._ctx,
            lambda: desk.plan.mark_broken(plan.id),
            on_input_error=lambda exc: self.payment_error.show_message(exc.message),
        )
