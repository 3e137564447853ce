"""The 4-ugers kuvertsystem for a budget: choose pay day, start, rounding and the restdage rule; see
the envelopes with dates and amounts; register what was spent; print the envelope labels.

Every change is saved at once (the plan is created the first time something is changed or printed),
through ``ctx.desk.envelopes``; the envelopes redraw when a broadcast ``Changes`` touches the case's
envelope plans or budget.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from boligdesk.budget.envelopes import (
    ROUNDING_UNITS,
    EnvelopeSettings,
    carry_over,
    current_pay_day,
    default_start,
    plan_envelopes,
)
from boligdesk.budget.money import Money, parse_money
from boligdesk.budget.vocabulary import LeftoverDaysRule
from boligdesk.errors import UserInputError
from boligdesk.services.changes import Changes, Part
from boligdesk.services.envelopes import daily_money_purposes
from boligdesk.ui.budget.budget_envelopes_table_model import EnvelopesTableModel
from boligdesk.ui.context import AppContext
from boligdesk.ui.guide.guide_window import help_button
from boligdesk.ui.shared.date_edit import DateEdit
from boligdesk.ui.shared.desk_ops import broadcast, run_write
from boligdesk.ui.shared.error_label import ErrorLabel
from boligdesk.ui.shared.form_grid import add_labelled_columns
from boligdesk.ui.shared.printing import preview_pdf, print_pdf, save_pdf


class EnvelopesDialog(QDialog):
    def __init__(self, ctx: AppContext, budget_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.budget_id = budget_id
        self.plan_id: str | None = None
        self.setWindowTitle("4-ugers kuvertsystem")
        self.resize(900, 560)

        view = ctx.desk.budget.load(budget_id)
        self.case_id = view.case_id
        self.case_number = view.case_number
        self.daily_money = view.totals.daily_money
        self.purposes = daily_money_purposes(view.lines)
        existing = ctx.desk.envelopes.latest(view.case_id, budget_id=budget_id)

        self.money_label = QLabel()
        self.money_label.setWordWrap(True)
        self.pay_day = DateEdit(field="pay_day")
        self.start_on = DateEdit(field="start_on")
        self.unit = QComboBox()
        for ore, label in ROUNDING_UNITS.items():
            self.unit.addItem(label, ore)
        self.rule = QComboBox()
        for value, label in LeftoverDaysRule.choices():
            self.rule.addItem(label, value)
        self.settings_error = ErrorLabel()

        grid = QGridLayout()
        add_labelled_columns(
            grid,
            (
                ("Lønnings&dag", self.pay_day),
                ("&Første kuvert åbnes", self.start_on),
                ("&Afrund til", self.unit),
                ("&Restdage", self.rule),
            ),
        )
        self.split_help = help_button("envelope_split", self)  # how the month is split, with an example
        grid.addWidget(self.split_help, 1, 4, Qt.AlignmentFlag.AlignLeft)
        grid.setColumnStretch(4, 1)

        self.model = EnvelopesTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setMinimumSectionSize(80)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName("Kuverter")
        self.table_error = ErrorLabel()
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)

        self.preview_button = QPushButton("Forhånds&vis")
        self.print_button = QPushButton("&Udskriv kuverter…")
        self.save_button = QPushButton("Gem som &PDF…")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        if close_button is not None:
            close_button.setText("&Luk")
        buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        for button in (self.preview_button, self.print_button, self.save_button):
            button.setAutoDefault(False)
            bottom.addWidget(button)
        bottom.addStretch(1)
        bottom.addWidget(buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(self.money_label)
        layout.addLayout(grid)
        layout.addWidget(self.settings_error)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.table_error)
        layout.addWidget(self.explanation)
        layout.addLayout(bottom)

        if existing is not None:
            self.plan_id = existing.id
            settings = existing.settings
        else:
            pay_day = current_pay_day(ctx.today())  # the period the household is living in now
            settings = EnvelopeSettings(self.daily_money, pay_day, default_start(pay_day), Money(100))
        self.pay_day.setValue(settings.pay_day)
        self.start_on.setValue(settings.start_on)
        self.unit.setCurrentIndex(max(self.unit.findData(settings.rounding_unit.ore), 0))
        self.rule.setCurrentIndex(max(self.rule.findData(settings.leftover_rule), 0))
        self._show_money()

        self.pay_day.editingFinished.connect(self._pay_day_edited)
        self.start_on.editingFinished.connect(self._settings_edited)
        self.unit.activated.connect(lambda _i: self._settings_edited())
        self.rule.activated.connect(lambda _i: self._settings_edited())
        self.model.spendingEdited.connect(self._spending_edited)
        self.preview_button.clicked.connect(self.preview)
        ctx.bus.changed.connect(self._changed)
        self.print_button.clicked.connect(
            lambda: self._ensure_saved() and print_pdf(lambda: self._pdf(record=True), self)
        )
        self.save_button.clicked.connect(
            lambda: (
                self._ensure_saved()
                and save_pdf(
                    lambda: self._pdf(record=True), self._file_name(), self, case_number=self.case_number
                )
            )
        )
        self._refresh()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter in a date field saves it (editingFinished); it must not close the dialog.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)

    # --- settings ----------------------------------------------------------------------------------
    def _show_money(self) -> None:
        if not self.daily_money:
            self.money_label.setText(
                "Ingen udgiftsposter er markeret som dagligvarepenge endnu. Sæt kryds i »Kuvert« ved fx mad, "
                "transport og tøj i budgettet, så fordeles pengene her."
            )
            return
        purposes = ", ".join(self.purposes)
        self.money_label.setText(
            f"Dagligvarepenge pr. måned i budgettet: <b>{self.daily_money.format()}</b> ({purposes}). "
            "Perioden går fra lønningsdagen til dagen før næste lønningsdag."
        )

    def _settings(self) -> EnvelopeSettings:
        """The settings typed; raises :class:`UserInputError` for a missing or impossible date."""
        pay_day = self.pay_day.value()
        if pay_day is None:
            raise UserInputError(
                "pay_day", "envelopes.pay_day_missing", "Skriv lønningsdagen, fx 30.01.2026."
            )
        start = self.start_on.value() or default_start(pay_day)
        return EnvelopeSettings(
            self.daily_money,
            pay_day,
            start,
            Money(int(self.unit.currentData())),
            str(self.rule.currentData()),
            self.purposes,
        )

    def _pay_day_edited(self) -> None:
        try:
            pay_day = self.pay_day.value()
        except UserInputError as exc:
            self.settings_error.show_message(exc.message)
            return
        if pay_day is not None:
            self.start_on.setValue(default_start(pay_day))
        self._settings_edited()

    def _settings_edited(self) -> None:
        self._save()  # a saved plan redraws through the broadcast

    def _changed(self, changes: Changes) -> None:
        if changes.touches(self.case_id, Part.ENVELOPES, Part.BUDGET):
            self._refresh()

    def _save(self) -> bool:
        try:
            settings = self._settings()
        except UserInputError as exc:
            self._refuse_settings(exc)
            return False
        saved = run_write(
            self,
            self.ctx,
            lambda: self.ctx.desk.envelopes.save_plan(
                self.budget_id,
                pay_day=settings.pay_day,
                start_on=settings.start_on,
                rounding_unit=settings.rounding_unit,
                leftover_rule=settings.leftover_rule,
                plan_id=self.plan_id,
            ),
            on_input_error=self._refuse_settings,
        )
        if saved is None:
            return False
        if saved.id != self.plan_id:
            self.plan_id = saved.id
            self._refresh()  # the broadcast redrew before the new plan's id was known
        self.settings_error.clear_message()
        return True

    def _refuse_settings(self, exc: UserInputError) -> None:
        self.settings_error.show_message(exc.message)
        {"start_on": self.start_on, "pay_day": self.pay_day}.get(exc.field, self.pay_day).setFocus()

    def _ensure_saved(self) -> bool:
        return self.plan_id is not None or self._save()

    def _refresh(self) -> None:
        if self.plan_id is not None:
            plan = self.ctx.desk.envelopes.load(self.plan_id)
            self.model.set_rows(plan.statuses)
            result = plan.result
        else:
            try:
                result = plan_envelopes(self._settings())
            except UserInputError as exc:
                self.settings_error.show_message(exc.message)
                self.model.set_rows([])
                self.explanation.setText("")
                return
            self.model.set_rows(carry_over(result.envelopes, {}))
        hint = (
            "Skriv i »Brugt«, hvad der faktisk blev brugt fra kuverten; resten flyttes med til næste kuvert."
        )
        self.explanation.setText("\n".join([*result.explanation(), hint]))

    # --- spending ----------------------------------------------------------------------------------
    def _spending_edited(self, envelope_index: int, text: str) -> None:
        if not self._ensure_saved():
            return
        assert self.plan_id is not None
        try:
            spent = parse_money(text, field="spent") if text.strip() else None
        except UserInputError as exc:
            self.table_error.show_message(f"{exc.message} (Brugt fra kuvert {envelope_index})")
            return
        plan_id = self.plan_id
        saved = run_write(
            self,
            self.ctx,
            lambda: self.ctx.desk.envelopes.register_spending(plan_id, envelope_index, spent),
            on_input_error=lambda exc: self.table_error.show_message(exc.message),
        )
        if saved is not None:
            self.table_error.clear_message()

    # --- printing ----------------------------------------------------------------------------------
    def _file_name(self) -> str:
        return f"kuverter-{self.case_number}.pdf"

    def _pdf(self, *, record: bool) -> bytes:
        assert self.plan_id is not None
        printed = self.ctx.desk.budget_print.envelopes_pdf(self.plan_id, record=record)
        broadcast(self.ctx, printed)  # a recorded PDF joins the case's letters
        return printed.pdf

    def preview(self) -> None:
        if not self._ensure_saved():
            return
        preview_pdf(
            lambda: self._pdf(record=False),
            lambda: self._pdf(record=True),
            "Kuverter — forhåndsvisning",
            self._file_name(),
            self,
        )
