"""Rows travel as JSON-safe values and come back as the same Python values."""

from __future__ import annotations

import datetime as dt
import json

from hypothesis import given
from hypothesis import strategies as st

from boligdesk.budget.money import Money
from boligdesk.budget.vocabulary import CaseKind
from boligdesk.sync.serialize import codecs, table_order

SYNC = {
    "id": "c1",
    "created_at": dt.datetime(2026, 11, 24, 9, 30, 12, 5000),
    "updated_at": "x",
    "updated_by": "d",
    "deleted": False,
    "field_clocks": "{}",
}


def test_tables_are_sent_parents_first() -> None:
    order = table_order()
    assert order.index("persons") < order.index("cases") < order.index("journal_notes")
    assert order.index("budgets") < order.index("budget_lines")


@given(ore=st.integers(-(10**12), 10**12), day=st.dates(), kind=st.sampled_from(list(CaseKind)))
def test_case_values_survive_the_trip_exactly(ore: int, day: dt.date, kind: CaseKind) -> None:
    codec = codecs()["cases"]
    python = (
        {name: None for name in codec.columns}
        | SYNC
        | {
            "arrears": Money(ore),
            "eviction_on": day,
            "kind": kind,
            "eviction_time_from": dt.time(9, 30),
            "wants_personal_meeting": True,
            "terminations_this_year": 2,
            "number": "2026-0001",
        }
    )
    encoded = codec.encode(python)
    assert json.loads(json.dumps(encoded)) == encoded
    assert encoded["arrears"] == ore
    decoded = codec.decode(encoded)
    for name in (
        "arrears",
        "eviction_on",
        "kind",
        "eviction_time_from",
        "created_at",
        "wants_personal_meeting",
    ):
        assert decoded[name] == python[name]


def test_letter_pdf_bytes_survive_the_trip() -> None:
    codec = codecs()["generated_letters"]
    pdf = bytes(range(256)) * 3
    python = {name: None for name in codec.columns} | SYNC | {"pdf": pdf}
    assert codec.decode(json.loads(json.dumps(codec.encode(python))))["pdf"] == pdf
