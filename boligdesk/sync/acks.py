"""The acknowledgement state: what every laptop of the team has applied from every other laptop.

This laptop learns it from the knowledge each applied file carries (``{device: (seq, mark)}``) and from
every outbox's manifest (:mod:`boligdesk.sync.manifest`), and keeps it in the local table ``sync_acks``
(never synced). Its own knowledge is ``sync_peers``. The team's laptops are the outbox folders seen on
the share; a retired laptop (lost, stolen, replaced: the synced table ``retired_laptops``) is left out
here, by itself, so no caller has to know about retirements: :func:`active_laptops` is the team that
counts, and :func:`acknowledged` / :func:`lowest_ack` wait only for it.

:func:`acknowledged` answers "has every active laptop applied file ``seq`` of ``device``?": gap recovery
uses it now (a file others have not acknowledged and that is gone is re-sent); erasing tombstoned rows
and removing old share files will use it later.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from boligdesk.models import DeviceInfo, RetiredLaptop, SyncAck, SyncPeer
from boligdesk.models.base import utcnow
from boligdesk.sync.fileformat import Knowledge


def record_ack(session: Session, holder: str, device: str, seq: int, mark: str = "") -> None:
    """``holder`` has applied ``device``'s files up to ``seq`` (whose mark is ``mark``); never goes back."""
    # No autoflush: the look-up by key finds a row changed in this session in the identity map (a new
    # row is flushed below), so flushing first only cost a flush per call — with 25 laptops a sync
    # recorded ~650 acks and that flush storm was most of its time (issue 15).
    with session.no_autoflush:
        row = session.get(SyncAck, (holder, device))
    if row is None:
        session.add(SyncAck(holder=holder, device=device, seq=seq, mark=mark, updated=utcnow()))
        session.flush()
    elif seq > row.seq or (seq == row.seq and mark and not row.mark):
        row.seq, row.mark, row.updated = seq, mark or row.mark, utcnow()


def record_seen(session: Session, holder: str, written: str) -> None:
    """``holder`` last synced at ``written`` (ISO, UTC: its manifest's word); never goes back."""
    row = session.get(SyncAck, (holder, holder))
    if row is not None and written > row.seen:
        row.seen = written


def record_knowledge(session: Session, holder: str, known: Mapping[str, Knowledge]) -> None:
    """Every ``record_ack`` of ``holder``'s knowledge, with ``holder``'s rows read in one query and the new
    ones flushed once (one look-up and one flush per pair made a 25-laptop sync O(laptops²) flushes)."""
    with session.no_autoflush:
        rows = {r.device: r for r in session.scalars(select(SyncAck).where(SyncAck.holder == holder))}
    added = False
    for device, k in known.items():
        row = rows.get(device)
        if row is None:
            rows[device] = SyncAck(holder=holder, device=device, seq=k.seq, mark=k.mark, updated=utcnow())
            session.add(rows[device])
            added = True
        elif k.seq > row.seq or (k.seq == row.seq and k.mark and not row.mark):
            row.seq, row.mark, row.updated = k.seq, k.mark or row.mark, utcnow()
    if added:
        session.flush()


def laptops(session: Session) -> set[str]:
    """Every laptop of the team this laptop knows of (outbox folders seen on the share), itself included."""
    me = session.scalars(select(DeviceInfo.device_id)).first()
    found = set(session.scalars(select(SyncAck.holder).distinct()))
    if me is not None:
        found.add(me)
    return found


def retired_laptops(session: Session) -> set[str]:
    """The laptops retired from the team (a synced fact: every laptop learns it at its next sync)."""
    return set(session.scalars(select(RetiredLaptop.device_id).where(RetiredLaptop.deleted.is_(False))))


def active_laptops(session: Session) -> set[str]:
    """The team's laptops that count: every laptop seen on the share (and this one) but the retired."""
    return laptops(session) - retired_laptops(session)


def acks_of(session: Session, device: str) -> dict[str, Knowledge]:
    """How far each laptop has applied ``device``'s files (this laptop's own from ``sync_peers``)."""
    result = {
        a.holder: Knowledge(a.seq, a.mark)
        for a in session.scalars(select(SyncAck).where(SyncAck.device == device))
    }
    me = session.scalars(select(DeviceInfo.device_id)).first()
    if me is not None and me != device:
        peer = session.get(SyncPeer, device)
        result[me] = Knowledge(peer.applied_seq if peer else 0, peer.last_sent_clock if peer else "")
    return result


def known_last(session: Session, device: str) -> int:
    """The highest seq of ``device`` any laptop has written or applied, as far as this laptop knows."""
    return max((k.seq for k in acks_of(session, device).values()), default=0)


def acknowledged(session: Session, device: str, seq: int, *, retired: Iterable[str] = ()) -> bool:
    """True when every active laptop (every laptop of the team but ``device`` itself, the retired laptops
    and any further ``retired`` the caller names) has applied ``device``'s file ``seq``."""
    skip = set(retired) | {device}
    acks = acks_of(session, device)
    return all(acks.get(holder, Knowledge(0, "")).seq >= seq for holder in active_laptops(session) - skip)


def lowest_ack(session: Session, device: str, *, retired: Iterable[str] = ()) -> Knowledge | None:
    """The least any active laptop other than ``device`` has applied of it (``None``: no such laptop)."""
    skip = set(retired) | {device}
    acks = acks_of(session, device)
    found = [acks.get(holder, Knowledge(0, "")) for holder in active_laptops(session) - skip]
    return min(found, key=lambda k: k.seq) if found else None
