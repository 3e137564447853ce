"""``desk.erasure``: "Slet personoplysninger" — anonymising a closed case, for good.

What goes (:mod:`boligdesk.services.personal_data` says it column by column): names, birth dates,
phone, e-mail, the address and tenancy number, every text written in someone's own words (journal
notes, contact notes, budget texts, assessments, follow-ups) and the letters' text and PDF. What stays
is what the statistics need: the estate, the case number and kind, dates, amounts, counts, codes and the
outcome — and the audit log, which holds no personal data about the citizen.

Erasure is stronger than any edit: an :class:`~boligdesk.models.erasure.Erasure` marker travels through
sync, and every laptop blanks the case again after each file it applies (:mod:`boligdesk.sync.erasure`).
A person, household or tenancy that another (not erased) case still uses is kept.

No copy left on this laptop: after the erasure the local backups made before it (before sync, before a
database upgrade, before a restore) are deleted and the database is vacuumed, so the erased values are
not left in free pages. What can remain elsewhere (other laptops until they sync, files on the shared
drive) is described in ``docs/privacy.md``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from boligdesk.budget.vocabulary import AuditAction
from boligdesk.errors import UserInputError
from boligdesk.models import AuditEvent, Case, Draft, Erasure, SyncConflict, SyncQuarantine
from boligdesk.models.base import Base
from boligdesk.models.restore import list_backups
from boligdesk.services.changes import Changes
from boligdesk.services.desk import live
from boligdesk.services.personal_data import case_row_ids, erasable, shared_elsewhere

if TYPE_CHECKING:
    from boligdesk.models.store import Store
    from boligdesk.services.desk import Desk


@dataclass(frozen=True, slots=True)
class Scrubbed:
    """What one pass of :func:`scrub` changed: rows blanked, and the cases they belonged to."""

    rows: int
    cases: frozenset[str]


def erased_case_ids(session: Session) -> set[str]:
    return set(session.scalars(select(Erasure.case_id).where(Erasure.deleted.is_(False))))


def scrub(session: Session, case_ids: Iterable[str], *, erased: set[str] | None = None) -> Scrubbed:
    """Blank the personal data of ``case_ids`` in ``session`` (idempotent) and drop their drafts and
    their sync conflicts and held values (which would hold the erased values).

    ``erased``: every case whose data is erased (default: the markers in the store plus ``case_ids``);
    a person, household or tenancy that a case outside it uses is left alone. In a session of
    ``Desk.writing`` the blanked values get clocks and travel; in a session applying sync they do not.
    """
    wanted = set(case_ids)
    if not wanted:
        return Scrubbed(0, frozenset())
    erased = (erased if erased is not None else erased_case_ids(session)) | wanted
    changed = 0
    touched: set[str] = set()
    for model_, rows in case_row_ids(session, wanted).items():
        model: Any = model_
        blanks = erasable(model)
        ids = set(rows) - shared_elsewhere(session, model, rows, erased)
        if not ids:
            continue
        _drop_conflicts(session, model.__tablename__, ids)
        if not blanks:
            continue
        for start in range(0, len(ids), 500):
            chunk = sorted(ids)[start : start + 500]
            for row in session.scalars(select(model).where(model.id.in_(chunk))):
                if _blank(row, blanks):
                    changed += 1
                    touched |= rows[row.id]
    session.execute(delete(Draft).where(Draft.case_id.in_(sorted(wanted))))
    session.flush()
    return Scrubbed(changed, frozenset(touched))


def _blank(row: Any, blanks: dict[str, Any]) -> bool:
    changed = False
    for name, value in blanks.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    return changed


def _drop_conflicts(session: Session, table: str, ids: set[str]) -> None:
    chunk = sorted(ids)
    for start in range(0, len(chunk), 500):
        part = chunk[start : start + 500]
        session.execute(
            delete(SyncConflict).where(SyncConflict.table_name == table, SyncConflict.row_id.in_(part))
        )
        session.execute(
            delete(SyncQuarantine).where(SyncQuarantine.table_name == table, SyncQuarantine.row_id.in_(part))
        )


def purge_local_copies(store: Store, before: dt.datetime) -> int:
    """Delete the profile's backups made at or before ``before`` and vacuum the database (so erased
    values are not left in free pages). Returns how many backups were deleted."""
    removed = 0
    for backup in list_backups(store.profile):
        if backup.made <= before:
            backup.path.unlink(missing_ok=True)
            removed += 1
    with store.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.exec_driver_sql("VACUUM")
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return removed


@dataclass(frozen=True, slots=True)
class ErasureResult:
    cases: int
    backups_removed: int
    changes: Changes

    def lines(self) -> list[str]:
        what = "1 sag" if self.cases == 1 else f"{self.cases} sager"
        lines = [f"Personoplysningerne i {what} er slettet."]
        if self.backups_removed:
            lines.append(
                f"{self.backups_removed} ældre sikkerhedskopier på denne computer er slettet, fordi de "
                "indeholdt oplysningerne."
            )
        lines.append("De andre computere i teamet sletter dem ved næste synkronisering.")
        return lines


class ErasureService:
    """``desk.erasure``: erase closed cases' personal data; tell whether a case is erased."""

    def __init__(self, desk: Desk) -> None:
        self._desk = desk

    def is_erased(self, case_id: str) -> bool:
        with self._desk.reading() as s:
            return case_id in erased_case_ids(s)

    def erased(self) -> set[str]:
        with self._desk.reading() as s:
            return erased_case_ids(s)

    def erase(self, case_ids: Iterable[str], *, reason: str = "manual") -> ErasureResult:
        """Anonymise the closed cases ``case_ids`` (already erased ones are skipped).

        A case that is not closed is refused (:class:`UserInputError`): erase only what is finished.
        """
        wanted = list(dict.fromkeys(case_ids))
        desk = self._desk
        with desk.writing(audit="none") as s:
            done = erased_case_ids(s)
            todo: list[str] = []
            for case_id in wanted:
                case = live(s, Case, case_id)
                if case.closed_on is None:
                    raise UserInputError(
                        "case",
                        "erasure.case_open",
                        f"Sag {case.number} er ikke lukket. Luk sagen, før personoplysningerne slettes.",
                    )
                if case_id not in done:
                    todo.append(case_id)
            for case_id in todo:
                s.add(
                    Erasure(
                        case_id=case_id, erased_on=desk.today(), erased_by=desk.adviser_name, reason=reason
                    )
                )
                s.add(
                    AuditEvent(
                        action=AuditAction.ERASE,
                        entity="case",
                        entity_id=case_id,
                        case_id=case_id,
                        actor=desk.adviser_name,
                        device=desk.device_id,
                        detail=f"reason={reason}",
                    )
                )
            s.flush()
            scrub(s, todo, erased=done | set(todo))
        removed = 0
        if todo:
            from boligdesk.sync.erasure import copies_purged

            removed = purge_local_copies(desk.store, dt.datetime.now())
            copies_purged(desk.store)
        return ErasureResult(len(todo), removed, Changes.all() if todo else Changes.none())


def models_with_erasable_columns() -> list[type[Base]]:
    """The tables erasure changes (for the documentation test)."""
    from boligdesk.services.personal_data import CASE_LINKS

    return [link.model for link in CASE_LINKS if erasable(link.model)]
