"""The rate book: the one rule for "the rate on a date", the shipped tables, and the exchange file.

All figures in these tests that are not the shipped ones are invented test figures.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from boligdesk.budget.money import Money
from boligdesk.budget.ratebook import (
    BAILIFF_COURT_FEE,
    CASH_BENEFIT_2025,
    HOUSEHOLD_NORMS,
    REMINDER_FEE,
    TABLES,
    Origin,
    RateBook,
    RateEntry,
    export_bytes,
    parse_file,
    shipped_book,
    shipped_entries,
    validate_entry,
)
from boligdesk.budget.rates import fee_rate
from boligdesk.errors import UserInputError


def fee(day: dt.date, ore: int, origin: Origin = Origin.ORGANISATION, title: str = "Testkilde") -> RateEntry:
    return validate_entry(REMINDER_FEE, day, {"amount": ore}, source_title=title, origin=origin)


def test_the_rate_on_a_date_is_the_latest_entry_in_force_on_or_before_it() -> None:
    book = RateBook((fee(dt.date(2027, 1, 1), 40_000), fee(dt.date(2026, 1, 1), 35_000)))
    assert book.on(REMINDER_FEE, dt.date(2025, 12, 31)) is None  # nothing covers it: "ikke kendt"
    found = book.on(REMINDER_FEE, dt.date(2026, 1, 1))
    assert found is not None and found.entry.figure("amount") == Money(35_000)
    found = book.on(REMINDER_FEE, dt.date(2026, 12, 31))  # New Year's Eve: still last year's rate
    assert found is not None and found.entry.figure("amount") == Money(35_000)
    found = book.on(REMINDER_FEE, dt.date(2027, 1, 1))  # New Year's Day: the new rate
    assert found is not None and found.entry.figure("amount") == Money(40_000)


def test_the_organisations_entry_wins_over_the_shipped_one_for_the_same_date_only() -> None:
    shipped = fee(dt.date(2023, 1, 1), 31_400, Origin.SHIPPED, "Leveret")
    own = fee(dt.date(2023, 1, 1), 32_000, Origin.ORGANISATION, "Egen")
    older = fee(dt.date(2022, 1, 1), 29_100, Origin.SHIPPED, "Leveret 2022")
    for order in ((shipped, own, older), (own, older, shipped)):
        book = RateBook(order)
        assert [e.source_title for e in book.entries(REMINDER_FEE)] == ["Leveret 2022", "Egen"]
        assert book.shadowed(shipped) and not book.shadowed(own) and not book.shadowed(older)


def test_a_stale_yearly_rate_says_which_year_it_is_from_and_which_is_missing() -> None:
    book = RateBook((fee(dt.date(2024, 1, 1), 30_000),))
    found = book.on(REMINDER_FEE, dt.date(2026, 12, 1))
    assert found is not None
    assert found.warning == "Satsen er fra 2024 — der er ikke indtastet satser for 2026."
    assert "ikke indtastet satser for 2026" in book.status(REMINDER_FEE, dt.date(2026, 12, 1))
    current = book.on(REMINDER_FEE, dt.date(2024, 12, 31))
    assert current is not None and current.warning == ""


def test_a_fixed_fee_is_not_called_stale() -> None:
    found = shipped_book().on(BAILIFF_COURT_FEE, dt.date(2026, 12, 1))
    assert found is not None and found.warning == ""


def test_the_shipped_retsafgift_applies_from_1_october_2021_with_its_source() -> None:
    assert shipped_book().on(BAILIFF_COURT_FEE, dt.date(2021, 9, 30)) is None
    rate = fee_rate(BAILIFF_COURT_FEE, dt.date(2021, 10, 1))
    assert rate.amount == Money.kr(750)
    assert rate.verified and "425" in rate.source


def test_every_shipped_figure_has_a_source_and_only_verified_ones_claim_it() -> None:
    entries = shipped_entries()
    assert {e.table for e in entries} == set(TABLES)
    for entry in entries:
        assert entry.source_title
        if entry.verified:
            assert entry.source_url.startswith("https://")
    # Not found in a primary source: shipped marked as such, or not shipped at all.
    assert not any(e.verified for e in entries if e.table == REMINDER_FEE)
    reform = [e for e in entries if e.table == CASH_BENEFIT_2025]
    assert reform and all(v is None for _, v in reform[0].figures)


def test_a_missing_rate_is_reported_not_guessed() -> None:
    with pytest.raises(LookupError):
        fee_rate(REMINDER_FEE, dt.date(2021, 12, 31))


def test_validation_names_the_field_and_the_cause() -> None:
    with pytest.raises(UserInputError) as missing:
        validate_entry(HOUSEHOLD_NORMS, dt.date(2027, 1, 1), {"first_adult": 1}, source_title="x")
    assert missing.value.field == "extra_adult" and "Hver øvrig voksen" in missing.value.message
    with pytest.raises(UserInputError) as no_source:
        validate_entry(REMINDER_FEE, dt.date(2027, 1, 1), {"amount": 1}, source_title="  ")
    assert no_source.value.field == "source_title"
    with pytest.raises(UserInputError) as no_url:
        validate_entry(REMINDER_FEE, dt.date(2027, 1, 1), {"amount": 1}, source_title="x", verified=True)
    assert no_url.value.field == "source_url" and "primære kilde" in no_url.value.message
    with pytest.raises(UserInputError) as huge:
        validate_entry(REMINDER_FEE, dt.date(2027, 1, 1), {"amount": 10**13}, source_title="x")
    assert huge.value.field == "amount"


# --- the exchange file ----------------------------------------------------------------------------


def test_export_and_import_round_trip_every_field() -> None:
    entries = (
        fee(dt.date(2027, 1, 1), 33_300),
        validate_entry(
            HOUSEHOLD_NORMS,
            dt.date(2027, 1, 1),
            {"first_adult": 1, "extra_adult": 2, "child_0_1": 3, "child_2_6": 4, "child_7_17": 5},
            source_title="Opfundet kilde æøå »citat«",
            source_url="https://example.invalid/satser",
            verified=True,
            note="Linje 1\nLinje 2",
            entered_by="Rådgiver Æ",
        ),
        validate_entry(CASH_BENEFIT_2025, dt.date(2027, 1, 1), {"child_supplement": 7}, source_title="x"),
    )
    back = parse_file(export_bytes(entries, exported_on=dt.date(2026, 12, 1)))
    assert sorted(back, key=lambda e: e.table) == sorted(entries, key=lambda e: e.table)


HOSTILE = [
    (b"", "gyldig JSON"),
    (b"\xff\xfe\x00", "UTF-8"),
    (b"[]", "ikke en satsfil"),
    (b'{"format": "boligdesk-satser", "version": 2, "entries": []}', "version 2"),
    (b'{"format": "boligdesk-satser", "version": 1, "entries": {}}', "entries"),
    (b'{"format": "boligdesk-satser", "version": 1, "entries": [1]}', "sats nr. 1"),
    (b"[" * 100_000 + b"]" * 100_000, "gyldig JSON"),
    (b" " * 1_000_001, "1 MB"),
]


@pytest.mark.parametrize(("data", "reason"), HOSTILE)
def test_a_hostile_file_is_refused_with_a_danish_reason(data: bytes, reason: str) -> None:
    with pytest.raises(UserInputError) as refused:
        parse_file(data)
    assert reason in refused.value.message and "Intet er ændret" in refused.value.message


def _file(entries: list[object]) -> bytes:
    return json.dumps({"format": "boligdesk-satser", "version": 1, "entries": entries}).encode()


GOOD = {
    "table": "reminder_fee",
    "valid_from": "2027-01-01",
    "figures": {"amount": 33300},
    "source": {"title": "x", "url": ""},
}


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"table": "dragons"}, "kendes ikke"),
        ({"valid_from": "2027-02-30"}, "ikke en dato"),
        ({"figures": {"amount": "333"}}, "helt tal"),
        ({"figures": {"amount": -1}}, "mellem 0"),
        ({"figures": {"amount": 1.5}}, "helt tal"),
        ({"figures": {"amount": True}}, "helt tal"),
        ({"figures": {"amount": 1, "bonus": 2}}, "bonus"),
        ({"source": "x"}, "source"),
        ({"verified": "ja"}, "true eller false"),
    ],
)
def test_one_bad_entry_refuses_the_whole_file(change: dict[str, object], reason: str) -> None:
    with pytest.raises(UserInputError) as refused:
        parse_file(_file([GOOD, {**GOOD, "valid_from": "2028-01-01", **change}]))
    assert reason in refused.value.message
    assert "sats nr. 2" in refused.value.message


def test_the_same_table_and_date_twice_in_one_file_is_refused() -> None:
    with pytest.raises(UserInputError) as refused:
        parse_file(_file([GOOD, GOOD]))
    assert "to gange" in refused.value.message


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.fixed_dictionaries(
            {},
            optional={
                "table": st.sampled_from([*TABLES, "x"]) | st.text(max_size=8),
                "valid_from": st.dates().map(dt.date.isoformat) | JSONISH,
                "figures": st.dictionaries(st.sampled_from(["amount", "first_adult", "x"]), JSONISH)
                | JSONISH,
                "source": st.fixed_dictionaries({"title": st.text(max_size=30), "url": st.text(max_size=30)})
                | JSONISH,
                "verified": JSONISH,
                "note": JSONISH,
            },
        ),
        max_size=4,
    )
)
def test_any_file_is_either_read_whole_or_refused_with_a_message(entries: list[object]) -> None:
    try:
        parsed = parse_file(_file(entries))
    except UserInputError as exc:
        assert exc.message.startswith("Filen kan ikke læses som satser") or exc.code.startswith("rates.")
        return
    assert len(parsed) == len(entries)
    for entry in parsed:
        assert entry.table in TABLES and entry.origin is Origin.ORGANISATION


def test_the_old_kontanthjaelp_table_ends_on_30_june_2025_instead_of_going_stale() -> None:
    book = shipped_book()
    assert book.on("cash_benefit", dt.date(2025, 6, 30)) is not None
    assert book.on("cash_benefit", dt.date(2025, 7, 1)) is None
    assert book.short_status("cash_benefit", dt.date(2026, 12, 1)) == ("gælder til og med 30.06.2025", False)
    assert book.short_status(CASH_BENEFIT_2025, dt.date(2026, 12, 1)) == (
        "fra 01.07.2025 — beløb ikke kendt — mangler 2026",
        True,
    )
