"""A filled (and maybe edited) letter → PDF bytes, on A4 or as an A6 postcard.

A4 letter, page 1 (DIN 5008-like, measured from the top-left corner of the sheet):

* the letterhead (organisation, address, phone; logo at the right) in the top 40 mm;
* the recipient's address where the window of a **C5/C4 window envelope (left window)** shows it: the
  window starts 20 mm from the left and 50 mm from the top, 90 × 45 mm; the text sits 5 mm inside it,
  under a small return-address line;
* to the right of the window: date, case number and the sender's name, title, phone and e-mail;
* the subject and the text from 103 mm down (48 mm for a letter without an address, e.g. the agreement).

Later pages carry the organisation and the case in the header; every page says "Side 1 af 2".

A6 postcard (landscape, 148 × 105 mm): the message on the left, a stamp box and the address on the right;
it must fit on one side.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.pagesizes import A6, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, KeepTogether, Paragraph, Spacer

from boligdesk.budget.calendar import format_long
from boligdesk.errors import UserInputError
from boligdesk.letters.blocks import build_block, typeset
from boligdesk.letters.body import Block, Bullet, Heading, TextParagraph, parse_body
from boligdesk.letters.context import CaseFacts
from boligdesk.letters.draft import LetterDraft
from boligdesk.letters.letterhead import Letterhead, Sender
from boligdesk.letters.pdf_base import (
    FONT,
    FONT_BOLD,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    PageDecor,
    PageLayout,
    TooManyPagesError,
    build_document,
    styles,
)
from boligdesk.letters.templates import PaperFormat

# A4 letter geometry (points; reportlab's origin is the bottom-left corner).
BODY_LEFT = 25 * mm
BODY_RIGHT = 20 * mm
WINDOW_LEFT = 20 * mm
WINDOW_TOP = 50 * mm
WINDOW_WIDTH = 90 * mm
WINDOW_HEIGHT = 45 * mm
ADDRESS_INSET = 5 * mm
INFO_LEFT = 125 * mm
BODY_TOP_WITH_ADDRESS = 103 * mm
BODY_TOP_WITHOUT_ADDRESS = 48 * mm
LATER_TOP = 22 * mm
GREY = colors.Color(0.35, 0.35, 0.35)

SIGNATURE_BLOCKS = frozenset({"underskrifter", "underskrift_lejer"})

POSTCARD = landscape(A6)
POSTCARD_MARGIN = 7 * mm
POSTCARD_DIVIDER = 80 * mm


def _letter_styles() -> dict[str, ParagraphStyle]:
    base = styles()["Body"]
    body = ParagraphStyle("LetterBody", parent=base, fontSize=11, leading=15.5, spaceAfter=8)
    return {
        "body": body,
        "subject": ParagraphStyle(
            "LetterSubject", parent=body, fontName=FONT_BOLD, fontSize=13, leading=17, spaceAfter=10
        ),
        "heading": ParagraphStyle(
            "LetterHeading",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=11.5,
            spaceBefore=6,
            spaceAfter=4,
            keepWithNext=1,
        ),
        "bullet": ParagraphStyle(
            "LetterBullet", parent=body, leftIndent=6 * mm, bulletIndent=1.5 * mm, spaceAfter=3
        ),
        "card_body": ParagraphStyle("CardBody", parent=base, fontSize=9.5, leading=12.5, spaceAfter=5),
        "card_subject": ParagraphStyle(
            "CardSubject", parent=base, fontName=FONT_BOLD, fontSize=12.5, leading=15, spaceAfter=6
        ),
        "card_bullet": ParagraphStyle(
            "CardBullet",
            parent=base,
            fontSize=9.5,
            leading=12.5,
            leftIndent=4 * mm,
            bulletIndent=1 * mm,
            spaceAfter=1.5,
        ),
        "card_heading": ParagraphStyle(
            "CardHeading", parent=base, fontName=FONT_BOLD, fontSize=9, leading=11.5, keepWithNext=1
        ),
    }


CLOSINGS = frozenset(
    {"venlig hilsen", "med venlig hilsen", "kærlig hilsen", "mange hilsner", "de bedste hilsner"}
)
"""A letter's sign-off, kept with the name that follows it."""


def body_flowables(
    text: str,
    facts: CaseFacts,
    letterhead: Letterhead,
    sender: Sender,
    width: float,
    *,
    postcard: bool = False,
) -> list[Flowable]:
    """The letter text as flowables; ``[[blocks]]`` become tables (raises for an unknown block)."""
    st = _letter_styles()
    prefix = "card_" if postcard else ""
    story: list[Flowable] = []
    previous: object = None
    for element in parse_body(text):
        if isinstance(previous, Bullet) and not isinstance(element, Bullet):
            story.append(Spacer(1, 2 * mm))
        previous = element
        if isinstance(element, TextParagraph):
            style = st[f"{prefix}body"]
            if element.lines and element.lines[-1].strip().rstrip(",").lower() in CLOSINGS:
                # "Venlig hilsen" stays on the page of the name under it (never a name alone on a page).
                style = ParagraphStyle(f"{style.name}Closing", parent=style, keepWithNext=1)
            story.append(Paragraph("<br/>".join(typeset(line) for line in element.lines), style))
        elif isinstance(element, Heading):
            story.append(Paragraph(typeset(element.text), st[f"{prefix}heading"]))
        elif isinstance(element, Bullet):
            story.append(Paragraph(typeset(element.text), st[f"{prefix}bullet"], bulletText="•"))
        elif isinstance(element, Block):
            flowables = build_block(element.name, facts, letterhead, sender, width)
            if element.name in SIGNATURE_BLOCKS:
                # What is signed stays on the same page as the signature: the paragraph just
                # before the lines, and its heading.
                lead: list[Flowable] = []
                while story and len(lead) < 2 and isinstance(story[-1], Paragraph):
                    lead.insert(0, story.pop())
                    if lead[0].style.name.endswith("Heading"):
                        break
                flowables = [KeepTogether([*lead, *flowables])]
            story.extend(flowables)
            story.append(Spacer(1, 4 * mm))
    return story


def _fit(
    canvas: Canvas, text: str, font: str, size: float, max_width: float, *, smallest: float = 6.5
) -> float:
    """The largest font size ≤ ``size`` at which ``text`` fits ``max_width`` (never below ``smallest``)."""
    while size > smallest and stringWidth(text, font, size) > max_width:
        size -= 0.25
    return size


def _draw_logo(canvas: Canvas, logo: bytes, right: float, top: float, max_w: float, max_h: float) -> None:
    if not logo:
        return
    reader = ImageReader(io.BytesIO(logo))
    w_px, h_px = reader.getSize()
    scale = min(max_w / w_px, max_h / h_px)
    w, h = w_px * scale, h_px * scale
    canvas.drawImage(reader, right - w, top - h, width=w, height=h, mask="auto")


def _draw_letterhead(canvas: Canvas, letterhead: Letterhead) -> None:
    top = PAGE_HEIGHT
    logo_width = 55 * mm if letterhead.logo else 0
    text_width = PAGE_WIDTH - BODY_LEFT - BODY_RIGHT - logo_width - 5 * mm
    if letterhead.organisation:
        size = _fit(canvas, letterhead.organisation, FONT_BOLD, 14, text_width, smallest=9)
        canvas.setFont(FONT_BOLD, size)
        canvas.setFillColor(colors.black)
        canvas.drawString(BODY_LEFT, top - 18 * mm, letterhead.organisation)
    lines = list(letterhead.address_lines)
    contact = "  ·  ".join(
        p
        for p in (
            f"Tlf. {letterhead.phone}" if letterhead.phone else "",
            letterhead.email,
            letterhead.website,
        )
        if p
    )
    if contact:
        lines.append(contact)
    canvas.setFillColor(GREY)
    y = top - 23.5 * mm
    for line in lines[:4]:
        canvas.setFont(FONT, _fit(canvas, line, FONT, 8.5, text_width))
        canvas.drawString(BODY_LEFT, y, line)
        y -= 3.8 * mm
    _draw_logo(canvas, letterhead.logo, PAGE_WIDTH - BODY_RIGHT, top - 12 * mm, 55 * mm, 22 * mm)


def _draw_window_address(canvas: Canvas, recipient: str, letterhead: Letterhead) -> None:
    left = WINDOW_LEFT + ADDRESS_INSET
    width = WINDOW_WIDTH - 2 * ADDRESS_INSET
    top = PAGE_HEIGHT - WINDOW_TOP
    return_line = " · ".join(p for p in (letterhead.organisation, letterhead.address_one_line) if p)
    if return_line:
        size = _fit(canvas, return_line, FONT, 7, width, smallest=5)
        canvas.setFont(FONT, size)
        canvas.setFillColor(GREY)
        canvas.drawString(left, top - 6 * mm, return_line)
        canvas.setStrokeColor(GREY)
        canvas.setLineWidth(0.3)
        canvas.line(left, top - 7 * mm, left + min(width, stringWidth(return_line, FONT, size)), top - 7 * mm)
    canvas.setFillColor(colors.black)
    y = top - 13 * mm
    for line in [ln.strip() for ln in recipient.splitlines() if ln.strip()][:6]:
        canvas.setFont(FONT, _fit(canvas, line, FONT, 11, width, smallest=8))
        canvas.drawString(left, y, line)
        y -= 4.9 * mm


def _draw_info(canvas: Canvas, facts: CaseFacts, sender: Sender) -> None:
    rows = [("Dato", format_long(facts.today)), ("Sagsnr.", facts.case_number)]
    if sender.name:
        rows.append(("Kontakt", sender.name))
        if sender.title:
            rows.append(("", sender.title))
    if sender.phone:
        rows.append(("Telefon", sender.phone))
    if sender.email:
        rows.append(("E-mail", sender.email))
    label_width = 17 * mm
    value_width = PAGE_WIDTH - BODY_RIGHT - INFO_LEFT - label_width
    y = PAGE_HEIGHT - WINDOW_TOP - 6 * mm
    for label, value in rows:
        canvas.setFont(FONT, 8)
        canvas.setFillColor(GREY)
        canvas.drawString(INFO_LEFT, y, label)
        canvas.setFillColor(colors.black)
        canvas.setFont(FONT, _fit(canvas, value, FONT, 9, value_width))
        canvas.drawString(INFO_LEFT + label_width, y, value)
        y -= 4.6 * mm


def _draw_info_line(canvas: Canvas, facts: CaseFacts) -> None:
    text = f"Sagsnr. {facts.case_number}  ·  {format_long(facts.today)}"
    canvas.setFont(FONT, 8.5)
    canvas.setFillColor(GREY)
    canvas.drawRightString(PAGE_WIDTH - BODY_RIGHT, PAGE_HEIGHT - 40 * mm, text)


@dataclass(frozen=True)
class A4Parts:
    """An A4 letter before it is built: its flowables, page-1 drawing, layout and page decoration."""

    story: list[Flowable]
    first_page: Callable[[Canvas, BaseDocTemplate], None]
    layout: PageLayout
    decor: PageDecor
    title: str
    author: str


def a4_parts(draft: LetterDraft, facts: CaseFacts, letterhead: Letterhead, sender: Sender) -> A4Parts:
    """The pieces of an A4 letter (one letter alone, or one of a batch in a single PDF)."""
    width = PAGE_WIDTH - BODY_LEFT - BODY_RIGHT
    st = _letter_styles()
    story: list[Flowable] = []
    if draft.subject.strip():
        story.append(Paragraph(typeset(draft.subject.strip()), st["subject"]))
    story.extend(body_flowables(draft.body, facts, letterhead, sender, width))
    has_address = draft.recipient is not None

    def first_page(canvas: Canvas, _doc: BaseDocTemplate) -> None:
        canvas.saveState()
        _draw_letterhead(canvas, letterhead)
        if has_address:
            _draw_window_address(canvas, draft.recipient or "", letterhead)
            _draw_info(canvas, facts, sender)
        else:
            _draw_info_line(canvas, facts)
        canvas.restoreState()

    layout = PageLayout(
        left=BODY_LEFT,
        right=BODY_RIGHT,
        top=LATER_TOP,
        bottom=20 * mm,
        first_top=BODY_TOP_WITH_ADDRESS if has_address else BODY_TOP_WITHOUT_ADDRESS,
        padding=0,
    )
    decor = PageDecor(
        header_left=letterhead.organisation,
        header_right=f"Sag {facts.case_number} · {facts.tenant_name}",
        first_page_header=False,
        margin_left=BODY_LEFT,
        margin_right=BODY_RIGHT,
    )
    return A4Parts(story, first_page, layout, decor, draft.subject or draft.title, sender.name or "BoligDesk")


def _render_a4(draft: LetterDraft, facts: CaseFacts, letterhead: Letterhead, sender: Sender) -> bytes:
    parts = a4_parts(draft, facts, letterhead, sender)
    return build_document(
        parts.story,
        title=parts.title,
        decor=parts.decor,
        layout=parts.layout,
        author=parts.author,
        on_first_page=parts.first_page,
    )


def _postcard_lines(lines: Sequence[str], width: float, smallest: float = 7) -> list[str]:
    """Address lines for the ruled lines: one too long even in the smallest size is split between words."""
    result: list[str] = []
    for line in lines:
        if stringWidth(line, FONT, smallest) <= width:
            result.append(line)
            continue
        current = ""
        for word in line.split():
            candidate = f"{current} {word}".strip()
            if current and stringWidth(candidate, FONT, smallest) > width:
                result.append(current)
                current = word
            else:
                current = candidate
        if current:
            result.append(current)
    return result


def _draw_postcard_back(canvas: Canvas, recipient: Sequence[str]) -> None:
    width, height = POSTCARD
    canvas.saveState()
    canvas.setStrokeColor(GREY)
    canvas.setLineWidth(0.4)
    canvas.line(POSTCARD_DIVIDER, 12 * mm, POSTCARD_DIVIDER, height - 12 * mm)
    # Stamp box
    box_w, box_h = 20 * mm, 24 * mm
    box_x, box_y = width - POSTCARD_MARGIN - box_w, height - POSTCARD_MARGIN - box_h
    canvas.setDash(2, 2)
    canvas.rect(box_x, box_y, box_w, box_h)
    canvas.setDash()
    canvas.setFont(FONT, 6.5)
    canvas.setFillColor(GREY)
    canvas.drawCentredString(box_x + box_w / 2, box_y + box_h / 2 - 1 * mm, "Frimærke")
    # Address on ruled lines
    left = POSTCARD_DIVIDER + 5 * mm
    right = width - POSTCARD_MARGIN
    y = 58 * mm
    canvas.setFillColor(colors.black)
    lines = _postcard_lines([ln.strip() for ln in recipient if ln.strip()], right - left)
    # Four ruled lines; a long address gets more, closer together, so nothing is dropped (the postcode!).
    count = max(4, len(lines))
    step = 8.5 * mm * 4 / count
    for index in range(count):
        if index < len(lines):
            canvas.setFont(
                FONT, _fit(canvas, lines[index], FONT, 9.5 if count == 4 else 8, right - left, smallest=7)
            )
            canvas.drawString(left, y + 1.2 * mm, lines[index])
        canvas.line(left, y, right, y)
        y -= step
    canvas.restoreState()


def _render_postcard(draft: LetterDraft, facts: CaseFacts, letterhead: Letterhead, sender: Sender) -> bytes:
    st = _letter_styles()
    width = POSTCARD_DIVIDER - POSTCARD_MARGIN - 5 * mm
    story: list[Flowable] = []
    if draft.subject.strip():
        story.append(Paragraph(typeset(draft.subject.strip()), st["card_subject"]))
    story.extend(body_flowables(draft.body, facts, letterhead, sender, width, postcard=True))
    recipient = (draft.recipient or "").splitlines()

    def page(canvas: Canvas, _doc: BaseDocTemplate) -> None:
        _draw_postcard_back(canvas, recipient)

    page_width, _ = POSTCARD
    layout = PageLayout(
        pagesize=POSTCARD,
        left=POSTCARD_MARGIN,
        right=page_width - POSTCARD_DIVIDER + 5 * mm,
        top=POSTCARD_MARGIN,
        bottom=POSTCARD_MARGIN,
        padding=0,
    )
    try:
        return build_document(
            story,
            title=draft.subject or draft.title,
            decor=PageDecor(page_numbers=False),
            layout=layout,
            author=sender.name or "BoligDesk",
            on_first_page=page,
            on_later_pages=page,
            max_pages=1,
        )
    except TooManyPagesError as exc:
        raise UserInputError(
            "body",
            "letters.postcard_too_long",
            "Teksten er for lang til et postkort. Gør den kortere, så den kan stå på én side.",
            {"pages": exc.pages},
        ) from exc


def render_letter(draft: LetterDraft, facts: CaseFacts, letterhead: Letterhead, sender: Sender) -> bytes:
    """The letter as PDF bytes (same input, same bytes)."""
    if draft.paper is PaperFormat.A6:
        return _render_postcard(draft, facts, letterhead, sender)
    return _render_a4(draft, facts, letterhead, sender)
