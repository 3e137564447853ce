"""Household facts a social worker checks by hand: ages, children turning 18, adults and children.

Rules:

* A person's age on a date is the number of birthdays they have had by then. Someone born on 29 February
  has their birthday on 1 March in years that are not leap years (so they turn 18 on 1 March).
* For norms (rådighedssatser, kontanthjælp) a person counts as a **child** while under 18 on the date,
  and as an **adult** from the 18th birthday. When no birth date is known, the role registered on the
  household member (adult/child) decides.
* Børne- og ungeydelsen is paid until the child turns 18, so a child's 18th birthday within the next
  months is worth telling the adviser about.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from boligdesk.budget.calendar import add_months, format_long

ADULT_AGE = 18


@dataclass(frozen=True, slots=True)
class HouseholdPerson:
    """One member of the household as the rules see it. ``is_child`` is the role registered on the case."""

    name: str
    birth_date: dt.date | None
    is_child: bool = False


@dataclass(frozen=True, slots=True)
class HouseholdCount:
    """Adults and children on a date; ``child_ages`` holds the known ages (unknown ages are left out)."""

    adults: int
    children: int
    child_ages: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Turning18:
    name: str
    birthday: dt.date

    @property
    def text(self) -> str:
        """``Mathias fylder 18 den 3. marts 2027 — børne- og ungeydelsen stopper``."""
        who = self.name.strip() or "Et barn"
        return f"{who} fylder 18 den {format_long(self.birthday)} — børne- og ungeydelsen stopper"


def birthday_in_year(birth_date: dt.date, year: int) -> dt.date:
    """The birthday in ``year``; 29 February falls on 1 March in a year that is not a leap year."""
    try:
        return birth_date.replace(year=year)
    except ValueError:
        return dt.date(year, 3, 1)


def age_on(birth_date: dt.date, on: dt.date) -> int:
    """Completed years on ``on``. Raises ``ValueError`` when ``on`` is before the birth date."""
    if on < birth_date:
        raise ValueError("the date is before the birth date")
    years = on.year - birth_date.year
    if on < birthday_in_year(birth_date, on.year):
        years -= 1
    return years


def ages_on(people: Iterable[HouseholdPerson], on: dt.date) -> list[tuple[str, int | None]]:
    """(name, age) for each person; age is None when the birth date is unknown or after ``on``."""
    result: list[tuple[str, int | None]] = []
    for person in people:
        if person.birth_date is None or person.birth_date > on:
            result.append((person.name, None))
        else:
            result.append((person.name, age_on(person.birth_date, on)))
    return result


def is_child_on(person: HouseholdPerson, on: dt.date) -> bool:
    """Under 18 on ``on`` (by birth date when known, otherwise by the registered role)."""
    if person.birth_date is None:
        return person.is_child
    if person.birth_date > on:
        return True  # not born yet on that date: counts as a child when it arrives
    return age_on(person.birth_date, on) < ADULT_AGE


def count_for_norms(people: Sequence[HouseholdPerson], on: dt.date) -> HouseholdCount:
    """Number of adults and children on ``on``, for comparing a budget with the norms."""
    adults = 0
    children = 0
    ages: list[int] = []
    for person in people:
        if is_child_on(person, on):
            children += 1
            if person.birth_date is not None and person.birth_date <= on:
                ages.append(age_on(person.birth_date, on))
        else:
            adults += 1
    return HouseholdCount(adults, children, tuple(sorted(ages)))


def eighteenth_birthday(birth_date: dt.date) -> dt.date:
    return birthday_in_year(birth_date, birth_date.year + ADULT_AGE)


def children_turning_18(
    people: Iterable[HouseholdPerson], today: dt.date, months: int = 6
) -> list[Turning18]:
    """Household members whose 18th birthday is from ``today`` up to ``months`` months ahead, soonest first."""
    if months < 0:
        raise ValueError("months must be >= 0")
    horizon = add_months(today, months)
    found = [
        Turning18(p.name, eighteenth_birthday(p.birth_date))
        for p in people
        if p.birth_date is not None and today <= eighteenth_birthday(p.birth_date) <= horizon
    ]
    return sorted(found, key=lambda t: (t.birthday, t.name))
