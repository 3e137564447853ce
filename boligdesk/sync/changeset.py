"""Collecting this laptop's own changes since its last sent file.

A row is sent when it holds a change *made on this laptop* after the last sent mark: it was created
here (``updated_by`` is this device and ``updated_at`` is newer than the mark), or one of its
``field_clocks`` carries this device's id and is newer than the mark. Rows that only changed because a
remote file was applied are not sent back (every laptop reads every outbox itself).

The whole row is sent (all columns, with its per-field clocks), so a laptop that does not have the row
yet can insert it; a laptop that has it merges only the fields this laptop wrote (see merge.py).

The *mark* of a file is the newest of this laptop's own clocks it contains. Only the GUI thread makes
local edits (the sync runs while the sync dialog is modal), so every edit committed after the snapshot
has a clock above the mark and is picked up by the next sync.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from boligdesk.models import SyncPeer
from boligdesk.models.hlc import ZERO
from boligdesk.sync.fileformat import Knowledge
from boligdesk.sync.serialize import SerialRow, TableCodec, codecs


def clock_device(clock: str) -> str:
    """The device id inside an HLC value (``""`` for the zero clock of creation values)."""
    parts = clock.split("-", 2)
    return parts[2] if len(parts) == 3 else ""


@dataclass(slots=True)
class Changeset:
    mark: str
    rows: dict[str, list[SerialRow]] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return sum(len(items) for items in self.rows.values())


def own_peer(session: Session, device_id: str) -> SyncPeer:
    peer = session.get(SyncPeer, device_id)
    if peer is None:
        peer = SyncPeer(device_id=device_id, applied_seq=0, last_sent_clock="")
        session.add(peer)
        session.flush()
    return peer


def sent_mark(session: Session, device_id: str) -> str:
    peer = session.get(SyncPeer, device_id)
    return peer.last_sent_clock if peer is not None and peer.last_sent_clock else ZERO


_KNOWLEDGE = select(SyncPeer.device_id, SyncPeer.applied_seq, SyncPeer.last_sent_clock).where(
    SyncPeer.device_id != bindparam("b_me"), SyncPeer.applied_seq > 0
)  # built once: it runs for every file applied


def knowledge(session: Session, device_id: str) -> dict[str, Knowledge]:
    """How far this laptop has applied every other device's outbox (sent along in each file)."""
    peers = session.execute(_KNOWLEDGE, {"b_me": device_id})
    return {device: Knowledge(seq, mark or ZERO) for device, seq, mark in peers}


def _params(device_id: str, since: str) -> tuple[str, ...]:
    """The bind values of :func:`_query`: the mark, and the device id twice when it can be looked for as
    plain text inside ``field_clocks`` (a device id is hex, written unescaped in that JSON)."""
    if device_id.isascii() and device_id.isalnum():
        return (since, device_id, device_id)
    return (since,)


@cache
def _query(codec: TableCodec, everything: bool, binds: int) -> str:
    """The plain ``SELECT`` of every column of ``codec``'s table that may hold a change of this laptop.

    The ``WHERE`` is a pre-filter only, never narrower than the check in :func:`collect_changes`: a row
    written here after the mark has ``updated_by`` = this device, and a field clock of this device names
    it inside ``field_clocks``. Rows that only changed because files of other laptops were applied — all
    of them, on a laptop that receives much and writes little — are skipped in SQL instead of being read
    and parsed in Python at every sync (they made a regular sync grow with the history, issue 15).
    """
    columns = ", ".join(f'"{c}"' for c in codec.columns)
    query = f'SELECT {columns} FROM "{codec.name}"'
    if everything:
        return query
    if binds == 3:
        return query + " WHERE updated_at > ? AND (updated_by = ? OR instr(field_clocks, ?) > 0)"
    return query + " WHERE updated_at > ?"


def collect_changes(session: Session, device_id: str, since: str, *, everything: bool = False) -> Changeset:
    """Every row holding a change made on ``device_id`` after the clock ``since``.

    ``everything``: the first file this laptop writes for a team holds every row it has (a laptop that
    joins later, or a team made anew after a lost laptop, then gets rows no other member would send).
    """
    result = Changeset(mark=since)
    connection = session.connection()
    params = () if everything else _params(device_id, since)
    for name, codec in codecs().items():
        # Plain SQL on the driver, converted by the codec with SQLAlchemy's own conversions (the same
        # serialised rows as a Core select, a third of the time: sending 10,000 rows, issue 15).
        encode = codec.stored_encoder(connection.dialect)  # one per read: its memo goes with it
        picked: list[SerialRow] = []
        by, at, fc = (codec.columns.index(c) for c in ("updated_by", "updated_at", "field_clocks"))
        for row in connection.exec_driver_sql(_query(codec, everything, len(params)), params).all():
            own: list[str] = []
            if row[by] == device_id and row[at] > since:
                own.append(row[at])
            raw = row[fc]
            if raw and raw != "{}":
                clocks: dict[str, str] = json.loads(raw)
                own.extend(c for c in clocks.values() if c > since and clock_device(c) == device_id)
            if own or everything:
                picked.append(encode(row))
                result.mark = max(result.mark, *own) if own else result.mark
        if picked:
            result.rows[name] = picked
    return result
