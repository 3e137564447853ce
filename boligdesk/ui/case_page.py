"""What every section (tab) of the case view has in common."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from boligdesk.services.case_read import CaseDetails
from boligdesk.services.changes import Changes
from boligdesk.ui.case_fields import UNMIGRATED_SAVE_PARTS, FieldBinder
from boligdesk.ui.context import AppContext
from boligdesk.ui.shared.error_label import ErrorLabel


class CasePage(QWidget):
    """A section of the case view. Its saves are desk writes; the view redraws from their ``Changes``."""

    #: Transitional, for pages not yet on the desk (a save made outside the binder, e.g. by a dialog):
    #: emitting it broadcasts a change to the whole case.
    saved = Signal()
    title = ""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.case_id: str | None = None
        self.details: CaseDetails | None = None
        self.binder = FieldBinder(ctx, self, lambda: self.case_id)
        self.saved.connect(self._saved_elsewhere)

    def _saved_elsewhere(self) -> None:
        self.ctx.bus.changed.emit(Changes.of(self.case_id, *UNMIGRATED_SAVE_PARTS))

    @property
    def actor(self) -> str:
        return self.ctx.adviser_name

    def today(self) -> dt.date:
        return self.ctx.today()

    def show_details(self, details: CaseDetails, *, new_case: bool) -> None:
        """Show ``details``; ``new_case`` is True when another case was selected (clear errors and input)."""
        self.case_id = details.id
        self.details = details
        self.load(details, new_case)

    def load(self, details: CaseDetails, force: bool) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def flush(self) -> None:
        self.binder.flush()

    def run(self, action: Callable[[], object], error: ErrorLabel) -> bool:
        """Run a desk write that is not a single field (a button); show a refusal in ``error``.

        The write's ``Changes`` are broadcast once (``run_write``); True when it was saved.
        """
        return self.binder.run(action, error)

    def case(self) -> str:
        assert self.case_id is not None
        return self.case_id
