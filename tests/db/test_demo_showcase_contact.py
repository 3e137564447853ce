"""The showcase cases say how the tenant was reached (a call, then the home visit where the budget was made),
so their Afslutning page does not read »Kontakt opnået: nej« beside an agreed plan (invented data)."""

from __future__ import annotations

import datetime as dt

from boligdesk.budget.vocabulary import ContactChannel
from boligdesk.models.store import Store
from boligdesk.services.demo import populate
from boligdesk.services.demo_showcase import add_showcase
from boligdesk.services.desk import Desk

TODAY = dt.date(2026, 12, 1)


def test_the_showcase_cases_were_reached_at_a_home_visit_before_the_budget(store: Store) -> None:
    populate(store, 4, today=TODAY)  # the estates and advisers the showcase joins
    numbers = add_showcase(store, today=TODAY)
    desk = Desk(store, adviser_name="Rikke Rådgiver", today=lambda: TODAY)
    for number in numbers:
        case_id = desk.letters.case_id_for_number(number)
        details = desk.case_view.details(case_id)
        assert details is not None
        [budget] = desk.budget.versions(case_id)
        meetings = [a for a in details.contact_attempts if a.channel is ContactChannel.MEETING]
        assert [m.at.date() for m in meetings] == [budget.made_on]
        assert all(a.at.date() <= TODAY for a in details.contact_attempts)
    report = desk.statistics.report([TODAY.year])
    behind = {i for r in report.table("meetings").rows if r.is_total for c in r.cells for i in c.case_ids}
    assert {desk.letters.case_id_for_number(n) for n in numbers} <= behind
