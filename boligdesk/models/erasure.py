"""Erasure markers: "the personal data of this case was erased" — a fact that travels through sync.

A marker is stronger than any edit: every laptop that holds it blanks the case's personal data again
after each sync file it applies (:mod:`boligdesk.sync.erasure`), so an edit made on a laptop that was
offline during the erasure never brings the data back. The marker itself holds no personal data.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, String
from sqlalchemy.orm import Mapped, mapped_column

from boligdesk.models.base import Base, Synced


class Erasure(Synced, Base):
    """The personal data of case ``case_id`` was erased on ``erased_on`` (never undone)."""

    __tablename__ = "erasures"

    # Not a foreign key: a marker may arrive before the case on a laptop that has just joined.
    case_id: Mapped[str] = mapped_column(String(36), index=True)
    erased_on: Mapped[dt.date] = mapped_column(Date)
    erased_by: Mapped[str] = mapped_column(String(200), default="")
    #: "retention" (the organisation's retention rule) or "manual" (erased on one case by hand).
    reason: Mapped[str] = mapped_column(String(20), default="manual")
