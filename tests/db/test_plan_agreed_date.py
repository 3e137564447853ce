"""An afdragsaftale cannot reach back: the first instalment falls due on or after the day it is agreed
(issue 10), refused with a Danish message and nothing saved."""

from __future__ import annotations

import datetime as dt

import pytest

from boligdesk.errors import UserInputError
from boligdesk.models.store import Store
from boligdesk.services.desk import Desk
from boligdesk.services.plan_rows import PlanInput
from tests.db.test_repayment_service import ADVISER, ASSESSMENT, TODAY, add_budget, make_case


def test_a_plan_whose_first_instalment_lies_before_today_is_refused(store: Store) -> None:
    desk = Desk(store, adviser_name=ADVISER, today=lambda: TODAY)  # 20.02.2026
    case_id = make_case(store)
    budget_id = add_budget(store, case_id)
    backdated = PlanInput(start_on=dt.date(2026, 2, 1), months=4, assessment=ASSESSMENT, budget_id=budget_id)
    with pytest.raises(UserInputError) as caught:
        desk.plan.agree(case_id, backdated)
    assert caught.value.code == "plan.starts_before_agreement"
    assert "02.02.2026" in caught.value.message and "20.02.2026" in caught.value.message
    assert desk.plan.plans(case_id) == []
    # Started later in February, the first instalment is due on 1 March: agreed, dated today.
    created = desk.plan.agree(
        case_id,
        PlanInput(start_on=dt.date(2026, 2, 15), months=4, assessment=ASSESSMENT, budget_id=budget_id),
    )
    [plan] = desk.plan.plans(case_id)
    assert plan.id == created.id and plan.agreed_on == TODAY
    assert plan.schedule.first_due_on == dt.date(2026, 3, 2)  # 1 March 2026 is a Sunday
    # On the day of the first instalment itself, a renegotiation may start that same day.
    desk.clock = lambda: dt.date(2026, 3, 2)
    desk.plan.agree(
        case_id, PlanInput(start_on=dt.date(2026, 3, 2), months=3, assessment=ASSESSMENT, budget_id=budget_id)
    )
