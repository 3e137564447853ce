"""A laptop whose clock is wrong by days cannot win unfairly, and nobody's change is lost."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from boligdesk.models import Person, SyncConflict, SyncQuarantine
from boligdesk.models.store import Store
from boligdesk.sync.conflicts import ItemKind, list_open, use_other
from boligdesk.sync.simulation import LaptopLab, Template, make_template

DAY_MS = 24 * 60 * 60 * 1000


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    return make_template(tmp_path_factory.mktemp("skabelon") / "profil")


@pytest.fixture
def lab(tmp_path: Path, template: Template) -> Iterator[LaptopLab]:
    lab = LaptopLab(tmp_path, template)
    yield lab
    lab.close()


def set_wall_clock_ahead(monkeypatch: pytest.MonkeyPatch, store: Store, ahead_ms: int) -> None:
    monkeypatch.setattr(store.clock, "_wall", lambda: time.time_ns() // 1_000_000 + ahead_ms)


def shared_person(lab: LaptopLab, first: Store) -> str:
    with first.session() as s:
        person = Person(first_name="Anna", phone="")
        s.add(person)
        s.flush()
        person_id = person.id
    lab.sync_all(rounds=1)
    return person_id


def phone_of(store: Store, person_id: str) -> str:
    with store.session() as s:
        person = s.get(Person, person_id)
        assert person is not None
        return person.phone


def set_phone(store: Store, person_id: str, value: str) -> None:
    with store.session() as s:
        person = s.get(Person, person_id)
        assert person is not None
        person.phone = value


def test_changes_from_a_clock_days_ahead_are_held_back_not_winning(
    lab: LaptopLab, monkeypatch: pytest.MonkeyPatch
) -> None:
    anne, bo, carl = lab.laptop("anne"), lab.laptop("bo"), lab.laptop("carl")
    person = shared_person(lab, anne)
    set_wall_clock_ahead(monkeypatch, bo, 3 * DAY_MS)
    set_phone(bo, person, "forkert ur")
    bo_summary = lab.sync(bo)
    assert any("uret" in warning.lower() for warning in bo_summary.warnings)
    set_phone(anne, person, "rigtigt ur")  # made later in real time, but with a smaller clock
    lab.sync_all(rounds=2)

    # On the laptops with a right clock, the honest, later change applies; Bo's value waits in Konflikter.
    for store in (anne, carl):
        assert phone_of(store, person) == "rigtigt ur"
        held = [item for item in list_open(store) if item.kind is ItemKind.HELD]
        assert [(item.field, item.other_text) for item in held] == [("phone", "forkert ur")]
    # Bo keeps his own value, but Anne's is not lost on his laptop either.
    assert phone_of(bo, person) == "forkert ur"
    with bo.session() as s:
        lost = {c.lost_value for c in s.scalars(select(SyncConflict))}
    assert '"rigtigt ur"' in lost


def test_the_adviser_can_still_use_a_held_value(lab: LaptopLab, monkeypatch: pytest.MonkeyPatch) -> None:
    anne, bo = lab.laptop("anne"), lab.laptop("bo")
    person = shared_person(lab, anne)
    set_wall_clock_ahead(monkeypatch, bo, 2 * DAY_MS)
    set_phone(bo, person, "fra Bo")
    lab.sync(bo)
    lab.sync(anne)
    held = [item for item in list_open(anne) if item.kind is ItemKind.HELD]
    use_other(anne, ItemKind.HELD, held[0].id)
    assert phone_of(anne, person) == "fra Bo"
    with anne.session() as s:
        assert s.scalars(select(SyncQuarantine)).all() == []


def test_a_clock_a_few_minutes_fast_is_only_held_until_that_time_has_passed(
    lab: LaptopLab, monkeypatch: pytest.MonkeyPatch
) -> None:
    anne, bo = lab.laptop("anne"), lab.laptop("bo")
    person = shared_person(lab, anne)
    set_wall_clock_ahead(monkeypatch, bo, 8 * 60 * 1000)
    set_phone(bo, person, "otte minutter for tidligt")
    lab.sync(bo)
    first = lab.sync(anne)
    assert first.held == 1
    assert phone_of(anne, person) == ""
    set_wall_clock_ahead(monkeypatch, anne, 10 * 60 * 1000)  # ten minutes later on Anne's laptop
    lab.sync(anne)
    assert phone_of(anne, person) == "otte minutter for tidligt"
    with anne.session() as s:
        assert s.scalars(select(SyncQuarantine)).all() == []
