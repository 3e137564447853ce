"""Running the app's own event loop (``app.exec()``) in a test, without ever hanging the suite."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

GAVE_UP = 3  # the exit code when the window never ended the loop


@contextmanager
def app_loop_guard(app: QApplication, seconds: int = 60) -> Iterator[None]:
    """Close windows other tests left open (one keeps Qt from quitting when ours closes: the suite hung
    so when pytest-xdist ran the files in another order), and end the loop with ``GAVE_UP`` after
    ``seconds`` instead of waiting forever."""
    for widget in app.topLevelWidgets():
        widget.close()
    deadline = QTimer()
    deadline.setSingleShot(True)
    deadline.timeout.connect(lambda: app.exit(GAVE_UP))
    deadline.start(seconds * 1000)
    try:
        yield
    finally:
        deadline.stop()


def run_guarded(app: QApplication, run: Callable[[], int]) -> int:
    with app_loop_guard(app):
        return run()
