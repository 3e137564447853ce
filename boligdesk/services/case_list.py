"""The case register as plain rows: one query for all cases, built by ``case_list_rows.RowBuilder``.

The UI's list and ``boligdesk cases`` both use ``desk.case_list.rows()``. Search matches case-insensitively
on case number, tenant name, address, tenancy number and phone (:meth:`CaseRow.matches`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, CompoundSelect, Integer, Select, cast, null, select, union_all

from boligdesk.budget.vocabulary import PlanStatus
from boligdesk.models import (
    Adviser,
    Case,
    Estate,
    FollowUp,
    Instalment,
    Payment,
    Person,
    RepaymentPlan,
    Tenancy,
)
from boligdesk.models.schema_head import HEAD_REVISION
from boligdesk.services.case_list_rows import (
    CaseRow,
    FirstList,
    RowBuilder,
    follow_ups_by_case,
    instalment_deadlines,
    instalment_horizon,
    search_case_rows,
)
from boligdesk.services.plan_loading import plans_in_force

__all__ = ["CaseListService", "CaseRow", "search_case_rows", "warm_up"]

if TYPE_CHECKING:
    from boligdesk.services.desk import Desk

#: Rows fetched from the database at a time: the whole result is never held as SQLAlchemy rows beside the
#: list being built (with 20,000 cases that was ~20 MiB more resident memory, kept after the load).
_BATCH = 2000


def _statements() -> tuple[Select[*tuple[Any, ...]], Select[str, dt.date]]:
    """The list's query (one row per live case) and the open follow-ups' (the deadlines need them)."""
    # Plain columns, not ORM entities: ten times less work per row with 20,000 cases. The columns are
    # case_list_rows.COLUMNS in order; case_list_rows.CASE_LIST_SQL is this query for the driver alone.
    stmt = (
        select(
            Case.id,
            Case.number,
            Case.kind,
            Case.phase,
            Case.arrears,
            Case.adviser_id,
            Case.closed_on,
            Case.reminder_sent_on,
            Case.reminder_received_on,
            Case.termination_on,
            Case.bailiff_request_on,
            Case.hearing_on,
            Case.eviction_on,
            Case.rescheduled_eviction_on,
            Case.withdrawn_on,
            Case.arrears_covered,
            Person.first_name,
            Person.last_name,
            Person.phone,
            Tenancy.address_line,
            Tenancy.postcode,
            Tenancy.city,
            Tenancy.tenancy_number,
            Estate.id,
            Estate.number,
            Estate.name,
            Adviser.name,
        )
        .join(Person, Case.tenant_id == Person.id)
        .outerjoin(Tenancy, Case.tenancy_id == Tenancy.id)
        .outerjoin(Estate, Tenancy.estate_id == Estate.id)
        .outerjoin(Adviser, Case.adviser_id == Adviser.id)
        .where(Case.deleted.is_(False))
        .order_by(Case.number.desc())
    )
    follow_up_stmt = select(FollowUp.case_id, FollowUp.due_on).where(
        FollowUp.deleted.is_(False), FollowUp.done_on.is_(None)
    )
    return stmt, follow_up_stmt


def _instalments(case_ids: Sequence[str] | None, today: dt.date) -> CompoundSelect[Any]:
    """The active plans' instalments and payments in one query, as ``case_list_rows.INSTALMENTS_SQL``:
    ``(case_id, plan_id, seq, day, amount)``, ``seq`` NULL for a payment."""
    plan_live: list[ColumnElement[bool]] = [
        RepaymentPlan.deleted.is_(False),
        RepaymentPlan.status == PlanStatus.ACTIVE,
    ]
    if case_ids is not None:
        plan_live.append(RepaymentPlan.case_id.in_(list(case_ids)))
    planned = (
        select(RepaymentPlan.case_id, RepaymentPlan.id, Instalment.seq, Instalment.due_on, Instalment.amount)
        .join(RepaymentPlan, Instalment.plan_id == RepaymentPlan.id)
        .where(Instalment.deleted.is_(False), Instalment.due_on <= instalment_horizon(today), *plan_live)
    )
    paid = (
        select(
            RepaymentPlan.case_id, RepaymentPlan.id, cast(null(), Integer), Payment.paid_on, Payment.amount
        )
        .join(RepaymentPlan, Payment.plan_id == RepaymentPlan.id)
        .where(Payment.deleted.is_(False), Payment.paid_on <= today, *plan_live)
    )
    return union_all(planned, paid)


def warm_up() -> None:
    """Do the first list's one-time work ahead, off the GUI thread (``ui/lock/session.py`` calls it while
    the user types the passphrase): map the models, compile the list's queries once (SQLAlchemy keeps
    what it works out about the tables and columns). The public holidays need no warming: they are
    computed by rule (``budget/calendar.py``, decisions §35), no longer imported from a package."""
    from sqlalchemy.dialects import sqlite
    from sqlalchemy.orm import configure_mappers

    configure_mappers()
    dialect = sqlite.dialect()
    for statement in _statements():
        statement.compile(dialect=dialect)


class CaseListService:
    """``desk.case_list``: the case register as rows, next deadlines as of the desk's today."""

    def __init__(self, desk: Desk) -> None:
        self._desk = desk

    def rows(self, case_ids: Sequence[str] | None = None) -> list[CaseRow]:
        """All live cases (or just ``case_ids``), newest number first."""
        today = self._desk.today()
        with self._desk.reading() as s:
            stmt, follow_up_stmt = _statements()
            if case_ids is not None:
                stmt = stmt.where(Case.id.in_(list(case_ids)))
                follow_up_stmt = follow_up_stmt.where(FollowUp.case_id.in_(list(case_ids)))
            follow_ups = follow_ups_by_case(s.execute(follow_up_stmt.execution_options(yield_per=_BATCH)))
            # The one row rule (deadline, texts, shared copies) is case_list_rows.RowBuilder's.
            plans = plans_in_force(s, case_ids)
            instalments = instalment_deadlines(s.execute(_instalments(case_ids, today)), today)
            return RowBuilder(today, follow_ups, plans, instalments).rows(
                s.execute(stmt.execution_options(yield_per=_BATCH))
            )

    def still_current(self, first: FirstList) -> bool:
        """The list read ahead at start-up (``case_list_rows.read_first_list``) still holds: read from the
        schema the store has now (not migrated since) and for the desk's today."""
        return first.revision == HEAD_REVISION and first.today == self._desk.today()
