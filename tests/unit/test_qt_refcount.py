"""The Qt binding must not lose references: PySide6 6.12.0 dropped one reference to ``None`` on every call
of a Qt method that returns nothing, and after a few thousand calls (a long home visit: timers, repaints,
``setData``) Python aborted with "deallocating None" — a crash that loses the window. pyproject.toml
excludes that release; this test fails on any binding with the same fault."""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication


def test_void_qt_calls_keep_the_reference_count_of_none(qapp: QApplication) -> None:
    timer = QTimer()
    before = sys.getrefcount(None)
    for _ in range(2_000):
        timer.setInterval(5)
    after = sys.getrefcount(None)
    # Other threads may take or drop a few references meanwhile; a leak of one per call is 2,000.
    assert abs(after - before) < 100, f"None lost {before - after} references over 2,000 void Qt calls"
