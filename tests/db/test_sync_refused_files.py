"""Tampered, truncated and foreign files on the share are refused whole; everything else still syncs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from boligdesk.models import Person
from boligdesk.models.store import Store
from boligdesk.sync.fileformat import Body, Header, encode
from boligdesk.sync.simulation import LaptopLab, Template, make_template
from boligdesk.sync.team import create_team


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    return make_template(tmp_path_factory.mktemp("skabelon") / "profil")


@pytest.fixture
def lab(tmp_path: Path, template: Template) -> Iterator[LaptopLab]:
    lab = LaptopLab(tmp_path, template)
    yield lab
    lab.close()


def add_person(store: Store, name: str) -> None:
    with store.session() as s:
        s.add(Person(first_name=name))


def names(store: Store) -> set[str]:
    with store.session() as s:
        return set(s.scalars(select(Person.first_name)))


def sent_path(lab: LaptopLab, store: Store, file_name: str) -> Path:
    return lab.connections[store.device_id].team.outbox(store.device_id) / file_name


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        (lambda data: data[:-1] + bytes([data[-1] ^ 1]), "ændret"),
        (lambda data: data[:40] + bytes([data[40] ^ 0x20]) + data[41:], "afvist"),
        (lambda data: data[: len(data) // 2], "ufuldstændig"),
        (lambda data: b"", "ufuldstændig"),
    ],
    ids=["last-byte-flipped", "header-byte-flipped", "cut-in-half", "empty"],
)
def test_damaged_file_is_refused_whole_and_other_laptops_still_sync(
    lab: LaptopLab, damage: object, expected: str
) -> None:
    anne, bo, carl = lab.laptop("anne"), lab.laptop("bo"), lab.laptop("carl")
    add_person(anne, "Fra Anne")
    add_person(bo, "Fra Bo")
    damaged = sent_path(lab, anne, lab.sync(anne).sent_file)
    lab.sync(bo)
    assert callable(damage)
    damaged.write_bytes(damage(damaged.read_bytes()))
    summary = lab.sync(carl)
    assert names(carl) == {"Fra Bo"}
    assert len(summary.refused) == 1
    assert summary.refused[0].name == damaged.name
    assert expected in summary.refused[0].reason
    assert any(damaged.name in line for line in summary.lines())
    # Anne's later files wait behind the damaged one; the damaged file never half-applies.
    add_person(anne, "Anne igen")
    lab.sync(anne)
    assert names(carl) == {"Fra Bo"}
    assert len(lab.sync(carl).refused) == 1


def test_a_file_from_another_team_is_refused(lab: LaptopLab, tmp_path: Path) -> None:
    anne, bo = lab.laptop("anne"), lab.laptop("bo")
    add_person(anne, "Fra Anne")
    lab.sync(anne)
    (tmp_path / "andet-drev").mkdir()
    other_team, other_key = create_team(tmp_path / "andet-drev", "Et helt andet team 2026")
    intruder = "1234567890abcdef"
    data = encode(
        Header(team=other_team.team_id, device=intruder, seq=1, created=""),
        Body(mark="", rows={"persons": [{"id": "x", "first_name": "Fremmed"}]}),
        other_team.file_key(other_key),
    )
    folder = lab.connections[anne.device_id].team.outbox(intruder)
    folder.mkdir(parents=True)
    (folder / "00000001.bdsync").write_bytes(data)
    summary = lab.sync(bo)
    assert [r.reason for r in summary.refused] == ["Filen hører til et andet team og blev afvist."]
    assert names(bo) == {"Fra Anne"}


def test_a_missing_file_makes_that_laptops_later_files_wait(lab: LaptopLab) -> None:
    anne, bo = lab.laptop("anne"), lab.laptop("bo")
    add_person(anne, "Første")
    first = sent_path(lab, anne, lab.sync(anne).sent_file)
    add_person(anne, "Anden")
    lab.sync(anne)
    first.unlink()
    summary = lab.sync(bo)
    assert names(bo) == set()
    assert summary.waiting and "mangler" in summary.waiting[0]
    assert not summary.ok


def test_file_depending_on_a_refused_file_waits_and_applies_once_that_file_is_whole_again(
    lab: LaptopLab,
) -> None:
    from boligdesk.models import Case, JournalNote

    anne, bo, carl = lab.laptop("anne"), lab.laptop("bo"), lab.laptop("carl")
    with anne.session() as s:
        tenant = Person(first_name="Anna")
        s.add(tenant)
        s.flush()
        case = Case(number="2026-0001", tenant_id=tenant.id)
        s.add(case)
        s.flush()
        case_id = case.id
    damaged = sent_path(lab, anne, lab.sync(anne).sent_file)
    lab.sync(bo)
    with bo.session() as s:
        s.add(JournalNote(case_id=case_id, text="Hjemmebesøg aftalt."))
    lab.sync(bo)
    original = damaged.read_bytes()
    damaged.write_bytes(original[:-5])
    summary = lab.sync(carl)
    assert len(summary.refused) == 1
    assert any("ikke er kommet endnu" in line for line in summary.waiting)
    assert names(carl) == set()
    damaged.write_bytes(original)
    repaired = lab.sync(carl)
    assert repaired.ok and repaired.received_files == 2
    with carl.session() as s:
        assert s.scalars(select(JournalNote.text)).all() == ["Hjemmebesøg aftalt."]
