"""Documents received on a case: the picklist, the size limit and the file check (pure, no Qt/SQLAlchemy).

A document is a PDF or an image (PNG, JPEG). What a file *is* is decided by its first bytes (its magic
number), not by its name: a file named ``.pdf`` that does not start with ``%PDF-`` is refused, and so is a
PNG named ``.pdf``. The size limit per file keeps a sync file (which carries the document) and the
database small enough to send over the team's shared folder.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from enum import StrEnum

#: The largest file that can be attached (and that sync accepts from another laptop): 20 MiB.
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024


class DocumentKind(StrEnum):
    DEMAND = "demand"  # påkrav
    TERMINATION = "termination"  # ophævelse
    BAILIFF_SUMMONS = "bailiff_summons"  # indkaldelse fra fogedretten
    BENEFIT_DECISION = "benefit_decision"  # afgørelse om ydelse
    SIGNED_AGREEMENT = "signed_agreement"  # underskrevet aftale
    OTHER = "other"

    @property
    def label(self) -> str:
        return DOCUMENT_KIND_LABELS[self]


DOCUMENT_KIND_LABELS: dict[DocumentKind, str] = {
    DocumentKind.DEMAND: "Påkrav",
    DocumentKind.TERMINATION: "Ophævelse",
    DocumentKind.BAILIFF_SUMMONS: "Indkaldelse fra fogedretten",
    DocumentKind.BENEFIT_DECISION: "Afgørelse om ydelse",
    DocumentKind.SIGNED_AGREEMENT: "Underskrevet aftale",
    DocumentKind.OTHER: "Andet",
}


class FileType(StrEnum):
    PDF = "application/pdf"
    PNG = "image/png"
    JPEG = "image/jpeg"

    @property
    def label(self) -> str:
        return {FileType.PDF: "PDF", FileType.PNG: "PNG-billede", FileType.JPEG: "JPEG-billede"}[self]

    @property
    def short(self) -> str:
        return {FileType.PDF: "PDF", FileType.PNG: "PNG", FileType.JPEG: "JPEG"}[self]

    @property
    def suffix(self) -> str:
        return {FileType.PDF: ".pdf", FileType.PNG: ".png", FileType.JPEG: ".jpg"}[self]

    @property
    def is_image(self) -> bool:
        return self is not FileType.PDF


_MAGIC: tuple[tuple[bytes, FileType], ...] = (
    (b"%PDF-", FileType.PDF),
    (b"\x89PNG\r\n\x1a\n", FileType.PNG),
    (b"\xff\xd8\xff", FileType.JPEG),
)

#: The file name endings offered and accepted, with the type each promises.
SUFFIXES: dict[str, FileType] = {
    ".pdf": FileType.PDF,
    ".png": FileType.PNG,
    ".jpg": FileType.JPEG,
    ".jpeg": FileType.JPEG,
}


def sniff(data: bytes) -> FileType | None:
    """The type the file's first bytes say it is, or None (not a PDF, PNG or JPEG)."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    return None


def size_text(size: int) -> str:
    """``4,2 MB``, ``312 kB``, ``0 byte``: Danish, 1 kB = 1024 byte, one decimal for MB."""
    if size < 1024:
        return f"{size} byte"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} kB"
    tenths = round(size * 10 / (1024 * 1024))
    whole, tenth = divmod(tenths, 10)
    return f"{whole:,}".replace(",", ".") + f",{tenth} MB"


LIMIT_TEXT = size_text(MAX_DOCUMENT_BYTES).replace(",0 ", " ")


def too_large_text(name: str, size: int) -> str:
    return (
        f"Filen »{name}« fylder {size_text(size)}. Et dokument må højst fylde {LIMIT_TEXT}. "
        "Scan det med lavere opløsning eller del det op i flere filer."
    )


def total_text(count: int, size: int) -> str:
    """``3 dokumenter, 4,2 MB i alt`` (``Ingen dokumenter`` when there are none)."""
    if count == 0:
        return "Ingen dokumenter"
    noun = "dokument" if count == 1 else "dokumenter"
    return f"{count} {noun}, {size_text(size)} i alt"


@dataclass(frozen=True, slots=True)
class CheckedFile:
    file_type: FileType
    size: int
    sha256: str


def check_file(name: str, data: bytes) -> CheckedFile | str:
    """The file's type, size and checksum, or the Danish reason it cannot be attached."""
    if not data:
        return f"Filen »{name}« er tom (0 byte). Vælg den rigtige fil, eller scan dokumentet igen."
    if len(data) > MAX_DOCUMENT_BYTES:
        return too_large_text(name, len(data))
    found = sniff(data)
    suffix = "." + name.rsplit(".", 1)[-1].casefold() if "." in name else ""
    promised = SUFFIXES.get(suffix)
    if found is None:
        if promised is not None:
            return (
                f"Filen »{name}« hedder {suffix}, men indholdet er ikke en {promised.short}-fil. "
                "Den kan være beskadiget eller omdøbt. Kun PDF, PNG og JPEG kan vedhæftes."
            )
        return f"Filen »{name}« er hverken en PDF-fil eller et billede (PNG/JPEG). Kun dem kan vedhæftes."
    if promised is None:
        return f"Filen »{name}« skal hedde .pdf, .png, .jpg eller .jpeg (indholdet er en {found.short}-fil)."
    if promised is not found:
        return (
            f"Filen »{name}« hedder {suffix}, men indholdet er en {found.short}-fil. "
            "Omdøb den, så navnet passer til indholdet."
        )
    return CheckedFile(found, len(data), hashlib.sha256(data).hexdigest())
