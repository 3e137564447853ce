"""Applying one received file's rows to the local store (the database side of rowmerge.py).

The caller runs :func:`apply_body` inside one transaction that also records how far the sender's outbox
has been applied, so a file is applied completely or not at all. Rows are written with SQLAlchemy Core
and ``session.info["applying_sync"] = True``: remote rows keep their own clocks and are never
restamped as local edits. Foreign keys are checked at commit (a file may hold a child before its parent
row in the same table).
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from operator import itemgetter
from typing import Any

from sqlalchemy import Boolean, DateTime, Integer, func, insert, select, text, update
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session

from boligdesk.models import DeviceInfo, Setting, SyncConflict, SyncQuarantine
from boligdesk.models.base import MoneyType, utcnow
from boligdesk.models.hlc import HlcValue, HybridClock
from boligdesk.sync.fileformat import Body, Knowledge
from boligdesk.sync.rowmerge import Lost, MergeInput, RowMerge, knew, merge_existing, merge_new
from boligdesk.sync.serialize import (
    ISO_PROBE,
    STORED_PROBE,
    JsonValue,
    SerialRow,
    TableCodec,
    codecs,
    remember,
    stored_from_iso,
    value_text,
)

_CHUNK = 500
RELEASE_WINDOW_MS = 60 * 60 * 1000
"""A held value is applied by itself once its clock is no longer in the future, if it was at most this
far ahead when it arrived (a laptop clock a few minutes fast). Values from a clock wrong by more wait
for the adviser in "Konflikter"."""

SETTLED = "superseded"


@dataclass(slots=True)
class ApplyStats:
    inserted: int = 0
    updated: int = 0
    conflicts: int = 0
    held: int = 0

    @property
    def rows(self) -> int:
        return self.inserted + self.updated

    def add(self, other: ApplyStats) -> None:
        self.inserted += other.inserted
        self.updated += other.updated
        self.conflicts += other.conflicts
        self.held += other.held


def begin_apply(session: Session) -> None:
    """Mark the session as applying remote rows and defer foreign-key checks to commit."""
    session.info["applying_sync"] = True
    # The pragma lasts until the end of the *open* transaction, so make sure one is open: the sqlite
    # driver only begins a transaction before a data-changing statement.
    session.execute(text("UPDATE sync_peers SET applied_seq = applied_seq WHERE 0"))
    session.execute(text("PRAGMA defer_foreign_keys = ON"))


Step = tuple[int, Callable[[Any], Any], bool]
"""A column's place, its conversion, and whether to remember what each distinct value converts to."""


def _compose(decode: Callable[[Any], Any], bind: Callable[[Any], Any] | None) -> Callable[[Any], Any]:
    return decode if bind is None else (lambda value: bind(decode(value)))


@cache
def _stored_steps(
    codec: TableCodec, dialect: Dialect
) -> tuple[str, Callable[[Any], tuple[Any, ...]], tuple[Step, ...]]:
    """The plain ``INSERT`` of every column of ``codec``'s table, a getter of a serialised row's values in
    column order, and for each column whose value changes on the way to the file its conversion: the
    codec's decoder, then SQLAlchemy's own bind conversion for the dialect (Money to øre, enum to its
    stored value, date-times to text) — exactly what a Core insert of the decoded row stores."""
    table = codec.table
    steps: list[Step] = []
    for index, column in enumerate(table.columns):
        bind = column.type.dialect_impl(dialect).bind_processor(dialect)
        decode = codec.decoder(column.name)
        if decode is None and bind is None:
            continue
        convert = _compose(decode or _same, bind)
        if isinstance(column.type, DateTime) and convert(ISO_PROBE) == STORED_PROBE:
            steps.append((index, stored_from_iso(convert), False))
        else:  # a memo costs more than converting a boolean or a plain integer
            plain = isinstance(column.type, Boolean | Integer) and not isinstance(column.type, MoneyType)
            steps.append((index, convert, not plain))
    names = ", ".join(f'"{c.name}"' for c in table.columns)
    marks = ", ".join("?" for _ in table.columns)
    sql = f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})'
    return sql, itemgetter(*codec.columns), tuple(steps)


def _same(value: Any) -> Any:
    return value


def stored_params(codec: TableCodec, dialect: Dialect, rows: list[SerialRow]) -> list[tuple[Any, ...]]:
    """The values a Core insert of ``codec.decode(row)`` stores, for serialised rows holding every column:
    each distinct value of a column is converted once per call (dates, enums, amounts repeat across
    10,000 rows; a hostile value converts — or fails — exactly as it would on its own)."""
    _sql, values_of, steps = _stored_steps(codec, dialect)
    fresh = [(index, remember(convert) if memo else convert) for index, convert, memo in steps]
    nullable = frozenset(index for index, convert, _ in steps if _keeps_none(convert))
    params: list[tuple[Any, ...]] = []
    for row in rows:
        values = list(values_of(row))
        for index, convert in fresh:
            value = values[index]
            if value is not None or index not in nullable:  # most optional columns are empty
                values[index] = convert(value)
        params.append(tuple(values))
    return params


def _keeps_none(convert: Callable[[Any], Any]) -> bool:
    """Whether ``convert`` stores an empty value as ``NULL`` (then it need not be called for one)."""
    try:
        return convert(None) is None
    except Exception:  # a conversion that refuses an empty value is called for each one, as before
        return False


def _insert(session: Session, codec: TableCodec, rows: list[SerialRow]) -> None:
    """Insert new rows (serialised, as merged) in the session's transaction. Rows with every column (what
    every file from this version holds) go straight from their serialised values to the stored ones
    (:func:`stored_params`) and into one driver-level ``executemany`` — no Python objects per value in
    between (decoding and converting back was a fifth of receiving 10,000 rows, issue 15); rows lacking
    a column (an older sender) are decoded and take Core's insert, which fills in the defaults."""
    columns = len(codec.columns)
    if any(len(row) != columns for row in rows):
        session.execute(insert(codec.table), [codec.decode(row) for row in rows])
        return
    connection = session.connection()
    params = stored_params(codec, connection.dialect, rows)
    # Through SQLAlchemy's connection, so an error comes wrapped as from Core (IntegrityError: retried).
    connection.exec_driver_sql(_stored_steps(codec, connection.dialect)[0], params)


@cache
def _select_by_id(codec: TableCodec, count: int) -> str:
    columns = ", ".join(f'"{c}"' for c in codec.columns)
    marks = ", ".join("?" for _ in range(count))
    return f'SELECT {columns} FROM "{codec.name}" WHERE id IN ({marks})'


class _Applier:
    def __init__(self, session: Session, ctx: MergeInput, clock: HybridClock) -> None:
        self.session = session
        self.ctx = ctx
        self.clock = clock
        self.stats = ApplyStats()
        self.observed: list[str] = []
        self.open: dict[tuple[str, str, str], list[SyncConflict]] = defaultdict(list)
        for conflict in session.scalars(select(SyncConflict).where(SyncConflict.resolved_at.is_(None))):
            self.open[(conflict.table_name, conflict.row_id, conflict.field)].append(conflict)

    # --- rows -------------------------------------------------------------------------------------
    def apply_table(self, codec: TableCodec, remote_rows: list[SerialRow]) -> None:
        local = self._load(codec, [str(r["id"]) for r in remote_rows])
        new_rows: list[SerialRow] = []
        for remote in remote_rows:
            row_id = str(remote["id"])
            current = local.get(row_id)
            by_key = False
            if current is None and codec.model is Setting:
                current = self._setting_by_key(codec, remote)
                by_key = current is not None
            if current is None:
                merged = merge_new(codec.columns, remote, self.ctx)
                new_rows.append(merged.changes)
                local[row_id] = dict(merged.changes)
                self.stats.inserted += 1
                self._after(codec, row_id, merged)
                continue
            merged = merge_existing(codec.columns, current, remote, self.ctx, same_identity_by_key=by_key)
            target_id = str(current["id"])
            if merged.changes:
                self.session.execute(
                    update(codec.table)
                    .where(codec.table.c.id == target_id)
                    .values(**{k: codec.decode_value(k, v) for k, v in merged.changes.items()})
                )
                current.update(merged.changes)
                self.stats.updated += 1
            self._after(codec, target_id, merged)
        if new_rows:
            _insert(self.session, codec, new_rows)

    def _load(self, codec: TableCodec, ids: list[str]) -> dict[str, SerialRow]:
        """The local rows among ``ids``, serialised. Plain SQL on the driver and the codec's
        ``stored_encoder`` (the same rows as the codec over a Core select, without compiling an expanding
        ``IN`` for every 500 ids: most ids of a big file are new here, issue 15)."""
        found: dict[str, SerialRow] = {}
        connection = self.session.connection()
        encode = codec.stored_encoder(connection.dialect)
        for start in range(0, len(ids), _CHUNK):
            chunk = tuple(ids[start : start + _CHUNK])
            for row in connection.exec_driver_sql(_select_by_id(codec, len(chunk)), chunk).all():
                serial = encode(row)
                found[str(serial["id"])] = serial
        return found

    def _setting_by_key(self, codec: TableCodec, remote: SerialRow) -> SerialRow | None:
        row = (
            self.session.execute(select(codec.table).where(codec.table.c.key == remote.get("key")))
            .mappings()
            .first()
        )
        return None if row is None else codec.encode(row)

    # --- conflicts, quarantine, clocks ----------------------------------------------------------------
    def _after(self, codec: TableCodec, row_id: str, merged: RowMerge) -> None:
        self.observed.extend(merged.observed)
        for lost in merged.lost:
            if self._record_conflict(codec.name, row_id, lost.field, lost):
                self.stats.conflicts += 1
        for held in merged.held:
            if self._hold(codec.name, row_id, held.field, held.value, held.clock):
                self.stats.held += 1
        for name in merged.settled:
            for conflict in self.open.get((codec.name, row_id, name), []):
                if conflict.resolved_at is None and all(
                    knew(self.ctx.sender, self.ctx.sender_knowledge, c)
                    for c in (conflict.lost_clock, conflict.kept_clock)
                ):
                    conflict.resolved_at = utcnow()
                    conflict.resolution = SETTLED

    def _record_conflict(self, table: str, row_id: str, name: str, lost: Lost) -> bool:
        exists = self.session.scalar(
            select(SyncConflict.id).where(
                SyncConflict.table_name == table,
                SyncConflict.row_id == row_id,
                SyncConflict.field == name,
                SyncConflict.lost_clock == lost.lost_clock,
                SyncConflict.lost_value == value_text(lost.lost_value),
            )
        )
        if exists is not None:
            return False
        conflict = SyncConflict(
            table_name=table,
            row_id=row_id,
            field=name,
            kept_value=value_text(lost.kept_value),
            lost_value=value_text(lost.lost_value),
            kept_clock=lost.kept_clock,
            lost_clock=lost.lost_clock,
            lost_device=lost.lost_device,
        )
        self.session.add(conflict)
        self.open[(table, row_id, name)].append(conflict)
        return True

    def _hold(self, table: str, row_id: str, name: str, value: JsonValue, clock: str) -> bool:
        for existing in self.session.scalars(
            select(SyncQuarantine).where(
                SyncQuarantine.table_name == table,
                SyncQuarantine.row_id == row_id,
                SyncQuarantine.clock == clock,
            )
        ):
            if json.loads(existing.payload).get("field") == name:
                return False
        payload = {
            "field": name,
            "value": value,
            "sender": self.ctx.sender,
            "knowledge": {d: [k.seq, k.mark] for d, k in self.ctx.sender_knowledge.items()},
            "received_ms": time.time_ns() // 1_000_000,
        }
        self.session.add(
            SyncQuarantine(
                table_name=table,
                row_id=row_id,
                payload=json.dumps(payload, ensure_ascii=False, sort_keys=True),
                clock=clock,
            )
        )
        return True

    def finish(self) -> None:
        self.session.flush()
        if self.observed:
            self.clock.observe(max(self.observed))
        info = self.session.get(DeviceInfo, self.ctx.me)
        if info is not None:
            info.clock = self.clock.last


def apply_body(
    session: Session,
    body: Body,
    ctx: MergeInput,
    clock: HybridClock,
    *,
    step: Callable[[str], None] | None = None,
) -> ApplyStats:
    """Merge every row of ``body`` into the store; the caller commits (or rolls back) the transaction.

    ``step`` is called before each table (tests raise there to interrupt an apply half-way).
    """
    begin_apply(session)
    applier = _Applier(session, ctx, clock)
    tables = codecs()
    for name, codec in tables.items():
        rows = body.rows.get(name)
        if rows:
            if step is not None:
                step(f"apply:table:{name}")
            applier.apply_table(codec, rows)
    applier.finish()
    return applier.stats


def _knowledge_from(raw: Mapping[str, Iterable[object]]) -> dict[str, Knowledge]:
    result: dict[str, Knowledge] = {}
    for device, pair in raw.items():
        seq, mark = list(pair)
        result[str(device)] = Knowledge(int(str(seq)), str(mark))
    return result


def release_quarantine(
    session: Session, *, me: str, my_knowledge: Mapping[str, Knowledge], clock: HybridClock
) -> ApplyStats:
    """Apply held values whose clock was only a little fast and is no longer in the future."""
    stats = ApplyStats()
    entries = list(session.scalars(select(SyncQuarantine)))
    if not entries:
        return stats
    begin_apply(session)
    tables = codecs()
    for entry in entries:
        payload = json.loads(entry.payload)
        if clock.is_too_far_in_future(entry.clock):
            continue
        if HlcValue.decode(entry.clock).millis - int(payload["received_ms"]) > RELEASE_WINDOW_MS:
            continue
        stats.add(apply_held_value(session, entry, tables[entry.table_name], me, my_knowledge, clock))
    return stats


def apply_held_value(
    session: Session,
    entry: SyncQuarantine,
    codec: TableCodec,
    me: str,
    my_knowledge: Mapping[str, Knowledge],
    clock: HybridClock,
) -> ApplyStats:
    """Merge one held value as if its file arrived now, then drop the quarantine entry."""
    payload = json.loads(entry.payload)
    ctx = MergeInput(
        me=me,
        sender=str(payload["sender"]),
        sender_knowledge=_knowledge_from(payload["knowledge"]),
        my_knowledge=my_knowledge,
        too_far=clock.is_too_far_in_future,
    )
    applier = _Applier(session, ctx, clock)
    row = session.execute(select(codec.table).where(codec.table.c.id == entry.row_id)).mappings().first()
    if row is not None:
        local = codec.encode(row)
        remote = dict(local)
        remote[payload["field"]] = payload["value"]
        remote["field_clocks"] = json.dumps({payload["field"]: entry.clock})
        applier.apply_table(codec, [remote])
    applier.finish()
    session.delete(entry)
    return applier.stats


def open_conflict_count(session: Session) -> int:
    """Open conflicts plus held (quarantined) values: what "Konflikter" lists."""
    conflicts = session.scalar(
        select(func.count()).select_from(SyncConflict).where(SyncConflict.resolved_at.is_(None))
    )
    held = session.scalar(select(func.count()).select_from(SyncQuarantine))
    return int(conflicts or 0) + int(held or 0)
