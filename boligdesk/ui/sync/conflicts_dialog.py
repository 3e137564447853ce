""" "Konflikter": values that lost a merge (or were held back), side by side with what applies now.

The adviser picks a line and chooses "Behold nuværende" or "Brug den anden"; either is saved at once as
a normal local edit (``desk.conflicts``), so it reaches the other laptops at the next sync, and every view
refreshes (``bus.changed`` with everything: a choice can change any row).
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QSortFilterProxyModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from boligdesk.errors import StoreError
from boligdesk.services.conflicts import ConflictItem
from boligdesk.ui.context import AppContext
from boligdesk.ui.shared.desk_ops import broadcast
from boligdesk.ui.shared.table_model import ROW_ROLE, SORT_ROLE
from boligdesk.ui.sync.conflicts_table_model import ConflictsTableModel

INTRO = (
    "Når to computere har ændret det samme, gælder den nyeste ændring. Den anden værdi er gemt her, "
    "så intet går tabt. Vælg en linje og bestem, hvilken værdi der skal gælde — valget synkroniseres "
    "til de andre."
)


def _detail_box() -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setReadOnly(True)
    box.setMaximumHeight(70)
    box.setTabChangesFocus(True)
    return box


class ConflictsDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.setWindowTitle("Konflikter")
        self.resize(1040, 520)
        self.model = ConflictsTableModel()
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)

        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        self.empty = QLabel("Der er ingen konflikter. Alt er, som det skal være.")
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.current_detail = _detail_box()
        self.other_detail = _detail_box()
        details = QHBoxLayout()
        for title, box in (("Gælder nu", self.current_detail), ("Den anden værdi", self.other_detail)):
            column = QVBoxLayout()
            label = QLabel(title)
            label.setStyleSheet("font-weight: bold;")
            column.addWidget(label)
            column.addWidget(box)
            details.addLayout(column, 1)
        self.details = QWidget()
        self.details.setLayout(details)
        details.setContentsMargins(0, 0, 0, 0)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")

        self.keep_button = QPushButton("&Behold nuværende")
        self.other_button = QPushButton("Brug &den anden")
        self.close_button = QPushButton("&Luk")
        self.keep_button.setToolTip("Værdien under »Gælder nu« bliver ved med at gælde på alle computere.")
        self.other_button.setToolTip("Værdien under »Den anden værdi« kommer til at gælde på alle computere.")
        self.keep_button.clicked.connect(self._keep)
        self.other_button.clicked.connect(self._other)
        self.close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.keep_button)
        buttons.addWidget(self.other_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        layout.addWidget(self.message)
        layout.addStretch(0)
        self._stretch_index = layout.count() - 1
        self._layout = layout
        layout.addLayout(buttons)
        refresh = QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self)
        refresh.activated.connect(self.reload)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.setTabOrder(self.table, self.keep_button)
        self.setTabOrder(self.keep_button, self.other_button)
        self.setTabOrder(self.other_button, self.close_button)
        self.reload()

    # --- data ---------------------------------------------------------------------------------------
    def reload(self) -> None:
        previous = self.selected()
        self.model.set_rows(self._ctx.desk.conflicts.open_items())
        has_items = self.model.rowCount() > 0
        self.empty.setVisible(not has_items)
        # Without the table the free space goes below the text, not between the lines.
        self._layout.setStretch(self._stretch_index, 0 if has_items else 1)
        self.table.setVisible(has_items)
        self.details.setVisible(has_items)
        self._fit_columns()
        if has_items:
            self._select_row(self._row_of(previous))
        self._update_buttons()

    def _fit_columns(self) -> None:
        self.table.resizeColumnsToContents()
        for column, cap in ((0, 260), (1, 170), (2, 200), (3, 200), (4, 170)):
            if self.table.columnWidth(column) > cap:
                self.table.setColumnWidth(column, cap)

    def _row_of(self, item: ConflictItem | None) -> int:
        if item is None:
            return 0
        for row in range(self.proxy.rowCount()):
            candidate = self.proxy.index(row, 0).data(ROW_ROLE)
            if candidate is not None and candidate.id == item.id:
                return row
        return 0

    def _select_row(self, row: int) -> None:
        row = max(0, min(row, self.proxy.rowCount() - 1))
        index = self.proxy.index(row, 0)
        self.table.selectionModel().select(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.setCurrentIndex(index)

    def selected(self) -> ConflictItem | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        item = rows[0].data(ROW_ROLE)
        return item if isinstance(item, ConflictItem) else None

    # --- actions ------------------------------------------------------------------------------------
    def _update_buttons(self) -> None:
        item = self.selected()
        self.keep_button.setEnabled(item is not None)
        self.other_button.setEnabled(item is not None)
        self.current_detail.setPlainText(item.current_text if item else "")
        self.other_detail.setPlainText(item.other_text if item else "")

    def _keep(self) -> None:
        self._decide(keep=True)

    def _other(self) -> None:
        self._decide(keep=False)

    def _decide(self, *, keep: bool) -> None:
        item = self.selected()
        if item is None:
            return
        row = self.table.currentIndex().row()
        self.message.clear()
        conflicts = self._ctx.desk.conflicts
        try:
            changes = (
                conflicts.keep_current(item.kind, item.id)
                if keep
                else conflicts.use_other(item.kind, item.id)
            )
        except StoreError as exc:
            self.message.setText(exc.message)
            return
        self.reload()
        if self.model.rowCount():
            self._select_row(row)
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.close_button.setFocus(Qt.FocusReason.OtherFocusReason)
        broadcast(self._ctx, changes)
