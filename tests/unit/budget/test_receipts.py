"""Receipts mode: totals per category and need/nice, and lines for the budget."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from boligdesk.budget.categories import EXPENSE_CATEGORIES
from boligdesk.budget.money import Money
from boligdesk.budget.receipts import ReceiptData, suggested_lines, summarise_receipts

MONTH = [
    ReceiptData(Money.kr("412.50"), "food", "need", "Netto", dt.date(2026, 3, 2)),
    ReceiptData(Money.kr("387.50"), "food", "need", "Rema", dt.date(2026, 3, 9)),
    ReceiptData(Money.kr(800), "food", "nice", "Cola", dt.date(2026, 3, 14)),
    ReceiptData(Money.kr(450), "tobacco", "nice", "Cigaretter", dt.date(2026, 3, 20)),
    ReceiptData(Money.kr(199), "clothes", "need", "Vinterstøvler", dt.date(2026, 3, 28)),
]


def test_worked_example_a_month_of_receipts() -> None:
    summary = summarise_receipts(MONTH)
    # need: 412,50 + 387,50 + 199 = 999; nice: 800 + 450 = 1.250; total 2.249
    assert summary.need == Money.kr(999)
    assert summary.nice == Money.kr(1_250)
    assert summary.total == Money.kr(2_249)
    assert summary.count == 5
    food = summary.by_category[0]
    assert (food.category, food.need, food.nice, food.count) == ("food", Money.kr(800), Money.kr(800), 3)
    assert food.label == "Mad og husholdning"
    assert (summary.first_day, summary.last_day) == (dt.date(2026, 3, 2), dt.date(2026, 3, 28))


def test_receipts_become_one_monthly_line_per_category_and_need() -> None:
    lines = suggested_lines(MONTH)
    described = [(ln.category, ln.need, ln.amount, ln.is_daily_money) for ln in lines]
    assert described == [
        ("food", "need", Money.kr(800), True),
        ("food", "nice", Money.kr(800), True),
        ("clothes", "need", Money.kr(199), True),
        ("tobacco", "nice", Money.kr(450), False),
    ]
    assert all(ln.kind == "expense" and ln.frequency == "monthly" for ln in lines)
    assert lines[1].text == "Mad og husholdning (nice to have) — fra kvitteringer"


def test_two_months_of_receipts_are_halved() -> None:
    # 199 kr. over two months → 99,50 a month
    lines = suggested_lines([ReceiptData(Money.kr(199), "clothes")], months=2)
    assert lines[0].amount == Money.kr("99.50")
    with pytest.raises(ValueError):
        suggested_lines(MONTH, months=0)


receipts = st.lists(
    st.builds(
        ReceiptData,
        amount=st.integers(min_value=0, max_value=5_000_00).map(Money),
        category=st.sampled_from([c.code for c in EXPENSE_CATEGORIES]),
        need=st.sampled_from(["need", "nice"]),
    ),
    max_size=40,
)


@given(receipts)
def test_nothing_is_lost_between_receipts_summary_and_lines(items: list[ReceiptData]) -> None:
    summary = summarise_receipts(items)
    assert summary.total.ore == sum(r.amount.ore for r in items)
    assert sum(c.total.ore for c in summary.by_category) == summary.total.ore
    assert sum(ln.amount.ore for ln in suggested_lines(items)) == summary.total.ore
