"""»Tilføj ny sats…« / »Redigér…«: one entry of a rate table — its figures, date in force and source.

The figures follow the table's structure (``budget/ratebook.TABLES``); an optional figure left empty is
"ikke kendt". The date of an existing entry cannot change (it is the entry's identity on every laptop):
delete it and add a new one instead. Everything is checked by ``desk.rates`` before anything is saved;
a refused value is named next to the form and the typed text stays.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from boligdesk.budget.money import Money
from boligdesk.budget.ratebook import RateBook, RateEntry, TableSpec
from boligdesk.errors import UserInputError
from boligdesk.services.changes import Changes
from boligdesk.ui.context import AppContext
from boligdesk.ui.shared.date_edit import DateEdit
from boligdesk.ui.shared.desk_ops import run_write
from boligdesk.ui.shared.error_label import ErrorLabel
from boligdesk.ui.shared.money_edit import MoneyEdit


def suggested_date(book: RateBook, spec: TableSpec, today: dt.date) -> dt.date:
    """1 January of this year when the table has nothing from this year yet, else of next year."""
    latest = book.entries(spec.key)
    if latest and latest[-1].valid_from.year >= today.year:
        return dt.date(latest[-1].valid_from.year + 1, 1, 1)
    return dt.date(today.year, 1, 1)


class RateEntryDialog(QDialog):
    def __init__(
        self,
        ctx: AppContext,
        spec: TableSpec,
        book: RateBook,
        entry: RateEntry | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._spec = spec
        self._entry = entry
        self.saved_id: str | None = None
        self.setWindowTitle(f"{'Redigér sats' if entry else 'Ny sats'}: {spec.label}")
        self.setMinimumWidth(560)
        previous = book.entries(spec.key)[-1] if book.entries(spec.key) else None

        self.valid_from = DateEdit(field="valid_from")
        self.valid_from.setValue(entry.valid_from if entry else suggested_date(book, spec, ctx.today()))
        self.valid_from.setEnabled(entry is None)
        self.figures: dict[str, MoneyEdit] = {}
        form = QFormLayout()
        form.addRow("&Gælder fra:", self.valid_from)
        for figure in spec.figures:
            edit = MoneyEdit(field=figure.key, placeholder="ikke kendt" if figure.optional else "0,00")
            if previous is not None and previous.figure(figure.key) is not None and entry is None:
                shown = previous.figure(figure.key)
                assert shown is not None
                edit.setToolTip(f"Satsen fra {previous.valid_from.year}: {shown.format()}")
            if entry is not None:
                edit.setValue(entry.figure(figure.key))
            self.figures[figure.key] = edit
            form.addRow(f"{figure.label}{'' if figure.optional else ' *'}:", edit)
        self.source_title = QLineEdit(entry.source_title if entry else "")
        self.source_title.setPlaceholderText("fx »bm.dk, Satser for 2027 – Kontanthjælp«")
        self.source_url = QLineEdit(entry.source_url if entry else "")
        self.source_url.setPlaceholderText("https://…")
        self.verified = QCheckBox("&Verificeret i den primære kilde (adressen ovenfor)")
        self.verified.setChecked(entry.verified if entry else False)
        self.note = QPlainTextEdit(entry.note if entry else "")
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(56)
        form.addRow("&Kilde *:", self.source_title)
        form.addRow("Kildens &adresse:", self.source_url)
        form.addRow("", self.verified)
        form.addRow("&Note:", self.note)
        self.error = ErrorLabel()

        hint = QLabel(
            "Skriv beløbene som i kilden (kr. og øre). Et felt uden * kan stå tomt: så står der "
            "»ikke kendt« i BoligDesk. Skriv aldrig et gættet tal."
        )
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("&Gem")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annullér")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _figure_values(self) -> dict[str, Money | None]:
        return {key: edit.value() for key, edit in self.figures.items()}

    def _write(self) -> Changes | str:
        figures = self._figure_values()  # a refused amount raises UserInputError before anything is saved
        title, url = self.source_title.text(), self.source_url.text()
        verified, note = self.verified.isChecked(), self.note.toPlainText()
        if self._entry is None:
            created = self._ctx.desk.rates.add(
                self._spec.key,
                self.valid_from.value(),
                figures,
                source_title=title,
                source_url=url,
                verified=verified,
                note=note,
            )
            self.saved_id = created.id
            return created.changes
        self.saved_id = self._entry.id
        return self._ctx.desk.rates.edit(
            self._entry.id, figures, source_title=title, source_url=url, verified=verified, note=note
        )

    def _refused(self, exc: UserInputError) -> None:
        self.error.show_message(exc.message)
        widget = {
            "valid_from": self.valid_from,
            "source_title": self.source_title,
            "source_url": self.source_url,
            **self.figures,
        }.get(exc.field)
        if widget is not None:
            widget.setFocus()

    def save(self) -> None:
        self.error.clear_message()
        if run_write(self, self._ctx, self._write, on_input_error=self._refused) is not None:
            self.accept()
