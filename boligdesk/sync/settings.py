"""This laptop's sync settings: ``sync.json`` in the profile folder.

It holds no secrets and no personal data: the shared folder's path, the team id, when the last sync
finished and how many conflicts were open then (for the status bar). The team key lives in the OS
keyring (:mod:`boligdesk.sync.team_keyring`), never here.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from boligdesk.models.atomic import atomic_write_bytes

SETTINGS_NAME = "sync.json"
SETTINGS_FORMAT = 1


@dataclass(frozen=True, slots=True)
class SyncSettings:
    share: str = ""
    team_id: str = ""
    last_sync: str = ""
    open_conflicts: int = 0
    #: ``TeamInfo.fingerprint`` of the team.json this laptop joined (no secret: a digest of public values)
    team_fingerprint: str = ""
    #: ``TeamInfo.key_epoch`` of that team.json: a higher one on the share means the key was rotated
    team_key_epoch: int = 0

    @property
    def is_set_up(self) -> bool:
        return bool(self.share and self.team_id)

    @property
    def share_path(self) -> Path | None:
        return Path(self.share) if self.share else None

    @property
    def last_sync_at(self) -> dt.datetime | None:
        if not self.last_sync:
            return None
        try:
            return dt.datetime.fromisoformat(self.last_sync)
        except ValueError:
            return None


def settings_path(profile_folder: Path) -> Path:
    return profile_folder / SETTINGS_NAME


def load_settings(profile_folder: Path) -> SyncSettings:
    """The saved settings; a missing or unreadable file means "not set up" (it holds nothing precious)."""
    path = settings_path(profile_folder)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return SyncSettings()
    if not isinstance(data, dict):
        return SyncSettings()
    values = SyncSettings()
    with contextlib.suppress(TypeError, ValueError):
        values = SyncSettings(
            share=str(data.get("share", "")),
            team_id=str(data.get("team_id", "")),
            last_sync=str(data.get("last_sync", "")),
            open_conflicts=int(data.get("open_conflicts", 0)),
            team_fingerprint=str(data.get("team_fingerprint", "")),
            team_key_epoch=int(data.get("team_key_epoch", 0)),
        )
    return values


def save_settings(profile_folder: Path, settings: SyncSettings) -> None:
    data = {"format": SETTINGS_FORMAT, **asdict(settings)}
    atomic_write_bytes(
        settings_path(profile_folder),
        json.dumps(data, indent=2, ensure_ascii=False).encode("utf-8"),
        what="synkroniseringsindstillingerne",
    )


def update_settings(profile_folder: Path, **changes: str | int) -> SyncSettings:
    settings = replace(load_settings(profile_folder), **changes)  # type: ignore[arg-type]
    save_settings(profile_folder, settings)
    return settings
