"""Counts entered by hand for the statistics: the baseline years before BoligDesk (issue 13)."""

from __future__ import annotations

import uuid

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from boligdesk.models.base import Base, Synced


def baseline_id(estate_id: str, year: int, figure: str) -> str:
    """A fixed UUID per (estate, year, figure), identical on every laptop (UUID5)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"boligdesk:baseline:{estate_id}:{year}:{figure}"))


class StatBaseline(Synced, Base):
    """One historical count (e.g. 2011's bailiff evictions in one estate), entered by hand.

    The id is derived from (estate, year, figure) — :func:`baseline_id` — so the same count entered on
    two laptops is one row after sync: the newer value wins, the other is kept as a conflict.
    """

    __tablename__ = "stat_baselines"
    __derived_id__ = True

    estate_id: Mapped[str] = mapped_column(ForeignKey("estates.id"), index=True)
    year: Mapped[int] = mapped_column()
    figure: Mapped[str] = mapped_column(String(40))
    count: Mapped[int] = mapped_column(default=0)
    note: Mapped[str] = mapped_column(Text, default="")
    entered_by: Mapped[str] = mapped_column(String(200), default="")
