"""``desk.conflicts``: the "Konflikter" list and the adviser's choice for each line.

The work is done in :mod:`boligdesk.sync.conflicts` (it knows the sync codecs and labels); this service
is the desk's door to it. A choice can change any row of any case, so it returns ``Changes.all()``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from boligdesk.services.changes import Changes
from boligdesk.sync import conflicts
from boligdesk.sync.conflicts import ConflictItem, ItemKind

if TYPE_CHECKING:
    from boligdesk.services.desk import Desk

__all__ = ["ConflictItem", "ConflictService", "ItemKind"]


class ConflictService:
    def __init__(self, desk: Desk) -> None:
        self._desk = desk

    def open_items(self) -> list[ConflictItem]:
        """Open conflicts and held values, newest first."""
        return conflicts.list_open(self._desk.store)

    def keep_current(self, kind: ItemKind, item_id: str) -> Changes:
        """»Behold nuværende«: confirm the current value on all laptops; the other one stays on record."""
        conflicts.keep_current(self._desk.store, kind, item_id)
        return Changes.all()

    def use_other(self, kind: ItemKind, item_id: str) -> Changes:
        """»Brug den anden«: make the other value current (as a local edit that syncs)."""
        conflicts.use_other(self._desk.store, kind, item_id)
        return Changes.all()
