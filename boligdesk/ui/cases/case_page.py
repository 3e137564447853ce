"""What every section (tab) of the case view has in common."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from boligdesk.services.case_read import CaseDetails
from boligdesk.ui.cases.case_fields import FieldBinder, Write
from boligdesk.ui.context import AppContext
from boligdesk.ui.shared.error_label import ErrorLabel


class CasePage(QWidget):
    """A section of the case view. Its saves are desk writes; the view redraws from their ``Changes``."""

    title = ""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.case_id: str | None = None
        self.details: CaseDetails | None = None
        self.binder = FieldBinder(ctx, self, lambda: self.case_id)

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

    def run(self, action: Callable[[], Write], error: ErrorLabel) -> bool:
        """Run a desk write that is not a single field (a button); show a refusal in ``error``.

        The write's ``Changes`` are broadcast once (``run_write``); True when it was saved.
        """
        return self.binder.run(action, error)

    def case(self) -> str:
        assert self.case_id is not None
        return self.case_id
