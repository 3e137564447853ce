"""A restore is recorded in the audit log, and ``boligdesk restore`` refuses while a BoligDesk window (another
process) has the profile open; a lock left by a process that is gone does not block."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from boligdesk.budget.vocabulary import AuditAction
from boligdesk.cli import main
from boligdesk.models import AuditEvent, Person
from boligdesk.models.store import Profile, Store, open_store
from boligdesk.profile_lock import hold, holders
from boligdesk.services.desk import Desk
from boligdesk.sync.safety import backup_before_sync
from tests.conftest import TEST_PASSPHRASE


def people(profile: Profile) -> set[str]:
    store = open_store(profile, passphrase=TEST_PASSPHRASE)
    try:
        with store.session() as s:
            return set(s.scalars(select(Person.first_name)))
    finally:
        store.close()


def restore_events(profile: Profile) -> list[AuditEvent]:
    store = open_store(profile, passphrase=TEST_PASSPHRASE)
    try:
        with store.session() as s:
            rows = s.scalars(select(AuditEvent).where(AuditEvent.action == AuditAction.RESTORE)).all()
            s.expunge_all()
            return list(rows)
    finally:
        store.close()


@pytest.fixture
def other_process() -> Iterator[subprocess.Popen[bytes]]:
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    yield proc
    proc.kill()
    proc.wait()


def write_lock(folder: Path, pid: int) -> Path:
    path = folder / f"boligdesk-{pid}.lock"
    path.write_text(json.dumps({"pid": pid, "host": socket.gethostname()}), encoding="utf-8")
    return path


def backed_up_then_changed(store: Store) -> Path:
    with store.session() as s:
        s.add(Person(first_name="Før kopien"))
    backup = backup_before_sync(store)
    with store.session() as s:
        s.add(Person(first_name="Efter kopien"))
    return backup


def test_restore_in_the_window_is_audited_with_the_adviser(store: Store, profile: Profile) -> None:
    desk = Desk(store, adviser_name="Anne And")
    backup = backed_up_then_changed(store)
    desk.backups.restore(backup)
    with desk.reading() as s:
        [event] = s.scalars(select(AuditEvent).where(AuditEvent.action == AuditAction.RESTORE)).all()
        assert (event.actor, event.entity, event.device) == ("Anne And", "profile", store.device_id)
        assert event.detail == f"backup:{backup.name}"
        assert set(s.scalars(select(Person.first_name))) == {"Før kopien"}
    assert AuditAction.RESTORE.label == "Gendannet fra sikkerhedskopi"


def test_restore_refuses_while_another_process_has_the_profile_open(
    store: Store,
    profile: Profile,
    other_process: subprocess.Popen[bytes],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    backup = backed_up_then_changed(store)
    store.close()
    monkeypatch.setenv("BOLIGDESK_PASSPHRASE", TEST_PASSPHRASE)
    lock = write_lock(profile.folder, other_process.pid)
    database = profile.db_path.read_bytes()

    assert main(["--data-dir", str(profile.folder), "restore", backup.name]) == 2
    err = capsys.readouterr().err
    assert "er åben i BoligDesk" in err and str(other_process.pid) in err and "Luk BoligDesk-vinduet" in err
    assert profile.db_path.read_bytes() == database and lock.exists()
    assert people(profile) == {"Før kopien", "Efter kopien"}

    other_process.kill()  # the window crashed: its lock is stale now
    other_process.wait()
    assert main(["--data-dir", str(profile.folder), "restore", backup.name]) == 0
    assert not lock.exists()
    assert people(profile) == {"Før kopien"}
    [event] = restore_events(profile)
    assert event.detail == f"backup:{backup.name}" and event.actor


def test_the_window_holds_its_lock_only_while_it_runs(tmp_path: Path) -> None:
    with hold(tmp_path):
        [path] = tmp_path.glob("boligdesk-*.lock")
        assert json.loads(path.read_text())["pid"] > 0
        assert holders(tmp_path) == []  # this very process does not block itself
    assert list(tmp_path.glob("*.lock")) == []
