"""Indstillinger → Skift adgangskode: re-wraps the database key; the database itself is not rewritten."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from boligdesk.errors import StoreError, UserInputError
from boligdesk.services.passphrase_policy import rules_html
from boligdesk.ui.context import AppContext
from boligdesk.ui.shared.buttons import ok_cancel_buttons
from boligdesk.ui.shared.error_label import ErrorLabel


def _secret() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class ChangePassphraseDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.setWindowTitle("Skift adgangskode")
        self.setMinimumWidth(420)
        self.old = _secret()
        self.new = _secret()
        self.repeat = _secret()
        self.error = ErrorLabel()
        form = QFormLayout()
        form.addRow("&Nuværende adgangskode", self.old)
        form.addRow("N&y adgangskode", self.new)
        form.addRow("&Gentag ny adgangskode", self.repeat)
        buttons = ok_cancel_buttons("&Skift", self._change, self.reject)
        layout = QVBoxLayout(self)
        info = QLabel("Dine data bliver ikke ændret — kun nøglen til dem låses med den nye adgangskode.")
        info.setWordWrap(True)
        layout.addWidget(info)
        rules = QLabel(rules_html())
        rules.setTextFormat(Qt.TextFormat.RichText)
        rules.setWordWrap(True)
        layout.addWidget(rules)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _change(self) -> None:
        self.error.clear_message()
        try:
            self._ctx.desk.change_passphrase(self.old.text(), self.new.text(), self.repeat.text())
        except (StoreError, UserInputError) as exc:
            self.error.show_message(exc.message)
            return
        self.accept()
