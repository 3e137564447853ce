"""Laptops syncing at the same moment do not corrupt each other's files."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from boligdesk.models import Person
from boligdesk.models.keys import FAST_KDF_ENV
from boligdesk.models.store import Profile, Store, open_store
from boligdesk.sync.fileformat import decode, seq_from_name
from boligdesk.sync.manifest import MANIFEST_NAME, decode_manifest
from boligdesk.sync.simulation import (
    PASSPHRASE,
    TEAM_PASSPHRASE,
    LaptopLab,
    Template,
    make_template,
    snapshot,
)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    return make_template(tmp_path_factory.mktemp("skabelon") / "profil")


@pytest.fixture
def lab(tmp_path: Path, template: Template) -> Iterator[LaptopLab]:
    lab = LaptopLab(tmp_path, template)
    yield lab
    lab.close()


def every_file_on_the_share_is_intact(lab: LaptopLab, any_laptop: Store) -> int:
    connection = lab.connections[any_laptop.device_id]
    key = connection.team.file_key(connection.team_key)
    count = 0
    for folder in (connection.team.folder / "outbox").iterdir():
        seqs = []
        for path in folder.iterdir():
            assert not path.name.endswith(".tmp"), f"left-over temp file {path.name}"
            if path.name == MANIFEST_NAME:  # the outbox's manifest: whole and authentic
                manifest = decode_manifest(
                    path.read_bytes(), key, team=connection.team.team_id, device=folder.name
                )
                assert manifest is not None
                continue
            seq = seq_from_name(path.name)
            assert seq is not None
            decode(path.read_bytes(), key, team=connection.team.team_id, device=folder.name, seq=seq)
            seqs.append(seq)
            count += 1
        assert sorted(seqs) == list(range(1, len(seqs) + 1))
    return count


def test_two_laptops_syncing_at_the_same_time_in_threads(lab: LaptopLab) -> None:
    anne, bo, carl = lab.laptop("anne"), lab.laptop("bo"), lab.laptop("carl")
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def work(store: Store, name: str) -> None:
        try:
            for round_no in range(8):
                with store.session() as s:
                    s.add_all(Person(first_name=f"{name} {round_no}.{i}") for i in range(40))
                barrier.wait(timeout=30)
                summary = lab.sync(store)
                assert not summary.refused
        except BaseException as exc:  # reported below
            errors.append(exc)
            barrier.abort()

    threads = [threading.Thread(target=work, args=(st, name)) for st, name in ((anne, "Anne"), (bo, "Bo"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert every_file_on_the_share_is_intact(lab, carl) == 16
    lab.sync_all(rounds=2)
    assert snapshot(anne) == snapshot(bo) == snapshot(carl)
    with carl.session() as s:
        assert len(s.scalars(select(Person.id)).all()) == 2 * 8 * 40


def test_two_sync_processes_at_the_same_time(lab: LaptopLab) -> None:
    anne, bo = lab.laptop("anne"), lab.laptop("bo")
    for store, name in ((anne, "Anne"), (bo, "Bo")):
        with store.session() as s:
            s.add_all(Person(first_name=f"{name} {i}") for i in range(1500))
    folders = [anne.profile.folder, bo.profile.folder]
    lab.close()
    env = dict(
        os.environ,
        BOLIGDESK_PASSPHRASE=PASSPHRASE,
        BOLIGDESK_TEAM_PASSPHRASE=TEAM_PASSPHRASE,
        **{FAST_KDF_ENV: "1"},
    )
    code = "import sys; from boligdesk.cli import main; sys.exit(main(sys.argv[1:]))"
    for _ in range(2):
        processes = [
            subprocess.Popen(
                [sys.executable, "-c", code, "sync", "--data-dir", str(folder)],
                env=env,
                stdout=subprocess.DEVNULL,
            )
            for folder in folders
        ]
        assert [p.wait(timeout=120) for p in processes] == [0, 0]
    stores = [open_store(Profile(folder), passphrase=PASSPHRASE) for folder in folders]
    try:
        assert snapshot(stores[0]) == snapshot(stores[1])
        with stores[0].session() as s:
            assert len(s.scalars(select(Person.id)).all()) == 3000
    finally:
        for store in stores:
            store.close()
