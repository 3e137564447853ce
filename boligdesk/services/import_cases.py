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

import datetime as dt
from collections import defaultdict
from collections.abc import Hashable, Sequence

from sqlalchemy.orm import Session

from boligdesk.importers.caseload import CASELOAD, CaseloadRow
from boligdesk.importers.headers import normalise
from boligdesk.importers.pipeline import tenancy_key
from boligdesk.models import Case
from boligdesk.services.advisers import ensure_adviser
from boligdesk.services.cases import NewCase, new_case_history
from boligdesk.services.import_pipeline import (
    FileImportService,
    KnownCase,
    known_cases,
    new_case_of,
)
from boligdesk.services.journal import journal_note

IMPORT_ENTITY = "caseload"
ARREARS_TEXT = "Restance ved overførsel til BoligDesk"
NOTE_HEADING = "Noter overført fra det tidligere sagsark:"


class CaseImportService(FileImportService[CaseloadRow]):
    """``desk.case_imports``: the team's open cases, previewed and then applied."""

    ENTITY = IMPORT_ENTITY
    ROW = CaseloadRow
    ARREARS_TEXT = ARREARS_TEXT
    SPEC = CASELOAD
    ALREADY = "Sagen findes allerede som åben sag {number}; rækken importeres ikke."

    def _key(self, row: CaseloadRow) -> Hashable:
        return row.key

    def _known(self, session: Session, rows: Sequence[CaseloadRow]) -> dict[Hashable, list[KnownCase]]:
        """The open cases by both keys a row may have: estate and tenancy number, and name and address."""
        wanted = {r.key for r in rows}
        if not wanted:
            return {}
        found: dict[Hashable, list[KnownCase]] = defaultdict(list)
        for case in known_cases(session, open_only=True):
            keys = [(normalise(case.tenant_name), normalise(case.address_line))]
            if case.tenancy_number:
                keys.append((case.estate_id or "", tenancy_key(case.tenancy_number)))
            for key in keys:
                if key in wanted:
                    found[key].append(case)
        return found

    def _new_note(self, row: CaseloadRow) -> str:
        return f"Ny sag: {row.kind.label.lower()}."

    def _count(self, row: CaseloadRow, today: dt.date) -> int:
        return 1 if row.termination_on and row.termination_on.year == today.year else 0

    def _new_case(self, row: CaseloadRow, today: dt.date) -> NewCase:
        return new_case_of(row, kind=row.kind, opened_on=row.opened_on or today)

    def _case_options(self, row: CaseloadRow, session: Session, adviser_id: str | None) -> dict[str, object]:
        """The sheet's own adviser wins over "assign to me"."""
        return {"adviser_id": ensure_adviser(session, row.adviser) if row.adviser else adviser_id}

    def _add_details(self, session: Session, case: Case, row: CaseloadRow, actor: str) -> None:
        session.add_all(new_case_history(case, arrears_text=ARREARS_TEXT, actor=actor))
        if row.notes:
            session.add(journal_note(case.id, actor, f"{NOTE_HEADING}\n{row.notes}"))
