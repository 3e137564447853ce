"""``desk.sync``: setting this laptop up for the team's shared folder, running a sync, its status line.

The sync engine (:mod:`boligdesk.sync.engine`) keeps its own sessions (it applies remote files with
``applying_sync``, one transaction per file); this service only wraps its entry points for the dialog and
``boligdesk sync``. A run takes a :class:`~boligdesk.services.progress.Progress`: its reports drive the
progress bar, and a cancel stops the engine between files (so nothing is half-applied). The files applied
before a cancel stay applied, so a run always returns a :class:`SyncResult` (``summary.cancelled`` says
it stopped early) whose :class:`~boligdesk.services.changes.Changes` is "everything".
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from boligdesk.services.changes import Changes, Part
from boligdesk.services.progress import SILENT, Cancelled, Progress
from boligdesk.sync import team_keyring
from boligdesk.sync.acks import acknowledged
from boligdesk.sync.connection import ShareState, TeamConnection, connect, reconnect, share_state
from boligdesk.sync.engine import SyncSummary, synchronise
from boligdesk.sync.gaps import Gap
from boligdesk.sync.membership import TeamMember, members, retire
from boligdesk.sync.rekey import ROTATION_NOTE, Rotated, rotate_team_key
from boligdesk.sync.settings import SyncSettings, load_settings, update_settings
from boligdesk.sync.status import sync_status_text

if TYPE_CHECKING:
    from boligdesk.services.desk import Desk

__all__ = [
    "ROTATION_NOTE",
    "Gap",
    "Rotated",
    "ShareState",
    "SyncResult",
    "SyncService",
    "SyncSettings",
    "SyncSummary",
    "TeamConnection",
    "TeamMember",
]


@dataclass(frozen=True, slots=True)
class SyncResult:
    """One sync run: the engine's summary, and what may have changed (anything: rows were merged)."""

    summary: SyncSummary
    changes: Changes


def _reporter(progress: Progress) -> Callable[[int, int, str], None]:
    """The engine's progress callback: report, but leave stopping to the engine's cancel check, which
    stops between files and still records the sync (raising here would skip that)."""

    def report(done: int, total: int, text: str) -> None:
        with contextlib.suppress(Cancelled):
            progress.step(done, total, text)

    return report


class SyncService:
    def __init__(self, desk: Desk) -> None:
        self._desk = desk

    @property
    def _folder(self) -> Path:
        return self._desk.profile_folder

    def settings(self) -> SyncSettings:
        """What ``sync.json`` says: the shared folder, the team, the last sync, open conflicts."""
        return load_settings(self._folder)

    def status_text(self) -> str:
        """One line for the status bar: ``Ikke sat op`` / ``Sidst synkroniseret …`` (`` · 3 konflikter``)."""
        return sync_status_text(self._folder)

    def share_state(self, share: Path) -> ShareState:
        """What ``share`` holds: nothing yet, a team, or several (StoreError when it cannot be reached)."""
        return share_state(share)

    def connect(
        self, share: Path, passphrase: str, repeat: str | None = None, *, remember: bool = True
    ) -> TeamConnection:
        """Create a team in ``share`` (no team there yet) or join the one found there."""
        return connect(self._desk.store, share, passphrase, repeat, remember=remember)

    def reconnect(self, ask_passphrase: Callable[[], str] | None = None) -> TeamConnection:
        """The remembered team and its key (StoreError when not set up or no key is at hand)."""
        return reconnect(self._desk.store, ask_passphrase=ask_passphrase)

    def remember_key(self, connection: TeamConnection) -> tuple[bool, str]:
        """Keep the team key in the OS keyring (when there is a safe one); (saved, note)."""
        return team_keyring.remember_team_key(connection.team.team_id, connection.team_key)

    def run(
        self,
        connection: TeamConnection,
        progress: Progress = SILENT,
        *,
        accept_deletions: int = 0,
        accept_loss: frozenset[str] = frozenset(),
    ) -> SyncResult:
        """One sync: send this laptop's changes, then apply the others' files, reporting per file.

        A file that would delete many cases or rows here is held (``summary.held_deletions``) unless it
        deletes at most ``accept_deletions`` rows: ask the adviser, then run again with her answer.
        A laptop's files missing on the share make its later files wait (``summary.gaps``) until it
        re-sends them; ``accept_loss`` names laptops (device id or its first eight characters) that will
        never write again: their gaps are skipped, and the decision is recorded with the adviser's name.
        """
        summary = synchronise(
            self._desk.store,
            connection.team,
            connection.team_key,
            progress=_reporter(progress),
            cancel=lambda: progress.cancelled,
            accept_deletions=accept_deletions,
            accept_loss=accept_loss,
            adviser=self._desk.adviser_name,
        )
        return SyncResult(summary, Changes.all())

    def acknowledged(self, device: str, seq: int, *, retired: frozenset[str] = frozenset()) -> bool:
        """Has every active laptop of the team (all but ``device``, the retired laptops and ``retired``)
        applied ``device``'s file ``seq``? As far as this laptop knows from the files and manifests it
        has read."""
        with self._desk.reading() as s:
            return acknowledged(s, device, seq, retired=retired)

    # --- the team's laptops -------------------------------------------------------------------------
    def members(self) -> list[TeamMember]:
        """Every laptop of the team (this one first): adviser, last sync, active or retired."""
        with self._desk.reading() as s:
            return members(s, last_sync_here=self.settings().last_sync_at)

    def retire(self, device: str, reason: str) -> Changes:
        """Retire a laptop (lost, stolen, replaced, adviser left): the team no longer waits for it.

        ``device`` is its id or the eight characters the list shows. A synced, audited edit; the other
        laptops learn it at their next sync. Its files already on the share still apply."""
        with self._desk.writing() as s:
            retire(s, device, reason, by=self._desk.adviser_name)
        return Changes.of(None, Part.ADVISERS)

    def rotate_key(
        self, connection: TeamConnection, passphrase: str, repeat: str, progress: Progress | None = None
    ) -> Rotated:
        """A new team key from the new team ``passphrase``: every file on the share is sealed again under
        it (see :mod:`boligdesk.sync.rekey`). This laptop keeps syncing; the others are asked for the new
        passphrase at their next sync; a retired laptop can read nothing on the share any more.
        Safe off the GUI thread; ``progress`` is told per file and may cancel until the new key is
        committed (nothing has changed then)."""
        from boligdesk.budget.vocabulary import AuditAction

        step = progress.step if progress is not None else None
        rotated = rotate_team_key(connection.team, connection.team_key, passphrase, repeat, step=step)
        team = rotated.team
        update_settings(
            self._folder, team_fingerprint=team.info.fingerprint, team_key_epoch=team.info.key_epoch
        )
        team_keyring.forget_team_key(team.team_id)
        team_keyring.remember_team_key(team.team_id, rotated.team_key)
        self._desk.record(
            AuditAction.SYNC,
            "team_key",
            team.team_id,
            case_id=None,
            detail=f"key_rotated:{team.info.key_epoch}",
        )
        return rotated
