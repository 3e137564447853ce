"""This laptop's auto-lock setting: ``lock.json`` in the profile folder (no secret, no personal data).

The same file holds whether the first-run tour has been shown (``tour_seen``, ``ui/tour``).

How many minutes without input before the window locks (default 10, 1–120). It is the laptop's, not the
team's (a colleague's setting must not change how soon another laptop locks), so it is not synced.
A missing or unreadable file means the default.
"""

from __future__ import annotations

import json
from pathlib import Path

from boligdesk.errors import UserInputError

LOCK_NAME = "lock.json"
DEFAULT_MINUTES = 10
MIN_MINUTES = 1
MAX_MINUTES = 120


def _settings(profile_folder: Path) -> dict[str, object]:
    try:
        data = json.loads((profile_folder / LOCK_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def load_lock_minutes(profile_folder: Path) -> int:
    try:
        minutes = int(_settings(profile_folder)["minutes"])  # type: ignore[call-overload]
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
    _save(profile_folder, minutes=minutes)


def load_tour_seen(profile_folder: Path) -> bool:
    """True once the first-run tour has been shown on this profile (an unreadable file: not yet)."""
    return _settings(profile_folder).get("tour_seen") is True


def save_tour_seen(profile_folder: Path) -> None:
    _save(profile_folder, tour_seen=True)


def _save(profile_folder: Path, **values: object) -> None:
    """Write ``values`` into the file, keeping the other setting (the minutes, or the tour flag)."""
    # Here, not at the top: reading the minutes is on the start-up path before SQLAlchemy (§44), and
    # importing anything under boligdesk.models imports the models.
    from boligdesk.models.atomic import atomic_write_bytes

    data = {key: value for key, value in _settings(profile_folder).items() if key in ("minutes", "tour_seen")}
    data.update(values, format=1)
    atomic_write_bytes(profile_folder / LOCK_NAME, json.dumps(data).encode("utf-8"))
