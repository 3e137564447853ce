"""BoligDesk's icon, from ``resources/icons`` (light: Qt and the resource finder only, so the locked
window can show it before the heavy parts are imported)."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from boligdesk.resources import resource_path


def app_icon() -> QIcon:
    """BoligDesk's icon (window title bar, task bar). An empty icon if the file is missing."""
    try:
        return QIcon(str(resource_path("icons", "boligdesk.png")))
    except FileNotFoundError:
        return QIcon()
