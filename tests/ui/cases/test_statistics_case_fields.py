"""The registrations the statistics need, on the Afslutning page: picked, saved at once, shown again, and
counted (a case marked as a husordenssag leaves the eviction figures)."""

from __future__ import annotations

import datetime as dt

import pytest
from pytestqt.qtbot import QtBot

from boligdesk.budget.vocabulary import AdviceOfferAnswer, ArrearsCoveredBy, StatsExclusion
from boligdesk.models import Case
from boligdesk.models.store import Store
from boligdesk.services.desk import Desk
from boligdesk.ui.cases.case_closing_page import CaseClosingPage
from boligdesk.ui.cases.case_view import CaseView
from boligdesk.ui.context import AppContext
from tests.ui.cases.test_case_view import TODAY, new_case, open_tab


@pytest.fixture
def view(qtbot: QtBot, store: Store) -> CaseView:
    widget = CaseView(AppContext(Desk(store, adviser_name="Rikke Rådgiver", today=lambda: TODAY)))
    qtbot.addWidget(widget)
    widget.resize(780, 640)
    widget.show()
    return widget


def test_the_statistics_registrations_save_as_picked_and_count(
    qtbot: QtBot, view: CaseView, store: Store
) -> None:
    case_id = new_case(store)
    with store.session() as s:
        case = s.get(Case, case_id)
        assert case is not None
        case.termination_on = dt.date(2026, 2, 2)
    view.set_case(case_id)
    page = open_tab(view, CaseClosingPage)
    assert isinstance(page, CaseClosingPage)
    combos = page.stats_fields.combos
    assert combos["stats_excluded"].currentText() == "(nej — tæller med)"
    desk = Desk(store, adviser_name="Rikke", today=lambda: TODAY)
    assert desk.statistics.report([2026]).table("terminations").rows[-1].cells[0].value == 1
    combos["stats_excluded"].setCurrentIndex(
        combos["stats_excluded"].findData(StatsExclusion.HOUSE_RULES.value)
    )
    combos["advice_offer_answer"].setCurrentIndex(combos["advice_offer_answer"].findData("declined"))
    combos["arrears_covered_by"].setCurrentIndex(combos["arrears_covered_by"].findData("network"))
    reg = desk.statistics.registration(case_id)
    assert reg.stats_excluded is StatsExclusion.HOUSE_RULES
    assert reg.advice_offer_answer is AdviceOfferAnswer.DECLINED
    assert reg.arrears_covered_by is ArrearsCoveredBy.NETWORK
    assert desk.statistics.report([2026]).table("terminations").rows[-1].cells[0].value == 0
    view.set_case(case_id)  # shown again from the store
    assert combos["arrears_covered_by"].currentText() == "Netværket"
