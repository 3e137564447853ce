"""The demo fills issue 16's registrations plausibly, so Statistik and Frister show figures for them:
contacts on cases, consents behind every application, decisions in order, courses with extensions,
further case types, activity tags and the new tenants' answers (all invented)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from boligdesk.budget.cooperation import ActivityTag, Decision
from boligdesk.budget.deadlines import DeadlineKind
from boligdesk.budget.vocabulary import CaseKind
from boligdesk.models import (
    Application,
    Case,
    CaseContact,
    CaseTag,
    Consent,
    Contact,
    Course,
    CourseExtension,
)
from boligdesk.models.store import Store
from boligdesk.services.demo import populate
from boligdesk.services.demo_outreach import CONSENT_FOR
from boligdesk.services.desk import Desk

TODAY = dt.date(2026, 12, 1)


def test_the_demo_fills_the_new_registrations_plausibly(store: Store) -> None:
    populate(store, 300, today=TODAY)
    with store.session() as s:
        cases = {c.id: c for c in s.scalars(select(Case))}
        contacts = list(s.scalars(select(Contact)))
        assert len(contacts) >= 6 and all("(demo)" in c.name or "(demo)" in c.organisation for c in contacts)
        assert any(
            c.checked_on is None or (TODAY - c.checked_on).days > 365 for c in contacts
        )  # shown orange
        assert len(list(s.scalars(select(CaseContact)))) > 30

        applications = list(s.scalars(select(Application)))
        assert len(applications) > 10
        consents = list(s.scalars(select(Consent)))
        for a in applications:
            case = cases[a.case_id]
            assert case.opened_on <= a.sent_on <= TODAY
            if a.decision is not Decision.PENDING:
                assert a.decided_on is not None and a.received_on is not None
                assert a.sent_on <= a.decided_on <= a.received_on <= TODAY
            # the tenant consented to share with the receiver before the application went
            assert any(
                c.case_id == a.case_id
                and c.share_with is CONSENT_FOR[a.kind]
                and c.given_on <= a.sent_on
                and c.withdrawn_on is None
                for c in consents
            ), a.kind
        assert {Decision.PENDING, Decision.GRANTED, Decision.REFUSED} <= {a.decision for a in applications}

        courses = list(s.scalars(select(Course)))
        assert courses and all(cases[c.case_id].opened_on <= c.started_on <= TODAY for c in courses)
        extensions = list(s.scalars(select(CourseExtension)))
        assert extensions and all(e.reason and e.months > 0 for e in extensions)

        tags = list(s.scalars(select(CaseTag)))
        for tag in tags:
            if tag.group.value == "case_type":
                assert tag.value != cases[tag.case_id].kind.value  # an additional type, not the main one
        new_tenants = [c for c in cases.values() if c.kind is CaseKind.NEW_TENANT]
        assert any(c.advice_offer_answer is not None for c in new_tenants)
        assert all(c.advice_offer_answer is None for c in cases.values() if c.kind is not CaseKind.NEW_TENANT)

    desk = Desk(store, adviser_name="Demo", today=lambda: TODAY)
    report = desk.statistics.report([2025, 2026])
    new = report.table("new_tenants")
    assert sum(new.cell("offered", i).value or 0 for i in range(2)) > 0
    activities = report.table("activities")
    assert sum(activities.cell(a.value, i).value or 0 for a in ActivityTag for i in range(2)) > 0
    kinds = {r.kind for r in desk.frister.rows()}
    assert {DeadlineKind.APPLICATION_ANSWER, DeadlineKind.APPEAL} & kinds
