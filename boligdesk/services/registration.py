"""The case's multi-select picklists (triggers, causes, advice topics, practical help) and the advice
checklist, all kept as :class:`~boligdesk.models.CaseCode` rows.

A value unticked is a tombstone; ticked again, the same row comes back (so the sync sees one row per
value). Causes carry a certainty, "known" or "assumed".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from boligdesk.budget.vocabulary import (
    AdviceTopic,
    Cause,
    Certainty,
    ChecklistAnswer,
    ChecklistItem,
    CodeCategory,
    LabelledEnum,
    PracticalHelp,
    Trigger,
)
from boligdesk.models import Case, CaseCode
from boligdesk.services.changes import Changes, Part
from boligdesk.services.desk import live

if TYPE_CHECKING:
    from boligdesk.services.desk import Desk

PICKLISTS: dict[CodeCategory, type[LabelledEnum]] = {
    CodeCategory.TRIGGER: Trigger,
    CodeCategory.CAUSE: Cause,
    CodeCategory.ADVICE_TOPIC: AdviceTopic,
    CodeCategory.PRACTICAL_HELP: PracticalHelp,
}
#: Which part of the case a list belongs to: triggers and causes describe the case, the rest the advice.
_PART = {
    CodeCategory.TRIGGER: Part.CASE,
    CodeCategory.CAUSE: Part.CASE,
    CodeCategory.ADVICE_TOPIC: Part.ADVICE,
    CodeCategory.PRACTICAL_HELP: Part.ADVICE,
    CodeCategory.CHECKLIST: Part.ADVICE,
}


def _code_row(session: Session, case_id: str, category: CodeCategory, code: str) -> CaseCode | None:
    """The row for (case, list, value), tombstoned or not: a value picked again reuses its row."""
    rows = session.scalars(
        select(CaseCode)
        .where(CaseCode.case_id == case_id, CaseCode.category == category, CaseCode.code == code)
        .order_by(CaseCode.deleted, CaseCode.created_at)
    ).all()
    return rows[0] if rows else None


def _upsert_code(session: Session, case_id: str, category: CodeCategory, code: str, qualifier: str) -> None:
    row = _code_row(session, case_id, category, code)
    if row is None:
        session.add(CaseCode(case_id=case_id, category=category, code=code, qualifier=qualifier))
        session.flush()
    else:
        row.deleted = False
        row.qualifier = qualifier


class RegistrationService:
    """``desk.registration``: the picklist values ticked on a case and the advice checklist."""

    def __init__(self, desk: Desk) -> None:
        self._desk = desk

    def set_code(
        self,
        case_id: str,
        category: CodeCategory,
        code: str,
        selected: bool,
        *,
        certainty: Certainty | None = None,
    ) -> Changes:
        """Tick or untick one value of a multi-select picklist (triggers, causes, advice topics, help).

        Causes carry a certainty, "known" or "assumed"; a cause ticked without one is "assumed" until the
        adviser says it is known.
        """
        values = PICKLISTS.get(category)
        if values is None:
            raise ValueError(f"{category} is not a multi-select picklist")
        if code not in values._value2member_map_:
            raise ValueError(f"{code!r} is not a value of {category}")
        if certainty is not None and category is not CodeCategory.CAUSE:
            raise ValueError("only causes have a certainty")
        with self._desk.writing(case_id) as s:
            live(s, Case, case_id)
            existing = _code_row(s, case_id, category, code)
            if selected:
                qualifier = ""
                if category is CodeCategory.CAUSE:
                    keep = existing.qualifier if existing is not None and not existing.deleted else ""
                    qualifier = (certainty.value if certainty else keep) or Certainty.ASSUMED.value
                _upsert_code(s, case_id, category, code, qualifier)
            elif existing is None or existing.deleted:
                return Changes.none()
            else:
                existing.deleted = True
        return Changes.of(case_id, _PART[category])

    def set_checklist_answer(self, case_id: str, item: ChecklistItem, answer: ChecklistAnswer) -> Changes:
        """Answer one item of the advice checklist (not asked / yes / no / follow up)."""
        with self._desk.writing(case_id) as s:
            live(s, Case, case_id)
            _upsert_code(s, case_id, CodeCategory.CHECKLIST, item.value, answer.value)
        return Changes.of(case_id, Part.ADVICE)
