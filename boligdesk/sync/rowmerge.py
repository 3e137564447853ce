"""Merging one remote row into the local one: pure rules, no database (DESIGN.md §3).

Every field of a synced row is a *register*: a value and the HLC of the edit that wrote it
(``field_clocks``; a field not in the map still holds the value the row was created with, clock zero).

* The higher clock wins, field by field; HLC strings sort by time, then counter, then device id, so
  every laptop picks the same winner. Merging is idempotent and order-independent.
* **The losing value is never dropped.** When both sides wrote the same field and the writer of the
  winning value had not seen the losing one (*concurrent* edits), the loser becomes a :class:`Lost`
  record, which the caller keeps as a :class:`~boligdesk.models.SyncConflict`. A value overwritten by
  someone who had seen it is an ordinary edit, not a conflict. "Had seen" is judged with the sender's
  *knowledge* (how far it had applied each other device's files, sent in every file) and, for the
  local side, with this laptop's own knowledge before the file; files are applied in causal order
  (engine.py), so a value this laptop got from a third laptop was applied after everything that
  laptop had seen.
* Only fields the sender itself wrote are merged into an existing row; values the sender got from a
  third laptop arrive (with that laptop's knowledge) in the third laptop's own file.
* ``deleted`` is a register too, but a deletion wins only if no later edit exists: a row whose deletion
  is older than the newest edit of any other field stays (or becomes) alive, and that is reported as a
  conflict on the field ``deleted`` — a case deleted on one laptop and edited on another is kept.
  Equal deletion clocks count as deleted (the edit that made them deleted the row).
* A remote clock too far in the future (:data:`~boligdesk.models.hlc.MAX_DRIFT_MS`) is not trusted: its
  value is *held* for quarantine instead of applied, so a laptop whose clock is days ahead cannot win.
  For a row this laptop does not have yet the value is still inserted, but as a creation value
  (clock zero), so any honest later edit wins over it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from operator import itemgetter

from boligdesk.models.base import SYNC_COLUMNS
from boligdesk.models.hlc import ZERO
from boligdesk.sync.changeset import clock_device
from boligdesk.sync.fileformat import Knowledge
from boligdesk.sync.serialize import JsonValue, SerialRow, value_text

DELETED = "deleted"


@dataclass(frozen=True, slots=True)
class Lost:
    """A losing value of one field (becomes a SyncConflict)."""

    field: str
    kept_value: JsonValue
    lost_value: JsonValue
    kept_clock: str
    lost_clock: str
    lost_device: str


@dataclass(frozen=True, slots=True)
class Held:
    """A remote value whose clock is too far in the future (becomes a SyncQuarantine row)."""

    field: str
    value: JsonValue
    clock: str


@dataclass(slots=True)
class RowMerge:
    changes: dict[str, JsonValue] = field(default_factory=dict)
    lost: list[Lost] = field(default_factory=list)
    held: list[Held] = field(default_factory=list)
    observed: list[str] = field(default_factory=list)
    settled: list[str] = field(default_factory=list)
    """Fields overwritten by a writer who had seen everything before: their open conflicts are settled."""


def knew(writer: str, writer_knowledge: Mapping[str, Knowledge], clock: str) -> bool:
    """Had ``writer`` seen the value written at ``clock`` when it wrote its own?"""
    author = clock_device(clock)
    if not author or author == writer:
        return True
    known = writer_knowledge.get(author)
    return known is not None and known.mark >= clock


@dataclass(frozen=True, slots=True)
class MergeInput:
    """What is known about the file a remote row comes from."""

    me: str
    sender: str
    sender_knowledge: Mapping[str, Knowledge]
    my_knowledge: Mapping[str, Knowledge]
    too_far: Callable[[str], bool]


def registers(columns: tuple[str, ...]) -> tuple[str, ...]:
    return (*(c for c in columns if c not in SYNC_COLUMNS), DELETED)


def _clocks(row: Mapping[str, JsonValue]) -> dict[str, str]:
    raw = row.get("field_clocks") or "{}"
    if raw == "{}":
        return {}
    data = json.loads(str(raw))
    return {str(k): str(v) for k, v in data.items()}


def _alive_despite_deletion(deleted: bool, clocks: Mapping[str, str]) -> tuple[bool, str]:
    """(derived ``deleted`` value, newest clock of any other field)."""
    newest_other = max((c for f, c in clocks.items() if f != DELETED), default=ZERO)
    if deleted and newest_other > clocks.get(DELETED, ZERO):
        return False, newest_other
    return deleted, newest_other


def merge_new(columns: tuple[str, ...], remote: SerialRow, ctx: MergeInput) -> RowMerge:
    """Insert a row this laptop does not have. Returns the full row in ``changes``."""
    clocks = _clocks(remote)
    trusted = {f: c for f, c in clocks.items() if not ctx.too_far(c)} if clocks else {}
    observed = list(trusted.values())
    updated_at = str(remote["updated_at"])
    if not ctx.too_far(updated_at):
        observed.append(updated_at)
    try:  # every column (what this version sends), in column order, in one step
        row = dict(zip(columns, _values_of(columns)(remote), strict=True))
    except KeyError:
        # Columns the sender does not know (an older BoligDesk) are left out, so they get their defaults.
        row = {name: remote[name] for name in columns if name in remote}
    if trusted:
        row["field_clocks"] = json.dumps(trusted, sort_keys=True)
        row[DELETED], _ = _alive_despite_deletion(bool(remote.get(DELETED)), trusted)
    else:  # a row never edited since it was made: no other field can outlive a deletion
        row["field_clocks"] = "{}"
        row[DELETED] = bool(remote.get(DELETED))
    return RowMerge(changes=row, observed=observed)


@cache
def _values_of(columns: tuple[str, ...]) -> Callable[[SerialRow], tuple[JsonValue, ...]]:
    return itemgetter(*columns)


def merge_existing(
    columns: tuple[str, ...],
    local: SerialRow,
    remote: SerialRow,
    ctx: MergeInput,
    *,
    same_identity_by_key: bool = False,
) -> RowMerge:
    """Merge ``remote`` (from ``ctx.sender``) into ``local``; ``changes`` holds the columns to update.

    ``same_identity_by_key``: two rows with different ids that are one thing (a setting created on two
    laptops under the same key); their creation values compete too, highest value text first.
    """
    result = RowMerge()
    local_clocks = _clocks(local)
    remote_clocks = _clocks(remote)
    merged_clocks = dict(local_clocks)
    values: dict[str, JsonValue] = {}
    deletion_touched = False
    for name in registers(columns):
        rc = remote_clocks.get(name, ZERO)
        lc = local_clocks.get(name, ZERO)
        rv, lv = remote.get(name), local.get(name)
        if rc == lc:
            if rc == ZERO and same_identity_by_key and rv != lv and name != DELETED:
                _creation_values_compete(result, values, name, lv, rv, ctx.sender)
            elif name == DELETED and rc != ZERO and rv is True and lv is not True:
                values[name] = True  # the same deletion, seen before a later edit revived it
                deletion_touched = True
            continue
        if clock_device(rc) != ctx.sender:
            continue  # a creation value, or relayed: it comes with its writer's own file
        if ctx.too_far(rc):
            if rv != lv:
                result.held.append(Held(name, rv, rc))
            continue
        result.observed.append(rc)
        if rc > lc:
            if name == DELETED:
                deletion_touched = True
            elif rv != lv and not knew(ctx.sender, ctx.sender_knowledge, lc):
                result.lost.append(Lost(name, rv, lv, rc, lc, clock_device(lc)))
            else:
                result.settled.append(name)
            values[name] = rv
            merged_clocks[name] = rc
        elif (
            name != DELETED
            and rv != lv
            and clock_device(lc) != ctx.sender
            and not knew(ctx.me, ctx.my_knowledge, rc)
        ):
            result.lost.append(Lost(name, lv, rv, lc, rc, ctx.sender))
    current_deleted = bool(values.get(DELETED, local.get(DELETED)))
    derived, newest_other = _alive_despite_deletion(current_deleted, merged_clocks)
    if current_deleted and not derived and (deletion_touched or merged_clocks != local_clocks):
        result.lost.append(
            Lost(
                DELETED, False, True, newest_other, merged_clocks.get(DELETED, ZERO), _deleter(merged_clocks)
            )
        )
    values.pop(DELETED, None)
    if derived != bool(local.get(DELETED)):
        values[DELETED] = derived
    if merged_clocks != local_clocks:
        values["field_clocks"] = json.dumps(merged_clocks, sort_keys=True)
        newest = max([str(local["updated_at"]), *merged_clocks.values()])
        if newest != local["updated_at"]:
            values["updated_at"] = newest
            values["updated_by"] = clock_device(newest)
    result.changes = values
    return result


def _deleter(clocks: Mapping[str, str]) -> str:
    return clock_device(clocks.get(DELETED, ZERO))


def _creation_values_compete(
    result: RowMerge, values: dict[str, JsonValue], name: str, lv: JsonValue, rv: JsonValue, sender: str
) -> None:
    if value_text(rv) > value_text(lv):
        values[name] = rv
        result.lost.append(Lost(name, rv, lv, ZERO, ZERO, ""))
    else:
        result.lost.append(Lost(name, lv, rv, ZERO, ZERO, sender))
