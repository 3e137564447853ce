"""What every tab and dialog gets: the desk (the one front door to the store) and a signal bus."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:  # the Sager tab is built from the first list before the desk's modules load (§36)
    from boligdesk.services.desk import Desk


class CaseBus(QObject):
    """Signals shared by the tabs.

    * ``caseSelected(case_id)`` — the user picked a case (empty string: none).
    * ``changed(Changes)`` — a write finished; each view redraws what it shows of ``changes``
      (``Changes.touches``). Emitted once per write by ``shared/desk_ops.py``, the tab that made the
      change included, so no view needs to guard against its own echo.
    """

    caseSelected = Signal(str)
    changed = Signal(object)


class AppContext:
    """The desk, the bus, and convenient views of the desk's adviser and clock."""

    def __init__(self, desk: Desk, *, bus: CaseBus | None = None) -> None:
        self.desk = desk
        self.bus = bus or CaseBus()

    @property
    def adviser_name(self) -> str:
        return self.desk.adviser_name

    def today(self) -> dt.date:
        return self.desk.today()
