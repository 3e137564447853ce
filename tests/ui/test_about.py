"""Hjælp → Om BoligDesk shows the version and the release's Danish changelog; the window has the icon."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from boligdesk import __version__
from boligdesk.models.store import Store
from boligdesk.resources import resource_path
from boligdesk.services.desk import Desk
from boligdesk.ui import about, icon
from boligdesk.ui.about import AboutDialog
from boligdesk.ui.context import AppContext
from boligdesk.ui.icon import app_icon
from boligdesk.ui.main_window import MainWindow


def _first_release_heading() -> str:
    lines = resource_path("CHANGELOG.da.md").read_text(encoding="utf-8").splitlines()
    return next(line for line in lines if line.startswith("## "))[3:]


def test_about_shows_the_version_and_the_newest_changelog_heading(qapp: QApplication, qtbot: QtBot) -> None:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    assert f"BoligDesk {__version__}" in dialog.heading.text()
    heading = _first_release_heading()
    assert heading.startswith(__version__), "the changelog's newest entry is this version"
    assert heading in dialog.changelog.toPlainText()
    # Rendered as Markdown: the heading is text, not "## 1.0.0 …".
    assert "## " not in dialog.changelog.toPlainText()


def test_missing_changelog_is_said_plainly(
    qapp: QApplication, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    def missing(*parts: str) -> object:
        raise FileNotFoundError("/".join(parts))

    monkeypatch.setattr(about, "resource_path", missing)
    monkeypatch.setattr(icon, "resource_path", missing)
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    assert "Ændringslisten følger ikke med" in dialog.changelog.toPlainText()
    assert app_icon().isNull()


def test_help_menu_opens_the_about_dialog(
    qapp: QApplication, qtbot: QtBot, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = MainWindow(AppContext(Desk(store, adviser_name="Hanne Holm")))
    qtbot.addWidget(window)
    shown: list[str] = []

    def fake_exec(dialog: QDialog) -> int:
        shown.append(dialog.windowTitle())
        assert isinstance(dialog, AboutDialog)
        return 0

    monkeypatch.setattr(QDialog, "exec", fake_exec)
    next(a for a in window.findChildren(QAction) if a.text() == "&Om BoligDesk").trigger()
    assert shown == ["Om BoligDesk"]


def test_the_app_icon_is_shipped(qapp: QApplication) -> None:
    icon = app_icon()
    assert not icon.isNull()
    assert icon.pixmap(64, 64).width() == 64
