"""The Sager tab: the case list (search as you type, filters) beside the selected case.

At start-up with a remembered key the tab is built from the list read with the driver alone
(:class:`~boligdesk.services.case_list_rows.FirstList`) before the desk exists: the list can be searched,
sorted and filtered at once (the estates filter offers the estates of the rows); what needs the desk
(opening a case, new case, letters, "Mine sager") asks the window to open it (``request_desk``) and goes on
in :meth:`CasesTab.attach` — a case opened meanwhile opens then (decisions §36, §44)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QItemSelection, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from boligdesk.budget.vocabulary import CaseKind
from boligdesk.services.changes import LIST_PARTS, Changes, Part
from boligdesk.ui.cases.case_list_table_model import CaseFilter, CaseListTableModel
from boligdesk.ui.cases.case_list_view import CaseListView
from boligdesk.ui.shared.desk_ops import BackgroundCall
from boligdesk.ui.shared.dialogs import run_modal
from boligdesk.ui.shared.table_model import ID_ROLE

if TYPE_CHECKING:
    from boligdesk.services.case_list_rows import FirstList
    from boligdesk.services.organisations import EstateChoice
    from boligdesk.ui.cases.case_view import CaseView
    from boligdesk.ui.context import AppContext
    from boligdesk.ui.letters.letter_batch_dialog import LetterBatchResultDialog


class CasesTab(QWidget):
    def __init__(
        self,
        ctx: AppContext | None,
        parent: QWidget | None = None,
        *,
        first: FirstList | None = None,
        request_desk: Callable[[Callable[[], Any] | None], None] | None = None,
    ) -> None:
        """On ``ctx``; or, at start-up, on ``first`` (the list read ahead) until :meth:`attach`; an action
        that needs the desk meanwhile calls ``request_desk`` (the window's: it opens the desk, then runs
        the action given, §44)."""
        super().__init__(parent)
        assert ctx is not None or first is not None, "the tab needs a desk or a first list"
        self._attached: AppContext | None = None
        self._first = first
        self._request_desk = request_desk
        self._open_when_attached = ""
        self._selecting = False

        self.model = CaseListTableModel(self._today, self)

        self.search = QLineEdit()
        self.search.setPlaceholderText("Søg på navn, adresse, lejemålsnr., telefon eller sagsnr. (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setToolTip("↓ går til listen, Enter åbner den valgte (eller første) sag")
        self.search.installEventFilter(self)
        self.mine = QComboBox()
        self.mine.addItem("Alle sager", "all")
        self.mine.addItem("Mine sager", "mine")
        self.open_state = QComboBox()
        self.open_state.addItem("Åbne", "open")
        self.open_state.addItem("Lukkede", "closed")
        self.open_state.addItem("Åbne og lukkede", "all")
        self.kind = QComboBox()
        self.kind.addItem("Alle sagstyper", None)
        for value, label in CaseKind.choices():
            self.kind.addItem(label, value)
        self.estate = QComboBox()
        self.estate.addItem("Alle afdelinger", None)
        self.urgent = QCheckBox("Kun &hastende (frist inden 7 dage)")
        self.new_case_button = QPushButton("&Ny sag")
        self.letters_button = QPushButton("Skriv &breve til valgte…")
        self.letters_button.setToolTip(
            "Ét brev til hver af de valgte sager (Ctrl/Shift+klik vælger flere), alle sager i en fase "
            "eller de nye sager fra seneste import — i én PDF med adresseliste til kuverterne"
        )
        self.letters_call: BackgroundCall | None = None
        self.letters_result: LetterBatchResultDialog | None = None
        self.count_label = QLabel()

        self.table = CaseListView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Several cases can be selected (Ctrl/Shift) for "Skriv breve til valgte…"; the first is "the" case.
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        # One line per case, rows of one height: no text layout for wrapping, no row measuring — a
        # third of the repaint per keystroke at 20,000 cases (benchmarks/bench_case_list.py).
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((82, 160, 250, 140, 150, 105, 100, 240, 100)):
            self.table.setColumnWidth(column, width)

        filters = QHBoxLayout()
        filters.addWidget(self.mine)
        filters.addWidget(self.open_state)
        filters.addWidget(self.kind)
        filters.addWidget(self.estate)
        filters.addWidget(self.urgent)
        filters.addStretch(1)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.letters_button)
        top.addWidget(self.new_case_button)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(top)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.count_label)

        # The list uses the full width; opening a case (Enter / double-click) shows it on its own page,
        # so both have room on a 1366×768 laptop. Esc or "Alle sager" goes back to the list.
        self._case_view: CaseView | None = None  # built when a case is first opened (start-up speed)
        self.back_button = QPushButton("← &Alle sager")
        self.back_button.setToolTip("Tilbage til sagslisten (Esc)")
        case_page = QWidget()
        case_layout = QVBoxLayout(case_page)
        case_layout.setContentsMargins(0, 0, 0, 0)
        back_row = QHBoxLayout()
        back_row.addWidget(self.back_button)
        back_row.addStretch(1)
        case_layout.addLayout(back_row)
        self._case_layout = case_layout

        self.stack = QStackedWidget()
        self.stack.addWidget(left)
        self.stack.addWidget(case_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.stack)

        # Filtering runs on every keystroke; a zero-delay timer coalesces bursts of typing.
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(0)
        self._filter_timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(self._filter_timer.start)
        for combo in (self.mine, self.open_state, self.kind, self.estate):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.urgent.toggled.connect(self.apply_filter)
        self.new_case_button.clicked.connect(lambda: self._with_desk(self.new_case))
        self.letters_button.clicked.connect(lambda: self._with_desk(self.write_letters))
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(self._activated)
        self.table.activated.connect(self._activated)
        self.back_button.clicked.connect(self.show_list)
        QShortcut(
            QKeySequence(Qt.Key.Key_Escape),
            case_page,
            self.show_list,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )

        if ctx is not None:
            self.attach(ctx)
        else:
            assert first is not None
            self.model.set_rows(first.rows)
            self._fill_estates_from_rows()
            self.apply_filter()

    @property
    def _ctx(self) -> AppContext:
        assert self._attached is not None, "the desk is not open yet"
        return self._attached

    def _today(self) -> dt.date:
        if self._attached is not None:
            return self._attached.today()
        assert self._first is not None
        return self._first.today

    def attached(self) -> bool:
        return self._attached is not None

    def attach(self, ctx: AppContext) -> None:
        """Work on ``ctx`` from now on. A tab built from a first list keeps its rows unless the store was
        migrated since they were read or the day has changed; then it reads them again."""
        self._attached = ctx
        ctx.bus.changed.connect(self._changed)
        ctx.bus.caseSelected.connect(self._select_case_id)
        first, self._first = self._first, None
        self._request_desk = None
        if first is None or not ctx.desk.case_list.still_current(first):
            self.reload()
        else:
            self._fill_estates()
            self.apply_filter()

    def _with_desk(self, action: Callable[[], Any]) -> None:
        """``action`` now, or (the list read ahead) once the window has opened the desk."""
        if self._attached is not None:
            action()
        elif self._request_desk is not None:
            self._request_desk(action)

    def _wants_desk(self) -> None:
        if self._attached is None and self._request_desk is not None:
            self._request_desk(None)

    def open_waiting_case(self) -> None:
        """Open the case asked for before the desk was open (the window calls this once it is wired up);
        otherwise tell the other tabs which case is selected."""
        case_id, self._open_when_attached = self._open_when_attached, ""
        if case_id:
            self.open_case(case_id)
            return
        selected = self.selected_case_id()
        if selected:
            self._ctx.bus.caseSelected.emit(selected)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # From the search field the keyboard reaches the results: ↓ moves into the list, Enter opens.
        if watched is self.search and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() == Qt.Key.Key_Down:
                return self._to_results()
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                return self._open_from_search()
        return super().eventFilter(watched, event)

    def _result_row(self) -> int:
        """The selected row if one is shown, else the first; -1 when the search found nothing."""
        if not self.model.rowCount():
            return -1
        selected = self.table.selectionModel().selectedRows()
        return selected[0].row() if selected else 0

    def _flush_filter(self) -> None:
        """Make the list match what was typed, even inside the filter timer's coalescing delay."""
        if self._filter_timer.isActive():
            self._filter_timer.stop()
            self.apply_filter()

    def _to_results(self) -> bool:
        self._flush_filter()
        row = self._result_row()
        if row < 0:
            return False
        self.table.selectRow(row)
        self.table.setCurrentIndex(self.model.index(row, 0))
        self.table.setFocus()
        return True

    def _open_from_search(self) -> bool:
        self._flush_filter()
        row = self._result_row()
        if row < 0:
            return False
        case_id = self.model.index(row, 0).data(ID_ROLE)
        if case_id:
            self.open_case(str(case_id))
        return True

    # --- data -------------------------------------------------------------------------------------
    def reload(self) -> None:
        selected = self.selected_case_id()
        rows = self._ctx.desk.case_list.rows()
        self._fill_estates()
        self.model.set_rows(rows)
        self.apply_filter()
        if selected:
            self._select_case_id(selected)

    def _fill_estates(self) -> None:
        estates: list[EstateChoice] = sorted(
            self._ctx.desk.estates.choices(), key=lambda e: (e.number, e.name)
        )
        self._set_estates([(e.short_label, e.id) for e in estates])

    def _fill_estates_from_rows(self) -> None:
        """Before the desk: the estates the rows name (an estate without cases would show none anyway);
        :meth:`attach` fills in the whole list, keeping the choice."""
        labels = {row.estate_id: row.estate_name for row in self.model.all_rows() if row.estate_id}
        self._set_estates(
            sorted(((label, i) for i, label in labels.items()), key=lambda e: e[0].split(" ", 1))
        )

    def _set_estates(self, estates: list[tuple[str, str]]) -> None:
        current_estate = self.estate.currentData()
        self.estate.blockSignals(True)
        self.estate.clear()
        self.estate.addItem("Alle afdelinger", None)
        for label, estate_id in estates:
            self.estate.addItem(label, estate_id)
        index = self.estate.findData(current_estate)
        self.estate.setCurrentIndex(max(index, 0))
        self.estate.blockSignals(False)

    def apply_filter(self) -> None:
        if self.mine.currentData() == "mine":
            self._wants_desk()  # whose cases are "mine" is the desk's (attach filters again)
        criteria = CaseFilter(
            text=self.search.text(),
            only_adviser_id=self._ctx.desk.adviser_id
            if self._attached is not None and self.mine.currentData() == "mine"
            else None,
            open_state=str(self.open_state.currentData()),
            kind=self.kind.currentData(),
            estate_id=self.estate.currentData(),
            only_urgent=self.urgent.isChecked(),
        )
        self.model.set_criteria(criteria)
        shown, total = self.model.rowCount(), self.model.total()
        self.count_label.setText(f"Viser {shown} af {total} sager")

    # --- selection --------------------------------------------------------------------------------
    def selected_case_id(self) -> str | None:
        indexes = self.table.selectionModel().selectedRows()
        if not indexes:
            return None
        value = indexes[0].data(ID_ROLE)
        return str(value) if value else None

    def selected_case_ids(self) -> list[str]:
        """Every selected case, in the list's order."""
        indexes = sorted(self.table.selectionModel().selectedRows(), key=lambda i: i.row())
        return [str(i.data(ID_ROLE)) for i in indexes if i.data(ID_ROLE)]

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        if self._selecting or self._attached is None:  # (before the desk: attach tells the others)
            return
        case_id = self.selected_case_id() or ""
        self._selecting = True
        try:
            self._ctx.bus.caseSelected.emit(case_id)
        finally:
            self._selecting = False

    def _activated(self, index: QModelIndex) -> None:
        case_id = index.data(ID_ROLE)
        if case_id:
            self.open_case(str(case_id))

    @property
    def case_view(self) -> CaseView:
        if self._case_view is None:
            from boligdesk.ui.cases.case_view import CaseView  # imported on first use (start-up speed)

            self._case_view = CaseView(self._ctx)
            self._case_layout.addWidget(self._case_view, 1)
        return self._case_view

    def open_case(self, case_id: str) -> None:
        """Show the case on its own page (and make it the selected case for the other tabs). Before the
        desk is open the case is opened as soon as it is (:meth:`attach`)."""
        self._select_case_id(case_id)
        if self._attached is None:
            self._open_when_attached = case_id
            self.count_label.setText("Åbner sagen, så snart databasen er klar …")
            self._wants_desk()
            return
        view = self.case_view
        self._ctx.bus.caseSelected.emit(case_id)
        view.set_case(case_id)
        self.stack.setCurrentIndex(1)
        self.case_view.setFocus()

    def show_list(self) -> None:
        self.stack.setCurrentIndex(0)
        self.table.setFocus()

    def showing_case(self) -> bool:
        return self.stack.currentIndex() == 1

    def _select_case_id(self, case_id: str) -> None:
        if self._selecting or not case_id:
            return
        row = self.model.row_of(case_id)
        if row < 0:
            return
        self._selecting = True
        try:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        finally:
            self._selecting = False

    def _changed(self, changes: Changes) -> None:
        """Redraw what a write changed: everything, the estates (filter and names), or the rows of the
        cases it touched. A change to something the list does not show (settings, a letter) is ignored."""
        if changes.everything or changes.touches(None, Part.ESTATES, Part.ADVISERS):
            self.reload()
            return
        if not changes.touches(None, *LIST_PARTS):
            return
        if not changes.case_ids:
            self.reload()
            return
        for case_id in sorted(changes.case_ids):
            self._case_changed(case_id)

    def _case_changed(self, case_id: str) -> None:
        fresh = self._ctx.desk.case_list.rows([case_id])
        if not fresh or not self.model.replace_row(fresh[0]):
            self.reload()
            return
        self._select_case_id(case_id)

    # --- actions ----------------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.show_list()
        self.search.setFocus()
        self.search.selectAll()

    def new_case(self) -> str | None:
        from boligdesk.ui.cases.new_case_dialog import NewCaseDialog  # on first use (start-up speed)

        dialog = NewCaseDialog(self._ctx, self)
        if not run_modal(dialog) or dialog.created_case_id is None:
            return None
        case_id = dialog.created_case_id
        self.search.clear()
        self.open_state.setCurrentIndex(0)
        self.reload()
        self.open_case(case_id)
        return case_id

    def write_letters(self) -> BackgroundCall | None:
        """Choose cases and template, then write one letter per case in the background (see
        :mod:`boligdesk.ui.letters.letter_batch_dialog`)."""
        from boligdesk.ui.letters.letter_batch_dialog import LetterBatchDialog  # reportlab: on first use

        dialog = LetterBatchDialog(self._ctx, self.selected_case_ids(), self.model.all_rows(), self)
        if not run_modal(dialog):
            return None
        return self.start_letters(dialog.case_ids(), dialog.template_name())

    def start_letters(self, case_ids: list[str], template: str) -> BackgroundCall:
        from boligdesk.ui.letters.letter_batch_dialog import write_letters

        self.letters_result = None
        self.letters_call = write_letters(self, self._ctx, case_ids, template, self._letters_done)
        return self.letters_call

    def _letters_done(self, dialog: LetterBatchResultDialog) -> None:
        self.letters_result = dialog
