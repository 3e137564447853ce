"""Where a profile's files live — without importing the store (SQLAlchemy, SQLCipher, the models).

Start-up paints the locked window before anything slow is imported (issue 15); it needs only the profile
folder and whether a profile exists there. :mod:`boligdesk.models.store` re-exports these names.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DB_NAME = "boligdesk.db"
KEY_NAME = "boligdesk.key"


@dataclass(frozen=True, slots=True)
class Profile:
    """Where one user's files live."""

    folder: Path

    @property
    def db_path(self) -> Path:
        return self.folder / DB_NAME

    @property
    def key_path(self) -> Path:
        return self.folder / KEY_NAME

    @property
    def backup_dir(self) -> Path:
        return self.folder / "backups"

    @property
    def log_dir(self) -> Path:
        return self.folder / "logs"

    def exists(self) -> bool:
        return self.key_path.exists()


def default_profile() -> Profile:
    from platformdirs import user_data_path

    return Profile(user_data_path("BoligDesk", appauthor=False) / "profil")
