"""The privacy entries of the main window's menus (one line in ``main_window.py`` adds them all)."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMenu, QMessageBox

from boligdesk.ui.shared.dialogs import run_modal

if TYPE_CHECKING:
    from boligdesk.ui.main_window import MainWindow


def add_actions(window: MainWindow, menu: QMenu) -> None:
    """Indstillinger → Opbevaring og sletning…, Revisionslog…, Udlevér oplysninger…, Slet personoplysninger…"""
    menu.addSeparator()
    for text, slot in (
        ("&Opbevaring og sletning…", lambda: _open(window, "retention_dialog", "RetentionDialog")),
        ("&Revisionslog…", lambda: _open(window, "audit_dialog", "AuditLogDialog")),
        ("&Udlevér oplysninger om sagen…", lambda: _open_case(window, "access_dialog", "AccessDialog")),
        ("Slet &personoplysninger i sagen…", lambda: erase_current_case(window)),
    ):
        menu.addAction(window._action(text, slot))  # disabled while the window is locked


def _open(window: MainWindow, module: str, cls: str) -> None:
    dialog = getattr(importlib.import_module(f"boligdesk.ui.privacy.{module}"), cls)(window.unlocked, window)
    run_modal(dialog)


def _open_case(window: MainWindow, module: str, cls: str) -> None:
    if not window.current_case_id:
        QMessageBox.information(window, "BoligDesk", "Vælg først en sag på listen.")
        return
    dialog = getattr(importlib.import_module(f"boligdesk.ui.privacy.{module}"), cls)(
        window.unlocked, window.current_case_id, window
    )
    run_modal(dialog)


def erase_current_case(window: MainWindow) -> None:
    if not window.current_case_id:
        QMessageBox.information(window, "BoligDesk", "Vælg først en sag på listen.")
        return
    from boligdesk.ui.privacy.retention_dialog import confirm_and_erase

    confirm_and_erase(window, window.unlocked, [window.current_case_id])
