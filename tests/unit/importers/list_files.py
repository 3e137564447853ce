"""Writing invented termination lists the way Danish offices produce them (used by several test layers).

Every name, address and number here is invented.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook

HEADER = [
    "Lejemålsnr.",
    "Lejers navn",
    "Adresse",
    "Postnr.",
    "By",
    "Afd.",
    "Restance",
    "Ophævelsesdato",
    "Påkravsdato",
    "Husleje",
    "Telefon",
]

# Three good rows, as text (what a CSV holds).
GOOD_ROWS = [
    [
        "12-0101",
        "Kjærgård, Åse",
        "Solvænget 4, 2. tv",
        "2400",
        "København NV",
        "12",
        "8.412,50",
        "05-03-2026",
        "17.02.2026",
        "6.512,00",
        "20 30 40 50",
    ],
    [
        "12-0102",
        "Søren Øbro",
        "Solvænget 6, st. th",
        "2400",
        "København NV",
        "12",
        "1234,5",
        "5.3.2026",
        "",
        "5.980,00",
        "",
    ],
    [
        "14-0007",
        "Bjørn Æblegaard",
        "Kærhaven 17",
        "2650",
        "Hvidovre",
        "14 Kærhaven",
        "12.000",
        "2026-03-05",
        "2026-02-16",
        "",
        "+45 61 62 63 64",
    ],
]

TODAY = dt.date(2026, 3, 10)


def write_csv(
    path: Path,
    rows: Sequence[Sequence[str]],
    *,
    header: Sequence[str] = HEADER,
    delimiter: str = ";",
    encoding: str = "cp1252",
    bom: bool = False,
    title: str | None = None,
) -> Path:
    """A CSV as Excel writes it: CRLF line ends, quotes only where needed."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    if title is not None:
        writer.writerow([title] + [""] * (len(header) - 1))
    writer.writerow(header)
    writer.writerows(rows)
    data = buffer.getvalue().encode(encoding)
    if bom:
        data = codecs.BOM_UTF8 + data
    path.write_bytes(data)
    return path


def write_xlsx(
    path: Path,
    rows: Sequence[Sequence[object]],
    *,
    header: Sequence[str] = HEADER,
    title: str | None = None,
    sheet_title: str = "Ophævelser",
) -> Path:
    """An XLSX written with openpyxl; ``rows`` may hold real dates and numbers, or text."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = sheet_title
    if title is not None:
        sheet.append([title])
    sheet.append(list(header))
    for row in rows:
        sheet.append([None if value == "" else value for value in row])
    workbook.save(path)
    return path


def xlsx_typed_rows() -> list[list[object]]:
    """:data:`GOOD_ROWS` as Excel holds them when typed in: dates, numbers and some text."""
    return [
        ["12-0101", "Kjærgård, Åse", "Solvænget 4, 2. tv", 2400, "København NV", 12, 8412.5,
         dt.datetime(2026, 3, 5), dt.datetime(2026, 2, 17), 6512, "20 30 40 50"],
        ["12-0102", "Søren Øbro", "Solvænget 6, st. th", 2400, "København NV", 12, 1234.5,
         "5.3.2026", None, 5980.0, None],
        ["14-0007", "Bjørn Æblegaard", "Kærhaven 17", 2650, "Hvidovre", "14 Kærhaven", 12000,
         dt.date(2026, 3, 5), "2026-02-16", None, "+45 61 62 63 64"],
    ]  # fmt: skip
