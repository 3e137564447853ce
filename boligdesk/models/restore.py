"""Putting a backup of the profile's database back: the current file is kept as a backup first.

The backups in ``<profile>/backups`` are encrypted with the profile's own key (a schema upgrade makes
``boligdesk-<revision>-<time>.db``, a sync ``boligdesk-foer-synk-<time>.db``, a restore
``boligdesk-foer-gendannelse-<time>.db`` of what it replaced), so a restore needs no other key: the
engine is disposed (every connection closed), the database is copied aside, the backup copied over it,
and the same engine (same key) opens it again — migrating it when it is older. A backup the key does not
open is refused and the database put back as it was.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Engine, create_engine
from sqlalchemy.exc import DBAPIError

from boligdesk.errors import StoreError
from boligdesk.models.store import Profile, _connect, _migrate, _schema_revision

RESTORE_LABEL = "foer-gendannelse"
_BACKUP_NAME = re.compile(r"^boligdesk-(?P<label>.+)-(?P<stamp>\d{8}-\d{6})(?:-\d+)?\.db$")
_SIDE_FILES = ("-wal", "-shm")


@dataclass(frozen=True, slots=True)
class BackupFile:
    path: Path
    made: dt.datetime
    label: str  # "foer-synk", "foer-gendannelse", or the schema revision it was made before upgrading
    size: int


def list_backups(profile: Profile) -> list[BackupFile]:
    """The backups of ``profile``, newest first."""
    folder = profile.backup_dir
    found: list[BackupFile] = []
    if not folder.is_dir():
        return found
    for path in folder.iterdir():
        match = _BACKUP_NAME.match(path.name)
        if match is None or not path.is_file():
            continue
        made = dt.datetime.strptime(match.group("stamp"), "%Y%m%d-%H%M%S")
        found.append(BackupFile(path, made, match.group("label"), path.stat().st_size))
    return sorted(found, key=lambda b: (b.made, b.path.name), reverse=True)


def engine_for(profile: Profile, key: bytes) -> Engine:
    """An engine on the profile's database that connects only when used (the file may be damaged)."""
    path = profile.db_path
    return create_engine("sqlite://", creator=lambda: _connect(path, key), module=sqlcipher)


def restore_backup(profile: Profile, engine: Engine, source: Path) -> Path:
    """Replace the database of ``profile`` with the backup ``source``; returns the copy of the replaced
    database. ``engine`` (on ``profile.db_path``, with the profile's key) is disposed, then used again."""
    source = _checked_source(profile, source)
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    except (StoreError, DBAPIError, sqlcipher.Error):
        pass  # a damaged database is kept as it is (with its WAL, if any)
    engine.dispose()
    kept = _keep_current(profile)
    _replace(profile.db_path, source)
    try:
        if _schema_revision(engine) is None:
            raise StoreError("backup_unreadable", "")
        _migrate(profile, engine)
    except (StoreError, DBAPIError, sqlcipher.Error) as exc:
        engine.dispose()
        _replace(profile.db_path, kept)
        raise StoreError(
            "backup_unreadable",
            f"Sikkerhedskopien {source.name} kan ikke åbnes med denne profils nøgle (den er beskadiget "
            "eller hører til en anden profil). Databasen er som før.",
        ) from exc
    return kept


def _checked_source(profile: Profile, source: Path) -> Path:
    source = source.expanduser()
    if not source.exists() and not source.is_absolute():
        source = profile.backup_dir / source  # a bare file name from the list
    if not source.is_file():
        raise StoreError("backup_missing", f"Sikkerhedskopien {source} findes ikke.")
    if source.resolve() == profile.db_path.resolve():
        raise StoreError("backup_is_database", "Vælg en sikkerhedskopi, ikke selve databasen.")
    return source


def _keep_current(profile: Profile) -> Path:
    """The current database (and its WAL, if one is left) copied to the backups under a new name."""
    profile.backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = profile.backup_dir / f"boligdesk-{RESTORE_LABEL}-{stamp}.db"
    n = 1
    while target.exists():
        n += 1
        target = profile.backup_dir / f"boligdesk-{RESTORE_LABEL}-{stamp}-{n}.db"
    try:
        shutil.copy2(profile.db_path, target)
        wal = _side(profile.db_path, "-wal")
        if wal.exists() and wal.stat().st_size:
            shutil.copy2(wal, _side(target, "-wal"))
    except OSError as exc:
        from boligdesk.models.atomic import os_error_message

        raise os_error_message(exc, "kopien af databasen før gendannelsen") from exc
    return target


def _replace(database: Path, source: Path) -> None:
    """Copy ``source`` (and a WAL beside it) over ``database`` atomically; stale side files go."""
    staged = database.with_name(database.name + ".gendan")
    try:
        shutil.copy2(source, staged)
        for suffix in _SIDE_FILES:
            _side(database, suffix).unlink(missing_ok=True)
        wal = _side(source, "-wal")
        if wal.exists():
            shutil.copy2(wal, _side(database, "-wal"))
        os.replace(staged, database)
    except OSError as exc:
        staged.unlink(missing_ok=True)
        from boligdesk.models.atomic import os_error_message

        raise os_error_message(exc, "gendannelsen af databasen") from exc


def _side(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)
