"""The common page layout for every PDF BoligDesk prints (reportlab platypus, no Qt).

* DejaVu Sans (regular and bold), shipped in ``resources/fonts`` with its licence, so æøå, §, € and
  curly quotes embed and print everywhere.
* Page footer "Side 1 af 2" (two-pass build), optional organisation name in the header.
* ``invariant=1`` so the same input gives the same bytes (tests compare hashes).
* :func:`build_pdf` for plain A4 documents (budget, envelope sheets); :func:`build_document` for any page
  size with a different first page (letters: letterhead and window-envelope address on page 1).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

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
    """What every page shows outside the content: a header line and the "Side x af y" footer.

    ``first_page_header`` False leaves page 1's header empty (a letter's letterhead is there);
    ``page_numbers`` False drops the footer's page count (a postcard has one side to print).
    """

    header_left: str = ""
    header_right: str = ""
    footer_left: str = ""
    first_page_header: bool = True
    page_numbers: bool = True
    margin_left: float = MARGIN_LEFT
    margin_right: float = MARGIN_RIGHT


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
        width, height = self._pagesize
        self.saveState()
        self.setFont(FONT, 8)
        self.setFillGray(0.35)
        if decor.first_page_header or self._pageNumber > 1:
            if decor.header_left:
                self.drawString(decor.margin_left, height - 12 * mm, decor.header_left)
            if decor.header_right:
                self.drawRightString(width - decor.margin_right, height - 12 * mm, decor.header_right)
        if decor.footer_left:
            self.drawString(decor.margin_left, 10 * mm, decor.footer_left)
        if decor.page_numbers:
            self.drawRightString(width - decor.margin_right, 10 * mm, f"Side {self._pageNumber} af {total}")
        self.restoreState()


PageCallback = Callable[[Canvas, BaseDocTemplate], None]


class TooManyPagesError(ValueError):
    """The content needs more pages than the format allows (e.g. a one-sided postcard)."""

    def __init__(self, pages: int, max_pages: int) -> None:
        super().__init__(f"{pages} pages, at most {max_pages} allowed")
        self.pages = pages
        self.max_pages = max_pages


@dataclass(frozen=True)
class PageLayout:
    """Page size and margins; ``first_top`` lets page 1 start lower (below a letterhead and address)."""

    pagesize: tuple[float, float] = A4
    left: float = MARGIN_LEFT
    right: float = MARGIN_RIGHT
    top: float = MARGIN_TOP
    bottom: float = MARGIN_BOTTOM
    first_top: float | None = None
    padding: float = 6  # reportlab's default frame padding (what SimpleDocTemplate used)


def _frame(layout: PageLayout, top: float, frame_id: str) -> Frame:
    width, height = layout.pagesize
    return Frame(
        layout.left,
        layout.bottom,
        width - layout.left - layout.right,
        height - top - layout.bottom,
        id=frame_id,
        leftPadding=layout.padding,
        rightPadding=layout.padding,
        topPadding=layout.padding,
        bottomPadding=layout.padding,
    )


def build_document(
    story: Sequence[Flowable],
    *,
    title: str,
    decor: PageDecor | None = None,
    layout: PageLayout | None = None,
    author: str = "BoligDesk",
    on_first_page: PageCallback | None = None,
    on_later_pages: PageCallback | None = None,
    max_pages: int | None = None,
) -> bytes:
    """Render flowables to PDF bytes: embedded fonts, page numbers, reproducible output.

    Page 1 may have its own top margin (``layout.first_top``) and drawing callback (a letterhead);
    later pages use ``layout.top``. Raises :class:`TooManyPagesError` beyond ``max_pages``.
    """
    register_fonts()
    layout = layout or PageLayout()
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=layout.pagesize,
        leftMargin=layout.left,
        rightMargin=layout.right,
        topMargin=layout.top,
        bottomMargin=layout.bottom,
        title=title,
        author=author,
        creator="BoligDesk",
        invariant=1,
    )
    nothing: PageCallback = lambda _canvas, _doc: None  # noqa: E731
    first_top = layout.top if layout.first_top is None else layout.first_top
    doc.addPageTemplates(
        [
            PageTemplate(
                id="first",
                frames=[_frame(layout, first_top, "first")],
                onPage=on_first_page or nothing,
                pagesize=layout.pagesize,
                autoNextPageTemplate="later",
            ),
            PageTemplate(
                id="later",
                frames=[_frame(layout, layout.top, "later")],
                onPage=on_later_pages or nothing,
                pagesize=layout.pagesize,
            ),
        ]
    )
    canvas_cls = type("DecoratedCanvas", (_NumberedCanvas,), {"decor": decor or PageDecor()})
    doc.build(list(story), canvasmaker=canvas_cls)
    if max_pages is not None and doc.page > max_pages:
        raise TooManyPagesError(doc.page, max_pages)
    return buffer.getvalue()


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
    return build_document(
        story,
        title=title,
        decor=decor,
        layout=PageLayout(top=top_margin),
        author=author,
        on_first_page=on_first_page,
    )
