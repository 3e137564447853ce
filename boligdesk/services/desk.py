"""The one front door between the UI (or the command line) and the store.

A :class:`Desk` is built once, in ``app.py`` or ``cli.py``, from the open store, the adviser working on
this laptop and a clock. It owns every database session: nothing under ``boligdesk/ui`` or
``boligdesk/commands`` opens one, imports SQLAlchemy or touches an ORM class (``tests/unit/
test_architecture.py`` enforces it).

Shape (after Anki's ``Collection``):

* The aggregates hang off the desk as small service objects: ``desk.cases``, ``desk.tenant``,
  ``desk.budget``, ``desk.plan``, ``desk.letters`` … built on first use (so start-up imports none of them).
* **Reads** return frozen rows (dataclasses), never ORM objects.
* **Writes** validate first (:class:`~boligdesk.errors.UserInputError`, nothing saved), then change the
  store in one short transaction and return :class:`~boligdesk.services.changes.Changes`.
* **Who, where and when** are stamped once: :meth:`Desk.writing` puts the adviser, the device and the case
  into ``session.info``; the store's ``before_flush`` hook stamps the sync clocks and writes the
  create/update/delete audit rows from it (``models/store.py``). Services never pass ``actor=`` or call
  the audit log for those; only events that are not row changes (opened, printed, exported) are recorded
  explicitly, through :meth:`Desk.record`.
* **Lookups**: :func:`live` fetches a row that exists and is not tombstoned, or raises the one
  :class:`NotFoundError`.

Threads: a call off the GUI thread (import, statistics, batches of letters, sync) runs through the UI's
one background runner; every desk call opens its own session, so a call is safe on any thread. While
such a call runs it is registered with :meth:`Desk.running`; :meth:`Desk.close` cancels the calls in
flight, waits for them to roll back, then closes the store.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from boligdesk.budget.vocabulary import AuditAction
from boligdesk.errors import UserInputError
from boligdesk.models.base import entity_name
from boligdesk.services.progress import Progress

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from boligdesk.models.store import Store
    from boligdesk.services.access_export import AccessService
    from boligdesk.services.advisers import AdviserService
    from boligdesk.services.applications import ApplicationService
    from boligdesk.services.arrears import ArrearsService
    from boligdesk.services.audit_log import AuditLogService, OpenVisits
    from boligdesk.services.backups import BackupService
    from boligdesk.services.budget_print import BudgetPrintService
    from boligdesk.services.budgets import BudgetService
    from boligdesk.services.case_list import CaseListService
    from boligdesk.services.case_read import CaseViewService
    from boligdesk.services.cases import CaseService
    from boligdesk.services.closing import ClosingService
    from boligdesk.services.conflicts import ConflictService
    from boligdesk.services.consent import ConsentService
    from boligdesk.services.contact import ContactService
    from boligdesk.services.contacts import ContactBookService
    from boligdesk.services.courses import CourseService
    from boligdesk.services.documents import DocumentService
    from boligdesk.services.drafts import DraftService
    from boligdesk.services.envelopes import EnvelopeService
    from boligdesk.services.erasure import ErasureService
    from boligdesk.services.frister import FristerService
    from boligdesk.services.household import HouseholdService
    from boligdesk.services.import_cases import CaseImportService
    from boligdesk.services.import_new_tenants import NewTenantImportService
    from boligdesk.services.import_terminations import ImportService
    from boligdesk.services.journal import JournalService
    from boligdesk.services.landlord import LandlordService
    from boligdesk.services.letter_batch import LetterBatchService
    from boligdesk.services.letters import LetterService
    from boligdesk.services.organisations import EstateService
    from boligdesk.services.plan import PlanService
    from boligdesk.services.postcards import PostcardService
    from boligdesk.services.rates import RatesService
    from boligdesk.services.receipts import ReceiptService
    from boligdesk.services.registration import RegistrationService
    from boligdesk.services.retention import RetentionService
    from boligdesk.services.schema import SchemaRevisions
    from boligdesk.services.statistics import StatisticsService
    from boligdesk.services.tags import TagService
    from boligdesk.services.team_sync import SyncService
    from boligdesk.services.tenancy import TenancyService
    from boligdesk.services.tenant import TenantService
    from boligdesk.services.timeline import TimelineService

T = TypeVar("T")

#: Danish name of each kind of row, for :class:`NotFoundError` ("Sagen findes ikke længere …").
_NOUNS = {
    "Case": "Sagen",
    "Person": "Personen",
    "HouseholdMember": "Personen",
    "Household": "Husstanden",
    "Tenancy": "Lejemålet",
    "Estate": "Afdelingen",
    "HousingAssociation": "Boligorganisationen",
    "Budget": "Budgettet",
    "BudgetLine": "Posten",
    "Receipt": "Kvitteringen",
    "EnvelopePlan": "Kuvertplanen",
    "RepaymentPlan": "Afdragsordningen",
    "ArrearsItem": "Restanceposten",
    "Payment": "Betalingen",
    "ContactAttempt": "Kontaktforsøget",
    "JournalNote": "Noten",
    "FollowUp": "Opfølgningen",
    "GeneratedLetter": "Brevet",
    "CaseCode": "Koden",
    "Adviser": "Rådgiveren",
    "Contact": "Kontakten",
    "CaseContact": "Kontakten",
    "Consent": "Samtykket",
    "Application": "Ansøgningen",
    "Document": "Dokumentet",
}


class NotFoundError(UserInputError):
    """The row asked for does not exist or is deleted (perhaps on another laptop, then synced here)."""

    def __init__(self, model: type[Any]) -> None:
        noun = _NOUNS.get(model.__name__, "Oplysningen")
        name = entity_name(model)
        super().__init__(
            name,
            f"{name}.not_found",
            f"{noun} findes ikke længere. Den kan være slettet, også på en anden computer. "
            "Vælg den igen på listen.",
        )


def live(session: Session, model: type[T], row_id: str | None) -> T:
    """The row ``row_id`` of ``model`` if it exists and is not tombstoned, else :class:`NotFoundError`."""
    row = session.get(model, row_id) if row_id else None
    if row is None or getattr(row, "deleted", False):
        raise NotFoundError(model)
    return row


class Desk:
    """The application object: store, adviser and clock, and the aggregates' services."""

    def __init__(
        self,
        store: Store,
        *,
        adviser_id: str | None = None,
        adviser_name: str = "",
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        self.store = store
        self.adviser_id = adviser_id
        self.adviser_name = adviser_name
        #: Today's date; tests replace it to work on a fixed day.
        self.clock = today
        self._running: set[Progress] = set()
        self._lock = threading.Lock()
        self._idle = threading.Condition(self._lock)
        self._closed = False

    # ----------------------------------------------------------------------------------- basics
    @property
    def device_id(self) -> str:
        return self.store.device_id

    def today(self) -> dt.date:
        return self.clock()

    @property
    def profile_folder(self) -> Path:
        """The folder of the open profile (the database, its key and the settings)."""
        return self.store.profile.folder

    def schema_revisions(self) -> SchemaRevisions:
        """Which schema version the database is at, and the newest this version of BoligDesk knows."""
        from boligdesk.services.schema import schema_revisions

        return schema_revisions(self.store)

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reading; anything it changes is rolled back."""
        session = self.store.read_session()
        try:
            yield session
        finally:
            session.rollback()
            session.close()

    @contextmanager
    def writing(
        self, case_id: str | None = None, *, audit: str = "rows", detail: str = ""
    ) -> Iterator[Session]:
        """One short transaction, stamped with who/where/when; commits on success, rolls back on error.

        ``case_id`` is the case the audit rows of rows without a ``case_id`` column belong to.
        ``audit``: ``"rows"`` (one event per created/changed/deleted row, with the changed field names),
        ``"per_case"`` (one event per case touched, for imports; ``detail`` says what made them) or
        ``"none"`` (only for writes that are not the adviser's: sync bookkeeping).
        """
        with self.store.session() as session:
            session.info.update(actor=self.adviser_name, case_id=case_id, audit=audit, audit_detail=detail)
            yield session

    def record(
        self, action: AuditAction, entity: str, entity_id: str, *, case_id: str | None, detail: str = ""
    ) -> None:
        """An audit event that is not a row change: a case opened, a letter printed, a file exported."""
        from boligdesk.models import AuditEvent

        with self.writing(case_id, audit="none") as s:
            s.add(
                AuditEvent(
                    action=action,
                    entity=entity,
                    entity_id=entity_id,
                    case_id=case_id,
                    actor=self.adviser_name,
                    device=self.device_id,
                    detail=detail,
                )
            )

    def change_passphrase(self, old: str, new: str, repeat: str) -> None:
        """Re-wrap the database key under a new passphrase (the data is not rewritten).

        A key remembered in the keyring still opens the same database, but the adviser chose a new secret,
        so it is forgotten: the next start asks for the new passphrase.
        """
        from boligdesk.models.keys import change_passphrase
        from boligdesk.models.remember import forget_key

        change_passphrase(self.store.profile.key_path, old, new, repeat)
        forget_key(self.profile_folder)

    # ------------------------------------------------------------------------- calls in flight
    @contextmanager
    def running(self, progress: Progress) -> Iterator[Progress]:
        """Register a long call so :meth:`close` can cancel it and wait for it."""
        with self._lock:
            if self._closed:
                progress.cancel()
            self._running.add(progress)
        try:
            yield progress
        finally:
            with self._lock:
                self._running.discard(progress)
                self._idle.notify_all()

    def cancel_running(self, *, wait: float = 10.0) -> bool:
        """Cancel every long call in flight and wait (up to ``wait`` s) until each has rolled back."""
        with self._lock:
            for progress in self._running:
                progress.cancel()
            return self._idle.wait_for(lambda: not self._running, timeout=wait)

    def close(self) -> None:
        """Cancel calls in flight, then close the store. The desk is unusable afterwards."""
        with self._lock:
            self._closed = True
        self.cancel_running()
        try:
            self.flush_drafts()  # a note being typed survives closing (and locking) the window
        finally:
            self.store.close()

    def flush_drafts(self) -> None:
        """Write the drafts still held in memory (a note being typed), if any were held at all."""
        drafts: DraftService | None = self.__dict__.get("drafts")
        if drafts is not None:
            drafts.flush()

    # ------------------------------------------------------------------- the aggregates' services
    # Each is built on first use, so start-up imports none of them. Add one line per aggregate.

    @cached_property
    def advisers(self) -> AdviserService:
        from boligdesk.services.advisers import AdviserService

        return AdviserService(self)

    @cached_property
    def cases(self) -> CaseService:
        from boligdesk.services.cases import CaseService

        return CaseService(self)

    @cached_property
    def letters(self) -> LetterService:
        from boligdesk.services.letters import LetterService

        return LetterService(self)

    @cached_property
    def case_view(self) -> CaseViewService:
        from boligdesk.services.case_read import CaseViewService

        return CaseViewService(self)

    @cached_property
    def timeline(self) -> TimelineService:
        from boligdesk.services.timeline import TimelineService

        return TimelineService(self)

    @cached_property
    def arrears(self) -> ArrearsService:
        from boligdesk.services.arrears import ArrearsService

        return ArrearsService(self)

    @cached_property
    def registration(self) -> RegistrationService:
        from boligdesk.services.registration import RegistrationService

        return RegistrationService(self)

    @cached_property
    def contact(self) -> ContactService:
        from boligdesk.services.contact import ContactService

        return ContactService(self)

    @cached_property
    def journal(self) -> JournalService:
        from boligdesk.services.journal import JournalService

        return JournalService(self)

    @cached_property
    def closing(self) -> ClosingService:
        from boligdesk.services.closing import ClosingService

        return ClosingService(self)

    @cached_property
    def budget(self) -> BudgetService:
        from boligdesk.services.budgets import BudgetService

        return BudgetService(self)

    @cached_property
    def receipts(self) -> ReceiptService:
        from boligdesk.services.receipts import ReceiptService

        return ReceiptService(self)

    @cached_property
    def envelopes(self) -> EnvelopeService:
        from boligdesk.services.envelopes import EnvelopeService

        return EnvelopeService(self)

    @cached_property
    def budget_print(self) -> BudgetPrintService:
        from boligdesk.services.budget_print import BudgetPrintService

        return BudgetPrintService(self)

    @cached_property
    def tenant(self) -> TenantService:
        from boligdesk.services.tenant import TenantService

        return TenantService(self)

    @cached_property
    def household(self) -> HouseholdService:
        from boligdesk.services.household import HouseholdService

        return HouseholdService(self)

    @cached_property
    def tenancy(self) -> TenancyService:
        from boligdesk.services.tenancy import TenancyService

        return TenancyService(self)

    @cached_property
    def estates(self) -> EstateService:
        from boligdesk.services.organisations import EstateService

        return EstateService(self)

    @cached_property
    def imports(self) -> ImportService:
        from boligdesk.services.import_terminations import ImportService

        return ImportService(self)

    @cached_property
    def plan(self) -> PlanService:
        from boligdesk.services.plan import PlanService

        return PlanService(self)

    @cached_property
    def frister(self) -> FristerService:
        from boligdesk.services.frister import FristerService

        return FristerService(self)

    @cached_property
    def case_list(self) -> CaseListService:
        from boligdesk.services.case_list import CaseListService

        return CaseListService(self)

    @cached_property
    def sync(self) -> SyncService:
        from boligdesk.services.team_sync import SyncService

        return SyncService(self)

    @cached_property
    def conflicts(self) -> ConflictService:
        from boligdesk.services.conflicts import ConflictService

        return ConflictService(self)

    @cached_property
    def landlord(self) -> LandlordService:
        from boligdesk.services.landlord import LandlordService

        return LandlordService(self)

    @cached_property
    def letter_batch(self) -> LetterBatchService:
        from boligdesk.services.letter_batch import LetterBatchService

        return LetterBatchService(self)

    @cached_property
    def drafts(self) -> DraftService:
        from boligdesk.services.drafts import DraftService

        return DraftService(self)

    @cached_property
    def backups(self) -> BackupService:
        from boligdesk.services.backups import BackupService

        return BackupService(self)

    @cached_property
    def rates(self) -> RatesService:
        from boligdesk.services.rates import RatesService

        return RatesService(self)

    @cached_property
    def statistics(self) -> StatisticsService:
        from boligdesk.services.statistics import StatisticsService

        return StatisticsService(self)

    @cached_property
    def erasure(self) -> ErasureService:
        from boligdesk.services.erasure import ErasureService

        return ErasureService(self)

    @cached_property
    def access(self) -> AccessService:
        from boligdesk.services.access_export import AccessService

        return AccessService(self)

    @cached_property
    def retention(self) -> RetentionService:
        from boligdesk.services.retention import RetentionService

        return RetentionService(self)

    @cached_property
    def audit_log(self) -> AuditLogService:
        from boligdesk.services.audit_log import AuditLogService

        return AuditLogService(self)

    @cached_property
    def visits(self) -> OpenVisits:
        """Which cases were opened in this visit (opening is recorded once per visit; the lock resets it)."""
        from boligdesk.services.audit_log import OpenVisits

        return OpenVisits()

    @cached_property
    def contacts(self) -> ContactBookService:
        from boligdesk.services.contacts import ContactBookService

        return ContactBookService(self)

    @cached_property
    def consent(self) -> ConsentService:
        from boligdesk.services.consent import ConsentService

        return ConsentService(self)

    @cached_property
    def applications(self) -> ApplicationService:
        from boligdesk.services.applications import ApplicationService

        return ApplicationService(self)

    @cached_property
    def new_tenant_imports(self) -> NewTenantImportService:
        from boligdesk.services.import_new_tenants import NewTenantImportService

        return NewTenantImportService(self)

    @cached_property
    def case_imports(self) -> CaseImportService:
        from boligdesk.services.import_cases import CaseImportService

        return CaseImportService(self)

    @cached_property
    def courses(self) -> CourseService:
        from boligdesk.services.courses import CourseService

        return CourseService(self)

    @cached_property
    def tags(self) -> TagService:
        from boligdesk.services.tags import TagService

        return TagService(self)

    @cached_property
    def postcards(self) -> PostcardService:
        from boligdesk.services.postcards import PostcardService

        return PostcardService(self)

    @cached_property
    def documents(self) -> DocumentService:
        from boligdesk.services.documents import DocumentService

        return DocumentService(self)
