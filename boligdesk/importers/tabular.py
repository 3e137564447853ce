"""Reading a spreadsheet file into rows of cells, the way Danish offices produce them.

Accepted files (the format is recognised from the content, not the file name):

* **XLSX** (openpyxl, read-only, cached formula results). A cell is text, a number or a date; Excel
  date cells become :class:`datetime.date`. Numbers become :class:`~decimal.Decimal` at once: Excel stores
  them as binary doubles, so ``0,1 + 0,2`` arrives as ``0.30000000000000004``; digits beyond the sixth
  decimal are such noise and are rounded away (far below one øre).
* **CSV / text**: Excel's Danish CSV (semicolon, Windows-1252), the same in UTF-8 with or without BOM,
  comma-separated UTF-8, tab-separated text and Excel's "Unicode-tekst" (UTF-16 with BOM, tabs).
  An optional first line ``sep=;`` (written by some Excel versions) is honoured. Every cell is text.

The separator of a text file is guessed from the first lines; because a guess can be wrong (a comma
inside amounts like ``1.234,50``), :func:`read_sheets` returns the readings in order of likelihood and
the caller takes the first one in which it recognises its header row.

Row numbers are the numbers Excel shows (the first line is row 1), so a rejected row can be found in the
original file. Blank rows are left out but keep their place in the numbering.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import warnings
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import partial
from pathlib import Path
from xml.etree import ElementTree

from boligdesk.errors import UserInputError

Cell = str | Decimal | dt.date | None
"""One cell: stripped text, an exact number, a date, or None when empty."""

_DELIMITERS = (";", "\t", ",")
_SAMPLE_LINES = 20
_NUMBER_NOISE = Decimal("0.000001")
_XLSX_MAGIC = b"PK\x03\x04"
_XLS_MAGIC = b"\xd0\xcf\x11\xe0"
_SEP_LINE = re.compile(r"^\ufeff?sep=(.)\s*$", re.IGNORECASE)


class ImportFileError(UserInputError):
    """The file as a whole cannot be used (missing, unreadable, wrong format, no header)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__("file", code, message)


@dataclass(frozen=True)
class SheetRow:
    line: int
    cells: tuple[Cell, ...]


class Sheet:
    """One reading of the file: a worksheet of an XLSX file, or a text file split at one separator.

    ``load`` instead of ``rows``: the rows are read when first asked for (a text file's less likely
    separators are then never split at all when the first reading has the header)."""

    def __init__(
        self,
        title: str,
        rows: tuple[SheetRow, ...] | None = None,
        *,
        load: Callable[[], tuple[SheetRow, ...]] | None = None,
    ) -> None:
        if (rows is None) == (load is None):
            raise TypeError("Sheet needs rows or load")
        self.title = title
        self._rows = rows
        self._load = load

    @property
    def rows(self) -> tuple[SheetRow, ...]:
        if self._rows is None:
            assert self._load is not None
            self._rows = self._load()
            self._load = None
        return self._rows


def read_sheets(path: Path) -> list[Sheet]:
    """All plausible readings of ``path``, most likely first. Raises :class:`ImportFileError`."""
    data = _read_bytes(path)
    if not data.strip():
        raise ImportFileError("import.empty_file", f"Filen »{path.name}« er tom.")
    if data.startswith(_XLSX_MAGIC):
        return _read_xlsx(path, data)
    if data.startswith(_XLS_MAGIC):
        raise ImportFileError(
            "import.old_excel",
            f"»{path.name}« er i Excels gamle format (.xls). Åbn filen i Excel, vælg »Gem som« "
            "og gem den som Excel-projektmappe (.xlsx) eller CSV, og importér den igen.",
        )
    text = decode_text(data, path.name)
    return _read_delimited(text)


def cell_text(cell: Cell) -> str:
    """A cell as text: dates as ``05.03.2026``, numbers with Danish decimal comma (``1234,5``)."""
    if cell is None:
        return ""
    if isinstance(cell, str):
        return cell
    if isinstance(cell, dt.date):
        return f"{cell.day:02d}.{cell.month:02d}.{cell.year:04d}"
    return number_text(cell).replace(".", ",")


def number_text(value: Decimal) -> str:
    """``Decimal('10234')`` → ``10234``, ``Decimal('1234.50')`` → ``1234.5`` (never ``1E+2``)."""
    text = format(value, "f")  # exact for any size: no rounding to the context's 28 digits
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def decode_text(data: bytes, name: str = "filen") -> str:
    """Decode a text file: BOM first (UTF-8, UTF-16), then strict UTF-8, then Windows-1252."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise _not_a_table(name) from exc
    if b"\x00" in data:
        raise _not_a_table(name)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        # The five byte values cp1252 leaves undefined: Latin-1 decodes everything.
        return data.decode("latin-1")


def _not_a_table(name: str) -> ImportFileError:
    return ImportFileError(
        "import.unknown_format",
        f"»{name}« er hverken en CSV-fil eller et Excel-regneark (.xlsx). "
        "Gem listen fra Excel som .xlsx eller CSV og prøv igen.",
    )


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise ImportFileError("import.file_missing", f"Filen »{path}« findes ikke.") from exc
    except IsADirectoryError as exc:
        raise ImportFileError("import.is_folder", f"»{path}« er en mappe, ikke en fil.") from exc
    except OSError as exc:
        raise ImportFileError(
            "import.unreadable",
            f"Filen »{path.name}« kan ikke læses: {exc.strerror or exc}. "
            "Luk den i Excel, hvis den er åben, og prøv igen.",
        ) from exc


# --- text files ------------------------------------------------------------------------------------


def _read_delimited(text: str) -> list[Sheet]:
    lines = text.splitlines()
    forced: str | None = None
    if lines and (match := _SEP_LINE.match(lines[0])):
        # Excel hides the ``sep=`` line, so the header is row 1 there too: drop it before numbering.
        forced = match.group(1)
        text = "\n".join(lines[1:])
    delimiters = [forced] if forced else rank_delimiters(text)
    return [Sheet(title=_delimiter_name(d), load=partial(_split, text, d)) for d in delimiters]


def rank_delimiters(text: str) -> list[str]:
    """Candidate separators, most likely first.

    A separator is likely when it splits many of the first lines into the same number (> 1) of
    fields; ties go to more fields, then to the order semicolon, tab, comma (Danish Excel's default
    first).
    """
    sample = [line for line in text.splitlines() if line.strip()][:_SAMPLE_LINES]
    scored: list[tuple[int, int, int, str]] = []
    for priority, delimiter in enumerate(_DELIMITERS):
        try:
            counts = Counter(len(row) for row in csv.reader(sample, delimiter=delimiter))
        except csv.Error:
            continue  # a cell too large to read: :func:`_split` says so with the row number
        counts.pop(1, None)
        counts.pop(0, None)
        if not counts:
            continue
        width, lines_with_width = max(counts.items(), key=lambda item: (item[1], item[0]))
        scored.append((-lines_with_width, -width, priority, delimiter))
    ranked = [d for *_, d in sorted(scored)]
    # A one-column file is still a file: let the header check say which columns are missing.
    return ranked or [";"]


def _delimiter_name(delimiter: str) -> str:
    return {";": "semikolon", "\t": "tabulator", ",": "komma"}.get(delimiter, delimiter)


def _split(text: str, delimiter: str) -> tuple[SheetRow, ...]:
    rows: list[SheetRow] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    number = 0
    try:
        for number, record in enumerate(reader, start=1):
            # _clean_text inlined: this runs for every cell of the file.
            cells = tuple([value.replace("\u00a0", " ").strip() or None for value in record])
            if any(cells):
                rows.append(SheetRow(number, cells))
    except csv.Error as exc:
        line = number + 1  # the row Excel would show, not the physical line
        if "field larger than field limit" in str(exc):
            raise ImportFileError(
                "import.cell_too_large",
                f"Filen har en celle med mere end {csv.field_size_limit() // 1024} KiB tekst (række {line}). "
                "Det er ikke en ophævelsesliste, som BoligDesk kan læse: ret "
                "cellen, eller bed afsenderen om en ny fil.",
            ) from exc
        raise ImportFileError(
            "import.bad_csv",
            f"CSV-filen kan ikke læses (række {line}): den har tegn eller anførselstegn, som en CSV-fil "
            "ikke kan have. Åbn den i Excel og gem den igen som CSV.",
        ) from exc
    return tuple(rows)


def _clean_text(value: str) -> str | None:
    text = value.replace("\u00a0", " ").strip()
    return text or None


# --- XLSX --------------------------------------------------------------------------------------------


#: What a damaged or hostile XLSX makes openpyxl and zipfile raise, at load or while the rows are read
#: (read-only mode parses the sheet XML lazily): a cut or garbled XML, a bad zip member, a shared-string
#: index out of range, a number cell that is not a number, a missing part.
_XLSX_FAULTS: tuple[type[BaseException], ...] = (
    ElementTree.ParseError,
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    IndexError,
    KeyError,
    TypeError,
    AttributeError,
    OverflowError,
    NotImplementedError,
)
#: An XLSX list is a few hundred KB unpacked; more than this is not a termination list (or a zip bomb).
XLSX_UNPACKED_LIMIT = 200 * 1024 * 1024
_DTD_MARKERS = tuple(
    marker.encode(encoding)
    for marker in ("<!DOCTYPE", "<!ENTITY")
    for encoding in ("utf-8", "utf-16-le", "utf-16-be")
)
_SCAN_CHUNK = 1024 * 1024


def _read_xlsx(path: Path, data: bytes) -> list[Sheet]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    _check_xlsx_package(path, data)
    try:
        with warnings.catch_warnings():
            # openpyxl warns about styles and extensions of files from other producers; harmless.
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                worksheets = list(workbook.worksheets)
                active = workbook.active
                if active in worksheets:
                    worksheets.remove(active)
                    worksheets.insert(0, active)
                sheets = []
                for worksheet in worksheets:
                    if not hasattr(worksheet, "iter_rows"):  # a chart sheet
                        continue
                    sheets.append(Sheet(title=str(worksheet.title), rows=_xlsx_rows(worksheet)))
            finally:
                workbook.close()
    except (*_XLSX_FAULTS, InvalidFileException) as exc:
        raise _bad_xlsx(path) from exc
    return sheets


def _bad_xlsx(path: Path) -> ImportFileError:
    return ImportFileError(
        "import.bad_xlsx",
        f"»{path.name}« kan ikke læses som et Excel-regneark (.xlsx): filen er ufuldstændig eller "
        "beskadiget. Åbn den i Excel og gem den igen som .xlsx eller CSV.",
    )


def _check_xlsx_package(path: Path, data: bytes) -> None:
    """Refuse before parsing: a package that unpacks to more than :data:`XLSX_UNPACKED_LIMIT`, a damaged
    member (every member is read once, so its checksum is checked) and any XML with a document type
    declaration. Excel never writes one; it is how entity bombs and external entities get in."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            members = package.infolist()
            too_large = sum(m.file_size for m in members) > XLSX_UNPACKED_LIMIT
            with_dtd = not too_large and any(_has_dtd(package, m) for m in members)
    except _XLSX_FAULTS as exc:
        raise _bad_xlsx(path) from exc
    if too_large:
        raise ImportFileError(
            "import.xlsx_too_large",
            f"»{path.name}« fylder mere end {XLSX_UNPACKED_LIMIT // (1024 * 1024)} MB udpakket. "
            "Det er ikke en ophævelsesliste, som BoligDesk kan læse. Gem listen som CSV og prøv igen.",
        )
    if with_dtd:
        raise ImportFileError(
            "import.xlsx_dtd",
            f"»{path.name}« indeholder en XML-dokumenttypeerklæring (DTD), som Excel aldrig skriver. "
            "Filen læses ikke af sikkerhedshensyn. Åbn den i Excel og gem den igen som .xlsx eller CSV.",
        )


def _has_dtd(package: zipfile.ZipFile, member: zipfile.ZipInfo) -> bool:
    overlap = max(len(m) for m in _DTD_MARKERS) - 1
    tail = b""
    with package.open(member) as stream:
        while chunk := stream.read(_SCAN_CHUNK):
            window = tail + chunk
            if any(marker in window for marker in _DTD_MARKERS):
                return True
            tail = window[-overlap:]
    return False


def _xlsx_rows(worksheet: object) -> tuple[SheetRow, ...]:
    reset = getattr(worksheet, "reset_dimensions", None)
    if reset is not None:
        reset()  # the stored dimensions of files from other producers can be wrong
    rows: list[SheetRow] = []
    for raw_row in worksheet.iter_rows():  # type: ignore[attr-defined]
        placed: dict[int, Cell] = {}
        line = 0
        for position, xl_cell in enumerate(raw_row):
            column = getattr(xl_cell, "column", None)
            index = (column - 1) if isinstance(column, int) else position
            value = xlsx_value(xl_cell.value)
            if value is not None:
                placed[index] = value
                line = line or int(xl_cell.row)
        if not placed:
            continue
        width = max(placed) + 1
        rows.append(SheetRow(line, tuple(placed.get(i) for i in range(width))))
    return tuple(rows)


def xlsx_value(value: object) -> Cell:
    """An openpyxl cell value as a :data:`Cell` (no float survives this function)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "Ja" if value else "Nej"
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        exact = Decimal(repr(value))
        if not exact.is_finite():
            return None
        if exact.as_tuple().exponent < _NUMBER_NOISE.as_tuple().exponent:  # type: ignore[operator]
            exact = exact.quantize(_NUMBER_NOISE, rounding=ROUND_HALF_UP)
        return exact
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    return _clean_text(str(value))
