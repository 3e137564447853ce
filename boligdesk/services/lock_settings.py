"""This laptop's auto-lock setting: ``lock.json`` in the profile folder (no secret, no personal data).

How many minutes without input before the window locks (default 10, 1–120). It is the laptop's, not the
team's (a colleague's setting must not change how soon another laptop locks), so it is not synced.
A missing or unreadable file means the default.
"""

from __future__ import annotations

import json
from pathlib import Path

from boligdesk.errors import UserInputError
from boligdesk.models.atomic import atomic_write_bytes

LOCK_NAME = "lock.json"
DEFAULT_MINUTES = 10
MIN_MINUTES = 1
MAX_MINUTES = 120


def load_lock_minutes(profile_folder: Path) -> int:
    try:
        data = json.loads((profile_folder / LOCK_NAME).read_text(encoding="utf-8"))
        minutes = int(data["minutes"])
    except (OSError, ValueError, TypeError, KeyError):
        return DEFAULT_MINUTES
    return minutes if MIN_MINUTES <= minutes <= MAX_MINUTES else DEFAULT_MINUTES


def save_lock_minutes(profile_folder: Path, minutes: int) -> None:
    if not MIN_MINUTES <= minutes <= MAX_MINUTES:
        raise UserInputError(
            "minutes",
            "lock.minutes_range",
            f"Vælg mellem {MIN_MINUTES} og {MAX_MINUTES} minutter, før BoligDesk låser sig selv.",
        )
    payload = json.dumps({"format": 1, "minutes": minutes}).encode("utf-8")
    atomic_write_bytes(profile_folder / LOCK_NAME, payload)
