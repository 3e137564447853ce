"""Ages, children turning 18 (child benefit stops) and counting adults/children for the norms."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from boligdesk.budget.household import (
    HouseholdPerson,
    age_on,
    ages_on,
    children_turning_18,
    count_for_norms,
    eighteenth_birthday,
    is_child_on,
)

TODAY = dt.date(2026, 11, 24)


def test_age_counts_completed_birthdays() -> None:
    born = dt.date(1980, 11, 25)
    assert age_on(born, dt.date(2026, 11, 24)) == 45
    assert age_on(born, dt.date(2026, 11, 25)) == 46


def test_someone_born_on_29_february_turns_a_year_older_on_1_march_in_ordinary_years() -> None:
    born = dt.date(2008, 2, 29)
    assert age_on(born, dt.date(2026, 2, 28)) == 17
    assert age_on(born, dt.date(2026, 3, 1)) == 18
    assert eighteenth_birthday(born) == dt.date(2026, 3, 1)
    assert age_on(born, dt.date(2028, 2, 29)) == 20


def test_age_before_birth_is_refused() -> None:
    with pytest.raises(ValueError):
        age_on(dt.date(2020, 1, 1), dt.date(2019, 12, 31))


def test_ages_leave_unknown_birth_dates_empty() -> None:
    people = [HouseholdPerson("Mette", dt.date(1985, 6, 1)), HouseholdPerson("Ukendt", None)]
    assert ages_on(people, TODAY) == [("Mette", 41), ("Ukendt", None)]


def test_child_turning_18_within_the_horizon_gets_the_benefit_sentence() -> None:
    people = [
        HouseholdPerson("Mette Hansen", dt.date(1985, 6, 1)),
        HouseholdPerson("Mathias", dt.date(2009, 3, 3), is_child=True),
        HouseholdPerson("Sofie", dt.date(2012, 1, 10), is_child=True),
    ]
    found = children_turning_18(people, TODAY, months=6)
    assert [t.name for t in found] == ["Mathias"]
    assert found[0].text == "Mathias fylder 18 den 3. marts 2027 — børne- og ungeydelsen stopper"


def test_horizon_is_inclusive_at_both_ends() -> None:
    today_18 = HouseholdPerson("A", dt.date(2008, 11, 24), is_child=True)
    last_day = HouseholdPerson("B", dt.date(2009, 5, 24), is_child=True)
    day_after = HouseholdPerson("C", dt.date(2009, 5, 25), is_child=True)
    names = [t.name for t in children_turning_18([day_after, last_day, today_18], TODAY, months=6)]
    assert names == ["A", "B"]


def test_a_child_who_already_turned_18_is_not_announced_again() -> None:
    people = [HouseholdPerson("Emil", dt.date(2008, 11, 23), is_child=True)]
    assert children_turning_18(people, TODAY, months=12) == []


def test_counting_for_norms_uses_age_on_the_date_and_falls_back_to_the_role() -> None:
    people = [
        HouseholdPerson("Mette", dt.date(1985, 6, 1)),
        HouseholdPerson("Jonas", None),  # adult, birth date unknown
        HouseholdPerson("Mathias", dt.date(2008, 3, 3), is_child=True),  # 18 already: an adult now
        HouseholdPerson("Sofie", dt.date(2019, 1, 10), is_child=True),
        HouseholdPerson("Baby", None, is_child=True),
    ]
    count = count_for_norms(people, TODAY)
    assert (count.adults, count.children) == (3, 2)
    assert count.child_ages == (7,)


def test_a_child_registered_as_adult_but_aged_15_counts_as_a_child() -> None:
    assert is_child_on(HouseholdPerson("Ida", dt.date(2011, 1, 1), is_child=False), TODAY)


@given(
    st.dates(min_value=dt.date(1920, 1, 1), max_value=dt.date(2030, 12, 31)),
    st.integers(min_value=0, max_value=36_500),
)
def test_age_never_decreases_and_grows_by_one_on_each_birthday(born: dt.date, days: int) -> None:
    on = born + dt.timedelta(days=days)
    assert age_on(born, on) <= age_on(born, on + dt.timedelta(days=1)) <= age_on(born, on) + 1


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2040, 12, 31)))
def test_a_person_is_17_the_day_before_the_18th_birthday_and_18_on_it(born: dt.date) -> None:
    birthday = eighteenth_birthday(born)
    assert age_on(born, birthday - dt.timedelta(days=1)) == 17
    assert age_on(born, birthday) == 18


@given(st.lists(st.builds(HouseholdPerson, st.text(max_size=5), st.none() | st.dates(), st.booleans())))
def test_everybody_is_counted_once_as_adult_or_child(people: list[HouseholdPerson]) -> None:
    count = count_for_norms(people, TODAY)
    assert count.adults + count.children == len(people)
    assert len(count.child_ages) <= count.children
    assert all(0 <= a < 18 for a in count.child_ages)
