"""The cases behind a figure: a short list; double-click (or Enter) opens the case."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from boligdesk.services.case_list import CaseRow
from boligdesk.ui.context import AppContext
from boligdesk.ui.shared.table_model import ID_ROLE, Column, TableModel, make_table_view

COLUMNS: tuple[Column[CaseRow], ...] = (
    Column("Sag", lambda r: r.number, width=90),
    Column("Lejer", lambda r: r.tenant_name, width=180),
    Column("Afdeling", lambda r: r.estate_name, width=150),
    Column("Sagstype", lambda r: r.kind.label, width=150),
    Column("Fase", lambda r: r.phase.label, width=110),
    Column("Rådgiver", lambda r: r.adviser_name, width=140),
)


class DrillDown(QWidget):
    def __init__(
        self, ctx: AppContext, open_case: Callable[[str], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._open_case = open_case
        self.title = QLabel("Dobbeltklik på et tal for at se sagerne bag det.")
        self.title.setWordWrap(True)
        self.model: TableModel[CaseRow] = TableModel(COLUMNS, self)
        # The last column takes what is left: a stretched name column shrank to a few pixels when the
        # window was narrower than the columns (1366 px), cutting every tenant's name.
        self.view = make_table_view(self.model)
        self.view.doubleClicked.connect(lambda index: self._open(str(index.data(ID_ROLE))))
        self.view.activated.connect(lambda index: self._open(str(index.data(ID_ROLE))))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.view)

    def show_cases(self, what: str, case_ids: Sequence[str]) -> None:
        rows = self._ctx.desk.case_list.rows(list(case_ids)) if case_ids else []
        self.model.set_rows(rows)
        if case_ids:
            self.title.setText(f"{what}: {len(rows)} sager. Dobbeltklik for at åbne en sag.")
        else:
            self.title.setText(f"{what}: ingen sager bag tallet (0, indtastet eller ikke registreret).")

    def _open(self, case_id: str) -> None:
        if case_id:
            self._open_case(case_id)
