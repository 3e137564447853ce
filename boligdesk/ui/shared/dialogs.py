"""Running a modal dialog so that it is deleted exactly once.

PySide6 makes a dialog Python-owned once ``exec()`` has run, while it stays a child of its parent. Left
alone it is then deleted twice — by its parent and by Python's garbage collector or exit clean-up, at a
moment nobody chose — which showed as "QObject: shared QObject was deleted directly" and a segfault, bus
error or heap corruption when the window closed (and, in a long test run, in the middle of a later test).
:func:`run_modal` hands the dialog back to Qt with ``deleteLater`` as soon as it has closed; read what you
need from it right after the call (deletion waits for the event loop).
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QMessageBox, QWidget


def run_modal(dialog: QDialog) -> bool:
    """Show ``dialog`` modally; True when it was accepted. The dialog is deleted afterwards."""
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()


def ask_yes_no(parent: QWidget, title: str, text: str) -> bool:
    """Qt's question box with Ja/Nej, »Nej« the default: True only for »Ja«."""
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes
