"""The opening split of a lump of arrears (``budget/arrears_split.py``)."""

from __future__ import annotations

import datetime as dt

from boligdesk.budget.arrears_split import LUMP_TEXT, MAX_MONTHS, REST_TEXT, SplitPart, split_lump
from boligdesk.budget.money import Money
from boligdesk.budget.vocabulary import ArrearsKind

KR = Money.kr
D = dt.date
RENT, FEE, OTHER = ArrearsKind.RENT, ArrearsKind.REMINDER_FEE, ArrearsKind.OTHER


def total(parts: list[SplitPart]) -> Money:
    return Money(sum(p.amount.ore for p in parts))


def test_months_end_with_the_pakrav_month_and_cross_new_year_only_the_oldest_is_part_of_a_month() -> None:
    parts = split_lump(KR(13_300), rent=KR(6_200), reminder_on=D(2027, 1, 6), charged_fee=KR(300))
    assert [(p.kind, p.period, p.amount) for p in parts] == [
        (FEE, D(2027, 1, 6), KR(300)),
        (RENT, D(2026, 11, 1), KR(600)),
        (RENT, D(2026, 12, 1), KR(6_200)),
        (RENT, D(2027, 1, 1), KR(6_200)),
    ]
    assert total(parts) == KR(13_300)


def test_the_total_is_kept_to_the_ore() -> None:
    lump = Money(1_234_567)
    parts = split_lump(lump, rent=Money(456_789), reminder_on=D(2026, 2, 3), charged_fee=Money(29_100))
    assert total(parts) == lump
    assert all(p.amount.ore <= 456_789 for p in parts if p.kind is RENT)


def test_no_fee_is_invented_and_one_that_does_not_fit_is_left_out() -> None:
    without = split_lump(KR(12_400), rent=KR(6_200), reminder_on=D(2026, 3, 2), charged_fee=Money(0))
    assert [p.kind for p in without] == [RENT, RENT]
    too_big = split_lump(KR(200), rent=KR(6_200), reminder_on=D(2026, 3, 2), charged_fee=KR(300))
    assert [(p.kind, p.amount) for p in too_big] == [(RENT, KR(200))]


def test_rent_beyond_the_month_limit_or_before_moving_in_is_the_rest() -> None:
    many = split_lump(
        KR(1_000 * MAX_MONTHS + 50), rent=KR(1_000), reminder_on=D(2026, 6, 1), charged_fee=KR(0)
    )
    assert sum(1 for p in many if p.kind is RENT) == MAX_MONTHS
    assert (many[-1].kind, many[-1].text, many[-1].amount) == (OTHER, REST_TEXT, KR(50))
    assert total(many) == KR(1_000 * MAX_MONTHS + 50)
    new_tenant = split_lump(
        KR(5_000), rent=KR(2_000), reminder_on=D(2026, 1, 5), charged_fee=KR(0), moved_in=D(2025, 12, 15)
    )
    assert [(p.kind, p.period, p.amount) for p in new_tenant] == [
        (RENT, D(2025, 12, 1), KR(2_000)),
        (RENT, D(2026, 1, 1), KR(2_000)),
        (OTHER, None, KR(1_000)),
    ]


def test_without_the_rent_or_the_pakrav_date_the_rest_stays_one_rent_part() -> None:
    no_date = split_lump(KR(13_300), rent=KR(6_200), reminder_on=None, charged_fee=KR(300))
    assert [(p.kind, p.text, p.amount) for p in no_date] == [
        (FEE, "Påkravsgebyr", KR(300)),
        (RENT, LUMP_TEXT, KR(13_000)),
    ]
    no_rent = split_lump(KR(13_000), rent=Money(0), reminder_on=D(2026, 2, 1), charged_fee=Money(0))
    assert [(p.kind, p.text, p.amount) for p in no_rent] == [(RENT, LUMP_TEXT, KR(13_000))]
    assert split_lump(Money(0), rent=KR(6_200), reminder_on=D(2026, 2, 1), charged_fee=KR(300)) == []
