"""What a write changed, so every view can redraw exactly what concerns it.

Every write on the :class:`~boligdesk.services.desk.Desk` returns a :class:`Changes` value (in the spirit of
Anki's ``OpChanges``): which case (if one) and which parts of it. The UI broadcasts it once on
``AppContext.bus.changed``; each tab asks ``changes.touches(case_id, Part.BUDGET, …)`` and redraws only
then. The tab that made the change gets the same broadcast as everyone else, so no tab needs an "I am
the one emitting" flag.

``everything`` is for writes that can touch any row (an import, a sync, a conflict resolution): every view
refreshes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Part(StrEnum):
    """The parts of the data a view can show. A write names every part it touched."""

    CASE = "case"  # number, kind, phase, adviser, codes: what the case list shows
    TENANT = "tenant"
    HOUSEHOLD = "household"
    TENANCY = "tenancy"
    TIMELINE = "timeline"
    ARREARS = "arrears"
    CONTACT = "contact"
    JOURNAL = "journal"
    ADVICE = "advice"
    CLOSING = "closing"
    BUDGET = "budget"
    RECEIPTS = "receipts"
    ENVELOPES = "envelopes"
    PLAN = "plan"
    LETTERS = "letters"
    ESTATES = "estates"  # housing associations and their estates (not per case)
    SETTINGS = "settings"  # letterhead, senders, policy (not per case)
    ADVISERS = "advisers"
    CONFLICTS = "conflicts"
    AUDIT = "audit"
    CONTACTS = "contacts"  # the team's named contacts, and those linked to a case
    CONSENT = "consent"
    APPLICATIONS = "applications"
    COURSES = "courses"
    TAGS = "tags"
    DOCUMENTS = "documents"


#: Parts shown in the case list: a change to one of them redraws that row.
LIST_PARTS = frozenset({Part.CASE, Part.TENANT, Part.TENANCY, Part.TIMELINE, Part.ARREARS, Part.PLAN})


@dataclass(frozen=True, slots=True)
class Changes:
    """Which case (``None``: not tied to one case) and which parts a write changed."""

    case_ids: frozenset[str] = frozenset()
    parts: frozenset[Part] = frozenset()
    everything: bool = False

    @classmethod
    def of(cls, case_id: str | None, *parts: Part) -> Changes:
        return cls(frozenset({case_id}) if case_id else frozenset(), frozenset(parts))

    @classmethod
    def all(cls) -> Changes:
        """Anything may have changed (import, sync, restore): every view refreshes."""
        return cls(everything=True)

    @classmethod
    def none(cls) -> Changes:
        return cls()

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            self.case_ids | other.case_ids, self.parts | other.parts, self.everything or other.everything
        )

    @classmethod
    def union(cls, changes: Iterable[Changes]) -> Changes:
        result = cls()
        for change in changes:
            result = result | change
        return result

    def __bool__(self) -> bool:
        return self.everything or bool(self.parts)

    @property
    def case_id(self) -> str | None:
        """The one case this change is about, or ``None`` (none, or several)."""
        return next(iter(self.case_ids)) if len(self.case_ids) == 1 else None

    def touches(self, case_id: str | None, *parts: Part) -> bool:
        """True when a view of ``case_id`` (``None``: a view not tied to a case) showing ``parts`` must
        redraw. No ``parts`` means any part."""
        if self.everything:
            return True
        if case_id is not None and self.case_ids and case_id not in self.case_ids:
            return False
        if case_id is not None and not self.case_ids and not parts:
            return False
        return not parts or bool(self.parts.intersection(parts))


@dataclass(frozen=True, slots=True)
class Created:
    """A write that made a new row: its id and what changed (Anki's ``OpChangesWithId``)."""

    id: str
    changes: Changes
