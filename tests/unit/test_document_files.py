"""The pure rules for documents received: sizes in Danish, the total, and the type by the first bytes."""

from __future__ import annotations

import hashlib

from boligdesk.budget.documents import (
    LIMIT_TEXT,
    MAX_DOCUMENT_BYTES,
    CheckedFile,
    FileType,
    check_file,
    size_text,
    total_text,
)


def test_sizes_are_written_the_danish_way() -> None:
    assert size_text(0) == "0 byte"
    assert size_text(1023) == "1023 byte"
    assert size_text(312 * 1024) == "312 kB"
    assert size_text(round(4.2 * 1024 * 1024)) == "4,2 MB"
    assert size_text(1536 * 1024 * 1024) == "1.536,0 MB"
    assert LIMIT_TEXT == "20 MB" and MAX_DOCUMENT_BYTES == 20 * 1024 * 1024


def test_the_total_line() -> None:
    assert total_text(0, 0) == "Ingen dokumenter"
    assert total_text(1, 2048) == "1 dokument, 2 kB i alt"
    assert total_text(3, round(4.2 * 1024 * 1024)) == "3 dokumenter, 4,2 MB i alt"


def test_the_type_is_decided_by_the_first_bytes_and_must_match_the_name() -> None:
    pdf = b"%PDF-1.7\n..."
    assert check_file("Påkrav.PDF", pdf) == CheckedFile(
        FileType.PDF, len(pdf), hashlib.sha256(pdf).hexdigest()
    )
    assert isinstance(check_file("foto.jpeg", b"\xff\xd8\xff\xdb rest"), CheckedFile)
    assert isinstance(check_file("foto.jpg", b"\xff\xd8\xff\xe1 rest"), CheckedFile)
    # A text file renamed .pdf, a PDF whose magic is not at the start, a JPEG renamed .png
    assert "ikke en PDF-fil" in str(check_file("påkrav.pdf", b"%%PDF-1.4 not really"))
    assert "ikke en PDF-fil" in str(check_file("påkrav.pdf", b" %PDF-1.4"))
    assert "indholdet er en JPEG-fil" in str(check_file("scan.png", b"\xff\xd8\xff\xe0"))
    assert "tom (0 byte)" in str(check_file("x.pdf", b""))
    assert "højst fylde 20 MB" in str(check_file("x.pdf", b"%PDF-" + bytes(MAX_DOCUMENT_BYTES)))
