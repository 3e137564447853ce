"""The migrations create exactly the schema the models describe."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from boligdesk.models import Base
from boligdesk.models.migrate import current_revision, head_revision
from boligdesk.models.schema_head import HEAD_REVISION
from boligdesk.models.store import Store


def test_new_profile_is_at_the_newest_schema(store: Store) -> None:
    assert current_revision(store.engine) == head_revision()


def test_fast_start_path_knows_the_newest_revision() -> None:
    assert head_revision() == HEAD_REVISION


def test_migrated_schema_matches_the_models(store: Store) -> None:
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []
