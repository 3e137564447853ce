"""Bringing the existing caseload in: a team's spreadsheet of open cases, previewed, then one transaction.

``desk.case_imports`` works like the termination import: :meth:`preview` reads the file
(:mod:`boligdesk.importers.caseload`) and decides each row against the store without changing it;
:meth:`apply` decides again against the store as it is then and writes everything in one transaction.

Matching: a row is **already in BoligDesk** (unchanged) when an *open* case has the same key: the same
estate and tenancy number (without case and spaces) when the row has a tenancy number, else the same
tenant name and address (compared without case, spaces and punctuation). Importing the same sheet twice
therefore changes nothing, and a case the team already entered by hand is not doubled. The import never
updates a case. A new case keeps the sheet's opening date (today when empty), its case type, arrears (one
item, "Restance ved overførsel til BoligDesk"), dates, rent, phone and e-mail; the adviser named in the
sheet becomes the case's adviser (created on first use); the notes become one journal note, written by
the importing adviser and saying that it was imported.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from boligdesk.budget.calendar import format_short
from boligdesk.budget.money import Money
from boligdesk.budget.vocabulary import AuditAction
from boligdesk.errors import UserInputError
from boligdesk.importers.caseload import CaseloadRow, read_caseload
from boligdesk.importers.headers import Column, normalise
from boligdesk.importers.plan import ImportPlan, ImportResult, ImportStatus, PlannedRow
from boligdesk.importers.terminations import RejectedRow, tenancy_key
from boligdesk.models import Case, Person, Tenancy
from boligdesk.models.base import new_id
from boligdesk.services.advisers import ensure_adviser
from boligdesk.services.cases import NewCase, new_case_history, new_case_rows
from boligdesk.services.fields import Context
from boligdesk.services.import_terminations import _CaseNumbers, estate_refs, import_detail, save_rejected
from boligdesk.services.journal import journal_note
from boligdesk.services.progress import SILENT, Progress

if TYPE_CHECKING:
    import datetime as dt

    from sqlalchemy.orm import Session

    from boligdesk.services.desk import Desk

IMPORT_ENTITY = "caseload"
ARREARS_TEXT = "Restance ved overførsel til BoligDesk"
NOTE_HEADING = "Noter overført fra det tidligere sagsark:"

_Keys = dict[tuple[str, str], str]


class CaseImportService:
    """``desk.case_imports``: the team's open cases, previewed and then applied."""

    def __init__(self, desk: Desk) -> None:
        self._desk = desk

    def preview(self, path: Path, progress: Progress = SILENT) -> ImportPlan:
        today = self._desk.today()

        def step(done: int, total: int) -> None:
            progress.step(done, total, f"Læser række {done + 1} af {total} …")

        with self._desk.reading() as session:
            progress.step(0, 0, "Læser filen …")
            parsed = read_caseload(path, estate_refs(session), today, step=step)
            known = _open_cases(session, parsed.rows)
            planned = [_plan_row(row, known.get(row.key), today) for row in parsed.rows]
        planned.extend(_rejected_row(r) for r in parsed.rejected)
        planned.sort(key=lambda p: p.line)
        return ImportPlan(
            parsed.source_name, parsed.header_line, parsed.headers, tuple(planned), parsed.total_lines
        )

    def apply(
        self, plan: ImportPlan, progress: Progress = SILENT, *, assign_to_me: bool = False
    ) -> ImportResult:
        """Carry out ``plan`` in one transaction. A row's own adviser wins over ``assign_to_me``."""
        desk = self._desk
        today = desk.today()
        actor = desk.adviser_name
        rows = [p.row for p in plan.rows if isinstance(p.row, CaseloadRow)]
        created = unchanged = 0
        rejected = plan.counts.rejected
        case_ids: list[str] = []
        run_id = new_id()
        with desk.writing(audit="per_case", detail=import_detail(run_id)) as session, session.no_autoflush:
            me = ensure_adviser(session, actor) if assign_to_me and actor else None
            live_estates = {e.id for e in estate_refs(session)}
            known = _open_cases(session, rows)
            numbers = _CaseNumbers(session, today.year)
            made: list[tuple[Case, CaseloadRow]] = []
            for done, row in enumerate(rows):
                if done % 10 == 0:
                    progress.step(done, len(rows), f"Række {done + 1} af {len(rows)}")
                if row.estate_id is not None and row.estate_id not in live_estates:
                    rejected += 1
                    continue
                if row.key in known:
                    unchanged += 1
                    continue
                try:
                    data = _new_case(row, today).validate(Context(today))
                except UserInputError:
                    rejected += 1
                    continue
                adviser_id = ensure_adviser(session, row.adviser) if row.adviser else me
                case, new_rows = new_case_rows(
                    data,
                    number=numbers.take(),
                    opened_on=row.opened_on or today,
                    adviser_id=adviser_id,
                    terminations_this_year=1
                    if row.termination_on and row.termination_on.year == today.year
                    else 0,
                )
                session.add_all(new_rows)
                known[row.key] = case.number
                made.append((case, row))
                case_ids.append(case.id)
                created += 1
            session.flush()
            for case, row in made:
                session.add_all(new_case_history(case, arrears_text=ARREARS_TEXT, actor=actor))
                if row.notes:
                    session.add(journal_note(case.id, actor, f"{NOTE_HEADING}\n{row.notes}"))
            progress.step(len(rows), len(rows), "Gemmer …")
        if created:
            desk.record(
                AuditAction.IMPORT,
                IMPORT_ENTITY,
                run_id,
                case_id=None,
                detail=f"created={created} updated=0 unchanged={unchanged} rejected={rejected}",
            )
        return ImportResult(created, 0, unchanged, rejected, tuple(case_ids))

    def save_rejected(self, plan: ImportPlan, path: Path) -> int:
        return save_rejected(plan, path)


def _open_cases(session: Session, rows: Sequence[CaseloadRow]) -> _Keys:
    """Case number by row key of the open cases the rows could match."""
    wanted = {r.key for r in rows}
    if not wanted:
        return {}
    query = (
        select(Case.number, Tenancy.estate_id, Tenancy.tenancy_number, Tenancy.address_line, Person)
        .join(Tenancy, Case.tenancy_id == Tenancy.id)
        .join(Person, Case.tenant_id == Person.id)
        .where(Case.deleted.is_(False), Case.closed_on.is_(None))
    )
    found: _Keys = {}
    for number, estate_id, tenancy_number, address, person in session.execute(query):
        keys = [(normalise(person.full_name), normalise(address))]
        if tenancy_number:
            keys.append((estate_id or "", tenancy_key(tenancy_number)))
        for key in keys:
            if key in wanted:
                found[key] = number
    return found


def _new_case(row: CaseloadRow, today: dt.date) -> NewCase:
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
        kind=row.kind,
        phone=row.phone,
        email=row.email,
        opened_on=row.opened_on or today,
    )


def _plan_row(row: CaseloadRow, known_case: str | None, today: dt.date) -> PlannedRow:
    status, note = ImportStatus.CREATE, f"Ny sag: {row.kind.label.lower()}."
    if known_case is not None:
        status, note = (
            ImportStatus.UNCHANGED,
            f"Sagen findes allerede som åben sag {known_case}; rækken importeres ikke.",
        )
    else:
        try:
            _new_case(row, today).validate(Context(today))
        except UserInputError as exc:
            status, note = ImportStatus.REJECTED, exc.message
    return PlannedRow(
        line=row.line,
        status=status,
        tenancy_number=row.tenancy_number,
        tenant_name=row.tenant_name,
        address=row.address_line,
        estate=row.estate_label,
        arrears=row.arrears.format(),
        termination_on=format_short(row.termination_on) if row.termination_on else "",
        cells=row.cells,
        row=None if status is ImportStatus.REJECTED else row,
        case_number=known_case or "",
        note=note,
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
