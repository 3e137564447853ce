"""The team's membership facts that travel between laptops: which laptops are retired, by whom and why.

A retired laptop (lost, stolen, replaced, its adviser left) is one the team no longer waits for: the
acknowledgement state (:mod:`boligdesk.sync.acks`) skips it by itself, so gap recovery — and later the
erasure of deleted rows and the removal of old share files — never wait for it again. Its files already
on the share still apply. The row's id is derived from the device id, so two advisers who retire the same
laptop independently make one row (the newer reason wins; the older is kept as a conflict).
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import DateTime, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from boligdesk.models.base import Base, Synced, utcnow


def retired_laptop_id(device_id: str) -> str:
    """The one row id for ``device_id``'s retirement, the same on every laptop."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"boligdesk:retired-laptop:{device_id}"))


class RetiredLaptop(Synced, Base):
    """Laptop ``device_id`` is retired from the team (``deleted`` set: brought back into the team)."""

    __tablename__ = "retired_laptops"
    __derived_id__ = True  # id = uuid5(device id): the same laptop retired on two laptops is one row

    device_id: Mapped[str] = mapped_column(String(40), unique=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    retired_by: Mapped[str] = mapped_column(String(200), default="")
    retired_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
