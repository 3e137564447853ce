"""The whole guide as one PDF for the office binder (``boligdesk pdf guide --out FILE``).

The chapters are laid out by a ``QTextDocument`` (the same HTML and screenshots the guide window shows)
and printed with ``QPdfWriter`` on A4; the shortcut list is made from a locked main window's menus, so it
is the same list the app shows. Works offscreen (no display needed).
"""

from __future__ import annotations

import html
import os
import re
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from boligdesk import __version__

if TYPE_CHECKING:
    from PySide6.QtGui import QPdfWriter, QTextDocument

A4_RESOLUTION = 300


def _body(markup: str) -> str:
    return re.sub(r'href="[^"#]*#?', 'href="#', markup)  # links inside the printed guide stay inside


def _contents(pages: dict[str, int] | None) -> str:
    """The table of contents; ``pages``: chapter file → page (None: a placeholder of the same width)."""
    from boligdesk.ui.guide import content

    rows = "".join(
        f'<tr><td width="8%" nowrap>{number}.</td><td width="80%">{html.escape(c.title)}</td>'
        f'<td width="12%" align="right" nowrap>{pages.get(c.file, "") if pages else 99}</td></tr>'
        for number, c in enumerate(content.chapters(), start=1)
    )
    return (
        '<h2>Indhold</h2><table cellpadding="3" width="100%"><tr><th width="8%"></th>'
        f'<th width="80%" align="left">Kapitel</th><th width="12%" align="right" nowrap>Side</th></tr>{rows}</table>'
    )


def guide_chapters_html() -> str:
    """Every chapter, each on a new page, with the shortcut list made from a locked main window's menus."""
    from boligdesk.ui.guide import content
    from boligdesk.ui.lock.session import ProfileOpener
    from boligdesk.ui.main_window import MainWindow

    with tempfile.TemporaryDirectory(prefix="boligdesk-guide-") as tmp:
        window = MainWindow(opener=ProfileOpener(Path(tmp) / "ingen-profil"))
        window.complete_window()  # a locked window fills its menus after its first paint; this one is never shown
        try:
            parts = []
            for chapter in content.chapters():
                parts.append('<p style="page-break-before: always"></p>')
                parts.append(_body(content.chapter_html(chapter.file, window)))
        finally:
            window.idle.stop()
            window.deleteLater()
    return "\n".join(parts)


def guide_document_html(pages: dict[str, int] | None = None, chapters: str | None = None) -> str:
    title = f"<h1>BoligDesk — Vejledning</h1><p>Version {__version__}. Vejledningen til kontorets mappe.</p>"
    return "\n".join((title, _contents(pages), chapters if chapters is not None else guide_chapters_html()))


def chapter_pages(document: QTextDocument, writer: QPdfWriter) -> dict[str, int]:
    """On which page each chapter starts when ``document`` is printed on ``writer``.

    Lays out a copy the way ``QTextDocument.print_`` does for a document without a page size (2 cm
    margins at the screen's 96 dpi, pages of the writer's size), then finds each chapter's first heading.
    """
    from PySide6.QtCore import QSizeF

    from boligdesk.ui.guide import content

    first_anchor = {}
    for chapter in content.chapters():
        found = re.search(
            r'<h1 id="([^"]+)"', (content.guide_dir() / chapter.file).read_text(encoding="utf-8")
        )
        if found:
            first_anchor[found.group(1)] = chapter.file
    copy = document.clone()
    copy.documentLayout().setPaintDevice(writer)
    margin = int((2 / 2.54) * 96)
    frame = copy.rootFrame().frameFormat()
    frame.setMargin(margin)
    copy.rootFrame().setFrameFormat(frame)
    copy.setPageSize(QSizeF(writer.width(), writer.height()))
    layout = copy.documentLayout()
    pages: dict[str, int] = {}
    block = copy.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            for name in iterator.fragment().charFormat().anchorNames():
                if name in first_anchor and first_anchor[name] not in pages:
                    top = layout.blockBoundingRect(block).top()
                    pages[first_anchor[name]] = int(top // writer.height()) + 1
            iterator += 1
        block = block.next()
    return pages


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
    chapters = guide_chapters_html()
    for name in sorted(set(re.findall(r'<img src="(img/[^"]+)"', chapters))):
        image = QImage(str(content.guide_dir() / name))
        if not image.isNull():
            document.addResource(QTextDocument.ResourceType.ImageResource.value, QUrl(name), image)
    writer = QPdfWriter(str(path))
    writer.setTitle("BoligDesk — Vejledning")
    writer.setCreator(f"BoligDesk {__version__}")
    writer.setResolution(A4_RESOLUTION)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, QMarginsF(18, 18, 18, 18)
        )
    )
    document.setHtml(guide_document_html(None, chapters))
    # Two passes: the contents' page numbers come from a layout like the one printed.
    document.setHtml(guide_document_html(chapter_pages(document, writer), chapters))
    document.print_(writer)
