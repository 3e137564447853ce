"""The merge rules for one row, without a database (worked examples and an order-independence property)."""

from __future__ import annotations

import itertools
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from boligdesk.models.hlc import MAX_DRIFT_MS, HlcValue
from boligdesk.sync.fileformat import Knowledge
from boligdesk.sync.rowmerge import MergeInput, merge_existing, merge_new
from boligdesk.sync.serialize import SerialRow

COLUMNS = ("id", "created_at", "updated_at", "updated_by", "deleted", "field_clocks", "phone", "email")
ME, ANNE, BO = "aaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbb", "cccccccccccccccc"
NOW = 1_795_490_000_000


def clock(minute: int, device: str, counter: int = 0) -> str:
    return HlcValue(NOW + minute * 60_000, counter, device).encode()


def row(clocks: dict[str, str], *, deleted: bool = False, **values: str) -> SerialRow:
    newest = max([clock(0, ME), *clocks.values()])
    data: SerialRow = {
        "id": "r1",
        "created_at": "2026-11-24T09:00:00",
        "updated_at": newest,
        "updated_by": newest.split("-", 2)[2],
        "deleted": deleted,
        "field_clocks": json.dumps(clocks, sort_keys=True),
        "phone": "",
        "email": "",
    }
    data.update(values)
    return data


def ctx(
    sender: str, sender_knows: dict[str, str] | None = None, i_know: dict[str, str] | None = None
) -> MergeInput:
    return MergeInput(
        me=ME,
        sender=sender,
        sender_knowledge={d: Knowledge(1, m) for d, m in (sender_knows or {}).items()},
        my_knowledge={d: Knowledge(1, m) for d, m in (i_know or {}).items()},
        too_far=lambda c: HlcValue.decode(c).millis > NOW + 60 * 60_000 + MAX_DRIFT_MS,
    )


def test_later_concurrent_edit_wins_and_the_earlier_value_is_kept_as_conflict() -> None:
    local = row({"phone": clock(1, ME)}, phone="11111111")
    remote = row({"phone": clock(2, ANNE)}, phone="22222222")
    merged = merge_existing(COLUMNS, local, remote, ctx(ANNE))
    assert merged.changes["phone"] == "22222222"
    assert [(c.field, c.kept_value, c.lost_value) for c in merged.lost] == [("phone", "22222222", "11111111")]


def test_older_concurrent_edit_loses_but_is_kept_as_conflict() -> None:
    local = row({"phone": clock(3, ME)}, phone="11111111")
    remote = row({"phone": clock(2, ANNE)}, phone="22222222")
    merged = merge_existing(COLUMNS, local, remote, ctx(ANNE))
    assert "phone" not in merged.changes
    assert [(c.kept_value, c.lost_value, c.lost_device) for c in merged.lost] == [
        ("11111111", "22222222", ANNE)
    ]


def test_overwriting_a_value_the_writer_had_seen_is_no_conflict() -> None:
    local = row({"phone": clock(1, ME)}, phone="11111111")
    remote = row({"phone": clock(2, ANNE)}, phone="22222222")
    merged = merge_existing(COLUMNS, local, remote, ctx(ANNE, sender_knows={ME: clock(1, ME)}))
    assert merged.changes["phone"] == "22222222"
    assert merged.lost == []


def test_different_fields_changed_on_two_laptops_are_both_kept() -> None:
    local = row({"phone": clock(1, ME)}, phone="11111111")
    remote = row({"email": clock(2, ANNE)}, email="anne@example.invalid")
    merged = merge_existing(COLUMNS, local, remote, ctx(ANNE))
    assert merged.changes["email"] == "anne@example.invalid"
    assert "phone" not in merged.changes
    assert merged.lost == []
    assert json.loads(str(merged.changes["field_clocks"])) == {"phone": clock(1, ME), "email": clock(2, ANNE)}


def test_a_value_relayed_from_a_third_laptop_waits_for_that_laptops_own_file() -> None:
    local = row({}, phone="")
    remote = row({"phone": clock(2, BO)}, phone="33333333")
    assert merge_existing(COLUMNS, local, remote, ctx(ANNE)).changes == {}


def test_deletion_older_than_an_edit_elsewhere_keeps_the_row_and_reports_it() -> None:
    local = row({"phone": clock(5, ME)}, phone="11111111")
    remote = row({"deleted": clock(3, ANNE)}, deleted=True)
    merged = merge_existing(COLUMNS, local, remote, ctx(ANNE))
    assert merged.changes.get("deleted", False) is False
    assert [(c.field, c.kept_value, c.lost_value) for c in merged.lost] == [("deleted", False, True)]


def test_edit_arriving_after_an_older_deletion_brings_the_row_back() -> None:
    local = row({"deleted": clock(3, ME)}, deleted=True)
    remote = row({"phone": clock(5, ANNE)}, phone="22222222")
    merged = merge_existing(COLUMNS, local, remote, ctx(ANNE))
    assert merged.changes["deleted"] is False
    assert merged.changes["phone"] == "22222222"
    assert [c.field for c in merged.lost] == ["deleted"]


def test_deletion_after_the_last_edit_wins() -> None:
    local = row({"phone": clock(1, ME)}, phone="11111111")
    remote = row({"deleted": clock(4, ANNE)}, deleted=True)
    merged = merge_existing(COLUMNS, local, remote, ctx(ANNE, sender_knows={ME: clock(1, ME)}))
    assert merged.changes["deleted"] is True
    assert merged.lost == []


def test_a_clock_far_in_the_future_is_held_not_applied() -> None:
    local = row({"phone": clock(1, ME)}, phone="11111111")
    remote = row({"phone": clock(3 * 24 * 60, ANNE)}, phone="22222222")
    merged = merge_existing(COLUMNS, local, remote, ctx(ANNE))
    assert merged.changes == {}
    assert [(h.field, h.value) for h in merged.held] == [("phone", "22222222")]
    assert merged.observed == []


def test_a_new_row_from_a_fast_clock_is_inserted_but_its_values_do_not_outrank_later_edits() -> None:
    remote = row({"phone": clock(3 * 24 * 60, ANNE)}, phone="22222222")
    merged = merge_new(COLUMNS, remote, ctx(ANNE))
    assert merged.changes["phone"] == "22222222"
    assert json.loads(str(merged.changes["field_clocks"])) == {}


def test_settings_made_on_two_laptops_under_one_key_keep_one_value_and_record_the_other() -> None:
    local = row({}, phone="A")
    remote = row({}, phone="B")
    merged = merge_existing(COLUMNS, local, remote, ctx(ANNE), same_identity_by_key=True)
    assert merged.changes["phone"] == "B"
    assert [(c.kept_value, c.lost_value) for c in merged.lost] == [("B", "A")]
    mirrored = merge_existing(COLUMNS, remote, local, ctx(ME), same_identity_by_key=True)
    assert "phone" not in mirrored.changes
    assert [(c.kept_value, c.lost_value) for c in mirrored.lost] == [("B", "A")]


# --- property: the order files arrive in does not matter ---------------------------------------------

edits = st.lists(
    st.tuples(
        st.sampled_from([ANNE, BO, "dddddddddddddddd"]),
        st.sampled_from(["phone", "email", "deleted"]),
        st.integers(1, 30),
    ),
    min_size=1,
    max_size=6,
    unique_by=lambda e: (e[0], e[1]),
)


@settings(max_examples=60, deadline=None)
@given(edits=edits)
def test_merging_the_same_versions_in_any_order_gives_the_same_row(edits: list[tuple[str, str, int]]) -> None:
    versions: dict[str, SerialRow] = {}
    for device, name, minute in edits:
        version = versions.setdefault(device, row({}))
        clocks = json.loads(str(version["field_clocks"]))
        clocks[name] = clock(minute, device)
        version["field_clocks"] = json.dumps(clocks, sort_keys=True)
        version[name] = True if name == "deleted" else f"{name}-{device[:1]}-{minute}"
        version["updated_at"] = max(str(version["updated_at"]), clocks[name])
    results = set()
    for order in itertools.permutations(versions):
        current = row({})
        entered = set()
        lost = set()
        for device in order:
            merged = merge_existing(COLUMNS, current, versions[device], ctx(device))
            current = {**current, **merged.changes}
            lost |= {(c.field, c.lost_value) for c in merged.lost}
        for device in order:
            for name in ("phone", "email"):
                if versions[device][name]:
                    entered.add((name, versions[device][name]))
        for name, value in entered:
            assert current[name] == value or (name, value) in lost
        results.add((current["phone"], current["email"], current["deleted"], current["field_clocks"]))
    assert len(results) == 1
