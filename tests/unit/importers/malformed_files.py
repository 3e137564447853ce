"""A generated corpus of malformed termination lists: each file once crashed the import with a traceback.

Every file starts from the good invented list (:mod:`tests.unit.importers.list_files`) and breaks one
thing, the way a landlord's system, a cut download or a hostile sender would.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from tests.unit.importers.list_files import GOOD_ROWS, HEADER, write_csv, write_xlsx, xlsx_typed_rows

SHEET = "xl/worksheets/sheet1.xml"


def row_with(index: int = 0, **changes: str) -> list[str]:
    """A good CSV row with some cells (by header) replaced."""
    row = list(GOOD_ROWS[index])
    for header, value in changes.items():
        row[HEADER.index(header)] = value
    return row


def good_xlsx_bytes(tmp_path: Path) -> bytes:
    return write_xlsx(tmp_path / "god.xlsx", xlsx_typed_rows()).read_bytes()


def rezip(data: bytes, change: Callable[[str, bytes], bytes]) -> bytes:
    """The XLSX ``data`` with every member passed through ``change(name, content)``."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, change(info.filename, source.read(info.filename)))
    return out.getvalue()


def _sheet_only(fn: Callable[[bytes], bytes]) -> Callable[[str, bytes], bytes]:
    return lambda name, content: fn(content) if name == SHEET else content


_BOMB_DTD = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b"<!DOCTYPE worksheet ["
    b'<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">'
    b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">'
    b"]>"
)


def xlsx_corpus(tmp_path: Path) -> dict[str, bytes]:
    """Broken XLSX files by name: each must be refused as a whole with a Danish message."""
    good = good_xlsx_bytes(tmp_path)
    name_cell = 't="inlineStr"><is><t>Søren Øbro</t></is>'.encode()
    return {
        "sheet-cut-in-half": rezip(good, _sheet_only(lambda b: b[: len(b) // 2])),
        "sheet-cut-after-one-row": rezip(good, _sheet_only(lambda b: b[: b.index(b"</row>") + 6])),
        "sheet-with-entity-bomb": rezip(
            good, _sheet_only(lambda b: _BOMB_DTD + b.replace(b"<t>Adresse</t>", b"<t>&c;</t>"))
        ),
        "workbook-with-dtd": rezip(
            good,
            lambda name, b: (
                b'<!DOCTYPE workbook [<!ENTITY x "x">]>' + b.split(b"?>", 1)[-1]
                if name == "xl/workbook.xml"
                else b
            ),
        ),
        "shared-string-out-of-range": rezip(
            good, _sheet_only(lambda b: b.replace(name_cell, b't="s"><v>9999</v>'))
        ),
        "shared-string-not-a-number": rezip(
            good, _sheet_only(lambda b: b.replace(name_cell, b't="s"><v>abc</v>'))
        ),
        "number-cell-not-a-number": rezip(
            good, _sheet_only(lambda b: b.replace(b"<v>8412.5</v>", b"<v>12abc</v>"))
        ),
        "number-cell-of-5000-digits": rezip(
            good, _sheet_only(lambda b: b.replace(b"<v>8412.5</v>", b"<v>" + b"9" * 5000 + b"</v>"))
        ),
        "zip-cut-in-half": good[: len(good) // 2],
        "sheet-member-corrupted": _corrupt_member(good),
        "no-sheet-xml": rezip(good, lambda name, b: b"" if name == SHEET else b),
    }


def _corrupt_member(data: bytes) -> bytes:
    """Flip bytes inside the compressed sheet: the CRC check (or inflate) fails only when it is read."""
    marker = SHEET.encode()
    start = data.index(marker) + len(marker) + 40
    broken = bytearray(data)
    for i in range(start, start + 60):
        broken[i] ^= 0x5A
    return bytes(broken)


def xlsx_with_cell(tmp_path: Path, column: str, value: object, name: str = "celle.xlsx") -> Path:
    """The typed XLSX list with one cell of the first row replaced by ``value`` (a float like 1e300)."""
    rows = xlsx_typed_rows()
    rows[0][HEADER.index(column)] = value
    return write_xlsx(tmp_path / name, rows)


def csv_with(tmp_path: Path, rows: list[list[str]], name: str = "liste.csv") -> Path:
    return write_csv(tmp_path / name, rows, encoding="utf-8")


def shared_string_sheet(data: bytes) -> bytes:
    """Every inline string of the sheet as a plain ``<v>`` index, for fuzzing the shared-string path."""
    return rezip(
        data, _sheet_only(lambda b: re.sub(rb't="inlineStr"><is><t>[^<]*</t></is>', b't="s"><v>0</v>', b))
    )
