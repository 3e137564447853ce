"""Documents received on a case (the påkrav, the ophævelse, the fogedret's summons …), issue 16.

The file itself is a column of the row, inside the SQLCipher database (decisions §30): encrypted with
the database's key like every other value, backed up, synced and erased with the case by the same
machinery. The column is deferred, so loading a row for a list never reads the file.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from boligdesk.budget.documents import DocumentKind
from boligdesk.models.base import Base, Synced, enum_type


class Document(Synced, Base):
    """One file attached to a case. Never changed after it is attached: only deleted (tombstoned)."""

    __tablename__ = "documents"

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[DocumentKind] = mapped_column(enum_type(DocumentKind))
    title: Mapped[str] = mapped_column(String(200), default="")
    received_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    file_name: Mapped[str] = mapped_column(String(255), default="")
    media_type: Mapped[str] = mapped_column(String(40), default="")
    size: Mapped[int] = mapped_column(Integer, default=0)
    sha256: Mapped[str] = mapped_column(String(64), default="")
    added_by: Mapped[str] = mapped_column(String(200), default="")
    added_on: Mapped[dt.date] = mapped_column(Date)
    #: The file's bytes; None once erased (with the case) or purged (a deleted document, §20). The last
    #: column of the table (``sort_order``): SQLite then reads every other column (lists, sync scans)
    #: without walking the file's overflow pages.
    content: Mapped[bytes | None] = mapped_column(LargeBinary, default=None, deferred=True, sort_order=1000)
