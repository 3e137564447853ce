"""Worked sync scenarios on real encrypted profiles: what an adviser sees on each laptop afterwards."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from boligdesk.budget.money import Money
from boligdesk.budget.vocabulary import CasePhase
from boligdesk.models import (
    Case,
    GeneratedLetter,
    JournalNote,
    Person,
    Setting,
    SyncConflict,
    SyncPeer,
)
from boligdesk.models.store import Store
from boligdesk.services.cases import NewCase
from boligdesk.sync.fileformat import decode
from boligdesk.sync.merge import apply_body
from boligdesk.sync.rowmerge import MergeInput
from boligdesk.sync.simulation import LaptopLab, Template, make_template
from tests.cases import create_case

TODAY = dt.date(2026, 11, 24)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    return make_template(tmp_path_factory.mktemp("skabelon") / "profil")


@pytest.fixture
def lab(tmp_path: Path, template: Template) -> Iterator[LaptopLab]:
    lab = LaptopLab(tmp_path, template)
    yield lab
    lab.close()


def new_case(store: Store, first_name: str = "Anna") -> str:
    return create_case(
        store,
        NewCase(
            first_name=first_name,
            last_name="Hansen",
            address_line="Lærkevej 4",
            postcode="2400",
            city="København NV",
            arrears=Money.kr(12850),
            termination_on=dt.date(2026, 11, 2),
        ),
        today=TODAY,
    )


def tenant_id(store: Store, case_id: str) -> str:
    with store.session() as s:
        case = s.get(Case, case_id)
        assert case is not None
        return case.tenant_id


def set_phone(store: Store, person_id: str, phone: str) -> None:
    with store.session() as s:
        person = s.get(Person, person_id)
        assert person is not None
        person.phone = phone


def phone(store: Store, person_id: str) -> str:
    with store.session() as s:
        person = s.get(Person, person_id)
        assert person is not None
        return person.phone


def conflicts(store: Store) -> list[tuple[str, str, object, object]]:
    with store.session() as s:
        return [
            (c.table_name, c.field, json.loads(c.kept_value), json.loads(c.lost_value))
            for c in s.scalars(select(SyncConflict).where(SyncConflict.resolved_at.is_(None)))
        ]


def test_case_made_on_one_laptop_arrives_complete_on_the_other(lab: LaptopLab) -> None:
    anne, bo = lab.laptop("anne"), lab.laptop("bo")
    case_id = new_case(anne)
    sent = lab.sync(anne)
    received = lab.sync(bo)
    assert sent.sent_rows == received.received_rows > 0
    with bo.session() as s:
        case = s.get(Case, case_id)
        assert case is not None
        assert case.tenant.full_name == "Anna Hansen"
        assert case.tenancy is not None and case.tenancy.full_address == "Lærkevej 4, 2400 København NV"
        assert case.arrears == Money.kr(12850)
        assert case.termination_on == dt.date(2026, 11, 2)
        assert case.phase is CasePhase.NEW


def test_money_dates_and_a_letters_pdf_travel_exactly(lab: LaptopLab) -> None:
    anne, bo = lab.laptop("anne"), lab.laptop("bo")
    case_id = new_case(anne)
    pdf = b"%PDF-1.4\n" + bytes(range(256)) * 40
    with anne.session() as s:
        s.add(GeneratedLetter(case_id=case_id, template="tilbud", title="Tilbud om rådgivning", pdf=pdf))
        case = s.get(Case, case_id)
        assert case is not None
        case.eviction_on = dt.date(2026, 12, 15)
        case.eviction_time_from = dt.time(9, 30)
        case.reminder_fee = Money(31400)
    lab.sync(anne)
    lab.sync(bo)
    with bo.session() as s:
        letter = s.scalars(select(GeneratedLetter)).one()
        assert letter.pdf == pdf
        case = s.get(Case, case_id)
        assert case is not None
        assert (case.eviction_on, case.eviction_time_from, case.reminder_fee) == (
            dt.date(2026, 12, 15),
            dt.time(9, 30),
            Money(31400),
        )


def test_same_field_changed_on_two_laptops_keeps_newest_and_shows_the_other_on_both(lab: LaptopLab) -> None:
    anne, bo = lab.laptop("anne"), lab.laptop("bo")
    person = tenant_id(anne, new_case(anne))
    lab.sync_all(rounds=1)
    set_phone(anne, person, "20 30 40 50")
    set_phone(bo, person, "31 41 51 61")  # later
    lab.sync_all(rounds=2)
    assert phone(anne, person) == phone(bo, person) == "31 41 51 61"
    expected = [("persons", "phone", "31 41 51 61", "20 30 40 50")]
    assert conflicts(anne) == expected
    assert conflicts(bo) == expected


def test_changing_a_value_after_seeing_it_is_an_ordinary_edit_not_a_conflict(lab: LaptopLab) -> None:
    anne, bo, carl = lab.laptop("anne"), lab.laptop("bo"), lab.laptop("carl")
    person = tenant_id(anne, new_case(anne))
    lab.sync_all(rounds=1)
    set_phone(anne, person, "20 30 40 50")
    lab.sync(anne)
    lab.sync(bo)
    set_phone(bo, person, "31 41 51 61")
    lab.sync(bo)
    lab.sync_all(rounds=2)
    assert {phone(store, person) for store in (anne, bo, carl)} == {"31 41 51 61"}
    assert conflicts(anne) == conflicts(bo) == conflicts(carl) == []


def test_different_fields_changed_on_two_laptops_are_both_kept(lab: LaptopLab) -> None:
    anne, bo = lab.laptop("anne"), lab.laptop("bo")
    person = tenant_id(anne, new_case(anne))
    lab.sync_all(rounds=1)
    set_phone(anne, person, "20 30 40 50")
    with bo.session() as s:
        found = s.get(Person, person)
        assert found is not None
        found.email = "anna@example.invalid"
    lab.sync_all(rounds=2)
    for store in (anne, bo):
        with store.session() as s:
            found = s.get(Person, person)
            assert found is not None
            assert (found.phone, found.email) == ("20 30 40 50", "anna@example.invalid")
    assert conflicts(anne) == conflicts(bo) == []


def test_journal_notes_written_on_two_laptops_are_both_kept(lab: LaptopLab) -> None:
    anne, bo = lab.laptop("anne"), lab.laptop("bo")
    case_id = new_case(anne)
    lab.sync_all(rounds=1)
    with anne.session() as s:
        s.add(JournalNote(case_id=case_id, text="Ringet, lagt besked.", author="Anne"))
    with bo.session() as s:
        s.add(JournalNote(case_id=case_id, text="Hjemmebesøg aftalt.", author="Bo"))
    lab.sync_all(rounds=2)
    for store in (anne, bo):
        with store.session() as s:
            assert set(s.scalars(select(JournalNote.text))) == {"Ringet, lagt besked.", "Hjemmebesøg aftalt."}
    assert conflicts(anne) == conflicts(bo) == []


def test_case_deleted_on_one_laptop_and_edited_later_on_another_is_kept_and_shown(lab: LaptopLab) -> None:
    anne, bo = lab.laptop("anne"), lab.laptop("bo")
    case_id = new_case(anne)
    lab.sync_all(rounds=1)
    with anne.session() as s:
        case = s.get(Case, case_id)
        assert case is not None
        case.deleted = True
    with bo.session() as s:
        case = s.get(Case, case_id)
        assert case is not None
        case.hearing_on = dt.date(2026, 12, 3)  # later than the deletion
    lab.sync_all(rounds=2)
    for store in (anne, bo):
        with store.session() as s:
            case = s.get(Case, case_id)
            assert case is not None
            assert case.deleted is False
            assert case.hearing_on == dt.date(2026, 12, 3)
        assert ("cases", "deleted", False, True) in conflicts(store)


def test_deletion_made_after_the_last_edit_wins_everywhere(lab: LaptopLab) -> None:
    anne, bo = lab.laptop("anne"), lab.laptop("bo")
    case_id = new_case(anne)
    lab.sync_all(rounds=1)
    with bo.session() as s:
        case = s.get(Case, case_id)
        assert case is not None
        case.hearing_on = dt.date(2026, 12, 3)
    lab.sync(bo)
    lab.sync(anne)
    with anne.session() as s:
        case = s.get(Case, case_id)
        assert case is not None
        case.deleted = True
    lab.sync_all(rounds=2)
    for store in (anne, bo):
        with store.session() as s:
            case = s.get(Case, case_id)
            assert case is not None and case.deleted is True
        assert conflicts(store) == []


def test_third_laptop_applies_files_in_the_order_their_writers_saw_them(lab: LaptopLab) -> None:
    laptops = [lab.laptop(f"pc{i}") for i in range(3)]
    # The laptop that edits second must come *first* in folder order, so plain folder order would be wrong.
    first, second, third = sorted(laptops, key=lambda st: st.device_id, reverse=True)
    person = tenant_id(first, new_case(first))
    lab.sync_all(rounds=1)
    set_phone(first, person, "20 30 40 50")
    lab.sync(first)
    lab.sync(second)
    set_phone(second, person, "31 41 51 61")
    lab.sync(second)
    lab.sync(third)
    assert phone(third, person) == "31 41 51 61"
    assert conflicts(third) == []


def test_a_conflict_settles_when_someone_who_saw_both_values_decides(lab: LaptopLab) -> None:
    from boligdesk.sync.conflicts import ItemKind, use_other

    anne, bo = lab.laptop("anne"), lab.laptop("bo")
    person = tenant_id(anne, new_case(anne))
    lab.sync_all(rounds=1)
    set_phone(anne, person, "20 30 40 50")
    set_phone(bo, person, "31 41 51 61")
    lab.sync_all(rounds=2)
    with anne.session() as s:
        conflict_id = s.scalars(select(SyncConflict.id)).one()
    use_other(anne, ItemKind.CONFLICT, conflict_id)
    lab.sync_all(rounds=2)
    assert phone(anne, person) == phone(bo, person) == "20 30 40 50"
    assert conflicts(anne) == conflicts(bo) == []


def test_a_setting_made_on_two_laptops_under_the_same_key_becomes_one(lab: LaptopLab) -> None:
    anne, bo = lab.laptop("anne"), lab.laptop("bo")
    with anne.session() as s:
        s.add(Setting(key="letterhead.sender", value=json.dumps("Boligsocialt Team Nord")))
    with bo.session() as s:
        s.add(Setting(key="letterhead.sender", value=json.dumps("Team Nord, Boligrådgivningen")))
    lab.sync_all(rounds=2)
    values = set()
    for store in (anne, bo):
        with store.session() as s:
            values.add(s.scalars(select(Setting.value).where(Setting.key == "letterhead.sender")).one())
    assert len(values) == 1
    lost = {c[3] for store in (anne, bo) for c in conflicts(store)}
    assert {json.loads(v) for v in values} | {json.loads(str(v)) for v in lost} == {
        "Boligsocialt Team Nord",
        "Team Nord, Boligrådgivningen",
    }


def test_reapplying_a_file_changes_nothing(lab: LaptopLab) -> None:
    anne, bo = lab.laptop("anne"), lab.laptop("bo")
    person = tenant_id(anne, new_case(anne))
    lab.sync_all(rounds=1)
    set_phone(anne, person, "20 30 40 50")
    set_phone(bo, person, "31 41 51 61")
    summary = lab.sync(anne)
    lab.sync(bo)
    connection = lab.connections[bo.device_id]
    path = connection.team.outbox(anne.device_id) / summary.sent_file
    _header, body = decode(
        path.read_bytes(),
        connection.team.file_key(connection.team_key),
        team=connection.team.team_id,
        device=anne.device_id,
        seq=int(summary.sent_file.split(".")[0]),
    )

    def snapshot() -> tuple[object, ...]:
        with bo.session() as s:
            p = s.get(Person, person)
            assert p is not None
            return (p.phone, p.field_clocks, p.updated_at, len(s.scalars(select(SyncConflict)).all()))

    before = snapshot()
    with bo.session() as s:
        ctx = MergeInput(bo.device_id, anne.device_id, body.knowledge, {}, bo.clock.is_too_far_in_future)
        stats = apply_body(s, body, ctx, bo.clock)
    assert stats.rows == 0 and stats.conflicts == 0
    assert snapshot() == before


def test_a_laptop_joining_later_gets_everything_and_sends_nothing_back(lab: LaptopLab) -> None:
    anne, bo = lab.laptop("anne"), lab.laptop("bo")
    new_case(anne, "Anna")
    new_case(bo, "Bent")
    lab.sync_all(rounds=2)
    carl = lab.laptop("carl")
    first = lab.sync(carl)
    assert first.sent_rows == 0
    with carl.session() as s:
        assert set(s.scalars(select(Person.first_name))) == {"Anna", "Bent"}
        assert s.get(SyncPeer, carl.device_id) is not None
    assert lab.sync(carl).received_rows == 0


def test_a_correction_sent_before_the_note_it_corrects_is_applied(
    lab: LaptopLab, monkeypatch: pytest.MonkeyPatch
) -> None:
    import boligdesk.sync.engine as engine

    anne, bo = lab.laptop("anne"), lab.laptop("bo")
    case_id = new_case(anne)
    with anne.session() as s:
        first = JournalNote(case_id=case_id, text="Lejer har betalt.")
        s.add(first)
        s.flush()
        s.add(
            JournalNote(case_id=case_id, text="Rettelse: lejer har betalt halvdelen.", corrects_id=first.id)
        )
    collect = engine.collect_changes

    def corrections_first(*args: object, **kwargs: object) -> object:
        changes = collect(*args, **kwargs)  # type: ignore[arg-type]
        changes.rows.get("journal_notes", []).sort(key=lambda row: row["corrects_id"] is None)
        return changes

    monkeypatch.setattr(engine, "collect_changes", corrections_first)
    lab.sync(anne)
    assert lab.sync(bo).ok
    with bo.session() as s:
        assert len(s.scalars(select(JournalNote)).all()) == 2


def test_rows_from_an_older_boligdesk_without_a_newer_column_get_its_default(lab: LaptopLab) -> None:
    anne, bo = lab.laptop("anne"), lab.laptop("bo")
    new_case(anne)
    summary = lab.sync(anne)
    connection = lab.connections[bo.device_id]
    path = connection.team.outbox(anne.device_id) / summary.sent_file
    _header, body = decode(
        path.read_bytes(),
        connection.team.file_key(connection.team_key),
        team=connection.team.team_id,
        device=anne.device_id,
        seq=1,
    )
    for row in body.rows["persons"]:
        del row["preferred_language"]
    body.rows["persons"][0]["a_column_from_the_future"] = "ignored"
    with bo.session() as s:
        ctx = MergeInput(bo.device_id, anne.device_id, body.knowledge, {}, bo.clock.is_too_far_in_future)
        apply_body(s, body, ctx, bo.clock)
    with bo.session() as s:
        person = s.scalars(select(Person)).one()
        assert (person.first_name, person.preferred_language) == ("Anna", "dansk")
