"""Rotating the team key after a laptop is lost: the laptops given the new passphrase keep syncing and
converge; the retired laptop is refused with a clear Danish message and can read nothing on the share;
a rotation cut short is finished by the next laptop that has the new key."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from boligdesk.errors import StoreError
from boligdesk.models import Person
from boligdesk.models.store import Store
from boligdesk.services.desk import Desk
from boligdesk.sync.connection import reconnect
from boligdesk.sync.fileformat import opens_with
from boligdesk.sync.rekey import REKEY_SUFFIX, rotate_team_key
from boligdesk.sync.simulation import TEAM_PASSPHRASE, LaptopLab
from boligdesk.sync.team import open_team

NEW = "Nyt teamkodeord efter tyveriet"


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
        return set(s.scalars(select(Person.first_name)))


def share_files(lab: LaptopLab) -> list[Path]:
    return sorted(lab.share.rglob("*.bdsync"))


def test_after_rotation_the_retired_laptop_is_refused_and_the_others_converge(lab: LaptopLab) -> None:
    anne, bo, carl = lab.laptop("anne"), lab.laptop("bo"), lab.laptop("carl")
    for store, name in ((anne, "Anne"), (bo, "Bo"), (carl, "Carl")):
        add_person(store, f"Fra {name}")
    lab.sync_all(rounds=2)
    old_file_key = lab.connections[carl.device_id].team.file_key(lab.connections[carl.device_id].team_key)
    add_person(bo, "Før skiftet, ikke hentet af Anne")
    lab.sync(bo)

    anne_desk = Desk(anne, adviser_name="Anne And")
    anne_desk.sync.retire(carl.device_id, "Stjålet fra bilen")
    rotated = anne_desk.sync.rotate_key(lab.connections[anne.device_id], NEW, NEW)
    lab.connections[anne.device_id] = lab.connections[anne.device_id].__class__(
        rotated.team, rotated.team_key
    )
    assert rotated.files == len(share_files(lab)) and rotated.manifests == 3
    text = "\n".join(rotated.lines())
    assert "tilbagekaldt computer kan ikke læse" in text and "komprimering" in text
    # Nothing on the share opens with the old key any more.
    assert not any(opens_with(p.read_bytes(), old_file_key) for p in share_files(lab))

    with pytest.raises(StoreError) as refused:
        lab.sync(carl)
    assert refused.value.code == "team_key_rotated"
    assert "Teamets nøgle er skiftet" in refused.value.message and "nye adgangskode" in refused.value.message
    with pytest.raises(StoreError) as old_passphrase:
        reconnect(carl, ask_passphrase=lambda: TEAM_PASSPHRASE)
    assert "passer ikke til den nye nøgle" in old_passphrase.value.message

    # bo has not heard: its next sync is refused until it is given the new passphrase, then it carries on.
    with pytest.raises(StoreError):
        lab.sync(bo)
    with pytest.raises(StoreError) as asked:
        reconnect(bo, ask_passphrase=None)
    assert asked.value.code == "team_key_rotated"
    lab.connections[bo.device_id] = reconnect(bo, ask_passphrase=lambda: NEW)
    add_person(anne, "Efter skiftet")
    add_person(bo, "Også efter skiftet")
    lab.laptops.remove(carl)
    lab.sync_all(rounds=2)
    expected = {"Fra Anne", "Fra Bo", "Fra Carl", "Før skiftet, ikke hentet af Anne", "Efter skiftet"}
    assert names(anne) == names(bo) == expected | {"Også efter skiftet"}
    assert all(s.ok for s in lab.sync_all(rounds=1))
    carl.close()


def test_a_new_laptop_joining_after_rotation_reads_the_whole_history(lab: LaptopLab) -> None:
    anne = lab.laptop("anne")
    add_person(anne, "Gammel sag")
    lab.sync(anne)
    connection = lab.connections[anne.device_id]
    rotated = rotate_team_key(connection.team, connection.team_key, NEW, NEW)
    lab.connections[anne.device_id] = connection.__class__(rotated.team, rotated.team_key)
    dina = lab.new_profile("dina")
    lab.join(dina, NEW)
    lab.laptops.append(dina)
    summary = lab.sync(dina)
    assert summary.ok, summary.lines()
    assert names(dina) == {"Gammel sag"}


def test_a_rotation_cut_short_after_its_commit_is_finished_by_the_next_laptop(
    lab: LaptopLab, monkeypatch: pytest.MonkeyPatch
) -> None:
    anne, bo = lab.laptop("anne"), lab.laptop("bo")
    add_person(anne, "Fra Anne")
    lab.sync_all(rounds=2)
    connection = lab.connections[anne.device_id]
    import boligdesk.sync.rekey as rekey

    def crash(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt  # the laptop dies after team.json is replaced, before the renames

    monkeypatch.setattr(rekey, "_finish_folder", crash)
    with pytest.raises(KeyboardInterrupt):
        rotate_team_key(connection.team, connection.team_key, NEW, NEW)
    monkeypatch.undo()
    assert list(lab.share.rglob(f"*{REKEY_SUFFIX}"))
    lab.connections[bo.device_id] = reconnect(bo, ask_passphrase=lambda: NEW)
    add_person(bo, "Fra Bo efter skiftet")
    summary = lab.sync(bo)
    assert summary.ok, summary.lines()
    assert not list(lab.share.rglob(f"*{REKEY_SUFFIX}"))
    team = open_team(lab.share)
    new_key = team.file_key(lab.connections[bo.device_id].team_key)
    assert all(opens_with(p.read_bytes(), new_key) for p in share_files(lab))
    lab.connections[anne.device_id] = reconnect(anne, ask_passphrase=lambda: NEW)
    assert lab.sync(anne).ok
    assert names(anne) == {"Fra Anne", "Fra Bo efter skiftet"}


def test_a_rotation_needs_a_valid_new_passphrase_and_changes_nothing_otherwise(lab: LaptopLab) -> None:
    from boligdesk.errors import UserInputError

    anne = lab.laptop("anne")
    lab.sync(anne)
    before = (lab.share / "BoligDesk").rglob("*")
    snapshot = {p: p.read_bytes() for p in before if p.is_file()}
    connection = lab.connections[anne.device_id]
    with pytest.raises(UserInputError):
        rotate_team_key(connection.team, connection.team_key, NEW, NEW + "x")
    assert {p: p.read_bytes() for p in snapshot} == snapshot


def test_a_laptop_joining_after_compaction_and_rotation_reads_the_snapshots(lab: LaptopLab) -> None:
    """Compacted snapshots are share files too: a rotation seals them again, so a laptop that joins with
    the new passphrase reads the whole history from them (found when compaction and rotation met)."""
    from boligdesk.sync.snapshot import SNAP_SUFFIX
    from boligdesk.sync.snapshot import opens_with as snapshot_opens_with

    anne, bo = lab.laptop("anne"), lab.laptop("bo")
    for n in range(10):
        add_person(anne if n % 2 else bo, f"Sag {n}")
        lab.sync(anne, compact_every=3)
        lab.sync(bo, compact_every=3)
    lab.sync_all(rounds=1)
    snapshots = sorted(lab.share.rglob(f"*{SNAP_SUFFIX}"))
    assert snapshots, "the laptops have compacted their outboxes"
    connection = lab.connections[anne.device_id]
    old_key = connection.team.file_key(connection.team_key)
    rotated = rotate_team_key(connection.team, connection.team_key, NEW, NEW)
    new_key = rotated.team.file_key(rotated.team_key)
    assert all(snapshot_opens_with(p.read_bytes(), new_key) for p in lab.share.rglob(f"*{SNAP_SUFFIX}"))
    assert not any(snapshot_opens_with(p.read_bytes(), old_key) for p in lab.share.rglob(f"*{SNAP_SUFFIX}"))
    lab.connections[anne.device_id] = connection.__class__(rotated.team, rotated.team_key)
    dina = lab.new_profile("dina")
    lab.join(dina, NEW)
    lab.laptops.append(dina)
    summary = lab.sync(dina)
    assert summary.ok and not summary.refused, summary.lines()
    assert names(dina) == {f"Sag {n}" for n in range(10)}


def test_a_rotation_that_dies_while_staging_leaves_the_share_usable_with_the_old_key(
    lab: LaptopLab, tmp_path: Path
) -> None:
    """The laptop rotating dies after sealing some files again (before the new team.json): its staged
    copies are left behind. Every laptop keeps syncing with the old key, nothing staged is read, and the
    next rotation removes the leftovers and finishes."""
    import shutil

    anne, bo = lab.laptop("anne"), lab.laptop("bo")
    for n in range(3):
        add_person(anne, f"Anne {n}")
        add_person(bo, f"Bo {n}")
        lab.sync_all(rounds=1)
    team_file = next(lab.share.rglob("team.json"))
    before = team_file.read_bytes()
    kept = tmp_path / "efterladt"
    kept.mkdir()

    def die_midway(done: int, total: int, _text: str) -> None:
        if total and done == total // 2:
            for staged in lab.share.rglob(f"*{REKEY_SUFFIX}"):  # what a killed process leaves behind
                target = kept / staged.relative_to(lab.share)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(staged, target)
            raise KeyboardInterrupt

    connection = lab.connections[anne.device_id]
    with pytest.raises(KeyboardInterrupt):
        rotate_team_key(connection.team, connection.team_key, NEW, NEW, step=die_midway)
    for copy in kept.rglob("*"):
        if copy.is_file():
            shutil.copy2(copy, lab.share / copy.relative_to(kept))
    leftovers = list(lab.share.rglob(f"*{REKEY_SUFFIX}"))
    assert leftovers, "the simulated crash left staged copies on the share"
    assert team_file.read_bytes() == before  # the key was never committed

    add_person(bo, "Bo efter nedbruddet")
    assert lab.sync(bo).ok and lab.sync(anne).ok  # the old key still works for everyone
    assert names(anne) == names(bo) and "Bo efter nedbruddet" in names(anne)

    rotated = rotate_team_key(connection.team, connection.team_key, NEW, NEW)
    assert not list(lab.share.rglob(f"*{REKEY_SUFFIX}"))
    new_key = rotated.team.file_key(rotated.team_key)
    assert all(opens_with(p.read_bytes(), new_key) for p in share_files(lab))


def test_a_rotation_cancelled_or_failing_before_its_commit_changes_nothing(
    lab: LaptopLab, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cancelled from the progress dialog, or the share full halfway: the old key stays, no staged copy is
    left, and the message is Danish."""
    import boligdesk.sync.rekey as rekey
    from boligdesk.services.progress import Cancelled

    anne, bo = lab.laptop("anne"), lab.laptop("bo")
    add_person(anne, "Fra Anne")
    lab.sync_all(rounds=2)
    before = {p: p.read_bytes() for p in lab.share.rglob("*") if p.is_file()}
    connection = lab.connections[anne.device_id]
    seen: list[tuple[int, int, str]] = []

    def cancel_at_second(done: int, total: int, text: str) -> None:
        seen.append((done, total, text))
        if done == 1:
            raise Cancelled()

    with pytest.raises(Cancelled):
        rotate_team_key(connection.team, connection.team_key, NEW, NEW, step=cancel_at_second)
    assert seen[0][2] == "Danner den nye nøgle …" and "(0 af" in seen[1][2]
    assert {p: p.read_bytes() for p in lab.share.rglob("*") if p.is_file()} == before

    real_write, writes = rekey._write, []

    def full_share(path: Path, data: bytes) -> None:
        writes.append(path)
        if len(writes) == 2:
            raise OSError(28, "No space left on device")
        real_write(path, data)

    monkeypatch.setattr(rekey, "_write", full_share)
    with pytest.raises(StoreError) as refused:
        rotate_team_key(connection.team, connection.team_key, NEW, NEW)
    assert "plads" in refused.value.message.lower() or "fuld" in refused.value.message.lower()
    assert {p: p.read_bytes() for p in lab.share.rglob("*") if p.is_file()} == before
    monkeypatch.undo()
    add_person(bo, "Efter forsøget")
    assert lab.sync(bo).ok and lab.sync(anne).ok
    assert "Efter forsøget" in names(anne)
