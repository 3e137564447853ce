"""The unlock panel: the page the main window shows while locked (at start-up and after auto-lock).

It hides every case: only the profile folder, a passphrase field, "Lås op" and a note on a forgotten
passphrase are on it. It imports nothing but Qt, so start-up can paint it before the store, the models,
the keyring or reportlab are imported (issue 15). What unlocking does is the window's business: the panel
emits :attr:`LockPanel.unlockRequested` with the passphrase and is told the outcome
(:meth:`LockPanel.refused` with the Danish cause, or nothing: the window switches page).
"""

from __future__ import annotations

import math

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from boligdesk.passphrase_delay import delay_after
from boligdesk.ui.shared.error_label import ErrorLabel

FORGOTTEN = (
    "<b>Glemt adgangskoden?</b> Den kan ikke nulstilles: dine data er krypteret med den, og "
    "sikkerhedskopierne i profilmappens <i>backups</i> åbnes med den samme adgangskode. Er din computer "
    "sat op til synkronisering med teamets fællesdrev, kan du oprette en ny profil og hente sagerne "
    "igen derfra. Kontakt ellers IT."
)


class LockPanel(QWidget):
    """Passphrase field, "Lås op", the reason the window is locked, and a wait after wrong tries."""

    unlockRequested = Signal(str)

    def __init__(self, profile_folder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.failures = 0
        self._wait_left = 0
        # No Qt.* enum before the first paint (PySide builds the whole Qt namespace, ~30 ms, on first
        # use): the heading and the note are our own HTML, which a QLabel's automatic format shows as
        # rich text; the profile folder becomes selectable in complete().
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText("Adgangskode")
        self.passphrase.setAccessibleName("Adgangskode")
        self.passphrase.setMinimumWidth(300)
        self.unlock_button = QPushButton("&Lås op")
        self.unlock_button.setDefault(True)
        self.remember = QCheckBox("&Husk adgangskoden på denne computer")
        self.remember.hide()  # offered only at start-up, once the keyring has been asked (see offer_remember)
        self.error = ErrorLabel()
        self.status = QLabel()
        self.status.setStyleSheet("color: #555;")
        self.status.hide()  # shown with a text (busy, the wait after wrong passphrases)
        self.forgotten = QLabel(FORGOTTEN)
        self.forgotten.setWordWrap(True)
        self.forgotten.setStyleSheet("color: #555;")
        self.folder = QLabel(f"Profil: {profile_folder}" if profile_folder else "")
        self.folder.setStyleSheet("color: #777;")

        row = QHBoxLayout()
        row.addWidget(self.passphrase, 1)
        row.addWidget(self.unlock_button)
        card = QFrame()
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card.setMaximumWidth(560)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(24, 20, 24, 20)
        inner.addWidget(self.heading)
        inner.addLayout(row)
        inner.addWidget(self.remember)
        inner.addWidget(self.error)
        inner.addWidget(self.status)
        inner.addSpacing(8)
        inner.addWidget(self.forgotten)
        inner.addWidget(self.folder)

        outer = QVBoxLayout(self)
        outer.addStretch(1)
        centred = QHBoxLayout()
        centred.addStretch(1)
        centred.addWidget(card, 3)
        centred.addStretch(1)
        outer.addLayout(centred)
        outer.addStretch(2)

        self._wait_timer = QTimer(self)
        self._wait_timer.setInterval(1000)
        self._wait_timer.timeout.connect(self._tick)
        self.unlock_button.clicked.connect(self._request)
        self.passphrase.returnPressed.connect(self._request)
        self.set_reason("start")

    def complete(self) -> None:
        """After the first paint: what may wait (the profile folder's text can be selected and copied)."""
        from PySide6.QtCore import Qt

        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.forgotten.setTextFormat(Qt.TextFormat.RichText)
        self.folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    # --- what the window tells the panel --------------------------------------------------------
    def set_reason(self, reason: str) -> None:
        """``"start"`` (BoligDesk just started) or ``"locked"`` (locked after idle time or by the user)."""
        if reason == "locked":
            self.remember.setChecked(False)
            self.remember.hide()  # after a lock the keyring plays no part
            text = (
                "<h2>BoligDesk er låst</h2><p>Skriv din adgangskode for at fortsætte. "
                "Det du var i gang med, er gemt og står klar, når du har låst op.</p>"
            )
        else:
            text = "<h2>Lås BoligDesk op</h2><p>Skriv din adgangskode for at åbne dine sager.</p>"
        self.heading.setText(text)

    def offer_remember(self, usable: bool, why: str) -> None:
        """Show "Husk adgangskoden" (start-up only); disabled with the reason where no keyring is usable."""
        self.remember.setVisible(True)
        self.remember.setEnabled(usable)
        self.remember.setToolTip(why)

    def reset(self) -> None:
        """Empty the field (the passphrase is never kept) and forget old messages."""
        self.passphrase.clear()
        self.error.clear_message()
        self._set_status("")
        self.unlock_button.setEnabled(self._wait_left == 0)
        self.passphrase.setEnabled(True)

    def _set_status(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def busy(self, text: str) -> None:
        self._set_status(text)
        self.unlock_button.setEnabled(False)

    def refused(self, message: str, *, wrong_passphrase: bool) -> None:
        """Unlocking failed: show ``message`` (the real cause); after a wrong passphrase, wait a while."""
        self.passphrase.clear()
        self._set_status("")
        self.error.show_message(message)
        if wrong_passphrase:
            self.failures += 1
            self._wait_left = math.ceil(delay_after(self.failures))
        if self._wait_left:
            self.unlock_button.setEnabled(False)
            self._show_wait()
            self._wait_timer.start()
        else:
            self.unlock_button.setEnabled(True)
        self.passphrase.setFocus()

    def accepted(self) -> None:
        self.failures = 0
        self.reset()

    # --- internals ------------------------------------------------------------------------------
    def _request(self) -> None:
        if self._wait_left or not self.unlock_button.isEnabled():
            return
        passphrase = self.passphrase.text()
        if not passphrase:
            self.error.show_message("Skriv din adgangskode.")
            return
        self.error.clear_message()
        self.unlockRequested.emit(passphrase)

    def _show_wait(self) -> None:
        self._set_status(
            f"Af sikkerhedshensyn kan du prøve igen om {self._wait_left} s "
            f"({self.failures} forkerte forsøg i træk)."
        )

    def _tick(self) -> None:
        self._wait_left = max(0, self._wait_left - 1)
        if self._wait_left:
            self._show_wait()
            return
        self._wait_timer.stop()
        self._set_status("")
        self.unlock_button.setEnabled(True)
