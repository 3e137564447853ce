"""Writing the append-only audit log. Details hold ids and codes only, never personal data."""

from __future__ import annotations

from sqlalchemy.orm import Session

from boligdesk.budget.vocabulary import AuditAction
from boligdesk.models import AuditEvent


def record(
    session: Session,
    action: AuditAction,
    *,
    entity: str = "",
    entity_id: str = "",
    case_id: str | None = None,
    actor: str = "",
    device: str = "",
    detail: str = "",
) -> None:
    session.add(
        AuditEvent(
            action=action,
            entity=entity,
            entity_id=entity_id,
            case_id=case_id,
            actor=actor,
            device=device,
            detail=detail,
        )
    )
