"""``desk.tags``: several case types at once (seed 000 Table 7) and activity tags (Table 10) on a case,
both fixed picklists, counted by the statistics.

The case's own type (``Case.kind``) stays its main type; :meth:`TagService.set` records the *other*
types that also apply and the activities used. Setting a group replaces it: a tag no longer chosen is
deleted (synced as a tombstone), a tag still chosen is left untouched, so two laptops tagging the same
case add up instead of conflicting.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from boligdesk.budget.cooperation import ActivityTag, TagGroup
from boligdesk.budget.vocabulary import CaseKind
from boligdesk.errors import UserInputError
from boligdesk.models import Case, CaseTag
from boligdesk.services.changes import Changes, Part
from boligdesk.services.desk import live
from boligdesk.services.fields import Field, FieldTable, Kind, PersonalData

if TYPE_CHECKING:
    from boligdesk.services.desk import Desk

TAG_FIELDS = FieldTable(
    "case_tag",
    "case_tags",
    (
        Field("group", "Gruppe", Kind.ENUM, PersonalData.PLAIN, required=True, enum=TagGroup),
        Field(
            "value", "Sagstype eller aktivitet", Kind.TEXT, PersonalData.PLAIN, required=True, max_length=40
        ),
    ),
)

_CHOICES: dict[TagGroup, dict[str, str]] = {
    TagGroup.CASE_TYPE: {k.value: k.label for k in CaseKind},
    TagGroup.ACTIVITY: {a.value: a.label for a in ActivityTag},
}


@dataclass(frozen=True, slots=True)
class CaseTags:
    """A case's main type, its other types and its activities (values, in picklist order)."""

    main_kind: CaseKind
    case_types: tuple[CaseKind, ...]
    activities: tuple[ActivityTag, ...]

    @property
    def all_kinds(self) -> tuple[CaseKind, ...]:
        return (self.main_kind, *(k for k in self.case_types if k is not self.main_kind))


class TagService:
    """``desk.tags``: read and set a case's extra case types and activities."""

    def __init__(self, desk: Desk) -> None:
        self._desk = desk

    def of_case(self, case_id: str) -> CaseTags:
        with self._desk.reading() as s:
            main = live(s, Case, case_id).kind
            rows = s.execute(
                select(CaseTag.group, CaseTag.value).where(
                    CaseTag.case_id == case_id, CaseTag.deleted.is_(False)
                )
            ).all()
        kinds = {v for g, v in rows if g is TagGroup.CASE_TYPE}
        acts = {v for g, v in rows if g is TagGroup.ACTIVITY}
        return CaseTags(
            main,
            tuple(k for k in CaseKind if k.value in kinds and k is not main),
            tuple(a for a in ActivityTag if a.value in acts),
        )

    def set(self, case_id: str, group: TagGroup | str, values: Iterable[str]) -> Changes:
        """Make ``values`` the case's tags of ``group``. A value not on the picklist is refused."""
        group = TagGroup(group)
        wanted = {str(v) for v in values}
        unknown = sorted(wanted - _CHOICES[group].keys())
        if unknown:
            raise UserInputError("value", "tag.unknown", f"»{unknown[0][:40]}« findes ikke på listen.")
        with self._desk.writing(case_id) as s:
            live(s, Case, case_id)
            existing = s.scalars(
                select(CaseTag).where(
                    CaseTag.case_id == case_id, CaseTag.group == group, CaseTag.deleted.is_(False)
                )
            ).all()
            have = set()
            for row in existing:
                if row.value in wanted and row.value not in have:
                    have.add(row.value)
                else:
                    row.deleted = True
            for value in sorted(wanted - have):
                s.add(CaseTag(case_id=case_id, group=group, value=value))
        return Changes.of(case_id, Part.TAGS)
