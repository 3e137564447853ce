"""Column headers are recognised however the landlord's system spells them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from boligdesk.importers.headers import (
    SYNONYMS,
    Column,
    hint,
    map_headers,
    match_header,
    missing_required,
)


@pytest.mark.parametrize(
    ("header", "column"),
    [
        ("Lejemålsnr.", Column.TENANCY_NUMBER),
        ("LEJEMÅL", Column.TENANCY_NUMBER),
        ("Lejenummer", Column.TENANCY_NUMBER),
        ("lejemålsnummer", Column.TENANCY_NUMBER),
        ("Lejemaals-nr", Column.TENANCY_NUMBER),
        ("Lejers navn", Column.NAME),
        ("Lejer", Column.NAME),
        ("Fornavn", Column.FIRST_NAME),
        ("Efternavn", Column.LAST_NAME),
        ("Vej", Column.ADDRESS),
        ("Post nr.", Column.POSTCODE),
        ("By", Column.CITY),
        ("Postnr. og by", Column.POSTCODE_CITY),
        ("Afd.", Column.ESTATE),
        ("Afdelingsnr", Column.ESTATE),
        ("Restancebeløb", Column.ARREARS),
        ("Skyldigt beløb", Column.ARREARS),
        ("Restance (kr.)", Column.ARREARS),
        ("Restance DKK", Column.ARREARS),
        ("Månedlig leje", Column.RENT),
        ("Ophævet", Column.TERMINATION_ON),
        ("Dato for ophævelse", Column.TERMINATION_ON),
        ("Ophaevelsesdato", Column.TERMINATION_ON),
        ("Påkravsdato", Column.REMINDER_SENT_ON),
        ("Tlf.", Column.PHONE),
        ("Mobil", Column.PHONE),
        ("E-mail", Column.EMAIL),
    ],
)
def test_common_danish_header_names_are_recognised(header: str, column: Column) -> None:
    assert match_header(header) is column


def test_headers_boligdesk_does_not_use_are_ignored() -> None:
    assert match_header("Sagsbehandler hos udlejer") is None
    assert match_header("") is None


_DECORATION = st.sampled_from(["", " ", ".", ":", "-", "  ", "*"])


@given(
    st.sampled_from([(column, name) for column, names in SYNONYMS.items() for name in names]),
    _DECORATION,
    _DECORATION,
    st.booleans(),
)
def test_case_spaces_and_punctuation_around_a_synonym_do_not_matter(
    synonym: tuple[Column, str], before: str, after: str, upper: bool
) -> None:
    column, name = synonym
    text = before + (name.upper() if upper else name.title()) + after
    assert match_header(text) is column


def test_when_two_headers_name_one_column_the_first_is_used() -> None:
    found = map_headers(["Telefon", "Navn", "Mobil"])
    assert found[Column.PHONE] == 0


def test_first_name_may_stand_in_for_the_full_name_column() -> None:
    headers = ["Lejemål", "Fornavn", "Efternavn", "Adresse", "Afd", "Restance", "Ophævet"]
    assert missing_required(map_headers(headers)) == []


def test_missing_required_columns_are_named_in_order() -> None:
    found = map_headers(["Navn", "Adresse", "Restance"])
    assert missing_required(found) == [Column.TENANCY_NUMBER, Column.ESTATE, Column.TERMINATION_ON]


def test_the_hint_for_a_missing_column_offers_its_other_names() -> None:
    assert hint(Column.TENANCY_NUMBER) == "»Lejemålsnr.« (eller lejemål, lejenummer, lejemålsnummer)"
    assert hint(Column.NAME) == "»Navn« (eller lejer, lejers navn, fornavn og efternavn)"
