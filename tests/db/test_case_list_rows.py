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


# --- the list read with the driver alone at start-up (decisions §36) ---------------------------------
NEW_YEAR = dt.date(2026, 12, 29)


def _varied_profile(store: Store) -> None:
    """Cases that exercise every column and rule of the list: æøå and the longest names, a case with and
    one without an estate, one without a tenancy at all, deadlines over Christmas and New Year, follow-ups
    (passed and coming), a closed, a withdrawn and a deleted case."""
    from boligdesk.models import Case, FollowUp
    from tests.db.case_samples import make_estate
    from tests.db.case_setup import new_case

    estate = make_estate(store, number="007", name="Æblehaven Østergård")
    with_estate = new_case(
        store,
        first_name="Åse Ærø",
        last_name="Øster-Ålund",
        estate_id=estate,
        tenancy_number="7-Å12",
    )
    no_estate = new_case(store, first_name="Jørgen", last_name="Æbelø", phone="", postcode="", city="")
    long_name = new_case(store, first_name="Bodil " * 8, last_name="Længstnavn-Sørensen " * 4)
    no_tenancy = new_case(store, first_name="Søren", last_name="Uden Lejemål")
    closed = new_case(store, first_name="Lukket", last_name="Sag", termination_on=dt.date(2026, 12, 30))
    withdrawn = new_case(
        store, first_name="Trukket", last_name="Tilbage", termination_on=dt.date(2026, 12, 1)
    )
    deleted = new_case(store, first_name="Slettet", last_name="Sag")
    with store.session() as s:
        # the reminder's deadline runs over Christmas and New Year
        s.get(Case, with_estate).reminder_sent_on = dt.date(2026, 12, 21)  # type: ignore[union-attr]
        s.get(Case, closed).termination_on = dt.date(2026, 12, 30)  # type: ignore[union-attr]
        s.get(Case, withdrawn).termination_on = dt.date(2026, 12, 1)  # type: ignore[union-attr]
        s.get(Case, no_tenancy).tenancy_id = None  # type: ignore[union-attr]
        s.get(Case, closed).closed_on = dt.date(2026, 12, 28)  # type: ignore[union-attr]
        s.get(Case, withdrawn).withdrawn_on = dt.date(2026, 12, 20)  # type: ignore[union-attr]
        s.get(Case, deleted).deleted = True  # type: ignore[union-attr]
        hearing = s.get(Case, no_estate)
        assert hearing is not None
        hearing.termination_on = dt.date(2026, 12, 2)
        hearing.hearing_on = dt.date(2027, 1, 4)
        s.add(FollowUp(case_id=long_name, due_on=dt.date(2027, 1, 1), text="Ring nytårsdag"))
        s.add(FollowUp(case_id=long_name, due_on=dt.date(2026, 12, 1), text="Forbi"))
        s.add(FollowUp(case_id=with_estate, due_on=dt.date(2026, 12, 24), text="Juleaften"))
        s.add(FollowUp(case_id=no_tenancy, due_on=dt.date(2026, 12, 31), done_on=NEW_YEAR, text="Klaret"))


@pytest.mark.parametrize("today", [NEW_YEAR, dt.date(2027, 1, 2)])
def test_the_list_read_with_the_driver_alone_is_the_list_the_desk_reads(store: Store, today: dt.date) -> None:
    from boligdesk.models.store import unlock_key
    from boligdesk.services.case_list_rows import read_first_list
    from tests.conftest import TEST_PASSPHRASE

    _varied_profile(store)
    orm = Desk(store, today=lambda: today).case_list.rows()
    first = read_first_list(store.profile.db_path, unlock_key(store.profile, TEST_PASSPHRASE), today)
    assert len(orm) == 6  # the deleted case is in neither
    assert first.rows == orm
    assert [r.search_text for r in first.rows] == [r.search_text for r in orm]
    assert [(r.next_deadline, r.arrears, r.kind, r.phase) for r in first.rows] == [
        (r.next_deadline, r.arrears, r.kind, r.phase) for r in orm
    ]
    by_name = {r.tenant_name: r for r in first.rows}
    assert by_name["Søren Uden Lejemål"].address == "" and by_name["Søren Uden Lejemål"].estate_id is None
    assert by_name["Jørgen Æbelø"].estate_name == ""
    assert by_name["Åse Ærø Øster-Ålund"].estate_name == "007 Æblehaven Østergård"
    assert by_name["Åse Ærø Øster-Ålund"].next_deadline is not None
    assert by_name["Lukket Sag"].closed and by_name["Lukket Sag"].next_deadline is None
    assert first.revision and Desk(store, today=lambda: today).case_list.still_current(first)
    assert not Desk(store, today=lambda: today + dt.timedelta(days=1)).case_list.still_current(first)


def test_the_driver_alone_refuses_a_wrong_key_and_changes_nothing(store: Store) -> None:
    from boligdesk.services.case_list_rows import read_first_list

    _varied_profile(store)
    store.checkpoint()
    before = store.profile.db_path.read_bytes()
    with pytest.raises(Exception, match=r"not a database|file is not"):
        read_first_list(store.profile.db_path, bytes(32), TODAY)
    assert store.profile.db_path.read_bytes() == before
