"""The organisation's own rate entries (Indstillinger → Satser): synced, one row per (table, date)."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import Boolean, Date, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from boligdesk.budget.calendar import format_short
from boligdesk.budget.ratebook import TABLES
from boligdesk.models.base import Base, Synced


def rate_entry_id(table: str, valid_from: dt.date) -> str:
    """The derived id of the entry for ``table`` in force from ``valid_from`` (the same on every laptop)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"boligdesk:rate:{table}:{valid_from.isoformat()}"))


class RateEntryRow(Synced, Base):
    """One set of figures of a rate table, in force from ``valid_from`` (``budget/ratebook.py``).

    The id is derived from (table, date in force), so two laptops entering the same year make the same row
    and sync merges it as one, keeping the losing value as a conflict (decisions §18).
    """

    __tablename__ = "rate_entries"
    __derived_id__ = True

    table_key: Mapped[str] = mapped_column(String(40), index=True)
    valid_from: Mapped[dt.date] = mapped_column(Date)
    #: JSON ``{"figure key": øre or null}`` — null is "ikke kendt".
    figures: Mapped[str] = mapped_column(Text, default="{}")
    source_title: Mapped[str] = mapped_column(String(300), default="")
    source_url: Mapped[str] = mapped_column(String(500), default="")
    verified: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str] = mapped_column(Text, default="")
    entered_by: Mapped[str] = mapped_column(String(200), default="")

    @property
    def title(self) -> str:
        """``Påkravsgebyr (højeste) fra 01.01.2027``: what the conflicts list calls the row."""
        spec = TABLES.get(self.table_key)
        return f"{spec.label if spec else self.table_key} fra {format_short(self.valid_from)}"
