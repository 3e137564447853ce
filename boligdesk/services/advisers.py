"""Who works on this laptop's profile: the adviser rows and the profile's current adviser."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from boligdesk.errors import UserInputError
from boligdesk.models import Adviser, Case, DeviceInfo
from boligdesk.services.changes import Changes, Part

if TYPE_CHECKING:
    from boligdesk.services.desk import Desk


def same_name(name: str) -> str:
    """The form two adviser names are compared in: spaces collapsed, case folded."""
    return " ".join(name.split()).casefold()


def ensure_adviser(session: Session, name: str) -> str:
    """The id of the live adviser row called ``name`` (created on first use; of two, the lowest id)."""
    adviser = session.scalar(
        select(Adviser).where(Adviser.name == name, Adviser.deleted.is_(False)).order_by(Adviser.id)
    )
    if adviser is None:
        initials = "".join(part[0] for part in name.split() if part)[:4].upper()
        adviser = Adviser(name=name, initials=initials)
        session.add(adviser)
        session.flush()
    return adviser.id


@dataclass(frozen=True, slots=True)
class AdviserRow:
    """An adviser of the team and how many open cases they hold."""

    id: str
    name: str
    initials: str
    open_cases: int


#: Groups of live advisers sharing one name (``AdviserService.namesakes``).
Namesakes = list[list[AdviserRow]]


@dataclass(frozen=True, slots=True)
class HandedOver:
    """A hand-over: how many open cases went from one adviser to the other, and what to redraw."""

    count: int
    from_name: str
    to_name: str
    changes: Changes

    def line(self) -> str:
        what = "1 åben sag" if self.count == 1 else f"{self.count} åbne sager"
        return f"{what} er overdraget fra {self.from_name} til {self.to_name}."


@dataclass(frozen=True, slots=True)
class Merged:
    """Advisers that were one person under several ids (a moved profile) made one: what to redraw."""

    name: str
    retired: int
    cases: int
    changes: Changes

    def line(self) -> str:
        rows = "1 ekstra række" if self.retired == 1 else f"{self.retired} ekstra rækker"
        cases = "1 sag" if self.cases == 1 else f"{self.cases} sager"
        return f"{self.name} står nu én gang: {rows} flettet ind, {cases} flyttet med."


def _open_cases(adviser_id: str) -> Select[Case]:
    return select(Case).where(
        Case.adviser_id == adviser_id, Case.deleted.is_(False), Case.closed_on.is_(None)
    )


def _live_adviser(session: Session, adviser_id: str, field: str) -> Adviser:
    adviser = session.get(Adviser, adviser_id) if adviser_id else None
    if adviser is None or adviser.deleted:
        raise UserInputError(field, "adviser.not_found", "Vælg en rådgiver fra listen.")
    return adviser


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
            if adviser is not None and adviser.deleted:  # merged into its same-name row (merge_same_name)
                adviser = _live_namesake(s, adviser.name) or adviser
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
        with self._desk.reading() as s:
            info = s.get(DeviceInfo, self._desk.device_id)
            moved = info is not None and info.adviser_id != current[0]
        if moved:  # this laptop's own adviser row was merged into its namesake on another laptop
            with self._desk.writing() as s:
                info = s.get(DeviceInfo, self._desk.device_id)
                if info is not None:
                    info.adviser_id = current[0]
        return True

    def list(self) -> list[AdviserRow]:
        """The team's advisers (live rows), by name, with their open cases."""
        with self._desk.reading() as s:
            counts = dict(
                s.execute(
                    select(Case.adviser_id, func.count())
                    .where(Case.deleted.is_(False), Case.closed_on.is_(None))
                    .group_by(Case.adviser_id)
                ).all()
            )
            advisers = s.scalars(select(Adviser).where(Adviser.deleted.is_(False))).all()
            rows = [AdviserRow(a.id, a.name, a.initials, counts.get(a.id, 0)) for a in advisers]
        return sorted(rows, key=lambda r: (r.name.casefold(), r.id))

    def hand_over(self, from_id: str, to_id: str) -> HandedOver:
        """Give every open case of adviser ``from_id`` to ``to_id`` (an adviser who leaves, or is away).

        An ordinary synced edit of each case's adviser, audited per case by the store's flush hook;
        closed cases keep the adviser who closed them."""
        if from_id and from_id == to_id:
            raise UserInputError("to", "adviser.same", "Vælg en anden rådgiver at overdrage sagerne til.")
        with self._desk.writing() as s:  # one transaction; each case's audit event names that case
            from_name = _live_adviser(s, from_id, "from").name
            to_name = _live_adviser(s, to_id, "to").name
            cases = list(s.scalars(_open_cases(from_id)))
            for case in cases:
                case.adviser_id = to_id
            ids = frozenset(c.id for c in cases)
        return HandedOver(len(ids), from_name, to_name, Changes(ids, frozenset({Part.CASE, Part.ADVISERS})))

    def namesakes(self) -> Namesakes:
        """Live advisers sharing one name (spaces and case aside): typically one person whose profile was
        moved to a new laptop, which created its own row before its first sync. Each group by id."""
        groups: dict[str, list[AdviserRow]] = {}
        for row in self.list():
            groups.setdefault(same_name(row.name), []).append(row)
        return [sorted(g, key=lambda r: r.id) for g in groups.values() if len(g) > 1]

    def merge_same_name(self, adviser_id: str) -> Merged:
        """Make every adviser row with ``adviser_id``'s name one row: the one with the lowest id is kept
        (the same choice on every laptop, so two laptops merging at once agree), the others are
        tombstoned and every case of theirs — open and closed: it is the same person — moves to it.

        An ordinary synced edit, audited per case. Only rows of the same name are merged: two
        different people are a hand-over, never a merge."""
        with self._desk.writing() as s:
            chosen = _live_adviser(s, adviser_id, "adviser")
            key = same_name(chosen.name)
            rows = [a for a in s.scalars(select(Adviser).order_by(Adviser.id)) if same_name(a.name) == key]
            live_rows = [a for a in rows if not a.deleted]
            if len(live_rows) < 2:
                raise UserInputError(
                    "adviser",
                    "adviser.no_namesake",
                    f"{chosen.name} står kun én gang i listen; der er intet at flette. To forskellige "
                    "rådgivere flettes ikke: brug »Overdrag åbne sager«.",
                )
            keep, others = live_rows[0], [a for a in rows if a.id != live_rows[0].id]
            cases = list(s.scalars(select(Case).where(Case.adviser_id.in_([a.id for a in others]))))
            for case in cases:
                case.adviser_id = keep.id
            retired = [a for a in others if not a.deleted]
            for adviser in retired:
                adviser.deleted = True
            info = s.get(DeviceInfo, self._desk.device_id)
            if info is not None and info.adviser_id in {a.id for a in others}:
                info.adviser_id = keep.id
            name, ids = keep.name, frozenset(c.id for c in cases)
        if self._desk.adviser_id in {a.id for a in others}:
            self._desk.adviser_id, self._desk.adviser_name = keep.id, name
        return Merged(name, len(retired), len(ids), Changes(ids, frozenset({Part.CASE, Part.ADVISERS})))


def _live_namesake(session: Session, name: str) -> Adviser | None:
    key = same_name(name)
    for adviser in session.scalars(select(Adviser).where(Adviser.deleted.is_(False)).order_by(Adviser.id)):
        if same_name(adviser.name) == key:
            return adviser
    return None
