"""Making a case in a test that has a store but no desk: through ``Desk(...).cases.create``."""

from __future__ import annotations

import datetime as dt

from boligdesk.models.store import Store
from boligdesk.services.cases import NewCase
from boligdesk.services.desk import Desk


def create_case(
    store: Store, data: NewCase, *, today: dt.date, adviser_id: str | None = None, actor: str = ""
) -> str:
    """Validate and save a new case as ``actor`` on ``today``, exactly as the window does. Returns its id."""
    desk = Desk(store, adviser_id=adviser_id, adviser_name=actor, today=lambda: today)
    return desk.cases.create(data).id
