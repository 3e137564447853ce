"""``desk.rates``: the one front door to the rate tables (Indstillinger → Satser).

The rules live in :mod:`boligdesk.budget.ratebook` (pure); this service adds the organisation's own
entries, kept as synced :class:`~boligdesk.models.rates.RateEntryRow` rows whose id is derived from
(table, date in force). :meth:`RatesService.book` is what every reader of a rate uses (the budget's
reference norm and warnings, the påkravsgebyr bound on the timeline and the arrears); services that
already hold a session use :func:`rate_book`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from boligdesk.budget.calendar import format_short
from boligdesk.budget.money import Money
from boligdesk.budget.ratebook import (
    TABLES,
    Origin,
    RateBook,
    RateEntry,
    TableSpec,
    export_bytes,
    parse_file,
    shipped_entries,
    validate_entry,
)
from boligdesk.budget.vocabulary import AuditAction
from boligdesk.errors import UserInputError
from boligdesk.models.rates import RateEntryRow, rate_entry_id
from boligdesk.services.changes import Changes, Created, Part

if TYPE_CHECKING:
    from boligdesk.services.desk import Desk

#: A rate change can alter every budget's norm and warnings and every case's fee bound.
RATE_CHANGES = Changes.of(None, Part.SETTINGS, Part.BUDGET, Part.TIMELINE, Part.ARREARS)


def _entry_of(row: RateEntryRow) -> RateEntry | None:
    """The row as an entry; None for a row this version cannot read (a newer table, a broken value)."""
    if row.table_key not in TABLES:
        return None
    try:
        figures = json.loads(row.figures or "{}")
        if not isinstance(figures, dict):
            return None
        return validate_entry(
            row.table_key,
            row.valid_from,
            figures,
            source_title=row.source_title or "(uden kilde)",
            source_url=row.source_url or "",
            verified=bool(row.verified) and bool(row.source_url),
            note=row.note or "",
            origin=Origin.ORGANISATION,
            entered_by=row.entered_by or "",
            row_id=row.id,
        )
    except (UserInputError, ValueError):
        return None


def organisation_entries(session: Session) -> tuple[RateEntry, ...]:
    rows = session.scalars(select(RateEntryRow).where(RateEntryRow.deleted.is_(False))).all()
    return tuple(e for e in (_entry_of(r) for r in rows) if e is not None)


def rate_book(session: Session) -> RateBook:
    """The shipped tables plus the organisation's entries, read in ``session``."""
    return RateBook(shipped_entries() + organisation_entries(session))


@dataclass(frozen=True, slots=True)
class ImportResult:
    added: int
    replaced: int
    changes: Changes

    @property
    def summary(self) -> str:
        return f"{self.added} nye satser, {self.replaced} erstattet."


def _store(row: RateEntryRow, entry: RateEntry) -> None:
    figures = json.dumps(entry.figure_map(), sort_keys=True)
    if row.figures != figures:
        row.figures = figures
    for name, value in (
        ("source_title", entry.source_title),
        ("source_url", entry.source_url),
        ("verified", entry.verified),
        ("note", entry.note),
        ("entered_by", entry.entered_by),
        ("deleted", False),
    ):
        if getattr(row, name) != value:
            setattr(row, name, value)


class RatesService:
    """``desk.rates``: the rate tables, the organisation's entries, and their exchange file."""

    def __init__(self, desk: Desk) -> None:
        self._desk = desk

    # --- reading ------------------------------------------------------------------------------------
    def tables(self) -> tuple[TableSpec, ...]:
        return tuple(TABLES.values())

    def book(self) -> RateBook:
        """Every entry that counts (the organisation's over the shipped on the same date)."""
        with self._desk.reading() as s:
            return rate_book(s)

    # --- writing ------------------------------------------------------------------------------------
    def _checked(
        self,
        table: str,
        valid_from: dt.date | None,
        figures: Mapping[str, Money | int | None],
        source_title: str,
        source_url: str,
        verified: bool,
        note: str,
    ) -> RateEntry:
        return validate_entry(
            table,
            valid_from,
            {k: (v.ore if isinstance(v, Money) else v) for k, v in figures.items()},
            source_title=source_title,
            source_url=source_url,
            verified=verified,
            note=note,
            entered_by=self._desk.adviser_name,
        )

    def add(
        self,
        table: str,
        valid_from: dt.date | None,
        figures: Mapping[str, Money | int | None],
        *,
        source_title: str,
        source_url: str = "",
        verified: bool = False,
        note: str = "",
    ) -> Created:
        """A new entry of the organisation. Refused when it already has one for that table and date."""
        entry = self._checked(table, valid_from, figures, source_title, source_url, verified, note)
        row_id = rate_entry_id(entry.table, entry.valid_from)
        with self._desk.writing() as s:
            row = s.get(RateEntryRow, row_id)
            if row is not None and not row.deleted:
                raise UserInputError(
                    "valid_from",
                    "rates.exists",
                    f"Organisationen har allerede en sats for {entry.spec.label} fra "
                    f"{format_short(entry.valid_from)}. Vælg den og tryk »Redigér…«.",
                )
            if row is None:
                row = RateEntryRow(id=row_id, table_key=entry.table, valid_from=entry.valid_from)
                s.add(row)
            _store(row, entry)
        return Created(row_id, RATE_CHANGES)

    def edit(
        self,
        entry_id: str,
        figures: Mapping[str, Money | int | None],
        *,
        source_title: str,
        source_url: str = "",
        verified: bool = False,
        note: str = "",
    ) -> Changes:
        """Change the figures, source, verified flag or note of the organisation's entry (not its date)."""
        with self._desk.writing() as s:
            row = self._live(s, entry_id)
            entry = self._checked(
                row.table_key, row.valid_from, figures, source_title, source_url, verified, note
            )
            _store(row, entry)
        return RATE_CHANGES

    def delete(self, entry_id: str) -> Changes:
        """Delete the organisation's entry (a tombstone that syncs); a shipped entry is used again."""
        with self._desk.writing() as s:
            self._live(s, entry_id).deleted = True
        return RATE_CHANGES

    @staticmethod
    def _live(s: Session, entry_id: str) -> RateEntryRow:
        row = s.get(RateEntryRow, entry_id)
        if row is None or row.deleted:
            raise UserInputError(
                "entry",
                "rate_entry.not_found",
                "Satsen findes ikke længere. Den kan være slettet, også på en anden computer. "
                "Vælg den igen på listen.",
            )
        return row

    # --- the exchange file --------------------------------------------------------------------------
    def export_file(self) -> bytes:
        """The organisation's own entries as a file (UTF-8 JSON); recorded as an export."""
        with self._desk.reading() as s:
            entries = organisation_entries(s)
        data = export_bytes(entries, exported_on=self._desk.today())
        self._desk.record(AuditAction.EXPORT, "rate_entry", "", case_id=None, detail=f"{len(entries)} satser")
        return data

    def import_file(self, data: bytes) -> ImportResult:
        """Every entry of the file becomes the organisation's (same table and date: replaced).

        The whole file is checked first: a file with one bad entry changes nothing.
        """
        entries = parse_file(data)
        added = replaced = 0
        with self._desk.writing(audit="rows") as s:
            for parsed in entries:
                entry = validate_entry(
                    parsed.table,
                    parsed.valid_from,
                    parsed.figure_map(),
                    source_title=parsed.source_title,
                    source_url=parsed.source_url,
                    verified=parsed.verified,
                    note=parsed.note,
                    entered_by=parsed.entered_by or self._desk.adviser_name,
                )
                row_id = rate_entry_id(entry.table, entry.valid_from)
                row = s.get(RateEntryRow, row_id)
                if row is None:
                    row = RateEntryRow(id=row_id, table_key=entry.table, valid_from=entry.valid_from)
                    s.add(row)
                    added += 1
                elif row.deleted:
                    added += 1
                else:
                    replaced += 1
                _store(row, entry)
        return ImportResult(added, replaced, RATE_CHANGES)
