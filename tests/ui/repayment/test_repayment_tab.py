"""The Afdragsordning tab: building a plan by keyboard, policy messages, payments and follow-up.

Invented case (from the service tests): Mette Kjærgaard, afdeling 12 Solhaven, rent 6.200 kr.,
arrears 13.000 kr.; budget: income 16.382 kr., need to have 13.000 kr. including the rent.
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from boligdesk.budget.money import Money
from boligdesk.budget.repayment import InstalmentStatus, PlannedInstalment
from boligdesk.budget.vocabulary import ArrearsKind, CasePhase, PlanStatus
from boligdesk.models.store import Store
from boligdesk.services.changes import Changes, Part
from boligdesk.services.desk import Desk
from boligdesk.services.plan_rows import PlanInput
from boligdesk.ui.context import AppContext
from boligdesk.ui.repayment.repayment_columns import GREEN, ORANGE, SCHEDULE_COLUMNS, ScheduleLine
from boligdesk.ui.repayment.repayment_tab import RepaymentTab
from boligdesk.ui.shared.table_model import TableModel
from tests.db.test_repayment_service import ASSESSMENT, add_budget, make_case

TODAY = dt.date(2026, 2, 20)
KR = Money.kr


@pytest.fixture
def ctx(qapp: QApplication, store: Store) -> AppContext:
    return AppContext(Desk(store, adviser_name="Anne Rådgiver", today=lambda: TODAY))


def open_tab(qtbot: QtBot, ctx: AppContext, case_id: str) -> RepaymentTab:
    tab = RepaymentTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1340, 640)
    tab.show()
    ctx.bus.caseSelected.emit(case_id)
    return tab


def next_tab_stop(widget: QWidget) -> QWidget:
    """Where the Tab key goes from ``widget`` (skipping labels and disabled or hidden widgets)."""
    candidate = widget.nextInFocusChain()
    while not (
        candidate.focusPolicy() & Qt.FocusPolicy.TabFocus and candidate.isEnabled() and candidate.isVisible()
    ):
        candidate = candidate.nextInFocusChain()
    return candidate


def retype(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Replace the field's text by typing and confirm it with Enter.

    (The offscreen test platform has no active window, so leaving a field with Tab does not emit
    ``editingFinished``; Enter does, and the panels save on that signal either way.)
    """
    widget.setFocus()
    widget.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def test_schedule_table_model_passes_the_model_tester(qtmodeltester: object) -> None:
    model = TableModel(SCHEDULE_COLUMNS)
    model.set_rows(
        [
            ScheduleLine(PlannedInstalment(1, dt.date(2026, 3, 2), KR(2600)), KR(6200)),
            ScheduleLine(PlannedInstalment(2, dt.date(2026, 4, 1), KR(2400)), KR(6200)),
        ]
    )
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.index(1, 4).data() == "8.600,00 kr."


def test_building_a_plan_by_keyboard_shows_the_schedule_and_saves_the_version(
    qtbot: QtBot, ctx: AppContext, store: Store
) -> None:
    case_id = make_case(store)
    budget_id = add_budget(store, case_id)
    tab = open_tab(qtbot, ctx, case_id)
    builder = tab.builder
    # Keyboard flow: start date → months → instalment → agreed via → assessment.
    assert next_tab_stop(builder.start) is builder.months
    assert next_tab_stop(builder.months) is builder.instalment
    assert next_tab_stop(builder.instalment) is builder.via
    assert next_tab_stop(builder.via) is builder.assessment
    # With 3.382 kr. of room the builder starts from the shortest plan the budget carries: 4 × 3.250.
    assert builder.months.text() == "4"
    assert builder.suggestion_label.text() == (
        "Korteste plan budgettet kan bære: 4 måneder à 3.250,00 kr. "
        "Planen er længere end 3 måneder og kræver din skriftlige vurdering."
    )

    retype(qtbot, builder.start, "01.04.2026")
    retype(qtbot, builder.months, "5")
    assert builder.instalment.text() == "2.600,00"
    assert builder.schedule_model.rowCount() == 5
    assert builder.schedule_model.index(0, 1).data() == "01.04.2026"
    assert builder.schedule_model.index(4, 4).data() == "8.800,00 kr."
    assert "= <b>8.800,00 kr. om måneden</b>" in builder.summary.text()
    assert builder.feasibility_label.text() == (
        "Budgettet kan bære planen: efter husleje, afdrag og nødvendige udgifter er der "
        "782,00 kr. tilbage om måneden."
    )
    assert builder.policy_error.text() == (
        "En plan på mere end 3 måneder kræver din skriftlige vurdering af lejerens økonomi. "
        "Skriv den i feltet »Vurdering«."
    )

    qtbot.keyClicks(builder.assessment, ASSESSMENT)
    assert builder.policy_error.isHidden()
    qtbot.keyClick(builder.agree_button, Qt.Key.Key_Space)

    [plan] = ctx.desk.plan.plans(case_id)
    assert (plan.version, plan.status, plan.months, plan.instalment) == (1, PlanStatus.ACTIVE, 5, KR(2600))
    assert plan.start_on == dt.date(2026, 4, 1) and plan.budget_id == budget_id
    assert plan.assessment == ASSESSMENT and plan.made_by == "Anne Rådgiver"
    assert builder.saved_label.text().startswith("Planen er aftalt og gemt.")
    assert tab.history_model.rowCount() == 1
    assert tab.follow_up.header.text().startswith("Version 1 · <b>Aktiv</b>")
    assert builder.title() == "Genforhandling: ny version af planen"


def test_typing_the_instalment_updates_the_months(qtbot: QtBot, ctx: AppContext, store: Store) -> None:
    case_id = make_case(store)
    tab = open_tab(qtbot, ctx, case_id)
    retype(qtbot, tab.builder.instalment, "3000")
    # 13.000 kr. at 3.000 kr. a month: 4 × 3.000 + 1.000 = 5 months.
    assert tab.builder.months.text() == "5"
    assert tab.builder.schedule_model.index(4, 2).data() == "1.000,00 kr."
    assert tab.builder.feasibility_label.text() == "Intet budget — lav et budget først."


def test_plan_longer_than_estate_maximum_shows_the_message_and_is_not_saved(
    qtbot: QtBot, ctx: AppContext, store: Store
) -> None:
    case_id = make_case(store, max_months=6)
    add_budget(store, case_id)
    tab = open_tab(qtbot, ctx, case_id)
    builder = tab.builder
    builder.assessment.setPlainText(ASSESSMENT)
    retype(qtbot, builder.months, "8")
    assert builder.policy_error.text() == (
        "Planen er på 8 måneder, men afdeling 12 Solhaven tillader højst 6 måneder. "
        "Vælg færre måneder eller et større afdrag."
    )
    assert builder.agree() is None
    assert builder.months.text() == "8"  # the input is kept
    assert ctx.desk.plan.plans(case_id) == []


def test_long_plan_without_budget_is_explained(qtbot: QtBot, ctx: AppContext, store: Store) -> None:
    case_id = make_case(store)
    tab = open_tab(qtbot, ctx, case_id)
    retype(qtbot, tab.builder.months, "6")
    assert tab.builder.policy_error.text().splitlines() == [
        "• En plan på mere end 3 måneder kræver et budget. Lav budgettet sammen med lejeren først.",
        "• En plan på mere end 3 måneder kræver din skriftlige vurdering af lejerens økonomi. "
        "Skriv den i feltet »Vurdering«.",
    ]
    assert tab.builder.budget_label.text() == "Intet budget på sagen."


def test_unaffordable_plan_is_only_agreed_after_the_adviser_confirms(
    qtbot: QtBot, ctx: AppContext, store: Store
) -> None:
    case_id = make_case(store)
    add_budget(store, case_id)
    tab = open_tab(qtbot, ctx, case_id)
    builder = tab.builder
    retype(qtbot, builder.months, "3")
    assert builder.feasibility_label.text().startswith(
        "Budgettet kan ikke bære planen: der mangler 952,00 kr. om måneden"
    )
    assert builder.use_suggestion_button.isVisible()
    questions: list[str] = []
    builder.confirm = lambda title, text: questions.append(title) is not None
    assert builder.agree() is None
    assert questions == ["Budgettet kan ikke bære planen"]
    builder.use_suggestion()
    assert builder.months.text() == "4"
    assert builder.feasibility is not None and builder.feasibility.carries


def test_typed_inputs_are_kept_as_a_draft_when_switching_case(
    qtbot: QtBot, ctx: AppContext, store: Store
) -> None:
    case_id = make_case(store)
    tab = open_tab(qtbot, ctx, case_id)
    retype(qtbot, tab.builder.instalment, "2.000")
    qtbot.keyClicks(tab.builder.assessment, "Aftalt ved hjemmebesøg")
    tab.builder.save_draft()  # what leaving the field does
    ctx.bus.caseSelected.emit("")
    assert not tab.builder.months.isEnabled()
    ctx.bus.caseSelected.emit(case_id)
    assert tab.builder.instalment.text() == "2.000,00"
    assert tab.builder.assessment.toPlainText() == "Aftalt ved hjemmebesøg"
    draft = ctx.desk.plan.draft(case_id)
    assert draft is not None and draft.data.instalment == KR(2000)


def test_registering_a_payment_colours_the_instalment_and_warns_about_a_missing_one(
    qtbot: QtBot, ctx: AppContext, store: Store
) -> None:
    case_id = make_case(store)
    ctx.desk.plan.agree(case_id, PlanInput(dt.date(2026, 3, 1), months=2))
    days = iter([dt.date(2026, 3, 3), dt.date(2026, 4, 15)])
    today = [next(days)]
    ctx.desk.clock = lambda: today[0]
    tab = open_tab(qtbot, ctx, case_id)
    panel = tab.follow_up
    assert panel.amount.text() == "6.500,00"  # the next instalment is offered
    retype(qtbot, panel.paid_on, "03.03.2026")
    panel.amount.setFocus()
    qtbot.keyClick(panel.amount, Qt.Key.Key_Return)
    progress = panel.progress
    assert progress is not None
    assert progress.instalments[0].status is InstalmentStatus.PAID
    status = panel.progress_model.index(0, 4)
    assert status.data() == "Betalt"
    assert status.data(Qt.ItemDataRole.BackgroundRole).color().name() == GREEN
    assert panel.payments_model.rowCount() == 1

    # Six weeks later part of the April instalment has been paid.
    today[0] = next(days)
    tab.reload()
    retype(qtbot, panel.paid_on, "10.04.2026")
    panel.note.setText("Resten kommer med feriepengene")
    retype(qtbot, panel.amount, "4000")  # Enter in the amount registers the payment
    assert panel.payments_model.index(0, 2).data() == "Resten kommer med feriepengene"
    status = panel.progress_model.index(1, 4)
    assert status.data() == "Delvist betalt"
    assert status.data(Qt.ItemDataRole.BackgroundRole).color().name() == ORANGE
    assert panel.alert.text() == (
        "Afdrag nr. 2 (forfaldent 01.04.2026) mangler 2.500,00 kr. Kontakt lejeren om det manglende afdrag."
    )
    assert "tilbage <b>2.500,00 kr.</b>" in panel.money.text()


def test_bad_payment_is_explained_and_the_input_kept(qtbot: QtBot, ctx: AppContext, store: Store) -> None:
    case_id = make_case(store)
    ctx.desk.plan.agree(case_id, PlanInput(dt.date(2026, 3, 1), months=2))
    tab = open_tab(qtbot, ctx, case_id)
    panel = tab.follow_up
    retype(qtbot, panel.amount, "1.5OO")  # Enter tries to register
    assert panel.payment_error.text() == "»1.5OO« er ikke et beløb. Skriv fx 1.234,50 eller 1234,5."
    assert panel.amount.text() == "1.5OO"
    retype(qtbot, panel.paid_on, "21.02.2026")
    retype(qtbot, panel.amount, "100")
    assert (
        panel.payment_error.text()
        == "Datoen ligger efter i dag. Registrér indbetalingen, når den er modtaget."
    )
    assert ctx.desk.plan.plans(case_id)[0].payments == ()


def test_adviser_marks_the_plan_broken_from_the_follow_up(
    qtbot: QtBot, ctx: AppContext, store: Store
) -> None:
    case_id = make_case(store)
    ctx.desk.plan.agree(case_id, PlanInput(dt.date(2026, 3, 1), months=2))
    tab = open_tab(qtbot, ctx, case_id)
    tab.follow_up.confirm = lambda title, text: True
    qtbot.keyClick(tab.follow_up.broken_button, Qt.Key.Key_Space)
    [plan] = ctx.desk.plan.plans(case_id)
    assert plan.status is PlanStatus.BROKEN
    assert tab.history_model.index(0, 1).data() == "Misligholdt"
    assert tab.follow_up.alert.text() == "Misligholdt 20.02.2026. Der mangler 13.000,00 kr. på planen."
    assert not tab.follow_up.broken_button.isEnabled()
    assert tab.builder.title() == "Ny afdragsordning"


def test_builder_rests_when_nothing_is_owed(qtbot: QtBot, ctx: AppContext, store: Store) -> None:
    case_id = make_case(store, arrears=Money(0))
    tab = open_tab(qtbot, ctx, case_id)
    assert not tab.builder.agree_button.isEnabled() and not tab.builder.months.isEnabled()
    assert tab.builder.input_error.isHidden()
    assert (
        tab.builder.note.text() == "Der er ingen restance tilbage, så der er ikke noget at lave en plan for."
    )
    qtbot.keyClick(tab.arrears.add_rent_button, Qt.Key.Key_Space)
    assert tab.arrears.model.index(0, 1).data() == "februar 2026"
    assert tab.builder.agree_button.isEnabled()
    assert tab.builder.schedule_model.rowCount() > 0


def test_adding_a_reminder_fee_raises_the_debt_the_plan_covers(
    qtbot: QtBot, ctx: AppContext, store: Store
) -> None:
    case_id = make_case(store)
    # The fee the landlord charged, typed from the påkrav (the rates table's 314 kr. is only a bound).
    ctx.desk.timeline.set_field(case_id, "reminder_fee", Money.kr(300))
    tab = open_tab(qtbot, ctx, case_id)
    retype(qtbot, tab.builder.months, "2")
    assert tab.builder.instalment.text() == "6.500,00"
    qtbot.keyClick(tab.arrears.add_fee_button, Qt.Key.Key_Space)
    assert tab.arrears.model.rowCount() == 2
    assert tab.arrears.amount.text() == "300,00"  # what the påkrav says, not the newest legal maximum
    assert "Restance i alt: <b>13.300,00 kr.</b>" in tab.arrears.totals.text()
    # The builder keeps the 2 months and recomputes: 13.300 / 2 = 6.650 kr.
    assert tab.builder.instalment.text() == "6.650,00"
    retype(qtbot, tab.arrears.amount, "291")
    assert "Restance i alt: <b>13.291,00 kr.</b>" in tab.arrears.totals.text()
    retype(qtbot, tab.arrears.amount, "0")
    assert tab.arrears.error.text() == "Beløbet skal være større end 0 kr."
    assert tab.arrears.amount.text() == "0"


def test_arrears_panel_writes_go_through_the_desk_and_are_broadcast(
    qtbot: QtBot, ctx: AppContext, store: Store
) -> None:
    case_id = make_case(store)
    ctx.desk.timeline.set_field(case_id, "reminder_fee", Money.kr(300))
    tab = open_tab(qtbot, ctx, case_id)
    broadcasts: list[Changes] = []
    ctx.bus.changed.connect(broadcasts.append)
    qtbot.keyClick(tab.arrears.add_fee_button, Qt.Key.Key_Space)
    retype(qtbot, tab.arrears.amount, "291")
    retype(qtbot, tab.arrears.amount, "0")  # refused: nothing saved, nothing broadcast
    qtbot.keyClick(tab.arrears.remove_button, Qt.Key.Key_Space)
    assert broadcasts == [Changes.of(case_id, Part.ARREARS)] * 3
    assert [r.amount for r in ctx.desk.arrears.rows(case_id)] == [Money.kr(13000)]


def test_a_plan_write_redraws_this_tab_and_the_case_list_row_but_not_another_cases_view(
    qtbot: QtBot, ctx: AppContext, store: Store
) -> None:
    from boligdesk.ui.cases.cases_tab import CasesTab

    case_id, other_id = make_case(store), make_case(store)
    cases = CasesTab(ctx)
    qtbot.addWidget(cases)
    tab = open_tab(qtbot, ctx, case_id)
    other = RepaymentTab(ctx)
    qtbot.addWidget(other)
    other.set_case(other_id)
    redraws: list[str] = []
    other.reload = lambda select_arrears=None: redraws.append("other")  # type: ignore[method-assign]
    announced: list[Changes] = []
    ctx.bus.changed.connect(announced.append)
    assert cases.model.row_at(cases.model.row_of(case_id)).phase is CasePhase.NEW

    retype(qtbot, tab.builder.months, "2")
    qtbot.keyClick(tab.builder.agree_button, Qt.Key.Key_Space)

    assert [c.touches(case_id, Part.PLAN) for c in announced] == [True, True]  # draft saved, then agreed
    assert tab.history_model.rowCount() == 1  # redrawn from the broadcast (no echo flag)
    assert cases.model.row_at(cases.model.row_of(case_id)).phase is CasePhase.REPAYMENT
    assert cases.model.row_at(cases.model.row_of(other_id)).phase is CasePhase.NEW
    assert redraws == []
    ctx.bus.changed.emit(Changes.of(other_id, Part.PLAN))
    assert redraws == ["other"]
    ctx.bus.changed.emit(Changes.of(other_id, Part.LETTERS))  # not shown in the tab
    assert redraws == ["other"]


def test_without_the_charged_fee_typed_in_no_legal_maximum_is_put_into_the_arrears(
    qtbot: QtBot, ctx: AppContext, store: Store
) -> None:
    case_id = make_case(store)
    tab = open_tab(qtbot, ctx, case_id)
    before = ctx.desk.arrears.rows(case_id)
    qtbot.keyClick(tab.arrears.add_fee_button, Qt.Key.Key_Space)
    assert ctx.desk.arrears.rows(case_id) == before  # nothing added
    assert all(r.kind is not ArrearsKind.REMINDER_FEE for r in before)
    message = tab.arrears.error.text()
    assert "står på påkravet" in message and "Påkravsgebyr" in message
    assert "Det højeste tilladte er 314,00 kr. (sats fra 2023)." in message  # the bound, with its year


def test_a_grant_taken_off_the_arrears_is_shown_in_the_builders_totals(
    qtbot: QtBot, ctx: AppContext, store: Store
) -> None:
    case_id = make_case(store)
    add_budget(store, case_id)
    app = ctx.desk.applications.add(case_id, kind="aktivloven_81", sent_on="10.02.2026").id
    ctx.desk.applications.record_decision(
        case_id, app, decision="partly_granted", decided_on="18.02.2026", granted_amount="5.000,00"
    )
    ctx.desk.applications.apply_to_arrears(case_id, app)
    tab = open_tab(qtbot, ctx, case_id)
    text = tab.arrears.totals.text()
    assert "Bevilget mod restancen (Ansøgninger): 5.000,00 kr." in text
    assert "Tilbage at betale: <b>8.000,00 kr.</b>" in text
    tab.resize(1366, 768)


def test_the_feasibility_text_has_a_help_button_that_explains_the_rule(
    qtbot: QtBot, ctx: AppContext, store: Store
) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QToolButton

    from boligdesk.ui.guide import guide_window

    case_id = make_case(store)
    add_budget(store, case_id)
    tab = open_tab(qtbot, ctx, case_id)
    button = tab.builder.findChild(QToolButton, "help_feasibility")
    assert button is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    guide = guide_window._window
    assert guide is not None and "Eksempel" in guide.browser.toPlainText()
    guide.close()
