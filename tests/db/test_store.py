"""The encrypted store on a real file: encryption, wrong passphrase, persistence, refusals."""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from boligdesk.budget.money import Money
from boligdesk.errors import StoreError, UserInputError, WrongPassphraseError
from boligdesk.models import Case
from boligdesk.models.keys import change_passphrase
from boligdesk.models.store import Profile, Store, create_profile, open_store
from boligdesk.services.cases import NewCase
from tests.cases import create_case
from tests.conftest import TEST_PASSPHRASE

TODAY = dt.date(2026, 11, 24)
SURNAME = "Quistgaard-Zebedæus"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _make_case(store: Store) -> str:
    return create_case(
        store,
        NewCase(
            first_name="Vibeke",
            last_name=SURNAME,
            address_line="Fiktivvej 7, 2. th",
            arrears=Money(1_234_550),
        ),
        today=TODAY,
    )


def test_database_file_is_encrypted(store: Store, profile: Profile) -> None:
    _make_case(store)
    store.close()
    assert not profile.db_path.read_bytes().startswith(b"SQLite format 3")


def test_file_cannot_be_read_without_the_key(store: Store, profile: Profile) -> None:
    _make_case(store)
    store.close()
    conn = sqlite3.connect(profile.db_path)
    with pytest.raises(sqlite3.DatabaseError):
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    conn.close()


def test_no_personal_data_in_plain_text_anywhere_in_the_profile(store: Store, profile: Profile) -> None:
    _make_case(store)
    # Look while the store is still open (WAL and journal files included) and after closing.
    for _ in range(2):
        for path in profile.folder.rglob("*"):
            if path.is_file():
                data = path.read_bytes()
                assert SURNAME.encode("utf-8") not in data, path.name
                assert b"Fiktivvej" not in data, path.name
        store.close()


def test_wrong_passphrase_is_refused_and_changes_nothing(store: Store, profile: Profile) -> None:
    _make_case(store)
    store.close()
    before = (_digest(profile.db_path), _digest(profile.key_path))
    with pytest.raises(WrongPassphraseError) as info:
        open_store(profile, passphrase="helt forkert kodeord")
    assert "Adgangskoden er forkert" in info.value.message
    assert (_digest(profile.db_path), _digest(profile.key_path)) == before


def test_case_is_still_there_after_reopening(store: Store, profile: Profile) -> None:
    case_id = _make_case(store)
    store.close()
    reopened = open_store(profile, passphrase=TEST_PASSPHRASE)
    with reopened.session() as s:
        case = s.get(Case, case_id)
        assert case is not None
        assert case.number == "2026-0001"
        assert case.arrears == Money(1_234_550)
        assert case.tenant.last_name == SURNAME
        assert case.updated_by == reopened.device_id
    reopened.close()


def test_changing_the_passphrase_rewraps_without_touching_the_database(
    store: Store, profile: Profile
) -> None:
    case_id = _make_case(store)
    store.close()
    db_before = _digest(profile.db_path)
    change_passphrase(profile.key_path, TEST_PASSPHRASE, "Et helt nyt kodeord 7", "Et helt nyt kodeord 7")
    assert _digest(profile.db_path) == db_before
    with pytest.raises(WrongPassphraseError):
        open_store(profile, passphrase=TEST_PASSPHRASE)
    reopened = open_store(profile, passphrase="Et helt nyt kodeord 7")
    with reopened.session() as s:
        assert s.get(Case, case_id) is not None
    reopened.close()


def test_file_from_a_newer_version_is_refused_and_left_alone(store: Store, profile: Profile) -> None:
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    store.close()
    before = _digest(profile.db_path)
    with pytest.raises(StoreError) as info:
        open_store(profile, passphrase=TEST_PASSPHRASE)
    assert info.value.code == "newer_version"
    assert "nyere version af BoligDesk" in info.value.message
    assert _digest(profile.db_path) == before


def test_existing_profile_is_never_overwritten(store: Store, profile: Profile) -> None:
    store.close()
    with pytest.raises(StoreError) as info:
        create_profile(profile, "Endnu et kodeord 99")
    assert info.value.code == "profile_exists"


@pytest.mark.parametrize(
    ("passphrase", "repeat", "message"),
    [
        ("kort", "kort", "Adgangskoden skal have mindst 10 tegn."),
        ("aaaaaaaaaaaa", "aaaaaaaaaaaa", "Adgangskoden er for nem at gætte."),
        ("Kaffe med mælk kl 9", "Kaffe med maelk kl 9", "De to adgangskoder er ikke ens."),
    ],
)
def test_weak_or_mismatched_new_passphrase_is_refused(
    profile: Profile, passphrase: str, repeat: str, message: str
) -> None:
    with pytest.raises(UserInputError) as info:
        create_profile(profile, passphrase, repeat)
    assert info.value.message.startswith(message)
    assert not profile.folder.exists() or not any(profile.folder.iterdir())


def test_synced_rows_get_uuid_clock_and_device(store: Store) -> None:
    case_id = _make_case(store)
    with store.session() as s:
        case = s.get(Case, case_id)
        assert case is not None
        assert len(case.id) == 36
        first_clock = case.updated_at
        case.arrears = Money(100)
    with store.session() as s:
        case = s.get(Case, case_id)
        assert case is not None
        assert case.updated_at > first_clock
        assert '"arrears"' in case.field_clocks


def test_hard_delete_of_synced_rows_is_refused(store: Store) -> None:
    case_id = _make_case(store)
    with pytest.raises(RuntimeError), store.session() as s:
        s.delete(s.get(Case, case_id))
    with store.session() as s:
        assert s.get(Case, case_id) is not None
