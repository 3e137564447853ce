""" "Synkronisering": choose the team's shared folder, create or join the team, and run a sync.

The sync runs off the GUI thread through the app's one background runner
(:func:`~boligdesk.ui.shared.desk_ops.run_in_background`; the engine opens its own short sessions), drawn
on this dialog's own progress bar with its own "Annullér" (checked between files, so nothing is ever
half-applied). The dialog is modal, so no edit is made elsewhere in the app while it runs. When it ends,
``bus.changed`` says "everything" (rows from the other laptops may touch any view).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from boligdesk.budget.documents import total_text
from boligdesk.errors import StoreError, UserInputError
from boligdesk.services.changes import Changes
from boligdesk.services.progress import Progress
from boligdesk.services.team_sync import Gap, ShareState, SyncResult, SyncSummary, TeamConnection
from boligdesk.ui.context import AppContext
from boligdesk.ui.shared.desk_ops import BackgroundCall, run_in_background
from boligdesk.ui.shared.dialogs import ask_yes_no, run_modal

log = logging.getLogger(__name__)
ERROR_STYLE = "color: #b00020;"


class _DrawnHere(Progress):
    """The background call's progress, drawn on the dialog's own bar instead of a progress dialog.

    Cancelling (the dialog's "Annullér", or the window closing) goes to the call's own progress, so the
    runner and :meth:`Desk.close` see it too.
    """

    def __init__(self, call: Progress, draw: Callable[[int, int, str], None]) -> None:
        super().__init__(draw)
        self._call = call

    def cancel(self) -> None:
        self._call.cancel()

    @property
    def cancelled(self) -> bool:
        return self._call.cancelled

    def check(self) -> None:
        self._call.check()


@dataclass(frozen=True, slots=True)
class _Failed:
    """A sync that stopped with an error: the message for the dialog (files applied before stay)."""

    message: str
    changes: Changes = field(default_factory=Changes.all)


def deletion_question(summary: SyncSummary) -> str:
    """The question asked when a sync holds a file that deletes many cases or rows here."""
    cases = max((h.deletions.cases for h in summary.held_deletions), default=0)
    rows = summary.deletions_to_accept
    what = "1 sag" if cases == 1 else f"{cases} sager"
    return (
        f"Synkroniseringen vil slette {what} og {rows} oplysninger i alt på denne computer, "
        "fordi de er slettet på en anden computer.\n\n"
        "Ja: slet dem også her (synkroniseringen kører igen og bruger filen).\n\n"
        "Nej: filen holdes tilbage og bruges ikke, og intet slettes. Computerens senere filer venter "
        "imens; alt andet er synkroniseret, og status viser sletningen, der venter. Du kan bekræfte den "
        "senere ved at synkronisere igen, eller gendanne data fra en sikkerhedskopi "
        "(Filer → Gendan fra sikkerhedskopi …).\n\n"
        "Skal de slettes?"
    )


def accept_loss_question(gap: Gap) -> str:
    """The question asked before moving past a laptop's missing files for good."""
    return (
        f"Fil {gap.files} fra computeren {gap.device[:8]} mangler på fællesdrevet, og dens senere ændringer "
        "venter på den.\n\n"
        "Acceptér kun tabet, hvis computeren aldrig synkroniserer igen (bortkommet, stjålet, udskiftet). "
        "Kommer den igen, sender den selv de manglende ændringer, og så skal du ikke acceptere noget.\n\n"
        "Ja: ændringerne i de manglende filer er tabt for denne computer; de senere filer bruges. "
        "Beslutningen noteres med dit navn.\n\nAcceptér tabet?"
    )


def _secret() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


def _error_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    label.hide()
    return label


class SyncDialog(QDialog):
    sync_started = Signal(object)
    """Emitted with the :class:`~boligdesk.ui.shared.desk_ops.BackgroundCall` of a run that has started."""
    sync_finished = Signal(object)
    """Emitted with the :class:`SyncSummary` (or ``None`` after an error) when a run ends."""
    progressed = Signal(int, int, str)
    """The run's progress (emitted on the sync's thread; queued to the dialog's bar)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._connection: TeamConnection | None = None
        self._call: BackgroundCall | None = None
        self._finished: BackgroundCall | None = None
        self._share_state: ShareState | None = None
        self.setWindowTitle("Synkronisering")
        self.resize(620, 500)
        self._build()
        self._load()

    # --- layout -------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.folder = QLineEdit()
        self.folder.setPlaceholderText("fx S:\\Boligsocialt\\BoligDesk")
        self.browse = QPushButton("&Vælg …")
        self.folder_state = QLabel()
        self.folder_state.setWordWrap(True)
        self.folder_error = _error_label()
        self.passphrase = _secret()
        self.repeat = _secret()
        self.repeat_label = QLabel("&Gentag adgangskoden")
        self.repeat_label.setBuddy(self.repeat)
        self.passphrase_error = _error_label()
        self.remember = QCheckBox("&Husk teamets adgangskode på denne computer")
        self.remember.setChecked(True)
        self.team_button = QPushButton("&Tilslut team")

        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.browse)
        form = QFormLayout()
        folder_label = QLabel("&Fællesmappe")
        folder_label.setBuddy(self.folder)
        form.addRow(folder_label, folder_row)
        form.addRow("", self.folder_state)
        form.addRow("", self.folder_error)
        pass_label = QLabel("Teamets &adgangskode")
        pass_label.setBuddy(self.passphrase)
        form.addRow(pass_label, self.passphrase)
        form.addRow(self.repeat_label, self.repeat)
        form.addRow("", self.passphrase_error)
        form.addRow("", self.remember)
        team_row = QHBoxLayout()
        team_row.addStretch(1)
        team_row.addWidget(self.team_button)
        form.addRow(team_row)
        self.settings_box = QGroupBox("Team og fællesmappe")
        self.settings_box.setLayout(form)
        self._form = form
        self._team_row = team_row

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setTextVisible(True)
        self.progress.setFormat("")
        self.progress_text = QLabel()
        self.run_error = _error_label()
        self.summary = QPlainTextEdit()
        self.summary.setReadOnly(True)
        self.summary.setPlaceholderText("Her står, hvad synkroniseringen udvekslede.")
        self.summary.setMinimumHeight(120)

        self.sync_button = QPushButton("&Synkronisér")
        self.cancel_button = QPushButton("&Annullér")
        self.conflicts_button = QPushButton("&Konflikter …")
        self.team_list_button = QPushButton("T&eamet …")
        self.accept_loss_button = QPushButton()
        self.accept_loss_button.hide()
        self._loss: Gap | None = None
        self.close_button = QPushButton("&Luk")
        buttons = QHBoxLayout()
        buttons.addWidget(self.sync_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.team_list_button)
        buttons.addWidget(self.conflicts_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.settings_box)
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        layout.addWidget(self.progress_text)
        layout.addWidget(self.run_error)
        layout.addWidget(self.summary, 1)
        loss_row = QHBoxLayout()
        loss_row.addWidget(self.accept_loss_button)
        loss_row.addStretch(1)
        layout.addLayout(loss_row)
        layout.addLayout(buttons)

        self.browse.clicked.connect(self._browse)
        self.folder.editingFinished.connect(self._inspect_folder)
        self.team_button.clicked.connect(self._connect_team)
        self.passphrase.returnPressed.connect(self._connect_team)
        self.repeat.returnPressed.connect(self._connect_team)
        self.sync_button.clicked.connect(self.start_sync)
        self.cancel_button.clicked.connect(self.cancel_sync)
        self.conflicts_button.clicked.connect(self._open_conflicts)
        self.team_list_button.clicked.connect(self._open_team)
        self.accept_loss_button.clicked.connect(self.accept_loss)
        self.close_button.clicked.connect(self.accept)
        self.progressed.connect(self._on_progress)
        # Enter in a field means "the team step" (or "sync" once connected), never a default button too.
        for button in (self.browse, self.team_button, self.sync_button, self.cancel_button):
            button.setAutoDefault(False)
        for button in (
            self.conflicts_button,
            self.close_button,
            self.team_list_button,
            self.accept_loss_button,
        ):
            button.setAutoDefault(False)
        for first, second in (
            (self.folder, self.browse),
            (self.browse, self.passphrase),
            (self.passphrase, self.repeat),
            (self.repeat, self.remember),
            (self.remember, self.team_button),
            (self.team_button, self.sync_button),
            (self.sync_button, self.cancel_button),
            (self.cancel_button, self.conflicts_button),
            (self.conflicts_button, self.close_button),
        ):
            self.setTabOrder(first, second)

    # --- state --------------------------------------------------------------------------------------
    def _load(self) -> None:
        settings = self._ctx.desk.sync.settings()
        self.folder.setText(settings.share)
        self._connection = None
        if settings.is_set_up:
            try:
                self._connection = self._ctx.desk.sync.reconnect(ask_passphrase=None)
            except StoreError:
                self._connection = None
        self._inspect_folder()
        self._refresh()
        if self.sync_button.isEnabled() and self._connection is not None:
            self.sync_button.setFocus()
        elif settings.is_set_up:
            self.passphrase.setFocus()

    def _refresh(self) -> None:
        running = self._call is not None
        settings = self._ctx.desk.sync.settings()
        connected_here = settings.is_set_up and settings.share == self._folder_text()
        needs_team_step = not connected_here
        creating = self._share_state is ShareState.EMPTY and not connected_here
        asks_passphrase = needs_team_step or self._connection is None
        self._form.setRowVisible(self.passphrase, asks_passphrase)
        self._form.setRowVisible(self.repeat, creating)
        self._form.setRowVisible(self.remember, asks_passphrase)
        self._form.setRowVisible(self._team_row, not connected_here)
        self.team_button.setText("&Opret team" if creating else "&Tilslut team")
        self.team_button.setEnabled(not running and self._share_state in (ShareState.EMPTY, ShareState.TEAM))
        self.settings_box.setEnabled(not running)
        self.sync_button.setEnabled(not running and connected_here)
        self.cancel_button.setEnabled(running)
        self.close_button.setEnabled(not running)
        self.conflicts_button.setEnabled(not running)
        self.team_list_button.setEnabled(not running)
        self.accept_loss_button.setEnabled(not running)
        self.progress.setVisible(running or self.progress.value() > 0)
        open_count = settings.open_conflicts
        self.conflicts_button.setText(f"&Konflikter ({open_count}) …" if open_count else "&Konflikter …")
        if running:
            return
        documents = total_text(*self._ctx.desk.documents.team_total()).replace("Ingen dokumenter", "ingen")
        self.status.setText(
            f"Status: {self._ctx.desk.sync.status_text()}\nDokumenter på sagerne: {documents}"
        )

    def _folder_text(self) -> str:
        text = self.folder.text().strip()
        return str(Path(text).expanduser()) if text else ""

    def _show(self, label: QLabel, message: str) -> None:
        label.setText(message)
        label.setVisible(bool(message))

    def _inspect_folder(self) -> None:
        self._show(self.folder_error, "")
        self._share_state = None
        text = self._folder_text()
        if not text:
            self.folder_state.setText("Vælg den mappe på fællesdrevet, som teamet bruger.")
            self._refresh()
            return
        settings = self._ctx.desk.sync.settings()
        try:
            self._share_state = self._ctx.desk.sync.share_state(Path(text))
        except StoreError as exc:
            self.folder_state.setText("")
            self._show(self.folder_error, exc.message)
            self._refresh()
            return
        if settings.is_set_up and settings.share == text:
            self.folder_state.setText(
                "Denne computer er med i teamet i mappen."
                if self._connection is not None
                else "Denne computer er med i teamet. Skriv teamets adgangskode og tryk »Synkronisér«."
            )
        elif self._share_state is ShareState.EMPTY:
            self.folder_state.setText(
                "Mappen har intet team endnu. Vælg en adgangskode til teamet og tryk »Opret team«; "
                "kollegerne tilslutter sig bagefter med samme adgangskode."
            )
        elif self._share_state is ShareState.TEAM:
            self.folder_state.setText(
                "Mappen rummer et team. Skriv teamets adgangskode og tryk »Tilslut team«."
            )
        else:
            self._show(
                self.folder_error,
                "Mappen rummer flere teams. Bed den, der oprettede teamet, om den rigtige mappe.",
            )
        self._refresh()

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Vælg teamets fællesmappe", self._folder_text())
        if chosen:
            self.folder.setText(chosen)
            self._inspect_folder()

    # --- team ---------------------------------------------------------------------------------------
    def _connect_team(self) -> None:
        if self.team_button.isHidden() or not self.team_button.isEnabled():
            if self.sync_button.isEnabled():
                self.start_sync()
            return
        self._show(self.passphrase_error, "")
        self._show(self.folder_error, "")
        text = self._folder_text()
        if not text:
            self._show(self.folder_error, "Vælg fællesmappen først.")
            self.folder.setFocus()
            return
        repeat = self.repeat.text() if not self.repeat.isHidden() else None
        try:
            connection = self._ctx.desk.sync.connect(
                Path(text),
                self.passphrase.text(),
                repeat,
                remember=self.remember.isChecked(),
            )
        except UserInputError as exc:
            target = self.repeat if exc.field == "repeat" else self.passphrase
            self._show(self.passphrase_error, exc.message)
            target.setFocus()
            return
        except StoreError as exc:
            label = self.passphrase_error if exc.code == "wrong_team_passphrase" else self.folder_error
            self._show(label, exc.message)
            (self.passphrase if label is self.passphrase_error else self.folder).setFocus()
            return
        self._connection = connection
        self.passphrase.clear()
        self.repeat.clear()
        note = "Teamet er oprettet." if connection.created else "Computeren er nu med i teamet."
        if connection.keyring_note:
            note += " " + connection.keyring_note
        self.summary.setPlainText(note)
        self._inspect_folder()
        self.sync_button.setFocus()

    # --- sync ---------------------------------------------------------------------------------------
    def start_sync(self) -> None:
        self._start(accept_deletions=0)

    def _start(self, *, accept_deletions: int, accept_loss: frozenset[str] = frozenset()) -> None:
        if self._call is not None:
            return
        self._show(self.run_error, "")
        sync = self._ctx.desk.sync
        if self._connection is None:
            if not self.passphrase.text():
                self._show(self.passphrase_error, "Skriv teamets adgangskode for at synkronisere.")
                self.passphrase.setFocus()
                return
            try:
                self._connection = sync.reconnect(ask_passphrase=self.passphrase.text)
            except StoreError as exc:
                self._show(self.passphrase_error, exc.message)
                self.passphrase.setFocus()
                return
            if self.remember.isChecked():
                sync.remember_key(self._connection)
            self.passphrase.clear()
            self._show(self.passphrase_error, "")
        self.progress.setRange(0, 0)
        self.progress_text.setText("Forbinder til fællesmappen …")
        self.summary.clear()
        connection, draw = self._connection, self.progressed.emit

        def run(progress: Progress) -> SyncResult | _Failed:
            try:
                return sync.run(
                    connection,
                    _DrawnHere(progress, draw),
                    accept_deletions=accept_deletions,
                    accept_loss=accept_loss,
                )
            except StoreError as exc:
                return _Failed(exc.message)
            except Exception:  # a bug: keep the dialog alive and say where the details are
                log.exception("sync failed")
                return _Failed(
                    "Synkroniseringen stoppede på grund af en fejl i BoligDesk. Detaljer står i loggen."
                )

        call = run_in_background(
            self,
            self._ctx,
            run,
            self._on_done,
            title="Synkroniserer …",
            show_progress=False,  # this dialog draws the progress on its own bar
            on_cancelled=self._on_cancelled,
        )
        self._call = call
        self._refresh()
        self.cancel_button.setFocus()
        self.sync_started.emit(call)

    def cancel_sync(self) -> None:
        if self._call is not None:
            self._call.cancel()
            self.progress_text.setText("Stopper efter den fil, der er i gang …")
            self.cancel_button.setEnabled(False)

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, text: str) -> None:
        if self._call is None:
            return  # a report queued just before the run ended
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, max(total, 1)))
        self.progress.setFormat(f"{done} af {total}" if total else "")
        self.progress_text.setText(text)

    def _on_done(self, result: SyncResult | _Failed) -> None:
        # The runner has broadcast result.changes (everything) on bus.changed already. The call object
        # stays referenced until the next run: dropping it inside its own callback would free its signals
        # object while Qt is still delivering them.
        self._finished, self._call = self._call, None
        self.progress.setRange(0, 1)
        self.progress.setFormat("")
        self.progress_text.setText("")
        if isinstance(result, _Failed):
            self.progress.setValue(0)
            self._show(self.run_error, result.message)
            self._refresh()
            self.sync_finished.emit(None)
            return
        self.progress.setValue(1)
        self.summary.setPlainText("\n".join(result.summary.lines()))
        self._offer_accept_loss(result.summary)
        self._refresh()
        self.close_button.setFocus()
        self.sync_finished.emit(result.summary)
        if result.summary.held_deletions and not result.summary.cancelled:
            # Asked once the run has fully ended (not inside the runner's callback).
            summary = result.summary
            QTimer.singleShot(0, self, lambda: self._ask_about_deletions(summary))

    def _ask_about_deletions(self, summary: SyncSummary) -> None:
        """A file held for deleting many cases: "Ja" runs the sync again accepting them, "Nej" keeps it held."""
        if self._call is not None:
            return
        rows = summary.deletions_to_accept
        if ask_yes_no(self, "Bekræft sletning", deletion_question(summary)):
            self._start(accept_deletions=rows)
            return
        self.summary.appendPlainText(
            "\nSletningen er ikke bekræftet. Filen er holdt tilbage og ikke brugt; intet er slettet her. "
            "Synkronisér igen for at bekræfte den, eller gendan fra en sikkerhedskopi "
            "(Filer → Gendan fra sikkerhedskopi …)."
        )

    def _offer_accept_loss(self, summary: SyncSummary) -> None:
        """Show "Acceptér tabet fra computeren X …" for the first laptop whose missing files hold it up."""
        self._loss = summary.gaps[0] if summary.gaps and not summary.cancelled else None
        if self._loss is not None:
            self.accept_loss_button.setText(f"Acceptér &tabet fra computeren {self._loss.device[:8]} …")
        self.accept_loss_button.setVisible(self._loss is not None)

    def accept_loss(self) -> None:
        """Ask, then sync again accepting the loss of the missing files (recorded with the adviser's name)."""
        gap = self._loss
        if gap is None or self._call is not None:
            return
        if not ask_yes_no(self, "Acceptér tabet", accept_loss_question(gap)):
            return
        self.accept_loss_button.hide()
        self._loss = None
        self._start(accept_deletions=0, accept_loss=frozenset({gap.device}))

    def _open_team(self) -> None:
        from boligdesk.ui.sync.team_dialog import TeamDialog

        run_modal(TeamDialog(self._ctx, self))
        self._load()  # the team key may have been rotated there: connect again with the new one

    def _on_cancelled(self) -> None:
        """Cancelled before the sync began (nothing was sent or applied)."""
        self._finished, self._call = self._call, None
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setFormat("")
        self.progress_text.setText("")
        self.summary.setPlainText("Synkroniseringen blev afbrudt, før den begyndte. Intet er ændret.")
        self._refresh()
        self.close_button.setFocus()
        self.sync_finished.emit(None)

    def is_running(self) -> bool:
        return self._call is not None

    def _open_conflicts(self) -> None:
        from boligdesk.ui.sync.conflicts_dialog import ConflictsDialog

        run_modal(ConflictsDialog(self._ctx, self))
        self._refresh()

    # --- closing ------------------------------------------------------------------------------------
    def reject(self) -> None:
        if self._call is not None:
            self.cancel_sync()
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._call is not None:
            self.cancel_sync()
            event.ignore()
            return
        super().closeEvent(event)
