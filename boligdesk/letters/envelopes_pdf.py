"""Envelope sheets for the 4-ugers kuvertsystem (reportlab, plain data in, bytes out).

Page 1 is the overview: the period, the month's daily money, every envelope with dates and amount,
columns for what was spent and what is left (filled in when registered, blank to write on otherwise),
and how the split was made (restdage, rounding rest). Then one label per envelope, 80 × 62 mm with a
dashed cutting line, to cut out and tape on the envelope: week, dates, amount, what it is for, and a
box to tick when it is opened.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from babel.dates import format_date
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer, Table, TableStyle

from boligdesk.budget.calendar import format_long, format_short
from boligdesk.budget.envelopes import EnvelopePlanResult, EnvelopeStatus
from boligdesk.budget.money import Money
from boligdesk.letters.pdf_base import FONT, FONT_BOLD, PAGE_WIDTH, PageDecor, build_pdf, styles

CONTENT_WIDTH = PAGE_WIDTH - 40 * mm - 12
LABEL_WIDTH = 80 * mm
LABEL_HEIGHT = 62 * mm
GRID = colors.HexColor("#9a9a9a")
HEADER_FILL = colors.HexColor("#e6e6e6")


@dataclass(frozen=True)
class EnvelopesPrint:
    case_number: str
    tenant_name: str
    adviser: str
    printed_on: dt.date
    budget_made_on: dt.date
    result: EnvelopePlanResult
    statuses: tuple[EnvelopeStatus, ...] = ()
    organisation: str = ""


def _p(text: str, style: str = "TableCell") -> Paragraph:
    return Paragraph(text, styles()[style])


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _weekday_date(day: dt.date) -> str:
    """``man. 02.02.`` — short enough for a label."""
    return format_date(day, "EEE dd.MM.", locale="da_DK")


def _kroner(money: Money) -> str:
    """Whole kroner without øre when possible (``1.000 kr.``), else with øre (``1.071,50 kr.``)."""
    if money.ore % 100 == 0:
        return money.format().replace(",00 kr.", " kr.")
    return money.format()


def _date_range(first: dt.date, last: dt.date) -> str:
    """``27.02.–01.03.2026`` (the year once when both days are in the same year)."""
    if first == last:
        return format_short(first)
    start = format_date(first, "dd.MM.", locale="da_DK") if first.year == last.year else format_short(first)
    return f"{start}–{format_short(last)}"


def _signed(money: Money) -> str:
    return ("+" if money.ore > 0 else "−") + _kroner(abs(money))


class EnvelopeLabel(Flowable):  # type: ignore[misc]
    """One label to cut out: dashed border, week, dates, amount, purposes and a tick box."""

    def __init__(
        self, label: str, first: dt.date, last: dt.date, amount: Money, purposes: tuple[str, ...], case: str
    ) -> None:
        super().__init__()
        self.label = label
        self.first = first
        self.last = last
        self.amount = amount
        self.purposes = purposes
        self.case = case
        self.width = LABEL_WIDTH
        self.height = LABEL_HEIGHT

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c: Canvas = self.canv
        w, h = self.width, self.height
        c.saveState()
        c.setDash(3, 2)
        c.setStrokeColor(GRID)
        c.setLineWidth(0.6)
        c.rect(0, 0, w, h)
        c.setDash()
        pad = 5 * mm
        inner = w - 2 * pad
        # The case number top right, inside the cut line; the title gets the room left of it.
        marker = f"sag {self.case}"
        c.setFont(FONT, 6.5)
        c.setFillColor(colors.HexColor("#777777"))
        c.drawRightString(w - pad, h - pad - 2.5 * mm, marker)
        marker_width = c.stringWidth(marker, FONT, 6.5) + 3 * mm
        c.setFillColor(colors.black)
        title = self.label.upper()
        size = 20.0
        while size > 8 and c.stringWidth(title, FONT_BOLD, size) > inner - marker_width:
            size -= 1
        c.setFont(FONT_BOLD, size)
        c.drawString(pad, h - pad - 6 * mm, title)
        c.setFont(FONT, 9.5)
        c.drawString(pad, h - pad - 12 * mm, _label_dates(self.first, self.last))
        size = 24.0
        amount = _kroner(self.amount)
        while size > 12 and c.stringWidth(amount, FONT_BOLD, size) > inner:
            size -= 1
        c.setFont(FONT_BOLD, size)
        c.drawString(pad, h - pad - 24 * mm, amount)
        c.setFont(FONT, 8.5)
        text = "Til: " + (", ".join(self.purposes) if self.purposes else "dagligvarer")
        y = h - pad - 30 * mm
        for chunk in _wrap(text, lambda line: c.stringWidth(line, FONT, 8.5) <= inner)[:3]:
            c.drawString(pad, y, chunk)
            y -= 4 * mm
        # tick box and "brugt" line
        box = 5 * mm
        c.setLineWidth(0.8)
        c.rect(pad, pad, box, box)
        c.setFont(FONT, 9)
        c.drawString(pad + box + 2 * mm, pad + 1.3 * mm, "Åbnet")
        c.drawString(pad + 25 * mm, pad + 1.3 * mm, "Brugt: ____________ kr.")
        c.restoreState()


def _label_dates(first: dt.date, last: dt.date) -> str:
    """``søn. 01.02. – lør. 07.02. 2026``; across New Year each date has its own year."""
    if first == last:
        return f"{_weekday_date(first)} {first.year}"
    if first.year != last.year:
        return f"{_weekday_date(first)} {first.year} – {_weekday_date(last)} {last.year}"
    return f"{_weekday_date(first)} – {_weekday_date(last)} {last.year}"


def _wrap(text: str, fits: Callable[[str], bool]) -> list[str]:
    """Words into lines that each ``fits`` (a single word too long for a line gets a line of its own)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if not fits(candidate) and current:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


def _overview_table(data: EnvelopesPrint) -> Table:
    statuses = {s.envelope.index: s for s in data.statuses}
    rows: list[list[object]] = [["Kuvert", "Datoer", "Dage", "Beløb", "Overført", "Brugt", "Tilbage", "✓"]]
    for envelope in data.result.envelopes:
        status = statuses.get(envelope.index)
        carried = _signed(status.carried_in) if status is not None and status.carried_in else ""
        spent = _kroner(status.spent) if status is not None and status.spent is not None else ""
        left = status.left if status is not None else None
        rows.append(
            [
                envelope.label,
                _date_range(envelope.first_day, envelope.last_day),
                str(envelope.days),
                _kroner(envelope.amount),
                carried,
                spent,
                _kroner(left) if left is not None else "",
                "",
            ]
        )
    rows.append(
        [
            "I alt",
            "",
            str(sum(e.days for e in data.result.envelopes)),
            _kroner(data.result.total),
            "",
            "",
            "",
            "",
        ]
    )
    # "30.12.2026–05.01.2027" (a period across New Year, both years) fits the date column.
    widths = [22 * mm, 41 * mm, 10 * mm, 26 * mm, 20 * mm, 20 * mm, 20 * mm]
    widths.append(CONTENT_WIDTH - sum(widths))
    heights: list[float | None] = [None] + [8 * mm] * len(data.result.envelopes) + [None]
    table = Table(rows, colWidths=widths, rowHeights=heights)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT, 9),
                ("FONT", (0, 0), (-1, 0), FONT_BOLD, 8.5),
                ("FONT", (0, -1), (-1, -1), FONT_BOLD, 9),
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                ("GRID", (0, 0), (-1, -1), 0.4, GRID),
                ("ALIGN", (2, 0), (-1, -1), "RIGHT"),
                ("ALIGN", (-1, 0), (-1, -1), "CENTER"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def build_story(data: EnvelopesPrint) -> list[Flowable]:
    result = data.result
    story: list[Flowable] = [
        _p("4-ugers kuvertsystem", "Title"),
        _p(
            f"{_escape(data.tenant_name)} · sag {data.case_number} · ud fra budgettet dateret "
            f"{format_short(data.budget_made_on)}",
            "Small",
        ),
        Spacer(1, 3 * mm),
        _p(
            f"Periode: <b>{format_long(result.period_first)} – {format_long(result.period_last)}</b> "
            f"({result.period_days} dage). Dagligvarepenge for perioden: <b>{result.total.format()}</b>",
            "Body",
        ),
        _p(
            "Hæv pengene på lønningsdagen og læg dem i kuverterne. Åbn kuverten for ugen, når ugen begynder, "
            "og sæt kryds. Det der er tilbage, flyttes med til næste uge.",
            "Body",
        ),
        _overview_table(data),
        Spacer(1, 3 * mm),
    ]
    story += [_p(_escape(sentence), "Body") for sentence in result.explanation()]
    story.append(
        _p(f"Udskrevet {format_long(data.printed_on)} af {_escape(data.adviser) or 'BoligDesk'}.", "Small")
    )
    story.append(PageBreak())
    story.append(_p("Kuvertmærker — klip ud langs den stiplede linje og sæt på kuverterne", "Heading"))
    labels = [
        EnvelopeLabel(e.label, e.first_day, e.last_day, e.amount, e.purposes, data.case_number)
        for e in result.envelopes
    ]
    grid: list[list[object]] = []
    for i in range(0, len(labels), 2):
        pair: list[object] = list(labels[i : i + 2])
        if len(pair) == 1:
            pair.append("")
        grid.append(pair)
    table = Table(grid, colWidths=[LABEL_WIDTH + 4 * mm] * 2, rowHeights=[LABEL_HEIGHT + 4 * mm] * len(grid))
    table.setStyle(
        TableStyle(
            [
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4 * mm),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4 * mm),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    story.append(table)
    return story


def render_envelopes_pdf(data: EnvelopesPrint) -> bytes:
    decor = PageDecor(
        header_left=data.organisation,
        header_right=f"Kuvertsystem · sag {data.case_number}",
        footer_left=f"Udskrevet {format_short(data.printed_on)}",
    )
    return build_pdf(build_story(data), title=f"Kuvertsystem sag {data.case_number}", decor=decor)
