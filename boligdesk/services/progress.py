"""Progress and cancel for long desk calls, without Qt.

A long call (import, batch of letters, statistics, sync, compaction) takes a :class:`Progress` and calls
``progress.step(done, total, text)`` now and then. ``step`` raises :class:`Cancelled` once the user has
asked to stop (or the window is locking or closing), so the call's transaction rolls back and nothing is
changed. The UI's background runner (``boligdesk/ui/shared/desk_ops.py``) passes a Progress whose ``report``
forwards to a progress bar; the command line passes one that prints, or :data:`SILENT`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable


class Cancelled(Exception):
    """The user (or the window closing) stopped a long call; its transaction was rolled back."""


class Progress:
    def __init__(self, report: Callable[[int, int, str], None] | None = None) -> None:
        self._report = report
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        """Raise :class:`Cancelled` if a cancel was asked for."""
        if self._cancel.is_set():
            raise Cancelled()

    def step(self, done: int, total: int, text: str = "") -> None:
        """Report progress (``done`` of ``total``; ``total`` 0 when unknown), then :meth:`check`."""
        if self._report is not None:
            self._report(done, total, text)
        self.check()


#: For calls made without anyone watching (tests, scripts): reports nothing, never cancels.
SILENT = Progress()
