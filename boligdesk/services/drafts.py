"""Drafts: a journal note being typed, an edited letter text — kept so they survive a crash.

The UI calls :meth:`DraftService.hold` on every keystroke (cheap: memory only) and :meth:`DraftService.flush`
a moment after the typing pauses; :meth:`Desk.close <boligdesk.services.desk.Desk.close>` flushes what is
still held before the store closes. Drafts are rows of the local ``drafts`` table: in the encrypted store
(never a temporary file), not synced (a half-typed note must not reach colleagues), not audited (they are
not the case's data until the adviser saves them).

A draft whose fields are all empty is no draft: holding one deletes the stored row at the next flush.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from boligdesk.models.base import utcnow
from boligdesk.models.drafts import Draft

if TYPE_CHECKING:
    from boligdesk.services.desk import Desk

JOURNAL = "journal"
LETTER = "letter"


@dataclass(frozen=True, slots=True)
class DraftKey:
    """Which draft: its kind, the case, and a slot within the case (the letter template; "" for a note)."""

    kind: str
    case_id: str
    slot: str = ""

    @classmethod
    def journal(cls, case_id: str) -> DraftKey:
        return cls(JOURNAL, case_id)

    @classmethod
    def letter(cls, case_id: str, template: str) -> DraftKey:
        return cls(LETTER, case_id, template)


def _clean(fields: Mapping[str, str | None]) -> dict[str, str]:
    return {name: value for name, value in fields.items() if value}


class DraftService:
    """``desk.drafts``: hold, flush, load and clear the drafts of this laptop."""

    def __init__(self, desk: Desk) -> None:
        self._desk = desk
        self._held: dict[DraftKey, dict[str, str]] = {}
        self._lock = threading.Lock()

    # --- writing -----------------------------------------------------------------------------------
    def hold(self, key: DraftKey, fields: Mapping[str, str | None]) -> None:
        """Remember the draft's current fields (memory only; written by :meth:`flush`)."""
        with self._lock:
            self._held[key] = _clean(fields)

    def pending(self) -> int:
        """How many drafts are held but not written yet."""
        with self._lock:
            return len(self._held)

    def flush(self) -> int:
        """Write every held draft in one short transaction (an empty one deletes its row). How many."""
        with self._lock:
            held, self._held = self._held, {}
        if not held:
            return 0
        try:
            with self._desk.writing(audit="none") as s:
                for key, fields in held.items():
                    row = s.get(Draft, (key.kind, key.case_id, key.slot))
                    if not fields:
                        if row is not None:
                            s.delete(row)
                        continue
                    if row is None:
                        row = Draft(kind=key.kind, case_id=key.case_id, slot=key.slot)
                        s.add(row)
                    row.content = json.dumps(fields, ensure_ascii=False, sort_keys=True)
                    row.saved_at = utcnow()
        except BaseException:
            with self._lock:  # not written: keep them for the next flush, unless typed over meanwhile
                self._held = {**held, **self._held}
            raise
        return len(held)

    def save(self, key: DraftKey, fields: Mapping[str, str | None]) -> None:
        """Hold and write at once."""
        self.hold(key, fields)
        self.flush()

    def clear(self, key: DraftKey) -> None:
        """Forget the draft (the note was saved, the text reset): held and stored."""
        self.save(key, {})

    # --- reading -----------------------------------------------------------------------------------
    def load(self, key: DraftKey) -> dict[str, str]:
        """The draft's fields ({} when there is none): what is held, else what is stored."""
        with self._lock:
            if key in self._held:
                return dict(self._held[key])
        with self._desk.reading() as s:
            row = s.get(Draft, (key.kind, key.case_id, key.slot))
            if row is None:
                return {}
            try:
                loaded = json.loads(row.content)
            except ValueError:
                return {}
        if not isinstance(loaded, dict):
            return {}
        return {str(name): str(value) for name, value in loaded.items() if value}
