"""A sync file's documents are checked before anything of the file is applied (issue 16).

Each ``documents`` row carries the file, its size and its SHA-256. A row whose file is larger than
:data:`~boligdesk.budget.documents.MAX_DOCUMENT_BYTES`, whose size or checksum does not match the bytes,
whose bytes are not valid base64, or whose first bytes are not the PDF/PNG/JPEG its media type says, refuses the whole file (:class:`SyncFileRefused`, a Danish message):
nothing of it is applied, as for a tampered file. A row without a file (erased or purged) passes.
"""

from __future__ import annotations

import base64
import binascii
import hashlib

from boligdesk.budget.documents import LIMIT_TEXT, MAX_DOCUMENT_BYTES, size_text, sniff
from boligdesk.sync.fileformat import Body, SyncFileRefused

#: base64 of the largest file allowed (4 characters per 3 bytes, rounded up).
_MAX_ENCODED = (MAX_DOCUMENT_BYTES + 2) // 3 * 4


def _refuse(why: str) -> SyncFileRefused:
    return SyncFileRefused(
        "sync.document_refused",
        f"Filen blev afvist, fordi et vedhæftet dokument i den ikke kan godtages: {why} "
        "Intet fra filen er brugt. Bed kollegaen om at synkronisere igen; sker det igen, kan filen være "
        "ændret af andre end teamet.",
    )


def check_documents(body: Body) -> None:
    """Raise :class:`SyncFileRefused` if a document in ``body`` is too large or does not match its checksum."""
    for row in body.rows.get("documents", ()):
        size = row.get("size")
        if isinstance(size, int) and size > MAX_DOCUMENT_BYTES:
            raise _refuse(f"det fylder {size_text(size)}, og grænsen er {LIMIT_TEXT} pr. dokument.")
        encoded = row.get("content")
        if encoded is None:
            continue
        if not isinstance(encoded, str) or len(encoded) > _MAX_ENCODED:
            length = len(encoded) * 3 // 4 if isinstance(encoded, str) else 0
            raise _refuse(f"det fylder {size_text(length)}, og grænsen er {LIMIT_TEXT} pr. dokument.")
        try:
            data = base64.b64decode(encoded.encode("ascii"), validate=True)
        except (binascii.Error, ValueError, UnicodeEncodeError):
            raise _refuse("filens indhold er beskadiget.") from None
        if len(data) > MAX_DOCUMENT_BYTES:
            raise _refuse(f"det fylder {size_text(len(data))}, og grænsen er {LIMIT_TEXT} pr. dokument.")
        if size != len(data) or hashlib.sha256(data).hexdigest() != row.get("sha256"):
            raise _refuse("filens kontrolsum (SHA-256) passer ikke med indholdet.")
        found = sniff(data)
        if found is None or found.value != row.get("media_type"):
            raise _refuse("filen er ikke den PDF-fil eller det billede, den udgiver sig for at være.")
