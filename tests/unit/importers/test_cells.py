"""One cell as an amount, a date or a name — worked examples a social worker can check by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from boligdesk.budget.money import Money
from boligdesk.errors import UserInputError
from boligdesk.importers.cells import date_of, money_of, not_far_future, split_name, text_of


@pytest.mark.parametrize(
    ("cell", "ore"),
    [
        ("1.234,50", 123450),
        ("1234,5", 123450),
        ("1234.50", 123450),
        ("12.000", 1200000),
        ("kr. 1.234,50", 123450),
        ("8.412,50 kr.", 841250),
        ("0", 0),
        (Decimal("8412.5"), 841250),
        (Decimal("12000"), 1200000),
    ],
)
def test_amounts_are_read_the_danish_way(cell: str | Decimal, ore: int) -> None:
    assert money_of(cell, "Restance") == Money(ore)


def test_a_negative_amount_is_refused_with_the_value_shown() -> None:
    with pytest.raises(UserInputError) as err:
        money_of("-500,00", "Restance")
    assert err.value.message == "Restance: Beløbet »-500,00« er negativt."
    with pytest.raises(UserInputError) as err:
        money_of(Decimal("-12"), "Husleje")
    assert err.value.message == "Husleje: Beløbet »-12« er negativt."


def test_text_that_is_not_an_amount_is_refused() -> None:
    with pytest.raises(UserInputError) as err:
        money_of("ca. 5000", "Restance")
    assert err.value.message == "Restance: »ca. 5000« er ikke et beløb. Skriv fx 1.234,50 eller 1234,5."


def test_an_excel_number_with_fractions_of_an_ore_is_refused() -> None:
    with pytest.raises(UserInputError) as err:
        money_of(Decimal("1234.567"), "Restance")
    assert err.value.message == "Restance: »1234,567« har mere end to decimaler."


def test_a_date_in_an_amount_column_is_refused() -> None:
    with pytest.raises(UserInputError) as err:
        money_of(dt.date(2026, 3, 5), "Restance")
    assert err.value.message == "Restance: »05.03.2026« er en dato, ikke et beløb."


@pytest.mark.parametrize(
    "cell",
    [
        "05-03-2026",
        "5.3.2026",
        "05.03.2026",
        "5/3/2026",
        "2026-03-05",
        "5.3.26",
        "2026-03-05 00:00:00",
        "05.03.2026 kl. 12.00",
        "5. marts 2026",
        "5-mar-2026",
        dt.date(2026, 3, 5),
        Decimal(46086),  # Excel's day number for 5 March 2026 in a cell formatted as "Standard"
    ],
)
def test_dates_are_read_in_every_danish_form(cell: str | dt.date | Decimal) -> None:
    assert date_of(cell, "Ophævet") == dt.date(2026, 3, 5)


def test_an_impossible_date_is_refused_naming_the_column_and_value() -> None:
    with pytest.raises(UserInputError) as err:
        date_of("31-02-2026", "Ophævet")
    assert err.value.message == "Ophævet: Datoen »31-02-2026« findes ikke. Tjek dag og måned."


def test_text_that_is_not_a_date_is_refused() -> None:
    with pytest.raises(UserInputError) as err:
        date_of("i næste uge", "Ophævelsesdato")
    assert err.value.message == (
        "Ophævelsesdato: »i næste uge« er ikke en dato. Skriv dag.måned.år, fx 24.11.2026."
    )
    with pytest.raises(UserInputError) as err:
        date_of(Decimal(12), "Ophævelsesdato")
    assert err.value.code == "date.invalid"


def test_a_date_more_than_a_year_ahead_is_a_typing_error_in_the_year() -> None:
    today = dt.date(2026, 3, 10)
    not_far_future(dt.date(2027, 3, 10), "Ophævet", today)
    with pytest.raises(UserInputError) as err:
        not_far_future(dt.date(2028, 3, 5), "Ophævet", today)
    assert err.value.message == (
        "Ophævet: Datoen 05.03.2028 ligger mere end et år ude i fremtiden. Tjek årstallet."
    )


@pytest.mark.parametrize(
    ("full", "first", "last"),
    [
        ("Kjærgård, Åse", "Åse", "Kjærgård"),
        ("Hansen, Jens Peter", "Jens Peter", "Hansen"),
        ("Jens Peter Hansen", "Jens Peter", "Hansen"),
        ("Søren  Øbro", "Søren", "Øbro"),
        ("Madonna", "Madonna", ""),
        ("Øbro,", "Øbro", ""),
    ],
)
def test_names_are_split_into_first_and_last_name(full: str, first: str, last: str) -> None:
    assert split_name(full) == (first, last)


_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzæøåÆØÅ-", min_size=1, max_size=10)


@given(st.lists(_WORD, min_size=1, max_size=5))
def test_splitting_a_name_loses_nothing(words: list[str]) -> None:
    full = " ".join(words)
    first, last = split_name(full)
    assert f"{first} {last}".strip() == full


def test_number_cells_in_text_columns_keep_all_their_digits() -> None:
    assert text_of(Decimal("12345678")) == "12345678"
    assert text_of(Decimal("2400")) == "2400"
    assert text_of(" 12-0101 ") == "12-0101"
    assert text_of(None) == ""
