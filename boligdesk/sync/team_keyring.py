"""Remembering the team key on this computer, in the OS keyring (service ``BoligDesk-team``).

Where no usable system keyring exists (headless Linux raises ``NoKeyringError``; ``keyrings.alt`` and the
fail/null backends are not safe places) nothing is stored and the team passphrase is asked again. The key
is stored per team id; it never goes into ``sync.json``.
"""

from __future__ import annotations

import contextlib

import keyring
from keyring.errors import KeyringError, NoKeyringError, PasswordDeleteError

SERVICE = "BoligDesk-team"


def _usable() -> bool:
    try:
        backend = keyring.get_keyring()
    except (NoKeyringError, KeyringError):  # pragma: no cover - depends on the machine
        return False
    module = type(backend).__module__
    unsafe = ("keyrings.alt", "keyring.backends.fail", "keyring.backends.null")
    return not module.startswith(unsafe)


def remember_team_key(team_id: str, team_key: bytes) -> tuple[bool, str]:
    """Store the key; ``(False, Danish reason)`` when this computer has no safe keyring."""
    if not _usable():
        return False, "Computeren har ingen sikker nøglering, så teamets adgangskode skal skrives hver gang."
    try:
        keyring.set_password(SERVICE, team_id, team_key.hex())
    except (NoKeyringError, KeyringError) as exc:
        return False, f"Teamets nøgle kunne ikke gemmes i nøgleringen ({type(exc).__name__})."
    return True, ""


def recall_team_key(team_id: str) -> bytes | None:
    if not _usable():
        return None
    try:
        value = keyring.get_password(SERVICE, team_id)
    except (NoKeyringError, KeyringError):
        return None
    if not value:
        return None
    try:
        return bytes.fromhex(value)
    except ValueError:
        return None


def forget_team_key(team_id: str) -> None:
    with contextlib.suppress(NoKeyringError, PasswordDeleteError, KeyringError):
        keyring.delete_password(SERVICE, team_id)
