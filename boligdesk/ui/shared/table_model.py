"""The one read-only table model: a list of frozen row objects in, data-driven columns out.

Every "rows in, text out" table of the app is a :class:`TableModel` given its :class:`Column` list
(title, text getter and, when needed, alignment, tooltip, sort key, colours, a check box, a width).
Rows are frozen dataclasses from the services; the model never edits them. Views read:

* ``Qt.DisplayRole`` — the column's text; ``ToolTipRole``, ``TextAlignmentRole``, ``ForegroundRole``,
  ``BackgroundRole``, ``FontRole``, ``CheckStateRole`` from the column (or the row style);
* :data:`ID_ROLE` — the row's id (``row.id`` unless ``id_of`` says otherwise);
* :data:`SORT_ROLE` — the column's sort key (default: the text, case-folded) for a sort proxy;
* :data:`ROW_ROLE` — the row object itself; any extra role given in ``roles``.

Updates are change-minimal where that matters: :meth:`replace_row` swaps one row in place (the view
keeps its selection and scroll position), :meth:`insert_row` and :meth:`remove_row` touch one row;
:meth:`set_rows` resets. A model that really edits (the budget lines) subclasses this one and adds
``flags``/``setData``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

Index = QModelIndex | QPersistentModelIndex
R = TypeVar("R")

ID_ROLE = Qt.ItemDataRole.UserRole + 1
"""``index.data(ID_ROLE)`` is the row's id."""
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
"""``index.data(SORT_ROLE)`` is the column's sort key (set it as a sort proxy's sort role)."""
ROW_ROLE = Qt.ItemDataRole.UserRole + 3
"""``index.data(ROW_ROLE)`` is the row object itself."""
FIRST_FREE_ROLE = Qt.ItemDataRole.UserRole + 10
"""Extra roles a model passes in ``roles`` start here."""

Colour = QBrush | QColor | str | None
"""A colour as a brush, a colour or a ``#rrggbb`` string; None means "the view's default"."""
RowStyle = tuple[Colour, Colour, QFont | None]
"""(foreground, background, font) for a whole row."""

RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def brush(colour: Colour) -> QBrush | None:
    if colour is None or colour == "":
        return None
    if isinstance(colour, QBrush):
        return colour
    return QBrush(QColor(colour))


@dataclass(frozen=True)
class Column(Generic[R]):
    """One column: its header ``title`` and how a row shows in it."""

    title: str
    text: Callable[[R], str]
    sort_key: Callable[[R], Any] | None = None
    """What a sort proxy compares (SORT_ROLE); default: the text, case-folded."""
    align_right: bool = False
    tooltip: Callable[[R], str | None] | None = None
    foreground: Callable[[R], Colour] | None = None
    background: Callable[[R], Colour] | None = None
    checked: Callable[[R], bool | None] | None = None
    """A check box in the cell: True/False, or None for "no check box on this row"."""
    header_tooltip: str = ""
    width: int = 90
    """The width :func:`make_table_view` gives the column."""


class TableModel(QAbstractTableModel, Generic[R]):
    """Frozen rows shown through ``columns``. See the module docstring for the roles.

    ``style`` gives a whole row its (foreground, background, font); ``tooltip`` a whole row its tooltip.
    A column's own colour or tooltip wins over the row's.
    """

    def __init__(
        self,
        columns: Sequence[Column[R]],
        parent: QObject | None = None,
        *,
        id_of: Callable[[R], Any] | None = None,
        style: Callable[[R], RowStyle] | None = None,
        tooltip: Callable[[R], str | None] | None = None,
        roles: Mapping[int, Callable[[R], Any]] | None = None,
    ) -> None:
        super().__init__(parent)
        self._columns: tuple[Column[R], ...] = tuple(columns)
        self._rows: list[R] = []
        self._id_of = id_of if id_of is not None else _row_id
        self._style = style
        self._row_tooltip = tooltip
        self._roles = dict(roles or {})

    # --- content ----------------------------------------------------------------------------------
    @property
    def columns(self) -> tuple[Column[R], ...]:
        return self._columns

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[R]:
        return list(self._rows)

    def row_at(self, row: int) -> R:
        return self._rows[row]

    def row_of(self, row_id: Any) -> int:
        """The position of the row with this id, -1 when it is not shown."""
        return next((i for i, r in enumerate(self._rows) if self._id_of(r) == row_id), -1)

    def id_of(self, row: R) -> Any:
        return self._id_of(row)

    def replace_row(self, row: R) -> bool:
        """Swap in the fresh row with the same id, in place; False when no such row is shown."""
        position = self.row_of(self._id_of(row))
        if position < 0:
            return False
        self._rows[position] = row
        self.dataChanged.emit(self.index(position, 0), self.index(position, len(self._columns) - 1))
        return True

    def insert_row(self, position: int, row: R) -> None:
        position = max(0, min(position, len(self._rows)))
        self.beginInsertRows(QModelIndex(), position, position)
        self._rows.insert(position, row)
        self.endInsertRows()

    def remove_row(self, row_id: Any) -> bool:
        position = self.row_of(row_id)
        if position < 0:
            return False
        self.beginRemoveRows(QModelIndex(), position, position)
        del self._rows[position]
        self.endRemoveRows()
        return True

    # --- Qt model interface -----------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return None
        column = self._columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.title
        if role == Qt.ItemDataRole.ToolTipRole and column.header_tooltip:
            return column.header_tooltip
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return RIGHT
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if not 0 <= index.column() < len(self._columns):
            return None
        return self.cell(self._rows[index.row()], self._columns[index.column()], role)

    def cell(self, row: R, column: Column[R], role: int) -> Any:
        """What ``data()`` answers for ``row`` in ``column``; a subclass may add roles around it."""
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == ID_ROLE:
            return self._id_of(row)
        if role == SORT_ROLE:
            return column.sort_key(row) if column.sort_key is not None else column.text(row).casefold()
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if column.align_right else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if column.tooltip is not None:
                return column.tooltip(row) or None
            return (self._row_tooltip(row) or None) if self._row_tooltip is not None else None
        if role == Qt.ItemDataRole.ForegroundRole:
            if column.foreground is not None:
                found = brush(column.foreground(row))
                if found is not None:
                    return found
            return brush(self._style(row)[0]) if self._style is not None else None
        if role == Qt.ItemDataRole.BackgroundRole:
            if column.background is not None:
                found = brush(column.background(row))
                if found is not None:
                    return found
            return brush(self._style(row)[1]) if self._style is not None else None
        if role == Qt.ItemDataRole.FontRole:
            return self._style(row)[2] if self._style is not None else None
        if role == Qt.ItemDataRole.CheckStateRole and column.checked is not None:
            on = column.checked(row)
            if on is None:
                return None
            return Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        extra = self._roles.get(role)
        return extra(row) if extra is not None else None


def _row_id(row: Any) -> Any:
    return getattr(row, "id", None)


def make_table_view(model: TableModel[Any], *, stretch_column: int | None = None) -> QTableView:
    """A compact, row-selecting, read-only view with the columns' widths."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setTabKeyNavigation(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(22)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    for index, column in enumerate(model.columns):
        view.setColumnWidth(index, column.width)
    if stretch_column is not None:
        header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
    else:
        header.setStretchLastSection(True)
    return view
