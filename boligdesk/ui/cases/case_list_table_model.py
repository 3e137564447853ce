"""The case list: the shared table model over frozen :class:`CaseRow` objects, filtering and sorting itself."""

from __future__ import annotations

import ctypes
import datetime as dt
import gc
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from PySide6.QtCore import QModelIndex, QModelRoleData, QModelRoleDataSpan, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QBrush, QColor

from boligdesk.budget.calendar import format_short
from boligdesk.services.case_list_rows import CaseRow
from boligdesk.ui.shared.table_model import RIGHT, Column, TableModel

URGENT_PASSED = QColor("#f4c7c3")
URGENT_SOON = QColor("#fce8b2")
_URGENT_BRUSHES = {id(URGENT_PASSED): QBrush(URGENT_PASSED), id(URGENT_SOON): QBrush(URGENT_SOON)}


def _none_refs_lost_per_call() -> int:
    """How many references to ``None`` one ``QModelRoleData.setData`` call drops (PySide6 6.12: one).

    That PySide bug frees ``None`` once per call — after a few thousand calls Python aborts with
    "deallocating None". We count it once at import and give the references back after each call
    (:func:`_give_back`); an extra reference to ``None`` is harmless should a later PySide fix it.
    """
    probe = QModelRoleData(int(Qt.ItemDataRole.DisplayRole))
    probe.setData(1)  # the first call sets things up (and takes references of its own)
    probe.setData("x")
    found = 0
    for _ in range(3):  # another thread may take references meanwhile: the largest count is the one
        before = sys.getrefcount(None)
        for _ in range(16):
            probe.setData(1)
        found = max(found, round((before - sys.getrefcount(None)) / 16))
    return found


_LOST = -1  # not counted yet: counted on the GUI thread at the first paint
_incref = ctypes.pythonapi.Py_IncRef
_incref.argtypes = [ctypes.py_object]
_incref.restype = None


def _give_back(calls: int) -> None:
    global _LOST
    if _LOST < 0:
        _LOST = _none_refs_lost_per_call()
    for _ in range(calls * _LOST):
        _incref(None)


SETTLE_AFTER_MS = 1_000
"""How long after a large list is loaded (and typing into the search field has paused) its objects are
put out of the cyclic collector's reach."""
SETTLE_FROM_ROWS = 2_000
"""Lists shorter than this are not worth it: a full collection walks them in a millisecond or two."""


def keep_long_lived_out_of_collections() -> None:
    """One full collection, then every object alive is kept out of later ones (``gc.freeze``).

    With 20,000 cases loaded the process holds some 150,000 objects the cyclic collector tracks (the
    rows, SQLAlchemy, the models); each full collection walks them all — 40–90 ms on the GUI thread at
    a moment Python chooses, a keystroke's whole budget several times over (issue 15, decisions §43).
    Frozen objects are still freed by reference counting (the rows hold no cycles), only not walked.
    The collection before freezing lets go of what is already garbage, and every load and reload
    unfreezes first, so what became cyclic garbage since is collected then; locking the window
    unfreezes too before it collects (``main_window.lock``), so no personal data outlives the lock."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_ARREARS_COLUMN = 6
_DEADLINE_COLUMN = 7


def _deadline_text(row: CaseRow) -> str:
    if row.next_deadline is None:
        return ""
    return f"{format_short(row.next_deadline.date)} · {row.next_deadline.label}"


def _deadline_colour(today: Callable[[], dt.date]) -> Callable[[CaseRow], QColor | None]:
    def colour(row: CaseRow) -> QColor | None:
        deadline = row.next_deadline
        if row.closed or deadline is None:
            return None
        days = deadline.days_left(today())
        if days < 0:
            return URGENT_PASSED
        return URGENT_SOON if days <= 7 else None

    return colour


def case_columns(today: Callable[[], dt.date]) -> tuple[Column[CaseRow], ...]:
    """The case list's columns; the next deadline is tinted by how close it is to ``today()``."""
    return (
        Column("Sagsnr.", lambda r: r.number, lambda r: r.number),
        Column("Lejer", lambda r: r.tenant_name, lambda r: r.tenant_name.casefold()),
        Column("Adresse", lambda r: r.address, lambda r: r.address.casefold()),
        Column("Afdeling", lambda r: r.estate_name, lambda r: r.estate_name.casefold()),
        Column("Sagstype", lambda r: r.kind.label, lambda r: r.kind.label),
        Column("Fase", lambda r: r.phase.label, lambda r: r.phase.label),
        Column("Restance", lambda r: r.arrears.format(), lambda r: r.arrears.ore, align_right=True),
        Column(
            "Næste frist",
            _deadline_text,
            lambda r: r.next_deadline.date.isoformat() if r.next_deadline else "9999",
            tooltip=lambda r: r.next_deadline.explanation if r.next_deadline else None,
            background=_deadline_colour(today),
        ),
        Column("Rådgiver", lambda r: r.adviser_name, lambda r: r.adviser_name.casefold()),
    )


@dataclass(frozen=True)
class CaseFilter:
    text: str = ""
    only_adviser_id: str | None = None
    open_state: str = "open"  # "open" | "closed" | "all"
    kind: str | None = None
    estate_id: str | None = None
    only_urgent: bool = False


class CaseListTableModel(TableModel[CaseRow]):
    """All cases, filtered and sorted in Python (one pass per keystroke, no per-row calls from Qt).

    ``rowCount`` counts the rows that pass the filter; :meth:`total` counts all. Per keystroke only the
    words are matched: the cases passing the other criteria are kept (:attr:`_base`), typing more
    letters narrows the current result, and the results for the shorter texts typed on the way are kept
    so that Backspace finds its answer without a scan. When the answer is the rows already shown, the
    model is not reset and the table is not repainted. A fresh row for one case is swapped in place
    (:meth:`replace_row`), so the selection and scroll position stay.
    """

    def __init__(self, today: Callable[[], dt.date], parent: Any = None) -> None:
        super().__init__(case_columns(today), parent)
        self._all: list[CaseRow] = []
        self._criteria = CaseFilter()
        self._sort_column = 0
        self._sort_order = Qt.SortOrder.DescendingOrder
        self._today = today
        self._colour = _deadline_colour(today)
        self._base: list[CaseRow] | None = None  # the cases passing every criterion but the text
        self._base_key: tuple[Any, ...] = ()
        self._typed: dict[str, list[CaseRow]] = {}  # text typed (case-folded) → the cases it found
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_AFTER_MS)
        self._settle.timeout.connect(keep_long_lived_out_of_collections)

    # --- content --------------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[CaseRow]) -> None:
        """Show ``rows`` (all cases; the filter picks). A large list is kept out of the cyclic garbage
        collector's walks a moment later, once the window has painted it
        (:func:`keep_long_lived_out_of_collections`)."""
        self._all = list(rows)
        self._forget()
        self._sort_all()
        self._refilter()
        if len(self._all) >= SETTLE_FROM_ROWS:
            self._settle.start()

    def replace_row(self, row: CaseRow) -> bool:
        """Swap in the fresh row for the same case id; False when the case is not in the list.

        When the fresh row is shown exactly where the old one was (it still passes the filter), only
        that row is redrawn; otherwise the filter runs again.
        """
        position = next((i for i, old in enumerate(self._all) if old.id == row.id), -1)
        if position < 0:
            return False
        self._all[position] = row
        self._forget()
        shown = self.row_of(row.id) >= 0
        if shown and self._passes(row, self._today()):
            return super().replace_row(row)
        if shown or self._passes(row, self._today()):
            self._refilter()
        return True

    def total(self) -> int:
        return len(self._all)

    def all_rows(self) -> list[CaseRow]:
        """Every case loaded, whatever the filter shows."""
        return list(self._all)

    # --- filtering and sorting ------------------------------------------------------------------
    @property
    def criteria(self) -> CaseFilter:
        return self._criteria

    def set_criteria(self, criteria: CaseFilter) -> None:
        self._criteria = criteria
        self._refilter()
        if self._settle.isActive():
            self._settle.start()  # not in the middle of typing: once it pauses

    def settle_now(self) -> None:
        """Keep the loaded list out of full collections now rather than when the timer fires."""
        self._settle.stop()
        keep_long_lived_out_of_collections()

    def refresh_filter(self) -> None:
        self._forget()
        self._refilter()

    def _forget(self) -> None:
        """The rows changed: no kept result is valid any more."""
        self._base = None
        self._typed = {}

    def _passes(self, row: CaseRow, today: dt.date) -> bool:
        c = self._criteria
        if c.open_state == "open" and row.closed:
            return False
        if c.open_state == "closed" and not row.closed:
            return False
        if c.only_adviser_id is not None and row.adviser_id != c.only_adviser_id:
            return False
        if c.kind is not None and row.kind != c.kind:
            return False
        if c.estate_id is not None and row.estate_id != c.estate_id:
            return False
        if c.only_urgent and not row.is_urgent(today):
            return False
        return all(word in row.search_text for word in c.text.casefold().split())

    def _base_rows(self) -> list[CaseRow]:
        """The cases passing every criterion but the text (kept until a criterion or a row changes)."""
        c = self._criteria
        today = self._today()
        key = (
            c.only_adviser_id,
            c.open_state,
            c.kind,
            c.estate_id,
            c.only_urgent,
            today if c.only_urgent else None,
        )
        if self._base is not None and key == self._base_key:
            return self._base
        rows = self._all
        if c.open_state == "open":
            rows = [r for r in rows if not r.closed]
        elif c.open_state == "closed":
            rows = [r for r in rows if r.closed]
        if c.only_adviser_id is not None:
            rows = [r for r in rows if r.adviser_id == c.only_adviser_id]
        if c.kind is not None:
            rows = [r for r in rows if r.kind == c.kind]
        if c.estate_id is not None:
            rows = [r for r in rows if r.estate_id == c.estate_id]
        if c.only_urgent:
            rows = [r for r in rows if r.is_urgent(today)]
        self._base, self._base_key, self._typed = rows, key, {}
        return rows

    def _matching(self, text: str) -> list[CaseRow]:
        """The base cases whose search text holds every word of ``text`` (case-folded, trimmed).

        Starts from the smallest result kept for a text that ``text`` extends (the same words, the last
        one perhaps grown): those rows are a superset of the answer.
        """
        base = self._base_rows()
        words = text.split()
        if not words:
            return base
        key = " ".join(words)
        found = self._typed.get(key)
        if found is not None:
            return found
        start, done = base, 0
        for kept, rows in self._typed.items():
            kept_words = kept.split()
            n = len(kept_words)
            if (
                n <= len(words)
                and kept_words[:-1] == words[: n - 1]
                and kept_words[-1] in words[n - 1]
                and len(rows) <= len(start)
            ):
                start, done = rows, n - 1  # the kept words all hold; its last one may have grown
        rows = start
        for word in words[done:]:
            rows = [r for r in rows if word in r.search_text]
        # Keep only what the next keystroke can use: the texts this one extends, and itself.
        self._typed = {k: v for k, v in self._typed.items() if key.startswith(k)}
        self._typed[key] = rows
        return rows

    def _refilter(self) -> None:
        """Show the rows passing the criteria (same rule as :meth:`_passes`); no reset when unchanged.

        The comparison is the list's own (C, identity first): rows equal in every field show the same,
        so they are swapped in without a reset."""
        rows = self._matching(self._criteria.text.casefold())
        if rows == self._rows:
            self._rows = list(rows)
            return
        super().set_rows(rows)

    def _sort_all(self) -> None:
        key = self._sort_key(self._sort_column)
        self._all.sort(key=key, reverse=self._sort_order == Qt.SortOrder.DescendingOrder)

    def _sort_key(self, column: int) -> Callable[[CaseRow], Any]:
        key = self.columns[column].sort_key
        assert key is not None  # every case list column has one
        return key

    # --- painting -------------------------------------------------------------------------------
    def today(self) -> dt.date:
        """The day the deadlines' tint is reckoned from."""
        return self._today()

    def tint(self, row: CaseRow, column: int) -> QBrush | None:
        """The background of its own the cell of ``row`` in ``column`` has (the deadline's tint), if any:
        the brush ``BackgroundRole`` answers."""
        if column != _DEADLINE_COLUMN:
            return None
        colour = self._colour(row)
        return None if colour is None else _URGENT_BRUSHES[id(colour)]

    def multiData(
        self, index: QModelIndex | QPersistentModelIndex, roleDataSpan: QModelRoleDataSpan | QModelRoleData
    ) -> None:
        """All the roles a cell is painted with, in one call (Qt's delegate asks ~10 at once).

        Painting 25 rows × 9 columns asked ``data()`` about 2,000 times per keystroke, each through the
        generic column machinery; here each cell is one Python call that answers the three roles this
        list uses (text, the deadline's tint, right-aligned arrears) and sets the rest to "no value".
        """
        row_number, column = index.row(), index.column()
        shown = 0 <= row_number < len(self._rows) and 0 <= column < len(self.columns)
        row = self._rows[row_number] if shown else None
        roles: Iterable[QModelRoleData] = (
            [roleDataSpan]
            if isinstance(roleDataSpan, QModelRoleData)
            else cast(Iterable[QModelRoleData], roleDataSpan)
        )
        # Qt's delegate reuses its role list from cell to cell: the two roles this list sets for some
        # cells only (the deadline's tint, the arrears' alignment) are set for every cell — to "no value"
        # where they do not apply — or a cell kept the previous cell's tint and alignment. The other
        # roles are never set, so they stay "no value" as the delegate made them.
        calls = 0
        for role_data in roles:
            role = role_data.role()
            if role == _DISPLAY:
                role_data.setData(None if row is None else self.columns[column].text(row))
            elif role == _BACKGROUND:
                colour = self._colour(row) if row is not None and column == _DEADLINE_COLUMN else None
                role_data.setData(None if colour is None else _URGENT_BRUSHES[id(colour)])
            elif role == _ALIGNMENT:
                role_data.setData(RIGHT if row is not None and column == _ARREARS_COLUMN else None)
            else:
                continue
            calls += 1
        if calls:
            _give_back(calls)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        self._sort_column, self._sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        self._forget()
        self._sort_all()
        key = self._sort_key(column)
        self._rows.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        self.layoutChanged.emit()
