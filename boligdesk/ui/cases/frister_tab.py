"""Frister: every open case's deadlines, most urgent first. Double-click (or Enter) opens the case."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from boligdesk.services.changes import LIST_PARTS, Changes, Part
from boligdesk.services.frister import DeadlineRow, Urgency
from boligdesk.ui.cases.frister_table_model import URGENCY_COLOURS, FristerTableModel
from boligdesk.ui.context import AppContext
from boligdesk.ui.shared.table_model import ID_ROLE, SORT_ROLE

#: What the list shows of a case (its dates, follow-ups, plan, closing): a change to one redraws it.
SHOWN_PARTS = (*LIST_PARTS, Part.CLOSING)


class _Table(QTableView):
    """Enter/Return on a row opens the case, like a double-click."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.doubleClicked.emit(self.currentIndex())
            return
        super().keyPressEvent(event)


def _legend(text: str, urgency: Urgency) -> QLabel:
    label = QLabel(text)
    colour = URGENCY_COLOURS[urgency]
    background = colour.name() if colour is not None else "transparent"
    label.setStyleSheet(f"background: {background}; padding: 2px 8px; border: 1px solid #c8c8c8;")
    return label


class FristerTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.model = FristerTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)

        self.table = _Table()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setAccessibleName("Frister")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((96, 110, 380, 90, 200)):
            self.table.setColumnWidth(column, width)

        self.summary = QLabel()
        self.refresh_button = QPushButton("&Opdatér")
        intro = QLabel(
            "Alle åbne sagers frister, de mest presserende øverst. Dobbeltklik (eller Enter) åbner sagen."
        )
        intro.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(intro, 1)
        top.addWidget(self.refresh_button)
        legend = QHBoxLayout()
        legend.addWidget(_legend("Overskredet", Urgency.PASSED))
        legend.addWidget(_legend("Inden for 3 dage", Urgency.WITHIN_3_DAYS))
        legend.addWidget(_legend("Inden for 7 dage", Urgency.WITHIN_7_DAYS))
        legend.addWidget(_legend("Senere", Urgency.LATER))
        legend.addStretch(1)
        legend.addWidget(self.summary)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addLayout(legend)
        layout.addWidget(self.table, 1)

        self.table.doubleClicked.connect(self._open)
        self.refresh_button.clicked.connect(self.reload)
        ctx.bus.changed.connect(self._changed)
        self.reload()

    def _changed(self, changes: Changes) -> None:
        # A hidden Frister tab reloads when it is shown.
        if self.isVisible() and changes.touches(None, *SHOWN_PARTS):
            self.reload()

    def reload(self) -> None:
        rows = self._ctx.desk.frister.rows()
        self.model.set_rows(rows)
        self.table.sortByColumn(
            self.table.horizontalHeader().sortIndicatorSection(),
            self.table.horizontalHeader().sortIndicatorOrder(),
        )
        self.summary.setText(self._summary(rows))

    @staticmethod
    def _summary(rows: list[DeadlineRow]) -> str:
        passed = sum(1 for r in rows if r.urgency is Urgency.PASSED)
        soon = sum(1 for r in rows if r.urgency in (Urgency.WITHIN_3_DAYS, Urgency.WITHIN_7_DAYS))
        cases = len({r.case_id for r in rows})
        return f"{len(rows)} frister på {cases} sager · {passed} overskredne · {soon} inden for 7 dage"

    def showEvent(self, event: QShowEvent) -> None:
        # The day may have changed since the tab was last shown.
        self.reload()
        super().showEvent(event)

    def _open(self, index: QModelIndex) -> None:
        case_id = index.data(ID_ROLE)
        if case_id:
            self._ctx.bus.caseSelected.emit(str(case_id))
