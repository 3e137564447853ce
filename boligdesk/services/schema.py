"""Which schema version a profile's database is at, for ``boligdesk self-check`` and diagnostics."""

from __future__ import annotations

from dataclasses import dataclass

from boligdesk.models.migrate import current_revision, head_revision
from boligdesk.models.store import Store


@dataclass(frozen=True, slots=True)
class SchemaRevisions:
    current: str | None
    """The revision the database is at (``None``: not migrated at all)."""
    head: str
    """The newest revision this version of BoligDesk knows."""

    @property
    def up_to_date(self) -> bool:
        return self.current == self.head


def schema_revisions(store: Store) -> SchemaRevisions:
    return SchemaRevisions(current_revision(store.engine), head_revision())
