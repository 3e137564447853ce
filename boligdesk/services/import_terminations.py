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
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from boligdesk.budget.calendar import format_short
from boligdesk.budget.money import Money
from boligdesk.budget.vocabulary import (
    ArrearsKind,
    AuditAction,
    CaseKind,
    ReferralSource,
)
from boligdesk.errors import UserInputError
from boligdesk.importers.headers import Column
from boligdesk.importers.plan import (
    FieldChange,
    ImportCounts,
    ImportPlan,
    ImportResult,
    ImportStatus,
    PlannedRow,
    rejected_table,
)
from boligdesk.importers.table_file import write_table
from boligdesk.importers.terminations import (
    EstateRef,
    RejectedRow,
    TerminationRow,
    read_termination_list,
    tenancy_key,
)
from boligdesk.models import (
    ArrearsItem,
    Case,
    CaseKindChange,
    Estate,
    HousingAssociation,
    Tenancy,
)
from boligdesk.models.base import new_id
from boligdesk.services.advisers import ensure_adviser
from boligdesk.services.cases import NewCase, new_case_history, new_case_rows, next_case_number
from boligdesk.services.fields import Context
from boligdesk.services.progress import SILENT, Progress

if TYPE_CHECKING:
    from boligdesk.services.desk import Desk

__all__ = [
    "IMPORTED_ARREARS_TEXT",
    "FieldChange",
    "ImportCounts",
    "ImportPlan",
    "ImportResult",
    "ImportService",
    "ImportStatus",
    "PlannedRow",
    "rejected_table",
    "save_rejected",
]

IMPORTED_ARREARS_TEXT = "Restance ifølge ophævelseslisten"
"""The text of the arrears item an import creates; an update adjusts this item (and only this one)."""


# --- the desk's import service --------------------------------------------------------------------

#: How often (in rows) apply reports progress and looks for a cancel.
_STEP_EVERY = 10


class ImportService:
    """``desk.imports``: the termination list, previewed and then applied as one desk call."""

    def __init__(self, desk: Desk) -> None:
        self._desk = desk

    def preview(self, path: Path, progress: Progress = SILENT) -> ImportPlan:
        """Read ``path`` and decide each row against the store. Changes nothing.

        Raises :class:`~boligdesk.importers.tabular.ImportFileError` (a :class:`UserInputError`) when the
        file as a whole cannot be used. ``progress`` is stepped while the rows are read (reading is most
        of the time); a cancel raises :class:`~boligdesk.services.progress.Cancelled`.
        """
        today = self._desk.today()

        def step(done: int, total: int) -> None:
            progress.step(done, total, f"Læser række {done + 1} af {total} …")

        with self._desk.reading() as session:
            progress.step(0, 0, "Læser filen …")
            parsed = read_termination_list(path, estate_refs(session), today, step=step)
            progress.step(0, 0, "Sammenligner med sagerne …")
            existing = _existing_cases(session, parsed.rows)
            # The rows were checked with the same field tables as "Ny sag" while reading; apply checks
            # each new case once more in full (NewCase.validate) before it writes.
            decisions = _decide_all(parsed.rows, existing, today, validate=False)
            planned = [_plan_row(row, d) for row, d in zip(parsed.rows, decisions, strict=True)]
        planned.extend(_rejected_row(r) for r in parsed.rejected)
        planned.sort(key=lambda p: p.line)
        return ImportPlan(
            source_name=parsed.source_name,
            header_line=parsed.header_line,
            headers=parsed.headers,
            rows=tuple(planned),
            total_lines=parsed.total_lines,
        )

    def apply(
        self, plan: ImportPlan, progress: Progress = SILENT, *, assign_to_me: bool = False
    ) -> ImportResult:
        """Carry out ``plan`` in one transaction. New cases get the desk's adviser when ``assign_to_me``.

        ``progress.step`` is called every few rows; a cancel (:class:`~boligdesk.services.progress.Cancelled`)
        rolls the whole import back. The result's ``changes`` is "everything" when anything was written.
        """
        desk = self._desk
        today = desk.today()
        actor = desk.adviser_name
        rows = [p.row for p in plan.rows if isinstance(p.row, TerminationRow)]
        created = updated = unchanged = 0
        rejected = plan.counts.rejected
        case_ids: list[str] = []
        # One id per import run: each case's audit event names it, and so does the import's own event.
        run_id = new_id()
        with desk.writing(audit="per_case", detail=import_detail(run_id)) as session, session.no_autoflush:
            adviser_id = ensure_adviser(session, actor) if assign_to_me and actor else None
            live_estates = {e.id for e in estate_refs(session)}
            existing = _existing_cases(session, rows)
            numbers = _CaseNumbers(session, today.year)
            new_cases: list[Case] = []
            decisions = _decide_all(rows, existing, today)
            for done, (row, decision) in enumerate(zip(rows, decisions, strict=True)):
                if done % _STEP_EVERY == 0:
                    progress.step(done, len(rows), f"Række {done + 1} af {len(rows)}")
                if row.estate_id not in live_estates or decision.status is ImportStatus.REJECTED:
                    rejected += 1
                elif decision.status is ImportStatus.CREATE:
                    case = _add_case(session, row, decision, numbers.take(), today, adviser_id)
                    new_cases.append(case)
                    case_ids.append(case.id)
                    created += 1
                    if len(new_cases) >= _FLUSH_EVERY:
                        _flush_new_cases(session, new_cases, actor)
                elif decision.status is ImportStatus.UPDATE:
                    assert decision.found is not None
                    _update_case(session, row, decision.found, actor)
                    case_ids.append(decision.found.case.id)
                    updated += 1
                else:
                    unchanged += 1
            _flush_new_cases(session, new_cases, actor)
            progress.step(len(rows), len(rows), "Gemmer …")
        if created or updated:
            desk.record(
                AuditAction.IMPORT,
                IMPORT_ENTITY,
                run_id,
                case_id=None,
                detail=f"created={created} updated={updated} unchanged={unchanged} rejected={rejected}",
            )
        return ImportResult(created, updated, unchanged, rejected, tuple(case_ids))

    def save_rejected(self, plan: ImportPlan, path: Path) -> int:
        """Write the rejected rows to ``path`` (``.xlsx``, else CSV for Danish Excel). Returns how many."""
        return save_rejected(plan, path)


#: The entity of an import's own audit event; its ``entity_id`` is the import run's id.
IMPORT_ENTITY = "termination_list"


def import_detail(run_id: str) -> str:
    """The ``detail`` of the audit events of the cases one import run created or changed."""
    return f"import={run_id}"


def estate_refs(session: Session) -> list[EstateRef]:
    rows = session.execute(
        select(Estate, HousingAssociation.name)
        .join(HousingAssociation, Estate.association_id == HousingAssociation.id)
        .where(Estate.deleted.is_(False))
    ).all()
    return [EstateRef(id=e.id, number=e.number, name=e.name, association_name=a) for e, a in rows]


# --- deciding --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Found:
    case: Case
    tenancy: Tenancy


@dataclass(frozen=True)
class _Decision:
    status: ImportStatus
    found: _Found | None = None
    changes: tuple[FieldChange, ...] = ()
    note: str = ""
    terminations_this_year: int = 1


_Existing = dict[str, list[_Found]]


def _existing_cases(session: Session, rows: Sequence[TerminationRow]) -> _Existing:
    """Cases whose tenancy has one of the rows' tenancy numbers, keyed by ``estate id|number``."""
    wanted = {tenancy_key(r.tenancy_number) for r in rows}
    if not wanted:
        return {}
    estate_ids = sorted({r.estate_id for r in rows})
    query = (
        select(Case, Tenancy)
        .join(Tenancy, Case.tenancy_id == Tenancy.id)
        .where(
            Case.deleted.is_(False),
            Tenancy.deleted.is_(False),
            Tenancy.tenancy_number != "",
            or_(Tenancy.estate_id.in_(estate_ids), Tenancy.estate_id.is_(None)),
        )
    )
    found: _Existing = defaultdict(list)
    for case, tenancy in session.execute(query):
        key = tenancy_key(tenancy.tenancy_number)
        if key in wanted:
            found[f"{tenancy.estate_id or ''}|{key}"].append(_Found(case, tenancy))
    return found


def _candidates(row: TerminationRow, existing: _Existing) -> list[_Found]:
    key = tenancy_key(row.tenancy_number)
    return existing.get(f"{row.estate_id}|{key}", []) + existing.get(f"|{key}", [])


def _decide_all(
    rows: Sequence[TerminationRow], existing: _Existing, today: dt.date, *, validate: bool = True
) -> list[_Decision]:
    """One decision per row; two rows never act on the same case (the later one is rejected).

    ``validate``: check a new case in full with ``NewCase.validate`` (as apply does). The preview leaves it
    out: reading checked every value with the same fields, and the whole-case rules (arrears against
    rent, påkrav before ophævelse) too; ``tests/db/test_import_dry_run_agrees.py`` holds them to it."""
    decisions: list[_Decision] = []
    claimed: dict[str, int] = {}
    for row in rows:
        decision = _decide(row, existing, today, validate=validate)
        if decision.found is not None:
            case_id = decision.found.case.id
            if case_id in claimed:
                decision = _Decision(
                    ImportStatus.REJECTED,
                    note=f"Række {claimed[case_id]} gælder allerede sag {decision.found.case.number}.",
                )
            else:
                claimed[case_id] = row.line
        decisions.append(decision)
    return decisions


def _decide(row: TerminationRow, existing: _Existing, today: dt.date, *, validate: bool = True) -> _Decision:
    candidates = _candidates(row, existing)
    open_cases = [f for f in candidates if f.case.closed_on is None]
    if len(open_cases) > 1:
        numbers = ", ".join(sorted(f.case.number for f in open_cases))
        return _Decision(
            ImportStatus.REJECTED,
            note=(
                f"Lejemålet har flere åbne sager ({numbers}). Luk eller ret de forkerte sager i "
                "BoligDesk, og importér listen igen."
            ),
        )
    if open_cases:
        found = open_cases[0]
        changes = _changes(row, found)
        status = ImportStatus.UPDATE if changes else ImportStatus.UNCHANGED
        return _Decision(status, found=found, changes=changes)
    for found in candidates:
        if found.case.termination_on == row.termination_on:
            return _Decision(
                ImportStatus.UNCHANGED,
                found=found,
                note=f"Ophævelsen er allerede registreret på den lukkede sag {found.case.number}.",
            )
    if validate:
        try:
            _new_case(row, today).validate(Context(today))
        except UserInputError as exc:
            return _Decision(ImportStatus.REJECTED, note=exc.message)
    same_year = sum(
        1
        for f in candidates
        if f.case.termination_on is not None and f.case.termination_on.year == row.termination_on.year
    )
    count = same_year + 1
    note = "Ny sag: udsættelsestruet lejer."
    if count > 1:
        note += f" Lejemålets {count}. ophævelse i {row.termination_on.year}."
    return _Decision(ImportStatus.CREATE, note=note, terminations_this_year=count)


def _changes(row: TerminationRow, found: _Found) -> tuple[FieldChange, ...]:
    case, tenancy = found.case, found.tenancy
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
    if row.rent is not None and tenancy.rent != row.rent:
        changes.append(FieldChange("rent", "Husleje", tenancy.rent.format(), row.rent.format()))
    return tuple(changes)


def _date(day: dt.date | None) -> str:
    return format_short(day) if day is not None else "–"


# --- writing ---------------------------------------------------------------------------------------


def _new_case(row: TerminationRow, today: dt.date) -> NewCase:
    return NewCase(
        first_name=row.first_name,
        last_name=row.last_name,
        address_line=row.address_line,
        postcode=row.postcode,
        city=row.city,
        estate_id=row.estate_id,
        tenancy_number=row.tenancy_number,
        rent=row.rent or Money(0),
        arrears=row.arrears,
        termination_on=row.termination_on,
        reminder_sent_on=row.reminder_sent_on,
        kind=CaseKind.EVICTION_THREAT,
        phone=row.phone,
        email=row.email,
        opened_on=today,
    )


class _CaseNumbers:
    """Case numbers for one import: the next free number is looked up once, then counted on."""

    def __init__(self, session: Session, year: int) -> None:
        self._session = session
        self._year = year
        self._next: int | None = None

    def take(self) -> str:
        if self._next is None:
            self._next = int(next_case_number(self._session, self._year).rpartition("-")[2])
        number = f"{self._year}-{self._next:04d}"
        self._next += 1
        return number


def _add_case(
    session: Session,
    row: TerminationRow,
    decision: _Decision,
    number: str,
    today: dt.date,
    adviser_id: str | None,
) -> Case:
    """The rows :func:`boligdesk.services.cases.create_case` makes, inside the import's session.

    :func:`_add_case_details` adds the rows that refer to the case once the cases are flushed.
    """
    case, rows = new_case_rows(
        _new_case(row, today),
        number=number,
        opened_on=today,
        adviser_id=adviser_id,
        referral_source=ReferralSource.TERMINATION_LIST,
        terminations_this_year=decision.terminations_this_year,
    )
    session.add_all(rows)
    return case


_FLUSH_EVERY = 50
"""New cases are flushed in batches: the store's flush hook costs time in the square of a flush's size."""


def _flush_new_cases(session: Session, cases: list[Case], actor: str) -> None:
    """Flush the new cases (and every pending change: one audit event per case), then add the rows
    that refer to them. Those are part of creating the case, so they are flushed without audit events
    of their own."""
    session.flush()
    for case in cases:
        _add_case_details(session, case, actor)
    audit = session.info.get("audit")
    session.info["audit"] = "none"
    try:
        session.flush()
    finally:
        session.info["audit"] = audit
    cases.clear()


def _add_case_details(session: Session, case: Case, actor: str) -> None:
    """Rows that refer to a new case without an ORM relationship: added after the cases are flushed."""
    session.add_all(new_case_history(case, arrears_text=IMPORTED_ARREARS_TEXT, actor=actor))


def _update_case(session: Session, row: TerminationRow, found: _Found, actor: str) -> None:
    case, tenancy = found.case, found.tenancy
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


def _terminations_after_change(case: Case, new_date: dt.date) -> int:
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


# --- plan rows -------------------------------------------------------------------------------------


def _plan_row(row: TerminationRow, decision: _Decision) -> PlannedRow:
    return PlannedRow(
        line=row.line,
        status=decision.status,
        tenancy_number=row.tenancy_number,
        tenant_name=row.tenant_name,
        address=row.address_line,
        estate=row.estate_label,
        arrears=row.arrears.format(),
        termination_on=format_short(row.termination_on),
        cells=row.cells,
        row=None if decision.status is ImportStatus.REJECTED else row,
        case_id=decision.found.case.id if decision.found else None,
        case_number=decision.found.case.number if decision.found else "",
        changes=decision.changes,
        note=decision.note,
        warnings=row.warnings,
    )


def _rejected_row(row: RejectedRow) -> PlannedRow:
    return PlannedRow(
        line=row.line,
        status=ImportStatus.REJECTED,
        tenancy_number=row.value(Column.TENANCY_NUMBER),
        tenant_name=row.value(Column.NAME)
        or f"{row.value(Column.FIRST_NAME)} {row.value(Column.LAST_NAME)}".strip(),
        address=row.value(Column.ADDRESS),
        estate=row.value(Column.ESTATE),
        arrears=row.value(Column.ARREARS),
        termination_on=row.value(Column.TERMINATION_ON),
        cells=row.cells,
        note=row.reason,
    )


# --- the file to send back -------------------------------------------------------------------------


def save_rejected(plan: ImportPlan, path: Path) -> int:
    """Write the rejected rows to ``path`` (``.xlsx``, else CSV for Danish Excel). Returns how many."""
    headers, rows = rejected_table(plan)
    write_table(path, headers, rows, sheet_title="Afviste rækker", highlight_last_column=True)
    return len(rows)
