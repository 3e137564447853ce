"""Indstillinger → Rådgivere: the team's advisers with their open cases, and handing an adviser's open
cases over to a colleague (an adviser who leaves, or is away for long): ``desk.advisers.hand_over``; and
one adviser listed twice under one name (a profile moved to a new laptop) merged into one row:
``desk.advisers.merge_same_name``."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from boligdesk.services.advisers import AdviserRow, HandedOver, Merged, same_name
from boligdesk.services.changes import Changes, Part
from boligdesk.ui.context import AppContext
from boligdesk.ui.shared.desk_ops import run_write
from boligdesk.ui.shared.dialogs import ask_yes_no
from boligdesk.ui.shared.table_model import Column, TableModel, make_table_view

COLUMNS: list[Column[AdviserRow]] = [
    Column("Rådgiver", lambda a: a.name, width=240),
    Column("Initialer", lambda a: a.initials, width=80),
    Column(
        "Åbne sager",
        lambda a: str(a.open_cases),
        width=100,
        align_right=True,
        sort_key=lambda a: a.open_cases,
    ),
]


def hand_over_question(source: AdviserRow, target: AdviserRow) -> str:
    what = "den åbne sag" if source.open_cases == 1 else f"de {source.open_cases} åbne sager"
    return (
        f"Overdrag {what} fra {source.name} til {target.name}?\n\n"
        f"{target.name} bliver sagsbehandler på dem; lukkede sager beholder deres rådgiver. Ændringen "
        "synkroniseres til teamet og noteres i loggen for hver sag."
    )


def twice_text(names: list[str]) -> str:
    if not names:
        return ""
    listed = ", ".join(f"»{n}«" for n in names)
    return (
        f"Står to gange: {listed}. Det sker, når en profil flyttes til en ny computer. Er det samme person, "
        "så vælg navnet og »Flet dubletter«; er det to forskellige rådgivere med samme navn, så lad dem stå."
    )


def merge_question(group: list[AdviserRow]) -> str:
    return (
        f"{group[0].name} står {len(group)} gange i listen. Er det samme person, flettes rækkerne til én, "
        "og alle sagerne (åbne og lukkede) kommer på den ene. Ændringen synkroniseres til teamet "
        "og noteres i loggen for hver sag.\n\nEr det to forskellige rådgivere, så svar Nej."
    )


class AdvisersDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._namesakes: dict[str, list[AdviserRow]] = {}
        self.setWindowTitle("Rådgivere")
        intro = QLabel(
            "Teamets rådgivere og deres åbne sager. Stopper en rådgiver, eller er vedkommende væk længe, så "
            "vælg rådgiveren og overdrag de åbne sager til en kollega."
        )
        intro.setWordWrap(True)
        self.model: TableModel[AdviserRow] = TableModel(COLUMNS, self)
        self.table = make_table_view(self.model, stretch_column=0)
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.hand_over_button = QPushButton("&Overdrag åbne sager …")
        self.merge_button = QPushButton("&Flet dubletter …")
        self.twice = QLabel()
        self.twice.setWordWrap(True)
        self.close_button = QPushButton("&Luk")
        buttons = QHBoxLayout()
        buttons.addWidget(self.hand_over_button)
        buttons.addWidget(self.merge_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.twice)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.outcome)
        layout.addLayout(buttons)
        self.hand_over_button.clicked.connect(self.hand_over_selected)
        self.merge_button.clicked.connect(self.merge_selected)
        self.close_button.clicked.connect(self.accept)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        ctx.bus.changed.connect(self._on_changed)
        self.resize(560, 380)
        self.reload()

    def reload(self) -> None:
        self.model.set_rows(self._ctx.desk.advisers.list())
        self._namesakes = {same_name(g[0].name): g for g in self._ctx.desk.advisers.namesakes()}
        self.twice.setText(twice_text([g[0].name for g in self._namesakes.values()]))
        self.twice.setVisible(bool(self._namesakes))
        self._enable()

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(None, Part.ADVISERS, Part.CASE):
            self.reload()

    def selected(self) -> AdviserRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _enable(self) -> None:
        row = self.selected()
        self.hand_over_button.setEnabled(row is not None and row.open_cases > 0 and self.model.rowCount() > 1)
        self.merge_button.setEnabled(row is not None and same_name(row.name) in self._namesakes)

    def select(self, name: str) -> None:
        for i in range(self.model.rowCount()):
            if self.model.row_at(i).name == name:
                self.table.selectRow(i)

    def hand_over_selected(self) -> None:
        source = self.selected()
        if source is None:
            return
        others = [a for a in self._ctx.desk.advisers.list() if a.id != source.id]
        names = [a.name for a in others]
        chosen, ok = QInputDialog.getItem(
            self, "Overdrag åbne sager", f"Hvem skal overtage {source.name}s åbne sager?", names, 0, False
        )
        if not ok or chosen not in names:
            return
        target = others[names.index(chosen)]
        if not ask_yes_no(self, "Overdrag åbne sager", hand_over_question(source, target)):
            return
        done: HandedOver | None = run_write(
            self, self._ctx, lambda: self._ctx.desk.advisers.hand_over(source.id, target.id)
        )
        if done is not None:
            self.outcome.setText(done.line())

    def merge_selected(self) -> None:
        row = self.selected()
        group = self._namesakes.get(same_name(row.name)) if row is not None else None
        if not group:
            return
        if not ask_yes_no(self, "Flet dubletter", merge_question(group)):
            return
        done: Merged | None = run_write(
            self, self._ctx, lambda: self._ctx.desk.advisers.merge_same_name(group[0].id)
        )
        if done is not None:
            self.outcome.setText(done.line())
