"""Filer → "Udskriv postkort til nye lejere…": the offer of advice to every new tenant at once.

The list is ``desk.postcards.candidates()``: the open "Ny lejer" cases without an answer to the offer.
The ones no card has gone to yet are ticked; the ones already offered ("Tilbudt") are listed unticked, so
a second card is a choice. "Udskriv postkort" makes the cards off the GUI thread (progress, "Annullér")
and records each on its case (``desk.postcards.make``); then the dialog offers to save or print the sheets
(four cards to an A4 sheet, cut along the dashed lines) and lists the cases left out, with the reason.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from boligdesk.budget.calendar import format_short
from boligdesk.services.postcards import PostcardBatch, PostcardCandidate
from boligdesk.ui.context import AppContext
from boligdesk.ui.shared.desk_ops import BackgroundCall, run_in_background
from boligdesk.ui.shared.printing import print_pdf, save_pdf


def _item_text(c: PostcardCandidate) -> str:
    parts = [c.case_number, c.tenant_name, c.address or "(ingen adresse)"]
    if c.move_in is not None:
        parts.append(f"indflyttet {format_short(c.move_in)}")
    if c.already_offered:
        parts.append("tilbudt før — afventer svar")
    return "  ·  ".join(parts)


def _cards_text(n: int) -> str:
    return "1 postkort" if n == 1 else f"{n} postkort"


class PostcardDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.setWindowTitle("Postkort til nye lejere")
        self.batch: PostcardBatch | None = None
        self.call: BackgroundCall | None = None

        # --- page 1: whom -------------------------------------------------------------------------
        self.intro = QLabel(
            "Tilbud om gratis rådgivning til de nye lejere, der ikke har svaret. Kortene udskrives fire på "
            "et A4-ark og klippes ud langs de stiplede linjer. Hvert kort noteres på sagen, og svaret sættes "
            "til »Tilbudt (afventer svar)«."
        )
        self.intro.setWordWrap(True)
        self.cases = QListWidget()
        self.cases.setAccessibleName("Nye lejere")
        for candidate in ctx.desk.postcards.candidates():
            item = QListWidgetItem(_item_text(candidate))
            item.setData(Qt.ItemDataRole.UserRole, candidate.case_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            ticked = not candidate.already_offered
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
            self.cases.addItem(item)
        self.empty = QLabel(
            "Der er ingen åbne »Ny lejer«-sager uden svar. Importér listen over nye lejere under "
            "Filer → Importér nye lejere…"
        )
        self.empty.setWordWrap(True)
        self.empty.setVisible(self.cases.count() == 0)
        self.all_button = QPushButton("Vælg &alle")
        self.none_button = QPushButton("Vælg &ingen")
        self.count = QLabel()
        self.print_button = QPushButton("&Udskriv postkort")
        self.print_button.setDefault(True)
        close_first = QPushButton("Luk")
        choose = QWidget()
        choose_layout = QVBoxLayout(choose)
        choose_layout.setContentsMargins(0, 0, 0, 0)
        choose_layout.addWidget(self.intro)
        choose_layout.addWidget(self.empty)
        choose_layout.addWidget(self.cases, 1)
        row = QHBoxLayout()
        row.addWidget(self.all_button)
        row.addWidget(self.none_button)
        row.addWidget(self.count, 1)
        row.addWidget(self.print_button)
        row.addWidget(close_first)
        choose_layout.addLayout(row)

        # --- page 2: what was made --------------------------------------------------------------
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.save_button = QPushButton("&Gem postkortene som PDF…")
        self.print_sheets_button = QPushButton("Udskriv &arkene…")
        self.skipped_label = QLabel()
        self.skipped = QListWidget()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("&Luk")
        buttons.rejected.connect(self.reject)
        result = QWidget()
        result_layout = QVBoxLayout(result)
        result_layout.setContentsMargins(0, 0, 0, 0)
        result_layout.addWidget(self.summary)
        pair = QHBoxLayout()
        pair.addWidget(self.save_button)
        pair.addWidget(self.print_sheets_button)
        result_layout.addLayout(pair)
        result_layout.addWidget(self.skipped_label)
        result_layout.addWidget(self.skipped, 3)
        result_layout.addStretch(1)
        result_layout.addWidget(buttons)

        self.pages = QStackedWidget()
        self.pages.addWidget(choose)
        self.pages.addWidget(result)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)

        self.cases.itemChanged.connect(self._update)
        self.all_button.clicked.connect(lambda: self._tick_all(True))
        self.none_button.clicked.connect(lambda: self._tick_all(False))
        self.print_button.clicked.connect(self.make)
        close_first.clicked.connect(self.reject)
        self.save_button.clicked.connect(self._save)
        self.print_sheets_button.clicked.connect(self._print)
        self._update()
        self.resize(760, 480)

    def case_ids(self) -> list[str]:
        """The ticked cases, in the list's order (oldest move-in first)."""
        items = (self.cases.item(i) for i in range(self.cases.count()))
        return [
            str(item.data(Qt.ItemDataRole.UserRole))
            for item in items
            if item.checkState() == Qt.CheckState.Checked
        ]

    def _tick_all(self, on: bool) -> None:
        state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        for i in range(self.cases.count()):
            self.cases.item(i).setCheckState(state)

    def _update(self, *_args: object) -> None:
        n = len(self.case_ids())
        sheets = (n + 3) // 4
        sheet_text = "1 A4-ark" if sheets == 1 else f"{sheets} A4-ark"
        self.count.setText(f"{_cards_text(n)} på {sheet_text}" if n else "Ingen valgt")
        self.print_button.setEnabled(n > 0)
        self.all_button.setEnabled(self.cases.count() > 0)
        self.none_button.setEnabled(self.cases.count() > 0)

    def make(self) -> BackgroundCall | None:
        ids = self.case_ids()
        if not ids:
            return None
        desk = self._ctx.desk
        self.call = run_in_background(
            self,
            self._ctx,
            lambda progress: desk.postcards.make(ids, progress),
            self._done,
            title="Laver postkort …",
        )
        return self.call

    def _done(self, batch: PostcardBatch) -> None:
        self.batch = batch
        sheets = "1 A4-ark" if batch.sheets == 1 else f"{batch.sheets} A4-ark"
        self.summary.setText(
            f"{_cards_text(len(batch.case_ids))} er lavet ({sheets}) og noteret på sagerne som sendt. "
            "Gem eller udskriv arkene, og klip kortene ud langs de stiplede linjer."
        )
        for skip in batch.skipped:
            self.skipped.addItem(f"Sag {skip.case_number}: {skip.reason}")
        cases = "1 sag" if len(batch.skipped) == 1 else f"{len(batch.skipped)} sager"
        self.skipped_label.setText(f"Sprunget over ({cases}) — intet kort, intet noteret:")
        self.skipped_label.setVisible(bool(batch.skipped))
        self.skipped.setVisible(bool(batch.skipped))
        self.pages.setCurrentIndex(1)
        self.save_button.setFocus()

    def _save(self) -> None:
        if self.batch is not None:
            pdf = self.batch.pdf
            name = f"postkort-{self._ctx.today().isoformat()}.pdf"
            save_pdf(lambda: pdf, name, self, title="Gem postkortene")

    def _print(self) -> None:
        if self.batch is not None:
            pdf = self.batch.pdf
            print_pdf(lambda: pdf, self, title="Udskriv postkortene", paper=pdf)
