"""A modal dialog is deleted once, by Qt, right after it closes (never left for Python's clean-up)."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot

from boligdesk.ui.shared.dialogs import run_modal


def test_a_closed_dialog_is_deleted_by_qt_and_its_answer_kept(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = QDialog(parent)
    QTimer.singleShot(0, dialog.accept)
    assert run_modal(dialog) is True
    assert shiboken6.isValid(dialog)  # still readable right after the call
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog))
    assert parent.findChildren(QDialog) == []


def test_a_cancelled_dialog_answers_false(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = QDialog(parent)
    QTimer.singleShot(0, dialog.reject)
    assert run_modal(dialog) is False
