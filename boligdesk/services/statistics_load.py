"""The thin loader of the statistics: a few column queries into the plain rows of
:mod:`boligdesk.reports.facts` (the counting itself is pure, in :mod:`boligdesk.reports.figures`)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Select, String, select, type_coerce
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


def _plain(conn: Connection, stmt: Select[Any]) -> Sequence[Any]:
    """``stmt``'s rows as the driver returns them, fetched at once: SQLAlchemy's per-row result
    processing (dates, enums, booleans) is most of the load time at 20,000 cases, so the loader converts
    the few values it needs itself (:class:`_Days`). The statement has no user input: literal binds."""
    sql = str(stmt.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True}))
    cursor = conn.connection.cursor()  # the session's own connection and transaction; plain tuples
    try:
        cursor.execute(sql)
        return cursor.fetchall()
    finally:
        cursor.close()


class _Days(dict[str, dt.date]):
    """Stored dates (``2026-01-15``; a date-time's first ten characters) as dates, each distinct text
    converted once: 20,000 cases over ten years share a few thousand days."""

    def __missing__(self, text: str) -> dt.date:
        day = self[text] = dt.date.fromisoformat(text[:10])
        return day

    def of(self, text: str | None) -> dt.date | None:
        return None if text is None else self[text]


def estate_names(session: Session) -> dict[str, str]:
    rows = session.execute(
        select(Estate.id, Estate.number, Estate.name).where(Estate.deleted.is_(False))
    ).all()
    named = {i: f"{n or ''} {name}".strip() for i, n, name in rows}
    return dict(sorted(named.items(), key=lambda kv: kv[1].casefold()))


def load_input(session: Session, progress: Progress | None = None) -> StatsInput:
    """Every live case, plan and entered count as plain rows."""
    conn = session.connection()  # plain driver rows: no row processing for 100,000 rows
    days = _Days()
    day_of = days.of
    kinds: dict[str, set[str]] = defaultdict(set)
    for case_id, kind in _plain(
        conn,
        select(CaseKindChange.case_id, _raw(CaseKindChange.kind)).where(CaseKindChange.deleted.is_(False)),
    ):
        kinds[case_id].add(kind or "")
    activities: dict[str, set[str]] = defaultdict(set)
    for case_id, group, value in _plain(
        conn,
        select(CaseTag.case_id, _raw(CaseTag.group), CaseTag.value).where(CaseTag.deleted.is_(False)),
    ):
        # Several case types at once: a case counts under each of its types (issue 16).
        (kinds if group == TagGroup.CASE_TYPE.value else activities)[case_id].add(value)
    reached: dict[str, list[dt.date]] = defaultdict(list)
    meetings: dict[str, list[dt.date]] = defaultdict(list)
    last_attempt: dict[str, dt.date] = {}
    meeting = ContactChannel.MEETING.value
    for case_id, at, channel, result in _plain(
        conn,
        select(
            ContactAttempt.case_id,
            ContactAttempt.at,
            _raw(ContactAttempt.channel),
            _raw(ContactAttempt.result),
        ).where(ContactAttempt.deleted.is_(False)),
    ):
        day = days[at]
        last = last_attempt.get(case_id)
        if last is None or day > last:
            last_attempt[case_id] = day
        if result in NOT_REACHED_RESULTS:
            continue
        reached[case_id].append(day)
        if channel == meeting:
            meetings[case_id].append(day)
    if progress is not None:
        progress.check()
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
    no_kinds: set[str] = set()
    kind_sets: dict[tuple[frozenset[str], str], frozenset[str]] = {}  # a handful, shared by all cases
    cases: list[CaseFact] = []
    row: Any
    for row in _plain(conn, stmt):
        (cid, number, estate, adviser, opened, closed, terminated, evicted, rescheduled, outcome, kind) = row[
            :11
        ]
        excluded, answer, covered, covered_by = row[11:]
        history = frozenset(kinds.get(cid, no_kinds))
        case_kinds = kind_sets.get((history, kind))
        if case_kinds is None:
            case_kinds = kind_sets[(history, kind)] = history | {kind or ""}
        cases.append(
            CaseFact(
                id=cid,
                number=number,
                estate_id=estate,
                adviser_id=adviser,
                opened_on=days[opened],
                closed_on=day_of(closed),
                termination_on=day_of(terminated),
                eviction_on=day_of(rescheduled or evicted),
                outcome=outcome,
                kinds=case_kinds,
                excluded=excluded,
                advice_answer=answer,
                arrears_covered=None if covered is None else bool(covered),
                arrears_covered_by=covered_by,
                activities=frozenset(activities.get(cid, no_kinds)),
                reached_on=tuple(reached.get(cid, ())),
                meetings_on=tuple(meetings.get(cid, ())),
                last_attempt_on=last_attempt.get(cid),
            )
        )
    plans = tuple(
        PlanFact(pid, case_id, previous, status or "", day_of(agreed), days[start])
        for pid, case_id, previous, status, agreed, start in _plain(
            conn,
            select(
                RepaymentPlan.id,
                RepaymentPlan.case_id,
                RepaymentPlan.previous_id,
                _raw(RepaymentPlan.status),
                RepaymentPlan.agreed_on,
                RepaymentPlan.start_on,
            ).where(RepaymentPlan.deleted.is_(False)),
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
