"""Importing the landlord's list of new tenancies: "Ny lejer" cases, previewed, then one transaction.

``desk.new_tenant_imports`` works like the termination import (``desk.imports``): :meth:`preview` reads
the file (:mod:`boligdesk.importers.new_tenants`) and decides every row against the store without
changing it; :meth:`apply` decides again against the store as it is then and writes in one transaction,
so importing the same file twice never makes a duplicate. The plan, its rejects file and its counts are
the termination import's (:mod:`boligdesk.importers.plan`).

Matching: a row is **already imported** (unchanged) when a case of kind "Ny lejer" exists, open or
closed, whose tenancy has the same tenancy number (without case and spaces) in the same estate and the
same move-in date. Otherwise it makes a new case of kind "Ny lejer" (referral: the housing
organisation), with the tenancy's move-in date, rent and the tenant's phone and e-mail. A new tenancy of
an address where the previous tenant's case is still open is a new case too: it is another person. The
import never updates an existing case (the list says who moved in, nothing the adviser maintains).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from boligdesk.budget.calendar import format_short
from boligdesk.budget.money import Money
from boligdesk.budget.vocabulary import AuditAction, CaseKind, ReferralSource
from boligdesk.errors import UserInputError
from boligdesk.importers.headers import Column
from boligdesk.importers.new_tenants import NewTenantRow, read_new_tenant_list
from boligdesk.importers.plan import ImportPlan, ImportResult, ImportStatus, PlannedRow
from boligdesk.importers.terminations import RejectedRow, tenancy_key
from boligdesk.models import Case, Tenancy
from boligdesk.models.base import new_id
from boligdesk.services.advisers import ensure_adviser
from boligdesk.services.cases import NewCase, new_case_history, new_case_rows
from boligdesk.services.fields import Context
from boligdesk.services.import_terminations import (
    _CaseNumbers,
    estate_refs,
    import_detail,
    save_rejected,
)
from boligdesk.services.progress import SILENT, Progress

if TYPE_CHECKING:
    import datetime as dt

    from sqlalchemy.orm import Session

    from boligdesk.services.desk import Desk

#: The entity of a new-tenant import's own audit event; its ``entity_id`` is the run's id.
IMPORT_ENTITY = "new_tenant_list"


class NewTenantImportService:
    """``desk.new_tenant_imports``: the list of new tenancies, previewed and then applied."""

    def __init__(self, desk: Desk) -> None:
        self._desk = desk

    def preview(self, path: Path, progress: Progress = SILENT) -> ImportPlan:
        """Read ``path`` and decide each row against the store. Changes nothing."""
        today = self._desk.today()

        def step(done: int, total: int) -> None:
            progress.step(done, total, f"Læser række {done + 1} af {total} …")

        with self._desk.reading() as session:
            progress.step(0, 0, "Læser filen …")
            parsed = read_new_tenant_list(path, estate_refs(session), today, step=step)
            known = _imported(session, parsed.rows)
            planned = [_plan_row(row, known.get(_key(row)), today) for row in parsed.rows]
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
        """Carry out ``plan`` in one transaction; rows already imported meanwhile are left alone."""
        desk = self._desk
        today = desk.today()
        actor = desk.adviser_name
        rows = [p.row for p in plan.rows if isinstance(p.row, NewTenantRow)]
        created = unchanged = 0
        rejected = plan.counts.rejected
        case_ids: list[str] = []
        run_id = new_id()
        with desk.writing(audit="per_case", detail=import_detail(run_id)) as session, session.no_autoflush:
            adviser_id = ensure_adviser(session, actor) if assign_to_me and actor else None
            live_estates = {e.id for e in estate_refs(session)}
            known = _imported(session, rows)
            numbers = _CaseNumbers(session, today.year)
            new_cases: list[Case] = []
            for done, row in enumerate(rows):
                if done % 10 == 0:
                    progress.step(done, len(rows), f"Række {done + 1} af {len(rows)}")
                if row.estate_id not in live_estates:
                    rejected += 1
                elif _key(row) in known:
                    unchanged += 1
                else:
                    try:
                        data = _new_case(row, today).validate(Context(today))
                    except UserInputError:
                        rejected += 1
                        continue
                    case, new_rows = new_case_rows(
                        data,
                        number=numbers.take(),
                        opened_on=today,
                        adviser_id=adviser_id,
                        referral_source=ReferralSource.LANDLORD,
                    )
                    for item in new_rows:
                        if isinstance(item, Tenancy):
                            item.move_in_date = row.move_in_on
                    session.add_all(new_rows)
                    known[_key(row)] = case.number
                    new_cases.append(case)
                    case_ids.append(case.id)
                    created += 1
            session.flush()
            for case in new_cases:
                session.add_all(new_case_history(case, arrears_text="", actor=actor))
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
        """Write the rejected rows to ``path`` (``.xlsx``, else CSV). Returns how many."""
        return save_rejected(plan, path)


def _key(row: NewTenantRow) -> tuple[str, str, dt.date]:
    return (row.estate_id, tenancy_key(row.tenancy_number), row.move_in_on)


def _imported(session: Session, rows: Sequence[NewTenantRow]) -> dict[tuple[str, str, dt.date], str]:
    """Case number by (estate, tenancy number, move-in date) of the "Ny lejer" cases the rows match."""
    wanted = {_key(r) for r in rows}
    if not wanted:
        return {}
    query = (
        select(Case.number, Tenancy.estate_id, Tenancy.tenancy_number, Tenancy.move_in_date)
        .join(Tenancy, Case.tenancy_id == Tenancy.id)
        .where(
            Case.deleted.is_(False),
            Case.kind == CaseKind.NEW_TENANT,
            Tenancy.move_in_date.is_not(None),
            Tenancy.estate_id.in_(sorted({r.estate_id for r in rows})),
        )
    )
    found: dict[tuple[str, str, dt.date], str] = {}
    for number, estate_id, tenancy_number, move_in in session.execute(query):
        key = (estate_id or "", tenancy_key(tenancy_number), move_in)
        if key in wanted:
            found[key] = number
    return found


def _new_case(row: NewTenantRow, today: dt.date) -> NewCase:
    return NewCase(
        first_name=row.first_name,
        last_name=row.last_name,
        address_line=row.address_line,
        postcode=row.postcode,
        city=row.city,
        estate_id=row.estate_id,
        tenancy_number=row.tenancy_number,
        rent=row.rent or Money(0),
        kind=CaseKind.NEW_TENANT,
        phone=row.phone,
        email=row.email,
        opened_on=today,
    )


def _plan_row(row: NewTenantRow, known_case: str | None, today: dt.date) -> PlannedRow:
    status, note = ImportStatus.CREATE, "Ny sag: ny lejer."
    if known_case is not None:
        status, note = ImportStatus.UNCHANGED, f"Indflytningen er allerede importeret (sag {known_case})."
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
        arrears="",
        termination_on=format_short(row.move_in_on),
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
        arrears="",
        termination_on=row.value(Column.MOVE_IN_ON),
        cells=row.cells,
        note=row.reason,
    )
