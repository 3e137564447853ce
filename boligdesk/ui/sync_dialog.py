""" "Synkronisering": choose the team's shared folder, create or join the team, and run a sync.

The sync runs in a worker thread (it opens its own short sessions on the shared store), with a progress
bar and "Annullér" (checked between files, so nothing is ever half-applied). The dialog is modal, so no
edit is made elsewhere in the app while it runs.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot
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

from boligdesk.errors import StoreError, UserInputError
from boligdesk.sync import team_keyring
from boligdesk.sync.connection import ShareState, TeamConnection, connect, reconnect, share_state
from boligdesk.sync.engine import SyncSummary, synchronise
from boligdesk.sync.settings import load_settings
from boligdesk.sync.status import sync_status_text
from boligdesk.ui.context import AppContext
from boligdesk.ui.shared.dialogs import run_modal

log = logging.getLogger(__name__)
ERROR_STYLE = "color: #b00020;"


class SyncWorker(QObject):
    """Runs one sync off the GUI thread and reports back through signals."""

    progress = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(str)

    def __init__(self, ctx: AppContext, connection: TeamConnection) -> None:
        super().__init__()
        self._ctx = ctx
        self._connection = connection
        self.cancel_flag = threading.Event()

    @Slot()
    def run(self) -> None:
        try:
            summary = synchronise(
                self._ctx.store,
                self._connection.team,
                self._connection.team_key,
                progress=lambda done, total, text: self.progress.emit(done, total, text),
                cancel=self.cancel_flag.is_set,
            )
        except StoreError as exc:
            self.failed.emit(exc.message)
        except Exception:  # a bug: keep the dialog alive and say where the details are
            log.exception("sync failed")
            self.failed.emit(
                "Synkroniseringen stoppede på grund af en fejl i BoligDesk. Detaljer står i loggen."
            )
        else:
            self.succeeded.emit(summary)


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
    """Emitted with the :class:`SyncWorker` just before its thread starts."""
    sync_finished = Signal(object)
    """Emitted with the :class:`SyncSummary` (or ``None`` after an error) when a run ends."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._connection: TeamConnection | None = None
        self._thread: QThread | None = None
        self._worker: SyncWorker | None = None
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
        self.close_button = QPushButton("&Luk")
        buttons = QHBoxLayout()
        buttons.addWidget(self.sync_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.conflicts_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.settings_box)
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        layout.addWidget(self.progress_text)
        layout.addWidget(self.run_error)
        layout.addWidget(self.summary, 1)
        layout.addLayout(buttons)

        self.browse.clicked.connect(self._browse)
        self.folder.editingFinished.connect(self._inspect_folder)
        self.team_button.clicked.connect(self._connect_team)
        self.passphrase.returnPressed.connect(self._connect_team)
        self.repeat.returnPressed.connect(self._connect_team)
        self.sync_button.clicked.connect(self.start_sync)
        self.cancel_button.clicked.connect(self.cancel_sync)
        self.conflicts_button.clicked.connect(self._open_conflicts)
        self.close_button.clicked.connect(self.accept)
        # Enter in a field means "the team step" (or "sync" once connected), never a default button too.
        for button in (self.browse, self.team_button, self.sync_button, self.cancel_button):
            button.setAutoDefault(False)
        for button in (self.conflicts_button, self.close_button):
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
        settings = load_settings(self._ctx.store.profile.folder)
        self.folder.setText(settings.share)
        self._connection = None
        if settings.is_set_up:
            try:
                self._connection = reconnect(self._ctx.store, ask_passphrase=None)
            except StoreError:
                self._connection = None
        self._inspect_folder()
        self._refresh()
        if self.sync_button.isEnabled() and self._connection is not None:
            self.sync_button.setFocus()
        elif settings.is_set_up:
            self.passphrase.setFocus()

    def _refresh(self) -> None:
        running = self._thread is not None
        settings = load_settings(self._ctx.store.profile.folder)
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
        self.progress.setVisible(running or self.progress.value() > 0)
        open_count = settings.open_conflicts
        self.conflicts_button.setText(f"&Konflikter ({open_count}) …" if open_count else "&Konflikter …")
        if running:
            return
        self.status.setText(f"Status: {sync_status_text(self._ctx.store.profile.folder)}")

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
        settings = load_settings(self._ctx.store.profile.folder)
        try:
            self._share_state = share_state(Path(text))
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
            connection = connect(
                self._ctx.store,
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
        if self._thread is not None:
            return
        self._show(self.run_error, "")
        if self._connection is None:
            if not self.passphrase.text():
                self._show(self.passphrase_error, "Skriv teamets adgangskode for at synkronisere.")
                self.passphrase.setFocus()
                return
            try:
                self._connection = reconnect(self._ctx.store, ask_passphrase=self.passphrase.text)
            except StoreError as exc:
                self._show(self.passphrase_error, exc.message)
                self.passphrase.setFocus()
                return
            if self.remember.isChecked():
                team_keyring.remember_team_key(self._connection.team.team_id, self._connection.team_key)
            self.passphrase.clear()
            self._show(self.passphrase_error, "")
        self.progress.setRange(0, 0)
        self.progress_text.setText("Forbinder til fællesmappen …")
        self.summary.clear()
        worker = SyncWorker(self._ctx, self._connection)
        thread = QThread(self)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.progress.connect(self._on_progress)
        worker.succeeded.connect(self._on_succeeded)
        worker.failed.connect(self._on_failed)
        self._thread, self._worker = thread, worker
        self._refresh()
        self.cancel_button.setFocus()
        self.sync_started.emit(worker)
        thread.start()

    def cancel_sync(self) -> None:
        if self._worker is not None:
            self._worker.cancel_flag.set()
            self.progress_text.setText("Stopper efter den fil, der er i gang …")
            self.cancel_button.setEnabled(False)

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, text: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, max(total, 1)))
        self.progress.setFormat(f"{done} af {total}" if total else "")
        self.progress_text.setText(text)

    @Slot(object)
    def _on_succeeded(self, summary: SyncSummary) -> None:
        self._stop_thread()
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.progress.setFormat("")
        self.progress_text.setText("")
        self.summary.setPlainText("\n".join(summary.lines()))
        self._refresh()
        self.close_button.setFocus()
        self._ctx.bus.dataChanged.emit()
        self.sync_finished.emit(summary)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._stop_thread()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setFormat("")
        self.progress_text.setText("")
        self._show(self.run_error, message)
        self._refresh()
        self._ctx.bus.dataChanged.emit()
        self.sync_finished.emit(None)

    def _stop_thread(self) -> None:
        thread, worker = self._thread, self._worker
        self._thread, self._worker = None, None
        if thread is not None:
            thread.quit()
            thread.wait()
            thread.deleteLater()
        if worker is not None:
            worker.deleteLater()

    def is_running(self) -> bool:
        return self._thread is not None

    @property
    def current_worker(self) -> SyncWorker | None:
        """The worker of the sync in progress (tests use it to press "Annullér" at an exact moment)."""
        return self._worker

    def _open_conflicts(self) -> None:
        from boligdesk.ui.conflicts_dialog import ConflictsDialog

        run_modal(ConflictsDialog(self._ctx, self))
        self._refresh()

    # --- closing ------------------------------------------------------------------------------------
    def reject(self) -> None:
        if self._thread is not None:
            self.cancel_sync()
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._thread is not None:
            self.cancel_sync()
            event.ignore()
            return
        super().closeEvent(event)
