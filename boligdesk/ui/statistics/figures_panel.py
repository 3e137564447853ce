"""The figures: a list of tables (tooltip: the definition), the chosen table, its definition, the chart of one
estate over the years (the same reportlab drawing as on the printout, shown as SVG) and the cases behind
a clicked number."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from boligdesk.reports.chart import estate_chart, svg_bytes
from boligdesk.reports.export import change_header
from boligdesk.reports.figures import Row, StatsReport, Table
from boligdesk.reports.present import cell_text, cell_tooltip
from boligdesk.ui.context import AppContext
from boligdesk.ui.shared.table_model import ROW_ROLE, Column, TableModel, make_table_view
from boligdesk.ui.statistics.drill_down import DrillDown

#: The list of tables: at least this wide, and at most (a longer title wraps).
TABLES_LIST_WIDTH = (220, 340)


def _total_style(row: Row) -> tuple[str, str, QFont | None]:
    if not row.is_total:
        return ("", "", None)
    font = QFont()
    font.setBold(True)
    return ("", "#eef2f7", font)


def _text(i: int, threshold: int) -> Callable[[Row], str]:
    return lambda r: cell_text(r.cells[i], r.kind, threshold)


def _tip(i: int) -> Callable[[Row], str | None]:
    return lambda r: cell_tooltip(r.cells[i], r.kind) or None


def _columns(table: Table, report: StatsReport, threshold: int) -> list[Column[Row]]:
    columns: list[Column[Row]] = [Column("", lambda r: r.label, width=230, tooltip=lambda r: None)]
    for i, title in enumerate(table.columns):
        columns.append(
            Column(
                title,
                _text(i, threshold),
                align_right=True,
                tooltip=_tip(i),
                width=70 if len(table.columns) <= 12 else 58,
                header_tooltip=table.definition,
            )
        )
    if table.has_change and len(report.years) > 1:
        columns.append(
            Column(
                change_header(report),
                lambda r: cell_text(r.change, "change", threshold) if r.change else "",
                align_right=True,
                width=150,
                header_tooltip="Afrundet halvt væk fra nul til et helt antal procent (−62,5 % bliver −63 %).",
            )
        )
    return columns


class FiguresPanel(QWidget):
    def __init__(
        self, ctx: AppContext, open_case: Callable[[str], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.report: StatsReport | None = None
        self.table: Table | None = None
        self.threshold = 0
        self.tables_list = QListWidget()
        # As wide as the longest title (never cut, no scrolling sideways); a longer title (an organisation's
        # own?) wraps within the widest the list may be.
        self.tables_list.setWordWrap(True)
        self.tables_list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.tables_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tables_list.setFixedWidth(TABLES_LIST_WIDTH[0])
        self.tables_list.currentRowChanged.connect(self._show_table)
        self.model: TableModel[Row] = TableModel([Column("", lambda r: r.label)], self)
        self.view = make_table_view(self.model)
        self.view.doubleClicked.connect(self._drill)
        self.view.clicked.connect(self._row_clicked)
        self.definition = QLabel()
        self.definition.setWordWrap(True)
        self.definition.setStyleSheet("color: #333;")
        self.definition.setMinimumHeight(34)
        self.chart_estate = QComboBox()
        self.chart_estate.currentIndexChanged.connect(self._draw_chart)
        self.chart = QSvgWidget()
        self.chart.setMinimumSize(360, 225)
        self.drill = DrillDown(ctx, open_case)

        chart_box = QWidget()
        chart_layout = QVBoxLayout(chart_box)
        chart_layout.setContentsMargins(0, 0, 0, 0)
        pick = QHBoxLayout()
        chart_label = QLabel("&Graf for")
        chart_label.setBuddy(self.chart_estate)
        pick.addWidget(chart_label)
        pick.addWidget(self.chart_estate, 1)
        chart_layout.addLayout(pick)
        chart_layout.addWidget(self.chart, 1)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.view, 3)
        right_layout.addWidget(self.definition)
        bottom = QSplitter(Qt.Orientation.Horizontal)
        bottom.addWidget(chart_box)
        bottom.addWidget(self.drill)
        bottom.setStretchFactor(1, 1)
        right_layout.addWidget(bottom, 2)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tables_list)
        layout.addWidget(right, 1)

    def set_report(self, report: StatsReport, threshold: int = 0) -> None:
        """Show ``report`` (already suppressed below ``threshold`` when that is set)."""
        keep = self.tables_list.currentRow()
        self.report = report
        self.threshold = threshold
        self.tables_list.blockSignals(True)
        self.tables_list.clear()
        for table in report.tables:
            item = QListWidgetItem(table.title)
            item.setToolTip(table.definition)
            self.tables_list.addItem(item)
        self.tables_list.blockSignals(False)
        self._fit_tables_list()
        self.chart_estate.blockSignals(True)
        self.chart_estate.clear()
        for row in report.table("moved_out").rows:
            self.chart_estate.addItem("Alle valgte afdelinger" if row.is_total else row.label, row.key)
        self.chart_estate.setCurrentIndex(self.chart_estate.count() - 1)
        self.chart_estate.blockSignals(False)
        self.tables_list.setCurrentRow(keep if 0 <= keep < len(report.tables) else 0)
        self._show_table(self.tables_list.currentRow())
        self._draw_chart()

    def _fit_tables_list(self) -> None:
        """The list as wide as its longest title plus the frame and a vertical scroll bar's room."""
        lst = self.tables_list
        widest = lst.sizeHintForColumn(0)
        room = 2 * lst.frameWidth() + lst.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent) + 8
        low, high = TABLES_LIST_WIDTH
        lst.setFixedWidth(max(low, min(high, widest + room)))

    def _show_table(self, index: int) -> None:
        if self.report is None or not 0 <= index < len(self.report.tables):
            return
        table = self.report.tables[index]
        self.table = table
        model: TableModel[Row] = TableModel(
            _columns(table, self.report, self.threshold), self, id_of=lambda r: r.key, style=_total_style
        )
        model.set_rows(table.rows)
        self.model = model
        self.view.setModel(model)
        for i, column in enumerate(model.columns):
            self.view.setColumnWidth(i, column.width)
        self.view.horizontalHeader().setStretchLastSection(False)
        self.definition.setText(f"<b>{table.title}.</b> {table.definition}")

    def _row_clicked(self, index: QModelIndex | QPersistentModelIndex) -> None:
        row = index.data(ROW_ROLE)
        if (
            isinstance(row, Row)
            and self.table is not None
            and self.table.key in ("moved_out", "evicted", "total")
        ):
            position = self.chart_estate.findData(row.key)
            if position >= 0:
                self.chart_estate.setCurrentIndex(position)

    def _drill(self, index: QModelIndex | QPersistentModelIndex) -> None:
        row = index.data(ROW_ROLE)
        column = index.column() - 1
        if not isinstance(row, Row) or self.table is None or not 0 <= column < len(row.cells):
            return
        cell = row.cells[column]
        what = f"{self.table.title} — {row.label.strip()}, {self.table.columns[column]}"
        self.drill.show_cases(what, cell.case_ids)

    def _draw_chart(self) -> None:
        if self.report is None or self.chart_estate.count() == 0:
            return
        key = self.chart_estate.currentData()
        self.chart.load(svg_bytes(estate_chart(self.report, str(key))))
