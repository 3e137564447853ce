"""Running desk calls from the UI: one way for quick writes, one thread model for long calls.

Quick writes (a field saved, a line added) run on the GUI thread through :func:`run_write`: it shows a
:class:`~boligdesk.errors.UserInputError` next to its field (or in a message box when the caller has no
field to show it at), a :class:`~boligdesk.errors.StoreError` in a dialog, and broadcasts the returned
:class:`~boligdesk.services.changes.Changes` on ``ctx.bus.changed`` — once, to every view.

Long calls (import, statistics, batches of letters, sync, compaction) run through :func:`run_in_background`
(after Anki's ``CollectionOp``/``QueryOp``):

* the call is ``fn(progress) -> result`` and runs on a ``QThreadPool`` thread. It opens its own session
  through the desk (every desk call does), so nothing is shared with the GUI thread;
* ``progress.step(done, total, text)`` drives a progress dialog; its "Annullér" button cancels: the next
  ``step`` raises :class:`~boligdesk.services.progress.Cancelled`, the call's transaction rolls back and
  nothing is changed;
* the result comes back on the GUI thread to ``on_done(result)``; when it is (or carries) ``Changes``
  they are broadcast first. Errors come back the same way and are shown as for quick writes; anything
  else is a bug and goes to the global excepthook;
* the call is registered with :meth:`Desk.running`, so when the window locks or closes
  :meth:`Desk.close` cancels it and waits for it to roll back before the store closes. A result that
  arrives after its window is gone is dropped (its receiver no longer exists).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from boligdesk.errors import StoreError, UserInputError
from boligdesk.services.changes import Changes
from boligdesk.services.progress import Cancelled, Progress

if TYPE_CHECKING:
    from boligdesk.ui.context import AppContext

T = TypeVar("T")


def changes_of(result: object) -> Changes | None:
    """The Changes a desk call returned: the result itself, or its ``changes`` attribute."""
    if isinstance(result, Changes):
        return result
    changes = getattr(result, "changes", None)
    return changes if isinstance(changes, Changes) else None


def show_error(parent: QWidget | None, exc: UserInputError | StoreError) -> None:
    if isinstance(exc, StoreError):
        QMessageBox.critical(parent, "BoligDesk", exc.message)
    else:
        QMessageBox.warning(parent, "BoligDesk", exc.message)


def broadcast(ctx: AppContext, result: object) -> None:
    changes = changes_of(result)
    if changes:
        ctx.bus.changed.emit(changes)


def run_write(
    parent: QWidget | None,
    ctx: AppContext,
    call: Callable[[], T],
    *,
    on_input_error: Callable[[UserInputError], None] | None = None,
) -> T | None:
    """Run a quick desk write on the GUI thread. Returns its result, or ``None`` when it was refused.

    ``on_input_error`` shows a refused value next to its field (the typed text stays); without it the
    message appears in a message box.
    """
    try:
        result = call()
    except UserInputError as exc:
        if on_input_error is not None:
            on_input_error(exc)
        else:
            show_error(parent, exc)
        return None
    except StoreError as exc:
        show_error(parent, exc)
        return None
    broadcast(ctx, result)
    return result


class _Signals(QObject):
    progressed = Signal(int, int, str)
    done = Signal(object)
    failed = Signal(object)


#: Calls started here. Holding them keeps each call's signals object alive until its result has been
#: delivered on the GUI thread, whatever happens to the window that started it. They are released on the
#: GUI thread only: a QObject must never be destroyed on the worker thread while its queued signals are
#: still waiting to be delivered (that crashed in ``QObject::~QObject``). A call whose window was deleted
#: before it ended stays here (a few hundred bytes) until the process ends.
_IN_FLIGHT: set[_Call] = set()
#: The calls' Python side, kept until a later turn of the event loop after their result was delivered:
#: dropping the last reference while Qt is still delivering the result crashed (seen in test runs).
_CALLS: set[BackgroundCall] = set()


class _Call(QRunnable):
    def __init__(self, ctx: AppContext, fn: Callable[[Progress], Any], signals: _Signals) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.signals = signals
        self.progress = Progress(self._report)
        self._ctx = ctx
        self._fn = fn

    def _report(self, done: int, total: int, text: str) -> None:
        self.signals.progressed.emit(done, total, text)

    def run(self) -> None:
        try:
            with self._ctx.desk.running(self.progress) as progress:
                progress.check()
                result = self._fn(progress)
        except BaseException as exc:  # handed to the GUI thread, which shows it or treats it as a bug
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)
        finally:
            _IN_FLIGHT.discard(self)


def _progress_dialog(parent: QWidget, title: str, *, cancellable: bool) -> QProgressDialog:
    """A window-modal progress dialog, shown only when the call takes more than a moment."""
    dialog = QProgressDialog(title, "Annullér" if cancellable else "", 0, 0, parent)
    dialog.setWindowTitle("BoligDesk")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    if not cancellable:
        dialog.setCancelButton(None)
    return dialog


class BackgroundCall(QObject):
    """A long desk call in flight. ``finished`` is emitted on the GUI thread when it has ended."""

    finished = Signal()

    def __init__(
        self,
        parent: QWidget,
        ctx: AppContext,
        fn: Callable[[Progress], T],
        on_done: Callable[[T], None],
        *,
        title: str,
        cancellable: bool = True,
        show_progress: bool = True,
        on_cancelled: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self._ctx = ctx
        self._on_done = on_done
        self._on_cancelled = on_cancelled
        #: The progress dialog (None when the caller draws the progress itself: ``show_progress=False``).
        self.dialog: QProgressDialog | None = None
        if show_progress:
            self.dialog = _progress_dialog(parent, title, cancellable=cancellable)
        # The signals object has no parent and lives as long as the runnable holds it; its receivers
        # are this object's slots, which Qt disconnects if this object is deleted first.
        self._signals = _Signals()
        self._signals.progressed.connect(self._progressed)
        self._signals.done.connect(self._done)
        self._signals.failed.connect(self._failed)
        self._call = _Call(ctx, fn, self._signals)
        _IN_FLIGHT.add(self._call)
        _CALLS.add(self)
        if self.dialog is not None:
            self.dialog.canceled.connect(self._call.progress.cancel)
        self.result: T | None = None
        self.error: BaseException | None = None
        QThreadPool.globalInstance().start(self._call)

    @property
    def progress(self) -> Progress:
        return self._call.progress

    def cancel(self) -> None:
        self._call.progress.cancel()

    def _progressed(self, done: int, total: int, text: str) -> None:
        if self.dialog is None:
            return
        self.dialog.setMaximum(max(total, 0))
        self.dialog.setValue(min(done, total) if total else 0)
        if text:
            self.dialog.setLabelText(text)

    def _end(self) -> None:
        _IN_FLIGHT.discard(self._call)
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
        self.finished.emit()
        self.deleteLater()
        # Dropping the last reference to this object (and its runnable and signals) while Qt is still
        # delivering the result crashes; let go of it on a later turn of the event loop instead.
        QTimer.singleShot(0, lambda: _CALLS.discard(self))

    def _done(self, result: Any) -> None:
        self.result = result
        self._end()
        broadcast(self._ctx, result)
        self._on_done(result)

    def _failed(self, exc: BaseException) -> None:
        self.error = exc
        self._end()
        if isinstance(exc, Cancelled):
            if self._on_cancelled is not None:
                self._on_cancelled()
        elif isinstance(exc, (UserInputError, StoreError)):
            show_error(self._parent, exc)
        else:
            sys.excepthook(type(exc), exc, exc.__traceback__)


def run_in_background(
    parent: QWidget,
    ctx: AppContext,
    fn: Callable[[Progress], T],
    on_done: Callable[[T], None],
    *,
    title: str,
    cancellable: bool = True,
    show_progress: bool = True,
    on_cancelled: Callable[[], None] | None = None,
) -> BackgroundCall:
    """Start ``fn(progress)`` off the GUI thread; see the module docstring for the rules.

    ``show_progress=False``: no progress dialog; the caller draws ``progress`` itself (and cancels the call
    with :meth:`BackgroundCall.cancel`).
    """
    return BackgroundCall(
        parent,
        ctx,
        fn,
        on_done,
        title=title,
        cancellable=cancellable,
        show_progress=show_progress,
        on_cancelled=on_cancelled,
    )
