"""The OK/Cancel row every form dialog has, with Danish texts."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialogButtonBox


def ok_cancel_buttons(
    ok_text: str,
    on_ok: Callable[[], object],
    on_cancel: Callable[[], object],
    *,
    cancel_text: str = "Annullér",
) -> QDialogButtonBox:
    """A button box whose OK button reads ``ok_text`` (with its mnemonic) and Cancel ``cancel_text``."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(cancel_text)
    buttons.accepted.connect(on_ok)
    buttons.rejected.connect(on_cancel)
    return buttons
