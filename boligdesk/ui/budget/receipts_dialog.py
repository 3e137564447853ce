"""Receipts mode: enter a month of receipts quickly and see where the money went.

"Is 800 kr. on cola need to have or nice to have?" — each receipt is an amount, a category and
need/nice (and optionally a date and a text). Enter saves the receipt at once; the totals per category
and need/nice update; "Overfør til budgettet" adds one monthly line per category and need/nice.
Reads and writes go through ``ctx.desk.receipts``; the list redraws when a broadcast ``Changes`` touches
the case's receipts.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from boligdesk.budget import categories as cats
from boligdesk.budget.money import parse_money
from boligdesk.budget.receipts import ReceiptData, summarise_receipts
from boligdesk.errors import UserInputError
from boligdesk.services.changes import Changes, Part
from boligdesk.ui.budget.budget_receipts_table_model import ReceiptsTableModel, ReceiptSummaryTableModel
from boligdesk.ui.context import AppContext
from boligdesk.ui.shared.date_edit import DateEdit
from boligdesk.ui.shared.desk_ops import run_write
from boligdesk.ui.shared.error_label import ErrorLabel
from boligdesk.ui.shared.form_grid import add_labelled_columns
from boligdesk.ui.shared.money_edit import MoneyEdit


def _table(model: ReceiptsTableModel | ReceiptSummaryTableModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(22)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view


class ReceiptsDialog(QDialog):
    def __init__(
        self, ctx: AppContext, case_id: str, budget_id: str | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.case_id = case_id
        self.budget_id = budget_id
        self.lines_added = False
        self.setWindowTitle("Kvitteringer — hvad går pengene til?")
        self.resize(1040, 620)

        intro = QLabel(
            "Skriv en måneds kvitteringer ind: beløb, kategori og need to have eller nice to have. "
            "Enter gemmer kvitteringen. "
            "Til højre ses summen pr. kategori — til samtalen om, hvad der er need to have og nice to have."
        )
        intro.setWordWrap(True)

        self.amount = MoneyEdit()
        self.amount.setPlaceholderText("0,00")
        self.amount.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.amount.setMaximumWidth(110)
        self.category = QComboBox()
        for category in cats.EXPENSE_CATEGORIES:
            self.category.addItem(category.label, category.code)
        self.category.setCurrentIndex(self.category.findData("food"))
        self.nice = QCheckBox("Ni&ce to have")
        self.nice.setToolTip("Sæt kryds (mellemrum) hvis købet er nice to have; ellers er det need to have")
        self.bought_on = DateEdit(field="bought_on")
        self.bought_on.setMaximumWidth(110)
        self.text = QLineEdit()
        self.text.setPlaceholderText("fx Netto, cola")
        self.text.setMaxLength(200)
        self.add_button = QPushButton("&Tilføj")
        self.error = ErrorLabel()

        entry = QGridLayout()
        add_labelled_columns(
            entry,
            (
                ("Bel&øb", self.amount),
                ("Kate&gori", self.category),
                ("", self.nice),
                ("&Dato", self.bought_on),
                ("T&ekst", self.text),
            ),
        )
        entry.addWidget(self.add_button, 1, 5)
        entry.setColumnStretch(4, 1)

        self.model = ReceiptsTableModel(self)
        self.summary_model = ReceiptSummaryTableModel(self)
        self.table = _table(self.model)
        self.table.setAccessibleName("Kvitteringer")
        self.summary = _table(self.summary_model)
        self.summary.setAccessibleName("Sum pr. kategori")
        self.totals = QLabel()
        self.totals.setStyleSheet("font-weight: 600;")
        self.delete_button = QPushButton("Slet &markeret kvittering")

        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        left_box.addWidget(self.table)
        left_box.addWidget(self.delete_button, 0, Qt.AlignmentFlag.AlignLeft)
        right = QWidget()
        right_box = QVBoxLayout(right)
        right_box.setContentsMargins(0, 0, 0, 0)
        right_box.addWidget(QLabel("Sum pr. kategori"))
        right_box.addWidget(self.summary)
        right_box.addWidget(self.totals)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([560, 460])

        self.months = QSpinBox()
        self.months.setRange(1, 12)
        self.months.setSuffix(" måned(er)")
        months_label = QLabel("Kvitteringerne dækker")
        months_label.setBuddy(self.months)
        self.transfer_button = QPushButton("&Overfør til budgettet")
        self.transfer_button.setToolTip(
            "Tilføj én månedlig post pr. kategori og need to have / nice to have til budgettet"
        )
        self.transfer_button.setEnabled(budget_id is not None)
        self.transfer_note = QLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        if close_button is not None:
            close_button.setText("&Luk")
        buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(months_label)
        bottom.addWidget(self.months)
        bottom.addWidget(self.transfer_button)
        bottom.addWidget(self.transfer_note, 1)
        bottom.addWidget(buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(entry)
        layout.addWidget(self.error)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

        self.add_button.clicked.connect(self.submit)
        self.add_button.setAutoDefault(False)
        self.transfer_button.setAutoDefault(False)
        self.delete_button.setAutoDefault(False)
        self.delete_button.clicked.connect(self.delete_selected)
        self.transfer_button.clicked.connect(self.transfer)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete_selected)
        self.amount.textEdited.connect(lambda _t: self.error.clear_message())
        ctx.bus.changed.connect(self._changed)
        self.reload()
        self.amount.setFocus()

    # --- data --------------------------------------------------------------------------------------
    def _changed(self, changes: Changes) -> None:
        if changes.touches(self.case_id, Part.RECEIPTS):
            self.reload()

    def reload(self) -> None:
        receipts = self.ctx.desk.receipts.of_case(self.case_id)
        self.model.set_rows(receipts)
        summary = summarise_receipts(receipts)
        self.summary_model.set_rows(list(summary.by_category))
        self.totals.setText(
            f"{summary.count} kvitteringer: {summary.total.format()} — need to have {summary.need.format()}, "
            f"nice to have {summary.nice.format()}"
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter adds the receipt (instead of closing the dialog); Escape still closes.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submit()
            return
        super().keyPressEvent(event)

    def submit(self) -> None:
        try:
            amount = parse_money(self.amount.text(), field="amount")
        except UserInputError as exc:
            self._refuse(exc.message, self.amount)
            return
        try:
            bought_on = self.bought_on.value()
        except UserInputError as exc:
            self._refuse(exc.message, self.bought_on)
            return
        receipt = ReceiptData(
            amount=amount,
            category=str(self.category.currentData()),
            need=cats.NICE if self.nice.isChecked() else cats.NEED,
            text=self.text.text().strip(),
            bought_on=bought_on,
        )
        added = run_write(
            self,
            self.ctx,
            lambda: self.ctx.desk.receipts.add(self.case_id, receipt, budget_id=self.budget_id),
            on_input_error=lambda exc: self._refuse(exc.message, self.amount),
        )
        if added is None:
            return
        self.error.clear_message()
        self.amount.clear()
        self.text.clear()
        self.nice.setChecked(False)
        self.table.scrollToBottom()
        self.amount.setFocus()

    def _refuse(self, message: str, widget: QWidget) -> None:
        self.error.show_message(message)
        widget.setFocus()

    def delete_selected(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            return
        receipt_id = self.model.row_at(index.row()).id
        run_write(self, self.ctx, lambda: self.ctx.desk.receipts.delete(receipt_id))

    def transfer(self) -> None:
        budget_id = self.budget_id
        if budget_id is None:
            return
        receipts = self.model.rows()
        if not receipts:
            self.transfer_note.setText("Der er ingen kvitteringer at overføre.")
            return
        months = self.months.value()
        added = run_write(
            self, self.ctx, lambda: self.ctx.desk.receipts.into_budget(budget_id, receipts, months=months)
        )
        if added is None:
            return
        self.lines_added = self.lines_added or bool(added.ids)
        self.transfer_note.setText(f"{len(added.ids)} poster er tilføjet budgettet.")
