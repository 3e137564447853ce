"""The "Konflikter" list: open conflicts and held values, and the adviser's choice for each.

* A **conflict** is a value that lost a merge (two laptops changed the same field without seeing each
  other's change). The newest value is current; the other is kept here.
* A **held value** came from a laptop whose clock was too far ahead; it was not applied.

Choosing writes a normal local edit (new clock, so it syncs and wins over what the others have):
"Behold nuværende" re-confirms the current value, "Brug den anden" writes the other one. The conflict
is then marked resolved (it stays in the table, so nothing is ever lost); a held value is removed.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from enum import Enum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from boligdesk.errors import StoreError
from boligdesk.models import Case, Estate, Person, SyncConflict, Synced, SyncQuarantine, Tenancy
from boligdesk.models.base import utcnow
from boligdesk.models.hlc import HlcValue
from boligdesk.models.store import Store
from boligdesk.sync.labels import field_label, table_label, value_label
from boligdesk.sync.merge import open_conflict_count
from boligdesk.sync.serialize import JsonValue, codecs, value_from_text
from boligdesk.sync.settings import update_settings


class ItemKind(Enum):
    CONFLICT = "conflict"
    HELD = "held"


KEPT = "kept"
OTHER = "other"


@dataclass(frozen=True, slots=True)
class ConflictItem:
    """One line of the list (plain data; the UI never holds database objects)."""

    kind: ItemKind
    id: str
    table: str
    row_id: str
    field: str
    table_label: str
    field_label: str
    what: str
    current_text: str
    other_text: str
    other_device: str
    detected: dt.datetime
    other_when: dt.datetime | None


def _model(table: str) -> type[Synced]:
    codec = codecs().get(table)
    if codec is None:
        raise StoreError("conflict_unknown_table", "Konflikten hører til data, denne version ikke kender.")
    return codec.model


def _row(session: Session, table: str, row_id: str) -> Any:
    row = session.get(_model(table), row_id)
    if row is None:
        raise StoreError("conflict_row_missing", "Det, konflikten handler om, findes ikke på denne computer.")
    return row


def describe_row(session: Session, table: str, row: Any) -> str:
    """A short Danish description of what a row belongs to: ``Sag 2026-0001``, a name, an address."""
    if isinstance(row, Case):
        return f"Sag {row.number}"
    case_id = getattr(row, "case_id", None)
    if case_id:
        case = session.get(Case, case_id)
        if case is not None:
            return f"Sag {case.number}"
    if isinstance(row, Person):
        return row.full_name
    if isinstance(row, Tenancy):
        return row.full_address
    if isinstance(row, Estate):
        return row.display_name
    for attr in ("name", "key", "title", "text"):
        value = getattr(row, attr, None)
        if isinstance(value, str) and value:
            return value[:60]
    return table_label(table)


def _current(table: str, row: Any, field: str) -> JsonValue:
    codec = codecs()[table]
    return codec.encode({name: getattr(row, name) for name in codec.columns})[field]


def _wall(clock: str) -> dt.datetime | None:
    try:
        millis = HlcValue.decode(clock).millis
    except ValueError:
        return None
    if millis <= 0:
        return None
    return dt.datetime.fromtimestamp(millis / 1000, dt.UTC).astimezone().replace(tzinfo=None)


def list_open(store: Store) -> list[ConflictItem]:
    """Open conflicts and held values, newest first."""
    items: list[ConflictItem] = []
    with store.session() as s:
        for c in s.scalars(select(SyncConflict).where(SyncConflict.resolved_at.is_(None))):
            row = s.get(_model(c.table_name), c.row_id)
            if row is None:
                continue
            items.append(
                ConflictItem(
                    kind=ItemKind.CONFLICT,
                    id=c.id,
                    table=c.table_name,
                    row_id=c.row_id,
                    field=c.field,
                    table_label=table_label(c.table_name),
                    field_label=field_label(c.field),
                    what=describe_row(s, c.table_name, row),
                    current_text=value_label(c.table_name, c.field, _current(c.table_name, row, c.field)),
                    other_text=value_label(c.table_name, c.field, value_from_text(c.lost_value)),
                    other_device=c.lost_device,
                    detected=c.detected_at,
                    other_when=_wall(c.lost_clock),
                )
            )
        for q in s.scalars(select(SyncQuarantine)):
            payload = json.loads(q.payload)
            row = s.get(_model(q.table_name), q.row_id)
            if row is None:
                continue
            field = str(payload["field"])
            items.append(
                ConflictItem(
                    kind=ItemKind.HELD,
                    id=q.id,
                    table=q.table_name,
                    row_id=q.row_id,
                    field=field,
                    table_label=table_label(q.table_name),
                    field_label=field_label(field),
                    what=describe_row(s, q.table_name, row),
                    current_text=value_label(q.table_name, field, _current(q.table_name, row, field)),
                    other_text=value_label(q.table_name, field, payload["value"]),
                    other_device=str(payload.get("sender", "")),
                    detected=q.received_at,
                    other_when=_wall(q.clock),
                )
            )
    items.sort(key=lambda item: item.detected, reverse=True)
    return items


def _write(
    session: Session, table: str, row: Any, field: str, value: JsonValue | None, *, keep: bool
) -> None:
    """A normal local edit of one field (the before-flush hook stamps a new clock)."""
    if keep:
        flag_modified(row, field)
        return
    setattr(row, field, codecs()[table].decode_value(field, value))


def keep_current(store: Store, kind: ItemKind, item_id: str) -> None:
    """ "Behold nuværende": confirm the current value on all laptops; the other one stays on record."""
    _choose(store, kind, item_id, keep=True)


def use_other(store: Store, kind: ItemKind, item_id: str) -> None:
    """ "Brug den anden": make the other value current (as a local edit that syncs)."""
    _choose(store, kind, item_id, keep=False)


def _choose(store: Store, kind: ItemKind, item_id: str, *, keep: bool) -> None:
    with store.session() as s:
        if kind is ItemKind.CONFLICT:
            conflict = s.get(SyncConflict, item_id)
            if conflict is None or conflict.resolved_at is not None:
                raise StoreError("conflict_gone", "Konflikten er allerede løst.")
            row = _row(s, conflict.table_name, conflict.row_id)
            _write(
                s, conflict.table_name, row, conflict.field, value_from_text(conflict.lost_value), keep=keep
            )
            conflict.resolved_at = utcnow()
            conflict.resolution = KEPT if keep else OTHER
        else:
            held = s.get(SyncQuarantine, item_id)
            if held is None:
                raise StoreError("conflict_gone", "Ændringen er allerede behandlet.")
            payload = json.loads(held.payload)
            if not keep:
                row = _row(s, held.table_name, held.row_id)
                _write(s, held.table_name, row, str(payload["field"]), payload["value"], keep=False)
            s.delete(held)
        s.flush()
        count = open_conflict_count(s)
    update_settings(store.profile.folder, open_conflicts=count)
