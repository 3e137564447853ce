"""One sync with the team folder on the shared drive (DESIGN.md §3).

1. **Send.** This laptop's changes since its last sent file become the next
   ``outbox/<device>/<seq>.bdsync``: hidden temp file in the same folder, fsync, read back and compared,
   atomic rename; only then is "sent up to here" recorded locally. A crash between the rename and that
   record only means the next file repeats some rows, which merging ignores.
2. **Receive.** Every other device's files not applied yet are read and applied one at a time, each in
   one transaction that also records "applied up to here" for that device. Files are taken in causal
   order (a file is applied after the files its sender had applied when it wrote it) so a value is
   never judged against one its writer had not seen yet. A tampered, truncated or foreign file is
   refused as a whole and reported; that device's later files wait behind it; everything else syncs.

Progress is reported per file; the cancel flag is checked between files, so cancelling never leaves a
file half-applied. The shared folder being unreachable, read-only or full is a :class:`StoreError` with
a Danish message, raised before anything local changes (or, while receiving, after whole files only).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import exc as sa_exc
from sqlalchemy import select

from boligdesk.models import SyncPeer
from boligdesk.models.base import utcnow
from boligdesk.models.hlc import MAX_DRIFT_MS, HlcValue
from boligdesk.models.store import Store
from boligdesk.sync import share_io
from boligdesk.sync.changeset import collect_changes, knowledge, own_peer, sent_mark
from boligdesk.sync.fileformat import (
    Body,
    Header,
    SyncFileRefused,
    decode,
    encode,
    file_name,
    now_iso,
    seq_from_name,
)
from boligdesk.sync.merge import ApplyStats, apply_body, open_conflict_count, release_quarantine
from boligdesk.sync.rowmerge import MergeInput
from boligdesk.sync.safety import HeldDeletion, backup_before_sync, deletions_in
from boligdesk.sync.settings import update_settings
from boligdesk.sync.status import conflicts_text
from boligdesk.sync.team import OUTBOX, Team

ProgressFn = Callable[[int, int, str], None]
StepFn = Callable[[str], None]


class SyncCancelled(Exception):
    """Raised inside the engine when the cancel flag is seen; never escapes :func:`synchronise`."""


@dataclass(frozen=True, slots=True)
class RefusedFile:
    device: str
    name: str
    reason: str

    def line(self) -> str:
        return f"{self.device[:8]}/{self.name}: {self.reason}"


@dataclass(slots=True)
class SyncSummary:
    sent_rows: int = 0
    sent_file: str = ""
    received_rows: int = 0
    received_files: int = 0
    new_conflicts: int = 0
    open_conflicts: int = 0
    held: int = 0
    refused: list[RefusedFile] = field(default_factory=list)
    waiting: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    held_deletions: list[HeldDeletion] = field(default_factory=list)
    backup: Path | None = None
    cancelled: bool = False

    @property
    def ok(self) -> bool:
        return not self.refused and not self.waiting and not self.cancelled and not self.held_deletions

    @property
    def deletions_to_accept(self) -> int:
        """The rows the adviser must accept for the held files to be applied (``accept_deletions``)."""
        return max((h.deletions.rows for h in self.held_deletions), default=0)

    def lines(self) -> list[str]:
        """The summary in Danish, one line each, for the dialog and the command line."""
        title = "Synkroniseringen blev afbrudt." if self.cancelled else "Synkroniseringen er færdig."
        received = f"Ændringer modtaget: {self.received_rows}"
        if self.received_files:
            received += f" (fra {self.received_files} {'fil' if self.received_files == 1 else 'filer'})"
        lines = [
            title,
            f"Ændringer sendt: {self.sent_rows}",
            received,
            f"Nye konflikter: {self.new_conflicts} (åbne i alt: {self.open_conflicts})",
            f"Afviste filer: {len(self.refused)}",
        ]
        lines.extend(f"  {r.line()}" for r in self.refused)
        lines.extend(h.line() for h in self.held_deletions)
        lines.extend(self.waiting)
        if self.held:
            what = "1 ændring" if self.held == 1 else f"{self.held} ændringer"
            lines.append(f"{what} fra en computer med forkert ur er holdt tilbage. Se »Konflikter«.")
        lines.extend(self.warnings)
        if self.open_conflicts and not self.cancelled:
            lines.append(f"Der er {conflicts_text(self.open_conflicts)}. Åbn »Konflikter« for at vælge.")
        return lines


def _never() -> bool:
    return False


def _no_step(_name: str) -> None:
    return None


def _no_progress(_done: int, _total: int, _text: str) -> None:
    return None


class SyncEngine:
    def __init__(
        self,
        store: Store,
        team: Team,
        team_key: bytes,
        *,
        progress: ProgressFn | None = None,
        cancel: Callable[[], bool] | None = None,
        step: StepFn | None = None,
        accept_deletions: int = 0,
    ) -> None:
        self.store = store
        self.accept_deletions = accept_deletions
        self.team = team
        self.me = store.device_id
        self.file_key = team.file_key(team_key)
        self.progress = progress or _no_progress
        self.cancelled = cancel or _never
        self.step = step or _no_step
        self.summary = SyncSummary()

    # --- the whole sync -------------------------------------------------------------------------------
    def run(self) -> SyncSummary:
        share_io.check_reachable(self.team.share)
        outbox = self.team.outbox(self.me)
        try:
            share_io.make_folder(outbox)
        except OSError as exc:
            raise share_io.share_error(exc, self.team.share) from exc
        share_io.remove_stale_temp_files(outbox)
        self.progress(0, 1, "Sender ændringer …")
        try:
            self._check_cancel()
            self._send(outbox)
            self._receive()
        except SyncCancelled:
            self.summary.cancelled = True
        with self.store.session() as s:
            self.summary.open_conflicts = open_conflict_count(s)
        changes: dict[str, str | int] = {"open_conflicts": self.summary.open_conflicts}
        if not self.summary.cancelled:
            changes["last_sync"] = dt.datetime.now().replace(microsecond=0).isoformat()
        update_settings(self.store.profile.folder, **changes)
        return self.summary

    def _check_cancel(self) -> None:
        if self.cancelled():
            raise SyncCancelled()

    # --- 1. send ------------------------------------------------------------------------------------
    def _send(self, outbox: Path) -> None:
        with self.store.session() as s:
            since = sent_mark(s, self.me)
            peer = s.get(SyncPeer, self.me)
            changes = collect_changes(s, self.me, since, everything=peer is None)
            known = knowledge(s, self.me)
            recorded = peer.applied_seq if peer is not None else 0
        if not changes.count:
            if peer is None:  # an empty laptop: later files need only hold its own changes
                with self.store.session() as s:
                    own_peer(s, self.me)
            return
        seq = max(recorded, _highest_seq(outbox, self.team.share)) + 1
        header = Header(team=self.team.team_id, device=self.me, seq=seq, created=now_iso())
        data = encode(header, Body(mark=changes.mark, knowledge=known, rows=changes.rows), self.file_key)

        def verify(raw: bytes) -> None:
            if raw != data:
                raise OSError(5, "read-back mismatch")
            decode(raw, self.file_key, team=self.team.team_id, device=self.me, seq=seq)

        target = outbox / file_name(seq)
        share_io.write_new_file(target, data, share=self.team.share, verify=verify, step=self.step)
        self.step("send:record")
        with self.store.session() as s:
            own = own_peer(s, self.me)
            own.applied_seq = seq
            own.last_sent_clock = changes.mark
            own.updated = utcnow()
        self.summary.sent_rows = changes.count
        self.summary.sent_file = target.name
        self._check_own_clock(target)

    def _check_own_clock(self, written: Path) -> None:
        try:
            share_ms = os.stat(written).st_mtime_ns // 1_000_000
        except OSError:
            return
        if HlcValue.decode(self.store.clock.last).millis > share_ms + MAX_DRIFT_MS:
            self.summary.warnings.append(
                "Computerens ur ser ud til at gå mere end fem minutter forkert i forhold til fællesdrevet. "
                "Ret uret: ændringer med et tidsstempel i fremtiden bliver holdt tilbage på de andre computere."
            )

    # --- 2. receive ---------------------------------------------------------------------------------
    def _receive(self) -> None:
        with self.store.session() as s:
            applied = {p.device_id: p.applied_seq for p in s.scalars(select(SyncPeer))}
            released = release_quarantine(
                s, me=self.me, my_knowledge=knowledge(s, self.me), clock=self.store.clock
            )
        self.summary.received_rows += released.rows
        self.summary.new_conflicts += released.conflicts
        queues = self._pending(applied)
        total = sum(len(q) for q in queues.values())
        done = 0
        self.progress(done, total, "Henter ændringer …")
        heads: dict[str, tuple[int, Body]] = {}
        blocked: set[str] = set()
        while True:
            self._check_cancel()
            ready: list[str] = []
            waiting: list[str] = []
            for device in sorted(queues):
                if device in blocked or not queues[device]:
                    continue
                if device not in heads and not self._load_head(device, queues, heads, blocked):
                    continue
                seq, body = heads[device]
                needs = [(d, k.seq) for d, k in body.knowledge.items() if d != self.me]
                if all(applied.get(d, 0) >= need for d, need in needs):
                    ready.append(device)
                else:
                    waiting.append(device)
            if not ready and not waiting:
                break
            # Files wait for what their sender had seen; if that never comes (a refused or missing file
            # elsewhere), apply anyway: merging stays correct, it may only report a conflict too many.
            device = ready[0] if ready else waiting[0]
            seq, body = heads.pop(device)
            if self._hold_for_deletions(device, seq, body):
                blocked.add(device)
                continue
            self._backup_once()
            if self._apply(device, seq, body):
                applied[device] = seq
                queues[device].pop(0)
                done += 1
                self.progress(done, total, f"Henter ændringer … ({done} af {total})")
            else:
                blocked.add(device)

    def _hold_for_deletions(self, device: str, seq: int, body: Body) -> bool:
        """True (and reported) when ``body`` would delete more here than the adviser has accepted."""
        with self.store.session() as s:
            deletions = deletions_in(s, body)
        if not deletions.must_ask or deletions.rows <= self.accept_deletions:
            return False
        self.summary.held_deletions.append(HeldDeletion(device, seq, deletions))
        return True

    def _backup_once(self) -> None:
        """An encrypted copy of the profile before the first file of this sync is applied."""
        if self.summary.backup is None:
            self.step("apply:backup")
            try:
                self.summary.backup = backup_before_sync(self.store)
            except OSError as exc:
                from boligdesk.models.atomic import os_error_message

                raise os_error_message(exc, "sikkerhedskopien før synkroniseringen") from exc

    def _pending(self, applied: dict[str, int]) -> dict[str, list[tuple[int, Path]]]:
        root = self.team.folder / OUTBOX
        queues: dict[str, list[tuple[int, Path]]] = {}
        try:
            folders = [p for p in root.iterdir() if p.is_dir() and p.name != self.me]
            for folder in folders:
                if folder.name.startswith("."):
                    continue
                files = []
                for path in folder.iterdir():
                    seq = seq_from_name(path.name)
                    if seq is not None and seq > applied.get(folder.name, 0):
                        files.append((seq, path))
                files.sort()
                expected = applied.get(folder.name, 0) + 1
                if files and files[0][0] != expected:
                    self.summary.waiting.append(
                        f"Fil nr. {expected} fra computeren {folder.name[:8]} mangler på fællesdrevet; "
                        "dens ændringer venter, til filen er tilbage."
                    )
                    continue
                contiguous = [f for i, f in enumerate(files) if f[0] == expected + i]
                queues[folder.name] = contiguous
        except OSError as exc:
            raise share_io.share_error(exc, self.team.share) from exc
        return queues

    def _load_head(
        self,
        device: str,
        queues: dict[str, list[tuple[int, Path]]],
        heads: dict[str, tuple[int, Body]],
        blocked: set[str],
    ) -> bool:
        seq, path = queues[device][0]
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise share_io.share_error(exc, self.team.share) from exc
        try:
            _header, body = decode(raw, self.file_key, team=self.team.team_id, device=device, seq=seq)
        except SyncFileRefused as refused:
            self.summary.refused.append(RefusedFile(device, path.name, refused.message))
            blocked.add(device)
            return False
        heads[device] = (seq, body)
        return True

    def _apply(self, device: str, seq: int, body: Body) -> bool:
        try:
            with self.store.session() as s:
                ctx = MergeInput(
                    me=self.me,
                    sender=device,
                    sender_knowledge=body.knowledge,
                    my_knowledge=knowledge(s, self.me),
                    too_far=self.store.clock.is_too_far_in_future,
                )
                self.step("apply:begin")
                stats: ApplyStats = apply_body(s, body, ctx, self.store.clock, step=self.step)
                self.step("apply:record")
                peer = s.get(SyncPeer, device)
                if peer is None:
                    peer = SyncPeer(device_id=device)
                    s.add(peer)
                peer.applied_seq = seq
                peer.last_sent_clock = body.mark
                peer.updated = utcnow()
                s.flush()
                self.step("apply:commit")
        except sa_exc.IntegrityError:
            self.summary.waiting.append(
                f"Fil nr. {seq} fra computeren {device[:8]} henviser til data, der ikke er kommet endnu; "
                "den prøves igen ved næste synkronisering."
            )
            return False
        self.summary.received_files += 1
        self.summary.received_rows += stats.rows
        self.summary.new_conflicts += stats.conflicts
        self.summary.held += stats.held
        return True


def _highest_seq(outbox: Path, share: Path) -> int:
    try:
        seqs = [seq_from_name(p.name) for p in outbox.iterdir()]
    except OSError as exc:
        raise share_io.share_error(exc, share) from exc
    return max((s for s in seqs if s is not None), default=0)


def synchronise(
    store: Store,
    team: Team,
    team_key: bytes,
    *,
    progress: ProgressFn | None = None,
    cancel: Callable[[], bool] | None = None,
    step: StepFn | None = None,
    accept_deletions: int = 0,
) -> SyncSummary:
    """Run one sync (send, then receive) and return what happened.

    ``accept_deletions``: a file that would delete many rows here is applied only when it deletes at most
    this many (the adviser's answer to the question; see :mod:`boligdesk.sync.safety`).
    """
    engine = SyncEngine(
        store, team, team_key, progress=progress, cancel=cancel, step=step, accept_deletions=accept_deletions
    )
    return engine.run()
