"""Hjælp → Om BoligDesk: the version, what the app is, and the Danish changelog of the release."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from boligdesk import __version__
from boligdesk.resources import resource_path
from boligdesk.ui.context import AppContext
from boligdesk.ui.icon import app_icon

CHANGELOG = "CHANGELOG.da.md"


def changelog_markdown() -> str:
    """The changelog shipped with this version, or a plain Danish note when it is missing."""
    try:
        return resource_path(CHANGELOG).read_text(encoding="utf-8")
    except (FileNotFoundError, UnicodeDecodeError):
        return "Ændringslisten følger ikke med denne installation."


class AboutDialog(QDialog):
    def __init__(self, ctx: AppContext | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Om BoligDesk")
        self.resize(620, 520)

        icon = QLabel()
        icon.setPixmap(app_icon().pixmap(64, 64))
        self.heading = QLabel(f"<h2>BoligDesk {__version__}</h2>")
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        blurb = QLabel(
            "Sager, budget og afdragsordninger for boligsociale rådgivere, der forebygger udsættelser.<br>"
            "Virker uden netværk. Data gemmes krypteret på denne computer."
        )
        blurb.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        text = QVBoxLayout()
        text.addWidget(self.heading)
        text.addWidget(blurb)
        top.addLayout(text, 1)

        self.changelog = QTextBrowser()
        self.changelog.setOpenExternalLinks(False)
        self.changelog.setMarkdown(changelog_markdown())

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.changelog, 1)
        layout.addWidget(buttons)
