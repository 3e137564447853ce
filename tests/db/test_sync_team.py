"""The team's lifecycle: retiring a laptop (a synced, audited fact the acknowledgement state honours by
itself), the membership list, handing cases over, and moving a profile — with laptops created
independently (each its own profile and its own join), as real laptops are."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from boligdesk.budget.vocabulary import AuditAction
from boligdesk.errors import UserInputError
from boligdesk.models import AuditEvent, Person, RetiredLaptop
from boligdesk.models.store import Store
from boligdesk.services.desk import Desk
from boligdesk.sync.acks import acknowledged, active_laptops, lowest_ack
from boligdesk.sync.simulation import LaptopLab


@pytest.fixture
def lab(tmp_path: Path) -> Iterator[LaptopLab]:
    lab = LaptopLab(tmp_path, independent=True)
    yield lab
    lab.close()


def add_person(store: Store, name: str) -> None:
    with store.session() as s:
        s.add(Person(first_name=name))


def names(store: Store) -> set[str]:
    with store.session() as s:
        return set(s.scalars(select(Person.first_name).where(Person.deleted.is_(False))))


def acked(store: Store, device: str, seq: int) -> bool:
    with store.session() as s:
        return acknowledged(s, device, seq)


def desk_for(store: Store, adviser: str) -> Desk:
    desk = Desk(store, adviser_name=adviser)
    desk.advisers.set_current(adviser)
    return desk


def test_independent_laptops_have_their_own_keys_and_still_sync(lab: LaptopLab) -> None:
    anne, bo = lab.laptop("anne"), lab.laptop("bo")
    assert anne.profile.key_path.read_bytes() != bo.profile.key_path.read_bytes()
    add_person(anne, "Fra Anne")
    add_person(bo, "Fra Bo")
    lab.sync_all(rounds=2)
    assert names(anne) == names(bo) == {"Fra Anne", "Fra Bo"}


def test_a_retired_laptop_no_longer_holds_up_acknowledgement(lab: LaptopLab) -> None:
    anne, bo, carl = lab.laptop("anne"), lab.laptop("bo"), lab.laptop("carl")
    lab.sync_all(rounds=1)  # every laptop has an outbox and a manifest
    add_person(anne, "Første")
    lab.sync(anne)
    lab.sync(bo)
    lab.sync(anne)  # anne reads bo's manifest: bo has applied file 1; carl (lost) never will
    assert not acked(anne, anne.device_id, 1)

    bo_desk = desk_for(bo, "Bo Berg")
    bo_desk.sync.retire(carl.device_id[:8], "Bærbaren er stjålet")
    lab.sync(bo)
    lab.sync(anne)  # anne learns of the retirement through bo's file: acks skip carl by themselves
    assert acked(anne, anne.device_id, 1)
    with anne.session() as s:
        assert active_laptops(s) == {anne.device_id, bo.device_id}
        floor = lowest_ack(s, anne.device_id)
        assert floor is not None and floor.seq == 1
        row = s.scalars(select(RetiredLaptop)).one()
        assert (row.device_id, row.reason, row.retired_by) == (
            carl.device_id,
            "Bærbaren er stjålet",
            "Bo Berg",
        )
    with bo.session() as s:
        audit = s.scalars(select(AuditEvent).where(AuditEvent.entity == "retired_laptop")).one()
        assert audit.action is AuditAction.CREATE and audit.actor == "Bo Berg"


def test_a_retired_laptops_files_still_apply_and_it_hears_that_it_is_retired(lab: LaptopLab) -> None:
    anne, bo = lab.laptop("anne"), lab.laptop("bo")
    lab.sync_all(rounds=1)
    add_person(bo, "Skrevet før tilbagekaldelsen")
    lab.sync(bo)
    lab.sync(anne)
    desk_for(anne, "Anne And").sync.retire(bo.device_id, "Udskiftet med en ny bærbar")
    lab.sync(anne)
    add_person(bo, "Skrevet bagefter")
    lab.sync(bo)  # bo has not heard yet; its file still applies
    assert lab.sync(anne).ok
    assert names(anne) == {"Skrevet før tilbagekaldelsen", "Skrevet bagefter"}
    told = lab.sync(bo)
    assert any("tilbagekaldt fra teamet" in line for line in told.lines())


def test_a_lost_file_applied_by_every_active_laptop_is_not_resent_for_a_retired_one(lab: LaptopLab) -> None:
    anne, bo, carl = lab.laptop("anne"), lab.laptop("bo"), lab.laptop("carl")
    lab.sync_all(rounds=1)
    add_person(anne, "Første")
    first = lab.sync(anne).sent_file
    lab.sync(bo)
    lab.sync(anne)  # bo has applied file 1; carl (never syncing again) has not
    with anne.session() as s:
        floor = lowest_ack(s, anne.device_id)
        assert floor is not None and floor.seq == 0  # carl would make anne re-send file 1 if it went
    desk_for(bo, "Bo Berg").sync.retire(carl.device_id, "Rådgiveren er stoppet")
    lab.sync(bo)
    lab.sync(anne)
    (lab.connections[anne.device_id].team.outbox(anne.device_id) / first).unlink()
    summary = lab.sync(anne)
    assert not summary.resent, summary.lines()
    assert summary.ok


def test_retire_refuses_this_laptop_unknown_laptops_no_reason_and_twice(lab: LaptopLab) -> None:
    anne, bo = lab.laptop("anne"), lab.laptop("bo")
    lab.sync_all(rounds=2)
    desk = desk_for(anne, "Anne And")
    with pytest.raises(UserInputError) as exc:
        desk.sync.retire(anne.device_id, "Gammel")
    assert "kan ikke tilbagekalde sig selv" in exc.value.message
    with pytest.raises(UserInputError) as exc:
        desk.sync.retire("ukendt-computer", "Væk")
    assert "ingen computer" in exc.value.message
    with pytest.raises(UserInputError) as exc:
        desk.sync.retire(bo.device_id, "   ")
    assert exc.value.field == "reason"
    desk.sync.retire(bo.device_id, "Stjålet")
    with pytest.raises(UserInputError) as exc:
        desk.sync.retire(bo.device_id, "Stjålet igen")
    assert "allerede tilbagekaldt" in exc.value.message


def test_the_membership_list_names_advisers_last_sync_and_status(lab: LaptopLab) -> None:
    anne, bo, carl = lab.laptop("anne"), lab.laptop("bo"), lab.laptop("carl")
    anne_desk, bo_desk = desk_for(anne, "Anne And"), desk_for(bo, "Bo Berg")
    desk_for(carl, "Carl Christensen")
    lab.sync_all(rounds=2)
    bo_desk.sync.retire(carl.device_id, "Stjålet fra bilen")
    lab.sync(bo)
    lab.sync(anne)
    listed = anne_desk.sync.members()
    assert [(m.device_id, m.adviser, m.status, m.this_laptop) for m in listed] == [
        (anne.device_id, "Anne And", "Aktiv", True),
        (bo.device_id, "Bo Berg", "Aktiv", False),
        (carl.device_id, "Carl Christensen", "Tilbagekaldt", False),
    ]
    assert listed[2].reason == "Stjålet fra bilen" and listed[2].retired_by == "Bo Berg"
    assert all(m.last_seen is not None for m in listed[1:])
    assert " kl. " in listed[1].last_seen_text


def test_hand_over_moves_open_cases_audited_and_synced(lab: LaptopLab) -> None:
    import datetime as dt

    from boligdesk.models import Case

    anne, bo = lab.laptop("anne"), lab.laptop("bo")
    desk = desk_for(anne, "Anne And")
    leaving = desk.advisers.ensure("Lise Leaving")
    staying = desk.advisers.ensure("Bo Berg")
    with anne.session() as s:
        tenant = Person(first_name="Lejer")
        s.add(tenant)
        s.flush()
        cases = [Case(number=f"2026-000{i}", tenant_id=tenant.id, adviser_id=leaving) for i in range(3)]
        cases[2].closed_on = dt.date(2026, 10, 1)
        s.add_all(cases)
        s.flush()
        open_ids = {cases[0].id, cases[1].id}
    with pytest.raises(UserInputError):
        desk.advisers.hand_over(leaving, leaving)
    done = desk.advisers.hand_over(leaving, staying)
    assert done.count == 2 and done.changes.case_ids == open_ids
    assert done.line() == "2 åbne sager er overdraget fra Lise Leaving til Bo Berg."
    assert {(r.name, r.open_cases) for r in desk.advisers.list()} >= {("Lise Leaving", 0), ("Bo Berg", 2)}
    with anne.session() as s:
        events = s.scalars(
            select(AuditEvent).where(AuditEvent.entity == "case", AuditEvent.action == AuditAction.UPDATE)
        ).all()
        assert {e.case_id for e in events} == open_ids and all("adviser_id" in e.detail for e in events)
    lab.sync_all(rounds=2)
    with bo.session() as s:
        owners = dict(s.execute(select(Case.number, Case.adviser_id)).all())
    assert owners == {"2026-0000": staying, "2026-0001": staying, "2026-0002": leaving}


def test_moving_a_profile_join_the_new_laptop_then_retire_the_old_one(lab: LaptopLab) -> None:
    """The documented path (README "Moving to a new laptop"): nothing but the ordinary join and sync."""
    anne, bo = lab.laptop("anne-gammel"), lab.laptop("bo")
    add_person(anne, "Sag fra den gamle bærbar")
    add_person(bo, "Sag fra Bo")
    lab.sync_all(rounds=2)
    add_person(anne, "Sidste ændring på den gamle")
    lab.sync(anne)  # the old laptop syncs one last time

    new = lab.laptop("anne-ny")  # a fresh profile of its own, joined with the team passphrase
    first = lab.sync(new)
    assert first.ok, first.lines()
    assert names(new) == {"Sag fra den gamle bærbar", "Sag fra Bo", "Sidste ændring på den gamle"}
    desk_for(new, "Anne And").sync.retire(anne.device_id, "Udskiftet med en ny bærbar")
    lab.laptops.remove(anne)
    anne.close()
    add_person(new, "Første på den nye")
    lab.sync_all(rounds=2)
    assert names(bo) == names(new)
    with bo.session() as s:
        assert active_laptops(s) == {bo.device_id, new.device_id}
        # what the new laptop sent is acknowledged without waiting for the old one
        assert acknowledged(s, new.device_id, 1)


def test_a_moved_profile_leaves_its_adviser_twice_until_merged_then_one_row_on_every_laptop(
    lab: LaptopLab,
) -> None:
    """Moving a profile (join the new laptop, retire the old) creates the adviser a second time under a
    new id; »Flet« makes them one row again — the lowest id, chosen alike on every laptop, so two laptops
    merging at once agree — with every case (closed ones too) on it, and the new laptop follows."""
    import datetime as dt

    from boligdesk.models import Adviser, Case

    old, bo = lab.laptop("anne-gammel"), lab.laptop("bo")
    old_desk = desk_for(old, "Anne And")
    with old.session() as s:
        tenant = Person(first_name="Lejer")
        s.add(tenant)
        s.flush()
        s.add(Case(number="2026-0001", tenant_id=tenant.id, adviser_id=old_desk.adviser_id))
        s.add(
            Case(
                number="2026-0002",
                tenant_id=tenant.id,
                adviser_id=old_desk.adviser_id,
                closed_on=dt.date(2026, 10, 1),
            )
        )
    desk_for(bo, "Bo Berg")
    lab.sync_all(rounds=2)
    new = lab.laptop("anne-ny")
    new_desk = desk_for(new, " anne  AND ")  # typed a little differently on the new laptop
    assert lab.sync(new).ok
    new_desk.sync.retire(old.device_id, "Udskiftet")
    lab.laptops.remove(old)
    old.close()
    lab.sync_all(rounds=2)

    bo_desk = Desk(bo, adviser_name="Bo Berg")
    assert bo_desk.advisers.adopt_current()
    assert [[r.name for r in g] for g in bo_desk.advisers.namesakes()] in (
        [["Anne And", " anne  AND "]],
        [[" anne  AND ", "Anne And"]],
    )
    with pytest.raises(UserInputError, match="kun én gang"):
        bo_desk.advisers.merge_same_name(bo_desk.adviser_id or "")
    # both laptops merge before hearing of each other's merge
    merged = new_desk.advisers.merge_same_name(new_desk.adviser_id or "")
    bo_desk.advisers.merge_same_name(bo_desk.advisers.namesakes()[0][1].id)
    keep = min(old_desk.adviser_id or "", new_desk.adviser_id or "")
    assert new_desk.adviser_id == keep and merged.retired == 1
    lab.sync_all(rounds=2)
    for store in (bo, new):
        with store.session() as s:
            live_rows = s.scalars(select(Adviser.id).where(Adviser.deleted.is_(False))).all()
            owners = set(s.scalars(select(Case.adviser_id)))
        assert keep in live_rows and len(live_rows) == 2  # Anne once, Bo once
        assert owners == {keep}
    assert Desk(bo, adviser_name="Bo Berg").advisers.namesakes() == []
    # a laptop whose own row was merged away elsewhere follows it when it opens again
    again = Desk(new)
    assert again.advisers.adopt_current() and again.adviser_id == keep
