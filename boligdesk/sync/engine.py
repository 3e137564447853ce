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
3. **Gaps.** Each outbox also holds a manifest (:mod:`boligdesk.sync.manifest`): how far its laptop has
   written and what it has applied from everybody. A file missing from an outbox (in the middle, or the
   last one, noticed through the manifest or another laptop's knowledge) is a gap: that laptop's later
   files wait, and the summary says so. The laptop itself, at its next sync, sees own files that are gone
   and not yet applied everywhere (:mod:`boligdesk.sync.acks`) and re-sends their changes in a new file
   that its manifest says replaces them; receivers then skip the gap. For a laptop that will never write
   again, the adviser can accept the loss (``accept_loss``): recorded in ``sync_losses``, and the gap is
   skipped here.

4. **Compaction.** Once every active laptop has applied this laptop's files up to some seq, it folds them
   into one snapshot of its own changes and removes them (:mod:`boligdesk.sync.compaction`); a laptop
   joining later applies the snapshot instead of replaying every file.

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
from sqlalchemy.orm import Session

from boligdesk.errors import StoreError
from boligdesk.models import SyncLoss, SyncPeer
from boligdesk.models.base import utcnow
from boligdesk.models.hlc import MAX_DRIFT_MS, HlcValue
from boligdesk.models.store import Store
from boligdesk.sync import acks, compaction, erasure, share_io, snapshot
from boligdesk.sync.changeset import collect_changes, knowledge, own_peer, sent_mark
from boligdesk.sync.documents import check_documents
from boligdesk.sync.fileformat import (
    Body,
    Header,
    Knowledge,
    SyncFileRefused,
    decode,
    encode,
    file_name,
    now_iso,
    seq_from_name,
)
from boligdesk.sync.gaps import Gap, Loss, missing_own, plan_files
from boligdesk.sync.manifest import MANIFEST_NAME, Manifest, Resent, read_manifest, write_manifest
from boligdesk.sync.merge import ApplyStats, apply_body, open_conflict_count, release_quarantine
from boligdesk.sync.rekey import check_not_rotated, finish_rotation
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
    gaps: list[Gap] = field(default_factory=list)
    resent: list[Resent] = field(default_factory=list)
    losses_accepted: list[Gap] = field(default_factory=list)
    backup: Path | None = None
    cancelled: bool = False

    @property
    def ok(self) -> bool:
        return (
            not self.refused
            and not self.waiting
            and not self.cancelled
            and not self.held_deletions
            and not self.gaps
        )

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
        for r in self.resent:
            lost = f"nr. {r.first}" if r.first == r.last else f"nr. {r.first}–{r.last}"
            lines.append(
                f"Fil {lost} fra denne computer manglede på fællesdrevet; ændringerne er sendt igen i "
                f"fil nr. {r.seq}."
            )
        for g in self.losses_accepted:
            lines.append(
                f"Tabet af fil {g.files} fra computeren {g.device[:8]} er accepteret og noteret; "
                "dens ændringer i dem er tabt."
            )
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
        accept_loss: frozenset[str] = frozenset(),
        adviser: str = "",
        retired: frozenset[str] = frozenset(),
        compact_every: int | None = compaction.COMPACT_EVERY,
    ) -> None:
        self.store = store
        self.compact_every = compact_every
        self.accept_loss = accept_loss
        self.adviser = adviser
        self.retired = retired
        self.manifests: dict[str, Manifest] = {}
        self.own_resent: list[Resent] = []
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
        check_not_rotated(self.team)  # a key rotated elsewhere: refused before anything is written
        finish_rotation(self.team, self.file_key)
        outbox = self.team.outbox(self.me)
        try:
            share_io.make_folder(outbox)
        except OSError as exc:
            raise share_io.share_error(exc, self.team.share) from exc
        share_io.remove_stale_temp_files(outbox)
        self.progress(0, 1, "Sender ændringer …")
        try:
            self._check_cancel()
            self._read_manifests()
            erasure.purge_tombstones(self.store, retired=self.retired)
            self._send(outbox)
            self._receive()
            self._compact(outbox)
        except SyncCancelled:
            self.summary.cancelled = True
        with self.store.session() as s:
            erasure.scrub_own_files(
                s, outbox=outbox, file_key=self.file_key, team_id=self.team.team_id,
                me=self.me, profile_folder=self.store.profile.folder, retired=self.retired,
            )  # fmt: skip
        erasure.purge_copies_after_sync(self.store)
        self._write_manifest(outbox)
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
        present = _seqs(outbox, self.team.share)
        with self.store.session() as s:
            since = sent_mark(s, self.me)
            peer = s.get(SyncPeer, self.me)
            recorded = peer.applied_seq if peer is not None else 0
            covered = list(range(1, compaction.covered(outbox) + 1))  # held by the own snapshot
            resend_from = self._resend_floor(s, max([recorded, *present]), sorted({*present, *covered}))
            everything = peer is None
            if resend_from is not None:
                since, everything = (resend_from.mark, False) if resend_from.seq else (since, True)
            changes = collect_changes(s, self.me, since, everything=everything)
            if resend_from is not None and peer is not None and peer.last_sent_clock:
                changes.mark = max(changes.mark, peer.last_sent_clock)
            known = knowledge(s, self.me)
        if not changes.count and resend_from is None:
            if peer is None:  # an empty laptop: later files need only hold its own changes
                with self.store.session() as s:
                    own_peer(s, self.me)
            return
        seq = max([recorded, *present]) + 1
        header = Header(team=self.team.team_id, device=self.me, seq=seq, created=now_iso())
        data = encode(header, Body(mark=changes.mark, knowledge=known, rows=changes.rows), self.file_key)

        def verify(raw: bytes) -> None:
            # The bytes read back are the bytes just encoded (and so decrypt): comparing them is the check;
            # decrypting and parsing 10,000 rows again cost an eighth of the send (issue 15).
            if raw != data:
                raise OSError(5, "read-back mismatch")

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
        if resend_from is not None:
            resent = Resent(resend_from.seq + 1, seq - 1, seq)
            self.own_resent.append(resent)
            self.summary.resent.append(resent)
        self._check_own_clock(target)

    def _resend_floor(self, s: Session, last: int, present: list[int]) -> Knowledge | None:
        """What every active laptop has applied of this laptop's files, when some file above it is gone
        from the outbox (its changes must be sent again, from that file's mark on); else ``None``."""
        floor = acks.lowest_ack(s, self.me, retired=self.retired)
        if floor is None or not missing_own(last, present, floor.seq, self.own_resent):
            return None
        return floor if floor.mark or floor.seq == 0 else Knowledge(0, "")

    def _compact(self, outbox: Path) -> None:
        """Fold this laptop's files every active laptop has applied into a snapshot (:mod:`.compaction`)."""
        self._check_cancel()
        if self.compact_every is None:
            return
        try:
            with self.store.session() as s:
                compaction.compact(
                    s,
                    outbox=outbox,
                    share=self.team.share,
                    team_id=self.team.team_id,
                    device=self.me,
                    file_key=self.file_key,
                    resent=tuple(self.own_resent),
                    retired=self.retired,
                    every=self.compact_every,
                    step=self.step,
                )
        except (OSError, StoreError) as exc:
            # Everything is synced; only the tidying failed (share full, a file locked). Next time again.
            reason = exc.message if isinstance(exc, StoreError) else str(exc.strerror or exc)
            self.summary.warnings.append(
                "Denne computers gamle filer på fællesdrevet kunne ikke lægges sammen denne gang "
                f"({reason}). Det prøves igen ved næste synkronisering; intet er gået tabt."
            )

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

    # --- manifests ----------------------------------------------------------------------------------
    def _read_manifests(self) -> None:
        """Every outbox's manifest; what they say each laptop has written and applied goes to ``sync_acks``.
        An outbox folder without a (trustworthy) manifest still counts as a laptop of the team."""
        root = self.team.folder / OUTBOX
        try:
            folders = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
            found = {
                f.name: read_manifest(f, self.file_key, team=self.team.team_id, share=self.team.share)
                for f in folders
            }
            written = {f.name: max(_seqs(f, self.team.share), default=0) for f in folders}
        except OSError as exc:
            raise share_io.share_error(exc, self.team.share) from exc
        with self.store.session() as s:
            for device, manifest in found.items():
                if manifest is None:
                    acks.record_ack(s, device, device, written[device])
                    if (self.team.folder / OUTBOX / device / MANIFEST_NAME).exists():
                        self.summary.warnings.append(
                            f"Oversigten i computeren {device[:8]}s mappe på fællesdrevet kan ikke læses "
                            "eller er ændret; den er ikke brugt."
                        )
                    continue
                self.manifests[device] = manifest
                # What it wrote (its files present, or its manifest's word if higher) and what it applied.
                last = Knowledge(max(written[device], manifest.last_seq), "")
                acks.record_knowledge(s, device, {**manifest.knowledge, device: last})
                acks.record_seen(s, device, manifest.written)
            if self.me in acks.retired_laptops(s):
                self.summary.warnings.append(
                    "Denne computer er tilbagekaldt fra teamet. Dens ændringer bruges stadig, men teamet venter "
                    "ikke længere på den. Arbejd videre på den nye computer (se »Teamet«)."
                )
        own = self.manifests.get(self.me)
        self.own_resent = list(own.resent) if own is not None else []

    def _write_manifest(self, outbox: Path) -> None:
        with self.store.session() as s:
            peer = s.get(SyncPeer, self.me)
            last = max([peer.applied_seq if peer is not None else 0, *_seqs(outbox, self.team.share)])
            known = knowledge(s, self.me)
        present = set(_seqs(outbox, self.team.share))
        resent = tuple(r for r in self.own_resent if r.seq in present)
        manifest = Manifest(
            team=self.team.team_id, device=self.me, last_seq=last, knowledge=known, resent=resent
        )
        write_manifest(outbox, manifest, self.file_key, share=self.team.share)

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
            self.step("apply:backup:done")

    def _pending(self, applied: dict[str, int]) -> dict[str, list[tuple[int, Path]]]:
        root = self.team.folder / OUTBOX
        queues: dict[str, list[tuple[int, Path]]] = {}
        try:
            folders = [p for p in root.iterdir() if p.is_dir() and p.name != self.me]
        except OSError as exc:
            raise share_io.share_error(exc, self.team.share) from exc
        with self.store.session() as s:  # one session for every laptop's plan (not one each)
            self._queues(s, folders, applied, queues)
        return queues

    def _queues(
        self,
        s: Session,
        folders: list[Path],
        applied: dict[str, int],
        queues: dict[str, list[tuple[int, Path]]],
    ) -> None:
        try:
            for folder in folders:
                if folder.name.startswith("."):
                    continue
                present: dict[int, Path] = {}
                snapshots: list[tuple[int, Path]] = []
                for path in folder.iterdir():
                    seq = seq_from_name(path.name)
                    if seq is not None and seq > applied.get(folder.name, 0):
                        present[seq] = path
                    elif seq is None and (snap := snapshot.seq_from_snapshot_name(path.name)) is not None:
                        snapshots.append((snap, path))
                start = compaction.queue_start(snapshots, applied.get(folder.name, 0))
                if start is None:
                    queues[folder.name] = self._plan(s, folder.name, applied.get(folder.name, 0), present)
                else:  # a laptop joining: the snapshot stands in for the files it holds
                    later = {seq: path for seq, path in present.items() if seq > start[0]}
                    queues[folder.name] = [start, *self._plan(s, folder.name, start[0], later)]
        except OSError as exc:
            raise share_io.share_error(exc, self.team.share) from exc

    def _plan(
        self, s: Session, device: str, applied: int, present: dict[int, Path]
    ) -> list[tuple[int, Path]]:
        """The files of ``device`` to apply in order; a gap they stop at is reported, or — when the
        adviser accepts that laptop's loss — recorded and skipped."""
        manifest = self.manifests.get(device)
        resent = manifest.resent if manifest is not None else ()
        losses = [
            Loss(x.first_seq, x.last_seq)
            for x in s.scalars(
                select(SyncLoss).where(SyncLoss.device == device, SyncLoss.team == self.team.team_id)
            )
        ]
        last = acks.known_last(s, device)
        while True:
            plan = plan_files(device, applied, present, resent=resent, losses=losses, known_last=last)
            if plan.gap is None:
                return plan.queue
            if not _accepts(self.accept_loss, device):
                break
            gap = plan.gap
            s.add(
                SyncLoss(
                    team=self.team.team_id,
                    device=device,
                    first_seq=gap.first,
                    last_seq=gap.last,
                    accepted_by=self.adviser,
                )
            )
            s.flush()
            losses.append(Loss(gap.first, gap.last))
            self.summary.losses_accepted.append(gap)
        self.summary.gaps.append(plan.gap)
        self.summary.waiting.append(plan.gap.line())
        return plan.queue

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
        read = snapshot.decode if path.suffix == snapshot.SNAP_SUFFIX else decode
        try:
            _header, body = read(raw, self.file_key, team=self.team.team_id, device=device, seq=seq)
            check_documents(body)
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
                lost = erasure.before_apply(s, body, self.me)
                stats: ApplyStats = apply_body(s, body, ctx, self.store.clock, step=self.step)
                self.summary.warnings.extend(lost + erasure.after_apply(s, body))
                self.step("apply:record")
                peer = s.get(SyncPeer, device)
                if peer is None:
                    peer = SyncPeer(device_id=device)
                    s.add(peer)
                peer.applied_seq = seq
                peer.last_sent_clock = body.mark
                peer.updated = utcnow()
                # What the sender had applied, and (its own entry) that this file of it is applied here.
                acks.record_knowledge(s, device, {**body.knowledge, device: Knowledge(seq, body.mark)})
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


def _seqs(outbox: Path, share: Path) -> list[int]:
    """The seqs of the finished files in an outbox folder."""
    try:
        seqs = [seq_from_name(p.name) for p in outbox.iterdir()]
    except OSError as exc:
        raise share_io.share_error(exc, share) from exc
    return sorted(s for s in seqs if s is not None)


def _accepts(accept_loss: frozenset[str], device: str) -> bool:
    """Whether the adviser accepted the loss of ``device``'s missing files (named in full or by the eight
    characters the summary shows)."""
    return any(
        name and (device == name or (len(name) >= 8 and device.startswith(name))) for name in accept_loss
    )


def synchronise(
    store: Store,
    team: Team,
    team_key: bytes,
    *,
    progress: ProgressFn | None = None,
    cancel: Callable[[], bool] | None = None,
    step: StepFn | None = None,
    accept_deletions: int = 0,
    accept_loss: frozenset[str] = frozenset(),
    adviser: str = "",
    retired: frozenset[str] = frozenset(),
    compact_every: int | None = compaction.COMPACT_EVERY,
) -> SyncSummary:
    """Run one sync (send, then receive) and return what happened.

    ``accept_deletions``: a file that would delete many rows here is applied only when it deletes at most
    this many (the adviser's answer to the question; see :mod:`boligdesk.sync.safety`).
    ``accept_loss``: laptops (device ids, or their first eight characters) whose missing files the adviser
    accepts as lost for good; each gap skipped is recorded in ``sync_losses`` with ``adviser``.
    ``retired``: laptops that will never sync again; they are not waited for (see :mod:`~.acks`).
    """
    engine = SyncEngine(
        store,
        team,
        team_key,
        progress=progress,
        cancel=cancel,
        step=step,
        accept_deletions=accept_deletions,
        accept_loss=accept_loss,
        adviser=adviser,
        retired=retired,
        compact_every=compact_every,
    )
    return engine.run()
