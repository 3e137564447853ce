"""One line for the main window's status bar about the sync state (reads ``sync.json`` only)."""

from __future__ import annotations

from pathlib import Path

from boligdesk.budget.calendar import format_short
from boligdesk.sync.settings import load_settings


def conflicts_text(count: int) -> str:
    return "1 konflikt" if count == 1 else f"{count} konflikter"


def sync_status_text(profile_folder: Path) -> str:
    """``"Ikke sat op"``, ``"Ikke synkroniseret endnu"`` or ``"Sidst synkroniseret 24.11.2026 kl. 14.05"``,
    followed by ``" · 3 konflikter"`` while conflicts are open."""
    settings = load_settings(profile_folder)
    if not settings.is_set_up:
        return "Ikke sat op"
    when = settings.last_sync_at
    text = (
        "Ikke synkroniseret endnu"
        if when is None
        else f"Sidst synkroniseret {format_short(when.date())} kl. {when:%H.%M}"
    )
    if settings.open_conflicts > 0:
        text += f" · {conflicts_text(settings.open_conflicts)}"
    return text
