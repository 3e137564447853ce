"""``desk.backups`` and ``boligdesk restore``: a backup put back brings back what was deleted since, and
the database it replaced is kept as a backup of its own."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from boligdesk.budget.money import Money
from boligdesk.cli import main
from boligdesk.errors import StoreError
from boligdesk.models import Case
from boligdesk.models.store import Profile, Store, open_store
from boligdesk.services.cases import NewCase
from boligdesk.services.changes import Changes
from boligdesk.services.desk import Desk
from boligdesk.sync.safety import backup_before_sync
from tests.cases import create_case
from tests.conftest import TEST_PASSPHRASE

TODAY = dt.date(2026, 11, 24)


def new_case(store: Store, first_name: str) -> str:
    data = NewCase(
        first_name=first_name, last_name="Opdigtet", address_line="Prøvevej 1", rent=Money.kr(5000)
    )
    return create_case(store, data, today=TODAY)


def live_names(desk: Desk) -> set[str]:
    with desk.reading() as s:
        return {
            c.tenant.first_name for c in s.scalars(select(Case).where(Case.deleted.is_(False))) if c.tenant
        }


def delete_case(store: Store, case_id: str) -> None:
    with store.session() as s:
        case = s.get(Case, case_id)
        assert case is not None
        case.deleted = True


def test_a_restore_brings_back_deleted_data_and_keeps_the_replaced_database(store: Store) -> None:
    desk = Desk(store, adviser_name="Test Rådgiver", today=lambda: TODAY)
    first = new_case(store, "Åse")
    backup = backup_before_sync(store)
    delete_case(store, first)
    new_case(store, "Bent")  # made after the backup
    assert live_names(desk) == {"Bent"}
    [row] = desk.backups.list()
    assert (row.path, row.kind, row.kind_label) == (backup, "sync", "Før synkronisering")
    assert row.label.endswith("· Før synkronisering") and " kl. " in row.label

    restored = desk.backups.restore(backup)

    assert restored.changes == Changes.all()
    assert live_names(desk) == {"Åse"}  # the deleted case is back, the later one is not
    kinds = [r.kind for r in desk.backups.list()]
    assert sorted(kinds) == ["restore", "sync"]
    assert restored.kept.exists() and restored.kept.parent == store.profile.backup_dir
    assert b"Bent" not in restored.kept.read_bytes()  # still encrypted
    assert any("gemt som" in line for line in restored.lines())
    new_case(store, "Carl")  # the reopened store takes writes as before
    assert live_names(desk) == {"Åse", "Carl"}

    desk.backups.restore(restored.kept)  # the pre-restore copy brings the replaced state back
    assert live_names(desk) == {"Bent"}
    assert [r.kind for r in desk.backups.list()].count("restore") == 2


def test_a_file_the_key_does_not_open_is_refused_and_nothing_changes(store: Store) -> None:
    desk = Desk(store)
    new_case(store, "Åse")
    store.profile.backup_dir.mkdir(parents=True, exist_ok=True)
    junk = store.profile.backup_dir / "boligdesk-foer-synk-20261124-120000.db"
    junk.write_bytes(b"\x00" * 4096)
    with pytest.raises(StoreError) as info:
        desk.backups.restore(junk)
    assert info.value.code == "backup_unreadable"
    assert "Databasen er som før" in info.value.message
    assert live_names(desk) == {"Åse"}
    with pytest.raises(StoreError) as missing:
        desk.backups.restore(store.profile.backup_dir / "findes-ikke.db")
    assert missing.value.code == "backup_missing"


def test_migration_backups_are_listed_with_their_revision(store: Store) -> None:
    folder = store.profile.backup_dir
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "boligdesk-0001-20260101-080000.db").write_bytes(b"x")
    (folder / "noter.txt").write_text("ikke en sikkerhedskopi")
    [row] = Desk(store).backups.list()
    assert row.kind == "migration" and row.kind_label == "Før opdatering af databasen (version 0001)"


def test_restore_on_the_command_line_lists_and_restores_a_damaged_profile(
    store: Store, profile: Profile, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    new_case(store, "Åse")
    backup = backup_before_sync(store)
    store.close()
    profile.db_path.write_bytes(b"\x00" * 8192)  # the database is damaged
    monkeypatch.setenv("BOLIGDESK_PASSPHRASE", TEST_PASSPHRASE)

    assert main(["--data-dir", str(profile.folder), "restore", "--list"]) == 0
    listed = capsys.readouterr().out
    assert backup.name in listed and "Før synkronisering" in listed

    assert main(["--data-dir", str(profile.folder), "restore", backup.name]) == 0
    out = capsys.readouterr().out
    assert "gendannet" in out and "gemt som" in out
    reopened = open_store(profile, passphrase=TEST_PASSPHRASE)
    try:
        assert live_names(Desk(reopened)) == {"Åse"}
    finally:
        reopened.close()
    kept = [p for p in profile.backup_dir.iterdir() if "foer-gendannelse" in p.name]
    assert len(kept) == 1 and kept[0].read_bytes() == b"\x00" * 8192  # the damaged file is kept too


def test_restore_without_a_file_or_list_explains_itself(
    profile: Profile, store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(profile.folder), "restore", "--list"]) == 0
    assert "Der er ingen sikkerhedskopier" in capsys.readouterr().out


def test_list_is_newest_first(tmp_path: Path) -> None:
    from boligdesk.services.backups import backup_rows

    profile = Profile(tmp_path / "p")
    profile.backup_dir.mkdir(parents=True)
    for stamp in ("20261101-100000", "20261124-090000", "20261110-235959"):
        (profile.backup_dir / f"boligdesk-foer-synk-{stamp}.db").write_bytes(b"x")
    assert [r.made.day for r in backup_rows(profile)] == [24, 10, 1]
