"""The case list read in batches (issue 15, memory): every case comes back once, the same as in one batch,
with shared copies of the values that repeat."""

from __future__ import annotations

import datetime as dt

import pytest

from boligdesk.models.store import Store
from boligdesk.services import case_list
from boligdesk.services.demo import populate
from boligdesk.services.desk import Desk

TODAY = dt.date(2026, 11, 24)


def test_the_list_read_in_small_batches_is_the_list_read_at_once(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    populate(store, 9, today=TODAY)
    desk = Desk(store, today=lambda: TODAY)
    at_once = desk.case_list.rows()
    monkeypatch.setattr(case_list, "_BATCH", 2)
    in_batches = desk.case_list.rows()
    assert len(at_once) == 9 and len({r.id for r in in_batches}) == 9
    assert in_batches == at_once
    assert [r.search_text for r in in_batches] == [r.search_text for r in at_once]
    by_estate: dict[str, str] = {}
    for row in in_batches:
        by_estate.setdefault(row.estate_name, row.estate_name)
        assert row.estate_name is by_estate[row.estate_name]  # one copy per estate, not one per case
