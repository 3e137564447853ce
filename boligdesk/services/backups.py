"""``desk.backups``: the profile's encrypted backups, and putting one back ("Gendan fra sikkerhedskopi").

A restore is the way back from a sync that deleted what it should not have, or from a damaged database.
It closes the store (calls in flight are cancelled first and a note being typed is saved), keeps the
current database as a backup of its own (``Før gendannelse``), puts the chosen copy in its place and
reopens it with the same key; every view then redraws (``Changes.all()``).

What a restore means for the team: the restored data is this laptop's state at the time of the copy.
Files from the other laptops that it had applied since are applied again at the next sync (a mass
deletion is asked about again); this laptop's own changes made after the copy and already sent stay with
the others but are gone here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from boligdesk.budget.calendar import format_short
from boligdesk.models.restore import RESTORE_LABEL, BackupFile, engine_for, list_backups, restore_backup
from boligdesk.models.store import Profile, unlock_key
from boligdesk.services.changes import Changes
from boligdesk.sync.safety import BACKUP_LABEL

if TYPE_CHECKING:
    from boligdesk.services.desk import Desk

__all__ = ["BackupRow", "BackupService", "Restored", "backup_rows", "restore_profile"]


@dataclass(frozen=True, slots=True)
class BackupRow:
    """One backup: when it was made and why (``kind``: ``sync``, ``restore`` or ``migration``)."""

    path: Path
    made: dt.datetime
    kind: str
    kind_label: str
    size: int

    @property
    def label(self) -> str:
        """``24.11.2026 kl. 12.00 · Før synkronisering``."""
        return f"{format_short(self.made.date())} kl. {self.made:%H.%M} · {self.kind_label}"


@dataclass(frozen=True, slots=True)
class Restored:
    """A restore: the backup put back, where the replaced database was kept, and what to redraw."""

    source: Path
    kept: Path
    changes: Changes = field(default_factory=Changes.all)

    def lines(self) -> list[str]:
        return [
            f"Databasen er gendannet fra {self.source.name}.",
            f"Databasen fra før gendannelsen er gemt som {self.kept.name} i {self.kept.parent}.",
        ]


def _row(backup: BackupFile) -> BackupRow:
    if backup.label == BACKUP_LABEL:
        kind, text = "sync", "Før synkronisering"
    elif backup.label == RESTORE_LABEL:
        kind, text = "restore", "Før gendannelse"
    else:
        kind, text = "migration", f"Før opdatering af databasen (version {backup.label})"
    return BackupRow(backup.path, backup.made, kind, text, backup.size)


def backup_rows(profile: Profile) -> list[BackupRow]:
    """The backups in ``profile``'s backup folder, newest first (no passphrase needed: names only)."""
    return [_row(b) for b in list_backups(profile)]


def record_restore(desk: Desk, source: Path) -> None:
    """The restore as an audit event in the restored database (who, when, which copy: its file name,
    which holds a date and time only), so it travels with the audit log."""
    from boligdesk.budget.vocabulary import AuditAction

    desk.record(
        AuditAction.RESTORE, "profile", desk.device_id, case_id=None, detail=f"backup:{source.name}"[:300]
    )


def restore_profile(profile: Profile, passphrase: str, source: Path, *, adviser: str = "") -> Restored:
    """Restore a profile that is not open (``boligdesk restore FILE``): works on a damaged database too.

    Refused while another BoligDesk process has the profile open (its window would go on writing to the
    database being replaced). The restore is recorded in the audit log (``adviser``: when the profile
    has no adviser of its own)."""
    from boligdesk.models.store import open_store
    from boligdesk.profile_lock import hold, refuse_if_open_elsewhere
    from boligdesk.services.desk import Desk

    refuse_if_open_elsewhere(profile.folder)
    key = unlock_key(profile, passphrase)
    with hold(profile.folder):
        engine = engine_for(profile, key)
        try:
            kept = restore_backup(profile, engine, source)
        finally:
            engine.dispose()
        resolved = _resolved(profile, source)
        desk = Desk(open_store(profile, key=key), adviser_name=adviser)
        try:
            if not desk.advisers.adopt_current():
                desk.adviser_name = adviser
            record_restore(desk, resolved)
        finally:
            desk.close()
    return Restored(resolved, kept)


def _resolved(profile: Profile, source: Path) -> Path:
    return source if source.exists() or source.is_absolute() else profile.backup_dir / source


class BackupService:
    def __init__(self, desk: Desk) -> None:
        self._desk = desk

    def list(self) -> list[BackupRow]:
        """The profile's backups (sync, migration and pre-restore copies), newest first."""
        return backup_rows(self._desk.store.profile)

    def restore(self, path: Path) -> Restored:
        """Put the backup ``path`` in place of the database (the current one kept as a backup first)."""
        store = self._desk.store
        self._desk.cancel_running()
        self._desk.flush_drafts()
        kept = restore_backup(store.profile, store.engine, path)
        resolved = _resolved(store.profile, path)
        record_restore(self._desk, resolved)
        return Restored(resolved, kept)
