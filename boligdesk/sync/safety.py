"""What protects a laptop from a sync: an encrypted backup first, and a question before mass deletions.

* **Backup before applying.** Before the first file from another laptop is applied, the profile's
  database is copied (still encrypted with the same key) to ``backups/boligdesk-foer-synk-<time>.db``.
  The newest :data:`KEEP_BACKUPS` are kept, and none older than :data:`MAX_BACKUP_AGE`. The backups hold the
  same personal data as the profile: erasing a person must erase it in them too (the erasure work purges
  backups older than the erasure), and they never leave the laptop.
* **Mass deletions are asked first.** A file that would delete at least :data:`ASK_AT_CASES` cases or
  :data:`ASK_AT_ROWS` rows that are live here is *held*: not applied (files are applied whole and in order,
  so that laptop's later files wait behind it), reported with the counts, and applied once the adviser
  accepts (``accept_deletions``: the number of rows she agreed to let go) — or she restores a backup.
  Merges that silently deleted hundreds of entries are the best-known failure of password-manager sync.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.orm import Session

from boligdesk.models.base import Base
from boligdesk.models.store import Store, backup_database
from boligdesk.sync.fileformat import Body

KEEP_BACKUPS = 5
MAX_BACKUP_AGE = dt.timedelta(days=30)
BACKUP_LABEL = "foer-synk"
ASK_AT_CASES = 3
ASK_AT_ROWS = 50
_BACKUP_NAME = re.compile(rf"^boligdesk-{BACKUP_LABEL}-(\d{{8}}-\d{{6}})\.db$")


@dataclass(frozen=True, slots=True)
class Deletions:
    """How much a file would delete here: cases, and rows of any kind (cases included)."""

    cases: int = 0
    rows: int = 0

    @property
    def must_ask(self) -> bool:
        return self.cases >= ASK_AT_CASES or self.rows >= ASK_AT_ROWS


@dataclass(frozen=True, slots=True)
class HeldDeletion:
    device: str
    seq: int
    deletions: Deletions

    def line(self) -> str:
        cases = f"{self.deletions.cases} sag" + ("" if self.deletions.cases == 1 else "er")
        return (
            f"Fil nr. {self.seq} fra computeren {self.device[:8]} vil slette {cases} og "
            f"{self.deletions.rows} oplysninger i alt på denne computer. Den er ikke brugt: bekræft "
            "sletningen, hvis den er rigtig, eller gendan fra en sikkerhedskopi. Computerens senere filer "
            "venter imens; alt andet er synkroniseret."
        )


def deletions_in(session: Session, body: Body) -> Deletions:
    """The rows ``body`` tombstones that are live here (an upper bound: a newer local edit keeps a row)."""
    cases = rows = 0
    for table, serial_rows in body.rows.items():
        if table not in Base.metadata.tables:
            continue
        ids = [str(r["id"]) for r in serial_rows if r.get("deleted") is True and r.get("id")]
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ", ".join(f":i{n}" for n in range(len(chunk)))
            live = session.execute(
                text(f'SELECT count(*) FROM "{table}" WHERE deleted = 0 AND id IN ({marks})'),
                {f"i{n}": value for n, value in enumerate(chunk)},
            ).scalar_one()
            rows += int(live)
            if table == "cases":
                cases += int(live)
    return Deletions(cases, rows)


def backup_before_sync(store: Store, *, now: dt.datetime | None = None) -> Path:
    """An encrypted copy of the profile's database, then old copies pruned. Returns the new copy."""
    target = backup_database(store.profile, store.engine, BACKUP_LABEL)
    prune_sync_backups(store.profile.backup_dir, now=now)
    return target


def sync_backups(folder: Path) -> list[tuple[dt.datetime, Path]]:
    """The sync backups in ``folder``, newest first."""
    found: list[tuple[dt.datetime, Path]] = []
    if not folder.is_dir():
        return found
    for path in folder.iterdir():
        match = _BACKUP_NAME.match(path.name)
        if match:
            found.append((dt.datetime.strptime(match.group(1), "%Y%m%d-%H%M%S"), path))
    return sorted(found, reverse=True)


def prune_sync_backups(folder: Path, *, now: dt.datetime | None = None) -> None:
    now = now or dt.datetime.now()
    for index, (made, path) in enumerate(sync_backups(folder)):
        if index >= KEEP_BACKUPS or now - made > MAX_BACKUP_AGE:
            path.unlink(missing_ok=True)
