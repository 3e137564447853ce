"""The case header's next deadline is the case's first Frister row (services/frister.py), so a case with
only an application's deadline says so instead of "Ingen frister" (invented data)."""

from __future__ import annotations

import datetime as dt

from pytestqt.qtbot import QtBot

from boligdesk.models.store import Store
from boligdesk.services.desk import Desk
from boligdesk.ui.cases.case_view import CaseView
from boligdesk.ui.context import AppContext
from tests.db.case_setup import new_case

TODAY = dt.date(2026, 12, 10)


def test_the_header_shows_an_appeal_deadline_and_then_ingen_frister_when_it_is_gone(
    qtbot: QtBot, store: Store
) -> None:
    ctx = AppContext(Desk(store, adviser_name="Rikke Rådgiver", today=lambda: TODAY))
    case_id = new_case(store)
    view = CaseView(ctx)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.set_case(case_id)
    assert view.header.deadline.text() == "Ingen frister"

    app = ctx.desk.applications.add(case_id, kind="aktivloven_81", sent_on="20.11.2026").id
    view.reload()
    assert view.header.deadline.text().startswith(
        "Næste frist: 20.11.2026 (20 dage over)  ·  Ansøgning afventer"
    )

    ctx.desk.applications.record_decision(
        case_id, app, decision="refused", decided_on="01.12.2026", received_on="03.12.2026"
    )
    view.reload()
    text = view.header.deadline.text()
    assert text == (
        "Næste frist: 04.01.2027 (om 25 dage)  ·  Klagefrist: afslag på hjælp til huslejerestance (aktivloven)"
    )
    assert "Nytårsaften" in view.header.deadline.toolTip()
    view.header.grab().save("/tmp/x/header_appeal.png")

    # a week after the appeal deadline passed it leaves Frister, and the header agrees
    later = AppContext(Desk(store, adviser_name="Rikke Rådgiver", today=lambda: dt.date(2027, 1, 12)))
    other = CaseView(later)
    qtbot.addWidget(other)
    other.set_case(case_id)
    assert other.header.deadline.text() == "Ingen frister"
    assert later.desk.frister.for_case(case_id) == []
