"""The statistics as an A4 PDF for the board and as an XLSX with one sheet per table. Counts only: no
name, address or case number of anyone goes into either file.

Both take a :class:`ReportMeta` (period, who made it, when, the data horizon, the suppression threshold)
and a report already passed through :func:`~boligdesk.reports.present.suppress_report` when it leaves the
organisation.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal
from xml.sax.saxutils import escape

from boligdesk.reports.figures import Row, StatsReport, Table
from boligdesk.reports.present import cell_text, exactness_note

#: Tables printed per estate over the years with a chart.
CHART_TABLES = ("moved_out", "evicted")
#: Tables with a column per month: the PDF prints only the last chosen year (the XLSX all months).
MONTHLY = ("open_per_adviser", "new_per_adviser")


@dataclass(frozen=True, slots=True)
class ReportMeta:
    made_by: str
    made_on: dt.date
    horizon: tuple[str, ...]
    threshold: int = 0
    organisation: str = ""

    @property
    def title(self) -> str:
        return "Statistik over udsættelser og rådgivning"


def period_text(report: StatsReport) -> str:
    if not report.years:
        return ""
    first, last = report.years[0], report.years[-1]
    return f"{first}" if first == last else f"{first}–{last}"


def change_header(report: StatsReport) -> str:
    return f"Ændring (%) {report.years[0]}-{report.years[-1]}"


def table_matrix(table: Table, report: StatsReport, threshold: int) -> tuple[list[str], list[list[str]]]:
    """Header and rows of ``table`` as the window and the PDF write them."""
    headers = ["", *table.columns]
    if table.has_change and len(report.years) > 1:
        headers.append(change_header(report))
    rows = []
    for row in table.rows:
        line = [row.label, *(cell_text(c, row.kind, threshold) for c in row.cells)]
        if table.has_change and len(report.years) > 1:
            line.append(cell_text(row.change, "change", threshold) if row.change else "")
        rows.append(line)
    return headers, rows


def _last_year_only(table: Table) -> Table:
    from dataclasses import replace

    cols = table.columns[-12:]
    rows = tuple(replace(r, cells=r.cells[-12:]) for r in table.rows)
    return replace(table, columns=cols, rows=rows)


# ----------------------------------------------------------------------------------------------- PDF
def stats_pdf(report: StatsReport, meta: ReportMeta) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Paragraph, Spacer, TableStyle
    from reportlab.platypus import Table as PdfTable

    from boligdesk.letters.pdf_base import FONT, FONT_BOLD, PageDecor, build_pdf, styles
    from boligdesk.reports.chart import estate_chart

    st = styles()
    story: list[object] = [
        Paragraph(escape(meta.title), st["Title"]),
        Paragraph(
            escape(
                f"Periode: {period_text(report)}. Afdelinger: {', '.join(report.estate_names) or 'ingen'}. "
                f"Lavet {meta.made_on:%d.%m.%Y} af {meta.made_by or 'ukendt'}."
            ),
            st["Body"],
        ),
        Paragraph(escape(exactness_note(meta.threshold)), st["Small"]),
        Paragraph("Datagrundlag (seneste synkronisering)", st["Heading"]),
        *(Paragraph(escape(line), st["Small"]) for line in meta.horizon),
    ]
    for table in report.tables:
        shown = _last_year_only(table) if table.key in MONTHLY else table
        headers, rows = table_matrix(shown, report, meta.threshold)
        if shown.has_change and len(report.years) > 1:
            headers[-1] = headers[-1].replace(") ", ")\n", 1)  # two lines: the column stays narrow
        small = len(headers) > 8
        size = 6.5 if small else 8.5
        label_width = 45 * mm if not small else 32 * mm
        other = (170 * mm - label_width) / max(1, len(headers) - 1)
        label_style = ParagraphStyle("Label", parent=st["TableCell"], fontSize=size, leading=size + 2)
        bold_style = ParagraphStyle("LabelBold", parent=label_style, fontName=FONT_BOLD)
        body: list[list[object]] = [
            [Paragraph(escape(line[0]), bold_style if row.is_total else label_style), *line[1:]]
            for line, row in zip(rows, shown.rows, strict=True)
        ]  # a long estate name wraps inside its column
        pdf_table = PdfTable(
            [headers, *body], colWidths=[label_width] + [other] * (len(headers) - 1), repeatRows=1
        )
        style = [
            ("FONT", (0, 0), (-1, -1), FONT, size),
            ("FONT", (0, 0), (-1, 0), FONT_BOLD, size),
            ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ]
        for i, row in enumerate(shown.rows, start=1):
            if row.is_total:
                style += [
                    ("FONT", (0, i), (-1, i), FONT_BOLD, size),
                    ("LINEABOVE", (0, i), (-1, i), 0.4, colors.grey),
                ]
        pdf_table.setStyle(TableStyle(style))
        title = table.title + (f" ({report.years[-1]})" if table.key in MONTHLY else "")
        story.append(
            KeepTogether(
                [
                    Paragraph(escape(title), st["Heading"]),
                    pdf_table,
                    Spacer(1, 2 * mm),
                    Paragraph("Definition: " + escape(table.definition), st["Small"]),
                ]
            )
        )
    keys = [r.key for r in report.table("moved_out").rows]
    drawings = [estate_chart(report, k) for k in keys]
    chart_rows = [
        PdfTable([pair], colWidths=[85 * mm] * len(pair))
        for pair in (drawings[start : start + 2] for start in range(0, len(drawings), 2))
    ]
    # The heading goes with the first row of charts, never alone at the foot of a page.
    story.append(KeepTogether([Paragraph("Udvikling pr. afdeling", st["Heading"]), *chart_rows[:1]]))
    story.extend(chart_rows[1:])
    decor = PageDecor(
        header_left=meta.organisation,
        header_right=f"Statistik {period_text(report)}",
        footer_left=f"Lavet {meta.made_on:%d.%m.%Y} af {meta.made_by}",
    )
    return build_pdf(
        story, title=f"{meta.title} {period_text(report)}", decor=decor, author=meta.made_by or "BoligDesk"
    )


# ---------------------------------------------------------------------------------------------- XLSX
def _sheet_name(title: str, used: set[str]) -> str:
    clean = "".join(ch for ch in title if ch not in "[]:*?/\\")[:28].strip()
    name, n = clean, 2
    while name in used:
        name = f"{clean[:25]} {n}"
        n += 1
    used.add(name)
    return name


def _put_text(sheet: object, row: int, col: int, text: str) -> None:
    from boligdesk.importers.table_file import safe_cell

    cell = sheet.cell(row=row, column=col)  # type: ignore[attr-defined]
    cell.value = safe_cell(text, "xlsx")
    cell.data_type = "s"  # text as written: never a formula


def _put_number(sheet: object, row: int, col: int, value: int | Decimal, number_format: str) -> None:
    cell = sheet.cell(row=row, column=col)  # type: ignore[attr-defined]
    cell.value = value
    cell.number_format = number_format


def _put_cell(sheet: object, r: int, c: int, row: Row, index: int, threshold: int) -> None:
    cell = row.cells[index]
    if cell.suppressed or cell.value is None:
        _put_text(sheet, r, c, cell_text(cell, row.kind, threshold))
    elif row.kind == "percent":
        _put_number(sheet, r, c, cell.value, '0" %"')
    elif row.kind == "money":
        _put_number(sheet, r, c, Decimal(cell.value) / 100, '#,##0.00" kr."')
    else:
        _put_number(sheet, r, c, cell.value, "0")


def stats_xlsx(report: StatsReport, meta: ReportMeta) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    about = book.active
    assert about is not None
    about.title = "Om rapporten"
    lines = [
        meta.title,
        f"Periode: {period_text(report)}",
        f"Afdelinger: {', '.join(report.estate_names)}",
        f"Lavet {meta.made_on:%d.%m.%Y} af {meta.made_by}",
        exactness_note(meta.threshold),
        "Datagrundlag:",
        *meta.horizon,
    ]
    for i, line in enumerate(lines, start=1):
        _put_text(about, i, 1, line)
    about.column_dimensions["A"].width = 120
    used = {about.title}
    for table in report.tables:
        sheet = book.create_sheet(_sheet_name(table.title, used))
        headers = ["", *table.columns]
        change = table.has_change and len(report.years) > 1
        if change:
            headers.append(change_header(report))
        for c, text in enumerate(headers, start=1):
            _put_text(sheet, 1, c, text)
            sheet.cell(row=1, column=c).font = Font(bold=True)
        for r, row in enumerate(table.rows, start=2):
            _put_text(sheet, r, 1, row.label)
            if row.is_total:
                sheet.cell(row=r, column=1).font = Font(bold=True)
            for i in range(len(row.cells)):
                _put_cell(sheet, r, i + 2, row, i, meta.threshold)
            if change and row.change is not None:
                ch = row.change
                if ch.suppressed or ch.value is None:
                    _put_text(sheet, r, len(headers), cell_text(ch, "change", meta.threshold))
                else:
                    _put_number(sheet, r, len(headers), ch.value, '+0" %";-0" %";0" %"')
        note_row = len(table.rows) + 3
        _put_text(sheet, note_row, 1, "Definition: " + table.definition)
        sheet.cell(row=note_row, column=1).alignment = Alignment(wrap_text=False)
        sheet.column_dimensions["A"].width = 40
        sheet.freeze_panes = "B2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
