"""The Statistik window (issue 13): figures per estate and year, the team leader's overview, entered counts."""

from __future__ import annotations

from typing import Any


def open_statistics(window: Any) -> None:
    """Filer → Statistik…: open (or raise) the window; imported on first use (reportlab is heavy)."""
    from boligdesk.ui.statistics.statistics_window import open_statistics as open_window

    open_window(window)
