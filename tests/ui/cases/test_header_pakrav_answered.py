"""The case header no longer says the påkrav deadline is overskredet once a plan is agreed: it shows the
next instalment; marking the plan broken brings the passed påkrav deadline back (invented data)."""

from __future__ import annotations

import datetime as dt

from pytestqt.qtbot import QtBot

from boligdesk.models.store import Store
from boligdesk.services.desk import Desk
from boligdesk.services.plan_rows import PlanInput
from boligdesk.ui.cases.case_timeline_page import CaseTimelinePage
from boligdesk.ui.cases.case_view import CaseView
from boligdesk.ui.context import AppContext
from tests.db.test_repayment_service import ADVISER, ASSESSMENT, TODAY, add_budget, make_case


def test_the_header_follows_the_plan_not_the_answered_pakrav(qtbot: QtBot, store: Store) -> None:
    ctx = AppContext(Desk(store, adviser_name=ADVISER, today=lambda: TODAY))  # 20.02.2026
    case_id = make_case(store)
    ctx.desk.timeline.set_field(case_id, "reminder_sent_on", dt.date(2026, 2, 2))
    view = CaseView(ctx)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.set_case(case_id)
    assert view.header.deadline.text().startswith("Næste frist: 16.02.2026 (4 dage over)  ·  Påkravsfrist")

    budget_id = add_budget(store, case_id)
    plan = ctx.desk.plan.agree(
        case_id,
        PlanInput(start_on=dt.date(2026, 2, 21), months=4, assessment=ASSESSMENT, budget_id=budget_id),
    )
    view.reload()
    text = view.header.deadline.text()
    assert text.startswith("Næste frist: 02.03.2026 (om 10 dage)  ·  Afdrag forfalder nr. 1"), text
    assert "over)" not in text and "Påkrav" not in text
    # the Tidslinje keeps the påkrav as history and says why it no longer applies
    page = view.page(CaseTimelinePage)
    view.tabs.setCurrentWidget(page)
    assert isinstance(page, CaseTimelinePage)
    shown = page.deadlines.text()
    assert "Påkravsfrist udløber (ikke længere aktuel: Afdragsordning aftalt 20.02.2026)" in shown
    assert "overskredet" not in shown

    ctx.desk.plan.mark_broken(plan.id)
    view.reload()
    assert view.header.deadline.text().startswith("Næste frist: 16.02.2026 (4 dage over)  ·  Påkravsfrist")
