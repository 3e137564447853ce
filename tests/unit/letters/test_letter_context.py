"""The values a letter is filled with, from plain case facts."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from boligdesk.budget.money import Money
from boligdesk.letters.context import household_text, letter_fields, missed_instalment
from boligdesk.letters.fields import FIELDS
from boligdesk.letters.letterhead import Letterhead, Sender
from tests.unit.letters.samples import LETTERHEAD, SENDER, sample_facts, sample_plan


def test_every_documented_field_gets_a_value_or_is_marked_unknown() -> None:
    assert set(letter_fields(sample_facts(), LETTERHEAD, SENDER)) == set(FIELDS)


def test_fields_of_a_case_with_plan_and_budget() -> None:
    values = letter_fields(sample_facts(), LETTERHEAD, SENDER)
    assert values["dato"] == "24. november 2026"
    assert values["restance"] == "12.345,50 kr."
    assert values["restance_husleje"] == "12.250,00 kr."
    assert values["restance_gebyrer"] == "95,50 kr."
    assert values["afdrag"] == "3.086,37 kr."
    assert values["sidste_afdrag"] == "3.086,39 kr."
    assert values["afdrag_antal"] == "4"
    assert values["afdrag_start"] == "4. januar 2027"  # 1 January is a holiday, the 2nd and 3rd a weekend
    assert values["betaling_pr_maaned"] == "9.211,37 kr."  # 6.125,00 rent + 3.086,37
    assert values["fogeddato"] == "15. december 2026"
    assert values["fogedtid"] == "09:30–13:00"
    assert values["husstand"] == "1 voksen og 2 børn"
    assert values["rest_pr_maaned"] == "8.947,00 kr."
    assert values["afsender_navn"] == "Anne Rådgiversen"
    assert values["organisation"] == "Boligsocialt Team Eksempel"
    assert values["organisation_adresse"] == "Forvaltningsvej 1, 2400 København NV"


def test_a_case_without_plan_budget_or_eviction_date_leaves_those_fields_unknown() -> None:
    facts = sample_facts(plan=None, budget=None, eviction_on=None, eviction_time="")
    values = letter_fields(facts, Letterhead(), Sender(name="Anne"))
    for name in (
        "afdrag",
        "afdrag_antal",
        "betaling_pr_maaned",
        "rest_pr_maaned",
        "fogeddato",
        "manglende_beloeb",
    ):
        assert values[name] is None, name
    assert values["fogedtid"] == ""
    assert values["organisation"] == ""


@pytest.mark.parametrize(
    ("adults", "children", "text"),
    [(1, 0, "1 voksen"), (2, 0, "2 voksne"), (1, 1, "1 voksen og 1 barn"), (2, 3, "2 voksne og 3 børn")],
)
def test_the_household_in_words(adults: int, children: int, text: str) -> None:
    assert household_text(adults, children) == text


ROWS = sample_plan().rows  # 3.086,37 due 04.01, 01.02, 01.03; 3.086,39 due 01.04.2027


def test_nothing_is_missed_before_the_first_due_date() -> None:
    assert missed_instalment(ROWS, Money(0), dt.date(2027, 1, 4)) == (None, Money(0))


def test_a_missed_instalment_is_the_first_one_payments_do_not_cover() -> None:
    # Paid the first instalment only; on 10 February the second (due 1 February) is missing.
    assert missed_instalment(ROWS, Money(308_637), dt.date(2027, 2, 10)) == (
        dt.date(2027, 2, 1),
        Money(308_637),
    )
    # A part payment of 1.000 kr. on the first: the first is still short by 2.086,37.
    assert missed_instalment(ROWS, Money(100_000), dt.date(2027, 1, 20)) == (
        dt.date(2027, 1, 4),
        Money(208_637),
    )


def test_paying_ahead_leaves_nothing_missing() -> None:
    assert missed_instalment(ROWS, Money(1_000_000), dt.date(2027, 3, 2)) == (None, Money(0))


@given(paid=st.integers(min_value=0, max_value=2_000_000), day=st.integers(min_value=0, max_value=150))
def test_the_missing_amount_is_what_is_due_minus_what_is_paid_never_negative(paid: int, day: int) -> None:
    today = dt.date(2027, 1, 1) + dt.timedelta(days=day)
    first, overdue = missed_instalment(ROWS, Money(paid), today)
    due = sum(r.instalment.ore for r in ROWS if r.due_on < today)
    assert overdue == Money(max(0, due - paid))
    assert (first is None) == (overdue == Money(0))


def test_the_debt_dealt_with_is_the_plans_when_there_is_one() -> None:
    plan = dataclasses.replace(sample_plan(), debt=Money(1_000_000))
    assert sample_facts(plan=plan).debt_total == Money(1_000_000)
    assert sample_facts(plan=None).debt_total == Money(1_234_550)
