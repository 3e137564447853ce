"""Where a case's personal data lives, and what each column of it is (erasure and the access export).

* :data:`CASE_LINKS` says how the rows of every table belong to a case: a ``case_id`` column, a column
  of the case pointing at them (the tenant, the household, the tenancy), or a parent row that belongs to
  the case (a budget's lines, a plan's payments). :data:`NOT_ABOUT_A_CASE` names the tables that hold no
  case's data, each with the reason. ``tests/db/test_personal_data.py`` fails for a table in neither, so
  a table added later cannot be forgotten by erasure or by the citizen's access export.
* :func:`treatment` says what each column is. Columns in a field table (``services/fields.py``) follow
  its :class:`~boligdesk.services.fields.PersonalData` class; the other text columns are named in
  :data:`_TEXT_COLUMNS`. Dates, amounts, counts and picklists not named are facts the statistics keep.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import Enum as SAEnum
from sqlalchemy import LargeBinary, String, Text, select
from sqlalchemy.orm import Session

from boligdesk.models import (
    Application,
    ArrearsItem,
    AuditEvent,
    Budget,
    BudgetLine,
    Case,
    CaseCode,
    CaseContact,
    CaseKindChange,
    CaseTag,
    Consent,
    ContactAttempt,
    Course,
    CourseExtension,
    Document,
    Draft,
    EnvelopePlan,
    EnvelopeSpending,
    Erasure,
    FollowUp,
    GeneratedLetter,
    Household,
    HouseholdMember,
    Instalment,
    JournalNote,
    Payment,
    Person,
    Receipt,
    RepaymentPlan,
    Tenancy,
)
from boligdesk.models.base import SYNC_COLUMNS, Base
from boligdesk.services.fields import FieldTable, PersonalData


class Treatment(StrEnum):
    """What erasure does with a column, and how the access export marks it."""

    KEEP = "keep"  # a fact the statistics keep (estate, dates, amounts, counts, outcome, codes)
    BLANK = "blank"  # names or reaches the citizen: blanked on erasure
    TEXT = "text"  # written in someone's own words (or a letter's PDF): removed on erasure
    STAFF = "staff"  # the name of the adviser who did it: kept; the export lets the adviser redact it


@dataclass(frozen=True, slots=True)
class Link:
    """How rows of ``model`` belong to a case.

    ``kind``: ``"case"`` (the case row itself), ``"column"`` (the row has ``case_id``), ``"from_case"``
    (``Case.<via>`` holds the row's id), ``"parent"`` (``model.<via>`` is the id of a row of ``parent``).
    """

    model: type[Base]
    kind: str
    via: str = ""
    parent: type[Base] | None = None


CASE_LINKS: tuple[Link, ...] = (
    Link(Case, "case"),
    Link(Person, "from_case", "tenant_id"),
    Link(Household, "from_case", "household_id"),
    Link(HouseholdMember, "parent", "household_id", Household),
    Link(Tenancy, "from_case", "tenancy_id"),
    Link(CaseKindChange, "column", "case_id"),
    Link(CaseCode, "column", "case_id"),
    Link(ArrearsItem, "column", "case_id"),
    Link(ContactAttempt, "column", "case_id"),
    Link(JournalNote, "column", "case_id"),
    Link(FollowUp, "column", "case_id"),
    Link(Budget, "column", "case_id"),
    Link(BudgetLine, "parent", "budget_id", Budget),
    Link(Receipt, "column", "case_id"),
    Link(EnvelopePlan, "column", "case_id"),
    Link(EnvelopeSpending, "parent", "plan_id", EnvelopePlan),
    Link(RepaymentPlan, "column", "case_id"),
    Link(Instalment, "parent", "plan_id", RepaymentPlan),
    Link(Payment, "parent", "plan_id", RepaymentPlan),
    Link(GeneratedLetter, "column", "case_id"),
    Link(AuditEvent, "column", "case_id"),
    Link(Erasure, "column", "case_id"),
    Link(Draft, "column", "case_id"),
    Link(CaseContact, "column", "case_id"),
    Link(Consent, "column", "case_id"),
    Link(Application, "column", "case_id"),
    Link(Course, "column", "case_id"),
    Link(CourseExtension, "parent", "course_id", Course),
    Link(CaseTag, "column", "case_id"),
    Link(Document, "column", "case_id"),
)
"""Every table that holds a case's data, parents before children."""

NOT_ABOUT_A_CASE: dict[str, str] = {
    "advisers": "rådgiverne selv (personale), ikke borgeren",
    "housing_associations": "boligorganisationer (juridiske personer)",
    "estates": "afdelinger (ingen personer)",
    "settings": "organisationens indstillinger (brevhoved, opbevaring)",
    "device_info": "denne computers id og ur",
    "sync_peers": "synkroniseringens bogholderi (id'er og tal)",
    "sync_acks": "synkroniseringens bogholderi (id'er og tal)",
    "sync_losses": "accepterede tab af filer (id'er og tal)",
    "sync_conflicts": "konflikter; ryddes for en sag, når dens personoplysninger slettes",
    "sync_quarantine": "tilbageholdte ændringer; ryddes for en sag, når dens personoplysninger slettes",
    "alembic_version": "databasens skemaversion",
    "contacts": "teamets faglige kontakter (sagsbehandlere, bank, varmemester), ikke borgeren; en sag peger "
    "på dem gennem case_contacts, som hører til sagen",
    "rate_entries": "satser (officielle beløb med kilde), ingen personer",
    "stat_baselines": "indtastede optællinger pr. afdeling og år (kun tal)",
    "retired_laptops": "tilbagekaldte computere (id, årsag, hvem der gjorde det: personale)",
}
"""Tables without a case's data, and why (the test holds every other table to :data:`CASE_LINKS`)."""


def field_tables() -> tuple[FieldTable, ...]:
    from boligdesk.services.applications import APPLICATION_FIELDS
    from boligdesk.services.cases import CASE_FIELDS
    from boligdesk.services.consent import CONSENT_FIELDS
    from boligdesk.services.contacts import CASE_CONTACT_FIELDS
    from boligdesk.services.courses import COURSE_FIELDS, EXTENSION_FIELDS
    from boligdesk.services.household import MEMBER_FIELDS
    from boligdesk.services.tags import TAG_FIELDS
    from boligdesk.services.tenancy import TENANCY_FIELDS
    from boligdesk.services.tenant import TENANT_FIELDS

    return (
        CASE_FIELDS,
        MEMBER_FIELDS,
        TENANCY_FIELDS,
        TENANT_FIELDS,
        CASE_CONTACT_FIELDS,
        CONSENT_FIELDS,
        APPLICATION_FIELDS,
        COURSE_FIELDS,
        EXTENSION_FIELDS,
        TAG_FIELDS,
    )


_FROM_CLASS = {
    PersonalData.PLAIN: Treatment.KEEP,
    PersonalData.DERIVED: Treatment.KEEP,
    PersonalData.IDENTIFYING: Treatment.BLANK,
    PersonalData.FREE_TEXT: Treatment.TEXT,
}

_TEXT_COLUMNS: dict[str, dict[str, Treatment]] = {
    "persons": {"birth_date": Treatment.BLANK},
    "cases": {"number": Treatment.KEEP, "move_out_cause": Treatment.KEEP},
    "case_kind_changes": {"changed_by": Treatment.STAFF},
    "case_codes": {"category": Treatment.KEEP, "code": Treatment.KEEP, "qualifier": Treatment.KEEP},
    "arrears_items": {"text": Treatment.TEXT},
    "contact_attempts": {"note": Treatment.TEXT, "by": Treatment.STAFF},
    "journal_notes": {"text": Treatment.TEXT, "author": Treatment.STAFF},
    "follow_ups": {"text": Treatment.TEXT},
    "budgets": {"title": Treatment.TEXT, "note": Treatment.TEXT, "made_by": Treatment.STAFF},
    "budget_lines": {"category": Treatment.KEEP, "text": Treatment.TEXT, "note": Treatment.TEXT},
    "receipts": {"category": Treatment.KEEP, "text": Treatment.TEXT},
    "envelope_spendings": {"note": Treatment.TEXT},
    "repayment_plans": {"assessment": Treatment.TEXT, "made_by": Treatment.STAFF},
    "payments": {"note": Treatment.TEXT, "registered_by": Treatment.STAFF},
    "generated_letters": {
        "template": Treatment.KEEP,
        "title": Treatment.TEXT,
        "made_by": Treatment.STAFF,
        "sha256": Treatment.KEEP,
        "body_text": Treatment.TEXT,
        "pdf": Treatment.TEXT,
    },
    "audit_events": {
        "actor": Treatment.STAFF,
        "device": Treatment.KEEP,
        "entity": Treatment.KEEP,
        "entity_id": Treatment.KEEP,
        "detail": Treatment.KEEP,
        "case_id": Treatment.KEEP,
    },
    "applications": {"sent_to": Treatment.STAFF},
    "documents": {
        "title": Treatment.TEXT,
        "file_name": Treatment.BLANK,
        "media_type": Treatment.KEEP,
        "sha256": Treatment.KEEP,
        "added_by": Treatment.STAFF,
        "content": Treatment.TEXT,
    },
    "erasures": {"case_id": Treatment.KEEP, "erased_by": Treatment.STAFF, "reason": Treatment.KEEP},
    "drafts": {
        "kind": Treatment.KEEP,
        "case_id": Treatment.KEEP,
        "slot": Treatment.KEEP,
        "content": Treatment.TEXT,
    },
}

#: What an erased text says where the column cannot be empty in the lists (a name).
ERASED_NAME = "(anonymiseret)"
_ERASED_VALUE: dict[tuple[str, str], str] = {
    ("persons", "first_name"): ERASED_NAME,
    ("household_members", "name"): ERASED_NAME,
}


def is_text(column: Any) -> bool:
    return isinstance(column.type, String | Text | LargeBinary) and not isinstance(column.type, SAEnum)


def treatments(model: type[Base]) -> dict[str, Treatment]:
    """``{column: treatment}`` for every data column of ``model`` (not the sync columns).

    A text column that is neither in a field table nor in :data:`_TEXT_COLUMNS` (nor a foreign key) is
    missing here, which the test reports: someone must decide what it is.
    """
    table: Any = model.__table__
    from_fields: dict[str, Treatment] = {}
    for ft in field_tables():
        if ft.table == table.name:
            from_fields = {f.name: _FROM_CLASS[f.pd] for f in ft}
    named = _TEXT_COLUMNS.get(table.name, {})
    result: dict[str, Treatment] = {}
    for column in table.columns:
        if column.name in SYNC_COLUMNS:
            continue
        if column.name in named:
            result[column.name] = named[column.name]
        elif column.name in from_fields:
            result[column.name] = from_fields[column.name]
        elif column.foreign_keys or not is_text(column):
            result[column.name] = Treatment.KEEP
    return result


def erased_value(model: type[Base], name: str) -> Any:
    """The value a blanked or removed column holds after erasure."""
    table: Any = model.__table__
    column = table.columns[name]
    if (table.name, name) in _ERASED_VALUE:
        return _ERASED_VALUE[(table.name, name)]
    if isinstance(column.type, LargeBinary) or not is_text(column):
        return None
    return ""


def erasable(model: type[Base]) -> dict[str, Any]:
    """``{column: erased value}`` of the columns erasure blanks or removes in ``model``."""
    return {
        name: erased_value(model, name)
        for name, t in treatments(model).items()
        if t in (Treatment.BLANK, Treatment.TEXT)
    }


# --- finding a case's rows --------------------------------------------------------------------------


def case_row_ids(session: Session, case_ids: Iterable[str]) -> dict[type[Base], dict[str, set[str]]]:
    """``{model: {row id: {case ids it belongs to}}}`` for every row (tombstones included) of the cases.

    A person, household or tenancy may belong to other cases as well; :func:`shared_elsewhere` tells.
    """
    wanted = sorted(set(case_ids))
    found: dict[type[Base], dict[str, set[str]]] = {}
    if not wanted:
        return {}
    case_rows = session.execute(
        select(Case.id, Case.tenant_id, Case.household_id, Case.tenancy_id).where(Case.id.in_(wanted))
    ).all()
    for link in CASE_LINKS:
        rows: dict[str, set[str]] = defaultdict(set)
        model: Any = link.model
        if link.kind == "case":
            for r in case_rows:
                rows[r.id].add(r.id)
        elif link.kind == "from_case":
            for r in case_rows:
                target = getattr(r, link.via)
                if target:
                    rows[target].add(r.id)
        elif model is Draft:
            continue  # local drafts have no id of their own: erasure and the export read them by case
        elif link.kind == "column":
            for row_id, case_id in session.execute(
                select(model.id, model.case_id).where(model.case_id.in_(wanted))
            ):
                rows[row_id].add(case_id)
        else:
            assert link.parent is not None
            parents = found[link.parent]
            if parents:
                column = getattr(model, link.via)
                for row_id, parent_id in session.execute(
                    select(model.id, column).where(column.in_(sorted(parents)))
                ):
                    rows[row_id] |= parents[parent_id]
        found[link.model] = dict(rows)
    return found


def shared_elsewhere(
    session: Session, model: type[Base], row_ids: Iterable[str], cases: set[str]
) -> set[str]:
    """The ids among ``row_ids`` (persons, households, tenancies) that other cases than ``cases`` use."""
    via = {Person: Case.tenant_id, Household: Case.household_id, Tenancy: Case.tenancy_id}.get(model)
    ids = sorted(set(row_ids))
    if via is None or not ids:
        return set()
    return set(session.scalars(select(via).where(via.in_(ids), Case.id.not_in(sorted(cases))).distinct()))


def links_by_model() -> Mapping[type[Base], Link]:
    return {link.model: link for link in CASE_LINKS}
