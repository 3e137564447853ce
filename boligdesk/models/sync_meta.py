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


class SyncAck(Base):
    """What laptop ``holder`` has applied of ``device``'s outbox, as far as this laptop has learnt it
    (from the knowledge in ``holder``'s files and its outbox manifest): up to ``seq``, whose file's mark
    is ``mark`` (``""`` when unknown). The row ``(holder, holder)`` holds the last seq ``holder`` wrote.
    Every outbox folder seen on the share has at least that row: these are the team's laptops."""

    __tablename__ = "sync_acks"

    holder: Mapped[str] = mapped_column(String(40), primary_key=True)
    device: Mapped[str] = mapped_column(String(40), primary_key=True)
    seq: Mapped[int] = mapped_column(default=0)
    mark: Mapped[str] = mapped_column(String(64), default="")
    updated: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    #: On the row ``(holder, holder)``: when ``holder`` last synced, as its manifest says (ISO, UTC).
    seen: Mapped[str] = mapped_column(String(40), default="")


class SyncLoss(Base):
    """The adviser's recorded decision to move past files of ``device`` that are lost for good
    (``first_seq``..``last_seq``) in the team ``team``: that laptop will never write again, so its changes
    in them are gone. Kept when this laptop joins another team (the record stays; it applies no more)."""

    __tablename__ = "sync_losses"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    team: Mapped[str] = mapped_column(String(40))
    device: Mapped[str] = mapped_column(String(40), index=True)
    first_seq: Mapped[int] = mapped_column()
    last_seq: Mapped[int] = mapped_column()
    accepted_by: Mapped[str] = mapped_column(String(200), default="")
    accepted_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


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
