"""A sync takes an encrypted backup before applying anything, and asks before it deletes many cases."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from boligdesk.budget.money import Money
from boligdesk.models import Case, Person
from boligdesk.models.store import Store
from boligdesk.services.cases import NewCase
from boligdesk.sync import safety
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


def add_cases(store: Store, count: int) -> list[str]:
    return [
        create_case(
            store,
            NewCase(
                first_name=f"Lejer{n}",
                last_name="Opdigtet",
                address_line=f"Prøvevej {n}",
                rent=Money.kr(5000),
            ),
            today=TODAY,
        )
        for n in range(count)
    ]


def live_cases(store: Store) -> int:
    with store.session() as s:
        return len(s.scalars(select(Case.id).where(Case.deleted.is_(False))).all())


def delete_cases(store: Store, case_ids: list[str]) -> None:
    with store.session() as s:
        for case_id in case_ids:
            case = s.get(Case, case_id)
            assert case is not None
            case.deleted = True


def test_a_file_deleting_many_cases_is_held_until_the_adviser_accepts(lab: LaptopLab) -> None:
    anne, bo = lab.laptop("anne"), lab.laptop("bo")
    ids = add_cases(anne, 4)
    lab.sync(anne)
    lab.sync(bo)
    assert live_cases(bo) == 4
    delete_cases(anne, ids)
    with anne.session() as s:
        s.add(Person(first_name="Ny efter sletningen"))
    lab.sync(anne)

    summary = lab.sync(bo)
    assert live_cases(bo) == 4  # nothing deleted without asking
    assert not summary.ok
    [held] = summary.held_deletions
    assert held.deletions.cases == 4 and held.device == anne.device_id
    assert any("vil slette 4 sager" in line for line in summary.lines())
    assert summary.deletions_to_accept == held.deletions.rows

    again = lab.sync(bo)  # asking again without an answer changes nothing
    assert live_cases(bo) == 4 and len(again.held_deletions) == 1

    accepted = lab.sync(bo, accept_deletions=summary.deletions_to_accept)
    assert accepted.held_deletions == [] and accepted.ok
    assert live_cases(bo) == 0
    with bo.session() as s:
        assert "Ny efter sletningen" in set(s.scalars(select(Person.first_name)))


def test_a_few_deletions_sync_without_a_question(lab: LaptopLab) -> None:
    anne, bo = lab.laptop("anne"), lab.laptop("bo")
    ids = add_cases(anne, 2)
    lab.sync(anne)
    lab.sync(bo)
    delete_cases(anne, ids[:1])
    lab.sync(anne)
    summary = lab.sync(bo)
    assert summary.held_deletions == [] and live_cases(bo) == 1


def test_an_encrypted_backup_is_taken_before_the_first_file_is_applied(lab: LaptopLab) -> None:
    anne, bo = lab.laptop("anne"), lab.laptop("bo")
    add_cases(anne, 1)
    lab.sync(anne)
    assert lab.sync(anne).backup is None  # nothing to apply: no backup
    summary = lab.sync(bo)
    assert summary.backup is not None and summary.backup.exists()
    data = summary.backup.read_bytes()
    assert b"SQLite format 3" not in data[:16]  # encrypted like the profile
    assert b"Lejer0" not in data and b"Opdigtet" not in data
    assert summary.backup.parent == bo.profile.backup_dir


def test_old_sync_backups_are_pruned_to_the_newest_few_within_a_month(tmp_path: Path) -> None:
    now = dt.datetime(2026, 11, 24, 12, 0, 0)
    for days in range(8):
        made = now - dt.timedelta(days=days * 5)
        (tmp_path / f"boligdesk-{safety.BACKUP_LABEL}-{made:%Y%m%d-%H%M%S}.db").write_bytes(b"x")
    (tmp_path / "boligdesk-0001-20200101-000000.db").write_bytes(b"migration backup")
    safety.prune_sync_backups(tmp_path, now=now)
    kept = [made for made, _path in safety.sync_backups(tmp_path)]
    assert len(kept) == safety.KEEP_BACKUPS
    assert all(now - made <= safety.MAX_BACKUP_AGE for made in kept)
    assert (tmp_path / "boligdesk-0001-20200101-000000.db").exists()  # not a sync backup
