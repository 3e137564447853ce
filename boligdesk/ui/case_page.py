"""What every section (tab) of the case view has in common."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from boligdesk.errors import UserInputError
from boligdesk.services.case_details import CaseDetails
from boligdesk.ui.case_fields import FieldBinder
from boligdesk.ui.context import AppContext
from boligdesk.ui.shared.error_label import ErrorLabel


class CasePage(QWidget):
    """A section of the case view. ``saved`` is emitted after every successful save."""

    saved = Signal()
    title = ""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.case_id: str | None = None
        self.details: CaseDetails | None = None
        self.binder = FieldBinder(self)
        self.binder.saved.connect(self.saved)

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
        """Run a save action that is not a single field (a button); show a refusal in ``error``."""
        try:
            action()
        except UserInputError as exc:
            error.show_message(exc.message)
            return False
        error.clear_message()
        self.saved.emit()
        return True

    def case(self) -> str:
        assert self.case_id is not None
        return self.case_id
