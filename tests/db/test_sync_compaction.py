"""Compaction (issue 15, "a year of a team"): each laptop folds its own acknowledged files into one
snapshot; a laptop joining later applies the snapshot instead of every file; nothing a laptop of the team
has not applied is removed; a tampered snapshot is refused whole; a crash mid-way leaves a usable outbox."""

from __future__ import annotations

import errno
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from boligdesk.models import Person
from boligdesk.models.store import Store
from boligdesk.sync import compaction
from boligdesk.sync.fileformat import seq_from_name
from boligdesk.sync.simulation import LaptopLab, Template, make_template, snapshot
from boligdesk.sync.snapshot import seq_from_snapshot_name

EVERY = 3


class Crash(Exception):
    pass


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    return make_template(tmp_path_factory.mktemp("skabelon") / "profil")


@pytest.fixture
def lab(tmp_path: Path, template: Template) -> Iterator[LaptopLab]:
    lab = LaptopLab(tmp_path, template)
    yield lab
    lab.close()


def outbox(lab: LaptopLab, store: Store) -> Path:
    return lab.connections[store.device_id].team.outbox(store.device_id)


def files(folder: Path) -> list[int]:
    return sorted(s for s in (seq_from_name(p.name) for p in folder.iterdir()) if s is not None)


def snaps(folder: Path) -> list[int]:
    return sorted(s for s in (seq_from_snapshot_name(p.name) for p in folder.iterdir()) if s is not None)


def names(store: Store) -> set[str]:
    with store.session() as s:
        return set(s.scalars(select(Person.first_name).where(Person.deleted.is_(False))))


def edit(store: Store, name: str) -> None:
    with store.session() as s:
        s.add(Person(first_name=name))


def rename_first(store: Store, old: str, new: str) -> None:
    with store.session() as s:
        person = s.scalars(select(Person).where(Person.first_name == old)).one()
        person.first_name = new


def rounds(lab: LaptopLab, count: int, *, prefix: str = "") -> None:
    """``count`` rounds in which every laptop makes a change and syncs."""
    for n in range(count):
        for i, store in enumerate(lab.laptops):
            edit(store, f"{prefix}{n}-{i}")
            summary = lab.sync(store, compact_every=EVERY)
            assert not summary.refused and not summary.gaps, summary.lines()


def test_a_laptop_compacts_only_what_every_laptop_has_applied(lab: LaptopLab) -> None:
    anne, bo = lab.laptop("anne"), lab.laptop("bo")
    for n in range(5):
        edit(anne, f"Anne {n}")
        lab.sync(anne, compact_every=EVERY)
    # Bo has applied nothing yet: Anne keeps every file.
    assert files(outbox(lab, anne)) == [1, 2, 3, 4, 5] and snaps(outbox(lab, anne)) == []
    lab.sync(bo, compact_every=EVERY)  # applies 1..5; Anne learns it from Bo's manifest
    edit(anne, "Anne 5")
    lab.sync(anne, compact_every=EVERY)  # writes 6, then compacts 1..5 (6 not applied by Bo yet)
    assert snaps(outbox(lab, anne)) == [5]
    assert files(outbox(lab, anne)) == [6]
    # Bo only ever writes his own folder: compaction of Anne's changed nothing in his.
    assert snaps(outbox(lab, bo)) == [] and files(outbox(lab, bo)) == []
    lab.sync(bo, compact_every=EVERY)
    assert names(bo) == {f"Anne {n}" for n in range(6)}


def test_a_new_laptop_stops_compaction_until_it_has_applied_the_files(lab: LaptopLab) -> None:
    anne, bo = lab.laptop("anne"), lab.laptop("bo")
    for n in range(4):
        edit(anne, f"Anne {n}")
        lab.sync(anne, compact_every=EVERY)
    cai = lab.laptop("cai")
    lab.sync(cai, compact_every=EVERY)  # only its (empty) outbox and manifest: it has applied nothing yet
    lab.sync(bo, compact_every=EVERY)
    lab.sync(anne, compact_every=EVERY)
    folder = outbox(lab, anne)
    # Bo has all four, Cai (who joined before Bo's sync) too: he applied them in his first sync.
    assert names(cai) == {f"Anne {n}" for n in range(4)}
    edit(anne, "Anne 4")
    lab.sync(anne, compact_every=EVERY)
    dan = lab.laptop("dan")  # joins and has not synced: an outbox folder without anything in it
    dan_outbox = outbox(lab, dan)
    dan_outbox.mkdir(parents=True, exist_ok=True)
    for n in range(5, 9):
        edit(anne, f"Anne {n}")
        lab.sync(anne, compact_every=EVERY)
        lab.sync(bo, compact_every=EVERY)
        lab.sync(cai, compact_every=EVERY)
    # Anne compacted at most up to what Dan has applied (nothing): files 1..9 are all still there or in
    # a snapshot from before Dan came.
    kept = set(files(folder)) | {s for snap in snaps(folder) for s in range(1, snap + 1)}
    assert kept == set(range(1, 10))
    before = snaps(folder)
    lab.sync(dan, compact_every=EVERY)
    assert names(dan) == names(anne)
    lab.sync(anne, compact_every=EVERY)
    assert snaps(folder) > before and files(folder) == []


def test_a_laptop_joining_after_compaction_converges_to_the_same_data(lab: LaptopLab) -> None:
    lab.laptop("anne"), lab.laptop("bo"), lab.laptop("cai")
    rounds(lab, 5)
    anne, bo, cai = lab.laptops
    rename_first(bo, "0-0", "Omdøbt af Bo")  # an edit of another laptop's row, then its deletion
    lab.sync(bo, compact_every=EVERY)
    with anne.session() as s:
        s.scalars(select(Person).where(Person.first_name == "1-2")).one().deleted = True
    rounds(lab, 2, prefix="sen ")
    lab.sync_all(1)
    for store in lab.laptops:
        assert snaps(outbox(lab, store)), "every laptop has compacted by now"
        assert len(files(outbox(lab, store))) < EVERY + 2
    dan = lab.laptop("dan")
    read: list[str] = []
    summary = lab.sync(dan, compact_every=EVERY, progress=lambda _d, _t, text: read.append(text))
    assert not summary.refused and not summary.gaps and not summary.waiting, summary.lines()
    # It read at most one snapshot and a few files per laptop, not the whole history.
    assert summary.received_files <= 3 * (1 + EVERY + 1)
    assert summary.received_files < 3 * 8
    lab.sync_all(1)
    assert snapshot(dan) == snapshot(anne) == snapshot(bo) == snapshot(cai)
    assert "Omdøbt af Bo" in names(dan) and "1-2" not in names(dan)


def test_a_tampered_snapshot_is_refused_whole(lab: LaptopLab) -> None:
    lab.laptop("anne"), lab.laptop("bo")
    rounds(lab, 5)
    anne = lab.laptops[0]
    folder = outbox(lab, anne)
    (snap_seq,) = snaps(folder)
    path = folder / f"{snap_seq:08d}.bdsnap"
    data = bytearray(path.read_bytes())
    data[-40] ^= 0x01
    path.write_bytes(bytes(data))
    dan = lab.laptop("dan")
    summary = lab.sync(dan, compact_every=EVERY)
    assert [r.name for r in summary.refused] == [path.name]
    assert "ændret" in summary.refused[0].reason
    # Nothing of Anne's is applied (her later files wait behind the refused snapshot); Bo's all are.
    assert not any(name.endswith("-0") for name in names(dan))
    assert {f"{n}-1" for n in range(5)} <= names(dan)


def test_a_snapshot_renamed_as_a_sync_file_or_moved_is_refused(lab: LaptopLab) -> None:
    lab.laptop("anne"), lab.laptop("bo")
    rounds(lab, 5)
    anne = lab.laptops[0]
    folder = outbox(lab, anne)
    (snap_seq,) = snaps(folder)
    (folder / f"{snap_seq:08d}.bdsnap").rename(folder / f"{snap_seq + 50:08d}.bdsnap")
    dan = lab.laptop("dan")
    summary = lab.sync(dan, compact_every=EVERY)
    assert summary.refused and "forkert mappe" in summary.refused[0].reason


@pytest.mark.parametrize("where", ["write:data", "write:rename", "compact:tidy", "compact:remove"])
def test_a_crash_during_compaction_leaves_a_consistent_outbox(lab: LaptopLab, where: str) -> None:
    anne, bo = lab.laptop("anne"), lab.laptop("bo")
    for n in range(4):
        edit(anne, f"Anne {n}")
        lab.sync(anne, compact_every=None)
    lab.sync(bo, compact_every=None)
    edit(anne, "Anne 4")
    seen: list[str] = []

    def crash(name: str) -> None:
        seen.append(name)
        if name == where and "compact:write" in seen:
            raise Crash(name)

    with pytest.raises(Crash):
        lab.sync(anne, compact_every=EVERY, step=crash)
    folder = outbox(lab, anne)
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")] or where == "write:rename"
    # Whatever was left, a laptop joining now gets every change, and the next sync tidies up.
    dan = lab.laptop("dan")
    summary = lab.sync(dan, compact_every=EVERY)
    assert not summary.refused and not summary.gaps, summary.lines()
    assert {f"Anne {n}" for n in range(5)} <= names(dan) or {f"Anne {n}" for n in range(4)} <= names(dan)
    lab.sync(anne, compact_every=EVERY)
    lab.sync(bo, compact_every=EVERY)
    lab.sync(dan, compact_every=EVERY)
    assert names(dan) == names(anne) == names(bo)
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]
    covered = compaction.covered(folder)
    assert all(seq > covered for seq in files(folder))
    assert len(snaps(folder)) <= 1


def test_without_compaction_the_outbox_keeps_every_file(lab: LaptopLab) -> None:
    lab.laptop("anne"), lab.laptop("bo")
    for _ in range(4):
        for i, store in enumerate(lab.laptops):
            edit(store, f"x{i}")
            lab.sync(store, compact_every=None)
    anne = lab.laptops[0]
    assert files(outbox(lab, anne)) == [1, 2, 3, 4] and snaps(outbox(lab, anne)) == []


def test_a_full_share_while_compacting_is_a_warning_not_a_failed_sync(lab: LaptopLab) -> None:
    anne, bo = lab.laptop("anne"), lab.laptop("bo")
    for n in range(4):
        edit(anne, f"Anne {n}")
        lab.sync(anne, compact_every=None)
    lab.sync(bo, compact_every=None)
    edit(bo, "Bo")
    lab.sync(bo, compact_every=None)
    seen: list[str] = []

    def full(name: str) -> None:
        seen.append(name)
        if name == "write:data" and "compact:write" in seen:
            raise OSError(errno.ENOSPC, "No space left on device")

    summary = lab.sync(anne, compact_every=EVERY, step=full)
    assert "Bo" in names(anne), "the sync itself went through"
    assert any("kunne ikke lægges sammen" in line and "ikke mere plads" in line for line in summary.lines())
    folder = outbox(lab, anne)
    assert files(folder) == [1, 2, 3, 4] and snaps(folder) == []
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]
    lab.sync(anne, compact_every=EVERY)
    assert snaps(folder) == [4] and files(folder) == []
