"""The registrations the statistics need, made on a fresh demo as an adviser makes them: through the desk
(``desk.statistics.set_registration``, ``desk.cases.set_field``), one case at a time, after the cases exist.

Invented, with their own random generator (the demo's cases stay as they were):

* **Left out of the statistics** (004 Bilag 1): about 4 % of the eviction, retention and concern cases,
  two thirds as a husordenssag, a third as a temporary tenancy during renovation.
* **Who covered the arrears** on every closed case with arrears and on the open cases with a termination: paid
  (outcome »Restancen betalt«) by the tenant, the kommune, the network or other; withdrawn after payment
  by the tenant or the kommune; a plan kept (outcome »Afdragsordning«) by the plan; not covered after a
  move, an eviction or a rehousing. An open terminated case in contact, advice or follow-up without an eviction
  date has had its arrears paid in one of two (by the same payers as above), the others are »ikke
  dækket« yet; one in twenty is left unregistered (an adviser who has not got round to it).
* **Personal meetings**: four in five calls that agreed a meeting are followed by the meeting (reached) 2–10
  days later, never after today (the figure »Personlige møder«).
* **Broken plans**: one and then two in five plans with an instalment unpaid for three weeks or more are marked broken
  (»Brudt«; the påkrav's deadlines apply again, ``budget.deadlines`` rule 5).
* The two showcase cases are left exactly as made.
* The new tenants' answers are made with the cases (:mod:`boligdesk.services.demo_outreach`); here the
  new tenants still waiting in the phase »Ny« stay as they are, so the postcard batch has its candidates.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import TYPE_CHECKING

from sqlalchemy import select

from boligdesk.budget.vocabulary import (
    ArrearsCoveredBy,
    CaseKind,
    CasePhase,
    ContactChannel,
    ContactResult,
    Outcome,
    StatsExclusion,
)
from boligdesk.models import Case, ContactAttempt, Person
from boligdesk.services.contact import NewContactAttempt
from boligdesk.services.plan_loading import missed_instalments

if TYPE_CHECKING:
    from boligdesk.services.desk import Desk

#: The showcase cases (``demo_showcase``) stay exactly as made: every document is ready on them.
_SHOWCASE_FIRST_NAMES = ("Sanne", "Bo")
#: The phases of an open case in which the arrears may already have been paid.
_SETTLING = (CasePhase.CONTACT, CasePhase.ADVICE, CasePhase.FOLLOW_UP)
#: The case kinds a husordenssag or a temporary tenancy may be hidden among.
_MAY_BE_EXCLUDED = (CaseKind.EVICTION_THREAT, CaseKind.RETENTION, CaseKind.CONCERN)
_PAID_BY = (
    [
        ArrearsCoveredBy.TENANT,
        ArrearsCoveredBy.MUNICIPALITY,
        ArrearsCoveredBy.NETWORK,
        ArrearsCoveredBy.OTHER,
    ],
    [40, 35, 15, 10],
)
_WITHDRAWN_BY = (
    [ArrearsCoveredBy.TENANT, ArrearsCoveredBy.MUNICIPALITY, ArrearsCoveredBy.NETWORK],
    [50, 40, 10],
)


def _covered_by(rng: random.Random, outcome: Outcome | None) -> ArrearsCoveredBy | None:
    """Who covered the arrears of a case closed with ``outcome``; None when they were not covered."""
    if outcome is Outcome.ARREARS_PAID:
        return rng.choices(*_PAID_BY)[0]
    if outcome is Outcome.WITHDRAWN:
        return rng.choices(*_WITHDRAWN_BY)[0]
    if outcome is Outcome.REPAYMENT_PLAN:
        return ArrearsCoveredBy.PLAN
    return None


def register_for_statistics(desk: Desk, *, seed: int = 2026) -> int:
    """Make the registrations above on the desk's live cases; returns how many cases got one."""
    rng = random.Random(seed * 13)
    with desk.reading() as s:
        cases = s.execute(
            select(
                Case.id,
                Case.kind,
                Case.phase,
                Case.closed_on,
                Case.termination_on,
                Case.eviction_on,
                Case.outcome,
                Case.arrears,
            )
            .where(Case.deleted.is_(False))
            .order_by(Case.number)
        ).all()
    registered = 0
    today = desk.today()
    with desk.reading() as s:
        showcase = set(
            s.scalars(
                select(Case.id)
                .join(Person, Case.tenant_id == Person.id)
                .where(Person.last_name == "Eksempel", Person.first_name.in_(_SHOWCASE_FIRST_NAMES))
            )
        )
        agreed = s.execute(
            select(ContactAttempt.case_id, ContactAttempt.at).where(
                ContactAttempt.deleted.is_(False),
                ContactAttempt.channel == ContactChannel.PHONE,
                ContactAttempt.result == ContactResult.MEETING_AGREED,
            )
        ).all()
        missed = missed_instalments(s, today)
    # The meeting a call agreed was held a few days later (most of the time), at the office or at home.
    for case_id, at in sorted(agreed, key=lambda row: (row[1], row[0])):
        held = at.date() + dt.timedelta(days=rng.randint(2, 10))
        if case_id in showcase or held > today or rng.random() >= 0.8:
            continue
        desk.contact.log(
            case_id,
            NewContactAttempt(
                dt.datetime.combine(held, dt.time(13, 0)), ContactChannel.MEETING, ContactResult.REACHED
            ),
        )
    # A plan with an instalment unpaid for three weeks or more is marked broken now and then (the
    # evaluation: 24 of 25 plans kept; the demo's are young, so a few of those behind).
    behind = sorted(
        {m.plan_id for m in missed if m.case_id not in showcase and (today - m.due_on).days >= 21}
    )
    for n, plan_id in enumerate(behind):
        if n == 0 or rng.random() < 0.4:  # at least one, so the figure »Brudt« has a case behind it
            desk.plan.mark_broken(plan_id)
    for case_id, kind, phase, closed_on, termination_on, eviction_on, outcome, arrears in cases:
        if case_id in showcase:
            continue
        touched = False
        if kind in _MAY_BE_EXCLUDED and rng.random() < 0.04:
            why = rng.choices([StatsExclusion.HOUSE_RULES, StatsExclusion.TEMPORARY_RENOVATION], [2, 1])[0]
            desk.statistics.set_registration(case_id, "stats_excluded", why)
            touched = True
        if termination_on is None and not arrears:
            pass  # no arrears to cover (a new tenant, a concern)
        elif closed_on is not None:
            by = _covered_by(rng, outcome)
            if by is not None:
                desk.statistics.set_registration(case_id, "arrears_covered_by", by)  # covered, and by whom
            else:
                desk.cases.set_field(case_id, "arrears_covered", False)
            touched = True
        elif termination_on is not None and rng.random() >= 0.05:
            if phase in _SETTLING and eviction_on is None and rng.random() < 0.5:
                # paid after the termination (the kommune's § 81 help, the tenant, the family), still followed
                desk.statistics.set_registration(case_id, "arrears_covered_by", rng.choices(*_PAID_BY)[0])
            else:
                desk.cases.set_field(case_id, "arrears_covered", False)
            touched = True
        registered += touched
    return registered
