"""The demo's applications wait a plausible time for their answer on the demo's today: none sent months
ago still pending (the first demo had one waiting 317 days), decisions in order (decisions §46)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from boligdesk.budget.cooperation import Decision
from boligdesk.models import Application
from boligdesk.models.store import Store
from boligdesk.services.demo import populate
from boligdesk.services.demo_outreach import LONGEST_PENDING_DAYS


@pytest.mark.parametrize("today", [dt.date(2026, 12, 1), dt.date(2027, 1, 2)])
def test_no_demo_application_waits_implausibly_long_for_its_answer(store: Store, today: dt.date) -> None:
    populate(store, 120, today=today)
    with store.session() as s:
        applications = list(s.scalars(select(Application).where(Application.deleted.is_(False))))
    pending = [a for a in applications if a.decision is Decision.PENDING]
    decided = [a for a in applications if a.decision is not Decision.PENDING]
    assert pending and decided  # the demo shows both
    waits = sorted((today - a.sent_on).days for a in pending)
    assert waits[-1] <= LONGEST_PENDING_DAYS <= 42, waits  # at most about six weeks
    for a in pending:
        assert a.sent_on <= today and a.answer_due_on is not None
        assert (today - a.answer_due_on).days <= LONGEST_PENDING_DAYS - 14, (a.sent_on, a.answer_due_on)
    for a in decided:
        assert a.decided_on is not None and a.sent_on <= a.decided_on <= today
        assert a.received_on is not None and a.decided_on <= a.received_on <= today
