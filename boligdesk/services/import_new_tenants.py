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

import datetime as dt
from collections import defaultdict
from collections.abc import Hashable, Sequence

from sqlalchemy.orm import Session

from boligdesk.budget.vocabulary import CaseKind, ReferralSource
from boligdesk.importers.headers import Column
from boligdesk.importers.new_tenants import NEW_TENANTS, NewTenantRow
from boligdesk.importers.pipeline import tenancy_key
from boligdesk.models import Tenancy
from boligdesk.models.base import Base
from boligdesk.services.cases import NewCase
from boligdesk.services.import_pipeline import (
    FileImportService,
    KnownCase,
    known_cases,
    new_case_of,
)

#: The entity of a new-tenant import's own audit event; its ``entity_id`` is the run's id.
IMPORT_ENTITY = "new_tenant_list"


class NewTenantImportService(FileImportService[NewTenantRow]):
    """``desk.new_tenant_imports``: the list of new tenancies, previewed and then applied."""

    ENTITY = IMPORT_ENTITY
    ROW = NewTenantRow
    REFERRAL = ReferralSource.LANDLORD
    DATE_FIELD = "move_in_on"
    DATE_COLUMN = Column.MOVE_IN_ON
    SHOWS_ARREARS = False
    SPEC = NEW_TENANTS
    ALREADY = "Indflytningen er allerede importeret (sag {number})."

    def _key(self, row: NewTenantRow) -> Hashable:
        return (row.estate_id, tenancy_key(row.tenancy_number), row.move_in_on)

    def _known(self, session: Session, rows: Sequence[NewTenantRow]) -> dict[Hashable, list[KnownCase]]:
        """The "Ny lejer" cases (open or closed) by estate, tenancy number and move-in date."""
        wanted = {self._key(r) for r in rows}
        if not wanted:
            return {}
        found: dict[Hashable, list[KnownCase]] = defaultdict(list)
        estates = {r.estate_id for r in rows}
        for case in known_cases(session, estate_ids=estates, kind=CaseKind.NEW_TENANT):
            key = (case.estate_id or "", tenancy_key(case.tenancy_number), case.move_in_on)
            if key in wanted:
                found[key].append(case)
        return found

    def _new_note(self, row: NewTenantRow) -> str:
        return "Ny sag: ny lejer."

    def _new_case(self, row: NewTenantRow, today: dt.date) -> NewCase:
        return new_case_of(row, kind=CaseKind.NEW_TENANT, opened_on=today)

    def _fill(self, row: NewTenantRow, new_rows: list[Base]) -> None:
        for item in new_rows:
            if isinstance(item, Tenancy):
                item.move_in_date = row.move_in_on
