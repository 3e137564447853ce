"""Write the schema of a release to ``tests/data/schema_release_<version>.sql`` (decisions §3).

``python scripts/snapshot_release_schema.py [VERSION]`` migrates an empty database to the revision the
release ends at (``boligdesk.models.migrate.RELEASES``, the newest release by default) and writes its
schema. Run it once when a release is made, commit the file, and never again for that release:
tests/db/test_release_schema.py then fails whenever an edit to a released migration changes the schema.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from sqlalchemy import create_engine

from boligdesk.models.migrate import RELEASES, schema_sql, upgrade_to

REPO = Path(__file__).resolve().parents[1]


def snapshot_path(version: str) -> Path:
    return REPO / "tests" / "data" / f"schema_release_{version}.sql"


def header(version: str) -> str:
    return (
        f"-- Schema of BoligDesk {version} (Alembic revision {RELEASES[version]}), written by\n"
        "-- scripts/snapshot_release_schema.py. Never edit: a released migration must keep producing it.\n\n"
    )


def snapshot(version: str) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        engine = create_engine(f"sqlite:///{Path(tmp) / 'release.db'}")
        try:
            upgrade_to(engine, RELEASES[version])
            return header(version) + schema_sql(engine)
        finally:
            engine.dispose()


def main() -> int:
    version = sys.argv[1] if len(sys.argv) > 1 else list(RELEASES)[-1]
    if version not in RELEASES:
        print(f"unknown release {version}; known: {', '.join(RELEASES)}", file=sys.stderr)
        return 2
    path = snapshot_path(version)
    path.write_text(snapshot(version), encoding="utf-8")
    print(f"wrote {path.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
