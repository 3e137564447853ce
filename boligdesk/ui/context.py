"""What every tab and dialog gets: the open store, who is working, today's date, and a signal bus."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal

from boligdesk.models.store import Store


class CaseBus(QObject):
    """Signals shared by the tabs.

    * ``caseSelected(case_id)`` — the user picked a case (empty string: none).
    * ``caseChanged(case_id)`` — something on the case was saved; views showing it should refresh.
    * ``dataChanged()`` — many rows may have changed (import, sync); refresh everything.
    """

    caseSelected = Signal(str)
    caseChanged = Signal(str)
    dataChanged = Signal()


@dataclass
class AppContext:
    store: Store
    adviser_name: str = ""
    today: Callable[[], dt.date] = dt.date.today
    bus: CaseBus = field(default_factory=CaseBus)
