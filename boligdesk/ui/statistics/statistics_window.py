"""The Statistik window (Filer → Statistik…): choose years and estates; the figures (computed off the GUI
thread), the team leader's overview and the counts entered by hand; the data horizon; PDF and Excel."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from boligdesk.errors import StoreError
from boligdesk.reports.figures import StatsReport
from boligdesk.services.statistics import DataHorizon
from boligdesk.ui.context import AppContext
from boligdesk.ui.shared.desk_ops import BackgroundCall, run_in_background, show_error
from boligdesk.ui.shared.printing import documents_folder, tell_saved
from boligdesk.ui.statistics.entered_panel import EnteredPanel
from boligdesk.ui.statistics.figures_panel import FiguresPanel
from boligdesk.ui.statistics.overview_panel import OverviewPanel

EXPORT_FILTERS = {"pdf": "PDF-filer (*.pdf)", "xlsx": "Excel-filer (*.xlsx)"}


class StatisticsWindow(QWidget):
    def __init__(
        self, ctx: AppContext, open_case: Callable[[str], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle("Statistik — BoligDesk")
        self._ctx = ctx
        self.report: StatsReport | None = None
        self.horizon: DataHorizon | None = None
        self.last_written: Path | None = None
        #: False in tests: no "saved" message box after writing a file.
        self.tell_when_saved = True
        first, last = ctx.desk.statistics.years_with_data()
        self.first = QSpinBox()
        self.last = QSpinBox()
        for spin, value in ((self.first, max(first, last - 3)), (self.last, last)):
            spin.setRange(1990, 2100)
            spin.setValue(value)
        self.estates = QListWidget()
        self.estates.setMaximumHeight(78)
        self.estates.setToolTip("Afkryds de afdelinger, tabellerne skal vise.")
        self.threshold = QSpinBox()
        self.threshold.setRange(0, 100)
        self.threshold.setSpecialValueText("ingen")
        self.threshold.setToolTip(
            "Til rapporter der forlader organisationen: antal under grænsen vises som »<n«, og summer der "
            "ville afsløre dem skjules også. »ingen«: alle tal er eksakte."
        )
        self.compute_button = QPushButton("&Beregn")
        self.pdf_button = QPushButton("Gem som &PDF…")
        self.xlsx_button = QPushButton("Gem som &Excel…")
        self.status = QLabel("Vælg år og afdelinger, og tryk Beregn.")
        self.status.setWordWrap(True)
        self.horizon_label = QLabel()
        self.horizon_label.setWordWrap(True)
        self.horizon_label.setStyleSheet("color: #444;")

        self.figures = FiguresPanel(ctx, open_case)
        self.overview = OverviewPanel(ctx, open_case)
        self.entered = EnteredPanel(ctx)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.figures, "&Tal pr. afdeling og år")
        self.tabs.addTab(self.overview, "Teamlederens &overblik")
        self.tabs.addTab(self.entered, "In&dtastede tal")
        self.tabs.currentChanged.connect(self._tab_changed)

        controls = QHBoxLayout()
        for text, widget in (("&Fra", self.first), ("t&il", self.last)):
            label = QLabel(text)
            label.setBuddy(widget)
            controls.addWidget(label)
            controls.addWidget(widget)
        estates_label = QLabel("&Afdelinger")
        estates_label.setBuddy(self.estates)
        controls.addWidget(estates_label)
        controls.addWidget(self.estates, 2)
        threshold_label = QLabel("Skjul antal &under")
        threshold_label.setBuddy(self.threshold)
        controls.addWidget(threshold_label)
        controls.addWidget(self.threshold)
        controls.addWidget(self.compute_button)
        controls.addWidget(self.pdf_button)
        controls.addWidget(self.xlsx_button)

        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.status)
        layout.addWidget(self.horizon_label)
        layout.addWidget(self.tabs, 1)

        self.compute_button.clicked.connect(self.compute)
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        self.xlsx_button.clicked.connect(lambda: self.export("xlsx"))
        self.threshold.valueChanged.connect(self._redraw)
        ctx.bus.changed.connect(self._data_changed)
        self._fill_estates()
        self._set_export_enabled(False)

    # --- choices -----------------------------------------------------------------------------------
    def _fill_estates(self) -> None:
        for estate_id, name in self._ctx.desk.statistics.estates().items():
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, estate_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.estates.addItem(item)

    def chosen_estates(self) -> list[str] | None:
        """The ticked estates; None when all are ticked (then cases without an estate count too)."""
        items = [self.estates.item(i) for i in range(self.estates.count())]
        ticked = [
            str(i.data(Qt.ItemDataRole.UserRole)) for i in items if i.checkState() == Qt.CheckState.Checked
        ]
        return None if len(ticked) == len(items) else ticked

    def years(self) -> list[int]:
        return list(range(self.first.value(), self.last.value() + 1))

    def _set_export_enabled(self, on: bool) -> None:
        self.pdf_button.setEnabled(on)
        self.xlsx_button.setEnabled(on)

    # --- computing -----------------------------------------------------------------------------------
    def compute(self) -> BackgroundCall | None:
        if self.last.value() < self.first.value():
            self.status.setText("Til-året skal være samme år som fra-året eller senere.")
            return None
        years, estates = self.years(), self.chosen_estates()
        stats = self._ctx.desk.statistics
        self.compute_button.setEnabled(False)
        self.status.setText("Beregner …")

        def work(progress: Any) -> tuple[StatsReport, DataHorizon]:
            return stats.report(years, estates, progress), stats.horizon()

        call = run_in_background(self, self._ctx, work, self._computed, title="Beregner statistikken …")
        call.finished.connect(lambda: self.compute_button.setEnabled(True))
        return call

    def _computed(self, result: tuple[StatsReport, DataHorizon]) -> None:
        self.report, self.horizon = result
        years = self.report.years
        self.status.setText(
            f"Beregnet {self._ctx.today():%d.%m.%Y} for {years[0]}–{years[-1]}, "
            f"{len(self.report.estate_ids)} afdelinger. Tal med * er indtastet. Dobbeltklik på et tal for at "
            "se sagerne bag det."
        )
        self.horizon_label.setText("Datagrundlag: " + " ".join(self.horizon.lines()))
        self._set_export_enabled(True)
        self._redraw()

    def _redraw(self) -> None:
        if self.report is None:
            return
        from boligdesk.reports.present import suppress_report

        threshold = self.threshold.value()
        self.figures.set_report(suppress_report(self.report, threshold), threshold)

    def _data_changed(self, changes: object) -> None:
        if self.report is not None and changes:
            self.status.setText("Der er ændret data siden beregningen. Tryk Beregn for at få de nye tal med.")

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.overview and self.overview.model.rowCount() == 0:
            self.overview.refresh()

    # --- export -----------------------------------------------------------------------------------------
    def export(self, fmt: str) -> None:
        report = self.report
        if report is None:
            return
        years = f"{report.years[0]}-{report.years[-1]}"
        start = str(documents_folder() / f"statistik-{years}.{fmt}")
        name, _ = QFileDialog.getSaveFileName(self, "Gem statistikken", start, EXPORT_FILTERS[fmt])
        if not name:
            return
        self.write_file(Path(name), fmt)

    def write_file(self, path: Path, fmt: str) -> BackgroundCall | None:
        """Make the file off the GUI thread and write it (the dialog-free half of :meth:`export`)."""
        report = self.report
        if report is None:
            return None
        if path.suffix.lower() != f".{fmt}":
            path = path.with_suffix(f".{fmt}")
        stats = self._ctx.desk.statistics
        threshold = self.threshold.value()
        kind = "pdf" if fmt == "pdf" else "xlsx"

        def done(data: bytes) -> None:
            try:
                stats.write_export(path, data)
            except StoreError as exc:
                show_error(self, exc)
                return
            self.last_written = path
            if self.tell_when_saved:
                tell_saved(self, path, "Statistik")

        return run_in_background(
            self,
            self._ctx,
            lambda progress: stats.export(report, kind, threshold=threshold),  # type: ignore[arg-type]
            done,
            title="Laver rapporten …",
        )


def open_statistics(window: Any) -> StatisticsWindow:
    """Open (or raise) the Statistik window of the main ``window``; a clicked case opens there."""
    existing = getattr(window, "_statistics_window", None)
    if isinstance(existing, StatisticsWindow):
        existing.show()
        existing.raise_()
        existing.activateWindow()
        return existing

    def open_case(case_id: str) -> None:
        window.tabs.setCurrentWidget(window.cases_tab)
        window.cases_tab.open_case(case_id)
        window.raise_()
        window.activateWindow()

    stats = StatisticsWindow(window.unlocked, open_case, window)
    stats.resize(1280, 720)
    window._statistics_window = stats

    def close_on_lock(locked: bool) -> None:
        # Locking hides every figure: the window closes and goes with the closed store.
        if locked and getattr(window, "_statistics_window", None) is stats:
            window._statistics_window = None
            stats.close()
            stats.deleteLater()

    window.lockedChanged.connect(close_on_lock)
    stats.show()
    return stats
