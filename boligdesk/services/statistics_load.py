"""The thin loader of the statistics: a few column queries into the plain rows of
:mod:`boligdesk.reports.facts` (the counting itself is pure, in :mod:`boligdesk.reports.figures`)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from sqlalchemy import String, select, type_coerce
from sqlalchemy.orm import Session

from boligdesk.budget.contact_process import NOT_REACHED_RESULTS
from boligdesk.budget.cooperation import TagGroup
from boligdesk.budget.vocabulary import ContactChannel
from boligdesk.models import (
    Adviser,
    Case,
    CaseKindChange,
    CaseTag,
    ContactAttempt,
    Estate,
    RepaymentPlan,
    StatBaseline,
    Tenancy,
)
from boligdesk.reports.facts import BaselineFact, CaseFact, PlanFact, StatsInput
from boligdesk.services.progress import Progress


def _raw(column: Any) -> Any:
    """The column's stored code string, without turning it into an enum and back (3× faster here)."""
    return type_coerce(column, String())


def _code(value: object) -> str | None:
    return None if value is None else str(getattr(value, "value", value))


def estate_names(session: Session) -> dict[str, str]:
    rows = session.execute(
        select(Estate.id, Estate.number, Estate.name).where(Estate.deleted.is_(False))
    ).all()
    named = {i: f"{n or ''} {name}".strip() for i, n, name in rows}
    return dict(sorted(named.items(), key=lambda kv: kv[1].casefold()))


def load_input(session: Session, progress: Progress | None = None) -> StatsInput:
    """Every live case, plan and entered count as plain rows."""
    conn = session.connection()  # Core rows: no ORM row processing for 100,000 rows
    kinds: dict[str, set[str]] = defaultdict(set)
    for case_id, kind in conn.execute(
        select(CaseKindChange.case_id, _raw(CaseKindChange.kind)).where(CaseKindChange.deleted.is_(False))
    ):
        kinds[case_id].add(_code(kind) or "")
    activities: dict[str, set[str]] = defaultdict(set)
    for case_id, group, value in conn.execute(
        select(CaseTag.case_id, _raw(CaseTag.group), CaseTag.value).where(CaseTag.deleted.is_(False))
    ):
        # Several case types at once: a case counts under each of its types (issue 16).
        (kinds if _code(group) == TagGroup.CASE_TYPE.value else activities)[case_id].add(value)
    reached: dict[str, list[dt.date]] = defaultdict(list)
    meetings: dict[str, list[dt.date]] = defaultdict(list)
    last_attempt: dict[str, dt.date] = {}
    for case_id, at, channel, result in conn.execute(
        select(
            ContactAttempt.case_id, ContactAttempt.at, ContactAttempt.channel, ContactAttempt.result
        ).where(ContactAttempt.deleted.is_(False))
    ):
        day = at.date()
        if case_id not in last_attempt or day > last_attempt[case_id]:
            last_attempt[case_id] = day
        if _code(result) in NOT_REACHED_RESULTS:
            continue
        reached[case_id].append(day)
        if channel == ContactChannel.MEETING.value:
            meetings[case_id].append(day)
    if progress is not None:
        progress.check()
    cases: list[CaseFact] = []
    stmt = (
        select(
            Case.id,
            Case.number,
            Tenancy.estate_id,
            Case.adviser_id,
            Case.opened_on,
            Case.closed_on,
            Case.termination_on,
            Case.eviction_on,
            Case.rescheduled_eviction_on,
            _raw(Case.outcome),
            _raw(Case.kind),
            _raw(Case.stats_excluded),
            _raw(Case.advice_offer_answer),
            Case.arrears_covered,
            _raw(Case.arrears_covered_by),
        )
        .outerjoin(Tenancy, Case.tenancy_id == Tenancy.id)
        .where(Case.deleted.is_(False))
    )
    row: Any
    for row in conn.execute(stmt):
        (cid, number, estate, adviser, opened, closed, terminated, evicted, rescheduled, outcome, kind) = row[
            :11
        ]
        excluded, answer, covered, covered_by = row[11:]
        cases.append(
            CaseFact(
                id=cid,
                number=number,
                estate_id=estate,
                adviser_id=adviser,
                opened_on=opened,
                closed_on=closed,
                termination_on=terminated,
                eviction_on=rescheduled or evicted,
                outcome=_code(outcome),
                kinds=frozenset(kinds.get(cid, set()) | {_code(kind) or ""}),
                activities=frozenset(activities.get(cid, set())),
                excluded=_code(excluded),
                advice_answer=_code(answer),
                arrears_covered=covered,
                arrears_covered_by=_code(covered_by),
                reached_on=tuple(reached.get(cid, ())),
                meetings_on=tuple(meetings.get(cid, ())),
                last_attempt_on=last_attempt.get(cid),
            )
        )
    plans = tuple(
        PlanFact(pid, case_id, previous, _code(status) or "", agreed, start)
        for pid, case_id, previous, status, agreed, start in conn.execute(
            select(
                RepaymentPlan.id,
                RepaymentPlan.case_id,
                RepaymentPlan.previous_id,
                _raw(RepaymentPlan.status),
                RepaymentPlan.agreed_on,
                RepaymentPlan.start_on,
            ).where(RepaymentPlan.deleted.is_(False))
        )
    )
    baselines = tuple(
        BaselineFact(e, y, f, c, n)
        for e, y, f, c, n in conn.execute(
            select(
                StatBaseline.estate_id,
                StatBaseline.year,
                StatBaseline.figure,
                StatBaseline.count,
                StatBaseline.note,
            ).where(StatBaseline.deleted.is_(False))
        )
    )
    advisers = dict(conn.execute(select(Adviser.id, Adviser.name).where(Adviser.deleted.is_(False))).all())
    return StatsInput(
        cases=tuple(cases),
        plans=plans,
        baselines=baselines,
        estates=estate_names(session),
        advisers={str(k): str(v) for k, v in advisers.items()},
    )
