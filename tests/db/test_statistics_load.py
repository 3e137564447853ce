"""The fast statistics loader reads the same facts as the obvious reading through the ORM.

``statistics_load.load_input`` reads plain driver tuples, converts dates itself and groups child rows by
hand (issue 15, §33 and §38). Here a slow, plain reference — one ORM case at a time, the rules written
out as the definitions say — reads a store with the awkward cases (reopened, husorden, December
termination with January eviction, no estate, erased, deleted, renegotiated plan, attempts with a time
of day) and both must give the same facts and the same report.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from operator import attrgetter

from sqlalchemy import select

from boligdesk.budget.contact_process import is_reached
from boligdesk.budget.cooperation import ActivityTag, ApplicationKind, CourseMethod, TagGroup
from boligdesk.budget.vocabulary import (
    AdviceOfferAnswer,
    ArrearsCoveredBy,
    CaseKind,
    ContactChannel,
    ContactResult,
    Outcome,
    PlanStatus,
    StatsExclusion,
)
from boligdesk.models import (
    Adviser,
    Application,
    Case,
    CaseKindChange,
    CaseTag,
    ContactAttempt,
    Course,
    RepaymentPlan,
    StatBaseline,
    Tenancy,
)
from boligdesk.models.store import Store
from boligdesk.reports.facts import (
    ApplicationFact,
    BaselineFact,
    CaseFact,
    CourseFact,
    PlanFact,
    StatsInput,
)
from boligdesk.reports.figures import build_report
from boligdesk.services.statistics_load import estate_names, gc_paused, load_input
from tests.db.case_samples import make_estate, new_case
from tests.db.case_setup import desk

TODAY = dt.date(2026, 3, 10)
_ID = attrgetter("id")


def _code(value: object) -> str | None:
    return None if value is None else str(getattr(value, "value", value))


def reference_input(store: Store) -> StatsInput:
    """The facts read the plain way: ORM entities, one case at a time (slow, obviously right)."""
    with store.session() as s:
        cases = []
        live_ids = set()
        for c in s.scalars(select(Case).where(Case.deleted.is_(False))):
            live_ids.add(c.id)
            history = s.scalars(
                select(CaseKindChange).where(
                    CaseKindChange.case_id == c.id, CaseKindChange.deleted.is_(False)
                )
            ).all()
            tags = s.scalars(select(CaseTag).where(CaseTag.case_id == c.id, CaseTag.deleted.is_(False))).all()
            kinds = {_code(k.kind) or "" for k in history} | {_code(c.kind) or ""}
            kinds |= {t.value for t in tags if t.group == TagGroup.CASE_TYPE}
            attempts = s.scalars(
                select(ContactAttempt).where(
                    ContactAttempt.case_id == c.id, ContactAttempt.deleted.is_(False)
                )
            ).all()
            reached = [a for a in attempts if is_reached(str(_code(a.result)))]
            tenancy = s.get(Tenancy, c.tenancy_id) if c.tenancy_id else None
            cases.append(
                CaseFact(
                    id=c.id,
                    number=c.number,
                    estate_id=tenancy.estate_id if tenancy is not None else None,
                    adviser_id=c.adviser_id,
                    opened_on=c.opened_on,
                    closed_on=c.closed_on,
                    termination_on=c.termination_on,
                    eviction_on=c.rescheduled_eviction_on or c.eviction_on,
                    outcome=_code(c.outcome),
                    kinds=frozenset(kinds),
                    activities=frozenset(t.value for t in tags if t.group == TagGroup.ACTIVITY),
                    excluded=_code(c.stats_excluded),
                    advice_answer=_code(c.advice_offer_answer),
                    arrears_covered=c.arrears_covered,
                    arrears_covered_by=_code(c.arrears_covered_by),
                    reached_on=tuple(sorted(a.at.date() for a in reached)),
                    meetings_on=tuple(
                        sorted(a.at.date() for a in reached if a.channel == ContactChannel.MEETING)
                    ),
                    last_attempt_on=max((a.at.date() for a in attempts), default=None),
                )
            )
        plans = [
            PlanFact(p.id, p.case_id, p.previous_id, str(_code(p.status)), p.agreed_on, p.start_on)
            for p in s.scalars(select(RepaymentPlan).where(RepaymentPlan.deleted.is_(False)))
        ]
        courses = [
            CourseFact(k.id, k.case_id, str(_code(k.method)), k.started_on, k.ended_on)
            for k in s.scalars(select(Course).where(Course.deleted.is_(False)))
            if k.case_id in live_ids
        ]
        applications = [
            ApplicationFact(a.id, a.case_id, str(_code(a.kind)), a.sent_on, str(_code(a.decision)))
            for a in s.scalars(select(Application).where(Application.deleted.is_(False)))
            if a.case_id in live_ids
        ]
        baselines = [
            BaselineFact(b.estate_id, b.year, b.figure, b.count, b.note)
            for b in s.scalars(select(StatBaseline).where(StatBaseline.deleted.is_(False)))
        ]
        advisers = {a.id: a.name for a in s.scalars(select(Adviser).where(Adviser.deleted.is_(False)))}
        return StatsInput(
            cases=tuple(sorted(cases, key=_ID)),
            plans=tuple(sorted(plans, key=_ID)),
            baselines=tuple(sorted(baselines, key=lambda b: (b.estate_id, b.year, b.figure))),
            estates=estate_names(s),
            advisers=advisers,
            courses=tuple(sorted(courses, key=_ID)),
            applications=tuple(sorted(applications, key=_ID)),
        )


def normalised(data: StatsInput) -> StatsInput:
    """Rows in id order and each case's dates sorted: the order rows come in is not a fact."""
    cases = sorted(
        (
            replace(c, reached_on=tuple(sorted(c.reached_on)), meetings_on=tuple(sorted(c.meetings_on)))
            for c in data.cases
        ),
        key=_ID,
    )
    return StatsInput(
        cases=tuple(cases),
        plans=tuple(sorted(data.plans, key=_ID)),
        baselines=tuple(sorted(data.baselines, key=lambda b: (b.estate_id, b.year, b.figure))),
        estates=data.estates,
        advisers=data.advisers,
        courses=tuple(sorted(data.courses, key=_ID)),
        applications=tuple(sorted(data.applications, key=_ID)),
    )


def set_case(store: Store, case_id: str, **fields: object) -> None:
    with store.session() as s:
        case = s.get(Case, case_id)
        assert case is not None
        for name, value in fields.items():
            setattr(case, name, value)


def attempt(
    store: Store, case_id: str, at: dt.datetime, channel: ContactChannel, result: ContactResult
) -> None:
    with store.session() as s:
        s.add(ContactAttempt(case_id=case_id, at=at, channel=channel, result=result))


def tricky_store(store: Store) -> dict[str, str]:
    """The awkward cases, each made the way the app makes it where a service does it."""
    engparken = make_estate(store)
    nordkysten = make_estate(store, number="7", name="Nordkysten")
    d = desk(store, TODAY)
    d.statistics.set_baseline(engparken, 2024, "evicted", 5, "Optalt fra udlejers liste")
    ids: dict[str, str] = {}

    # Reopened: evicted and closed, reopened (outcome and closing cleared), then closed as a move-out.
    ids["reopened"] = cid = new_case(store, estate_id=engparken, termination_on=dt.date(2025, 3, 1))
    set_case(
        store, cid, outcome=Outcome.EVICTED, closed_on=dt.date(2025, 6, 1), eviction_on=dt.date(2025, 6, 1)
    )
    d.closing.reopen(cid)
    set_case(store, cid, outcome=Outcome.MOVED_OUT, closed_on=dt.date(2025, 9, 1))
    with store.session() as s:
        first = RepaymentPlan(
            case_id=cid,
            status=PlanStatus.SUPERSEDED,
            start_on=dt.date(2025, 4, 1),
            agreed_on=dt.date(2025, 3, 20),
        )
        s.add(first)
        s.flush()
        s.add(
            RepaymentPlan(
                case_id=cid,
                version=2,
                previous_id=first.id,
                status=PlanStatus.BROKEN,
                start_on=dt.date(2025, 6, 1),
                agreed_on=None,
            )
        )
    d.courses.start(cid, method=CourseMethod.CTI, planned_months=9, started_on=dt.date(2025, 3, 5))
    d.applications.add(cid, kind=ApplicationKind.HOUSING_COSTS_ARREARS, sent_on=dt.date(2025, 3, 6))

    # Husorden: left out of the eviction figures; the new tenant's answer and who covered the arrears.
    ids["husorden"] = cid = new_case(store, estate_id=nordkysten, termination_on=dt.date(2025, 5, 2))
    d.statistics.set_registration(cid, "stats_excluded", StatsExclusion.HOUSE_RULES)
    d.statistics.set_registration(cid, "advice_offer_answer", AdviceOfferAnswer.ACCEPTED)
    d.statistics.set_registration(cid, "arrears_covered_by", ArrearsCoveredBy.MUNICIPALITY)

    # Terminated in December, evicted in January (rescheduled): two years; attempts at a time of day.
    ids["december"] = cid = new_case(store, estate_id=engparken, termination_on=dt.date(2025, 12, 15))
    set_case(
        store,
        cid,
        outcome=Outcome.EVICTED,
        eviction_on=dt.date(2026, 1, 10),
        rescheduled_eviction_on=dt.date(2026, 1, 20),
        closed_on=dt.date(2026, 1, 20),
        arrears_covered=False,
    )
    attempt(store, cid, dt.datetime(2025, 12, 16, 9, 30), ContactChannel.PHONE, ContactResult.NO_ANSWER)
    attempt(store, cid, dt.datetime(2025, 12, 17, 14, 5), ContactChannel.MEETING, ContactResult.REACHED)
    attempt(store, cid, dt.datetime(2025, 12, 31, 23, 59), ContactChannel.PHONE, ContactResult.REACHED)
    attempt(store, cid, dt.datetime(2026, 1, 2, 8, 0), ContactChannel.SMS, ContactResult.SENT)
    with store.session() as s:
        s.add(RepaymentPlan(case_id=cid, status=PlanStatus.DRAFT, start_on=dt.date(2026, 2, 1)))

    # No estate: a new tenant whose kind changed, with a case type and activities tagged.
    ids["no_estate"] = cid = new_case(store, estate_id=None, opened_on=dt.date(2026, 1, 4))
    d.cases.set_kind(cid, CaseKind.NEW_TENANT)
    d.tags.set(cid, TagGroup.CASE_TYPE, [CaseKind.EVICTION_THREAT.value])
    d.tags.set(cid, TagGroup.ACTIVITY, [ActivityTag.ADVICE.value, ActivityTag.COORDINATION.value])
    d.tags.set(cid, TagGroup.ACTIVITY, [ActivityTag.ADVICE.value])  # coordination removed again (a tombstone)

    # Erased: closed, then anonymised; it still counts in the figures.
    ids["erased"] = cid = new_case(store, estate_id=nordkysten, termination_on=dt.date(2024, 8, 1))
    set_case(store, cid, outcome=Outcome.ARREARS_PAID, closed_on=dt.date(2024, 10, 1), arrears_covered=True)
    attempt(store, cid, dt.datetime(2024, 8, 2, 10, 0), ContactChannel.PHONE, ContactResult.REACHED)
    d.erasure.erase([cid])

    # Deleted: no fact, and its course and application are not loaded either.
    ids["deleted"] = cid = new_case(store, estate_id=engparken, termination_on=dt.date(2025, 2, 2))
    d.courses.start(cid, method=CourseMethod.CTI, planned_months=3, started_on=dt.date(2025, 2, 5))
    d.applications.add(cid, kind=ApplicationKind.HOUSING_COSTS_ARREARS, sent_on=dt.date(2025, 2, 6))
    set_case(store, cid, deleted=True)
    return ids


def test_the_fast_loader_reads_the_same_facts_as_the_plain_orm_reading(store: Store) -> None:
    ids = tricky_store(store)
    with store.session() as s, gc_paused():
        fast = load_input(s)
    expected = reference_input(store)

    assert normalised(fast) == expected
    by_id = {c.id: c for c in fast.cases}
    # The facts the definitions turn on, spelled out, so a wrong reference cannot hide a wrong loader.
    assert ids["deleted"] not in by_id and len(fast.cases) == 5
    assert by_id[ids["reopened"]].outcome == "moved_out"
    assert by_id[ids["reopened"]].closed_on == dt.date(2025, 9, 1)
    assert by_id[ids["husorden"]].excluded == "house_rules"
    assert by_id[ids["husorden"]].arrears_covered is True
    december = by_id[ids["december"]]
    assert december.termination_on == dt.date(2025, 12, 15)
    assert december.eviction_on == dt.date(2026, 1, 20)  # the rescheduled date
    assert sorted(december.reached_on) == [dt.date(2025, 12, 17), dt.date(2025, 12, 31)]
    assert december.meetings_on == (dt.date(2025, 12, 17),)
    assert december.last_attempt_on == dt.date(2026, 1, 2)
    assert december.arrears_covered is False
    no_estate = by_id[ids["no_estate"]]
    assert no_estate.estate_id is None
    assert no_estate.kinds == {"new_tenant", "eviction_threat"}
    assert no_estate.activities == {ActivityTag.ADVICE.value}
    assert by_id[ids["erased"]].termination_on == dt.date(2024, 8, 1)
    assert {k.case_id for k in fast.courses} == {ids["reopened"]}
    assert {a.case_id for a in fast.applications} == {ids["reopened"]}
    assert [c.id for c in fast.cases] == sorted(by_id)  # in id order: the report's cells rely on it

    years = [2024, 2025, 2026]
    assert build_report(fast, years) == build_report(expected, years)


def test_the_collector_runs_again_after_a_report_even_when_it_fails(store: Store) -> None:
    import gc

    d = desk(store, TODAY)
    d.statistics.report([2025])
    assert gc.isenabled()
    try:
        with gc_paused():
            assert not gc.isenabled()
            raise RuntimeError("afbrudt")
    except RuntimeError:
        pass
    assert gc.isenabled()
    gc.disable()  # a caller that had paused it itself keeps it paused
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
