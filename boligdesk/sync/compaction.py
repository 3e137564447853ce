"""Compaction: a laptop folds its own old sync files into one snapshot once the whole team has them.

A year of a team would otherwise leave thousands of files in the outboxes, and a laptop joining would
replay every one of them. So at the end of a sync, each laptop looks at **its own** outbox (only a laptop
writes its own folder): when every active laptop has acknowledged its files up to ``K``
(:func:`boligdesk.sync.acks.acknowledged`, fed by the manifests and the knowledge in applied files) and at
least ``every`` of them are not in a snapshot yet, it

1. reads its previous snapshot (if any) and its files after it up to ``K`` and folds them: per row, the
   newest version this laptop sent (each file holds whole rows, and a later version of a row on the
   same laptop already holds everything the earlier one did);
2. writes ``outbox/<device>/<K>.bdsnap`` (:mod:`boligdesk.sync.snapshot`) crash-safely: hidden temp
   file, fsync, read back and checked, atomic rename;
3. only then removes its files ``≤ K`` and older snapshots.

A crash between 2 and 3 leaves the snapshot *and* (some of) the files: both say the same, and the next
sync removes the rest (:func:`tidy`). A crash during 2 leaves a temp file the next sync removes. Nothing a
laptop has not applied is ever removed: ``K`` is at most what every active laptop has acknowledged. A
laptop that has applied less than ``K`` (a new one joining) applies the snapshot as if it were file ``K``,
then the files after it (:func:`queue_start`). Own files missing from the outbox stop the fold at the
gap (unless a re-sent file that is folded too holds their changes): a snapshot never claims changes it
does not hold.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from boligdesk.sync import acks, share_io, snapshot
from boligdesk.sync.fileformat import Body, Header, SyncFileRefused, decode, file_name, now_iso, seq_from_name
from boligdesk.sync.manifest import Resent
from boligdesk.sync.serialize import SerialRow

#: Compact once at least this many acknowledged files are not in a snapshot yet. Small enough that an
#: outbox never holds many files, large enough that the snapshot (which grows with this laptop's own
#: rows) is not rewritten at every sync.
COMPACT_EVERY = 8


@dataclass(frozen=True, slots=True)
class Compacted:
    seq: int
    files: int
    rows: int


def snapshots(folder: Path) -> list[tuple[int, Path]]:
    """The finished snapshots in an outbox folder, lowest seq first (normally one)."""
    found: list[tuple[int, Path]] = []
    with contextlib.suppress(FileNotFoundError):
        for path in folder.iterdir():
            seq = snapshot.seq_from_snapshot_name(path.name)
            if seq is not None:
                found.append((seq, path))
    return sorted(found)


def newest_snapshot(folder: Path) -> tuple[int, Path] | None:
    found = snapshots(folder)
    return found[-1] if found else None


def queue_start(found: list[tuple[int, Path]], applied: int) -> tuple[int, Path] | None:
    """Of the snapshots ``found`` in an outbox, the one a receiver that has applied ``applied`` of it
    should apply first (``None``: it has everything they hold, or there is none)."""
    newest = max(found, default=None)
    return newest if newest is not None and newest[0] > applied else None


def covered(folder: Path) -> int:
    """The highest own seq the newest snapshot in ``folder`` holds (0: none)."""
    newest = newest_snapshot(folder)
    return newest[0] if newest is not None else 0


def _fold(target: dict[str, dict[str, SerialRow]], body: Body) -> None:
    for table, rows in body.rows.items():
        into = target.setdefault(table, {})
        for row in rows:
            into[str(row["id"])] = row


def _fold_range(present: set[int], start: int, floor: int, resent: tuple[Resent, ...]) -> list[int]:
    """The own seqs to fold after ``start`` up to ``floor``: present ones, stopping at a missing file whose
    changes no folded re-sent file holds."""
    seqs: list[int] = []
    seq = start + 1
    while seq <= floor:
        if seq in present:
            seqs.append(seq)
            seq += 1
            continue
        replacing = [r.seq for r in resent if r.covers(seq) and r.seq in present and r.seq <= floor]
        if not replacing:
            break
        seq = min(replacing)
    return seqs


def compact(
    session: Session,
    *,
    outbox: Path,
    share: Path,
    team_id: str,
    device: str,
    file_key: bytes,
    resent: tuple[Resent, ...] = (),
    retired: frozenset[str] = frozenset(),
    every: int = COMPACT_EVERY,
    step: share_io.StepFn = share_io.no_step,
) -> Compacted | None:
    """Fold this laptop's acknowledged files into a new snapshot (see the module docstring). First
    finishes what a crash may have left: files the newest snapshot already holds are removed."""
    tidy(outbox, step=step)
    floor = acks.lowest_ack(session, device, retired=retired)
    reach = floor.seq if floor is not None else 0
    start = covered(outbox)
    present = {s for s in (seq_from_name(p.name) for p in outbox.iterdir()) if s is not None}
    seqs = _fold_range(present, start, reach, resent)
    if len(seqs) < every or not seqs:
        return None
    last = seqs[-1]
    if not acks.acknowledged(session, device, last, retired=retired):
        return None
    rows: dict[str, dict[str, SerialRow]] = {}
    body = Body(mark="")
    if start:
        previous = outbox / snapshot.snapshot_name(start)
        try:
            _header, body = snapshot.decode(
                previous.read_bytes(), file_key, team=team_id, device=device, seq=start
            )
        except (OSError, SyncFileRefused):
            return None  # our own snapshot cannot be read: keep the files (receivers report the refusal)
        _fold(rows, body)
    for seq in seqs:
        try:
            _header, body = decode(
                (outbox / file_name(seq)).read_bytes(), file_key, team=team_id, device=device, seq=seq
            )
        except (OSError, SyncFileRefused):
            return None
        _fold(rows, body)
    folded = Body(
        mark=body.mark,
        knowledge=body.knowledge,
        rows={table: list(by_id.values()) for table, by_id in sorted(rows.items())},
    )
    header = Header(team=team_id, device=device, seq=last, created=now_iso())
    data = snapshot.encode(header, folded, file_key)

    def verify(raw: bytes) -> None:
        if raw != data:
            raise OSError(5, "read-back mismatch")

    step("compact:write")
    share_io.write_new_file(
        outbox / snapshot.snapshot_name(last), data, share=share, verify=verify, step=step
    )
    step("compact:tidy")
    tidy(outbox, step=step)
    return Compacted(last, len(seqs), folded.row_count)


def tidy(outbox: Path, *, step: share_io.StepFn = share_io.no_step) -> int:
    """Remove own files and older snapshots the newest snapshot holds (after a crash, too). How many."""
    newest = covered(outbox)
    if not newest:
        return 0
    removed = 0
    for path in sorted(outbox.iterdir()):
        seq = seq_from_name(path.name)
        old_snapshot = snapshot.seq_from_snapshot_name(path.name)
        if (seq is not None and seq <= newest) or (old_snapshot is not None and old_snapshot < newest):
            step("compact:remove")
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
            removed += 1
    return removed
