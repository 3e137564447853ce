"""Importing the monthly termination list: a preview that changes nothing, then one transaction.

* :meth:`ImportService.preview` (``desk.imports.preview``) reads the file
  (:mod:`boligdesk.importers.terminations`, which checks every value against the same field tables as
  "Ny sag" and the case view) and decides for every good row whether it makes a new case, updates an
  existing one or changes nothing. The store is only read.
* :meth:`ImportService.apply` carries a plan out in **one** transaction, off the GUI thread with
  progress; a cancel rolls everything back. One audit event per case created or changed, and one IMPORT
  event with the counts. It decides again against the store as it is
  at that moment (another laptop's sync may have added a case since the preview), so applying a plan
  twice, or importing the same file twice, never makes a duplicate: the second time changes nothing.
* :func:`save_rejected` writes the rejected rows, with a "Fejl" column, to send back to the landlord.

Matching (DOMAIN.md §4): a row belongs to an existing case when the case is **open** and its tenancy has
the same tenancy number (compared without case and spaces) in the same estate (or in no estate). Such a
row updates the case's arrears, termination date, påkrav date and the tenancy's rent, and shows each
change as old → new. A later termination date on an open case is a new termination and counts in
``terminations_this_year``; an earlier one is a correction and does not. A case of another kind (e.g.
fastholdelse) becomes "udsættelsestruet lejer", with its kind history kept. A termination already
registered on a *closed* case (same tenancy, same termination date) is not imported again. Two open
cases for one tenancy cannot be told apart, so such a row is rejected.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Hashable, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from boligdesk.budget.calendar import format_short
from boligdesk.budget.money import Money
from boligdesk.budget.vocabulary import ArrearsKind, CaseKind, ReferralSource
from boligdesk.importers.plan import (
    FieldChange,
    ImportCounts,
    ImportPlan,
    ImportResult,
    ImportStatus,
    PlannedRow,
    rejected_table,
)
from boligdesk.importers.terminations import (
    TERMINATIONS,
    TerminationRow,
    tenancy_key,
)
from boligdesk.models import ArrearsItem, Case, CaseKindChange, Tenancy
from boligdesk.services.cases import NewCase, new_case_history
from boligdesk.services.import_pipeline import (
    Decision,
    FileImportService,
    KnownCase,
    estate_refs,
    import_detail,
    known_cases,
    new_case_of,
    save_rejected,
)

__all__ = [
    "IMPORTED_ARREARS_TEXT",
    "IMPORT_ENTITY",
    "FieldChange",
    "ImportCounts",
    "ImportPlan",
    "ImportResult",
    "ImportService",
    "ImportStatus",
    "PlannedRow",
    "estate_refs",
    "import_detail",
    "rejected_table",
    "save_rejected",
]

IMPORTED_ARREARS_TEXT = "Restance ifølge ophævelseslisten"
"""The text of the arrears item an import creates; an update adjusts this item (and only this one)."""

#: The entity of an import's own audit event; its ``entity_id`` is the import run's id.
IMPORT_ENTITY = "termination_list"


class ImportService(FileImportService[TerminationRow]):
    """``desk.imports``: the termination list, previewed and then applied as one desk call."""

    ENTITY = IMPORT_ENTITY
    ROW = TerminationRow
    ARREARS_TEXT = IMPORTED_ARREARS_TEXT
    REFERRAL = ReferralSource.TERMINATION_LIST
    ONE_ROW_PER_CASE = True
    SPEC = TERMINATIONS

    def _key(self, row: TerminationRow) -> Hashable:
        return (row.estate_id, tenancy_key(row.tenancy_number))

    def _known(self, session: Session, rows: Sequence[TerminationRow]) -> dict[Hashable, list[KnownCase]]:
        """Cases whose tenancy has a row's tenancy number in the row's estate or in no estate."""
        wanted = {(r.estate_id, tenancy_key(r.tenancy_number)) for r in rows}
        if not wanted:
            return {}
        numbers = {number for _, number in wanted}
        by_key: dict[tuple[str, str], list[KnownCase]] = defaultdict(list)
        for case in known_cases(session, estate_ids={r.estate_id for r in rows}, with_tenancy_number=True):
            number = tenancy_key(case.tenancy_number)
            if number in numbers:
                by_key[(case.estate_id or "", number)].append(case)
        return {key: by_key.get(key, []) + by_key.get(("", key[1]), []) for key in wanted}

    def _decide(self, row: TerminationRow, found: list[KnownCase], today: dt.date) -> Decision:
        return _decide(row, found)

    def _new_case(self, row: TerminationRow, today: dt.date) -> NewCase:
        return new_case_of(row, kind=CaseKind.EVICTION_THREAT, opened_on=today)

    def _add_details(self, session: Session, case: Case, row: TerminationRow, actor: str) -> None:
        _add_case_details(session, case, actor)

    def _update(
        self, session: Session, row: TerminationRow, case: Case, tenancy: Tenancy, actor: str
    ) -> None:
        _update_case(session, row, case, tenancy, actor)


def _decide(row: TerminationRow, candidates: list[KnownCase]) -> Decision:
    open_cases = [c for c in candidates if not c.closed]
    if len(open_cases) > 1:
        numbers = ", ".join(sorted(c.number for c in open_cases))
        return Decision(
            ImportStatus.REJECTED,
            note=(
                f"Lejemålet har flere åbne sager ({numbers}). Luk eller ret de forkerte sager i "
                "BoligDesk, og importér listen igen."
            ),
        )
    if open_cases:
        found = open_cases[0]
        changes = _changes(row, found)
        return Decision(ImportStatus.UPDATE if changes else ImportStatus.UNCHANGED, found, changes)
    for found in candidates:
        if found.termination_on == row.termination_on:
            return Decision(
                ImportStatus.UNCHANGED,
                found,
                note=f"Ophævelsen er allerede registreret på den lukkede sag {found.number}.",
            )
    same_year = sum(
        1
        for c in candidates
        if c.termination_on is not None and c.termination_on.year == row.termination_on.year
    )
    count = same_year + 1
    note = "Ny sag: udsættelsestruet lejer."
    if count > 1:
        note += f" Lejemålets {count}. ophævelse i {row.termination_on.year}."
    return Decision(ImportStatus.CREATE, note=note, terminations_this_year=count)


def _changes(row: TerminationRow, case: KnownCase) -> tuple[FieldChange, ...]:
    changes: list[FieldChange] = []
    if case.kind is not CaseKind.EVICTION_THREAT:
        changes.append(FieldChange("kind", "Sagstype", case.kind.label, CaseKind.EVICTION_THREAT.label))
    if case.arrears != row.arrears:
        changes.append(FieldChange("arrears", "Restance", case.arrears.format(), row.arrears.format()))
    if case.termination_on != row.termination_on:
        changes.append(
            FieldChange(
                "termination_on", "Ophævelsesdato", _date(case.termination_on), _date(row.termination_on)
            )
        )
        count = _terminations_after_change(case, row.termination_on)
        if count != case.terminations_this_year:
            changes.append(
                FieldChange(
                    "terminations_this_year", "Ophævelser i år", str(case.terminations_this_year), str(count)
                )
            )
    if row.reminder_sent_on is not None and case.reminder_sent_on != row.reminder_sent_on:
        changes.append(
            FieldChange(
                "reminder_sent_on", "Påkravsdato", _date(case.reminder_sent_on), _date(row.reminder_sent_on)
            )
        )
    if row.rent is not None and case.rent != row.rent:
        changes.append(FieldChange("rent", "Husleje", case.rent.format(), row.rent.format()))
    return tuple(changes)


def _date(day: dt.date | None) -> str:
    return format_short(day) if day is not None else "–"


# --- writing ---------------------------------------------------------------------------------------


def _add_case_details(session: Session, case: Case, actor: str) -> None:
    """Rows that refer to a new case without an ORM relationship: added after the cases are flushed."""
    session.add_all(new_case_history(case, arrears_text=IMPORTED_ARREARS_TEXT, actor=actor))


def _update_case(session: Session, row: TerminationRow, case: Case, tenancy: Tenancy, actor: str) -> None:
    if case.kind is not CaseKind.EVICTION_THREAT:
        case.kind = CaseKind.EVICTION_THREAT
        session.add(CaseKindChange(case_id=case.id, kind=CaseKind.EVICTION_THREAT, changed_by=actor))
    if case.arrears != row.arrears:
        _adjust_imported_arrears_item(session, case.id, row.arrears)
        case.arrears = row.arrears
    if case.termination_on != row.termination_on:
        case.terminations_this_year = _terminations_after_change(case, row.termination_on)
        case.termination_on = row.termination_on
    if row.reminder_sent_on is not None and case.reminder_sent_on != row.reminder_sent_on:
        case.reminder_sent_on = row.reminder_sent_on
    if row.rent is not None and tenancy.rent != row.rent:
        tenancy.rent = row.rent


def _terminations_after_change(case: Case | KnownCase, new_date: dt.date) -> int:
    """A later date is a new termination (+1 in its year); an earlier one corrects the date (no count)."""
    old = case.termination_on
    if old is not None and new_date < old:
        return case.terminations_this_year
    if old is not None and old.year != new_date.year:
        return 1
    return case.terminations_this_year + 1


def _adjust_imported_arrears_item(session: Session, case_id: str, amount: Money) -> None:
    """Keep the breakdown in step when it is still just the imported line; an itemised one is left alone."""
    items = session.scalars(
        select(ArrearsItem).where(ArrearsItem.case_id == case_id, ArrearsItem.deleted.is_(False))
    ).all()
    if len(items) == 1 and items[0].text == IMPORTED_ARREARS_TEXT:
        items[0].amount = amount
    elif not items and amount:
        session.add(
            ArrearsItem(case_id=case_id, kind=ArrearsKind.RENT, text=IMPORTED_ARREARS_TEXT, amount=amount)
        )
