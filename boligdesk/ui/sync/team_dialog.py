""" "Teamet": the team's laptops (adviser, last sync, active or retired), retiring one, adding a new one,
and rotating the team key after a laptop is lost.

Opened from the Synkronisering dialog ("Teamet …") and Indstillinger → Teamet. Retiring is an ordinary
synced edit (``desk.sync.retire``); rotating (``desk.sync.rotate_key``) seals every file on the share
again under a new key from a new team passphrase, and says plainly what a retired laptop can still read.
The rotation (a deliberate slow key derivation, then every file on the share read and written again)
runs off the GUI thread through ``run_in_background`` with a progress dialog: the window stays
responsive, and "Annullér" stops it before the new key is committed, with nothing changed.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from boligdesk.errors import StoreError, UserInputError
from boligdesk.services.changes import Changes, Part
from boligdesk.services.progress import Progress
from boligdesk.services.team_sync import ROTATION_NOTE, Rotated, TeamConnection, TeamMember
from boligdesk.ui.context import AppContext
from boligdesk.ui.shared.desk_ops import BackgroundCall, run_in_background, run_write
from boligdesk.ui.shared.dialogs import ask_yes_no, run_modal
from boligdesk.ui.shared.table_model import Column, TableModel, make_table_view

GREY = "#777777"


def _computer(m: TeamMember) -> str:
    return f"{m.short} (denne computer)" if m.this_laptop else m.short


COLUMNS: list[Column[TeamMember]] = [
    Column("Computer", _computer, width=210, tooltip=lambda m: m.device_id),
    Column("Rådgiver", lambda m: m.adviser or "ukendt", width=170),
    Column("Sidst synkroniseret", lambda m: m.last_seen_text, width=150, sort_key=lambda m: m.last_seen),
    Column("Status", lambda m: m.status, width=100),
    Column(
        "Tilbagekaldt",
        lambda m: f"{m.retired_by}: {m.reason}" if m.retired else "",
        width=260,
        tooltip=lambda m: m.reason or None,
    ),
]


def join_help(share: str) -> str:
    """How a new laptop joins the team (the existing join flow)."""
    folder = share or "teamets fællesmappe"
    return (
        "Sådan kommer en ny bærbar med i teamet:\n\n"
        "1. Installér BoligDesk på den nye bærbar, og opret en profil med rådgiverens navn og egen adgangskode.\n"
        f"2. Vælg Filer → Synkronisér med fællesdrev…, og vælg mappen {folder}.\n"
        "3. Skriv teamets adgangskode (få den af en kollega), og tryk »Tilslut team«, derefter »Synkronisér«.\n\n"
        "Den nye bærbar henter alle teamets data ved første synkronisering. Erstatter den en gammel bærbar, "
        "så tilbagekald den gamle her bagefter; er den gamle bortkommet eller stjålet, så skift også "
        "teamets nøgle."
    )


CANCELLED_TEXT = (
    "Skiftet af nøglen blev afbrudt. Intet er ændret: teamet bruger stadig den gamle nøgle og den gamle "
    "adgangskode."
)


def retire_question(member: TeamMember, reason: str) -> str:
    who = f" ({member.adviser})" if member.adviser else ""
    return (
        f"Tilbagekald computeren {member.short}{who}?\n\nBegrundelse: {reason}\n\n"
        "Teamet venter ikke længere på den; de filer, den allerede har lagt på fællesdrevet, bruges stadig. "
        "Er den bortkommet eller stjålet, så skift også teamets nøgle bagefter, så den ikke kan læse nye "
        "filer."
    )


class RotateKeyDialog(QDialog):
    """Ask for the new team passphrase (twice) — and the current one when it is not remembered."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.rotated_lines: list[str] = []
        #: The rotation in flight (None when none is running).
        self.call: BackgroundCall | None = None
        self.setWindowTitle("Skift teamets nøgle")
        self._connection: TeamConnection | None = None
        try:
            self._connection = ctx.desk.sync.reconnect(ask_passphrase=None)
        except StoreError:
            self._connection = None
        note = QLabel(
            "Skift nøglen, når en bærbar er bortkommet eller stjålet. Alle filer på fællesdrevet krypteres "
            "igen med en ny nøgle ud fra en ny adgangskode.\n\n" + ROTATION_NOTE
        )
        note.setWordWrap(True)
        self.current = self._secret()
        self.new = self._secret()
        self.repeat = self._secret()
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()
        form = QFormLayout()
        form.addRow("Teamets &nuværende adgangskode", self.current)
        form.addRow("Teamets n&ye adgangskode", self.new)
        form.addRow("&Gentag den nye adgangskode", self.repeat)
        form.setRowVisible(self.current, self._connection is None)
        self.rotate_button = QPushButton("&Skift nøglen")
        self.cancel_button = QPushButton("&Annullér")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.rotate_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.rotate_button.clicked.connect(self.rotate)
        self.cancel_button.clicked.connect(self.reject)
        self.resize(560, 360)

    @staticmethod
    def _secret() -> QLineEdit:
        field = QLineEdit()
        field.setEchoMode(QLineEdit.EchoMode.Password)
        return field

    def _fail(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def rotate(self) -> None:
        """Start the rotation off the GUI thread; the result (or the reason it was refused) comes back
        here. The fields are read now, on the GUI thread."""
        if self.call is not None:
            return
        sync = self._ctx.desk.sync
        known = self._connection
        current, new, repeat = self.current.text(), self.new.text(), self.repeat.text()

        def work(progress: Progress) -> Rotated | str:
            try:
                connection = known or sync.reconnect(ask_passphrase=lambda: current)
                return sync.rotate_key(connection, new, repeat, progress)
            except (StoreError, UserInputError) as exc:  # shown in the dialog, next to the fields
                return exc.message

        self.error.hide()
        self._busy(True)
        self.call = run_in_background(
            self,
            self._ctx,
            work,
            self._rotated,
            title="Skifter teamets nøgle …",
            on_cancelled=self._cancelled,
        )
        self.call.finished.connect(self._ended)

    def _busy(self, busy: bool) -> None:
        for widget in (self.rotate_button, self.cancel_button, self.current, self.new, self.repeat):
            widget.setEnabled(not busy)

    def _ended(self) -> None:
        self.call = None
        self._busy(False)

    def _rotated(self, result: Rotated | str) -> None:
        if isinstance(result, str):
            self._fail(result)
            return
        self.rotated_lines = result.lines()
        self.accept()

    def _cancelled(self) -> None:
        self._fail(CANCELLED_TEXT)

    def reject(self) -> None:
        if self.call is None:  # not while the rotation runs: it is cancelled from its progress dialog
            super().reject()


class TeamDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.setWindowTitle("Teamet")
        intro = QLabel(
            "Teamets bærbare: hvem der arbejder på dem, hvornår de sidst synkroniserede, og om de er aktive. "
            "Synkronisér for at se det nyeste."
        )
        intro.setWordWrap(True)
        self.model: TableModel[TeamMember] = TableModel(
            COLUMNS,
            self,
            id_of=lambda m: m.device_id,
            style=lambda m: (GREY if m.retired else None, None, None),
        )
        self.table = make_table_view(self.model, stretch_column=4)
        self.empty = QLabel("Computeren er ikke med i et team endnu. Vælg fællesmappen under Synkronisering.")
        self.empty.setWordWrap(True)
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.retire_button = QPushButton("&Tilbagekald bærbar …")
        self.join_button = QPushButton("&Ny bærbar i teamet …")
        self.rotate_button = QPushButton("&Skift teamets nøgle …")
        self.close_button = QPushButton("&Luk")
        # The team's own limit for »ikke synkroniseret i N dage« (statistics' data horizon), synced.
        self.stale_days = QSpinBox()
        self.stale_days.setRange(1, 365)
        self.stale_days.setSuffix(" dage")
        self.stale_save = QPushButton("&Gem antal dage")
        stale_row = QHBoxLayout()
        stale_label = QLabel("Nævn en computer som ikke synkroniseret, når den ikke er hørt fra i mere end")
        stale_label.setBuddy(self.stale_days)
        stale_row.addWidget(stale_label)
        stale_row.addWidget(self.stale_days)
        stale_row.addWidget(self.stale_save)
        stale_row.addStretch(1)
        buttons = QHBoxLayout()
        for button in (self.retire_button, self.join_button, self.rotate_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.outcome)
        layout.addLayout(stale_row)
        layout.addLayout(buttons)
        self.retire_button.clicked.connect(self.retire_selected)
        self.join_button.clicked.connect(self.show_join_help)
        self.rotate_button.clicked.connect(self.rotate_key)
        self.close_button.clicked.connect(self.accept)
        self.stale_save.clicked.connect(self.save_stale_days)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        ctx.bus.changed.connect(self._on_changed)
        self.resize(900, 420)
        self.reload()

    def reload(self) -> None:
        set_up = self._ctx.desk.sync.settings().is_set_up
        self.model.set_rows(self._ctx.desk.sync.members() if set_up else [])
        self.empty.setVisible(not set_up)
        self.rotate_button.setEnabled(set_up)
        self.stale_days.setValue(self._ctx.desk.statistics.stale_days())
        self._enable()

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(None, Part.ADVISERS, Part.SETTINGS):
            self.reload()

    def save_stale_days(self) -> None:
        days = self.stale_days.value()
        if run_write(self, self._ctx, lambda: self._ctx.desk.statistics.set_stale_days(days)) is not None:
            self.outcome.setText(
                f"Gemt: en computer, der ikke er hørt fra i mere end {days} dage, nævnes i statistikkens "
                "datagrundlag. De andre computere får indstillingen ved næste synkronisering."
            )

    def selected(self) -> TeamMember | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _enable(self) -> None:
        member = self.selected()
        self.retire_button.setEnabled(member is not None and not member.retired and not member.this_laptop)

    def select(self, device_id: str) -> None:
        self.table.selectRow(self.model.row_of(device_id))

    def retire_selected(self) -> None:
        member = self.selected()
        if member is None or member.retired or member.this_laptop:
            return
        reason, ok = QInputDialog.getText(
            self,
            "Tilbagekald bærbar",
            f"Hvorfor tilbagekaldes computeren {member.short}? (fx stjålet, udskiftet, rådgiveren er stoppet)",
        )
        if not ok or not reason.strip():
            return
        if not ask_yes_no(self, "Tilbagekald bærbar", retire_question(member, reason.strip())):
            return
        if (
            run_write(self, self._ctx, lambda: self._ctx.desk.sync.retire(member.device_id, reason))
            is not None
        ):
            self.outcome.setText(
                f"Computeren {member.short} er tilbagekaldt. De andre bærbare hører det ved næste synkronisering."
            )
            self.reload()

    def show_join_help(self) -> None:
        QMessageBox.information(self, "Ny bærbar i teamet", join_help(self._ctx.desk.sync.settings().share))

    def rotate_key(self) -> None:
        dialog = RotateKeyDialog(self._ctx, self)
        if run_modal(dialog):
            self.outcome.setText("\n".join(dialog.rotated_lines))
