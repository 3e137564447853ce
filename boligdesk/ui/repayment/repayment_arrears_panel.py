"""The arrears and what they consist of (rent months, fees), edited in place and saved as you go."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QItemSelection, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from boligdesk.budget.calendar import add_months
from boligdesk.budget.money import Money
from boligdesk.budget.vocabulary import ArrearsKind
from boligdesk.errors import UserInputError
from boligdesk.services.arrears import ArrearsInput, ArrearsRow
from boligdesk.services.plan_rows import DebtPicture
from boligdesk.ui.context import AppContext
from boligdesk.ui.repayment.repayment_columns import ARREARS_COLUMNS
from boligdesk.ui.shared.date_edit import DateEdit
from boligdesk.ui.shared.desk_ops import run_write
from boligdesk.ui.shared.error_label import ErrorLabel
from boligdesk.ui.shared.money_edit import MoneyEdit
from boligdesk.ui.shared.table_model import ROW_ROLE, TableModel, make_table_view

T = TypeVar("T")
_MONTH_RE = re.compile(r"^\s*(\d{1,2})[./\-](\d{4})\s*$")


def parse_period(edit: DateEdit) -> dt.date | None:
    """A date, or a month typed as ``3.2026`` / ``03-2026`` (the 1st of that month)."""
    match = _MONTH_RE.match(edit.text())
    if match:
        month, year = int(match.group(1)), int(match.group(2))
        if 1 <= month <= 12:
            return dt.date(year, month, 1)
    return edit.value()


class ArrearsPanel(QGroupBox):
    """Saves through ``desk.arrears`` (``run_write``: the change is broadcast on ``ctx.bus.changed``, a
    refusal shown under the form). Also emits ``changed(item_id)`` after every save (the row to keep
    selected, "" for none), so the tab can reload the debt and keep the selection."""

    changed = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("Restancen", parent)
        self._ctx = ctx
        self._case_id: str | None = None
        self._rent = Money(0)
        self._loading = False

        self.model = TableModel(ARREARS_COLUMNS, self)
        self.table = make_table_view(self.model, stretch_column=2)
        self.table.setAccessibleName("Restancens poster")

        self.add_rent_button = QPushButton("Tilføj hus&leje")
        self.add_fee_button = QPushButton("Tilføj &gebyr")
        self.remove_button = QPushButton("F&jern post")
        self.add_rent_button.setToolTip("En måneds husleje som ny post (beløb = lejemålets husleje)")
        self.add_fee_button.setToolTip(
            "Påkravsgebyret, som udlejer har opkrævet (registreret under Tidslinje ud fra påkravet)"
        )

        self.kind = QComboBox()
        for value, label in ArrearsKind.choices():
            self.kind.addItem(label, value)
        self.period = DateEdit(field="period")
        self.period.setPlaceholderText("mm.åååå")
        self.period.setToolTip("Husleje: måned og år, fx 03.2026. Gebyrer: datoen, fx 06.03.2026.")
        self.text = QLineEdit()
        self.text.setMaxLength(200)
        self.amount = MoneyEdit(field="amount")
        self.error = ErrorLabel()

        self.totals = QLabel()
        self.totals.setWordWrap(True)

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_rent_button)
        buttons.addWidget(self.add_fee_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)

        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("Type", self.kind)
        row = QHBoxLayout()
        row.addWidget(self.period, 1)
        row.addWidget(QLabel("Beløb"))
        row.addWidget(self.amount, 1)
        form.addRow("Periode", row)
        form.addRow("Tekst", self.text)

        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.totals)

        self.setTabOrder(self.table, self.add_rent_button)
        self.setTabOrder(self.add_rent_button, self.add_fee_button)
        self.setTabOrder(self.add_fee_button, self.remove_button)
        self.setTabOrder(self.remove_button, self.kind)
        self.setTabOrder(self.kind, self.period)
        self.setTabOrder(self.period, self.amount)
        self.setTabOrder(self.amount, self.text)

        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.add_rent_button.clicked.connect(self.add_rent_month)
        self.add_fee_button.clicked.connect(self.add_reminder_fee)
        self.remove_button.clicked.connect(self.remove_selected)
        self.kind.activated.connect(self._save_selected)
        for edit in (self.period, self.text, self.amount):
            edit.editingFinished.connect(self._save_selected)
        self._enable_form(False)

    # --- data -------------------------------------------------------------------------------------
    def set_case(
        self, case_id: str | None, rent: Money, picture: DebtPicture | None, select_id: str | None = None
    ) -> None:
        """Show the case's arrears parts; ``select_id`` is the row to keep selected."""
        if case_id != self._case_id:
            self.error.clear_message()
        self._case_id = case_id
        self._rent = rent
        for button in (self.add_rent_button, self.add_fee_button):
            button.setEnabled(case_id is not None)
        self.show_picture(picture, select_id)

    def show_picture(self, picture: DebtPicture | None, select_id: str | None = None) -> None:
        keep = select_id or self.selected_id()
        self._loading = True
        try:
            self.model.set_rows(list(picture.items) if picture is not None else [])
        finally:
            self._loading = False
        self._show_totals(picture)
        if keep is not None and self.select(keep):
            return
        self._fill_form(None)

    def _show_totals(self, picture: DebtPicture | None) -> None:
        if picture is None:
            self.totals.setText("")
            return
        lines = [f"Restance i alt: <b>{picture.items_total.format()}</b>"]
        if picture.paid_earlier:
            lines.append(f"Indbetalt på aftaler: {picture.paid_earlier.format()}")
        if picture.granted:
            lines.append(f"Bevilget mod restancen (Ansøgninger): {picture.granted.format()}")
        if picture.paid_earlier or picture.granted:
            lines.append(f"Tilbage at betale: <b>{picture.debt.format()}</b>")
        if not picture.items and picture.items_total:
            lines.append("Restancen er ikke delt op i poster endnu.")
        if picture.registered_differs:
            lines.append(
                f"<span style='color:#7d1410'>På sagen er restancen registreret som "
                f"{picture.registered.format()}. Planen bygger på posterne.</span>"
            )
        self.totals.setText("<br>".join(lines))

    def selected_row(self) -> ArrearsRow | None:
        indexes = self.table.selectionModel().selectedRows()
        if not indexes:
            return None
        row = indexes[0].data(ROW_ROLE)
        return row if isinstance(row, ArrearsRow) else None

    def selected_id(self) -> str | None:
        row = self.selected_row()
        return row.id if row is not None else None

    def select(self, item_id: str) -> bool:
        for number, row in enumerate(self.model.rows()):
            if row.id == item_id:
                self.table.selectRow(number)
                return True
        return False

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        if not self._loading:
            self._fill_form(self.selected_row())

    def _enable_form(self, enabled: bool) -> None:
        for widget in (self.kind, self.period, self.text, self.amount, self.remove_button):
            widget.setEnabled(enabled)

    def _fill_form(self, row: ArrearsRow | None) -> None:
        self.error.clear_message()
        self._enable_form(row is not None)
        self.kind.setCurrentIndex(max(self.kind.findData(row.kind.value), 0) if row else 0)
        self.period.setValue(row.period if row else None)
        if (
            row is not None
            and row.kind is ArrearsKind.RENT
            and row.period is not None
            and row.period.day == 1
        ):
            self.period.setText(row.period.strftime("%m.%Y"))
        self.text.setText(row.text if row else "")
        self.amount.setValue(row.amount if row else None)

    # --- saving -----------------------------------------------------------------------------------
    def _form_input(self) -> ArrearsInput | None:
        try:
            period = parse_period(self.period)
        except UserInputError as exc:
            self._show_error(exc, self.period)
            return None
        try:
            amount = self.amount.required_value()
        except UserInputError as exc:
            self._show_error(exc, self.amount)
            return None
        data = ArrearsInput(
            kind=ArrearsKind(str(self.kind.currentData())),
            amount=amount,
            period=period,
            text=self.text.text(),
        )
        try:
            data.validate()
        except UserInputError as exc:
            self._show_error(exc, self.amount if exc.field == "amount" else self.text)
            return None
        return data

    def _show_error(self, exc: UserInputError, widget: QWidget) -> None:
        self.error.show_message(exc.message)
        widget.setFocus()

    def _save_selected(self) -> None:
        row = self.selected_row()
        if self._loading or row is None:
            return
        data = self._form_input()
        if data is None:
            return
        self.error.clear_message()
        unchanged = (row.kind, row.amount, row.period, row.text) == (
            data.kind,
            data.amount,
            data.period,
            data.text.strip(),
        )
        if unchanged:
            return
        if self._write(lambda: self._ctx.desk.arrears.update(row.id, data)) is not None:
            self.changed.emit(row.id)

    def add_rent_month(self) -> None:
        if self._case_id is None:
            return
        if not self._rent:
            self.error.show_message(
                "Lejemålets husleje er ikke registreret på sagen. Tilføj et gebyr, skift typen til "
                "»Husleje« og skriv beløbet."
            )
            return
        periods = [r.period for r in self.model.rows() if r.kind is ArrearsKind.RENT and r.period is not None]
        today = self._ctx.today()
        period = add_months(max(periods), 1) if periods else today.replace(day=1)
        data = ArrearsInput(ArrearsKind.RENT, self._rent, period=period.replace(day=1))
        case_id = self._case_id
        created = self._write(lambda: self._ctx.desk.arrears.add(case_id, data))
        if created is not None:
            self.changed.emit(created.id)
            self.amount.setFocus()

    def add_reminder_fee(self) -> None:
        if self._case_id is None:
            return
        case_id = self._case_id
        fee = self._ctx.desk.arrears.charged_reminder_fee(case_id)
        if fee is None:
            # The fee is the one the landlord charged, typed from the påkrav; the rates table only bounds it.
            bound = self._ctx.desk.arrears.fee_bound()
            limit = (
                f" Det højeste tilladte er {bound.amount.format()} (sats fra {bound.valid_from.year})."
                if bound
                else ""
            )
            self.error.show_message(
                "Skriv først det påkravsgebyr, udlejer har opkrævet (det står på påkravet), under Tidslinje "
                f"i feltet »Påkravsgebyr«.{limit}"
            )
            return
        data = ArrearsInput(ArrearsKind.REMINDER_FEE, fee, period=self._ctx.today())
        created = self._write(lambda: self._ctx.desk.arrears.add(case_id, data))
        if created is not None:
            self.changed.emit(created.id)
            self.period.setFocus()

    def remove_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        if self._write(lambda: self._ctx.desk.arrears.remove(row.id)) is not None:
            self.changed.emit("")
            self.table.setFocus()

    def _write(self, call: Callable[[], T]) -> T | None:
        """Run a desk write; a refusal is shown under the form. ``None`` when nothing was saved."""
        return run_write(
            self, self._ctx, call, on_input_error=lambda exc: self.error.show_message(exc.message)
        )
