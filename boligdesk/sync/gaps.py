"""Gaps in a laptop's outbox: which of its files to apply next, and what is missing.

A receiver has applied ``device``'s files up to ``applied``. The next files are taken in order; a seq
that is not on the share is skipped only when its laptop re-sent it (its manifest names the file that
replaces it) or when the adviser here accepted its loss (``sync_losses``). Any other missing seq —
followed by files that are there, or below the highest seq some laptop has written or applied (a lost
*last* file) — is a :class:`Gap`: that laptop's later files wait, and the summary says how it ends.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from boligdesk.sync.manifest import Resent

ACCEPT_LOSS_OPTION = "--accept-loss"


@dataclass(frozen=True, slots=True)
class Gap:
    """Files ``first``..``last`` of ``device`` are missing on the share (``last`` is the best guess)."""

    device: str
    first: int
    last: int

    @property
    def files(self) -> str:
        return f"nr. {self.first}" if self.first == self.last else f"nr. {self.first}–{self.last}"

    def line(self) -> str:
        short = self.device[:8]
        return (
            f"Fil {self.files} fra computeren {short} mangler på fællesdrevet; dens ændringer venter. "
            f"Computeren {short} sender ændringerne igen ved sin næste synkronisering. Kommer den aldrig "
            f"igen, kan du acceptere tabet: »boligdesk sync {ACCEPT_LOSS_OPTION} {short}«. Dens ændringer "
            "i de manglende filer er så tabt, og beslutningen noteres."
        )


@dataclass(frozen=True, slots=True)
class Loss:
    first: int
    last: int

    def covers(self, seq: int) -> bool:
        return self.first <= seq <= self.last


@dataclass(slots=True)
class Plan:
    """The files to apply, in order (skipping re-sent or accepted seqs), and the gap they stop at."""

    queue: list[tuple[int, Path]]
    gap: Gap | None = None


def plan_files(
    device: str,
    applied: int,
    present: Mapping[int, Path],
    *,
    resent: Sequence[Resent] = (),
    losses: Iterable[Loss] = (),
    known_last: int = 0,
) -> Plan:
    """What to apply of ``device``'s ``present`` files (seq → path) after ``applied``."""
    losses = list(losses)
    queue: list[tuple[int, Path]] = []
    seq = applied + 1
    highest = max([*present, known_last], default=0)
    while seq <= highest:
        if seq in present:
            queue.append((seq, present[seq]))
            seq += 1
            continue
        replaced = [r.seq for r in resent if r.covers(seq) and r.seq > seq and r.seq in present]
        if replaced:
            seq = min(replaced)
            continue
        loss = next((lost for lost in losses if lost.covers(seq)), None)
        if loss is not None:
            seq = loss.last + 1
            continue
        following = [s for s in present if s > seq]
        last = min(following) - 1 if following else max(known_last, seq)
        return Plan(queue, Gap(device, seq, last))
    return Plan(queue)


def missing_own(last: int, present: Iterable[int], floor: int, resent: Sequence[Resent] = ()) -> list[int]:
    """This laptop's seqs above ``floor`` (what every active laptop has applied) up to ``last`` that are
    gone from its outbox and not already re-sent in a file that is still there."""
    there = set(present)
    return [
        seq
        for seq in range(floor + 1, last + 1)
        if seq not in there and not any(r.covers(seq) and r.seq in there for r in resent)
    ]
