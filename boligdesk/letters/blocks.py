"""The ``[[blocks]]`` a letter can hold: tables of the debt, the schedule and the budget, parties and signatures.

Each builder takes the case's facts and returns reportlab flowables for a column ``width`` points wide.
Amounts are always :class:`Money` formatted the Danish way (``1.234,50 kr.``) and every table's total is
the exact sum of its rows.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from boligdesk.budget.calendar import format_long, format_short
from boligdesk.budget.deadlines import PAYMENT_GRACE_WEEKDAYS
from boligdesk.budget.money import Money, total
from boligdesk.letters.context import CaseFacts, DebtPart
from boligdesk.letters.fields import MISSING
from boligdesk.letters.letterhead import Letterhead, Sender
from boligdesk.letters.pdf_base import FONT, FONT_BOLD, styles

GRID_GREY = colors.Color(0.55, 0.55, 0.55)
HEAD_FILL = colors.Color(0.92, 0.92, 0.92)


def _style(name: str) -> ParagraphStyle:
    style = styles()[name]
    assert isinstance(style, ParagraphStyle)
    return style


_MONTHS = "(?:januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december)"
_NO_BREAK = (
    (re.compile(r"(§+) (?=\d)"), "\\1\u00a0"),  # "§ 81" stays on one line
    (re.compile(r"(?<=\d) (?=kr\.)"), "\u00a0"),  # "12.345,50 kr." too
    (re.compile(r"\bkl\. (?=\d)"), "kl.\u00a0"),
    (re.compile(r"(?<=\d) (?=\d)"), "\u00a0"),  # phone numbers: "21 43 65 87"
    # Dates: "10. november 2026" on one line.
    (re.compile(rf"(?<=\d\.) (?={_MONTHS})"), "\u00a0"),
    (re.compile(rf"\b({_MONTHS}) (?=\d{{4}})"), "\\1\u00a0"),
)


def typeset(text: str) -> str:
    """Escape text for a reportlab paragraph and keep "§ 81", "500,00 kr." and "kl. 9" unbroken."""
    result = escape(text)
    for pattern, replacement in _NO_BREAK:
        result = pattern.sub(replacement, result)
    return result


CELL_FONT_SIZE = 9.5
CELL_LEADING = 12
CELL_PADDING = 4


def cell(text: str, *, bold: bool = False, right: bool = False) -> Paragraph:
    """A table cell that may wrap over several lines."""
    style = _style("TableCellRight" if right else "TableCell")
    content = typeset(text)
    return Paragraph(f"<b>{content}</b>" if bold else content, style)


def note(text: str) -> Paragraph:
    """A grey remark where a block has no data yet."""
    style = ParagraphStyle("BlockNote", parent=_style("Body"), textColor=colors.Color(0.4, 0.4, 0.4))
    return Paragraph(escape(text), style)


def _fitting(text: str, width: float, *, bold: bool, right: bool) -> str | Paragraph:
    """Plain text when it fits on one line (drawn directly: fast), else a wrapping paragraph."""
    font = FONT_BOLD if bold else FONT
    if stringWidth(text, font, CELL_FONT_SIZE) <= width - 2 * CELL_PADDING:
        return text
    return cell(text, bold=bold, right=right)


def money_table(
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
    *,
    right_columns: Sequence[int] = (),
    bold_rows: Sequence[int] = (),
    total_rows: Sequence[int] = (),
    header: bool = True,
) -> Table:
    """A table of text and amounts: a grey header row, thin lines, totals with a line above, in bold."""
    bold = set(bold_rows) | ({0} if header else set())
    right = set(right_columns)
    data = [
        [_fitting(text, widths[c], bold=r in bold, right=c in right) for c, text in enumerate(row)]
        for r, row in enumerate(rows)
    ]
    table = Table(data, colWidths=list(widths), repeatRows=1 if header else 0, hAlign="LEFT")
    commands: list[tuple[object, ...]] = [
        ("FONT", (0, 0), (-1, -1), FONT, CELL_FONT_SIZE, CELL_LEADING),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, GRID_GREY),
    ]
    commands += [("ALIGN", (c, 0), (c, -1), "RIGHT") for c in sorted(right)]
    commands += [("FONT", (0, r), (-1, r), FONT_BOLD, CELL_FONT_SIZE, CELL_LEADING) for r in sorted(bold)]
    if header:
        commands += [
            ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
        ]
    commands += [("LINEABOVE", (0, r), (-1, r), 0.8, colors.black) for r in total_rows]
    table.setStyle(TableStyle(commands))
    return table


def debt_rows(parts: Sequence[DebtPart], debt_total: Money) -> list[tuple[str, Money]]:
    """The debt's parts, plus one balancing line when they do not add up to the debt dealt with.

    The rows always sum to ``debt_total`` (e.g. a part paid since shows as a negative line).
    """
    rows = [(p.text, p.amount) for p in parts] or [("Huslejerestance", debt_total)]
    difference = debt_total - total([amount for _, amount in rows])
    if difference.is_negative():
        rows.append(("Fratrukket (betalt eller reguleret)", difference))
    elif difference:
        rows.append(("Øvrigt", difference))
    return rows


def debt_table(facts: CaseFacts, width: float) -> list[Flowable]:
    rows = [["Hvad", "Beløb"]]
    rows += [[text, amount.format()] for text, amount in debt_rows(facts.debt_parts, facts.debt_total)]
    rows.append(["Restance i alt", facts.debt_total.format()])
    last = len(rows) - 1
    table = money_table(
        rows, [width - 40 * mm, 40 * mm], right_columns=[1], bold_rows=[last], total_rows=[last]
    )
    return [KeepTogether([table])]


def schedule_table(facts: CaseFacts, width: float) -> list[Flowable]:
    plan = facts.plan
    if plan is None or not plan.rows:
        return [note("[Afdragsplan: sagen har ingen afdragsordning endnu.]")]
    date_width = 24 * mm
    number_width = 13 * mm  # "I alt" in bold on one line
    amount_width = (width - number_width - 2 * date_width) / 3
    widths = [number_width, date_width, date_width, amount_width, amount_width, amount_width]
    rows = [["Nr.", "Forfalder", "Betales senest", "Afdrag", "Husleje", "I alt"]]
    rows += [
        [
            str(r.seq),
            format_short(r.due_on),
            format_short(r.pay_by),
            r.instalment.format(),
            r.rent.format(),
            r.total.format(),
        ]
        for r in plan.rows
    ]
    instalments = total([r.instalment for r in plan.rows])
    rents = total([r.rent for r in plan.rows])
    rows.append(["I alt", "", "", instalments.format(), rents.format(), (instalments + rents).format()])
    last = len(rows) - 1
    table = money_table(rows, widths, right_columns=[3, 4, 5], bold_rows=[last], total_rows=[last])
    rule = note(
        "Betalingen regnes som betalt til tiden, når den er betalt senest på datoen i kolonnen »Betales "
        f"senest« ({PAYMENT_GRACE_WEEKDAYS}. hverdag efter forfaldsdagen, samme regel som for husleje)."
    )
    return [KeepTogether([table, Spacer(1, 1.5 * mm), rule])]


def budget_table(facts: CaseFacts, width: float) -> list[Flowable]:
    budget = facts.budget
    if budget is None:
        return [note("[Budget: der er ikke lagt et budget på sagen endnu.]")]
    rows = [[f"Budget pr. {format_short(budget.made_on)} — beløb pr. måned", ""]]
    bold: list[int] = []
    totals: list[int] = []
    for heading, lines, line_total in (
        ("Indtægter", budget.incomes, budget.income_total),
        ("Udgifter", budget.expenses, budget.expense_total),
    ):
        bold.append(len(rows))
        rows.append([heading, ""])
        rows += [[text, amount.format()] for text, amount in lines]
        bold.append(len(rows))
        totals.append(len(rows))
        rows.append([f"{heading} i alt", line_total.format()])
    bold.append(len(rows))
    totals.append(len(rows))
    rows.append(["Indtægter minus udgifter", budget.rest.format()])
    amount_width = 40 * mm
    table = money_table(
        rows, [width - amount_width, amount_width], right_columns=[1], bold_rows=bold, total_rows=totals
    )
    return [KeepTogether([table])]


def _column_lines(lines: Sequence[str]) -> Paragraph:
    shown = [escape(line) for line in lines if line] or [MISSING]
    head, *rest = shown
    return Paragraph("<br/>".join([f"<b>{head}</b>", *rest]), _style("TableCell"))


def parties(facts: CaseFacts, width: float) -> list[Flowable]:
    tenant = [
        "Lejer",
        facts.tenant_name,
        facts.address_line,
        facts.postcode_city,
        f"Lejemålsnr.: {facts.tenancy_number}" if facts.tenancy_number else "",
    ]
    # The landlord is the case's own (never the adviser's organisation from the letterhead): without one
    # the column shows blanks, and the afdragsaftale is refused before it gets here (agreement.py).
    landlord = [
        "Udlejer",
        facts.landlord_name or MISSING,
        *(facts.landlord_address_lines or (MISSING,)),
        f"Afdeling: {facts.estate}" if facts.estate else "",
    ]
    table = Table(
        [[_column_lines(tenant), _column_lines(landlord)]], colWidths=[width / 2, width / 2], hAlign="LEFT"
    )
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return [table]


def _signature_table(columns: Sequence[tuple[str, Sequence[str]]], width: float) -> Table:
    """Per column: the role, a line to write the date on, and the signature line with the name under it."""
    gap = 14 * mm
    column_width = (width - gap * (len(columns) - 1)) / len(columns)
    rows: list[list[Paragraph | str]] = [[], [], [], [], []]
    widths: list[float] = []
    for index, (role, names) in enumerate(columns):
        if index:
            for row in rows:
                row.append("")
            widths.append(gap)
        rows[0].append(cell(role, bold=True))
        rows[1].append("")
        rows[2].append(cell("Dato"))
        rows[3].append("")
        rows[4].append(Paragraph("<br/>".join(escape(n) for n in names if n) or MISSING, _style("TableCell")))
        widths.append(column_width)
    table = Table(rows, colWidths=widths, rowHeights=[None, 11 * mm, None, 13 * mm, None], hAlign="LEFT")
    commands: list[tuple[object, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ]
    for col in range(0, len(widths), 2):
        commands.append(("LINEABOVE", (col, 2), (col, 2), 0.6, colors.black))
        commands.append(("LINEABOVE", (col, 4), (col, 4), 0.6, colors.black))
    table.setStyle(TableStyle(commands))
    return table


def signatures(facts: CaseFacts, sender: Sender, width: float) -> list[Flowable]:
    # Signed by the case's landlord (never the letterhead's organisation, nor the adviser in its name: the
    # adviser does not bind the landlord). The agreement is refused before it gets here when the case has
    # no landlord (agreement.check_landlord).
    landlord_lines = [facts.landlord_name or MISSING]
    table = _signature_table([("Lejer", [facts.tenant_name]), ("Udlejer", landlord_lines)], width)
    agreed_on = facts.plan.agreed_on if facts.plan is not None else None
    # The day the plan was agreed, where the parties sign (each dates their own signature below it).
    agreed = f"Aftalt den {format_long(agreed_on)}." if agreed_on is not None else f"Aftalt den {MISSING}."
    return [Spacer(1, 2 * mm), Paragraph(typeset(agreed), _style("Body")), Spacer(1, 2 * mm), table]


def tenant_signature(facts: CaseFacts, width: float) -> list[Flowable]:
    table = _signature_table([("Lejer", [facts.tenant_name])], min(width, 85 * mm))
    return [Spacer(1, 2 * mm), table]


BlockBuilder = Callable[[CaseFacts, Letterhead, Sender, float], list[Flowable]]

BUILDERS: dict[str, BlockBuilder] = {
    "parter": lambda f, _lh, _s, w: parties(f, w),
    "restance": lambda f, _lh, _s, w: debt_table(f, w),
    "afdragsplan": lambda f, _lh, _s, w: schedule_table(f, w),
    "budget": lambda f, _lh, _s, w: budget_table(f, w),
    "underskrifter": lambda f, _lh, s, w: signatures(f, s, w),
    "underskrift_lejer": lambda f, _lh, _s, w: tenant_signature(f, w),
}


def build_block(
    name: str, facts: CaseFacts, letterhead: Letterhead, sender: Sender, width: float
) -> list[Flowable]:
    return BUILDERS[name](facts, letterhead, sender, width)
