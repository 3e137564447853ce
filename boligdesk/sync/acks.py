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

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.orm import Session

from boligdesk.models import DeviceInfo, RetiredLaptop, SyncAck, SyncPeer
from boligdesk.models.base import utcnow
from boligdesk.sync.fileformat import Knowledge

_ACKS: Table = SyncAck.__table__  # type: ignore[assignment]
_UPDATE = (
    update(_ACKS)
    .where(_ACKS.c.holder == bindparam("b_holder"), _ACKS.c.device == bindparam("b_device"))
    .values(seq=bindparam("b_seq"), mark=bindparam("b_mark"), updated=bindparam("b_updated"))
)

# Built once: with 25 laptops these run a thousand times a sync, and building the statement (not running
# it) was a good part of each.
_OF_HOLDER = select(_ACKS.c.device, _ACKS.c.seq, _ACKS.c.mark).where(_ACKS.c.holder == bindparam("b_holder"))
_OF_DEVICE = select(_ACKS.c.holder, _ACKS.c.seq, _ACKS.c.mark).where(_ACKS.c.device == bindparam("b_device"))


def _store(session: Session, holder: str, known: Mapping[str, tuple[int, str]]) -> None:
    """Raise ``holder``'s rows to ``known`` (``{device: (seq, mark)}``); never goes back.

    Plain Core statements on ``sync_acks`` — one read of the holder's rows, at most one executemany each
    for new and raised rows — inside the caller's transaction. With 25 laptops every manifest and every
    applied file carries 25 entries; loading them as ORM objects and flushing them through the unit of
    work was most of a regular sync (issue 15). No ORM ``SyncAck`` object is ever held during a sync, so
    nothing here can go stale in a session's identity map.
    """
    current = {device: (seq, mark) for device, seq, mark in session.execute(_OF_HOLDER, {"b_holder": holder})}
    now = utcnow()
    new: list[dict[str, object]] = []
    raised: list[dict[str, object]] = []
    for device, (seq, mark) in known.items():
        row = current.get(device)
        if row is None:
            new.append({"holder": holder, "device": device, "seq": seq, "mark": mark, "updated": now})
        elif seq > row[0] or (seq == row[0] and mark and not row[1]):
            raised.append(
                {
                    "b_holder": holder,
                    "b_device": device,
                    "b_seq": seq,
                    "b_mark": mark or row[1],
                    "b_updated": now,
                }
            )
    if new:
        session.execute(insert(_ACKS), new)
    if raised:
        session.execute(_UPDATE, raised)


def record_ack(session: Session, holder: str, device: str, seq: int, mark: str = "") -> None:
    """``holder`` has applied ``device``'s files up to ``seq`` (whose mark is ``mark``); never goes back."""
    _store(session, holder, {device: (seq, mark)})


def record_seen(session: Session, holder: str, written: str) -> None:
    """``holder`` last synced at ``written`` (ISO, UTC: its manifest's word); never goes back."""
    session.execute(
        update(_ACKS)
        .where(_ACKS.c.holder == holder, _ACKS.c.device == holder, _ACKS.c.seen < written)
        .values(seen=written)
    )


def record_knowledge(session: Session, holder: str, known: Mapping[str, Knowledge]) -> None:
    """Every ``record_ack`` of ``holder``'s knowledge, in one read and at most two statements."""
    _store(session, holder, {device: (k.seq, k.mark) for device, k in known.items()})


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
        holder: Knowledge(seq, mark)
        for holder, seq, mark in session.execute(_OF_DEVICE, {"b_device": device})
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
