"""The one money editor and the one date editor: Danish parsing, value()/setValue(), Danish refusals."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from boligdesk.budget.money import Money
from boligdesk.errors import UserInputError
from boligdesk.ui.cases.case_fields import date_edit, money_edit
from boligdesk.ui.shared.date_edit import DateEdit
from boligdesk.ui.shared.money_edit import MoneyEdit


@pytest.mark.parametrize(
    ("typed", "ore"),
    [("1.234,50", 123_450), ("1234,5", 123_450), ("6.200", 620_000), (" 99,95 kr. ", 9_995), ("0", 0)],
)
def test_money_is_parsed_the_danish_way(qtbot: Any, typed: str, ore: int) -> None:
    edit = MoneyEdit()
    qtbot.addWidget(edit)
    edit.setText(typed)
    assert edit.value() == Money(ore)


def test_money_refuses_what_is_not_an_amount_in_danish(qtbot: Any) -> None:
    edit = MoneyEdit(field="rent")
    qtbot.addWidget(edit)
    qtbot.keyClicks(edit, "abc")
    with pytest.raises(UserInputError) as refused:
        edit.value()
    assert refused.value.field == "rent"
    assert refused.value.message.startswith("»abc« er ikke et beløb")
    edit.setText("-5,00")
    with pytest.raises(UserInputError):
        edit.value()  # negative only where allowed
    assert MoneyEdit(allow_negative=True, parent=edit).value() is None


def test_money_round_trips_and_empty_is_none(qtbot: Any) -> None:
    edit = MoneyEdit()
    qtbot.addWidget(edit)
    assert edit.value() is None
    with pytest.raises(UserInputError):
        edit.required_value()  # where an amount must be given, empty is refused
    edit.setValue(Money(123_450))
    assert edit.text() == "1.234,50"
    assert edit.value() == Money(123_450)
    edit.setValue(None)
    assert edit.text() == "" and edit.value() is None
    edit.setValue(Money(5))
    assert edit.text() == "0,05" and edit.required_value() == Money(5)


def test_dates_are_parsed_the_danish_way(qtbot: Any) -> None:
    edit = DateEdit(field="due_on")
    qtbot.addWidget(edit)
    qtbot.keyClicks(edit, "24.11.2026")
    assert edit.value() == dt.date(2026, 11, 24)
    edit.setText("5.3.26")
    assert edit.value() == dt.date(2026, 3, 5)
    edit.setText("")
    assert edit.value() is None


@pytest.mark.parametrize(
    ("typed", "start"),
    [("31.02.2026", "Datoen »31.02.2026« findes ikke"), ("i morgen", "»i morgen« er ikke en dato")],
)
def test_impossible_dates_are_refused_in_danish(qtbot: Any, typed: str, start: str) -> None:
    edit = DateEdit(field="due_on")
    qtbot.addWidget(edit)
    edit.setText(typed)
    with pytest.raises(UserInputError) as refused:
        edit.value()
    assert refused.value.field == "due_on"
    assert refused.value.message.startswith(start)


def test_a_date_round_trips(qtbot: Any) -> None:
    edit = DateEdit()
    qtbot.addWidget(edit)
    edit.setValue(dt.date(2026, 3, 2))
    assert edit.text() == "02.03.2026" and edit.value() == dt.date(2026, 3, 2)
    edit.setValue(None)
    assert edit.text() == ""
    assert edit.placeholderText() == "dd.mm.åååå" and edit.maxLength() == 10


def test_the_case_view_factories_return_the_shared_editors(qtbot: Any) -> None:
    when = date_edit("ukendt")
    amount = money_edit()
    qtbot.addWidget(when)
    qtbot.addWidget(amount)
    assert isinstance(when, DateEdit) and when.placeholderText() == "ukendt"
    assert isinstance(amount, MoneyEdit) and amount.placeholderText() == "0,00"
    amount.setText("1.234,50")
    assert amount.value() == Money(123_450)
