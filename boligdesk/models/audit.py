"""Append-only audit log: who opened, changed, printed or exported which case, and when."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, String
from sqlalchemy.orm import Mapped, mapped_column

from boligdesk.budget.vocabulary import AuditAction
from boligdesk.models.base import Base, Synced, enum_type, utcnow


class AuditEvent(Synced, Base):
    """Never updated or deleted. ``detail`` holds no personal data (ids and codes only)."""

    __tablename__ = "audit_events"

    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    actor: Mapped[str] = mapped_column(String(200), default="")
    device: Mapped[str] = mapped_column(String(40), default="")
    action: Mapped[AuditAction] = mapped_column(enum_type(AuditAction))
    entity: Mapped[str] = mapped_column(String(60), default="")
    entity_id: Mapped[str] = mapped_column(String(36), default="")
    case_id: Mapped[str | None] = mapped_column(String(36), default=None, index=True)
    detail: Mapped[str] = mapped_column(String(300), default="")
