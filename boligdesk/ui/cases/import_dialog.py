""" "Importér ophævelsesliste": choose a file, see what will happen to every row, then import.

Nothing is saved until the user presses "Importér". A file that cannot be used (wrong format, missing
column, unreadable) shows a Danish message in the dialog and changes nothing. Reading the file (the dry
run: 10,000 rows take a second or two) and the import itself run off the GUI thread
(``run_in_background``) with a progress dialog; "Annullér" stops the reading (the dialog stays as it was)
or rolls the import back whole.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from boligdesk.errors import StoreError, UserInputError
from boligdesk.importers.plan import ImportPlan, ImportResult, ImportStatus
from boligdesk.services.progress import Progress
from boligdesk.ui.cases.import_preview_table_model import (
    ARREARS_COLUMN,
    DETAIL_COLUMN,
    STATUS_COLOURS,
    ImportPreviewTableModel,
    ImportStatusFilterProxy,
)
from boligdesk.ui.context import AppContext
from boligdesk.ui.shared.desk_ops import BackgroundCall, run_in_background
from boligdesk.ui.shared.error_label import ErrorLabel

OPEN_FILTER = "Regneark (*.xlsx *.csv *.txt *.tsv);;Alle filer (*)"
CSV_FILTER = "CSV til Excel (*.csv)"
XLSX_FILTER = "Excel-projektmappe (*.xlsx)"

_SHOW_CHOICES: tuple[tuple[str, ImportStatus | None], ...] = (
    ("Alle rækker", None),
    ("Nye sager", ImportStatus.CREATE),
    ("Opdateres", ImportStatus.UPDATE),
    ("Uændrede", ImportStatus.UNCHANGED),
    ("Afviste", ImportStatus.REJECTED),
)
_COLUMN_WIDTHS = (64, 86, 96, 180, 190, 130, 110, 86)


class ImportService(Protocol):
    """What the dialog needs of an import service (``desk.imports``, ``desk.new_tenant_imports``)."""

    def preview(self, path: Path, progress: Progress = ...) -> ImportPlan: ...

    def apply(
        self, plan: ImportPlan, progress: Progress = ..., *, assign_to_me: bool = False
    ) -> ImportResult: ...

    def save_rejected(self, plan: ImportPlan, path: Path) -> int: ...


class ImportDialog(QDialog):
    """The termination list's import; :class:`~boligdesk.ui.cases.new_tenant_import_dialog.NewTenantImportDialog`
    is the same dialog for the list of new tenants."""

    TITLE = "Importér ophævelsesliste"
    INTRO = (
        "Vælg boligorganisationens liste over nye ophævelser (CSV eller Excel). Du ser først, hvad "
        "der vil ske med hver række; intet gemmes, før du trykker »Importér«."
    )
    #: The list, in the definite form ("Læser ophævelseslisten …").
    LIST_NAME = "ophævelseslisten"
    CHOOSE_TITLE = "Vælg ophævelsesliste"
    DATE_TITLE = "Ophævet"
    SHOWS_ARREARS = True

    def _service(self) -> ImportService:
        """The desk service with ``preview``, ``apply`` and ``save_rejected``."""
        return self._ctx.desk.imports

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._plan: ImportPlan | None = None
        self._path: Path | None = None
        self.import_result: ImportResult | None = None
        self.running: BackgroundCall | None = None
        self.setWindowTitle(self.TITLE)
        self.resize(1240, 660)

        intro = QLabel(self.INTRO)
        intro.setWordWrap(True)

        self.path_edit = QLineEdit()
        self.path_edit.setReadOnly(True)
        self.path_edit.setPlaceholderText("Ingen fil valgt")
        file_label = QLabel("&Fil:")
        file_label.setBuddy(self.path_edit)
        self.choose_button = QPushButton("&Vælg fil…")
        self.choose_button.clicked.connect(self.choose_file)
        file_row = QHBoxLayout()
        file_row.addWidget(file_label)
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(self.choose_button)

        self.error_label = ErrorLabel()
        self.summary_label = QLabel()
        self.summary_label.setTextFormat(Qt.TextFormat.RichText)

        self.show_combo = QComboBox()
        for text, _status in _SHOW_CHOICES:
            self.show_combo.addItem(text)
        self.show_combo.currentIndexChanged.connect(self._show_changed)
        show_label = QLabel("V&is:")
        show_label.setBuddy(self.show_combo)
        filter_row = QHBoxLayout()
        filter_row.addWidget(self.summary_label, 1)
        filter_row.addWidget(show_label)
        filter_row.addWidget(self.show_combo)

        self.model = ImportPreviewTableModel(self, date_title=self.DATE_TITLE)
        self.proxy = ImportStatusFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        for column, width in enumerate(_COLUMN_WIDTHS):
            header.resizeSection(column, width)
        header.setSectionResizeMode(DETAIL_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnHidden(ARREARS_COLUMN, not self.SHOWS_ARREARS)
        self.table.setAccessibleName("Forhåndsvisning af importen")
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        self.detail_label = QLabel()
        self.detail_label.setWordWrap(True)
        self.detail_label.setTextFormat(Qt.TextFormat.RichText)
        self.detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail_label.setMinimumHeight(40)
        self.detail_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        self.assign_check = QCheckBox("Gør &mig til rådgiver på de nye sager")
        self.assign_check.setChecked(True)
        self.assign_check.setVisible(bool(ctx.adviser_name))
        self.done_label = QLabel()
        self.done_label.setWordWrap(True)
        self.done_label.setStyleSheet("color: #1e6b2a; font-weight: 600;")
        self.done_label.hide()

        self.save_rejected_button = QPushButton("&Gem afviste rækker…")
        self.save_rejected_button.clicked.connect(self.choose_rejected_file)
        self.import_button = QPushButton("&Importér")
        self.import_button.clicked.connect(self.import_rows)
        self.close_button = QPushButton("Luk")
        self.close_button.clicked.connect(self.reject)
        for button in (self.save_rejected_button, self.import_button, self.close_button):
            button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_rejected_button)
        buttons.addWidget(self.assign_check)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(file_row)
        layout.addWidget(self.error_label)
        layout.addLayout(filter_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail_label)
        layout.addWidget(self.done_label)
        layout.addLayout(buttons)

        self.setTabOrder(self.choose_button, self.show_combo)
        self.setTabOrder(self.show_combo, self.table)
        self.setTabOrder(self.table, self.save_rejected_button)
        self.setTabOrder(self.save_rejected_button, self.assign_check)
        self.setTabOrder(self.assign_check, self.import_button)
        self.setTabOrder(self.import_button, self.close_button)
        self.choose_button.setDefault(True)
        self.choose_button.setFocus()
        self._update_state()

    # --- public actions (also used by tests) -------------------------------------------------------

    @property
    def plan(self) -> ImportPlan | None:
        return self._plan

    def load_file(self, path: Path) -> BackgroundCall | None:
        """Read ``path`` off the GUI thread (progress, "Annullér") and show the preview when it is read;
        a file that cannot be used shows its message instead. None while another call is running."""
        if self.running is not None:
            return None
        imports = self._service()

        def run(progress: Progress) -> ImportPlan | _Unusable:
            try:
                return imports.preview(path, progress)
            except (UserInputError, StoreError) as exc:
                return _Unusable(exc.message)

        self.running = run_in_background(
            self,
            self._ctx,
            run,
            lambda result: self._loaded(path, result),
            title=f"Læser {self.LIST_NAME} …",
            on_cancelled=self._load_cancelled,
        )
        self.running.finished.connect(self._finished)
        self._update_state()
        return self.running

    def _loaded(self, path: Path, result: ImportPlan | _Unusable) -> None:
        self.path_edit.setText(str(path))
        self.done_label.hide()
        self.import_result = None
        if isinstance(result, _Unusable):
            self._set_plan(None, None)
            self.error_label.show_message(result.message)
            return
        self.error_label.clear_message()
        self._set_plan(result, path)

    def _load_cancelled(self) -> None:
        self.error_label.show_message("Indlæsningen af filen blev annulleret. Intet er ændret.")

    def import_rows(self) -> BackgroundCall | None:
        """Apply the previewed plan (one transaction, off the GUI thread); the other views refresh from
        the Changes it returns. None when there is nothing to import (or an import is running)."""
        plan = self._plan
        if plan is None or not plan.has_changes or self.import_result is not None or self.running is not None:
            return None
        assign = bool(self._ctx.adviser_name) and self.assign_check.isChecked()
        imports = self._service()

        def run(progress: Progress) -> ImportResult:
            return imports.apply(plan, progress, assign_to_me=assign)

        self.import_button.setEnabled(False)
        self.running = run_in_background(
            self,
            self._ctx,
            run,
            self._imported,
            title=f"Importerer {self.LIST_NAME} …",
            on_cancelled=self._cancelled,
        )
        self.running.finished.connect(self._finished)
        return self.running

    def _imported(self, result: ImportResult) -> None:
        self.import_result = result
        self.error_label.clear_message()
        self.done_label.setText(_result_text(result))
        self.done_label.show()
        self._update_state()
        self.close_button.setFocus()

    def _cancelled(self) -> None:
        self.error_label.show_message("Importen blev annulleret. Intet er gemt.")
        self._update_state()

    def _finished(self) -> None:
        self.running = None
        self._update_state()

    def save_rejected_to(self, path: Path) -> int | None:
        """Write the rejected rows to ``path``; returns how many, or None (and a message) on failure."""
        if self._plan is None:
            return None
        try:
            written = self._service().save_rejected(self._plan, path)
        except StoreError as exc:
            self.error_label.show_message(exc.message)
            return None
        self.error_label.clear_message()
        noun = "afvist række" if written == 1 else "afviste rækker"
        self.done_label.setText(f"{written} {noun} gemt i {path}.")
        self.done_label.show()
        return written

    def choose_file(self) -> None:
        start = str(self._path.parent) if self._path else ""
        name, _ = QFileDialog.getOpenFileName(self, self.CHOOSE_TITLE, start, OPEN_FILTER)
        if name:
            self.load_file(Path(name))

    def choose_rejected_file(self) -> None:
        if self._plan is None or self._path is None:
            return
        suggestion = str(self._path.with_name(f"{self._path.stem}-afviste.csv"))
        name, chosen_filter = QFileDialog.getSaveFileName(
            self, "Gem afviste rækker", suggestion, f"{CSV_FILTER};;{XLSX_FILTER}"
        )
        if not name:
            return
        path = Path(name)
        if path.suffix.casefold() not in (".csv", ".xlsx"):
            path = path.with_name(path.name + (".xlsx" if chosen_filter == XLSX_FILTER else ".csv"))
        self.save_rejected_to(path)

    # --- internals ---------------------------------------------------------------------------------

    def _set_plan(self, plan: ImportPlan | None, path: Path | None) -> None:
        self._plan = plan
        self._path = path
        self.model.set_rows(plan.rows if plan else ())
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.detail_label.clear()
        self.summary_label.setText(_summary_html(plan) if plan else "")
        self._update_state()
        if plan is not None and plan.rows:
            self.table.selectRow(0)

    def _update_state(self) -> None:
        plan = self._plan
        can_import = (
            plan is not None and plan.has_changes and self.import_result is None and self.running is None
        )
        self.import_button.setEnabled(can_import)
        self.import_button.setDefault(can_import)
        self.save_rejected_button.setEnabled(plan is not None and plan.counts.rejected > 0)
        self.assign_check.setEnabled(can_import)
        self.choose_button.setEnabled(self.running is None)
        self.close_button.setText("Luk" if self.import_result is not None or plan is None else "Annullér")

    def _show_changed(self, index: int) -> None:
        self.proxy.set_status(_SHOW_CHOICES[index][1])
        self._show_detail()

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        """The selected row's status and full reason or changes, below the table."""
        indexes = self.table.selectionModel().selectedRows()
        if not indexes:
            self.detail_label.clear()
            return
        row = self.model.row_at(self.proxy.mapToSource(indexes[0]).row())
        text = f"<b>Række {row.line} · {row.status.label}</b>"
        if row.detail:
            text += f"<br>{_escape(row.detail)}"
        self.detail_label.setText(text)


@dataclass(frozen=True)
class _Unusable:
    """The file cannot be used: the Danish message to show in the dialog."""

    message: str


def _summary_html(plan: ImportPlan) -> str:
    counts = plan.counts
    parts = [
        (ImportStatus.CREATE, counts.created, "ny sag" if counts.created == 1 else "nye sager"),
        (ImportStatus.UPDATE, counts.updated, "opdateres"),
        (ImportStatus.UNCHANGED, counts.unchanged, "uændret" if counts.unchanged == 1 else "uændrede"),
        (ImportStatus.REJECTED, counts.rejected, "afvist" if counts.rejected == 1 else "afviste"),
    ]
    chips = " &nbsp; ".join(
        f'<span style="background-color:{STATUS_COLOURS[s].name()};">&nbsp;<b>{n}</b> {text}&nbsp;</span>'
        for s, n, text in parts
    )
    text = f"{_escape(plan.source_name)}: {len(plan.rows)} rækker &nbsp; {chips}"
    if plan.total_lines:
        text += f" &nbsp; (sumrække {', '.join(str(n) for n in plan.total_lines)} sprunget over)"
    if not plan.has_changes and plan.rows:
        text += " &nbsp; – intet nyt at importere."
    return text


def _result_text(result: ImportResult) -> str:
    created = "1 ny sag" if result.created == 1 else f"{result.created} nye sager"
    updated = "1 sag opdateret" if result.updated == 1 else f"{result.updated} sager opdateret"
    unchanged = f"{result.unchanged} " + ("uændret" if result.unchanged == 1 else "uændrede")
    rejected = f"{result.rejected} " + ("afvist" if result.rejected == 1 else "afviste")
    return f"Importeret: {created}, {updated}, {unchanged}, {rejected}."


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
