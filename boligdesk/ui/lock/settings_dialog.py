"""Indstillinger → Automatisk lås: minutes without input before BoligDesk locks (this laptop only)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from boligdesk.errors import StoreError, UserInputError
from boligdesk.services.lock_settings import MAX_MINUTES, MIN_MINUTES, save_lock_minutes
from boligdesk.ui.shared.buttons import ok_cancel_buttons
from boligdesk.ui.shared.error_label import ErrorLabel


class LockSettingsDialog(QDialog):
    def __init__(self, profile_folder: Path, minutes: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._folder = profile_folder
        self.setWindowTitle("Automatisk lås")
        intro = QLabel(
            "BoligDesk låser sig selv, når du ikke har brugt tastatur eller mus et stykke tid — og når "
            "computeren låser skærmen eller går i dvale, hvor systemet fortæller det (Linux). Du låser op "
            "med din adgangskode; det du var i gang med, er gemt. Du kan også låse med Ctrl+L."
        )
        intro.setWordWrap(True)
        self.spin = QSpinBox()
        self.spin.setRange(MIN_MINUTES, MAX_MINUTES)
        self.spin.setSuffix(" min.")
        self.spin.setValue(minutes)
        self.error = ErrorLabel()
        form = QFormLayout()
        form.addRow("Lås efter &inaktivitet i", self.spin)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(ok_cancel_buttons("&Gem", self._save, self.reject))
        self.setMinimumWidth(440)

    def minutes(self) -> int:
        return self.spin.value()

    def _save(self) -> None:
        try:
            save_lock_minutes(self._folder, self.minutes())
        except (UserInputError, StoreError) as exc:
            self.error.show_message(exc.message)
            return
        self.accept()
