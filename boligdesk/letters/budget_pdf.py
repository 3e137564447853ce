"""The budget as an A4 PDF to use at the kitchen table (reportlab, plain data in, bytes out).

Contents: case and household; income and expenses grouped need / nice with the entered amount, the
frequency and the monthly figure; totals and the rådighedsbeløb, the agreed instalment on the arrears (the
active repayment plan's) and what is left after it; the household's reference norm with year and source;
a chart of where the money goes; the warnings to check; date and adviser. Every table has a blank
"Rettelser" column and a few blank rows so corrections can be written by hand during the meeting.
Template lines without an amount are left out (the blank rows take what the tenant adds), so a normal
household's budget fits on one or two pages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from boligdesk.budget.calendar import format_long, format_short
from boligdesk.budget.categories import category_label
from boligdesk.budget.lines import BudgetTotals, LineData
from boligdesk.budget.money import Money
from boligdesk.budget.norms import HouseholdNorm
from boligdesk.budget.vocabulary import Frequency, Need
from boligdesk.letters.pdf_base import FONT, FONT_BOLD, PAGE_WIDTH, PageDecor, build_pdf, styles

CONTENT_WIDTH = PAGE_WIDTH - 40 * mm - 12  # page minus margins minus the frame's padding
NEED_COLOUR = colors.HexColor("#3465a4")
NICE_COLOUR = colors.HexColor("#e9a13b")
GRID = colors.HexColor("#9a9a9a")
HEADER_FILL = colors.HexColor("#e6e6e6")
SUM_FILL = colors.HexColor("#f2f2f2")
MUTED = colors.HexColor("#8a8a8a")
BLANK_ROWS = 2
#: The chart's bars at most (the smallest categories are merged into "Øvrige").
CHART_BARS = 9


@dataclass(frozen=True)
class BudgetPrint:
    """Everything the budget printout shows (plain values; the service collects them)."""

    case_number: str
    tenant_name: str
    address: str
    household_text: str
    made_on: dt.date
    printed_on: dt.date
    adviser: str
    lines: tuple[LineData, ...]
    totals: BudgetTotals
    norm: HouseholdNorm | None = None
    warnings: tuple[str, ...] = ()
    household_members: tuple[str, ...] = ()
    organisation: str = ""
    title: str = ""
    category_labels: dict[str, str] = field(default_factory=dict)
    instalment: Money | None = None
    """The agreed monthly instalment on the arrears (the active plan's), or None without one."""


def _amount(money: Money) -> str:
    return money.format(with_unit=False)


def _p(text: str, style: str = "TableCell") -> Paragraph:
    return Paragraph(text, styles()[style])


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# Column widths of the line tables: Post | Beløb | Hyppighed | Pr. måned | Kuvert | Rettelser
_WIDTHS = [62 * mm, 22 * mm, 23 * mm, 24 * mm, 12 * mm]
_WIDTHS.append(CONTENT_WIDTH - sum(_WIDTHS))


def _line_table(title: str, lines: Sequence[LineData], total: Money, *, with_envelope: bool) -> Table:
    header: list[object] = [
        "Post",
        "Beløb",
        "Hyppighed",
        "Pr. måned",
        "Kuvert" if with_envelope else "",
        "Rettelser",
    ]
    rows: list[list[object]] = [header]
    for line in lines:
        if not line.amount:
            continue  # an empty template line: the blank rows below are for what is added by hand
        text = _escape(line.text)
        if line.note:
            text += f'<br/><font size="7.5" color="#555555">{_escape(line.note)}</font>'
        rows.append(
            [
                _p(text),
                _amount(line.amount),
                Frequency(line.frequency).label,
                _amount(line.monthly),
                "✓" if with_envelope and line.is_daily_money else "",
                "",
            ]
        )
    for _ in range(BLANK_ROWS):
        rows.append(["", "", "", "", "", ""])
    rows.append([_p(f"<b>I alt {title.lower()}</b>"), "", "", _amount(total), "", ""])
    blank_first = len(rows) - 1 - BLANK_ROWS
    heights: list[float | None] = [None] * len(rows)
    for i in range(blank_first, blank_first + BLANK_ROWS):
        heights[i] = 6.5 * mm  # writing space for lines added by hand
    table = Table(rows, colWidths=_WIDTHS, rowHeights=heights, repeatRows=1)
    style = [
        ("FONT", (0, 0), (-1, -1), FONT, 9),
        ("FONT", (0, 0), (-1, 0), FONT_BOLD, 8.5),
        ("FONT", (3, -1), (3, -1), FONT_BOLD, 9),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("BACKGROUND", (0, -1), (-1, -1), SUM_FILL),
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("ALIGN", (1, 0), (1, -1), "RIGHT"),
        ("ALIGN", (3, 0), (3, -1), "RIGHT"),
        ("ALIGN", (4, 0), (4, -1), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]
    table.setStyle(TableStyle(style))
    return table


def _heading(text: str) -> Paragraph:
    return _p(text, "Heading")


def _summary_table(totals: BudgetTotals, instalment: Money | None = None) -> Table:
    def signed(money: Money) -> str:
        return f"{_amount(money)} kr."

    rows: list[list[object]] = [
        ["Overblik pr. måned", "Beløb", "Rettelser"],
        ["Indtægter", signed(totals.income), ""],
        ["Need to have-udgifter", signed(totals.need_expenses), ""],
        ["Nice to have-udgifter", signed(totals.nice_expenses), ""],
        [_p("<b>Rådighedsbeløb</b> — tilbage efter alle udgifter"), signed(totals.disposable), ""],
        [_p("Rådighedsbeløb uden nice to have"), signed(totals.disposable_without_nice), ""],
        [
            _p("Til daglig livsførelse — indtægter minus faste udgifter"),
            signed(totals.daily_money_available),
            "",
        ],
        [_p("heraf dagligvarepenge i kuverterne"), signed(totals.daily_money), ""],
    ]
    left_after: Money | None = None
    if instalment is not None and instalment.ore > 0:
        left_after = totals.disposable - instalment
        rows += [
            [_p("Aftalt afdrag på restancen"), signed(instalment), ""],
            [_p("<b>Tilbage efter afdraget</b>"), signed(left_after), ""],
        ]
    widths = [95 * mm, 35 * mm, CONTENT_WIDTH - 130 * mm]
    table = Table(rows, colWidths=widths)
    bad = colors.HexColor("#a61b1b")
    style = [
        ("FONT", (0, 0), (-1, -1), FONT, 9.5),
        ("FONT", (0, 0), (-1, 0), FONT_BOLD, 9),
        ("FONT", (1, 4), (1, 4), FONT_BOLD, 10),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("BACKGROUND", (0, 4), (-1, 4), SUM_FILL),
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("ALIGN", (1, 0), (1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]
    for row, money in (
        (4, totals.disposable),
        (5, totals.disposable_without_nice),
        (6, totals.daily_money_available),
    ):
        if money.is_negative():
            style.append(("TEXTCOLOR", (1, row), (1, row), bad))
    if left_after is not None:
        style += [("FONT", (1, 9), (1, 9), FONT_BOLD, 10), ("BACKGROUND", (0, 9), (-1, 9), SUM_FILL)]
        if left_after.is_negative():
            style.append(("TEXTCOLOR", (1, 9), (1, 9), bad))
    table.setStyle(TableStyle(style))
    return table


def _norm_paragraphs(norm: HouseholdNorm | None, totals: BudgetTotals) -> list[Flowable]:
    if norm is None:
        return []
    parts = ", ".join(f"{p.label.lower()} {p.count} × {_amount(p.each)}" for p in norm.parts)
    compare = (
        "under" if totals.daily_money_available < norm.amount else "på eller over"
    )  # said plainly, not judged
    text = (
        f"<b>{_escape(norm.label)}</b> for {norm.household_text}: <b>{norm.amount.format()}</b> om måneden "
        f"({parts}). Budgettets beløb til daglig livsførelse ({totals.daily_money_available.format()}) er "
        f"{compare} satsen."
    )
    flow: list[Flowable] = [_heading("Rådighedssats til sammenligning"), _p(text, "Body")]
    small = f"Kilde: {_escape(norm.source)}."
    if norm.notes:
        small += " " + " ".join(_escape(n) for n in norm.notes)
    flow.append(_p(small, "Small"))
    return flow


def budget_chart(totals: BudgetTotals, labels: dict[str, str], width: float = CONTENT_WIDTH) -> Drawing:
    """Horizontal bars per expense category (largest first), need and nice stacked, amount at the end."""
    rows = [
        (labels.get(c.category) or category_label(c.category), c.need, c.nice)
        for c in totals.expense_categories
    ]
    if len(rows) > CHART_BARS:
        rest = rows[CHART_BARS - 1 :]
        merged = ("Øvrige", Money(sum(r[1].ore for r in rest)), Money(sum(r[2].ore for r in rest)))
        rows = [*rows[: CHART_BARS - 1], (f"{merged[0]} ({len(rest)})", merged[1], merged[2])]
    row_h = 4.4 * mm
    legend_h = 7 * mm
    height = legend_h + row_h * max(len(rows), 1) + 2 * mm
    drawing = Drawing(width, height)
    # legend
    x = 0.0
    for colour, text in ((NEED_COLOUR, Need.NEED.label), (NICE_COLOUR, Need.NICE.label)):
        drawing.add(Rect(x, height - 4.5 * mm, 3.5 * mm, 3.5 * mm, fillColor=colour, strokeColor=None))
        drawing.add(String(x + 5 * mm, height - 4 * mm, text, fontName=FONT, fontSize=8.5))
        x += 35 * mm
    if not rows:
        drawing.add(
            String(0, height - legend_h - 4 * mm, "Ingen udgifter i budgettet.", fontName=FONT, fontSize=9)
        )
        return drawing
    label_w = 55 * mm
    amount_w = 25 * mm
    bar_w = width - label_w - amount_w
    biggest = max((need + nice).ore for _, need, nice in rows) or 1
    for i, (label, need, nice) in enumerate(rows):
        y = height - legend_h - (i + 1) * row_h
        shown = label if len(label) <= 34 else label[:33] + "…"
        drawing.add(String(0, y + 1.3 * mm, shown, fontName=FONT, fontSize=8.5))
        need_w = bar_w * need.ore / biggest  # drawing coordinates only; the amounts stay exact
        nice_w = bar_w * nice.ore / biggest
        if need_w:
            drawing.add(
                Rect(label_w, y + 0.6 * mm, need_w, row_h - 1.6 * mm, fillColor=NEED_COLOUR, strokeColor=None)
            )
        if nice_w:
            drawing.add(
                Rect(
                    label_w + need_w,
                    y + 0.6 * mm,
                    nice_w,
                    row_h - 1.6 * mm,
                    fillColor=NICE_COLOUR,
                    strokeColor=None,
                )
            )
        drawing.add(
            String(
                label_w + need_w + nice_w + 1.5 * mm,
                y + 1.3 * mm,
                (need + nice).format(),
                fontName=FONT,
                fontSize=8,
            )
        )
    return drawing


def _info_table(data: BudgetPrint) -> Table:
    household = data.household_text
    if data.household_members:
        household += ": " + ", ".join(_escape(m) for m in data.household_members)
    rows = [
        ["Lejer", _p(_escape(data.tenant_name))],
        ["Adresse", _p(_escape(data.address) or "—")],
        ["Husstand", _p(household)],
        ["Budgettets dato", format_long(data.made_on)],
        ["Rådgiver", _p(_escape(data.adviser) or "—")],
    ]
    table = Table(rows, colWidths=[35 * mm, CONTENT_WIDTH - 35 * mm])
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT, 9.5),
                ("FONT", (0, 0), (0, -1), FONT_BOLD, 9.5),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ("LEFTPADDING", (0, 0), (0, -1), 0),
            ]
        )
    )
    return table


def _notes_box() -> Table:
    rows = [["Noter og aftaler fra mødet"]] + [[""] for _ in range(3)]
    table = Table(rows, colWidths=[CONTENT_WIDTH], rowHeights=[6 * mm] + [7.5 * mm] * 3)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, 0), FONT_BOLD, 9),
                ("BOX", (0, 0), (-1, -1), 0.5, GRID),
                ("LINEBELOW", (0, 1), (-1, -2), 0.3, GRID),
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
            ]
        )
    )
    return table


def build_story(data: BudgetPrint) -> list[Flowable]:
    title = f"Budget for {_escape(data.tenant_name)}"
    subtitle = f"Sag {data.case_number} · budget dateret {format_short(data.made_on)}"
    if data.title:
        subtitle += f" · {_escape(data.title)}"
    story: list[Flowable] = [_p(title, "Title"), _p(subtitle, "Small"), Spacer(1, 3 * mm), _info_table(data)]
    income = [ln for ln in data.lines if ln.is_income]
    need = [ln for ln in data.lines if ln.is_need]
    nice = [ln for ln in data.lines if ln.is_nice]
    story += [
        _heading("Indtægter"),
        _line_table("Indtægter", income, data.totals.income, with_envelope=False),
        CondPageBreak(30 * mm),
        _heading("Udgifter — need to have"),
        _line_table(Need.NEED.label, need, data.totals.need_expenses, with_envelope=True),
        CondPageBreak(30 * mm),
        _heading("Udgifter — nice to have"),
        _line_table(Need.NICE.label, nice, data.totals.nice_expenses, with_envelope=True),
    ]
    story.append(
        _p(
            "Pr. måned: ugentlig × 52 / 12, hver 14. dag × 26 / 12, kvartalsvis / 3, halvårlig / 6, årlig / 12 "
            "(afrundet til hele øre). ✓ i Kuvert = dagligvarepenge i 4-ugers kuvertsystemet.",
            "Small",
        )
    )
    story += [CondPageBreak(70 * mm), _heading("Overblik"), _summary_table(data.totals, data.instalment)]
    story += _norm_paragraphs(data.norm, data.totals)
    story += [
        KeepTogether([_heading("Hvor går pengene hen?"), budget_chart(data.totals, data.category_labels)])
    ]
    if data.warnings:
        items = [_heading("Værd at tjekke")] + [_p(f"• {_escape(w)}", "Body") for w in data.warnings]
        story += [KeepTogether(items[:2]), *items[2:]]
    story += [Spacer(1, 2 * mm), KeepTogether([_notes_box()]), Spacer(1, 1 * mm)]
    story.append(
        _p(
            f"Udskrevet {format_long(data.printed_on)} af {_escape(data.adviser) or 'BoligDesk'}. "
            "Budgettet er et redskab til samtalen, ikke en afgørelse.",
            "Small",
        )
    )
    return story


def render_budget_pdf(data: BudgetPrint) -> bytes:
    decor = PageDecor(
        header_left=data.organisation,
        header_right=f"Budget · sag {data.case_number}",
        footer_left=f"Udskrevet {format_short(data.printed_on)}",
    )
    return build_pdf(build_story(data), title=f"Budget sag {data.case_number}", decor=decor)
