"""``desk.tenancy``: the home the case is about (invented addresses only)."""

from __future__ import annotations

import datetime as dt

import pytest

from boligdesk.budget.money import Money
from boligdesk.models.store import Store
from boligdesk.services.changes import Changes, Part
from boligdesk.services.tenancy import TenancyField
from tests.db.case_samples import desk, details, make_estate, new_case, refused


def test_tenancy_fields_and_estate_are_saved(store: Store) -> None:
    case_id = new_case(store)
    estate_id = make_estate(store)
    tenancy = desk(store).tenancy
    assert tenancy.set_field(case_id, "estate_id", estate_id) == Changes.of(case_id, Part.TENANCY)
    tenancy.set_field(case_id, "tenancy_number", "12-034-05")
    tenancy.set_field(case_id, "rent", Money.kr("7123.50"))
    tenancy.set_field(case_id, "move_in_date", dt.date(2015, 8, 1))
    tenancy.set_field(case_id, "rooms", 3)
    info = details(store, case_id).tenancy
    assert info is not None
    assert (info.estate_name, info.association_name) == ("12 Engparken", "Boligselskabet Fjordglimt")
    assert (info.tenancy_number, info.rent, info.rooms) == ("12-034-05", Money(712350), 3)
    assert [c.label for c in desk(store).estates.choices()] == ["Boligselskabet Fjordglimt · 12 Engparken"]


def test_a_deleted_estate_is_not_offered(store: Store) -> None:
    make_estate(store, deleted=True)
    assert desk(store).estates.choices() == []


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("address_line", "", "Skriv lejemålets adresse."),
        ("postcode", "240", "Postnummeret skal være fire cifre, fx 2400."),
        ("rent", Money.kr(-1), "Huslejen kan ikke være negativ."),
        ("rent", Money.kr(650000), "En husleje på 650.000,00 kr. om måneden er usandsynlig. Tjek beløbet."),
        ("rooms", 0, "Antal værelser skal være et helt tal fra 1 til 20."),
        ("rooms", "tre", "Antal værelser skal være et helt tal fra 1 til 20."),
        ("estate_id", "nope", "Afdelingen findes ikke. Vælg en afdeling på listen."),
        (
            "move_in_date",
            dt.date(2027, 6, 1),
            "Indflytningsdatoen ligger mere end et år ude i fremtiden. Tjek årstallet.",
        ),
    ],
)
def test_bad_tenancy_values_are_refused(
    store: Store, field: TenancyField, value: object, message: str
) -> None:
    case_id = new_case(store)
    error = refused(desk(store).tenancy.set_field, case_id, field, value)
    assert (error.field, error.message) == (field, message)


def test_a_deleted_estate_is_refused(store: Store) -> None:
    case_id = new_case(store)
    gone = make_estate(store, deleted=True)
    error = refused(desk(store).tenancy.set_field, case_id, "estate_id", gone)
    assert error.code == "case.estate_unknown"
