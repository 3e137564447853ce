"""Local sync bookkeeping. These tables never travel between laptops themselves."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from boligdesk.models.base import Base, new_id, utcnow


class DeviceInfo(Base):
    """One row: this laptop's device id, its HLC high-water mark and who works on it."""

    __tablename__ = "device_info"

    device_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    clock: Mapped[str] = mapped_column(String(64), default="")
    adviser_id: Mapped[str | None] = mapped_column(String(36), default=None)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class SyncPeer(Base):
    """How far this laptop has applied another device's outbox: ``applied_seq`` and, in
    ``last_sent_clock``, that file's mark (its newest own clock). For this laptop's own row: the
    last written seq and the mark of what it has sent."""

    __tablename__ = "sync_peers"

    device_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    applied_seq: Mapped[int] = mapped_column(default=0)
    last_sent_clock: Mapped[str] = mapped_column(String(64), default="")
    updated: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class SyncConflict(Base):
    """A losing value kept after a merge, for the user to see and resolve (nothing is dropped)."""

    __tablename__ = "sync_conflicts"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    table_name: Mapped[str] = mapped_column(String(60))
    row_id: Mapped[str] = mapped_column(String(36), index=True)
    field: Mapped[str] = mapped_column(String(60))
    kept_value: Mapped[str] = mapped_column(Text)
    lost_value: Mapped[str] = mapped_column(Text)
    kept_clock: Mapped[str] = mapped_column(String(64))
    lost_clock: Mapped[str] = mapped_column(String(64))
    lost_device: Mapped[str] = mapped_column(String(40))
    detected_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    resolved_at: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)
    resolution: Mapped[str] = mapped_column(String(20), default="")


class SyncQuarantine(Base):
    """A remote change whose clock was too far in the future to trust."""

    __tablename__ = "sync_quarantine"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    table_name: Mapped[str] = mapped_column(String(60))
    row_id: Mapped[str] = mapped_column(String(36))
    payload: Mapped[str] = mapped_column(Text)
    clock: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
