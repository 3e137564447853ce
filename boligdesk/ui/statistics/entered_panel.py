"""Counts entered by hand for the years before BoligDesk (marked »indtastet« with a note), and the price of
one eviction the landlord's saving is computed with (with its source and price year)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from boligdesk.budget.money import Money
from boligdesk.errors import UserInputError
from boligdesk.reports.facts import BASELINE_FIGURES, BaselineFact
from boligdesk.services.changes import Part
from boligdesk.ui.context import AppContext
from boligdesk.ui.shared.desk_ops import run_write
from boligdesk.ui.shared.error_label import ErrorLabel
from boligdesk.ui.shared.money_edit import MoneyEdit
from boligdesk.ui.shared.table_model import ROW_ROLE, Column, TableModel, make_table_view


class EnteredPanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.estate = QComboBox()
        self.year = QSpinBox()
        self.year.setRange(1990, 2100)
        self.year.setValue(ctx.today().year - 1)
        self.figure = QComboBox()
        for key, label in BASELINE_FIGURES.items():
            self.figure.addItem(label, key)
        self.count = QSpinBox()
        self.count.setRange(0, 100_000)
        for spin in (self.year, self.count):
            spin.setMaximumWidth(120)
        self.note = QLineEdit()
        self.note.setPlaceholderText("fx »Optalt fra udlejers liste over udsættelser 2011«")
        self.save_button = QPushButton("Ge&m tallet")
        self.remove_button = QPushButton("F&jern tallet")
        self.error = ErrorLabel()
        form = QFormLayout()
        form.addRow("Afdelin&g", self.estate)
        form.addRow("Å&r", self.year)
        form.addRow("&Hvilket tal", self.figure)
        form.addRow("Antal (&sager)", self.count)
        form.addRow("&Note", self.note)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        form.addRow("", buttons)
        form.addRow("", self.error)
        box = QGroupBox("Indtastede tal (år før BoligDesk) — vises med * i tabellerne")
        box_layout = QVBoxLayout(box)
        box_layout.addLayout(form)
        self.model: TableModel[BaselineFact] = TableModel(
            [
                Column("År", lambda b: str(b.year), width=60),
                Column("Afdeling", lambda b: self._estates.get(b.estate_id, "(slettet afdeling)"), width=200),
                Column("Tal for", lambda b: BASELINE_FIGURES.get(b.figure, b.figure), width=200),
                Column("Antal", lambda b: str(b.count), align_right=True, width=70),
                Column("Note", lambda b: b.note, width=300),
            ],
            self,
            id_of=lambda b: (b.estate_id, b.year, b.figure),
        )
        self.view = make_table_view(self.model)
        self.view.clicked.connect(self._pick)
        box_layout.addWidget(self.view)

        self.cost = MoneyEdit(field="ore")
        self.cost_source = QLineEdit()
        self.cost_year = QSpinBox()
        self.cost_year.setRange(1990, 2100)
        self.cost_year.setMaximumWidth(120)
        self.cost.setMaximumWidth(200)
        self.cost_button = QPushButton("Gem prisen")
        self.cost_error = ErrorLabel()
        cost_form = QFormLayout()
        cost_form.addRow("Pris pr. udsættelse for udlejer (&kr.)", self.cost)
        cost_form.addRow("Ki&lde", self.cost_source)
        cost_form.addRow("Prisni&veau (år)", self.cost_year)
        cost_buttons = QHBoxLayout()
        cost_buttons.addWidget(self.cost_button)
        cost_buttons.addStretch(1)
        cost_form.addRow("", cost_buttons)
        cost_form.addRow("", self.cost_error)
        cost_box = QGroupBox("Sparede udgifter for udlejer")
        cost_box.setLayout(cost_form)

        layout = QVBoxLayout(self)
        layout.addWidget(box, 3)
        layout.addWidget(cost_box)
        self._estates: dict[str, str] = {}
        self.save_button.clicked.connect(self.save)
        self.remove_button.clicked.connect(self.remove)
        self.cost_button.clicked.connect(self.save_cost)
        ctx.bus.changed.connect(self._changed)
        self.reload()

    def _changed(self, changes: object) -> None:
        touches = getattr(changes, "touches", None)
        if touches is not None and touches(None, Part.SETTINGS, Part.ESTATES):
            self.reload()

    def reload(self) -> None:
        stats = self._ctx.desk.statistics
        self._estates = stats.estates()
        current = self.estate.currentData()
        self.estate.clear()
        for estate_id, name in self._estates.items():
            self.estate.addItem(name, estate_id)
        if current is not None and self.estate.findData(current) >= 0:
            self.estate.setCurrentIndex(self.estate.findData(current))
        self.model.set_rows(stats.baselines())
        cost = stats.eviction_cost()
        self.cost.setValue(Money(cost.ore))
        self.cost_source.setText(cost.source)
        self.cost_year.setValue(cost.price_year)

    def _pick(self) -> None:
        index = self.view.currentIndex()
        row = index.data(ROW_ROLE) if index.isValid() else None
        if isinstance(row, BaselineFact):
            self.estate.setCurrentIndex(max(0, self.estate.findData(row.estate_id)))
            self.year.setValue(row.year)
            self.figure.setCurrentIndex(max(0, self.figure.findData(row.figure)))
            self.count.setValue(row.count)
            self.note.setText(row.note)

    def _write(self, count: int | None) -> None:
        self.error.clear_message()
        estate = self.estate.currentData()
        if estate is None:
            self.error.show_message(
                "Opret først afdelingen under Indstillinger → Boligorganisationer og afdelinger."
            )
            return
        run_write(
            self,
            self._ctx,
            lambda: self._ctx.desk.statistics.set_baseline(
                str(estate), self.year.value(), str(self.figure.currentData()), count, self.note.text()
            ),
            on_input_error=lambda exc: self.error.show_message(exc.message),
        )

    def save(self) -> None:
        self._write(self.count.value())

    def remove(self) -> None:
        self._write(None)

    def save_cost(self) -> None:
        self.cost_error.clear_message()
        try:
            amount = self.cost.required_value()
        except UserInputError as exc:
            self.cost_error.show_message(exc.message)
            return
        run_write(
            self,
            self._ctx,
            lambda: self._ctx.desk.statistics.set_eviction_cost(
                amount.ore, self.cost_source.text(), self.cost_year.value()
            ),
            on_input_error=lambda exc: self.cost_error.show_message(exc.message),
        )
