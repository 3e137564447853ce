"""Picklists ticked on a case and the advice checklist (``desk.registration``)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from boligdesk.budget.vocabulary import (
    AdviceTopic,
    Cause,
    Certainty,
    ChecklistAnswer,
    ChecklistItem,
    CodeCategory,
    PracticalHelp,
    Trigger,
)
from boligdesk.models import CaseCode
from boligdesk.models.store import Store
from boligdesk.services.changes import Part
from tests.db.case_setup import desk, details, new_case


def test_multi_select_picklists_tick_and_untick(store: Store) -> None:
    case_id = new_case(store)
    desk(store).registration.set_code(case_id, CodeCategory.TRIGGER, Trigger.UNPAID_RENT, True)
    desk(store).registration.set_code(case_id, CodeCategory.TRIGGER, Trigger.NOISE, True)
    desk(store).registration.set_code(case_id, CodeCategory.TRIGGER, Trigger.NOISE, False)
    desk(store).registration.set_code(case_id, CodeCategory.ADVICE_TOPIC, AdviceTopic.HOUSING_BENEFIT, True)
    desk(store).registration.set_code(case_id, CodeCategory.PRACTICAL_HELP, PracticalHelp.BILL_ACCOUNT, True)
    d = details(store, case_id)
    assert d.selected(CodeCategory.TRIGGER) == {"unpaid_rent": ""}
    assert set(d.selected(CodeCategory.ADVICE_TOPIC)) == {"housing_benefit"}
    assert set(d.selected(CodeCategory.PRACTICAL_HELP)) == {"bill_account"}


def test_ticking_a_value_again_reuses_its_row(store: Store) -> None:
    case_id = new_case(store)
    for selected in (True, False, True, False, True):
        desk(store).registration.set_code(case_id, CodeCategory.TRIGGER, Trigger.NOISE, selected)
    with store.session() as s:
        rows = s.scalars(select(CaseCode).where(CaseCode.case_id == case_id)).all()
    assert len(rows) == 1 and not rows[0].deleted


def test_causes_are_assumed_until_marked_known(store: Store) -> None:
    case_id = new_case(store)
    desk(store).registration.set_code(case_id, CodeCategory.CAUSE, Cause.LOST_INCOME, True)
    desk(store).registration.set_code(
        case_id, CodeCategory.CAUSE, Cause.DEBT, True, certainty=Certainty.KNOWN
    )
    assert details(store, case_id).selected(CodeCategory.CAUSE) == {"lost_income": "assumed", "debt": "known"}
    desk(store).registration.set_code(
        case_id, CodeCategory.CAUSE, Cause.LOST_INCOME, True, certainty=Certainty.KNOWN
    )
    desk(store).registration.set_code(
        case_id, CodeCategory.CAUSE, Cause.DEBT, True
    )  # ticking again keeps "known"
    assert details(store, case_id).selected(CodeCategory.CAUSE) == {"lost_income": "known", "debt": "known"}


def test_unknown_picklist_values_are_a_programming_error(store: Store) -> None:
    case_id = new_case(store)
    with pytest.raises(ValueError):
        desk(store).registration.set_code(case_id, CodeCategory.TRIGGER, "free text", True)
    with pytest.raises(ValueError):
        desk(store).registration.set_code(
            case_id, CodeCategory.TRIGGER, Trigger.NOISE, True, certainty=Certainty.KNOWN
        )


def test_checklist_answers_default_to_not_asked(store: Store) -> None:
    case_id = new_case(store)
    assert (
        details(store, case_id).checklist_answer(ChecklistItem.HOUSING_BENEFIT) is ChecklistAnswer.NOT_ASKED
    )
    desk(store).registration.set_checklist_answer(
        case_id, ChecklistItem.HOUSING_BENEFIT, ChecklistAnswer.FOLLOW_UP
    )
    desk(store).registration.set_checklist_answer(
        case_id, ChecklistItem.ADULT_CHILDREN_PAY, ChecklistAnswer.NO
    )
    desk(store).registration.set_checklist_answer(case_id, ChecklistItem.HOUSING_BENEFIT, ChecklistAnswer.YES)
    d = details(store, case_id)
    assert d.checklist_answer(ChecklistItem.HOUSING_BENEFIT) is ChecklistAnswer.YES
    assert d.checklist_answer(ChecklistItem.ADULT_CHILDREN_PAY) is ChecklistAnswer.NO


def test_codes_name_the_part_they_belong_to_and_unticking_nothing_changes_nothing(store: Store) -> None:
    case_id = new_case(store)
    registration = desk(store).registration
    assert registration.set_code(case_id, CodeCategory.TRIGGER, Trigger.NOISE, True).parts == {Part.CASE}
    assert registration.set_code(case_id, CodeCategory.ADVICE_TOPIC, AdviceTopic.BUDGET, True).parts == {
        Part.ADVICE
    }
    assert not registration.set_code(case_id, CodeCategory.TRIGGER, Trigger.UNPAID_RENT, False)
