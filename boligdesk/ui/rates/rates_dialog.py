"""Indstillinger → Satser: each rate table's entries, their sources, and what is in force today.

Left, the tables (rådighedssatser, børne- og ungeydelse, kontanthjælp, påkravsgebyr, retsafgift) with a
one-line status for today; right, the chosen table's entries (shipped with BoligDesk or the
organisation's own, verified or not) and the figures of the selected one. »Tilføj ny sats…« adds the
organisation's entry for a date; »Redigér…« and »Slet« work on the organisation's own entries only (the
shipped tables are the defaults). »Importér…«/»Eksportér…« exchange the organisation's entries as a JSON
file; a file with one bad entry changes nothing. Where no entry covers today, or the newest is from an
earlier year, the window says so plainly.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from boligdesk.budget.calendar import format_short
from boligdesk.budget.ratebook import MAX_FILE_BYTES, TABLES, Origin, RateBook, RateEntry, TableSpec
from boligdesk.services.changes import Changes, Part
from boligdesk.ui.context import AppContext
from boligdesk.ui.rates.rate_entry_dialog import RateEntryDialog
from boligdesk.ui.shared.desk_ops import run_write
from boligdesk.ui.shared.dialogs import run_modal
from boligdesk.ui.shared.error_label import ErrorLabel
from boligdesk.ui.shared.printing import documents_folder
from boligdesk.ui.shared.table_model import ROW_ROLE, Column, TableModel, make_table_view

WARN = "#a61b1b"
FILE_FILTER = "Satsfiler (*.json)"


def _entry_key(entry: RateEntry) -> str:
    return f"{entry.origin}:{entry.valid_from.isoformat()}"


class RatesDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._book = RateBook()
        self.setWindowTitle("Satser")
        self.resize(1100, 640)

        intro = QLabel(
            "Satserne bruges i budgettet (rådighedssatser, ydelser) og på tidslinjen (påkravsgebyr). "
            "BoligDesk leveres med de satser, vi har kunnet finde en kilde til; organisationen tilføjer "
            "hvert år de nye. En sats, organisationen har tastet, gælder frem for den leverede for samme dato "
            "og deles med teamet ved synkronisering."
        )
        intro.setWordWrap(True)
        self.tables = QListWidget()
        self.tables.setMinimumWidth(300)
        self.tables.setWordWrap(True)
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 15px; font-weight: 700;")
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.today_status = QLabel()
        self.today_status.setWordWrap(True)
        self.today_status.setTextFormat(Qt.TextFormat.PlainText)
        self.model: TableModel[RateEntry] = TableModel(
            [
                Column(
                    "Gælder fra",
                    lambda e: format_short(e.valid_from),
                    sort_key=lambda e: e.valid_from,
                    width=90,
                ),
                Column("Oprindelse", self._origin_text, width=220),
                Column(
                    "Verificeret",
                    lambda e: e.verified_text,
                    width=110,
                    foreground=lambda e: None if e.verified else WARN,
                ),
                Column("Kilde", lambda e: e.source_title, tooltip=lambda e: e.source_text, width=360),
                Column("Indtastet af", lambda e: e.entered_by, width=120),
            ],
            id_of=_entry_key,
        )
        self.view = make_table_view(self.model, stretch_column=3)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details.setMinimumHeight(90)
        self.error = ErrorLabel()

        self.add_button = QPushButton("&Tilføj ny sats…")
        self.edit_button = QPushButton("&Redigér…")
        self.delete_button = QPushButton("&Slet")
        self.import_button = QPushButton("&Importér…")
        self.export_button = QPushButton("&Eksportér…")
        self.close_button = QPushButton("&Luk")
        self.add_button.clicked.connect(self.add_entry)
        self.edit_button.clicked.connect(self.edit_entry)
        self.delete_button.clicked.connect(self.delete_entry)
        self.import_button.clicked.connect(self.choose_import)
        self.export_button.clicked.connect(self.choose_export)
        self.close_button.clicked.connect(self.accept)

        right = QVBoxLayout()
        right.addWidget(self.heading)
        right.addWidget(self.description)
        right.addWidget(self.today_status)
        right.addWidget(self.view, 1)
        right.addWidget(self.details)
        entry_buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            entry_buttons.addWidget(button)
        entry_buttons.addStretch(1)
        right.addLayout(entry_buttons)
        body = QHBoxLayout()
        body.addWidget(self.tables)
        body.addLayout(right, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.import_button)
        bottom.addWidget(self.export_button)
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(body, 1)
        layout.addWidget(self.error)
        layout.addLayout(bottom)

        self.tables.currentRowChanged.connect(lambda _row: self._show_table())
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._show_entry())
        ctx.bus.changed.connect(self._changed)
        self.reload()
        self.tables.setCurrentRow(0)

    # --- reading ----------------------------------------------------------------------------------
    @property
    def spec(self) -> TableSpec:
        item = self.tables.currentItem()
        return TABLES[str(item.data(Qt.ItemDataRole.UserRole))] if item else next(iter(TABLES.values()))

    def selected(self) -> RateEntry | None:
        rows = self.view.selectionModel().selectedRows()
        return rows[0].data(ROW_ROLE) if rows else None

    def _origin_text(self, entry: RateEntry) -> str:
        if self._book.shadowed(entry):
            return f"{entry.origin.label} (erstattet)"
        return entry.origin.label

    def _changed(self, changes: Changes) -> None:
        if changes.touches(None, Part.SETTINGS):
            self.reload()

    def reload(self) -> None:
        self._book = self._ctx.desk.rates.book()
        today = self._ctx.today()
        current = self.tables.currentRow()
        self.tables.blockSignals(True)
        self.tables.clear()
        for spec in TABLES.values():
            status, attention = self._book.short_status(spec.key, today)
            item = QListWidgetItem(f"{spec.label}\n    {status}")
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            if attention:
                item.setForeground(Qt.GlobalColor.darkRed)
            self.tables.addItem(item)
        self.tables.blockSignals(False)
        self.tables.setCurrentRow(max(current, 0))
        self._show_table()

    def _show_table(self) -> None:
        spec = self.spec
        today = self._ctx.today()
        self.heading.setText(spec.label)
        self.description.setText(spec.description)
        status = self._book.status(spec.key, today)
        self.today_status.setText(f"I dag ({format_short(today)}): {status}")
        warn = self._book.short_status(spec.key, today)[1]
        self.today_status.setStyleSheet(f"color: {WARN}; font-weight: 600;" if warn else "")
        entries = [e for e in self._book.all_entries if e.table == spec.key]
        entries.sort(key=lambda e: (e.valid_from, e.origin is Origin.ORGANISATION), reverse=True)
        self.model.set_rows(entries)
        if entries:
            self.view.selectRow(0)
        self._show_entry()

    def _show_entry(self) -> None:
        entry = self.selected()
        own = entry is not None and entry.origin is Origin.ORGANISATION
        self.edit_button.setEnabled(own)
        self.delete_button.setEnabled(own)
        if entry is None:
            self.details.setText("Ingen satser i denne tabel endnu.")
            return
        lines = [f"Gælder fra {format_short(entry.valid_from)}: {entry.figures_text()}"]
        lines.append(f"Kilde: {entry.source_text}. {entry.verified_text}.")
        if entry.note:
            lines.append(entry.note)
        if self._book.shadowed(entry):
            lines.append("Organisationens egen sats for samme dato bruges i stedet.")
        self.details.setText("\n".join(lines))

    # --- writing ----------------------------------------------------------------------------------
    def add_entry(self) -> None:
        dialog = RateEntryDialog(self._ctx, self.spec, self._book, parent=self)
        run_modal(dialog)

    def edit_entry(self) -> None:
        entry = self.selected()
        if entry is None or entry.origin is not Origin.ORGANISATION:
            return
        run_modal(RateEntryDialog(self._ctx, self.spec, self._book, entry, parent=self))

    def delete_entry(self) -> None:
        entry = self.selected()
        if entry is None or entry.origin is not Origin.ORGANISATION:
            return
        answer = QMessageBox.question(
            self,
            "Slet sats",
            f"Slet organisationens sats for {entry.spec.label} fra {format_short(entry.valid_from)}? "
            "Sletningen deles med teamet; en leveret sats for samme dato bruges igen.",
        )
        if answer == QMessageBox.StandardButton.Yes:
            run_write(self, self._ctx, lambda: self._ctx.desk.rates.delete(entry.id))

    def import_file(self, path: Path) -> bool:
        """Read ``path`` and import it whole; a refused file is named in the window and nothing changes."""
        self.error.clear_message()
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                self.error.show_message(
                    f"Filen {path.name} er for stor til at være en satsfil. Intet er ændret."
                )
                return False
            data = path.read_bytes()
        except OSError as exc:
            self.error.show_message(f"Filen {path.name} kunne ikke læses ({exc.strerror}). Intet er ændret.")
            return False
        result = run_write(
            self,
            self._ctx,
            lambda: self._ctx.desk.rates.import_file(data),
            on_input_error=lambda exc: self.error.show_message(exc.message),
        )
        if result is None:
            return False
        QMessageBox.information(self, "Satser importeret", f"Importeret fra {path.name}: {result.summary}")
        return True

    def export_to(self, path: Path) -> bool:
        """Write the organisation's entries to ``path`` (whole or not at all)."""
        self.error.clear_message()
        data = self._ctx.desk.rates.export_file()
        temporary = path.with_name(path.name + ".tmp")
        try:
            temporary.write_bytes(data)
            os.replace(temporary, path)
        except OSError as exc:
            temporary.unlink(missing_ok=True)
            self.error.show_message(f"Filen {path.name} kunne ikke gemmes ({exc.strerror}).")
            return False
        return True

    def choose_import(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Importér satser", str(documents_folder()), FILE_FILTER)
        if name:
            self.import_file(Path(name))

    def choose_export(self) -> None:
        start = str(documents_folder() / f"boligdesk-satser-{self._ctx.today().isoformat()}.json")
        name, _ = QFileDialog.getSaveFileName(self, "Eksportér satser", start, FILE_FILTER)
        if name:
            path = Path(name)
            self.export_to(path if path.suffix.casefold() == ".json" else path.with_name(path.name + ".json"))
