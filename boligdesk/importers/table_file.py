"""Writing a small table to send back: CSV for Danish Excel, or XLSX.

* CSV: semicolon-separated UTF-8 **with BOM**, so Danish Excel opens it by double-click with æøå intact.
* XLSX: every cell is stored as text exactly as given, never as a formula or a number, so a value from
  someone else's file (``=HYPERLINK(...)``, ``0123``) comes back unchanged and harmless.

Every cell of every table BoligDesk writes passes :func:`safe_cell` (headers included): in a CSV a text
starting with ``= + - @``, a tab or a carriage return gets an apostrophe in front, so Excel shows it
instead of running it as a formula (a plain negative amount such as ``-1.234,50`` is data and is kept);
in an XLSX, characters the format cannot hold (control characters) become ``�`` and a cell is cut to
Excel's 32,767 characters.

The file is written atomically (temp file, fsync, rename); an OS error becomes a Danish
:class:`~boligdesk.errors.StoreError`.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from boligdesk.models.atomic import atomic_write_bytes

ERROR_FILL = "F8D0CC"


def write_table(
    path: Path,
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    sheet_title: str = "Ark1",
    highlight_last_column: bool = False,
) -> None:
    """Write ``headers`` and ``rows`` to ``path``: XLSX when it ends in ``.xlsx``, otherwise CSV."""
    if path.suffix.casefold() == ".xlsx":
        data = xlsx_bytes(headers, rows, sheet_title=sheet_title, highlight_last_column=highlight_last_column)
    else:
        data = csv_bytes(headers, rows)
    atomic_write_bytes(path, data, what="filen")


def csv_bytes(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for row in (headers, *rows):
        writer.writerow([safe_cell(v, "csv") for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


XLSX_CELL_LIMIT = 32_767
"""The most characters an Excel cell holds."""
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NEGATIVE = re.compile(r"-[0-9]+([.,][0-9]+)*")
_XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def safe_cell(text: str, target: Literal["csv", "xlsx"]) -> str:
    """``text`` made harmless for a cell of the ``target`` format: the one rule for every table written.

    CSV: a text Excel would run as a formula (``=``, ``+``, ``-``, ``@``, tab, carriage return first) gets
    an apostrophe in front; a plain negative number (``-500``, ``-1.234,50``) is data and stays.
    XLSX (cells are stored as text, never run): control characters XML cannot hold become ``�`` and the
    text is cut to :data:`XLSX_CELL_LIMIT` characters.
    """
    if target == "csv":
        if text.startswith(_FORMULA_START) and not _PLAIN_NEGATIVE.fullmatch(text):
            return "'" + text
        return text
    clean = _XLSX_ILLEGAL.sub("\ufffd", text)
    return clean if len(clean) <= XLSX_CELL_LIMIT else clean[: XLSX_CELL_LIMIT - 1] + "…"


def xlsx_bytes(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    sheet_title: str = "Ark1",
    highlight_last_column: bool = False,
) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = sheet_title
    table = [list(headers), *(list(r) for r in rows)]
    widths: dict[int, int] = {}
    for row_index, values in enumerate(table, start=1):
        for col_index, value in enumerate(values, start=1):
            cell = sheet.cell(row=row_index, column=col_index)
            value = safe_cell(value, "xlsx")
            cell.value = value
            cell.data_type = "s"  # text as written: never a formula, never a number
            cell.alignment = Alignment(vertical="top", wrap_text=col_index == len(values))
            if row_index == 1:
                cell.font = Font(bold=True)
            elif highlight_last_column and col_index == len(values):
                cell.fill = PatternFill("solid", fgColor=ERROR_FILL)
            widths[col_index] = max(widths.get(col_index, 0), len(value))
    for col_index, longest in widths.items():
        letter = sheet.cell(row=1, column=col_index).column_letter
        sheet.column_dimensions[letter].width = min(60, max(8, longest + 2))
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
