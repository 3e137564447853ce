"""``desk.documents``: the documents received on a case — the påkrav, the ophævelse, the fogedret's
summons, benefit decisions, the signed agreement scanned (issue 16).

* **Attach** (:meth:`DocumentService.attach` from a path, :meth:`attach_bytes` from memory): the file must
  be a PDF, PNG or JPEG by its first bytes (``budget/documents.check_file``), not empty and at most
  :data:`~boligdesk.budget.documents.MAX_DOCUMENT_BYTES`; a file larger than that is not even read.
* **Stored encrypted**: the bytes go into the ``documents`` row inside the SQLCipher database; no copy is
  written anywhere else. :meth:`content` hands the bytes to the viewer in memory (recorded as opened);
  :meth:`save_as` writes them where the adviser chose, and the audit log records the folder.
* **Synced** like every other table; a file from the share whose size is over the limit or whose
  checksum does not match is refused as a whole (``sync/documents.py``).
* **Deleted** documents are tombstoned; the file is blanked with the other personal columns once every
  laptop has the deletion (§20). Erasing the case removes the file at once (``personal_data``: TEXT).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import object_session

from boligdesk.budget.calendar import format_short
from boligdesk.budget.documents import (
    MAX_DOCUMENT_BYTES,
    DocumentKind,
    FileType,
    check_file,
    size_text,
    too_large_text,
    total_text,
)
from boligdesk.budget.vocabulary import AuditAction
from boligdesk.errors import UserInputError
from boligdesk.models import Case, Document
from boligdesk.models.atomic import atomic_write_bytes
from boligdesk.services.changes import Changes, Created, Part
from boligdesk.services.desk import NotFoundError, live

if TYPE_CHECKING:
    from boligdesk.services.access_export import AccessExport, Item
    from boligdesk.services.desk import Desk
    from boligdesk.services.personal_data import Treatment

_TITLE_MAX = 200


@dataclass(frozen=True, slots=True)
class DocumentRow:
    id: str
    case_id: str
    kind: DocumentKind
    title: str
    received_on: dt.date | None
    file_name: str
    file_type: FileType | None  # None: an unknown type came through sync (never attached here)
    size: int
    sha256: str
    added_by: str
    added_on: dt.date
    erased: bool  # the file was removed (erasure); only the facts are left

    @property
    def size_text(self) -> str:
        return size_text(self.size)

    @property
    def received_text(self) -> str:
        return format_short(self.received_on) if self.received_on else ""


@dataclass(frozen=True, slots=True)
class DocumentList:
    rows: tuple[DocumentRow, ...]

    @property
    def total_bytes(self) -> int:
        return sum(r.size for r in self.rows)

    @property
    def total_text(self) -> str:
        """``3 dokumenter, 4,2 MB i alt``."""
        return total_text(len(self.rows), self.total_bytes)


@dataclass(frozen=True, slots=True)
class OpenedDocument:
    """A document's bytes in memory, for the viewer (never written to disk by BoligDesk)."""

    row: DocumentRow
    data: bytes


def _row(d: Document, has_content: bool) -> DocumentRow:
    try:
        file_type: FileType | None = FileType(d.media_type)
    except ValueError:
        file_type = None
    return DocumentRow(
        d.id,
        d.case_id,
        d.kind,
        d.title,
        d.received_on,
        d.file_name,
        file_type,
        d.size,
        d.sha256,
        d.added_by,
        d.added_on,
        not has_content,
    )


def _file_name(name: str) -> str:
    """The name as kept with the document: no folders, no control characters, at most 255 characters."""
    base = re.split(r"[\\/]", name)[-1]
    base = "".join(ch for ch in base if ch.isprintable()).strip()
    return base[-255:] or "dokument"


def export_name(row: DocumentRow, number: int) -> str:
    """A safe file name for a document written out (the access export): ``01 Påkrav 24.11.2026.pdf``."""
    title = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", row.title or row.kind.label).strip(" .") or "dokument"
    day = f" {row.received_on:%d.%m.%Y}" if row.received_on else ""
    suffix = row.file_type.suffix if row.file_type is not None else ".bin"
    return f"{number:02d} {title[:80]}{day}{suffix}"


class DocumentService:
    """``desk.documents``: attach, list, open, save and delete the documents on a case."""

    def __init__(self, desk: Desk) -> None:
        self._desk = desk

    # ------------------------------------------------------------------------------------ reads
    def for_case(self, case_id: str) -> DocumentList:
        """The case's documents (not deleted), newest received first; never reads the files."""
        with self._desk.reading() as s:
            # length() reads the stored size from the record header, not the file's pages
            has_content = func.length(Document.content).is_not(None).label("has_content")
            rows = s.execute(
                select(Document, has_content)
                .where(Document.case_id == case_id, Document.deleted.is_(False))
                .order_by(Document.received_on.desc().nulls_last(), Document.created_at)
            ).all()
            return DocumentList(tuple(_row(d, bool(has)) for d, has in rows))

    def team_total(self) -> tuple[int, int]:
        """(documents, bytes) stored on this laptop for the whole team (deleted ones not counted)."""
        with self._desk.reading() as s:
            count, size = s.execute(
                select(func.count(Document.id), func.coalesce(func.sum(Document.size), 0)).where(
                    Document.deleted.is_(False), func.length(Document.content).is_not(None)
                )
            ).one()
            return int(count), int(size)

    def content(self, document_id: str) -> OpenedDocument:
        """The document's bytes for the viewer, in memory; the opening is recorded in the audit log."""
        opened = self._read(document_id)
        self._desk.record(
            AuditAction.OPEN, "document", document_id, case_id=opened.row.case_id, detail="vist"
        )
        return opened

    # ----------------------------------------------------------------------------------- writes
    def attach(
        self,
        case_id: str,
        path: Path,
        *,
        kind: DocumentKind | str,
        title: str = "",
        received_on: dt.date | None = None,
    ) -> Created:
        """Attach the file at ``path``. A file over the limit is refused before it is read."""
        name = _file_name(path.name)
        try:
            size = path.stat().st_size
            if size > MAX_DOCUMENT_BYTES:
                raise UserInputError("file", "document.too_large", too_large_text(name, size))
            data = path.read_bytes()
        except OSError as exc:
            raise UserInputError(
                "file",
                "document.unreadable",
                f"Filen »{name}« kunne ikke læses: {exc.strerror or exc}. Kontrollér, at den findes og ikke "
                "er åben i et andet program.",
            ) from exc
        return self.attach_bytes(case_id, name, data, kind=kind, title=title, received_on=received_on)

    def attach_bytes(
        self,
        case_id: str,
        file_name: str,
        data: bytes,
        *,
        kind: DocumentKind | str,
        title: str = "",
        received_on: dt.date | None = None,
    ) -> Created:
        name = _file_name(file_name)
        checked = check_file(name, data)
        if isinstance(checked, str):
            code = "document.empty" if not data else "document.wrong_type"
            if len(data) > MAX_DOCUMENT_BYTES:
                code = "document.too_large"
            raise UserInputError("file", code, checked)
        try:
            kind = DocumentKind(kind)
        except ValueError:
            raise UserInputError("kind", "document.kind", "Vælg hvilken slags dokument det er.") from None
        title = " ".join(title.split())
        if len(title) > _TITLE_MAX:
            raise UserInputError("title", "document.title_long", f"Titlen må højst være {_TITLE_MAX} tegn.")
        today = self._desk.today()
        if received_on is not None and received_on > today:
            raise UserInputError(
                "received_on", "document.received_in_future", "Dokumentet kan ikke være modtaget efter i dag."
            )
        if received_on is not None and received_on.year < 2000:
            raise UserInputError(
                "received_on", "document.received_old", "Datoen skal være år 2000 eller senere."
            )
        with self._desk.writing(case_id) as s:
            live(s, Case, case_id)
            doc = Document(
                case_id=case_id,
                kind=kind,
                title=title or kind.label,
                received_on=received_on,
                file_name=name,
                media_type=checked.file_type.value,
                size=checked.size,
                sha256=checked.sha256,
                added_by=self._desk.adviser_name,
                added_on=today,
                content=data,
            )
            s.add(doc)
            s.flush()
            doc_id = doc.id
        return Created(doc_id, Changes.of(case_id, Part.DOCUMENTS))

    def save_as(self, document_id: str, target: Path) -> Path:
        """Write the document to ``target`` (the adviser chose it); the audit log records the folder.

        The folder, not the file name: a name the adviser types often holds the citizen's name, and the
        audit log is kept after erasure."""
        opened = self._read(document_id)
        if opened.row.file_type is not None and not target.suffix:
            target = target.with_name(target.name + opened.row.file_type.suffix)
        atomic_write_bytes(target, opened.data, what="dokumentet")
        self._desk.record(
            AuditAction.EXPORT,
            "document",
            document_id,
            case_id=opened.row.case_id,
            detail=f"gemt som fil i {target.parent}",
        )
        return target

    def delete(self, case_id: str, document_id: str) -> Changes:
        """Tombstone the document (the file is blanked once every laptop has the deletion, §20)."""
        with self._desk.writing(case_id) as s:
            doc = live(s, Document, document_id)
            if doc.case_id != case_id:
                raise NotFoundError(Document)
            doc.deleted = True
        return Changes.of(case_id, Part.DOCUMENTS)

    # ---------------------------------------------------------------------------------- helpers
    def _read(self, document_id: str) -> OpenedDocument:
        with self._desk.reading() as s:
            doc = live(s, Document, document_id)
            data = doc.content
            row = _row(doc, data is not None)
        if data is None:
            raise UserInputError(
                "document",
                "document.erased",
                "Filen er slettet sammen med sagens personoplysninger; kun oplysningerne om den er tilbage.",
            )
        return OpenedDocument(row, data)


# --- the citizen's access export (services/access_export.py) ----------------------------------------
#: The folder beside the export's PDF that holds the documents: ``<pdf name> - dokumenter``.
EXPORT_FOLDER_SUFFIX = " - dokumenter"


def export_item(
    row: Document, kinds: Mapping[str, Treatment], labels: Mapping[str, str], number: int
) -> Item:
    """A document in the access export: its facts, and instead of the bytes the name of its file in the
    folder beside the PDF (the JSON says the same; the bytes are not put into the JSON)."""
    from boligdesk.services.access_export import _LABELS, SECTIONS, Item, Value, _raw, _shown
    from boligdesk.services.personal_data import Treatment

    session = object_session(row)
    assert session is not None
    # length() reads the size from the record: the export lists the files without loading them
    has_content = (
        session.scalar(select(func.length(Document.content)).where(Document.id == row.id)) is not None
    )
    shown_row = _row(row, has_content)
    name = export_name(shown_row, number) if has_content else ""
    values: list[Value] = []
    for column, kind in kinds.items():
        if column.endswith("_id"):
            continue
        label = labels.get(column) or _LABELS.get(column) or _DOCUMENT_LABELS.get(column, column)
        if column == "content":
            shown = f"Udleveres som filen »{name}«" if name else "Filen er slettet"
            values.append(Value(column, "Fil", shown, {"fil": name} if name else None, False))
            continue
        value = getattr(row, column)
        if column == "size":
            values.append(Value(column, label, size_text(value), value, False))
            continue
        if column == "media_type" and shown_row.file_type is not None:
            values.append(Value(column, label, shown_row.file_type.label, value, False))
            continue
        values.append(Value(column, label, _shown(value), _raw(value), kind is Treatment.STAFF))
    return Item(
        f"documents:{row.id}", "documents", SECTIONS["documents"], tuple(values), False, bool(row.deleted)
    )


_DOCUMENT_LABELS = {
    "received_on": "Modtaget",
    "file_name": "Filnavn",
    "media_type": "Filtype",
    "size": "Størrelse",
    "added_by": "Vedhæftet af",
    "added_on": "Vedhæftet",
}


def write_beside(desk: Desk, export: AccessExport, redacted: set[str], pdf_path: Path) -> Path | None:
    """Write the exported documents (not redacted, not erased) into ``<pdf name> - dokumenter`` beside the
    PDF; returns the folder, or None when there was no document to write."""
    wanted: dict[str, str] = {}
    for item in export.items:
        if item.table != "documents" or item.key in redacted:
            continue
        raw = next((v.raw for v in item.values if v.name == "content"), None)
        if isinstance(raw, dict) and raw.get("fil"):
            wanted[item.key.split(":", 1)[1]] = str(raw["fil"])
    if not wanted:
        return None
    folder = pdf_path.with_name(pdf_path.stem + EXPORT_FOLDER_SUFFIX)
    with desk.reading() as s:
        for doc_id, name in wanted.items():
            data = s.scalar(select(Document.content).where(Document.id == doc_id))
            if data is not None:
                atomic_write_bytes(folder / name, data, what="dokumentet")
    return folder
