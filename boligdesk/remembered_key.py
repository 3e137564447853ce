""" "Husk på denne computer": the unwrapped database key in the OS keyring.

Where no system keyring exists (headless Linux, a locked-down PC) every call raises ``NoKeyringError``;
we catch it, say so, and the user types the passphrase. ``keyrings.alt`` (plain-file secrets) is never
used: a backend whose module comes from ``keyrings.alt`` or whose priority is below 1 counts as none.
"""

from __future__ import annotations

import contextlib
import hashlib
from pathlib import Path

import keyring
from keyring.errors import KeyringError, NoKeyringError, PasswordDeleteError

SERVICE = "BoligDesk"


def _username(profile_folder: Path) -> str:
    digest = hashlib.sha256(str(profile_folder.resolve()).encode("utf-8")).hexdigest()[:16]
    return f"profil-{digest}"


def keyring_status() -> tuple[bool, str]:
    """(usable, Danish explanation) for the current keyring backend."""
    try:
        backend = keyring.get_keyring()
    except KeyringError as exc:  # pragma: no cover - depends on the machine
        return False, f"Systemets nøglering kan ikke bruges ({type(exc).__name__})."
    module = type(backend).__module__
    if module.startswith("keyrings.alt") or module.startswith("keyring.backends.fail"):
        return (
            False,
            "Denne computer har ingen sikker nøglering, så adgangskoden skal skrives ved hver start.",
        )
    if module.startswith("keyring.backends.null"):
        return False, "Nøgleringen er slået fra på denne computer."
    return True, ""


def store_key(service: str, username: str, key: bytes) -> tuple[bool, str]:
    """Put a raw key in the OS keyring; ``(False, Danish reason)`` where there is no safe keyring."""
    usable, why = keyring_status()
    if not usable:
        return False, why
    try:
        keyring.set_password(service, username, key.hex())
    except (NoKeyringError, KeyringError) as exc:
        return False, f"Nøglen kunne ikke gemmes i nøgleringen ({type(exc).__name__})."
    return True, ""


def load_key(service: str, username: str) -> bytes | None:
    """The raw key stored under ``service``/``username``, or None (no keyring, nothing stored)."""
    if not keyring_status()[0]:
        return None
    try:
        value = keyring.get_password(service, username)
    except (NoKeyringError, KeyringError):
        return None
    if not value:
        return None
    try:
        return bytes.fromhex(value)
    except ValueError:
        return None


def delete_key(service: str, username: str) -> None:
    with contextlib.suppress(NoKeyringError, PasswordDeleteError, KeyringError):
        keyring.delete_password(service, username)


def remember_key(profile_folder: Path, key: bytes) -> tuple[bool, str]:
    return store_key(SERVICE, _username(profile_folder), key)


def recall_key(profile_folder: Path) -> bytes | None:
    return load_key(SERVICE, _username(profile_folder))


def forget_key(profile_folder: Path) -> None:
    delete_key(SERVICE, _username(profile_folder))
