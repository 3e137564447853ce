"""The one import service the termination list, the new tenants and the caseload share.

:class:`FileImportService` is ``preview`` → ``apply`` → ``save_rejected`` for every list; a subclass says
only what differs (:mod:`boligdesk.services.import_terminations`, ``import_new_tenants``,
``import_cases``): how the file is read (its :class:`~boligdesk.importers.pipeline.ListSpec`), the key
that says a row is already in BoligDesk, what a new case looks like, and (the termination list only) what
an update changes.

* :meth:`FileImportService.preview` reads the file and decides every good row against the store with
  **one** query (:func:`known_cases`: plain columns, no ORM objects): new, already imported (unchanged) or
  changed (update). The store is only read; a cancel through ``progress`` changes nothing.
* :meth:`FileImportService.apply` decides again against the store as it is then (another laptop's sync
  may have added a case since the preview) and writes everything in **one** transaction, so applying a
  plan twice, or importing the same file twice, never makes a duplicate. A new case is made by the same
  rule as the "Ny sag" dialog: :meth:`~boligdesk.services.cases.NewCase.validate`, then
  :func:`~boligdesk.services.cases.new_case_rows` and :func:`~boligdesk.services.cases.new_case_history`.
  One audit event per case created or changed and one IMPORT event with the counts; a cancel or an
  error rolls the whole import back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Generic

from sqlalchemy import select
from sqlalchemy.orm import Session

from boligdesk.budget.calendar import format_short
from boligdesk.budget.money import Money
from boligdesk.budget.vocabulary import AuditAction, CaseKind, ReferralSource
from boligdesk.errors import UserInputError
from boligdesk.importers.headers import Column
from boligdesk.importers.pipeline import (
    CheckedRow,
    EstateRef,
    ListSpec,
    ParsedList,
    R,
    RejectedRow,
    RowStep,
    read_list,
)
from boligdesk.importers.plan import (
    FieldChange,
    ImportPlan,
    ImportResult,
    ImportStatus,
    PlannedRow,
    rejected_table,
)
from boligdesk.importers.table_file import write_table
from boligdesk.models import Case, Estate, HousingAssociation, Person, Tenancy
from boligdesk.models.base import Base, new_id
from boligdesk.services.advisers import ensure_adviser
from boligdesk.services.cases import NewCase, new_case_history, new_case_rows, next_case_number
from boligdesk.services.fields import Context
from boligdesk.services.progress import SILENT, Progress

if TYPE_CHECKING:
    from boligdesk.services.desk import Desk

#: How often (in rows) apply reports progress and looks for a cancel.
APPLY_STEP_EVERY = 10
FLUSH_EVERY = 50
"""New cases are flushed in batches: the store's flush hook costs time in the square of a flush's size."""


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


def save_rejected(plan: ImportPlan, path: Path) -> int:
    """Write the rejected rows to ``path`` (``.xlsx``, else CSV for Danish Excel). Returns how many."""
    headers, rows = rejected_table(plan)
    write_table(path, headers, rows, sheet_title="Afviste rækker", highlight_last_column=True)
    return len(rows)


# --- the one look-up of what is already in BoligDesk ----------------------------------------------


@dataclass(frozen=True, slots=True)
class KnownCase:
    """A case in the store as the imports compare rows with it (plain values, read in one query)."""

    id: str
    number: str
    kind: CaseKind
    closed: bool
    estate_id: str | None
    tenancy_number: str
    move_in_on: dt.date | None
    first_name: str
    last_name: str
    address_line: str
    arrears: Money
    rent: Money
    termination_on: dt.date | None
    reminder_sent_on: dt.date | None
    terminations_this_year: int

    @property
    def tenant_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


def known_cases(
    session: Session,
    *,
    estate_ids: Iterable[str] | None = None,
    with_tenancy_number: bool = False,
    kind: CaseKind | None = None,
    open_only: bool = False,
) -> list[KnownCase]:
    """The live cases an import may match, in one query of plain columns.

    ``estate_ids``: only tenancies in these estates or in none; ``with_tenancy_number``: only tenancies
    with a number; ``kind``: only cases of this kind; ``open_only``: only open cases."""
    query = (
        select(
            Case.id,
            Case.number,
            Case.kind,
            Case.closed_on,
            Tenancy.estate_id,
            Tenancy.tenancy_number,
            Tenancy.move_in_date,
            Person.first_name,
            Person.last_name,
            Tenancy.address_line,
            Case.arrears,
            Tenancy.rent,
            Case.termination_on,
            Case.reminder_sent_on,
            Case.terminations_this_year,
        )
        .join(Tenancy, Case.tenancy_id == Tenancy.id)
        .join(Person, Case.tenant_id == Person.id)
        .where(Case.deleted.is_(False), Tenancy.deleted.is_(False))
    )
    if estate_ids is not None:
        ids = sorted(set(estate_ids))
        query = query.where(Tenancy.estate_id.in_(ids) | Tenancy.estate_id.is_(None))
    if with_tenancy_number:
        query = query.where(Tenancy.tenancy_number != "")
    if kind is not None:
        query = query.where(Case.kind == kind)
    if open_only:
        query = query.where(Case.closed_on.is_(None))
    return [
        KnownCase(
            id=r[0],
            number=r[1],
            kind=r[2],
            closed=r[3] is not None,
            estate_id=r[4],
            tenancy_number=r[5] or "",
            move_in_on=r[6],
            first_name=r[7] or "",
            last_name=r[8] or "",
            address_line=r[9] or "",
            arrears=r[10],
            rent=r[11],
            termination_on=r[12],
            reminder_sent_on=r[13],
            terminations_this_year=r[14],
        )
        for r in session.execute(query)
    ]


def load_cases(session: Session, case_ids: Sequence[str]) -> dict[str, tuple[Case, Tenancy]]:
    """The ORM case and tenancy of the cases an import updates, in a few queries (not one per case)."""
    found: dict[str, tuple[Case, Tenancy]] = {}
    for start in range(0, len(case_ids), 500):
        chunk = case_ids[start : start + 500]
        query = select(Case, Tenancy).join(Tenancy, Case.tenancy_id == Tenancy.id).where(Case.id.in_(chunk))
        for case, tenancy in session.execute(query):
            found[case.id] = (case, tenancy)
    return found


class CaseNumbers:
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


# --- deciding --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Decision:
    """What one good row does: make a case, update ``known``, leave it, or (found now) be rejected."""

    status: ImportStatus
    known: KnownCase | None = None
    changes: tuple[FieldChange, ...] = ()
    note: str = ""
    terminations_this_year: int = 0


def new_case_of(row: CheckedRow, *, kind: CaseKind, opened_on: dt.date) -> NewCase:
    """The "Ny sag" data of a checked row of any list: the tenant, the tenancy and, where the list has
    them, the arrears, dates and rent (no rent written: 0 kr., as in the dialog)."""
    rent: Money | None = getattr(row, "rent", None)
    return NewCase(
        first_name=row.first_name,
        last_name=row.last_name,
        address_line=row.address_line,
        postcode=row.postcode,
        city=row.city,
        estate_id=getattr(row, "estate_id", None),
        tenancy_number=getattr(row, "tenancy_number", ""),
        rent=rent or Money(0),
        arrears=getattr(row, "arrears", Money(0)),
        termination_on=getattr(row, "termination_on", None),
        reminder_sent_on=getattr(row, "reminder_sent_on", None),
        kind=kind,
        phone=row.phone,
        email=row.email,
        opened_on=opened_on,
    )


class FileImportService(Generic[R]):
    """``preview``, ``apply`` and ``save_rejected`` for one list; subclasses fill in the hooks."""

    #: The entity of the import's own audit event; its ``entity_id`` is the import run's id.
    ENTITY: ClassVar[str]
    #: How the list is read.
    SPEC: ClassVar[ListSpec]  # type: ignore[type-arg]
    #: The checked row type of the list (plan rows of another type are not this import's).
    ROW: ClassVar[type]
    #: The note of a row already in BoligDesk (``{number}``: the case's number).
    ALREADY: ClassVar[str] = "Findes allerede som sag {number}."
    #: The text of the arrears item of a new case.
    ARREARS_TEXT: ClassVar[str] = ""
    REFERRAL: ClassVar[ReferralSource | None] = None
    #: The row's date shown in the preview's date column, and the column it is read from.
    DATE_FIELD: ClassVar[str] = "termination_on"
    DATE_COLUMN: ClassVar[Column] = Column.TERMINATION_ON
    SHOWS_ARREARS: ClassVar[bool] = True
    #: Two rows may not act on the same case (the later one is rejected).
    ONE_ROW_PER_CASE: ClassVar[bool] = False

    def __init__(self, desk: Desk) -> None:
        self._desk = desk

    # -- hooks --------------------------------------------------------------------------------------

    def _read(self, path: Path, estates: Sequence[EstateRef], today: dt.date, step: RowStep) -> ParsedList[R]:
        return read_list(path, self.SPEC, estates, today, step=step)

    def _known(self, session: Session, rows: Sequence[R]) -> dict[Hashable, list[KnownCase]]:
        """The cases the rows may match, by the key :meth:`_key` gives a row."""
        raise NotImplementedError

    def _key(self, row: R) -> Hashable:
        raise NotImplementedError

    def _decide(self, row: R, found: list[KnownCase], today: dt.date) -> Decision:
        """Already in BoligDesk (unchanged: the list never updates), else a new case."""
        if found:
            known = found[-1]
            return Decision(ImportStatus.UNCHANGED, known, note=self.ALREADY.format(number=known.number))
        return Decision(
            ImportStatus.CREATE, note=self._new_note(row), terminations_this_year=self._count(row, today)
        )

    def _new_note(self, row: R) -> str:
        return "Ny sag."

    def _count(self, row: R, today: dt.date) -> int:
        """The new case's "ophævelser i år"."""
        return 0

    def _new_case(self, row: R, today: dt.date) -> NewCase:
        raise NotImplementedError

    def _case_options(self, row: R, session: Session, adviser_id: str | None) -> dict[str, object]:
        """Extra arguments of :func:`new_case_rows` for the row's case (opened on, adviser …)."""
        return {}

    def _fill(self, row: R, new_rows: list[Base]) -> None:
        """Set what the "Ny sag" data cannot hold on the new rows (the tenancy's move-in date)."""

    def _add_details(self, session: Session, case: Case, row: R, actor: str) -> None:
        """Rows that refer to a new case, added once the cases are flushed (kind history, arrears)."""
        session.add_all(new_case_history(case, arrears_text=self.ARREARS_TEXT, actor=actor))

    def _update(self, session: Session, row: R, case: Case, tenancy: Tenancy, actor: str) -> None:
        raise NotImplementedError("this list never updates a case")

    # -- the shared pipeline ------------------------------------------------------------------------

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
            parsed = self._read(path, estate_refs(session), today, step)
            progress.step(0, 0, "Sammenligner med sagerne …")
            known = self._known(session, parsed.rows)
        # The rows were checked with the same field tables and whole-case rules as "Ny sag" while
        # reading; apply checks each new case once more in full (NewCase.validate) before it writes.
        decisions = self._decide_all(parsed.rows, known, today, validate=False)
        shown = _Shown()
        planned = [self._plan_row(row, d, shown) for row, d in zip(parsed.rows, decisions, strict=True)]
        planned.extend(self._rejected_row(r) for r in parsed.rejected)
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
        """Carry out ``plan`` in one transaction. New cases get the desk's adviser when ``assign_to_me``
        (a row's own adviser, where the list has one, wins).

        ``progress.step`` is called every few rows; a cancel (:class:`~boligdesk.services.progress.Cancelled`)
        rolls the whole import back. The result's ``changes`` is "everything" when anything was written.
        """
        desk = self._desk
        today = desk.today()
        actor = desk.adviser_name
        rows: list[R] = [p.row for p in plan.rows if isinstance(p.row, self.ROW)]  # type: ignore[misc]
        created = updated = unchanged = 0
        rejected = plan.counts.rejected
        case_ids: list[str] = []
        # One id per import run: each case's audit event names it, and so does the import's own event.
        run_id = new_id()
        total = len(rows)
        with desk.writing(audit="per_case", detail=import_detail(run_id)) as session, session.no_autoflush:
            adviser_id = ensure_adviser(session, actor) if assign_to_me and actor else None
            live_estates = {e.id for e in estate_refs(session)}
            decisions = self._decide_all(rows, self._known(session, rows), today, validate=True)
            updates = [d.known.id for d in decisions if d.status is ImportStatus.UPDATE and d.known]
            loaded = load_cases(session, updates) if updates else {}
            numbers = CaseNumbers(session, today.year)
            new_cases: list[tuple[Case, R]] = []
            for done, (row, decision) in enumerate(zip(rows, decisions, strict=True)):
                if done % APPLY_STEP_EVERY == 0:
                    progress.step(done, total, f"Række {done + 1} af {total}")
                estate_id = getattr(row, "estate_id", None)
                if (estate_id is not None and estate_id not in live_estates) or (
                    decision.status is ImportStatus.REJECTED
                ):
                    rejected += 1
                elif decision.status is ImportStatus.CREATE:
                    case = self._add_case(session, row, decision, numbers.take(), today, adviser_id)
                    new_cases.append((case, row))
                    case_ids.append(case.id)
                    created += 1
                    if len(new_cases) >= FLUSH_EVERY:
                        self._flush_new_cases(session, new_cases, actor)
                elif decision.status is ImportStatus.UPDATE:
                    assert decision.known is not None
                    case, tenancy = loaded[decision.known.id]
                    self._update(session, row, case, tenancy, actor)
                    case_ids.append(case.id)
                    updated += 1
                else:
                    unchanged += 1
            self._flush_new_cases(session, new_cases, actor)
            progress.step(total, total, "Gemmer …")
        if created or updated:
            desk.record(
                AuditAction.IMPORT,
                self.ENTITY,
                run_id,
                case_id=None,
                detail=f"created={created} updated={updated} unchanged={unchanged} rejected={rejected}",
            )
        return ImportResult(created, updated, unchanged, rejected, tuple(case_ids))

    def save_rejected(self, plan: ImportPlan, path: Path) -> int:
        """Write the rejected rows to ``path`` (``.xlsx``, else CSV for Danish Excel). Returns how many."""
        return save_rejected(plan, path)

    # -- the parts of the pipeline ------------------------------------------------------------------

    def _decide_all(
        self, rows: Sequence[R], known: dict[Hashable, list[KnownCase]], today: dt.date, *, validate: bool
    ) -> list[Decision]:
        """One decision per row. ``validate``: check a new case in full with ``NewCase.validate`` (as
        apply does); the preview leaves it out, the rows having been checked by the same rules while
        read (``tests/db/test_import_dry_run_agrees.py`` holds the two to the same answer)."""
        decisions: list[Decision] = []
        claimed: dict[str, int] = {}
        for row in rows:
            decision = self._decide(row, known.get(self._key(row), []), today)
            if validate and decision.status is ImportStatus.CREATE:
                try:
                    self._new_case(row, today).validate(Context(today))
                except UserInputError as exc:
                    decision = Decision(ImportStatus.REJECTED, note=exc.message)
            if self.ONE_ROW_PER_CASE and decision.known is not None:
                case = decision.known
                if case.id in claimed:
                    decision = Decision(
                        ImportStatus.REJECTED,
                        note=f"Række {claimed[case.id]} gælder allerede sag {case.number}.",
                    )
                else:
                    claimed[case.id] = row.line
            decisions.append(decision)
        return decisions

    def _add_case(
        self,
        session: Session,
        row: R,
        decision: Decision,
        number: str,
        today: dt.date,
        adviser_id: str | None,
    ) -> Case:
        """The rows :meth:`CaseService.create <boligdesk.services.cases.CaseService.create>` makes, inside
        the import's session; :meth:`_add_details` adds the rows that refer to the case once flushed."""
        data = self._new_case(row, today)
        options: dict[str, object] = {
            "opened_on": data.opened_on or today,
            "adviser_id": adviser_id,
            "referral_source": self.REFERRAL,
            "terminations_this_year": decision.terminations_this_year,
        }
        options.update(self._case_options(row, session, adviser_id))
        case, new_rows = new_case_rows(data, number=number, **options)  # type: ignore[arg-type]
        self._fill(row, new_rows)
        session.add_all(new_rows)
        return case

    def _flush_new_cases(self, session: Session, cases: list[tuple[Case, R]], actor: str) -> None:
        """Flush the new cases (and every pending change: one audit event per case), then add the rows
        that refer to them. Those are part of creating the case, so they are flushed without audit
        events of their own."""
        session.flush()
        for case, row in cases:
            self._add_details(session, case, row, actor)
        audit = session.info.get("audit")
        session.info["audit"] = "none"
        try:
            session.flush()
        finally:
            session.info["audit"] = audit
        cases.clear()

    def _plan_row(self, row: R, decision: Decision, shown: _Shown) -> PlannedRow:
        known = decision.known
        day = getattr(row, self.DATE_FIELD, None)
        arrears = getattr(row, "arrears", None) if self.SHOWS_ARREARS else None
        return PlannedRow(
            line=row.line,
            status=decision.status,
            tenancy_number=getattr(row, "tenancy_number", ""),
            tenant_name=row.tenant_name,
            address=row.address_line,
            estate=getattr(row, "estate_label", ""),
            arrears=shown.money(arrears),
            termination_on=shown.date(day),
            cells=row.cells,
            row=None if decision.status is ImportStatus.REJECTED else row,  # type: ignore[arg-type]
            case_id=known.id if known else None,
            case_number=known.number if known else "",
            changes=decision.changes,
            note=decision.note,
            warnings=row.warnings,
        )

    def _rejected_row(self, row: RejectedRow) -> PlannedRow:
        return PlannedRow(
            line=row.line,
            status=ImportStatus.REJECTED,
            tenancy_number=row.value(Column.TENANCY_NUMBER),
            tenant_name=row.value(Column.NAME)
            or f"{row.value(Column.FIRST_NAME)} {row.value(Column.LAST_NAME)}".strip(),
            address=row.value(Column.ADDRESS),
            estate=row.value(Column.ESTATE),
            arrears=row.value(Column.ARREARS) if self.SHOWS_ARREARS else "",
            termination_on=row.value(self.DATE_COLUMN),
            cells=row.cells,
            note=row.reason,
        )


class _Shown:
    """Amounts and dates as the preview shows them, each distinct value formatted once."""

    def __init__(self) -> None:
        self._money: dict[Money, str] = {}
        self._dates: dict[dt.date, str] = {}

    def money(self, amount: Money | None) -> str:
        if amount is None:
            return ""
        text = self._money.get(amount)
        if text is None:
            text = self._money[amount] = amount.format()
        return text

    def date(self, day: dt.date | None) -> str:
        if day is None:
            return ""
        text = self._dates.get(day)
        if text is None:
            text = self._dates[day] = format_short(day)
        return text
