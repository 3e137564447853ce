"""Remembering the team key on this computer, in the OS keyring (service ``BoligDesk-team``).

Where no usable system keyring exists (headless Linux raises ``NoKeyringError``; ``keyrings.alt`` and the
fail/null backends are not safe places) nothing is stored and the team passphrase is asked again. The key
is stored per team id; it never goes into ``sync.json``.
"""

from __future__ import annotations

from boligdesk.models.remember import delete_key, keyring_status, load_key, store_key

SERVICE = "BoligDesk-team"
NO_KEYRING = "Computeren har ingen sikker nøglering, så teamets adgangskode skal skrives hver gang."


def remember_team_key(team_id: str, team_key: bytes) -> tuple[bool, str]:
    """Store the key; ``(False, Danish reason)`` when this computer has no safe keyring."""
    if not keyring_status()[0]:
        return False, NO_KEYRING
    return store_key(SERVICE, team_id, team_key)


def recall_team_key(team_id: str) -> bytes | None:
    return load_key(SERVICE, team_id)


def forget_team_key(team_id: str) -> None:
    delete_key(SERVICE, team_id)
