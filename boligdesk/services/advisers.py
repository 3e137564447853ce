"""Who works on this laptop's profile: the adviser rows and the profile's current adviser."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from boligdesk.models import Adviser, DeviceInfo
from boligdesk.services.changes import Changes, Part

if TYPE_CHECKING:
    from boligdesk.services.desk import Desk


def ensure_adviser(session: Session, name: str) -> str:
    """The id of the live adviser row called ``name`` (created on first use)."""
    adviser = session.scalar(select(Adviser).where(Adviser.name == name, Adviser.deleted.is_(False)))
    if adviser is None:
        initials = "".join(part[0] for part in name.split() if part)[:4].upper()
        adviser = Adviser(name=name, initials=initials)
        session.add(adviser)
        session.flush()
    return adviser.id


class AdviserService:
    def __init__(self, desk: Desk) -> None:
        self._desk = desk

    def ensure(self, name: str) -> str:
        """The adviser row for ``name`` (created on first use). Returns its id."""
        with self._desk.writing() as s:
            return ensure_adviser(s, name)

    def current(self) -> tuple[str, str] | None:
        """(adviser id, name) of the person working on this laptop's profile, if set."""
        with self._desk.reading() as s:
            info = s.get(DeviceInfo, self._desk.device_id)
            if info is None or info.adviser_id is None:
                return None
            adviser = s.get(Adviser, info.adviser_id)
            return None if adviser is None else (adviser.id, adviser.name)

    def set_current(self, name: str) -> Changes:
        """Make ``name`` this profile's adviser (created if new); the desk works as them from now on."""
        with self._desk.writing() as s:
            adviser_id = ensure_adviser(s, name)
            info = s.get(DeviceInfo, self._desk.device_id)
            if info is not None:
                info.adviser_id = adviser_id
        self._desk.adviser_id, self._desk.adviser_name = adviser_id, name
        return Changes.of(None, Part.ADVISERS)

    def adopt_current(self) -> bool:
        """Work as the profile's current adviser, if one is set. False when none is."""
        current = self.current()
        if current is None:
            return False
        self._desk.adviser_id, self._desk.adviser_name = current
        return True
