"""The field framework on its own: parsing, limits, required, references, tables (no store, no Qt)."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

import pytest

from boligdesk.budget.money import Money
from boligdesk.errors import UserInputError
from boligdesk.services.fields import (
    Context,
    Field,
    FieldTable,
    Kind,
    Limit,
    PersonalData,
    must_exist,
    not_after_today,
    not_before_year,
    not_far_ahead,
)

TODAY = dt.date(2026, 3, 10)
CTX = Context(TODAY)


class Colour(StrEnum):
    RED = "red"
    BLUE = "blue"


TABLE = FieldTable(
    "thing",
    "things",
    (
        Field(
            "name",
            "Navn",
            Kind.TEXT,
            PersonalData.IDENTIFYING,
            required=True,
            max_length=5,
            noun="Navnet",
            missing_code="thing.name_missing",
            missing="Skriv et navn.",
        ),
        Field(
            "price",
            "Pris",
            Kind.MONEY,
            PersonalData.PLAIN,
            empty=Money(0),
            minimum=Limit(Money(0), "money.negative", "Prisen kan ikke være negativ."),
            maximum=Limit(Money.kr(10), "thing.too_dear", "{shown} er for dyrt."),
        ),
        Field(
            "count",
            "Antal",
            Kind.INT,
            PersonalData.PLAIN,
            minimum=Limit(1, "thing.count", "Antal skal være fra 1 til 3."),
            maximum=Limit(3, "thing.count", "Antal skal være fra 1 til 3."),
        ),
        Field(
            "on",
            "Dato",
            Kind.DATE,
            PersonalData.PLAIN,
            minimum=not_before_year(1990, "Datoen"),
            maximum=not_far_ahead("Datoen"),
        ),
        Field(
            "seen",
            "Set",
            Kind.DATE,
            PersonalData.PLAIN,
            maximum=not_after_today("thing.future", "Ikke i fremtiden."),
        ),
        Field("colour", "Farve", Kind.ENUM, PersonalData.PLAIN, enum=Colour),
        Field("ok", "OK", Kind.BOOL, PersonalData.PLAIN),
        Field(
            "estate_id",
            "Afdeling",
            Kind.REF,
            PersonalData.PLAIN,
            ref="estate",
            rules=(must_exist("thing.unknown", "Findes ikke."),),
        ),
        Field("note", "Note", Kind.TEXT, PersonalData.FREE_TEXT),
    ),
)


def refused(name: str, value: object, ctx: Context = CTX) -> UserInputError:
    with pytest.raises(UserInputError) as info:
        TABLE.parse(name, value, ctx)
    assert info.value.field == name
    return info.value


def test_text_is_trimmed_and_limited() -> None:
    assert TABLE.parse("name", "  Ib  ", CTX) == "Ib"
    error = refused("name", "Kirsten")
    assert (error.code, error.message, error.params) == (
        "text.too_long",
        "Navnet er for lang (højst 5 tegn).",
        {"max": 5},
    )


def test_a_required_field_must_be_filled_and_an_optional_one_may_be_empty() -> None:
    assert (refused("name", "  ").code, refused("name", None).message) == (
        "thing.name_missing",
        "Skriv et navn.",
    )
    assert TABLE.parse("note", None, CTX) == ""
    assert TABLE.parse("on", "", CTX) is None
    assert TABLE.parse("price", None, CTX) == Money(0), "an empty amount is its field's empty value"


def test_money_limits_show_the_amount_the_danish_way() -> None:
    assert TABLE.parse("price", "9,50", CTX) == Money(950)
    assert refused("price", Money.kr(-1)).message == "Prisen kan ikke være negativ."
    assert refused("price", "12").message == "12,00 kr. er for dyrt."


def test_whole_numbers_from_text_or_int() -> None:
    assert TABLE.parse("count", "2", CTX) == 2
    assert refused("count", "to").message == "Antal skal være fra 1 til 3."
    assert refused("count", 4).code == "thing.count"
    with pytest.raises(TypeError):
        TABLE.parse("count", True, CTX)


def test_dates_are_checked_against_today() -> None:
    assert TABLE.parse("on", "5.3.2026", CTX) == dt.date(2026, 3, 5)
    assert refused("on", dt.date(1989, 12, 31)).message == "Datoen ligger før 1990. Tjek årstallet."
    assert refused("on", dt.date(2027, 3, 11)).code == "date.far_future"
    assert TABLE.parse("on", dt.date(2027, 3, 10), CTX) == dt.date(2027, 3, 10)
    assert refused("seen", dt.date(2026, 3, 11)).message == "Ikke i fremtiden."
    assert TABLE.parse("seen", dt.date(2026, 3, 11), Context(dt.date(2026, 3, 11))) == dt.date(2026, 3, 11)
    with pytest.raises(TypeError):
        TABLE.parse("on", dt.datetime(2026, 3, 1, 12, 0), CTX)


def test_enums_bools_and_references() -> None:
    assert TABLE.parse("colour", "red", CTX) is Colour.RED
    with pytest.raises(TypeError):
        TABLE.parse("colour", "green", CTX)
    assert TABLE.parse("ok", False, CTX) is False
    live = Context(TODAY, exists=lambda kind, row_id: (kind, row_id) == ("estate", "e1"))
    assert TABLE.parse("estate_id", "e1", live) == "e1"
    assert refused("estate_id", "e2", live).message == "Findes ikke."
    assert TABLE.parse("estate_id", "", live) is None


def test_validate_stops_at_the_first_bad_field_and_sort_out_collects_them_all() -> None:
    assert TABLE.validate({"name": " Ib ", "count": "3"}, CTX) == {"name": "Ib", "count": 3}
    with pytest.raises(UserInputError) as info:
        TABLE.validate({"name": "Ib", "price": "-1", "count": "9"}, CTX)
    assert info.value.field == "price"
    good, errors = TABLE.sort_out({"name": "Ib", "price": "-1", "count": "9"}, CTX)
    assert good == {"name": "Ib"}
    assert [e.field for e in errors] == ["price", "count"]
    with pytest.raises(KeyError):
        TABLE.validate({"nope": 1}, CTX)


def test_a_table_knows_its_labels_and_refuses_a_field_declared_twice() -> None:
    assert TABLE.labels()["price"] == "Pris"
    assert TABLE.names[:2] == ("name", "price")
    assert "colour" in TABLE and "nope" not in TABLE
    with pytest.raises(ValueError):
        FieldTable("x", "xs", (TABLE["name"], TABLE["name"]))


def test_the_real_tables_mark_what_identifies_a_person() -> None:
    from boligdesk.services.cases import CASE_FIELDS
    from boligdesk.services.household import MEMBER_FIELDS
    from boligdesk.services.tenancy import TENANCY_FIELDS
    from boligdesk.services.tenant import TENANT_FIELDS

    tables = (TENANT_FIELDS, MEMBER_FIELDS, TENANCY_FIELDS, CASE_FIELDS)
    identifying = {(t.entity, f.name) for t in tables for f in t if f.pd is PersonalData.IDENTIFYING}
    assert {("person", "first_name"), ("person", "phone"), ("person", "birth_date")} <= identifying
    assert ("tenancy", "address_line") in identifying and ("case", "arrears") not in identifying
