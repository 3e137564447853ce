"""Alembic migrations, run from inside the package on every start.

* A database from a newer BoligDesk (a revision this version does not know) is refused with a clear
  message and left untouched.
* Before upgrading an existing database, ``backup`` is called to make an encrypted copy.
* From the first release on, a released revision is never edited: every schema change is a new
  revision (``scripts/new_migration.sh``). ``RELEASES`` names each release's last revision; its schema
  is kept in ``tests/data/schema_release_<version>.sql`` and a test checks the migrations still produce it
  (decisions §3).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import Engine, text

from boligdesk.errors import StoreError

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

#: Each released version and the revision its schema ends at. Append, never change an entry.
RELEASES: dict[str, str] = {"1.0.0": "0001", "1.1.0": "0002"}


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade_to_head(engine: Engine, backup: Callable[[str], Any] | None = None) -> None:
    cfg = alembic_config()
    script = ScriptDirectory.from_config(cfg)
    current = current_revision(engine)
    if current is not None:
        try:
            script.get_revision(current)
        except CommandError as exc:
            raise StoreError(
                "newer_version",
                "Databasen er gemt af en nyere version af BoligDesk. Opdatér programmet; filen er ikke ændret.",
            ) from exc
    head = script.get_current_head()
    if current == head:
        return
    if current is not None and backup is not None:
        backup(current)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def upgrade_to(engine: Engine, revision: str) -> None:
    """Migrate ``engine`` to ``revision`` (a release's schema in tests and scripts; the app uses head)."""
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def schema_sql(engine: Engine) -> str:
    """The database's schema as SQL: every table, index, view and trigger, in a fixed order."""
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL "
                "AND name NOT LIKE 'sqlite_%' AND name != 'alembic_version' ORDER BY type, name"
            )
        ).all()
    statements = [
        "\n".join(line.rstrip() for line in str(sql).strip().splitlines()) + ";" for _t, _n, sql in rows
    ]
    return "\n\n".join(statements) + "\n"
