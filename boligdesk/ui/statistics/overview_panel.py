"""The team leader's overview: per adviser, open cases, new this month, deadlines passed or within 7 days,
missed instalments, open cases without a contact attempt for N days. Double-click a number: its cases."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from boligdesk.services.statistics import NO_CONTACT_DAYS, AdviserOverview
from boligdesk.ui.context import AppContext
from boligdesk.ui.shared.desk_ops import run_in_background
from boligdesk.ui.shared.table_model import ROW_ROLE, Column, TableModel, make_table_view
from boligdesk.ui.statistics.drill_down import DrillDown

#: (column title, which ids) — the order of the columns after the adviser's name.
FIGURES: tuple[tuple[str, str], ...] = (
    ("Åbne sager", "open_ids"),
    ("Nye denne måned", "new_this_month_ids"),
    ("Frister overskredet", "deadline_passed_ids"),
    ("Frister inden 7 dage", "deadline_soon_ids"),
    ("Manglende afdrag", "missed_instalment_ids"),
    ("Uden kontaktforsøg", "no_contact_ids"),
)


def _count(field: str) -> Callable[[AdviserOverview], str]:
    return lambda r: str(len(getattr(r, field)))


def _size(field: str) -> Callable[[AdviserOverview], int]:
    return lambda r: len(getattr(r, field))


class OverviewPanel(QWidget):
    def __init__(
        self, ctx: AppContext, open_case: Callable[[str], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.days = QSpinBox()
        self.days.setRange(1, 365)
        self.days.setValue(NO_CONTACT_DAYS)
        self.days.setSuffix(" dage")
        self.refresh_button = QPushButton("Opdat&ér")
        self.refresh_button.clicked.connect(self.refresh)
        columns: list[Column[AdviserOverview]] = [Column("Rådgiver", lambda r: r.name, width=200)]
        for title, field in FIGURES:
            columns.append(
                Column(
                    title,
                    _count(field),
                    align_right=True,
                    width=130,
                    sort_key=_size(field),
                )
            )
        self.model: TableModel[AdviserOverview] = TableModel(columns, self, id_of=lambda r: r.adviser_id)
        self.view = make_table_view(self.model, stretch_column=0)
        self.view.doubleClicked.connect(self._drill)
        self.drill = DrillDown(ctx, open_case)
        self.note = QLabel()
        self.note.setWordWrap(True)
        top = QHBoxLayout()
        label = QLabel("Uden kontaktforsøg i mere end")
        label.setBuddy(self.days)
        top.addWidget(label)
        top.addWidget(self.days)
        top.addWidget(self.refresh_button)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 2)
        layout.addWidget(self.note)
        layout.addWidget(self.drill, 2)

    def refresh(self) -> None:
        days = self.days.value()
        self.refresh_button.setEnabled(False)

        def done(rows: list[AdviserOverview]) -> None:
            self.model.set_rows(rows)
            self.note.setText(
                f"Åbne sager pr. ansvarlig rådgiver i dag ({self._ctx.today():%d.%m.%Y}). Frister som i fanen "
                f"Frister; »Uden kontaktforsøg«: intet kontaktforsøg i mere end {days} dage (eller aldrig, for "
                "en sag oprettet for mere end så mange dage siden)."
            )

        call = run_in_background(
            self,
            self._ctx,
            lambda progress: self._ctx.desk.statistics.team_overview(days),
            done,
            title="Beregner overblikket …",
        )
        call.finished.connect(lambda: self.refresh_button.setEnabled(True))

    def _drill(self, index: QModelIndex | QPersistentModelIndex) -> None:
        row = index.data(ROW_ROLE)
        column = index.column() - 1
        if isinstance(row, AdviserOverview) and 0 <= column < len(FIGURES):
            title, field = FIGURES[column]
            self.drill.show_cases(f"{row.name} — {title.lower()}", getattr(row, field))
