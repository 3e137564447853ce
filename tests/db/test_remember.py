"""'Husk på denne computer' uses the OS keyring, and says so when there is none."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends import fail

from boligdesk.models.remember import forget_key, keyring_status, recall_key, remember_key
from boligdesk.models.store import Profile, Store, open_store, unlock_key
from tests.conftest import TEST_PASSPHRASE


def test_remembered_key_opens_the_store_without_the_passphrase(store: Store, profile: Profile) -> None:
    key = unlock_key(profile, TEST_PASSPHRASE)
    assert remember_key(profile.folder, key) == (True, "")
    store.close()
    recalled = recall_key(profile.folder)
    assert recalled == key
    open_store(profile, key=recalled).close()
    forget_key(profile.folder)
    assert recall_key(profile.folder) is None


def test_without_a_system_keyring_the_user_is_told(monkeypatch: pytest.MonkeyPatch, profile: Profile) -> None:
    keyring.set_keyring(fail.Keyring())
    usable, why = keyring_status()
    assert not usable
    assert why == "Denne computer har ingen sikker nøglering, så adgangskoden skal skrives ved hver start."
    assert remember_key(profile.folder, b"\x00" * 32) == (False, why)
    assert recall_key(profile.folder) is None
