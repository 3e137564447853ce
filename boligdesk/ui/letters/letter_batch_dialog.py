"""The month's letters in one go, from the case list: choose the cases and the template, write them all
off the GUI thread (with progress and "Annullér"), then save or print the letters and the address list.

Every letter is recorded on its case and logged as a contact attempt by ``desk.letter_batch.make`` in one
transaction, so a cancelled batch leaves nothing behind. Saving or printing afterwards records nothing
more: the letters went out when the batch was made.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QListWidget,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from boligdesk.budget.vocabulary import CasePhase
from boligdesk.letters.templates import PaperFormat
from boligdesk.services.case_list import CaseRow
from boligdesk.services.letter_batch import DEFAULT_TEMPLATE, LetterBatch
from boligdesk.ui.context import AppContext
from boligdesk.ui.shared.desk_ops import BackgroundCall, run_in_background
from boligdesk.ui.shared.printing import print_pdf, save_pdf

SELECTED, PHASE, IMPORTED = "selected", "phase", "imported"


class LetterBatchDialog(QDialog):
    """Which cases get a letter (the selected ones, all open cases in a phase, the newest import's new
    cases) and with which template (the offer of advice unless another is chosen)."""

    def __init__(
        self,
        ctx: AppContext,
        selected_ids: Sequence[str],
        rows: Sequence[CaseRow],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Skriv breve til flere sager")
        self._selected = tuple(selected_ids)
        self._rows = tuple(rows)
        self._imported = ctx.desk.letter_batch.newest_imported()

        self.selected_choice = QRadioButton(f"De &valgte sager ({len(self._selected)})")
        self.phase_choice = QRadioButton("&Alle åbne sager i fasen")
        self.imported_choice = QRadioButton(f"&Nye sager fra seneste import ({len(self._imported)})")
        self.phase = QComboBox()
        for value, label in CasePhase.choices():
            self.phase.addItem(label, value)
        self.phase.setCurrentIndex(max(self.phase.findData(CasePhase.NEW.value), 0))
        self.group = QButtonGroup(self)
        for button in (self.selected_choice, self.phase_choice, self.imported_choice):
            self.group.addButton(button)
        self.selected_choice.setEnabled(bool(self._selected))
        self.imported_choice.setEnabled(bool(self._imported))
        first = next(
            b for b in (self.selected_choice, self.imported_choice, self.phase_choice) if b.isEnabled()
        )
        first.setChecked(True)

        self.template = QComboBox()
        for info in ctx.desk.letters.templates():
            if info.paper is PaperFormat.A4 and not info.problem:
                self.template.addItem(info.title, info.name)
        self.template.setCurrentIndex(max(self.template.findData(DEFAULT_TEMPLATE), 0))
        self.count = QLabel()

        which = QGroupBox("Hvilke sager")
        grid = QGridLayout(which)
        grid.addWidget(self.selected_choice, 0, 0, 1, 2)
        grid.addWidget(self.phase_choice, 1, 0)
        grid.addWidget(self.phase, 1, 1)
        grid.addWidget(self.imported_choice, 2, 0, 1, 2)
        form = QFormLayout()
        form.addRow("&Skabelon", self.template)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Skriv &breve")
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText("Annullér")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(which)
        layout.addLayout(form)
        layout.addWidget(self.count)
        layout.addWidget(self.buttons)

        self.group.buttonToggled.connect(self._update)
        self.phase.currentIndexChanged.connect(self._update)
        self.phase.activated.connect(lambda _i: self.phase_choice.setChecked(True))
        self._update()

    def which(self) -> str:
        if self.phase_choice.isChecked():
            return PHASE
        if self.imported_choice.isChecked():
            return IMPORTED
        return SELECTED

    def case_ids(self) -> list[str]:
        """The cases chosen, in the list's order (newest case number first)."""
        which = self.which()
        if which == SELECTED:
            return list(self._selected)
        if which == IMPORTED:
            return list(self._imported)
        phase = CasePhase(self.phase.currentData())
        return [r.id for r in self._rows if not r.closed and r.phase is phase]

    def template_name(self) -> str:
        return str(self.template.currentData() or "")

    def _update(self, *_args: object) -> None:
        n = len(self.case_ids())
        self.count.setText(f"Der skrives {n} brev." if n == 1 else f"Der skrives {n} breve.")
        self.ok_button.setEnabled(n > 0 and bool(self.template_name()))


def _letters_text(batch: LetterBatch) -> str:
    made = len(batch.letter_ids)
    letters = "1 brev er skrevet" if made == 1 else f"{made} breve er skrevet"
    return (
        f"{letters} og noteret på sagerne som sendt i håndskreven kuvert.\n"
        "Gem eller udskriv brevene og adresselisten til kuverterne."
    )


class LetterBatchResultDialog(QDialog):
    """What the batch made: save or print the letters and the address list; the cases left out, and why."""

    def __init__(self, batch: LetterBatch, day_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Breve til flere sager")
        self.batch = batch
        self.summary = QLabel(_letters_text(batch))
        self.summary.setWordWrap(True)
        self.save_letters_button = QPushButton("&Gem brevene som PDF…")
        self.save_addresses_button = QPushButton("Gem &adresselisten som PDF…")
        self.print_letters_button = QPushButton("&Udskriv brevene…")
        self.print_addresses_button = QPushButton("Udskriv a&dresselisten…")
        self.skipped = QListWidget()
        for skip in batch.skipped:
            self.skipped.addItem(f"Sag {skip.case_number}: {skip.reason}")
        cases = "1 sag" if len(batch.skipped) == 1 else f"{len(batch.skipped)} sager"
        self.skipped_label = QLabel(f"Sprunget over ({cases}) — intet brev, intet noteret:")
        self.skipped_label.setVisible(bool(batch.skipped))
        self.skipped.setVisible(bool(batch.skipped))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText("&Luk")
        buttons.rejected.connect(self.reject)

        grid = QGridLayout()
        grid.addWidget(self.save_letters_button, 0, 0)
        grid.addWidget(self.print_letters_button, 0, 1)
        grid.addWidget(self.save_addresses_button, 1, 0)
        grid.addWidget(self.print_addresses_button, 1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(grid)
        layout.addWidget(self.skipped_label)
        layout.addWidget(self.skipped, 1)
        layout.addWidget(buttons)

        letters_name = f"breve-{day_text}.pdf"
        addresses_name = f"breve-{day_text}-adresser.pdf"
        self.save_letters_button.clicked.connect(
            lambda: save_pdf(lambda: batch.pdf, letters_name, self, title="Gem brevene")
        )
        self.save_addresses_button.clicked.connect(
            lambda: save_pdf(lambda: batch.addresses_pdf, addresses_name, self, title="Gem adresselisten")
        )
        self.print_letters_button.clicked.connect(
            lambda: print_pdf(lambda: batch.pdf, self, title="Udskriv brevene", paper=batch.pdf)
        )
        self.print_addresses_button.clicked.connect(
            lambda: print_pdf(
                lambda: batch.addresses_pdf, self, title="Udskriv adresselisten", paper=batch.addresses_pdf
            )
        )
        self.resize(620, 420 if batch.skipped else 200)


def write_letters(
    parent: QWidget,
    ctx: AppContext,
    case_ids: Sequence[str],
    template: str,
    on_result: Callable[[LetterBatchResultDialog], None] | None = None,
) -> BackgroundCall:
    """Make the batch off the GUI thread; when it is done show :class:`LetterBatchResultDialog`
    (not blocking; it is also handed to ``on_result``)."""
    ids = list(case_ids)
    desk = ctx.desk

    def done(batch: LetterBatch) -> None:
        dialog = LetterBatchResultDialog(batch, ctx.today().isoformat(), parent)
        if on_result is not None:
            on_result(dialog)
        dialog.open()

    return run_in_background(
        parent,
        ctx,
        lambda progress: desk.letter_batch.make(ids, template, progress),
        done,
        title="Skriver breve …",
    )
