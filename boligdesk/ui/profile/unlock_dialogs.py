"""First start (choose a passphrase) and later starts (type it). Both produce an open :class:`Store`.

A wrong passphrase is refused with a Danish message and another try; nothing on disk changes.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from boligdesk.errors import StoreError, UserInputError, WrongPassphraseError
from boligdesk.services.passphrase_policy import UnlockThrottle, rules_html, wait_text
from boligdesk.services.profile import (
    MIN_PASSPHRASE_LENGTH,
    Profile,
    Store,
    create_profile,
    keyring_status,
    open_store,
    remember_key,
    unlock_key,
)
from boligdesk.ui.shared.buttons import ok_cancel_buttons
from boligdesk.ui.shared.error_label import ErrorLabel

WELCOME = (
    "<h2>Velkommen til BoligDesk</h2>"
    "<p>BoligDesk samler sagen, fristerne, budgettet og afdragsordningen ét sted — også uden netværk, "
    "når du er på besøg hos lejeren.</p>"
    "<p>Alle oplysninger gemmes <b>krypteret</b> på denne computer. Vælg en adgangskode, som kun du kender. "
    f"Den skal have mindst {MIN_PASSPHRASE_LENGTH} tegn — en kort sætning er let at huske og svær at gætte.</p>"
    "<p><b>Glemmer du adgangskoden, kan data ikke gendannes.</b></p>"
)


def _password_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMinimumWidth(280)
    return field


def _grow_to_fit(dialog: QDialog) -> None:
    """Make the dialog tall enough for all its word-wrapped text at its current width.

    Shown once, a dialog keeps its height; when an error line appears, the layout would otherwise take
    the room from the word-wrapped intro and cut it off, just when the user needs to read it.
    """
    layout = dialog.layout()
    if layout is None:
        return
    layout.activate()
    needed = dialog.heightForWidth(dialog.width())
    if needed > dialog.height():
        dialog.resize(dialog.width(), needed)
    dialog.setMinimumHeight(max(needed, layout.minimumSize().height()))


def _busy(on: bool) -> None:
    if on:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        QApplication.processEvents()
    else:
        QGuiApplication.restoreOverrideCursor()


class FirstRunDialog(QDialog):
    """Explains BoligDesk, asks for a new passphrase twice, the adviser's name, and "remember"."""

    def __init__(self, profile: Profile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.profile = profile
        self.store: Store | None = None
        self.setWindowTitle("BoligDesk — første start")
        self.setMinimumWidth(520)

        intro = QLabel(WELCOME)
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.RichText)
        self.name = QLineEdit()
        self.name.setPlaceholderText("Fx Hanne Holm")
        self.passphrase = _password_field()
        self.repeat = _password_field()
        self.remember = QCheckBox("&Husk adgangskoden på denne computer")
        usable, why = keyring_status()
        self.remember.setEnabled(usable)
        self.keyring_note = QLabel(why)
        self.keyring_note.setWordWrap(True)
        self.keyring_note.setStyleSheet("color: #555;")
        self.keyring_note.setVisible(not usable)
        self.error = ErrorLabel()

        self.rules = QLabel(rules_html())
        self.rules.setTextFormat(Qt.TextFormat.RichText)
        self.rules.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Dit &navn", self.name)
        form.addRow("&Adgangskode", self.passphrase)
        form.addRow("&Gentag adgangskode", self.repeat)

        buttons = ok_cancel_buttons("&Opret profil", self._create, self.reject, cancel_text="Afslut")

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.rules)
        layout.addLayout(form)
        layout.addWidget(self.remember)
        layout.addWidget(self.keyring_note)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.name.setFocus()

    def _show_error(self, text: str) -> None:
        self.error.show_message(text)
        _grow_to_fit(self)

    @property
    def adviser_name(self) -> str:
        return self.name.text().strip()

    def _create(self) -> None:
        self.error.clear_message()
        if not self.adviser_name:
            self._show_error("Skriv dit navn — det står på breve og i sagens historik.")
            self.name.setFocus()
            return
        _busy(True)
        try:
            self.store = create_profile(self.profile, self.passphrase.text(), self.repeat.text())
        except UserInputError as exc:
            _busy(False)
            self._show_error(exc.message)
            target = self.repeat if exc.field == "repeat" else self.passphrase
            target.setFocus()
            target.selectAll()
            return
        except StoreError as exc:
            _busy(False)
            self._show_error(exc.message)
            return
        _busy(False)
        if self.remember.isChecked():
            key = unlock_key(self.profile, self.passphrase.text())
            ok, why = remember_key(self.profile.folder, key)
            if not ok:
                self.keyring_note.setText(why)
        self.accept()


class UnlockDialog(QDialog):
    """Asks for the passphrase of an existing profile; a wrong one gets a message and another try."""

    def __init__(self, profile: Profile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.profile = profile
        self.store: Store | None = None
        self.attempts = 0
        self.setWindowTitle("BoligDesk — lås op")
        self.setMinimumWidth(420)

        heading = QLabel("<h3>Lås BoligDesk op</h3><p>Skriv din adgangskode for at åbne dine sager.</p>")
        heading.setTextFormat(Qt.TextFormat.RichText)
        heading.setWordWrap(True)
        self.passphrase = _password_field()
        self.remember = QCheckBox("&Husk adgangskoden på denne computer")
        usable, why = keyring_status()
        self.remember.setEnabled(usable)
        self.remember.setToolTip(why)
        self.error = ErrorLabel()
        form = QFormLayout()
        form.addRow("&Adgangskode", self.passphrase)

        buttons = ok_cancel_buttons("&Lås op", self._unlock, self.reject, cancel_text="Afslut")
        self.buttons = buttons
        self.throttle = UnlockThrottle(profile.folder)
        self._wait_timer = QTimer(self)
        self._wait_timer.setSingleShot(True)
        self._wait_timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._wait_timer.timeout.connect(self._wait_over)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.remember)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.passphrase.setFocus()
        left = self.throttle.wait_left(dt.datetime.now())
        if left > 0:  # wrong tries just before the program was restarted
            self._hold(left, wait_text(left))

    def _show_error(self, text: str) -> None:
        self.error.show_message(text)
        _grow_to_fit(self)

    def _hold(self, seconds: float, text: str) -> None:
        """No new try for ``seconds`` (a growing delay after wrong passphrases, at most 30 s)."""
        self._show_error(text)
        self.buttons.setEnabled(False)
        self._wait_timer.start(int(seconds * 1000) + 100)  # a little after the wait, never before it

    def _wait_over(self) -> None:
        self.buttons.setEnabled(True)
        self.passphrase.setFocus()
        self.passphrase.selectAll()

    def _unlock(self) -> None:
        if self._wait_timer.isActive():
            return
        self.error.clear_message()
        left = self.throttle.wait_left(dt.datetime.now())
        if left > 0:
            self._hold(left, wait_text(left))
            return
        self.attempts += 1
        _busy(True)
        try:
            key = unlock_key(self.profile, self.passphrase.text())
            self.store = open_store(self.profile, key=key)
        except StoreError as exc:
            _busy(False)
            delay = self.throttle.failed(dt.datetime.now()) if isinstance(exc, WrongPassphraseError) else 0.0
            if delay > 0:
                self._hold(delay, f"{exc.message} {wait_text(delay)}")
            else:
                self._show_error(exc.message)
            self.passphrase.selectAll()
            self.passphrase.setFocus()
            return
        _busy(False)
        self.throttle.succeeded()
        if self.remember.isChecked():
            remember_key(self.profile.folder, key)
        self.accept()
