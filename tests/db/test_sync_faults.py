"""A sync interrupted at any moment leaves the local store consistent, and the next sync completes it."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import select, text

from boligdesk.models import Person, SyncPeer
from boligdesk.models.keys import FAST_KDF_ENV
from boligdesk.models.store import Profile, Store, open_store
from boligdesk.sync.simulation import (
    PASSPHRASE,
    TEAM_PASSPHRASE,
    LaptopLab,
    Template,
    make_template,
    snapshot,
)


class Interrupted(Exception):
    """Stands for a crash, a pulled network cable or a closed laptop lid."""


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    return make_template(tmp_path_factory.mktemp("skabelon") / "profil")


@pytest.fixture
def lab(tmp_path: Path, template: Template) -> Iterator[LaptopLab]:
    lab = LaptopLab(tmp_path, template)
    yield lab
    lab.close()


def consistent(store: Store) -> None:
    with store.session() as s:
        assert s.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        assert s.execute(text("PRAGMA foreign_key_check")).all() == []


def edit_both(anne: Store, bo: Store, person_id: str, tag: str) -> None:
    with anne.session() as s:
        person = s.get(Person, person_id)
        assert person is not None
        person.phone = f"anne-{tag}"
        s.add(Person(first_name=f"Ny {tag}"))
    with bo.session() as s:
        person = s.get(Person, person_id)
        assert person is not None
        person.email = f"bo-{tag}"
        s.add(Person(first_name=f"Bos nye {tag}"))


def crash_at_call(index: int) -> Callable[[str], None]:
    """A step hook that raises at its ``index``-th call."""
    calls = iter(range(10_000))

    def hook(step: str) -> None:
        if next(calls) == index:
            raise Interrupted(step)

    return hook


def step_names(lab: LaptopLab, anne: Store, bo: Store, person_id: str) -> list[str]:
    names: list[str] = []
    edit_both(anne, bo, person_id, "optakt")
    lab.sync(anne)
    lab.sync(bo, step=names.append)
    lab.sync(anne)
    return names


def test_sync_interrupted_at_every_step_is_completed_by_the_next_sync(lab: LaptopLab) -> None:
    anne, bo = lab.laptop("anne"), lab.laptop("bo")
    with anne.session() as s:
        person = Person(first_name="Anna")
        s.add(person)
        s.flush()
        person_id = person.id
    lab.sync_all(rounds=1)
    names = step_names(lab, anne, bo, person_id)
    assert {
        "write:data",
        "write:verify",
        "write:rename",
        "send:record",
        "apply:record",
        "apply:commit",
    } <= set(names)
    for index, name in enumerate(names):
        tag = f"{index}-{name}"
        edit_both(anne, bo, person_id, tag)
        lab.sync(anne)
        with pytest.raises(Interrupted):
            lab.sync(bo, step=crash_at_call(index))
        consistent(bo)
        lab.sync(bo)
        lab.sync(anne)
        assert snapshot(anne) == snapshot(bo), f"not converged after a crash at {name}"
        with bo.session() as s:
            person = s.get(Person, person_id)
            assert person is not None
            assert (person.phone, person.email) == (f"anne-{tag}", f"bo-{tag}")
            assert s.scalars(select(Person).where(Person.first_name == f"Ny {tag}")).one()
    leftovers = [p.name for p in lab.share.rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []


def test_share_vanishing_while_writing_changes_nothing_locally(lab: LaptopLab) -> None:
    anne, bo = lab.laptop("anne"), lab.laptop("bo")
    with anne.session() as s:
        s.add(Person(first_name="Anna"))
    before = snapshot(anne)

    def unplug(step: str) -> None:
        if step == "write:data":
            raise FileNotFoundError(2, "No such file or directory")

    from boligdesk.errors import StoreError

    with pytest.raises(StoreError) as error:
        lab.sync(anne, step=unplug)
    assert error.value.code == "share_unreachable"
    assert snapshot(anne) == before
    with anne.session() as s:
        assert s.get(SyncPeer, anne.device_id) is None
    lab.sync(anne)
    lab.sync(bo)
    assert snapshot(bo) == snapshot(anne)


# --- killing a real process --------------------------------------------------------------------------

DRIVER = """
import sys, time
from pathlib import Path
from boligdesk.models.store import Profile, open_store
from boligdesk.sync.connection import reconnect
from boligdesk.sync.engine import synchronise
store = open_store(Profile(Path(sys.argv[1])), passphrase=sys.argv[2])
connection = reconnect(store, ask_passphrase=lambda: sys.argv[3])
print("ready", flush=True)
started = time.monotonic()
synchronise(store, connection.team, connection.team_key)
print(f"done {time.monotonic() - started:.3f}", flush=True)
"""


def _start_sync_process(profile: Path) -> subprocess.Popen[str]:
    env = dict(os.environ, **{FAST_KDF_ENV: "1"})
    process = subprocess.Popen(
        [sys.executable, "-c", DRIVER, str(profile), PASSPHRASE, TEAM_PASSPHRASE],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "ready"
    return process


def _finish(process: subprocess.Popen[str]) -> int:
    try:
        return process.wait(timeout=120)
    finally:
        if process.stdout is not None:
            process.stdout.close()


def _add_people(store: Store, prefix: str, count: int) -> None:
    with store.session() as s:
        s.add_all(Person(first_name=f"{prefix} {i}", phone=f"{i:08d}") for i in range(count))


def _consistent_on_disk(profile: Path) -> None:
    check = open_store(Profile(profile), passphrase=PASSPHRASE)
    try:
        consistent(check)
    finally:
        check.close()


@pytest.mark.slow
def test_killing_the_sync_process_at_random_moments_never_breaks_the_store(lab: LaptopLab) -> None:
    anne, bo = lab.laptop("anne"), lab.laptop("bo")
    bo_profile = bo.profile.folder
    bo.close()
    lab.laptops.remove(bo)
    rng = random.Random(20261124)
    kills = 0
    for round_no in range(6):
        # Each round: Anne sends three files, Bo has his own rows to send; Bo's sync is killed part-way.
        for batch in range(3):
            _add_people(anne, f"Anne {round_no}.{batch}", 300)
            lab.sync(anne)
        bo_store = open_store(Profile(bo_profile), passphrase=PASSPHRASE)
        _add_people(bo_store, f"Bo {round_no}", 400)
        bo_store.close()
        probe_needed = round_no == 0
        process = _start_sync_process(bo_profile)
        if probe_needed:
            assert process.stdout is not None
            duration = float(process.stdout.readline().split()[1])
            _finish(process)
            continue
        time.sleep(rng.uniform(0.0, duration))
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
            kills += 1
        _finish(process)
        _consistent_on_disk(bo_profile)
    assert kills >= 3
    final = _start_sync_process(bo_profile)
    assert _finish(final) == 0
    lab.sync(anne)
    bo_again = open_store(Profile(bo_profile), passphrase=PASSPHRASE)
    try:
        lab.sync(bo_again)
        assert snapshot(bo_again) == snapshot(anne)
        with bo_again.session() as s:
            assert len(s.scalars(select(Person.id)).all()) == 6 * 3 * 300 + 6 * 400
    finally:
        bo_again.close()
