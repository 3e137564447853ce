"""The whole guide as one PDF for the office binder (``boligdesk pdf guide --out FILE``).

The chapters are laid out by a ``QTextDocument`` (the same HTML and screenshots the guide window shows)
and printed with ``QPdfWriter`` on A4; the shortcut list is made from a locked main window's menus, so it
is the same list the app shows. Works offscreen (no display needed).
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from pathlib import Path

from boligdesk import __version__

A4_RESOLUTION = 300


def _body(markup: str) -> str:
    return re.sub(r'href="[^"#]*#?', 'href="#', markup)  # links inside the printed guide stay inside


def guide_document_html() -> str:
    from boligdesk.ui.guide import content
    from boligdesk.ui.lock.session import ProfileOpener
    from boligdesk.ui.main_window import MainWindow

    with tempfile.TemporaryDirectory(prefix="boligdesk-guide-") as tmp:
        window = MainWindow(opener=ProfileOpener(Path(tmp) / "ingen-profil"))
        try:
            parts = [
                f"<h1>BoligDesk — Vejledning</h1><p>Version {__version__}. Vejledningen til kontorets mappe.</p>",
                "<h2>Indhold</h2><ol>",
                *(f"<li>{c.title}</li>" for c in content.chapters()),
                "</ol>",
            ]
            for chapter in content.chapters():
                parts.append('<p style="page-break-before: always"></p>')
                parts.append(_body(content.chapter_html(chapter.file, window)))
        finally:
            window.idle.stop()
            window.deleteLater()
    return "\n".join(parts)


def write_guide_pdf(path: Path) -> None:
    """Write the guide to ``path`` (a Qt application is made offscreen when none runs)."""
    if not os.environ.get("DISPLAY") and sys.platform.startswith("linux"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QMarginsF, QUrl
    from PySide6.QtGui import QFont, QImage, QPageLayout, QPageSize, QPdfWriter, QTextDocument
    from PySide6.QtWidgets import QApplication

    from boligdesk.ui.guide import content

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert app is not None
    document = QTextDocument()
    document.setBaseUrl(QUrl.fromLocalFile(str(content.guide_dir()) + "/"))
    document.setDefaultFont(QFont("DejaVu Sans", 10))
    document.setDefaultStyleSheet(content.STYLE_SHEET)
    markup = guide_document_html()
    for name in sorted(set(re.findall(r'<img src="(img/[^"]+)"', markup))):
        image = QImage(str(content.guide_dir() / name))
        if not image.isNull():
            document.addResource(QTextDocument.ResourceType.ImageResource.value, QUrl(name), image)
    document.setHtml(markup)
    writer = QPdfWriter(str(path))
    writer.setTitle("BoligDesk — Vejledning")
    writer.setCreator(f"BoligDesk {__version__}")
    writer.setResolution(A4_RESOLUTION)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, QMarginsF(18, 18, 18, 18)
        )
    )
    document.print_(writer)
