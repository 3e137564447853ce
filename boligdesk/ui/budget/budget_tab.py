"""The Budget tab: the selected case's budget, made with the tenant at the kitchen table.

Version picker and "Nyt budget (kopi af seneste)"; the lines table (entered amount, frequency, the
monthly figure beside it, need/nice, daily money) with a quick-entry row under it; totals, the
household's reference norm, warnings and a chart beside it; receipts mode, the kuvertsystem and
Forhåndsvis / Udskriv / Gem som PDF. Every change is saved at once (one short transaction per action);
totals are recomputed from the rows on screen, without a database round trip.
Older versions are shown read-only: history stays as it was.

Reads go through ``ctx.desk.budget`` (and ``ctx.desk.cases`` for the heading), writes through
``run_write``; the tab redraws whenever a broadcast ``Changes`` touches its case's budget, receipts,
envelopes, household or tenant — its own writes included.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from boligdesk.budget.calendar import format_short
from boligdesk.budget.lines import LineData, compute_totals
from boligdesk.budget.norms import HouseholdNorm, household_norm
from boligdesk.budget.ratebook import RateBook
from boligdesk.budget.warnings import BudgetWarning, budget_warnings
from boligdesk.errors import UserInputError
from boligdesk.services.changes import Changes, Part
from boligdesk.ui.budget.budget_chart_widget import BudgetChartWidget
from boligdesk.ui.budget.budget_line_entry import BudgetLineEntry
from boligdesk.ui.budget.budget_lines_table_model import (
    AMOUNT,
    CATEGORY,
    DAILY,
    FREQUENCY,
    KIND,
    MONTHLY,
    NICE,
    NOTE,
    TEXT,
    BudgetLineDelegate,
    BudgetLinesTableModel,
)
from boligdesk.ui.budget.budget_totals_panel import BudgetTotalsPanel
from boligdesk.ui.context import AppContext
from boligdesk.ui.shared.date_edit import DateEdit
from boligdesk.ui.shared.desk_ops import broadcast, run_write
from boligdesk.ui.shared.dialogs import ask_yes_no, run_modal
from boligdesk.ui.shared.error_label import ErrorLabel
from boligdesk.ui.shared.printing import preview_pdf, print_pdf, save_pdf

if TYPE_CHECKING:
    from boligdesk.services.budgets import Household

NO_CASE, NO_BUDGET, BUDGET = range(3)

#: What the tab shows of a case: a change to one of these parts redraws it.
SHOWN_PARTS = (Part.BUDGET, Part.RECEIPTS, Part.ENVELOPES, Part.HOUSEHOLD, Part.TENANT)


def _centered(text: str) -> QLabel:
    label = QLabel(text)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    return label


def warnings_html(warnings: list[BudgetWarning] | tuple[BudgetWarning, ...]) -> str:
    if not warnings:
        return '<span style="color:#1e6b2e;">Ingen advarsler.</span>'
    items = []
    for w in warnings:
        colour = "#a61b1b" if w.is_problem else "#7a4b00"
        # A problem gets the warning sign; a point worth a look the information sign (not a bare "?",
        # which read as "the program is unsure").
        mark = "⚠" if w.is_problem else "ℹ"
        items.append(f'<p style="margin:0 0 6px 0; color:{colour};">{mark} {html.escape(w.message)}</p>')
    return "".join(items)


class BudgetTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.case_id: str | None = None
        self.budget_id: str | None = None
        self.read_only = False
        self._household: Household | None = None
        self._rates: RateBook | None = None
        self._made_on = ctx.today()
        self._norm: HouseholdNorm | None = None
        self._case_number = ""
        self._shown: tuple[str, bool] | None = None  # (budget id, read only) of the lines in the table

        self.pages = QStackedWidget()
        self.pages.addWidget(_centered("Vælg en sag under Sager for at se og lave dens budget."))
        self.pages.addWidget(self._build_no_budget_page())
        self.pages.addWidget(self._build_budget_page())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.pages)

        ctx.bus.caseSelected.connect(self._case_selected)
        ctx.bus.changed.connect(self._changed)
        self.set_case(None)

    # --- construction -----------------------------------------------------------------------------
    def _build_no_budget_page(self) -> QWidget:
        page = QWidget()
        self.no_budget_label = _centered("Sagen har intet budget endnu.")
        self.create_button = QPushButton("&Opret budget")
        self.create_button.setToolTip(
            "Et nyt budget med de almindelige poster; huslejen hentes fra lejemålet"
        )
        self.create_button.clicked.connect(self.create_budget)
        box = QVBoxLayout(page)
        box.addStretch(1)
        box.addWidget(self.no_budget_label)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.create_button)
        row.addStretch(1)
        box.addLayout(row)
        box.addStretch(2)
        return page

    def _build_budget_page(self) -> QWidget:
        page = QWidget()
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.versions = QComboBox()
        self.versions.setMinimumContentsLength(22)
        versions_label = QLabel("Versi&on")
        versions_label.setBuddy(self.versions)
        self.made_on = DateEdit(field="made_on")
        self.made_on.setMaximumWidth(110)
        made_on_label = QLabel("Budget&dato")
        made_on_label.setBuddy(self.made_on)
        self.new_version_button = QPushButton("&Nyt budget (kopi af seneste)")
        self.version_note = QLabel()
        self.version_note.setStyleSheet("color: #7a4b00;")
        self.header_error = ErrorLabel()

        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(versions_label)
        top.addWidget(self.versions)
        top.addWidget(made_on_label)
        top.addWidget(self.made_on)
        top.addWidget(self.new_version_button)

        self.model = BudgetLinesTableModel(self)
        self.delegate = BudgetLineDelegate(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegate(self.delegate)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setTabKeyNavigation(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setAccessibleName("Budgetposter")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        widths = {
            KIND: 58,
            CATEGORY: 205,
            TEXT: 150,
            AMOUNT: 88,
            FREQUENCY: 100,
            MONTHLY: 88,
            # "Need to have" / "Nice to have" in full beside the check box, never cut to "Need to …".
            NICE: self.table.fontMetrics().horizontalAdvance("Need to have") + 44,
            DAILY: 58,
        }
        for column, width in widths.items():
            header.resizeSection(column, width)
        header.setSectionResizeMode(NOTE, QHeaderView.ResizeMode.Stretch)
        self.table_error = ErrorLabel()
        self.entry = BudgetLineEntry()

        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        left_box.addWidget(self.table, 1)
        left_box.addWidget(self.table_error)
        left_box.addWidget(self.entry)

        self.totals_panel = BudgetTotalsPanel()
        self.chart = BudgetChartWidget()
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setTextFormat(Qt.TextFormat.RichText)
        self.warnings.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        side = QWidget()
        side_box = QVBoxLayout(side)
        side_box.setContentsMargins(0, 0, 4, 0)
        for title, widget in (
            ("Overblik pr. måned", self.totals_panel),
            ("Værd at tjekke", self.warnings),
            ("Hvor går pengene hen?", self.chart),
        ):
            group = QGroupBox(title)
            group_box = QVBoxLayout(group)
            group_box.setContentsMargins(8, 6, 8, 6)
            group_box.addWidget(widget)
            side_box.addWidget(group)
        side_box.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(side)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(330)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([960, 370])
        splitter.setChildrenCollapsible(False)

        self.receipts_button = QPushButton("&Kvitteringer…")
        self.receipts_button.setToolTip("Kvitteringsmetoden: en måneds kvitteringer sorteret i kategorier")
        self.envelopes_button = QPushButton("K&uvertsystem…")
        self.envelopes_button.setToolTip("4-ugers kuvertsystem ud fra dagligvarepengene")
        self.delete_button = QPushButton("Slet &markeret post")
        self.delete_button.setToolTip("Slet den post, der er valgt i tabellen (Delete)")
        self.preview_button = QPushButton("Forhånds&vis")
        self.print_button = QPushButton("Udskriv… (Ctrl+P)")
        self.save_pdf_button = QPushButton("Gem som &PDF…")
        bottom = QHBoxLayout()
        for button in (self.receipts_button, self.envelopes_button, self.delete_button):
            bottom.addWidget(button)
        bottom.addStretch(1)
        for button in (self.preview_button, self.print_button, self.save_pdf_button):
            bottom.addWidget(button)

        box = QVBoxLayout(page)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(top)
        box.addWidget(self.version_note)
        box.addWidget(self.header_error)
        box.addWidget(splitter, 1)
        box.addLayout(bottom)

        self.versions.activated.connect(self._version_picked)
        self.made_on.editingFinished.connect(self._made_on_edited)
        self.new_version_button.clicked.connect(self.new_version)
        self.model.lineEdited.connect(self._line_edited)
        self.model.inputRejected.connect(self._input_rejected)
        self.entry.lineEntered.connect(self._line_entered)
        self.delete_button.clicked.connect(self.delete_selected_line)
        self.receipts_button.clicked.connect(self.open_receipts)
        self.envelopes_button.clicked.connect(self.open_envelopes)
        self.preview_button.clicked.connect(self.preview)
        self.print_button.clicked.connect(self.print_budget)
        self.save_pdf_button.clicked.connect(self.save_budget_pdf)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete_selected_line)
        print_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Print), page)
        print_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        print_shortcut.activated.connect(self.print_budget)

        QWidget.setTabOrder(self.versions, self.made_on)
        QWidget.setTabOrder(self.made_on, self.new_version_button)
        QWidget.setTabOrder(self.new_version_button, self.table)
        QWidget.setTabOrder(self.table, self.entry.category)
        return page

    # --- case and version selection ---------------------------------------------------------------
    def _case_selected(self, case_id: str) -> None:
        self.set_case(case_id or None)

    def _changed(self, changes: Changes) -> None:
        if self.case_id is not None and changes.touches(self.case_id, *SHOWN_PARTS):
            self.reload()

    def set_case(self, case_id: str | None) -> None:
        self.case_id = case_id
        self.budget_id = None
        self._shown = None
        self.reload()

    def reload(self) -> None:
        """Reload the case's versions and show the selected budget (the newest when none is chosen)."""
        if self.case_id is None:
            self.pages.setCurrentIndex(NO_CASE)
            return
        desk = self.ctx.desk
        header = desk.cases.header(self.case_id)
        if header is None:
            self.case_id = None
            self.pages.setCurrentIndex(NO_CASE)
            return
        self._case_number = header.number
        tenant = header.tenant_name
        versions = desk.budget.versions(self.case_id)
        self._household = desk.budget.household(self.case_id)
        self._rates = desk.rates.book()
        if not versions:
            self.no_budget_label.setText(f"Sag {self._case_number} ({tenant}) har intet budget endnu.")
            self.pages.setCurrentIndex(NO_BUDGET)
            return
        self.heading.setText(f"Budget · sag {self._case_number} · {tenant}")
        ids = [v.id for v in versions]
        if self.budget_id not in ids:
            self.budget_id = ids[0]
        self.versions.clear()
        for v in versions:
            label = format_short(v.made_on) + (" (nyeste)" if v.is_latest else "")
            if v.title:
                label += f" · {v.title}"
            self.versions.addItem(label, v.id)
        self.versions.setCurrentIndex(ids.index(str(self.budget_id)))
        self._show_budget(str(self.budget_id), is_latest=self.budget_id == ids[0])
        self.pages.setCurrentIndex(BUDGET)

    def _show_budget(self, budget_id: str, *, is_latest: bool) -> None:
        view = self.ctx.desk.budget.load(budget_id)
        self.budget_id = budget_id
        self.read_only = not is_latest
        self._made_on = view.made_on
        self.made_on.setValue(view.made_on)
        self.made_on.setEnabled(is_latest)
        self.entry.setEnabled(is_latest)
        self.delete_button.setEnabled(is_latest)
        self.receipts_button.setEnabled(True)
        self.version_note.setText(
            ""
            if is_latest
            else "Ældre version — den vises, som den var, og kan ikke ændres. Lav et nyt budget for at ændre."
        )
        self.version_note.setVisible(not is_latest)
        self.header_error.clear_message()
        self.table_error.clear_message()
        self._show_lines(view.lines, read_only=not is_latest)
        self._refresh_summary()

    def _show_lines(self, lines: tuple[LineData, ...], *, read_only: bool) -> None:
        """Put the budget's lines in the table. When the same lines are shown, only the changed ones are
        replaced (an open editor, the current cell and the scroll position stay); otherwise the table is
        refilled and the current cell kept on its line."""
        assert self.budget_id is not None
        shown = self.model.rows()
        if self._shown == (self.budget_id, read_only) and [ln.id for ln in shown] == [ln.id for ln in lines]:
            for old, new in zip(shown, lines, strict=True):
                if old != new:
                    self.model.replace_row(new)
            return
        current = self.table.currentIndex()
        keep = (
            (self.model.row_at(current.row()).id, current.column())
            if current.isValid() and self._shown is not None and self._shown[0] == self.budget_id
            else None
        )
        self.model.set_rows(lines, read_only=read_only)
        self._shown = (self.budget_id, read_only)
        if keep is not None and (row := self.model.row_of(keep[0])) >= 0:
            self.table.setCurrentIndex(self.model.index(row, keep[1]))

    def _version_picked(self, index: int) -> None:
        budget_id = self.versions.itemData(index)
        if budget_id:
            self._show_budget(str(budget_id), is_latest=index == 0)

    # --- totals, norm, warnings (no database) ------------------------------------------------------
    def _refresh_summary(self) -> None:
        totals = compute_totals(self.model.rows())
        household = self._household
        norm = (
            household_norm(household.people, self._made_on, book=self._rates)
            if household is not None
            else None
        )
        self._norm = norm
        self.totals_panel.show_totals(totals, norm)
        self.chart.set_totals(totals)
        if household is not None:
            found = budget_warnings(
                totals,
                household.people,
                self._made_on,
                norm=norm,
                grown_children_not_paying=household.grown_children_not_paying(self._made_on),
                book=self._rates,
            )
        else:
            found = []
        self.warnings.setText(warnings_html(found))

    # --- budgets -----------------------------------------------------------------------------------
    def create_budget(self) -> None:
        case_id = self.case_id
        if case_id is None:
            return
        created = run_write(self, self.ctx, lambda: self.ctx.desk.budget.create(case_id))
        if created is not None:
            self._show_created(created.id)
            self.table.setFocus()

    def new_version(self) -> None:
        case_id = self.case_id
        if case_id is None:
            return
        created = run_write(self, self.ctx, lambda: self.ctx.desk.budget.new_version_from_latest(case_id))
        if created is not None:
            self._show_created(created.id)

    def _show_created(self, budget_id: str) -> None:
        """Show the budget just made (the broadcast redrew the tab; a copy dated before a later
        budget is not the newest, so it may not be the one shown)."""
        if self.budget_id != budget_id:
            self.budget_id = budget_id
            self.reload()

    def _made_on_edited(self) -> None:
        if self.budget_id is None or self.read_only:
            return
        try:
            made_on = self.made_on.value()
        except UserInputError as exc:
            self.header_error.show_message(exc.message)
            return
        if made_on is None:
            self.header_error.show_message("Skriv budgettets dato, fx 24.11.2026.")
            return
        self.header_error.clear_message()
        if made_on == self._made_on:
            return
        budget_id = self.budget_id
        run_write(
            self,
            self.ctx,
            lambda: self.ctx.desk.budget.update_info(budget_id, made_on=made_on),
            on_input_error=lambda exc: self.header_error.show_message(exc.message),
        )

    # --- lines -------------------------------------------------------------------------------------
    def _line_edited(self, old: LineData, new: LineData) -> None:
        saved = run_write(
            self,
            self.ctx,
            lambda: self.ctx.desk.budget.save_line(new),
            on_input_error=lambda exc: self.table_error.show_message(exc.message),
        )
        if saved is not None:
            self.table_error.clear_message()

    def _input_rejected(self, row: int, column: int, text: str, message: str) -> None:
        """A refused amount: show why and reopen the cell with the typed text kept."""
        self.table_error.show_message(message)
        self.delegate.keep_text(row, column, text)
        QTimer.singleShot(0, lambda: self._reopen(row, column))

    def _reopen(self, row: int, column: int) -> None:
        index = self.model.index(row, column)
        if index.isValid():
            self.table.setCurrentIndex(index)
            self.table.edit(index)

    def _line_entered(self, line: LineData) -> None:
        budget_id = self.budget_id
        if budget_id is None or self.read_only:
            return
        created = run_write(
            self,
            self.ctx,
            lambda: self.ctx.desk.budget.add_line(budget_id, line),
            on_input_error=lambda exc: self.entry.refused(exc.message, exc.field),
        )
        if created is None:
            return
        row = self.model.row_of(created.id)
        if row >= 0:
            self.table.scrollTo(self.model.index(row, 0))
        self.entry.accepted()

    def delete_selected_line(self) -> None:
        if self.read_only or self.budget_id is None:
            return
        index: QModelIndex = self.table.currentIndex()
        if not index.isValid():
            self.table_error.show_message("Vælg først den post, der skal slettes.")
            return
        line = self.model.row_at(index.row())
        if not ask_yes_no(
            self,
            "Slet post",
            f"Slet posten »{line.text or 'uden tekst'}« ({line.amount.format()}) fra budgettet?",
        ):
            return
        run_write(self, self.ctx, lambda: self.ctx.desk.budget.delete_line(line.id))

    # --- receipts and envelopes --------------------------------------------------------------------
    def open_receipts(self) -> None:
        if self.case_id is None:
            return
        from boligdesk.ui.budget.receipts_dialog import ReceiptsDialog

        dialog = ReceiptsDialog(self.ctx, self.case_id, None if self.read_only else self.budget_id, self)
        run_modal(dialog)  # lines carried into the budget redraw the tab through the broadcast

    def open_envelopes(self) -> None:
        if self.budget_id is None:
            return
        from boligdesk.ui.budget.envelopes_dialog import EnvelopesDialog

        dialog = EnvelopesDialog(self.ctx, self.budget_id, self)
        run_modal(dialog)

    # --- printing ----------------------------------------------------------------------------------
    def _file_name(self) -> str:
        return f"budget-{self._case_number}-{self._made_on.isoformat()}.pdf"

    def _pdf(self, *, record: bool) -> bytes:
        assert self.budget_id is not None
        printed = self.ctx.desk.budget_print.budget_pdf(self.budget_id, record=record)
        broadcast(self.ctx, printed)  # a recorded PDF joins the case's letters
        return printed.pdf

    def preview(self) -> None:
        if self.budget_id is None:
            return
        preview_pdf(
            lambda: self._pdf(record=False),
            lambda: self._pdf(record=True),
            "Budget — forhåndsvisning",
            self._file_name(),
            self,
        )

    def print_budget(self) -> None:
        if self.budget_id is not None and self.pages.currentIndex() == BUDGET:
            print_pdf(lambda: self._pdf(record=True), self)

    def save_budget_pdf(self) -> None:
        if self.budget_id is not None:
            save_pdf(lambda: self._pdf(record=True), self._file_name(), self, case_number=self._case_number)
