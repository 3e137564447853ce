"""Text being typed that is not saved yet: a journal note, an edited letter. Local to this laptop.

A draft is not :class:`~boligdesk.models.base.Synced`, so it never leaves the laptop (a half-typed note
must not reach colleagues), and it lives in the encrypted store, never in a temporary file. Drafts are
written as the adviser types (debounced) and when the desk closes, so they survive a crash.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from boligdesk.models.base import Base, utcnow


class Draft(Base):
    """One unsaved text: ``kind`` ("journal", "letter"), the case, and ``slot`` (the letter template)."""

    __tablename__ = "drafts"

    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    case_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    slot: Mapped[str] = mapped_column(String(120), primary_key=True, default="")
    #: The draft's fields as JSON, e.g. {"text": "…"} or {"subject": "…", "recipient": "…", "body": "…"}.
    content: Mapped[str] = mapped_column(Text, default="{}")
    saved_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
