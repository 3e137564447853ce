"""Released migrations are frozen, and a database from a release upgrades to today's schema (decisions §3).

* Each release's schema is kept in ``tests/data/schema_release_<version>.sql`` (written once by
  ``scripts/snapshot_release_schema.py``); the migrations must still produce it exactly. Editing a
  released revision (instead of adding a new one with ``scripts/new_migration.sh``) fails here.
* A database created at a release's revision, with a case in it, upgrades to head and keeps the case.
  While head is the release's own revision (1.0.0 → 0001) the upgrade is empty; the test becomes a real
  upgrade test with the first revision after the release.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from sqlalchemy import Connection, text

from boligdesk import __version__
from boligdesk.models.migrate import RELEASES, current_revision, head_revision, upgrade_to, upgrade_to_head
from boligdesk.models.store import make_engine

REPO = Path(__file__).resolve().parents[2]


def _snapshot_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "snapshot_release_schema", REPO / "scripts" / "snapshot_release_schema.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_this_version_is_a_release_with_a_revision() -> None:
    assert __version__ in RELEASES
    assert list(RELEASES.values()) == sorted(RELEASES.values())


@pytest.mark.parametrize("version", list(RELEASES))
def test_released_migrations_still_produce_the_released_schema(version: str) -> None:
    script = _snapshot_script()
    kept = script.snapshot_path(version)
    assert kept.is_file(), f"{kept.name} mangler: kør scripts/snapshot_release_schema.py {version}"
    assert script.snapshot(version) == kept.read_text(encoding="utf-8"), (
        f"A released migration (≤ {RELEASES[version]}) was changed. Undo that and add a new revision "
        "with scripts/new_migration.sh instead (decisions §3)."
    )


def _insert(conn: Connection, table: str, **given: Any) -> None:
    """Insert a row giving only ``given`` plus a plain value for every other required column.

    Written against the table as it is at the release, not against today's models, so the test keeps
    working after later revisions change the table.
    """
    values = dict(given)
    for _cid, name, type_, notnull, default, pk in conn.execute(text(f"PRAGMA table_info({table})")):
        if name in values or not (notnull or pk) or default is not None:
            continue
        kind = str(type_).upper()
        if "INT" in kind or "BOOL" in kind:
            values[name] = 0
        elif kind == "DATE":
            values[name] = "2026-12-01"
        elif kind == "DATETIME":
            values[name] = "2026-12-01 10:00:00.000000"
        elif kind == "TIME":
            values[name] = "10:00:00.000000"
        else:
            values[name] = "{}" if name == "field_clocks" else "x"
    columns = ", ".join(values)
    params = ", ".join(f":{name}" for name in values)
    conn.execute(text(f"INSERT INTO {table} ({columns}) VALUES ({params})"), values)


@pytest.mark.parametrize("version", list(RELEASES))
def test_database_from_a_release_upgrades_to_head_and_keeps_its_case(tmp_path: Path, version: str) -> None:
    engine = make_engine(tmp_path / "boligdesk.db", os.urandom(32))
    try:
        upgrade_to(engine, RELEASES[version])
        with engine.begin() as conn:
            _insert(conn, "persons", id="p-1", first_name="Åse", last_name="Ørbæk")
            _insert(
                conn,
                "cases",
                id="c-1",
                number="2026-0001",
                tenant_id="p-1",
                kind="eviction_threat",
                phase="new",
                letters_reach_tenant="unknown",
                arrears=1_234_50,
            )
        upgrade_to_head(engine)
        assert current_revision(engine) == head_revision()
        with engine.connect() as conn:
            row = conn.execute(
                text(
                    "SELECT c.number, c.arrears, p.first_name, p.last_name FROM cases c "
                    "JOIN persons p ON p.id = c.tenant_id WHERE c.id = 'c-1'"
                )
            ).one()
        assert tuple(row) == ("2026-0001", 1_234_50, "Åse", "Ørbæk")
    finally:
        engine.dispose()
