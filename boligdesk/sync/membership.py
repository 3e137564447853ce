"""The team's laptops as the adviser sees them: who works on each, when it last synced, active or retired.

Laptops are what the acknowledgement state knows (:func:`boligdesk.sync.acks.laptops`: every outbox seen
on the share, and this laptop) plus any laptop retired in the synced table ``retired_laptops``. The
adviser of a laptop is the newest name in the (synced) audit log written on it; when it last synced is
what its outbox manifest says. Retiring is an ordinary synced edit (audited by the store's flush hook).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from boligdesk.budget.calendar import format_short
from boligdesk.errors import UserInputError
from boligdesk.models import Adviser, AuditEvent, DeviceInfo, RetiredLaptop, SyncAck
from boligdesk.models.base import utcnow
from boligdesk.models.team import retired_laptop_id
from boligdesk.sync import acks

REASON_MAX = 500


@dataclass(frozen=True, slots=True)
class TeamMember:
    """One laptop of the team."""

    device_id: str
    adviser: str
    last_seen: dt.datetime | None  # local time
    this_laptop: bool
    retired: bool
    reason: str = ""
    retired_by: str = ""
    retired_at: dt.datetime | None = None  # local time

    @property
    def short(self) -> str:
        return self.device_id[:8]

    @property
    def status(self) -> str:
        return "Tilbagekaldt" if self.retired else "Aktiv"

    @property
    def last_seen_text(self) -> str:
        if self.last_seen is None:
            return "Aldrig set"
        return f"{format_short(self.last_seen.date())} kl. {self.last_seen:%H.%M}"

    def as_json(self) -> dict[str, object]:
        return {
            "computer": self.device_id,
            "denne_computer": self.this_laptop,
            "raadgiver": self.adviser,
            "sidst_synkroniseret": self.last_seen.isoformat() if self.last_seen else None,
            "status": "tilbagekaldt" if self.retired else "aktiv",
            "aarsag": self.reason,
            "tilbagekaldt_af": self.retired_by,
            "tilbagekaldt": self.retired_at.isoformat() if self.retired_at else None,
        }


def _local(value: dt.datetime | None) -> dt.datetime | None:
    """A UTC time (naive or aware) as naive local time, for showing."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone().replace(tzinfo=None)


def _parse(text: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(text) if text else None
    except ValueError:
        return None


def members(session: Session, *, last_sync_here: dt.datetime | None = None) -> list[TeamMember]:
    """Every laptop of the team, this one first, then active before retired, by adviser name."""
    me = session.scalars(select(DeviceInfo.device_id)).first() or ""
    retired = {
        r.device_id: r for r in session.scalars(select(RetiredLaptop).where(RetiredLaptop.deleted.is_(False)))
    }
    devices = acks.laptops(session) | set(retired)
    newest = (
        select(AuditEvent.device, AuditEvent.actor, func.max(AuditEvent.at))
        .where(AuditEvent.actor != "")
        .group_by(AuditEvent.device)
    )
    advisers = {device: actor for device, actor, _at in session.execute(newest)}
    if me and me not in advisers:  # a fresh laptop has written nothing yet: it is whoever works on it
        adviser_id = session.scalar(select(DeviceInfo.adviser_id).where(DeviceInfo.device_id == me))
        adviser = session.get(Adviser, adviser_id) if adviser_id else None
        if adviser is not None:
            advisers[me] = adviser.name
    seen = {
        a.holder: _parse(a.seen)
        for a in session.scalars(select(SyncAck).where(SyncAck.holder == SyncAck.device))
    }
    found = []
    for device in devices:
        row = retired.get(device)
        last = last_sync_here if device == me else _local(seen.get(device))
        found.append(
            TeamMember(
                device_id=device,
                adviser=advisers.get(device, ""),
                last_seen=last,
                this_laptop=device == me,
                retired=row is not None,
                reason=row.reason if row is not None else "",
                retired_by=row.retired_by if row is not None else "",
                retired_at=_local(row.retired_at) if row is not None else None,
            )
        )
    return sorted(found, key=lambda m: (not m.this_laptop, m.retired, m.adviser.casefold(), m.device_id))


def find_laptop(session: Session, name: str) -> str:
    """The device id a user named (in full, or by the eight characters the list shows)."""
    name = name.strip()
    known = acks.laptops(session) | acks.retired_laptops(session)
    matches = sorted(d for d in known if d == name or (len(name) >= 8 and d.startswith(name)))
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise UserInputError(
            "device", "team.unknown_laptop", f"Teamet har ingen computer, der hedder »{name[:40]}«."
        )
    raise UserInputError(
        "device", "team.ambiguous_laptop", f"Flere computere begynder med »{name}«. Skriv hele navnet."
    )


def retire(session: Session, device_name: str, reason: str, *, by: str) -> str:
    """Retire a laptop of the team (validated: a known laptop, not this one, not already retired, a
    reason given). Returns its device id. The caller's session is a ``desk.writing`` one (audited)."""
    reason = " ".join(reason.split())
    if not reason:
        raise UserInputError(
            "reason", "team.reason_missing", "Skriv hvorfor computeren tilbagekaldes (fx stjålet, udskiftet)."
        )
    if len(reason) > REASON_MAX:
        raise UserInputError(
            "reason", "team.reason_too_long", f"Begrundelsen er for lang (højst {REASON_MAX} tegn)."
        )
    device = find_laptop(session, device_name)
    me = session.scalars(select(DeviceInfo.device_id)).first()
    if device == me:
        raise UserInputError(
            "device",
            "team.retire_self",
            "Denne computer kan ikke tilbagekalde sig selv. Gør det fra en anden computer i teamet.",
        )
    if device in acks.retired_laptops(session):
        raise UserInputError(
            "device", "team.already_retired", f"Computeren {device[:8]} er allerede tilbagekaldt."
        )
    row = session.get(RetiredLaptop, retired_laptop_id(device))
    if row is None:
        session.add(
            RetiredLaptop(id=retired_laptop_id(device), device_id=device, reason=reason, retired_by=by)
        )
    else:  # retired before and brought back: retired again
        row.deleted, row.reason, row.retired_by, row.retired_at = False, reason, by, utcnow()
    session.flush()
    return device
