"""Indstillinger → Revisionslog: who opened, changed, printed, exported or erased what, and when.

For the data-protection officer or the team leader: filter by case number, adviser, kind and period;
export what is shown to Excel (every cell as text). The export is itself recorded in the log.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from boligdesk.errors import UserInputError
from boligdesk.services.audit_log import KINDS, AuditFilter, AuditRow
from boligdesk.ui.context import AppContext
from boligdesk.ui.shared.date_edit import DateEdit
from boligdesk.ui.shared.desk_ops import run_write
from boligdesk.ui.shared.error_label import ErrorLabel
from boligdesk.ui.shared.printing import documents_folder
from boligdesk.ui.shared.table_model import Column, TableModel, make_table_view

ALL = "Alle"
LIMIT = 10_000


class AuditLogDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Revisionslog")
        self.resize(1100, 640)
        self.case = QLineEdit()
        self.case.setPlaceholderText("alle sager")
        self.adviser = QComboBox()
        self.adviser.addItem(ALL)
        self.adviser.addItems(ctx.desk.audit_log.advisers())
        self.date_from = DateEdit(field="from")
        self.date_to = DateEdit(field="to")
        self.kinds = {key: QCheckBox(label) for key, (label, _actions) in KINDS.items()}
        kinds = QHBoxLayout()
        for box in self.kinds.values():
            kinds.addWidget(box)
        kinds.addStretch(1)
        show = QPushButton("&Vis")
        show.setDefault(True)
        show.clicked.connect(self.refresh)
        grid = QGridLayout()
        grid.addWidget(QLabel("&Sag (nr.)"), 0, 0)
        grid.addWidget(self.case, 0, 1)
        grid.addWidget(QLabel("&Medarbejder"), 0, 2)
        grid.addWidget(self.adviser, 0, 3)
        grid.addWidget(QLabel("&Fra"), 0, 4)
        grid.addWidget(self.date_from, 0, 5)
        grid.addWidget(QLabel("&Til"), 0, 6)
        grid.addWidget(self.date_to, 0, 7)
        grid.addWidget(show, 0, 8)
        for label, widget in ((0, self.case), (2, self.adviser), (4, self.date_from), (6, self.date_to)):
            item = grid.itemAtPosition(0, label)
            assert item is not None
            label_widget = item.widget()
            if isinstance(label_widget, QLabel):
                label_widget.setBuddy(widget)
        self.error = ErrorLabel()
        self.count = QLabel()
        self.model: TableModel[AuditRow] = TableModel(
            [
                Column("Tidspunkt", lambda r: f"{r.at:%d.%m.%Y %H.%M}", sort_key=lambda r: r.at, width=130),
                Column("Handling", lambda r: r.action_label, width=170),
                Column("Hvad", lambda r: r.entity_label, width=130),
                Column("Sag", lambda r: r.case_number, width=90),
                Column("Medarbejder", lambda r: r.actor, width=160),
                Column("Computer", lambda r: r.device[:8], width=80),
                Column("Detaljer", lambda r: r.detail, width=200),
            ],
            self,
            id_of=lambda r: (r.at, r.entity_id, r.action),
        )
        self.table = make_table_view(self.model)
        export = QPushButton("&Eksportér til Excel…")
        export.clicked.connect(self.export)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("&Luk")
        buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        bottom.addWidget(export)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addLayout(kinds)
        layout.addWidget(self.error)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.refresh()

    def current_filter(self) -> AuditFilter:
        adviser = self.adviser.currentText()
        return AuditFilter(
            case_number=self.case.text(),
            adviser="" if adviser == ALL else adviser,
            kinds=frozenset(k for k, box in self.kinds.items() if box.isChecked()),
            date_from=self.date_from.value(),
            date_to=self.date_to.value(),
        )

    def refresh(self) -> None:
        self.error.clear_message()
        try:
            flt = self.current_filter()
        except UserInputError as exc:
            self.error.show_message(exc.message)
            return
        rows = self.ctx.desk.audit_log.rows(flt, limit=LIMIT)
        self.model.set_rows(rows)
        more = f" (de nyeste {LIMIT}; afgræns søgningen for at se ældre)" if len(rows) >= LIMIT else ""
        self.count.setText(f"{len(rows)} hændelser{more}")

    def export(self) -> None:
        rows = self.model.rows()
        if not rows:
            QMessageBox.information(self, "Revisionslog", "Der er ingen hændelser at eksportere.")
            return
        start = str(documents_folder() / "Revisionslog.xlsx")
        name, _f = QFileDialog.getSaveFileName(
            self, "Eksportér revisionslog", start, "Excel-projektmappe (*.xlsx)"
        )
        if not name:
            return
        path = Path(name) if name.lower().endswith(".xlsx") else Path(name + ".xlsx")
        if run_write(self, self.ctx, lambda: self.ctx.desk.audit_log.export(rows, path)) is not None:
            QMessageBox.information(self, "Revisionslog", f"{len(rows)} hændelser er gemt i {path}.")
            self.refresh()
