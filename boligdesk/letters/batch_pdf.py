"""Many letters in one PDF (the month's offers of advice), and the address list for the envelopes.

Each letter keeps its own first page (letterhead, window address, date and sender) and its own page count
("Side 1 af 1" per letter, not per file), so the printed pile separates into letters exactly as if each
had been printed alone. The address list is one table to write the handwritten envelopes from.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, NextPageTemplate, PageBreak, PageTemplate

from boligdesk.letters.blocks import money_table
from boligdesk.letters.pdf_base import (
    FONT,
    PAGE_WIDTH,
    PageDecor,
    _frame,
    build_pdf,
    register_fonts,
)
from boligdesk.letters.render import A4Parts


class _BatchCanvas(Canvas):  # type: ignore[misc]
    """Draws each page's header and "Side x af y" counted within its own letter."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._saved_pages: list[dict[str, Any]] = []
        self.batch_letter = 0
        self.batch_decor = PageDecor()

    def showPage(self) -> None:
        self._saved_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        totals: dict[int, int] = {}
        for state in self._saved_pages:
            totals[state["batch_letter"]] = totals.get(state["batch_letter"], 0) + 1
        seen: dict[int, int] = {}
        for state in self._saved_pages:
            self.__dict__.update(state)
            letter = state["batch_letter"]
            seen[letter] = seen.get(letter, 0) + 1
            self._decorate(state["batch_decor"], seen[letter], totals[letter])
            Canvas.showPage(self)
        Canvas.save(self)

    def _decorate(self, decor: PageDecor, page: int, total: int) -> None:
        width, height = self._pagesize
        self.saveState()
        self.setFont(FONT, 8)
        self.setFillGray(0.35)
        if page > 1 or decor.first_page_header:
            if decor.header_left:
                self.drawString(decor.margin_left, height - 12 * mm, decor.header_left)
            if decor.header_right:
                self.drawRightString(width - decor.margin_right, height - 12 * mm, decor.header_right)
        if decor.page_numbers:
            self.drawRightString(width - decor.margin_right, 10 * mm, f"Side {page} af {total}")
        self.restoreState()


def letters_in_one_pdf(letters: Sequence[A4Parts], *, title: str) -> bytes:
    """The letters one after the other, each starting on a new sheet with its own first page."""
    if not letters:
        raise ValueError("no letters")
    register_fonts()
    layout = letters[0].layout
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=layout.pagesize,
        leftMargin=layout.left,
        rightMargin=layout.right,
        topMargin=layout.top,
        bottomMargin=layout.bottom,
        title=title,
        author=letters[0].author,
        creator="BoligDesk",
        invariant=1,
    )
    templates: list[PageTemplate] = []
    story: list[Flowable] = []
    for index, parts in enumerate(letters):

        def first(canvas: Canvas, doc_: BaseDocTemplate, parts: A4Parts = parts, index: int = index) -> None:
            canvas.batch_letter = index
            canvas.batch_decor = parts.decor
            parts.first_page(canvas, doc_)

        def later(canvas: Canvas, _doc: BaseDocTemplate, parts: A4Parts = parts, index: int = index) -> None:
            canvas.batch_letter = index
            canvas.batch_decor = parts.decor

        first_top = parts.layout.top if parts.layout.first_top is None else parts.layout.first_top
        templates += [
            PageTemplate(
                id=f"first-{index}",
                frames=[_frame(parts.layout, first_top, f"first-{index}")],
                onPage=first,
                pagesize=parts.layout.pagesize,
                autoNextPageTemplate=f"later-{index}",
            ),
            PageTemplate(
                id=f"later-{index}",
                frames=[_frame(parts.layout, parts.layout.top, f"later-{index}")],
                onPage=later,
                pagesize=parts.layout.pagesize,
            ),
        ]
        if index:
            story += [NextPageTemplate(f"first-{index}"), PageBreak()]
        story += parts.story
    doc.addPageTemplates(templates)
    doc.build(story, canvasmaker=_BatchCanvas)
    return buffer.getvalue()


@dataclass(frozen=True, slots=True)
class AddressLine:
    case_number: str
    name: str
    address: str
    postcode_city: str


def address_list_pdf(lines: Sequence[AddressLine], *, title: str, organisation: str) -> bytes:
    """One table to write the handwritten envelopes from: name, address, postcode and city, case."""
    width = PAGE_WIDTH - 40 * mm - 12
    rows = [["Nr.", "Navn", "Adresse", "Postnr. og by", "Sag"]]
    rows += [
        [str(n), line.name, line.address, line.postcode_city, line.case_number]
        for n, line in enumerate(lines, start=1)
    ]
    widths = [10 * mm, 50 * mm, width - 10 * mm - 50 * mm - 38 * mm - 22 * mm, 38 * mm, 22 * mm]
    table = money_table(rows, widths)
    decor = PageDecor(header_left=organisation, header_right=title)
    return build_pdf([table], title=title, decor=decor)
