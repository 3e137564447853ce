"""Finds bundled resources (fonts, rate tables, letter templates), also inside a PyInstaller bundle."""

from __future__ import annotations

import sys
from pathlib import Path


def resource_dir() -> Path:
    """The folder holding BoligDesk's bundled resources."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root is not None:
        return Path(frozen_root) / "boligdesk" / "resources"
    return Path(__file__).resolve().parent


def resource_path(*parts: str) -> Path:
    path = resource_dir().joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"BoligDesk resource missing: {'/'.join(parts)}")
    return path
