"""Many A6 postcards on A4 sheets: four per sheet (A4 landscape, 2 × 2), with cut lines.

Four landscape A6 cards (148 × 105 mm) fill an A4 sheet turned on its side (297 × 210 mm) exactly, so an
ordinary office printer and a paper cutter make the postcards (docs/decisions.md §31). Each card is drawn
exactly as the postcard printed alone (:mod:`boligdesk.letters.render`): the message on the left, the stamp
box and the address on the right. Its text keeps 7 mm from every edge of the card, so a printer's
unprintable border (4–5 mm) cuts nothing and a cut a few millimetres off the line touches no text.

The cut lines are thin dashed grey lines on the card borders inside the sheet, with short solid marks at
the sheet's edges (as crop marks) where the cutter is set.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, Paragraph

from boligdesk.letters.blocks import typeset
from boligdesk.letters.context import CaseFacts
from boligdesk.letters.draft import LetterDraft
from boligdesk.letters.letterhead import Letterhead, Sender
from boligdesk.letters.pdf_base import register_fonts
from boligdesk.letters.render import (
    POSTCARD,
    POSTCARD_DIVIDER,
    POSTCARD_MARGIN,
    _draw_postcard_back,
    _letter_styles,
    body_flowables,
)

SHEET = landscape(A4)
CARDS_PER_SHEET = 4
CUT_GREY = colors.Color(0.55, 0.55, 0.55)
#: Crop marks at the sheet's edges: from this far in (inside most printers' border) …
MARK_FROM = 3 * mm
#: … to this far in (still in the cards' 7 mm margin).
MARK_TO = 6.5 * mm


class PostcardTooLongError(Exception):
    """The card's text does not fit on its side of the card."""


@dataclass(frozen=True)
class PostcardParts:
    """One card before it is drawn: its text as flowables and the address lines."""

    story: list[Flowable]
    recipient: tuple[str, ...]


def postcard_parts(
    draft: LetterDraft, facts: CaseFacts, letterhead: Letterhead, sender: Sender
) -> PostcardParts:
    """The same text and address as :func:`boligdesk.letters.render.render_letter` puts on an A6 card."""
    register_fonts()
    st = _letter_styles()
    width = POSTCARD_DIVIDER - POSTCARD_MARGIN - 5 * mm
    story: list[Flowable] = []
    if draft.subject.strip():
        story.append(Paragraph(typeset(draft.subject.strip()), st["card_subject"]))
    story.extend(body_flowables(draft.body, facts, letterhead, sender, width, postcard=True))
    recipient = tuple(line for line in (draft.recipient or "").splitlines() if line.strip())
    return PostcardParts(story, recipient)


def check_fits(parts: PostcardParts) -> None:
    """Raise :class:`PostcardTooLongError` when the text would not fit on the card (nothing is drawn)."""
    canvas = Canvas(io.BytesIO(), pagesize=POSTCARD)
    _draw_card(canvas, parts, 0, 0)


def _text_frame(x: float, y: float) -> Frame:
    card_height = POSTCARD[1]
    return Frame(
        x + POSTCARD_MARGIN,
        y + POSTCARD_MARGIN,
        POSTCARD_DIVIDER - POSTCARD_MARGIN - 5 * mm,
        card_height - 2 * POSTCARD_MARGIN,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        showBoundary=0,
    )


def _draw_card(canvas: Canvas, parts: PostcardParts, x: float, y: float) -> None:
    canvas.saveState()
    canvas.translate(x, y)
    _draw_postcard_back(canvas, parts.recipient)
    canvas.restoreState()
    story = list(parts.story)
    _text_frame(x, y).addFromList(story, canvas)
    if story:
        raise PostcardTooLongError


def _card_origin(slot: int) -> tuple[float, float]:
    """Bottom-left corner of the card in ``slot`` (0 top left, 1 top right, 2 bottom left, 3 bottom right)."""
    card_w, card_h = POSTCARD
    column, row = slot % 2, slot // 2
    sheet_w, sheet_h = SHEET
    left = (sheet_w - 2 * card_w) / 2  # 0.5 mm spare: centred
    bottom = (sheet_h - 2 * card_h) / 2
    return left + column * card_w, bottom + (1 - row) * card_h


def _draw_cut_lines(canvas: Canvas) -> None:
    card_w, card_h = POSTCARD
    sheet_w, sheet_h = SHEET
    x_cut = _card_origin(1)[0]
    y_cut = _card_origin(0)[1]
    canvas.saveState()
    canvas.setStrokeColor(CUT_GREY)
    canvas.setLineWidth(0.3)
    canvas.setDash(3, 3)
    canvas.line(x_cut, MARK_TO, x_cut, sheet_h - MARK_TO)
    canvas.line(MARK_TO, y_cut, sheet_w - MARK_TO, y_cut)
    canvas.setDash()
    canvas.setLineWidth(0.5)
    canvas.setStrokeColor(colors.black)
    for x in (_card_origin(0)[0], x_cut, _card_origin(1)[0] + card_w):
        canvas.line(x, MARK_FROM, x, MARK_TO)
        canvas.line(x, sheet_h - MARK_TO, x, sheet_h - MARK_FROM)
    for y in (_card_origin(2)[1], y_cut, _card_origin(0)[1] + card_h):
        canvas.line(MARK_FROM, y, MARK_TO, y)
        canvas.line(sheet_w - MARK_TO, y, sheet_w - MARK_FROM, y)
    canvas.restoreState()


def postcards_on_a4(cards: Sequence[PostcardParts], *, title: str, author: str) -> bytes:
    """The cards four to an A4 sheet (landscape), in order: top left, top right, bottom left, bottom right.

    Raises :class:`PostcardTooLongError` for a card whose text does not fit (check with :func:`check_fits`
    first to leave such a card out)."""
    if not cards:
        raise ValueError("no postcards")
    register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=SHEET, invariant=1)
    canvas.setTitle(title)
    canvas.setAuthor(author)
    canvas.setCreator("BoligDesk")
    for start in range(0, len(cards), CARDS_PER_SHEET):
        for slot, parts in enumerate(cards[start : start + CARDS_PER_SHEET]):
            _draw_card(canvas, parts, *_card_origin(slot))
        _draw_cut_lines(canvas)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()
