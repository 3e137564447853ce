"""The shared folder unreachable, read-only or full, or a wrong team passphrase: a clear Danish message,
and nothing on the laptop changes."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from boligdesk.errors import StoreError
from boligdesk.models import Person
from boligdesk.models.store import Store
from boligdesk.sync import share_io
from boligdesk.sync.connection import connect
from boligdesk.sync.settings import load_settings
from boligdesk.sync.simulation import TEAM_PASSPHRASE, LaptopLab, Template, make_template, snapshot
from boligdesk.sync.team import WrongTeamPassphraseError


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    return make_template(tmp_path_factory.mktemp("skabelon") / "profil")


@pytest.fixture
def lab(tmp_path: Path, template: Template) -> Iterator[LaptopLab]:
    lab = LaptopLab(tmp_path, template)
    yield lab
    lab.close()


@pytest.fixture
def anne_with_a_change(lab: LaptopLab) -> Store:
    anne = lab.laptop("anne")
    lab.sync(anne)
    with anne.session() as s:
        s.add(Person(first_name="Anna"))
    return anne


def share_files(lab: LaptopLab) -> list[str]:
    return sorted(p.name for p in lab.share.rglob("*") if p.is_file())


def test_unreachable_share_is_reported_and_nothing_changes(lab: LaptopLab, anne_with_a_change: Store) -> None:
    before = snapshot(anne_with_a_change)
    settings_before = load_settings(anne_with_a_change.profile.folder)
    moved = lab.share.with_name("drevet-er-væk")
    lab.share.rename(moved)
    with pytest.raises(StoreError, match="kan ikke nås") as error:
        lab.sync(anne_with_a_change)
    assert error.value.code == "share_unreachable"
    assert snapshot(anne_with_a_change) == before
    assert load_settings(anne_with_a_change.profile.folder) == settings_before
    moved.rename(lab.share)
    assert lab.sync(anne_with_a_change).sent_rows == 1


def test_full_disk_on_the_share_is_reported_and_nothing_changes(
    lab: LaptopLab, anne_with_a_change: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    before, files = snapshot(anne_with_a_change), share_files(lab)

    def disk_full(fd: int, data: object) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(share_io.os, "write", disk_full)
    with pytest.raises(StoreError, match="ikke mere plads på fællesdrevet") as error:
        lab.sync(anne_with_a_change)
    assert error.value.code == "share_full"
    assert snapshot(anne_with_a_change) == before
    assert share_files(lab) == files  # no half-written or temp file left behind
    monkeypatch.undo()
    assert lab.sync(anne_with_a_change).sent_rows == 1


def test_read_only_share_is_reported_and_nothing_changes(
    lab: LaptopLab, anne_with_a_change: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    before, files = snapshot(anne_with_a_change), share_files(lab)
    real_open = os.open

    def read_only(path: object, flags: int, *args: object, **kwargs: object) -> int:
        if flags & os.O_WRONLY:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(share_io.os, "open", read_only)
    with pytest.raises(StoreError, match="skrivebeskyttet") as error:
        lab.sync(anne_with_a_change)
    assert error.value.code == "share_read_only"
    assert snapshot(anne_with_a_change) == before
    assert share_files(lab) == files


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root may write in a 0o555 folder")
def test_read_only_folder_by_permissions_is_reported(lab: LaptopLab, anne_with_a_change: Store) -> None:
    outbox = lab.connections[anne_with_a_change.device_id].team.outbox(anne_with_a_change.device_id)
    outbox.chmod(0o555)
    try:
        with pytest.raises(StoreError, match="skrivebeskyttet"):
            lab.sync(anne_with_a_change)
    finally:
        outbox.chmod(0o755)


def test_wrong_team_passphrase_is_refused_and_the_laptop_stays_unconnected(lab: LaptopLab) -> None:
    lab.laptop("anne")
    bo = lab.new_profile("bo")
    with pytest.raises(WrongTeamPassphraseError, match="Teamets adgangskode er forkert"):
        connect(bo, lab.share, TEAM_PASSPHRASE.upper())
    assert not load_settings(bo.profile.folder).is_set_up
    bo.close()


def test_share_gone_while_receiving_keeps_whole_files_and_the_next_sync_finishes(lab: LaptopLab) -> None:
    anne, bo = lab.laptop("anne"), lab.laptop("bo")
    for name in ("En", "To"):
        with anne.session() as s:
            s.add(Person(first_name=name))
        lab.sync(anne)
    away = lab.share.with_name("drevet-er-væk")

    def unplug_after_first_file(step: str) -> None:
        if step == "apply:commit" and lab.share.exists():
            lab.share.rename(away)

    with pytest.raises(StoreError) as error:
        lab.sync(bo, step=unplug_after_first_file)
    assert error.value.code == "share_unreachable"
    with bo.session() as s:
        assert set(s.scalars(select(Person.first_name))) == {"En"}
    away.rename(lab.share)
    assert lab.sync(bo).received_files == 1
    with bo.session() as s:
        assert set(s.scalars(select(Person.first_name))) == {"En", "To"}
