"""A damaged, empty or unreachable profile is named for what it is, and never rebuilt or half-made."""

from __future__ import annotations

import errno
import hashlib
from pathlib import Path

import pytest
import sqlcipher3.dbapi2 as sqlcipher

from boligdesk.errors import StoreError, WrongPassphraseError
from boligdesk.models import store as store_module
from boligdesk.models.store import DB_NAME, Profile, Store, create_profile, open_store, unlock_key
from tests.conftest import TEST_PASSPHRASE


def _closed_profile(store: Store, profile: Profile) -> Profile:
    store.checkpoint()
    store.close()
    return profile


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_zero_byte_database_is_refused_as_damaged_and_not_rebuilt(store: Store, profile: Profile) -> None:
    _closed_profile(store, profile)
    profile.db_path.write_bytes(b"")
    with pytest.raises(StoreError) as info:
        open_store(profile, passphrase=TEST_PASSPHRASE)
    assert info.value.code == "database_damaged"
    assert "beskadiget" in info.value.message and "sikkerhedskopi" in info.value.message
    assert profile.db_path.stat().st_size == 0  # not re-initialised as an empty profile


@pytest.mark.parametrize("keep", [0.5, 0.1, 0.01])
def test_a_truncated_database_is_damaged_not_a_wrong_passphrase(
    store: Store, profile: Profile, keep: float
) -> None:
    _closed_profile(store, profile)
    data = profile.db_path.read_bytes()
    profile.db_path.write_bytes(data[: max(1, int(len(data) * keep))])
    before = _digest(profile.db_path)
    with pytest.raises(StoreError) as info:
        open_store(profile, passphrase=TEST_PASSPHRASE)
    assert info.value.code == "database_damaged"
    assert not isinstance(info.value, WrongPassphraseError)
    assert _digest(profile.db_path) == before


def test_a_wrong_passphrase_on_a_damaged_file_is_still_a_wrong_passphrase(
    store: Store, profile: Profile
) -> None:
    _closed_profile(store, profile)
    profile.db_path.write_bytes(b"garbage" * 100)
    with pytest.raises(WrongPassphraseError):
        open_store(profile, passphrase="helt forkert kodeord")


def test_a_garbage_file_with_a_remembered_key_asks_for_the_passphrase(store: Store, profile: Profile) -> None:
    _closed_profile(store, profile)
    key = unlock_key(profile, TEST_PASSPHRASE)
    profile.db_path.write_bytes(b"\x00" * 8192)
    with pytest.raises(WrongPassphraseError):  # the app then forgets the key and asks
        open_store(profile, key=key)


def test_a_read_only_profile_folder_is_named_as_such(
    store: Store, profile: Profile, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Root (CI) may write anywhere, so the OS's refusal is simulated at the driver.
    _closed_profile(store, profile)
    real_connect = sqlcipher.connect

    def read_only(*args: object, **kwargs: object) -> object:
        conn = real_connect(*args, **kwargs)  # type: ignore[arg-type]

        class Conn:
            def execute(self, sql: str) -> object:
                if "journal_mode" in sql:
                    raise sqlcipher.OperationalError("attempt to write a readonly database")
                return conn.execute(sql)

            def close(self) -> None:
                conn.close()

        return Conn()

    monkeypatch.setattr(store_module.sqlcipher, "connect", read_only)
    with pytest.raises(StoreError) as info:
        open_store(profile, passphrase=TEST_PASSPHRASE)
    assert info.value.code == "no_permission"
    assert "skrivebeskyttet" in info.value.message
    assert "Adgangskoden" not in info.value.message


def test_a_full_disk_while_creating_a_profile_leaves_nothing_behind(
    profile: Profile, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store_module, "write_key_file", full)
    with pytest.raises(StoreError) as info:
        create_profile(profile, TEST_PASSPHRASE)
    assert info.value.code == "disk_full"
    assert "plads" in info.value.message
    assert sorted(p.name for p in profile.folder.iterdir()) == []
    assert not profile.exists()
    monkeypatch.undo()
    created = create_profile(profile, TEST_PASSPHRASE)  # and a later try just works
    created.close()
    assert (profile.folder / DB_NAME).exists()


def test_a_full_disk_inside_sqlite_while_creating_is_a_danish_message(
    profile: Profile, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*_args: object, **_kwargs: object) -> None:
        raise sqlcipher.OperationalError("database or disk is full")

    monkeypatch.setattr(store_module, "_migrate", full)
    with pytest.raises(StoreError) as info:
        create_profile(profile, TEST_PASSPHRASE)
    assert info.value.code == "disk_full"
    assert not list(profile.folder.glob(DB_NAME + "*"))
