"""The common A4 layout for every PDF BoligDesk prints (reportlab platypus, no Qt).

* DejaVu Sans (regular and bold), shipped in ``resources/fonts`` with its licence, so æøå, §, € and
  curly quotes embed and print everywhere.
* Page footer "Side 1 af 2" (two-pass build), optional organisation name in the header.
* ``invariant=1`` so the same input gives the same bytes (tests compare hashes).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate

from boligdesk.resources import resource_path

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_LEFT = 20 * mm
MARGIN_RIGHT = 20 * mm
MARGIN_TOP = 20 * mm
MARGIN_BOTTOM = 20 * mm


@lru_cache(maxsize=1)
def register_fonts() -> None:
    pdfmetrics.registerFont(TTFont(FONT, str(resource_path("fonts", "DejaVuSans.ttf"))))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(resource_path("fonts", "DejaVuSans-Bold.ttf"))))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)


@lru_cache(maxsize=1)
def styles() -> StyleSheet1:
    register_fonts()
    sheet = StyleSheet1()
    sheet.add(ParagraphStyle("Body", fontName=FONT, fontSize=10.5, leading=14.5, spaceAfter=6))
    sheet.add(ParagraphStyle("Small", parent=sheet["Body"], fontSize=8.5, leading=11, spaceAfter=2))
    sheet.add(
        ParagraphStyle(
            "Title", parent=sheet["Body"], fontName=FONT_BOLD, fontSize=16, leading=20, spaceAfter=10
        )
    )
    sheet.add(
        ParagraphStyle(
            "Heading",
            parent=sheet["Body"],
            fontName=FONT_BOLD,
            fontSize=12,
            leading=16,
            spaceBefore=8,
            spaceAfter=4,
        )
    )
    sheet.add(ParagraphStyle("TableCell", parent=sheet["Body"], fontSize=9.5, leading=12, spaceAfter=0))
    sheet.add(ParagraphStyle("TableCellRight", parent=sheet["TableCell"], alignment=2))
    return sheet


@dataclass(frozen=True)
class PageDecor:
    """What every page shows outside the content: a header line and the "Side x af y" footer."""

    header_left: str = ""
    header_right: str = ""
    footer_left: str = ""


class _NumberedCanvas(Canvas):  # type: ignore[misc]
    """Canvas that knows the page count when it draws the footer ("Side 1 af 2")."""

    decor: PageDecor = PageDecor()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._saved_pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._saved_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._saved_pages)
        for state in self._saved_pages:
            self.__dict__.update(state)
            self._draw_decor(total)
            super().showPage()
        super().save()

    def _draw_decor(self, total: int) -> None:
        decor = self.decor
        self.saveState()
        self.setFont(FONT, 8)
        self.setFillGray(0.35)
        if decor.header_left:
            self.drawString(MARGIN_LEFT, PAGE_HEIGHT - 12 * mm, decor.header_left)
        if decor.header_right:
            self.drawRightString(PAGE_WIDTH - MARGIN_RIGHT, PAGE_HEIGHT - 12 * mm, decor.header_right)
        if decor.footer_left:
            self.drawString(MARGIN_LEFT, 10 * mm, decor.footer_left)
        self.drawRightString(PAGE_WIDTH - MARGIN_RIGHT, 10 * mm, f"Side {self._pageNumber} af {total}")
        self.restoreState()


def build_pdf(
    story: Sequence[Flowable],
    *,
    title: str,
    decor: PageDecor | None = None,
    author: str = "BoligDesk",
    top_margin: float = MARGIN_TOP,
    on_first_page: Any = None,
) -> bytes:
    """Render flowables to A4 PDF bytes with the standard margins, fonts and page numbers."""
    register_fonts()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN_LEFT,
        rightMargin=MARGIN_RIGHT,
        topMargin=top_margin,
        bottomMargin=MARGIN_BOTTOM,
        title=title,
        author=author,
        creator="BoligDesk",
        invariant=1,
    )
    canvas_cls = type("DecoratedCanvas", (_NumberedCanvas,), {"decor": decor or PageDecor()})
    kwargs: dict[str, Any] = {"canvasmaker": canvas_cls}
    if on_first_page is not None:
        kwargs["onFirstPage"] = on_first_page
    doc.build(list(story), **kwargs)
    return buffer.getvalue()
