"""Filer → Gendan fra sikkerhedskopi: the profile's backups, newest first, and putting one back.

The restore itself is ``desk.backups.restore`` (the current database is kept as a backup first, so a
restore can be undone by restoring that copy); afterwards every view redraws (``Changes.all()``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from boligdesk.services.backups import BackupRow, Restored
from boligdesk.ui.context import AppContext
from boligdesk.ui.shared.desk_ops import run_write
from boligdesk.ui.shared.dialogs import ask_yes_no


def restore_question(row: BackupRow) -> str:
    return (
        f"Databasen på denne computer erstattes med sikkerhedskopien fra {row.label}.\n\n"
        "Det, der er skrevet eller modtaget her siden, forsvinder fra denne computer. Den nuværende "
        "database gemmes først som en sikkerhedskopi (»Før gendannelse«), så den kan gendannes igen. "
        "Kollegernes ændringer hentes igen ved næste synkronisering.\n\nGendan?"
    )


class RestoreDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._rows: list[BackupRow] = []
        self.setWindowTitle("Gendan fra sikkerhedskopi")
        self.resize(560, 380)
        intro = QLabel(
            "BoligDesk tager en krypteret sikkerhedskopi før hver synkronisering, der henter ændringer, "
            "og før databasen opdateres til en ny version. Vælg den, du vil gå tilbage til."
        )
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.empty = QLabel("Der er ingen sikkerhedskopier endnu.")
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.restore_button = QPushButton("&Gendan …")
        self.close_button = QPushButton("&Luk")
        buttons = QHBoxLayout()
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.outcome)
        layout.addLayout(buttons)
        self.restore_button.clicked.connect(self.restore_selected)
        self.close_button.clicked.connect(self.accept)
        self.list.itemDoubleClicked.connect(lambda _item: self.restore_selected())
        self.list.currentRowChanged.connect(lambda _row: self._refresh())
        self.reload()

    def reload(self) -> None:
        self._rows = self._ctx.desk.backups.list()
        self.list.clear()
        for row in self._rows:
            item = QListWidgetItem(f"{row.label}    ({row.path.name})")
            item.setData(Qt.ItemDataRole.UserRole, str(row.path))
            self.list.addItem(item)
        if self._rows:
            self.list.setCurrentRow(0)
        self.empty.setVisible(not self._rows)
        self._refresh()

    def _refresh(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    def selected(self) -> BackupRow | None:
        index = self.list.currentRow()
        return self._rows[index] if 0 <= index < len(self._rows) else None

    def restore_selected(self) -> Restored | None:
        row = self.selected()
        if row is None:
            return None
        if not ask_yes_no(self, "Gendan fra sikkerhedskopi", restore_question(row)):
            return None
        restored = run_write(self, self._ctx, lambda: self._ctx.desk.backups.restore(row.path))
        if restored is not None:
            self.outcome.setText("\n".join(restored.lines()))
            self.reload()
        return restored
