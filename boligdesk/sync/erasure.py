"""Erasure through sync: an erased case stays erased on every laptop, whatever arrives later.

Called by the engine inside the transaction that applies one received file (:func:`after_apply`) and
once at the end of a sync (:func:`purge_tombstones`):

* A file that brings an erasure marker blanks that case here. A file that brings edits to a case
  already erased here (made on a laptop that was offline during the erasure) is applied as usual and the
  case blanked again at once, in the same transaction: the erased values never become visible and no
  conflict or held value keeps them. The summary gets a notice naming the case number only.
* The adviser of a laptop whose own edits to the case are overwritten by an arriving marker sees a
  notice too ("your changes were not kept"), without the erased content.
* Tombstones (``deleted`` rows, kept so a deletion can travel — decisions §9) keep their data only until
  every active laptop has applied the deletion: then their personal columns are blanked here (each
  laptop does it for itself, with no new clock: the row stays deleted everywhere). See decisions §20.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from boligdesk.models import Case, Erasure
from boligdesk.models.store import Store
from boligdesk.sync import acks
from boligdesk.sync.changeset import clock_device
from boligdesk.sync.fileformat import Body, SyncFileRefused, decode, encode, file_name, seq_from_name


def _numbers(session: Session, case_ids: Iterable[str]) -> list[str]:
    ids = sorted(set(case_ids))
    return sorted(set(session.scalars(select(Case.number).where(Case.id.in_(ids))))) if ids else []


def before_apply(session: Session, body: Body, me: str) -> list[str]:
    """Notices for the cases ``body`` erases in which this laptop has edits the eraser had not seen
    (they are lost to the erasure). Called before the file is merged; names case numbers only."""
    arriving = {str(r["case_id"]) for r in body.rows.get(Erasure.__tablename__, []) if not r.get("deleted")}
    if not arriving:
        return []
    from boligdesk.services.erasure import erased_case_ids

    lost = _with_own_edits(session, arriving - erased_case_ids(session), me, body)
    return [
        f"Personoplysningerne i sag {number} er slettet på en anden computer. Dine ændringer i sagen, "
        "som den computer ikke havde fået, er ikke gemt."
        for number in _numbers(session, lost)
    ]


def after_apply(session: Session, body: Body) -> list[str]:
    """Blank every erased case this file touched; Danish notices for the summary (case numbers only)."""
    from boligdesk.services.erasure import erased_case_ids, scrub

    erased = erased_case_ids(session)
    if not erased:
        return []
    arriving = {str(r["case_id"]) for r in body.rows.get(Erasure.__tablename__, []) if not r.get("deleted")}
    arriving &= erased
    scrub(session, arriving, erased=erased)
    notices: list[str] = []
    earlier = (erased - arriving) & cases_touched(session, body)
    if earlier:
        result = scrub(session, earlier, erased=erased)
        for number in _numbers(session, result.cases):
            notices.append(
                f"En ændring fra en anden computer i sag {number} er ikke gemt: sagens personoplysninger er "
                "slettet."
            )
    return notices


def cases_touched(session: Session, body: Body) -> set[str]:
    """The cases whose rows ``body`` holds (found through :data:`~.personal_data.CASE_LINKS`)."""
    from boligdesk.services.personal_data import CASE_LINKS

    found: set[str] = set()
    ids_of: dict[str, set[str]] = {}  # table -> ids of rows of that table touched (directly or below)
    for link in reversed(CASE_LINKS):  # children first, so a parent learns of its touched children
        model: Any = link.model
        table = model.__tablename__
        rows = body.rows.get(table, [])
        ids = {str(r["id"]) for r in rows if "id" in r} | ids_of.get(table, set())
        if not ids:
            continue
        if link.kind == "case":
            found |= ids
        elif link.kind == "column":
            found |= {str(r["case_id"]) for r in rows if r.get("case_id")}
            extra = ids - {str(r["id"]) for r in rows}
            if extra:
                col = model.case_id
                found |= set(session.scalars(select(col).where(model.id.in_(sorted(extra)))))
        elif link.kind == "from_case":
            col = getattr(Case, link.via)
            found |= set(session.scalars(select(Case.id).where(col.in_(sorted(ids)))))
        elif link.parent is not None:
            col = getattr(model, link.via)
            parents = set(session.scalars(select(col).where(model.id.in_(sorted(ids)))))
            parents |= {str(r[link.via]) for r in rows if r.get(link.via)}
            ids_of.setdefault(link.parent.__tablename__, set()).update(parents)
    return found


def _with_own_edits(session: Session, case_ids: set[str], me: str, body: Body) -> set[str]:
    """The cases among ``case_ids`` with personal values this laptop wrote that the sender of ``body``
    (who erased them) had not seen: those edits are lost to the erasure."""
    from boligdesk.services.personal_data import case_row_ids, erasable

    found: set[str] = set()
    if not case_ids:
        return found
    seen = body.knowledge.get(me)
    seen_mark = seen.mark if seen is not None else ""
    for model_, rows in case_row_ids(session, case_ids).items():
        model: Any = model_
        blanks = erasable(model)
        if not blanks or not rows:
            continue
        for row in session.scalars(select(model).where(model.id.in_(sorted(rows)))):
            clocks: dict[str, str] = json.loads(row.field_clocks or "{}")
            own = [c for f, c in clocks.items() if f in blanks and clock_device(c) == me]
            if row.updated_by == me and not clocks:
                own.append(row.updated_at)  # a row this laptop created
            if any(c > seen_mark for c in own):
                found |= rows[row.id]
    return found & case_ids


TOMBSTONE_GRACE = dt.timedelta(days=30)
"""A deleted row keeps its data at least this long, so a deletion can still be undone with everything in
it ("Findes" in Konflikter, a registration restored)."""


@cache
def _blanks(model: Any) -> dict[str, Any]:
    """:func:`~boligdesk.services.personal_data.erasable` of ``model``, worked out once per process (it
    reads the field tables, which do not change while the app runs; it was a tenth of every sync)."""
    from boligdesk.services.personal_data import erasable

    return erasable(model)


def purge_tombstones(store: Store, *, retired: Iterable[str] = (), now: dt.datetime | None = None) -> int:
    """Blank the personal columns of rows *this laptop* deleted, once every active laptop has applied the
    deletion and it is older than :data:`TOMBSTONE_GRACE`. Returns how many rows were blanked.

    Only the laptop that wrote the deletion purges (one writer), as an ordinary stamped edit that syncs
    like any other, so every laptop ends with the same row. The deletion's clock is the ``deleted``
    field's clock (or the row's when it was created deleted); laptop H has applied it when H's
    acknowledged mark of this laptop is at least that clock. Called before sending, so the purge leaves
    in the same sync.
    """
    from boligdesk.models.hlc import HlcValue
    from boligdesk.services.personal_data import CASE_LINKS

    me = store.device_id
    cutoff_ms = int(((now or dt.datetime.now(dt.UTC)) - TOMBSTONE_GRACE).timestamp() * 1000)
    purged = 0
    with store.session() as session:
        known = {h: k.mark for h, k in acks.acks_of(session, me).items()}
        holders = acks.laptops(session) - set(retired) - {me}
        for link in CASE_LINKS:
            model: Any = link.model
            blanks = _blanks(model)
            if not blanks or not hasattr(model, "deleted"):
                continue
            not_blank = [
                getattr(model, name).is_not(None) if value is None else getattr(model, name) != value
                for name, value in blanks.items()
            ]
            query = select(model).where(model.deleted.is_(True), model.updated_by == me, or_(*not_blank))
            for row in session.scalars(query):
                clock = json.loads(row.field_clocks or "{}").get("deleted") or row.updated_at
                if clock_device(clock) != me or HlcValue.decode(clock).millis > cutoff_ms:
                    continue
                if all(known.get(h, "") >= clock for h in holders):
                    for name, value in blanks.items():
                        setattr(row, name, value)
                    # The deletion is written again with the same clock as the blanking: an edit newer
                    # than a row's deletion would otherwise bring the row back (rowmerge).
                    flag_modified(row, "deleted")
                    purged += 1
    return purged


# --- this laptop's own files on the share ----------------------------------------------------------

SCRUB_STATE = "sync-sletning.json"
"""Local note (profile folder) of how far this laptop's own share files are rewritten for the current
set of erased cases: ``{"erased": <hash of the erased case ids>, "done": <seq>}``. No personal data."""


def _erased_hash(erased: set[str]) -> str:
    return hashlib.sha256("\n".join(sorted(erased)).encode()).hexdigest()


def _erased_scope(session: Session, erased: set[str]) -> dict[str, dict[str, Any]]:
    """``{table: {row id: {column: erased value}}}`` for every row the erasure blanked."""
    from boligdesk.services.personal_data import case_row_ids, erasable, shared_elsewhere

    scope: dict[str, dict[str, Any]] = {}
    for model, rows in case_row_ids(session, erased).items():
        blanks = erasable(model)
        if not blanks:
            continue
        ids = set(rows) - shared_elsewhere(session, model, rows, erased)
        scope[model.__tablename__] = {row_id: blanks for row_id in ids}
    return scope


def scrub_own_files(
    session: Session,
    *,
    outbox: Path,
    file_key: bytes,
    team_id: str,
    me: str,
    profile_folder: Path,
    retired: Iterable[str] = (),
) -> int:
    """Rewrite this laptop's own share files that still hold erased values, once every active laptop has
    applied them (so nobody still needs the old content). Returns how many files were rewritten.

    A file is rewritten with the same header, seq and rows, only the erased values blanked; the rewrite
    is atomic (temp file, fsync, read back and checked, rename). A file that cannot be replaced now (a
    share that refuses) is tried again at the next sync.
    """
    from boligdesk.services.erasure import erased_case_ids

    erased = erased_case_ids(session)
    if not erased:
        return 0
    state_path = profile_folder / SCRUB_STATE
    state = _state(profile_folder)
    digest = _erased_hash(erased)
    done = int(state.get("done", 0)) if state.get("erased") == digest else 0
    floor = acks.lowest_ack(session, me, retired=retired)
    try:
        seqs = sorted(s for p in outbox.iterdir() if (s := seq_from_name(p.name)) is not None)
    except OSError:
        return 0
    upto = floor.seq if floor is not None else max(seqs, default=0)
    todo = [s for s in seqs if done < s <= upto]
    if not todo:
        return 0
    scope = _erased_scope(session, erased)
    rewritten = 0
    for seq in todo:
        path = outbox / file_name(seq)
        try:
            header, body = decode(path.read_bytes(), file_key, team=team_id, device=me, seq=seq)
        except (OSError, SyncFileRefused):
            break
        if _blank_rows(body, scope):
            data = encode(header, body, file_key)
            temp = path.with_name(f".{path.name}.{os.getpid()}.scrub.tmp")
            try:
                temp.write_bytes(data)
                with open(temp, "rb+") as handle:
                    os.fsync(handle.fileno())
                decode(temp.read_bytes(), file_key, team=team_id, device=me, seq=seq)
                os.replace(temp, path)
            except OSError:
                temp.unlink(missing_ok=True)
                break
            rewritten += 1
        done = seq
    with contextlib.suppress(OSError):
        state_path.write_text(json.dumps({**_state(profile_folder), "erased": digest, "done": done}), "utf-8")
    return rewritten


def _blank_rows(body: Body, scope: dict[str, dict[str, Any]]) -> bool:
    changed = False
    for table, rows in body.rows.items():
        blanks_by_id = scope.get(table)
        if not blanks_by_id:
            continue
        for row in rows:
            blanks = blanks_by_id.get(str(row.get("id")))
            if not blanks:
                continue
            for name, value in blanks.items():
                if name in row and row[name] != value:
                    row[name] = value
                    changed = True
    return changed


def _state(profile_folder: Path) -> dict[str, Any]:
    try:
        data = json.loads((profile_folder / SCRUB_STATE).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def copies_purged(store: Store) -> None:
    """Note that this laptop's backups were purged for the current set of erased cases."""
    from boligdesk.services.erasure import erased_case_ids

    with store.session() as s:
        digest = _erased_hash(erased_case_ids(s))
    state = _state(store.profile.folder)
    state["purged"] = digest
    with contextlib.suppress(OSError):
        (store.profile.folder / SCRUB_STATE).write_text(json.dumps(state), "utf-8")


def purge_copies_after_sync(store: Store) -> int:
    """When a sync brought an erasure, delete this laptop's backups made before now (the pre-sync backup of
    this sync included: it holds the erased values) and vacuum. Returns how many backups were deleted."""
    from boligdesk.services.erasure import erased_case_ids, purge_local_copies

    with store.session() as s:
        erased = erased_case_ids(s)
    if not erased or _state(store.profile.folder).get("purged") == _erased_hash(erased):
        return 0
    removed = purge_local_copies(store, dt.datetime.now())
    copies_purged(store)
    return removed
