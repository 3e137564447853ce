"""What every tab and dialog gets: the desk (the one front door to the store) and a signal bus."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from boligdesk.services.changes import Changes
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
    # Transitional: older views still listen to these; ``changed`` re-emits them (see AppContext).
    caseChanged = Signal(str)
    dataChanged = Signal()


class AppContext:
    """The desk, the bus, and convenient views of the desk's adviser and clock."""

    def __init__(
        self,
        desk: Desk | None = None,
        *,
        store: object | None = None,
        adviser_name: str = "",
        today: Callable[[], dt.date] = dt.date.today,
        bus: CaseBus | None = None,
    ) -> None:
        if desk is None:
            from boligdesk.services.profile import Store

            assert isinstance(store, Store), "AppContext needs a desk (or a store to build one)"
            desk = Desk(store, adviser_name=adviser_name, today=today)
            if not adviser_name:
                desk.advisers.adopt_current()
        self.desk = desk
        self.bus = bus or CaseBus()
        self.bus.changed.connect(self._relay)

    def _relay(self, changes: Changes) -> None:
        if changes.everything or not changes.case_ids:
            self.bus.dataChanged.emit()
        else:
            for case_id in sorted(changes.case_ids):
                self.bus.caseChanged.emit(case_id)

    @property
    def store(self):  # type: ignore[no-untyped-def]  # transitional: views move to ctx.desk
        return self.desk.store

    @property
    def adviser_name(self) -> str:
        return self.desk.adviser_name

    def today(self) -> dt.date:
        return self.desk.today()
