"""The encrypted store: one SQLCipher 4 file per profile, opened with a raw 256-bit key.

A profile folder holds::

    boligdesk.db      the SQLCipher database (WAL mode, foreign keys on, temp store in memory)
    boligdesk.key     the database key wrapped under the passphrase (see keys.py); no personal data
    backups/          encrypted copies made before each schema upgrade
    logs/             the log (no personal data)

The SQLAlchemy engine uses a plain ``sqlite:///`` URL with a ``creator`` that opens ``sqlcipher3`` and sets
the key itself, so the key never appears in a URL or a log (DESIGN.md §7).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Engine, create_engine, event, inspect, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from boligdesk.budget.vocabulary import AuditAction
from boligdesk.errors import StoreError, WrongPassphraseError
from boligdesk.models.atomic import restrict_mode
from boligdesk.models.audit import AuditEvent
from boligdesk.models.base import SYNC_COLUMNS, Synced, entity_name, new_id
from boligdesk.models.cases import Case
from boligdesk.models.hlc import HybridClock
from boligdesk.models.keys import (
    KdfParams,
    KeyFile,
    new_database_key,
    validate_new_passphrase,
    wrap_key,
    write_key_file,
)
from boligdesk.models.schema_head import HEAD_REVISION
from boligdesk.models.sync_meta import DeviceInfo

# Re-exported (their home is profile_paths, light enough for the first paint at start-up).
from boligdesk.profile_paths import DB_NAME as DB_NAME
from boligdesk.profile_paths import KEY_NAME as KEY_NAME
from boligdesk.profile_paths import Profile as Profile
from boligdesk.profile_paths import default_profile as default_profile


def _new_device_id() -> str:
    import secrets

    return secrets.token_hex(8)


class UnreadableDatabase(StoreError):
    """The key did not open the file: a wrong key, or a damaged file (which one, the caller decides)."""

    def __init__(self) -> None:
        super().__init__("unreadable", "Databasen kan ikke læses med denne nøgle.")


def damaged_database(profile_folder: Path) -> StoreError:
    """The one message for a database file that is there but cannot be used (empty, cut, garbage)."""
    return StoreError(
        "database_damaged",
        f"Databasen i {profile_folder} er beskadiget og kan ikke åbnes. Intet er ændret. "
        f"Gendan den fra en sikkerhedskopi i {profile_folder / 'backups'} eller hent sagerne igen fra "
        "teamets fællesmappe (synkronisering), og kontakt IT, hvis du er i tvivl.",
    )


def environment_error(exc: BaseException, path: Path) -> StoreError:
    """An SQLite error that is the environment's fault (read-only folder, full disk, I/O), in Danish."""
    text = str(exc).lower()
    folder = path.parent
    if "readonly" in text or "read-only" in text or "unable to open" in text or "permission" in text:
        return StoreError(
            "no_permission",
            f"BoligDesk kan ikke skrive i profilmappen {folder} (den er skrivebeskyttet eller findes ikke). "
            "Tjek mappens rettigheder, eller bed IT om adgang. Intet er ændret.",
        )
    if "full" in text:
        return StoreError(
            "disk_full",
            f"Der er ikke mere plads på disken ved {folder}. Frigør plads og prøv igen. Intet er gået tabt.",
        )
    return StoreError(
        "io_error",
        f"Databasen i {folder} kan ikke læses eller skrives lige nu ({exc}). "
        "Tjek disken og prøv igen; kontakt IT, hvis det bliver ved.",
    )


def _is_key_or_format_error(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "not a database" in text or "malformed" in text or "encrypted" in text


def _connect(path: Path, key: bytes) -> Any:
    try:
        conn = sqlcipher.connect(str(path), check_same_thread=False)
    except sqlcipher.Error as exc:
        raise environment_error(exc, path) from exc
    try:
        # SQLCipher logs a failed page check to stderr itself (English "hmac check failed" lines under the
        # Danish message); the failure is reported by the exception below, so its own log stays off.
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA busy_timeout = 5000")
    except sqlcipher.Error as exc:
        conn.close()
        if _is_key_or_format_error(exc):
            raise UnreadableDatabase() from exc
        raise environment_error(exc, path) from exc
    return conn


def make_engine(path: Path, key: bytes) -> Engine:
    # Fail fast (wrong key, unreadable file) before SQLAlchemy's pool gets involved.
    _connect(path, key).close()
    engine = create_engine(
        "sqlite://",
        creator=lambda: _connect(path, key),
        module=sqlcipher,
        pool_pre_ping=False,
    )
    return engine


def _case_of(obj: object, session: Session) -> str | None:
    if isinstance(obj, Case):
        return obj.id
    case_id = getattr(obj, "case_id", None)
    return case_id if isinstance(case_id, str) else session.info.get("case_id")


def audit_changes(session: Session, device: str) -> None:
    """Write the create/update/delete audit rows of this flush, from ``session.info`` (``Desk.writing``).

    One event per synced row created, changed (``detail`` names the changed fields: names, never values)
    or tombstoned; with ``audit="per_case"`` (an import) one event per case touched instead. Flushes that
    apply a sync, or that say ``audit="none"``, write none. Audit rows themselves are never audited.
    """
    mode = session.info.get("audit")  # set by Desk.writing; plain store sessions (sync) audit themselves
    if session.info.get("applying_sync") or mode in (None, "none"):
        return
    actor = session.info.get("actor", "")
    events: dict[tuple[str, str], AuditEvent] = {}
    new_ids = {id(o) for o in session.new}
    for obj in list(session.new) + list(session.dirty):
        if not isinstance(obj, Synced) or isinstance(obj, AuditEvent):
            continue
        is_new = id(obj) in new_ids
        if not is_new and not session.is_modified(obj):
            continue
        if is_new and obj.id is None:
            obj.id = new_id()  # the column default, given now so the event can name the row
        state = inspect(obj)
        case_id = _case_of(obj, session)
        if is_new:
            action, detail = AuditAction.CREATE, ""
        elif state.attrs["deleted"].history.has_changes() and obj.deleted:
            action, detail = AuditAction.DELETE, ""
        else:
            fields = [
                a.key
                for a in state.mapper.column_attrs
                if a.key not in SYNC_COLUMNS and state.attrs[a.key].history.has_changes()
            ]
            if not fields:
                continue
            action, detail = AuditAction.UPDATE, "fields=" + ",".join(fields)
        if mode == "per_case":
            if case_id is None:
                continue
            key = ("case", case_id)
            created = isinstance(obj, Case) and is_new
            if key in events and not created:
                continue
            events[key] = AuditEvent(
                action=AuditAction.CREATE if created else AuditAction.UPDATE,
                entity="case",
                entity_id=case_id,
                case_id=case_id,
                actor=actor,
                device=device,
                detail=session.info.get("audit_detail", ""),
            )
        else:
            events[(entity_name(type(obj)), obj.id)] = AuditEvent(
                action=action,
                entity=entity_name(type(obj)),
                entity_id=obj.id or "",
                case_id=case_id,
                actor=actor,
                device=device,
                detail=detail,
            )
    session.add_all(events.values())


def install_clock(factory: sessionmaker[Session], clock: HybridClock) -> None:
    """Stamp ``updated_at``/``updated_by`` on every changed synced row; forbid hard deletes."""

    @event.listens_for(factory, "before_flush")
    def _stamp(session: Session, _ctx: Any, _instances: Any) -> None:
        if session.info.get("applying_sync"):
            return
        for obj in session.deleted:
            if isinstance(obj, Synced):
                raise RuntimeError("synced rows are tombstoned (obj.deleted = True), never deleted")
        changed = False
        info = session.get(DeviceInfo, clock.device)
        if info is not None and info.clock:
            clock.observe(info.clock)  # another process (boligdesk sync) may have applied newer clocks
        audit_changes(session, clock.device)
        new = list(session.new)  # session.new is rebuilt on every access: read it once
        new_ids = {id(o) for o in new}
        for obj in new + list(session.dirty):
            if not isinstance(obj, Synced):
                continue
            if id(obj) in new_ids:
                obj.updated_at = clock.tick()
                obj.updated_by = clock.device
                obj.field_clocks = "{}"
                if type(obj).__derived_id__:
                    # Two laptops can create this very row (same derived id) independently: its creation
                    # values are real edits with real clocks, so the newer wins everywhere and the older
                    # is kept as a conflict (a creation value with clock zero would never be merged).
                    state = inspect(obj)
                    stamped = {
                        a.key: obj.updated_at for a in state.mapper.column_attrs if a.key not in SYNC_COLUMNS
                    }
                    obj.field_clocks = json.dumps(stamped, sort_keys=True)
                changed = True
            elif session.is_modified(obj):
                stamp = clock.tick()
                state = inspect(obj)
                clocks = json.loads(obj.field_clocks or "{}")
                for attr in state.mapper.column_attrs:
                    if attr.key in SYNC_COLUMNS:
                        continue
                    if state.attrs[attr.key].history.has_changes():
                        clocks[attr.key] = stamp
                if state.attrs["deleted"].history.has_changes():
                    clocks["deleted"] = stamp
                obj.field_clocks = json.dumps(clocks, sort_keys=True)
                obj.updated_at = stamp
                obj.updated_by = clock.device
                changed = True
        if changed and info is not None:
            info.clock = clock.last


class Store:
    """An open, unlocked profile."""

    def __init__(self, profile: Profile, engine: Engine, device_id: str) -> None:
        self.profile = profile
        self.engine = engine
        self.device_id = device_id
        self._factory = sessionmaker(engine, expire_on_commit=False)
        with self._factory() as s:
            info = s.get(DeviceInfo, device_id)
            if info is None:
                info = DeviceInfo(device_id=device_id, clock="")
                s.add(info)
                s.commit()
            last = info.clock or None
        self.clock = HybridClock(device_id, last)
        install_clock(self._factory, self.clock)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One short unit of work: commits on success, rolls back on any error."""
        session = self._factory()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def read_session(self) -> Session:
        return self._factory()

    def close(self) -> None:
        self.engine.dispose()

    def checkpoint(self) -> None:
        with self.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def _schema_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        try:
            return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        except DBAPIError as exc:
            if "no such table" in str(exc).lower():
                return None
            raise


def _migrate(profile: Profile, engine: Engine) -> None:
    # Fast path: a current schema needs no Alembic at all (importing it costs ~0.3 s at start-up).
    if _schema_revision(engine) == HEAD_REVISION:
        return
    from boligdesk.models.migrate import upgrade_to_head

    upgrade_to_head(engine, backup=lambda rev: backup_database(profile, engine, rev))


def backup_database(profile: Profile, engine: Engine, label: str) -> Path:
    """An encrypted copy of the database (same key), made before a schema upgrade."""
    profile.backup_dir.mkdir(parents=True, exist_ok=True)
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = profile.backup_dir / f"boligdesk-{label}-{stamp}.db"
    shutil.copy2(profile.db_path, target)
    return target


def create_profile(
    profile: Profile, passphrase: str, repeat: str | None = None, *, kdf: KdfParams | None = None
) -> Store:
    """Create a new, empty encrypted profile. Refuses to overwrite an existing one."""
    validate_new_passphrase(passphrase, passphrase if repeat is None else repeat)
    if profile.key_path.exists() or profile.db_path.exists():
        raise StoreError("profile_exists", f"Der findes allerede en profil i {profile.folder}.")
    try:
        profile.folder.mkdir(parents=True, exist_ok=True)
        restrict_mode(profile.folder, 0o700)
    except OSError as exc:
        from boligdesk.models.atomic import os_error_message

        raise os_error_message(exc, "profilen") from exc
    db_key = new_database_key()
    device_id = _new_device_id()
    # Build the database under a temporary name and move it into place only when it and the key file
    # are complete, so a crash during creation never leaves a half-made profile behind.
    building = profile.folder / (DB_NAME + ".creating")
    for leftover in profile.folder.glob(DB_NAME + ".creating*"):
        leftover.unlink()
    try:
        engine = make_engine(building, db_key)
        try:
            _migrate(Profile(profile.folder), engine)
            with engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
                conn.exec_driver_sql("PRAGMA journal_mode = DELETE")
        finally:
            engine.dispose()
        write_key_file(profile.key_path, wrap_key(db_key, passphrase, device_id, kdf))
        restrict_mode(building, 0o600)
        building.replace(profile.db_path)
        engine = make_engine(profile.db_path, db_key)
        return Store(profile, engine, device_id)
    except BaseException as exc:
        # Nothing half-made stays behind: a later start must see "no profile", not a broken one.
        for leftover in [*profile.folder.glob(DB_NAME + ".creating*"), profile.key_path, profile.db_path]:
            with contextlib.suppress(OSError):
                leftover.unlink()
        if isinstance(exc, OSError):
            from boligdesk.models.atomic import os_error_message

            raise os_error_message(exc, "profilen") from exc
        if isinstance(exc, (DBAPIError, sqlcipher.Error)):
            raise environment_error(exc, profile.db_path) from exc
        raise


def unlock_key(profile: Profile, passphrase: str) -> bytes:
    """The raw database key, or :class:`WrongPassphraseError`. Reads only; changes nothing."""
    if not profile.key_path.exists():
        raise StoreError("no_profile", f"Der er ingen profil i {profile.folder}.")
    return KeyFile.read(profile.key_path).unwrap(passphrase)


def open_store(profile: Profile, *, passphrase: str | None = None, key: bytes | None = None) -> Store:
    """Open (and migrate) an existing profile with the passphrase or an already unwrapped key.

    The causes are told apart, in this order: the passphrase is checked against the key file first
    (:class:`WrongPassphraseError`, nothing else read); then a database file that is missing, empty, cut
    short or not a BoligDesk database is "beskadiget" (``database_damaged``) — never re-initialised, since a
    profile whose key file exists has had data; then the environment's errors (read-only folder, full
    disk, I/O) get their own messages. A remembered key is not checked against the key file, so when it
    does not open the file the caller hears :class:`WrongPassphraseError` and asks for the passphrase,
    which then names the real cause.
    """
    verified = key is None
    if key is None:
        if passphrase is None:
            raise ValueError("need passphrase or key")
        key = unlock_key(profile, passphrase)
    if not profile.db_path.exists():
        raise StoreError(
            "no_database",
            f"Databasefilen mangler i {profile.folder}. Gendan den fra en sikkerhedskopi i "
            f"{profile.backup_dir}, eller kontakt IT.",
        )
    if profile.db_path.stat().st_size == 0:
        raise damaged_database(profile.folder)
    device_id = KeyFile.read(profile.key_path).device_id
    try:
        engine = make_engine(profile.db_path, key)
    except UnreadableDatabase as exc:
        if verified:
            raise damaged_database(profile.folder) from exc
        raise WrongPassphraseError() from exc
    try:
        if _schema_revision(engine) is None:
            raise damaged_database(profile.folder)  # the key fits, but it holds no BoligDesk schema
        _migrate(profile, engine)
        return Store(profile, engine, device_id)
    except StoreError:
        engine.dispose()
        raise
    except (DBAPIError, sqlcipher.Error) as exc:
        engine.dispose()
        if _is_key_or_format_error(exc):
            raise damaged_database(profile.folder) from exc
        raise environment_error(exc, profile.db_path) from exc


def newest_clock(session: Session) -> str:
    value = session.scalar(select(DeviceInfo.clock).limit(1))
    return value or ""
