"""The thin loader of the statistics: a few column queries into the plain rows of
:mod:`boligdesk.reports.facts` (the counting itself is pure, in :mod:`boligdesk.reports.figures`)."""

from __future__ import annotations

import datetime as dt
import gc
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from operator import attrgetter
from typing import Any

from sqlalchemy import Connection, Select, String, select, type_coerce
from sqlalchemy.orm import Session

from boligdesk.budget.contact_process import NOT_REACHED_RESULTS
from boligdesk.budget.cooperation import TagGroup
from boligdesk.budget.vocabulary import ContactChannel
from boligdesk.models import (
    Adviser,
    Application,
    Case,
    CaseKindChange,
    CaseTag,
    ContactAttempt,
    Course,
    Estate,
    RepaymentPlan,
    StatBaseline,
    Tenancy,
)
from boligdesk.reports.facts import (
    ApplicationFact,
    BaselineFact,
    CaseFact,
    CourseFact,
    PlanFact,
    StatsInput,
)
from boligdesk.services.progress import Progress

_ID = attrgetter("id")


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


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while the statistics are loaded and counted.

    Loading and counting 20,000 cases makes some 300,000 short-lived rows, tuples and lists; each 700
    new containers start a collection, and the older generations are walked again and again — a third
    of the load time and a quarter of the counting (issue 15, §38). Nothing here makes reference
    cycles, so reference counting frees it all as before; the collector runs again at the end. It is
    process-wide: a report on a worker pauses it for the GUI thread too, for that half second. A report
    running beside another only re-enables what was enabled when it started."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


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
    case_type = TagGroup.CASE_TYPE.value  # read once: an enum's ``.value`` per row is a descriptor call
    for case_id, group, value in _plain(
        conn,
        select(CaseTag.case_id, _raw(CaseTag.group), CaseTag.value).where(CaseTag.deleted.is_(False)),
    ):
        # Several case types at once: a case counts under each of its types (issue 16).
        (kinds if group == case_type else activities)[case_id].add(value)
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
        day = days[at[:10]]  # a time of day makes nearly every text distinct; the day is what counts
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
    # The sets of kinds and of activities are few (a handful of combinations) and shared by all cases.
    no_tags: frozenset[str] = frozenset()
    kind_sets: dict[tuple[frozenset[str], str], frozenset[str]] = {}
    shared: dict[frozenset[str], frozenset[str]] = {}

    def frozen(found: set[str]) -> frozenset[str]:
        tags = frozenset(found)
        return shared.setdefault(tags, tags)

    activity_of = {case_id: frozen(found) for case_id, found in activities.items()}.get
    kinds_of = {case_id: frozen(found) for case_id, found in kinds.items()}.get
    reached_of, meetings_of, last_of = reached.get, meetings.get, last_attempt.get
    cases: list[CaseFact] = []
    append = cases.append
    for (
        cid,
        number,
        estate,
        adviser,
        opened,
        closed,
        terminated,
        evicted,
        rescheduled,
        outcome,
        kind,
        excluded,
        answer,
        covered,
        covered_by,
    ) in _plain(conn, stmt):
        history = kinds_of(cid, no_tags)
        case_kinds = kind_sets.get((history, kind))
        if case_kinds is None:
            case_kinds = kind_sets[(history, kind)] = history | {kind or ""}
        reached_on = reached_of(cid)
        meetings_on = meetings_of(cid)
        append(
            CaseFact(  # positional: the field order of CaseFact (keywords cost a third of this loop)
                cid,
                number,
                estate,
                adviser,
                days[opened],
                None if closed is None else days[closed],
                None if terminated is None else days[terminated],
                day_of(rescheduled or evicted),
                outcome,
                case_kinds,
                activity_of(cid, no_tags),
                excluded,
                answer,
                None if covered is None else bool(covered),
                covered_by,
                () if reached_on is None else tuple(reached_on),
                () if meetings_on is None else tuple(meetings_on),
                last_of(cid),
            )
        )
    cases.sort(key=_ID)  # in the order of their ids: the report's cells list them so (one linear pass)
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
    live = {c.id for c in cases}  # courses and applications of live cases only
    courses = tuple(
        CourseFact(cid, case_id, method or "", days[started], day_of(ended))
        for cid, case_id, method, started, ended in _plain(
            conn,
            select(Course.id, Course.case_id, _raw(Course.method), Course.started_on, Course.ended_on).where(
                Course.deleted.is_(False)
            ),
        )
        if case_id in live
    )
    applications = tuple(
        ApplicationFact(aid, case_id, kind or "", days[sent], decision or "")
        for aid, case_id, kind, sent, decision in _plain(
            conn,
            select(
                Application.id,
                Application.case_id,
                _raw(Application.kind),
                Application.sent_on,
                _raw(Application.decision),
            ).where(Application.deleted.is_(False)),
        )
        if case_id in live
    )
    advisers = dict(conn.execute(select(Adviser.id, Adviser.name).where(Adviser.deleted.is_(False))).all())
    return StatsInput(
        cases=tuple(cases),
        plans=plans,
        baselines=baselines,
        estates=estate_names(session),
        advisers={str(k): str(v) for k, v in advisers.items()},
        courses=courses,
        applications=applications,
    )
