"""Remembering the team key in the OS keyring, and doing without one."""

from __future__ import annotations

import keyring
from keyring.backends import fail

from boligdesk.sync.team_keyring import SERVICE, forget_team_key, recall_team_key, remember_team_key


def test_team_key_is_remembered_per_team() -> None:
    assert remember_team_key("team1", b"\x01" * 32) == (True, "")
    assert recall_team_key("team1") == b"\x01" * 32
    assert recall_team_key("team2") is None
    assert keyring.get_password(SERVICE, "team1") == "01" * 32
    forget_team_key("team1")
    assert recall_team_key("team1") is None


def test_without_a_keyring_nothing_is_stored_and_the_user_is_told() -> None:
    keyring.set_keyring(fail.Keyring())
    stored, why = remember_team_key("team1", b"\x01" * 32)
    assert not stored
    assert "adgangskode skal skrives" in why
    assert recall_team_key("team1") is None
    forget_team_key("team1")
