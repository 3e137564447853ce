"""sync.json and the status-bar line."""

from __future__ import annotations

import json
from pathlib import Path

from boligdesk.sync.settings import SyncSettings, load_settings, save_settings, settings_path, update_settings
from boligdesk.sync.status import sync_status_text


def test_laptop_without_sync_settings_is_not_set_up(tmp_path: Path) -> None:
    assert sync_status_text(tmp_path) == "Ikke sat op"


def test_set_up_but_never_synced(tmp_path: Path) -> None:
    save_settings(tmp_path, SyncSettings(share="/mnt/fælles", team_id="t1"))
    assert sync_status_text(tmp_path) == "Ikke synkroniseret endnu"


def test_last_sync_time_is_shown_in_danish_format(tmp_path: Path) -> None:
    save_settings(tmp_path, SyncSettings(share="/mnt/fælles", team_id="t1", last_sync="2026-11-24T14:05:31"))
    assert sync_status_text(tmp_path) == "Sidst synkroniseret 24.11.2026 kl. 14.05"


def test_open_conflicts_are_counted_in_the_status(tmp_path: Path) -> None:
    save_settings(
        tmp_path, SyncSettings(share="/s", team_id="t", last_sync="2026-11-24T14:05:00", open_conflicts=3)
    )
    assert sync_status_text(tmp_path) == "Sidst synkroniseret 24.11.2026 kl. 14.05 · 3 konflikter"
    update_settings(tmp_path, open_conflicts=1)
    assert sync_status_text(tmp_path).endswith("· 1 konflikt")


def test_sync_settings_file_holds_no_secrets(tmp_path: Path) -> None:
    update_settings(tmp_path, share="/mnt/fælles", team_id="t1")
    data = json.loads(settings_path(tmp_path).read_text(encoding="utf-8"))
    # the team fingerprint is a digest of team.json's public values, not a key
    assert set(data) == {
        "format",
        "share",
        "team_id",
        "last_sync",
        "open_conflicts",
        "team_fingerprint",
        "team_key_epoch",
    }
    assert load_settings(tmp_path).share == "/mnt/fælles"


def test_unreadable_settings_mean_not_set_up(tmp_path: Path) -> None:
    settings_path(tmp_path).write_text("{ikke json", encoding="utf-8")
    assert load_settings(tmp_path) == SyncSettings()
    assert sync_status_text(tmp_path) == "Ikke sat op"
