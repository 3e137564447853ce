"""The case list's table view: the plain rows painted in one Python call per paint, the rest by Qt.

At 20,000 cases a keystroke is mostly the repaint. Qt's ``QStyledItemDelegate`` lays each cell's text
out three times per paint (its size, the elision, the drawing — itemizing and HarfBuzz shaping every
time, decisions §37), and a Python delegate costs a Python call per cell plus two more for the model's
``index()`` (§43). :class:`CaseListDelegate` lays each text out once, as the style does, and keeps its
glyph runs per row object; :meth:`CaseListView.paintEvent` then paints the *plain* rows itself —
alternate background, deadline tint, text, grid — and hands the rest to :class:`QTableView` as a
smaller paint region.

A plain row is one not selected, not holding the current cell and not under the mouse, whose texts fit
their cells. Those other rows are painted by Qt and the style as before, from the model's roles, so
selection, focus and hover look exactly as the style draws them. The model still answers every role
(screen readers and ``index.data()`` read it). The fast path is used only while sample cells painted
both ways agree pixel for pixel with the style in use (checked at the first paint and after each style,
font or direction change) and the table is laid out plainly (:func:`_plain_layout`);
``tests/ui/cases/test_case_list_view.py`` compares the whole table with Qt's own painting.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QCursor,
    QFont,
    QFontMetrics,
    QGlyphRun,
    QImage,
    QPainter,
    QPaintEvent,
    QPalette,
    QRegion,
    QStandardItem,
    QStandardItemModel,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTableView, QWidget

if TYPE_CHECKING:
    from boligdesk.services.case_list import CaseRow
    from boligdesk.ui.cases.case_list_table_model import CaseListTableModel

_TEXT = QPalette.ColorRole.Text
_ALTERNATE_BASE = QPalette.ColorRole.AlternateBase
_NORMAL, _INACTIVE, _DISABLED = (
    QPalette.ColorGroup.Normal,
    QPalette.ColorGroup.Inactive,
    QPalette.ColorGroup.Disabled,
)
_ELIDE_RIGHT = Qt.TextElideMode.ElideRight
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_Key = tuple[str, int, int, bool]
"""(text, cell width, cell height, right-aligned)."""
_Entry = tuple[tuple[QGlyphRun, ...], float, float, int, int]
"""(glyph runs, x and y inside the cell, cell width, cell height)."""
_Row = tuple[list[_Entry | None], tuple[tuple[int, QBrush], ...], bool]
"""A row's cells (None: no text), its tinted cells' brushes, and whether the style must paint it."""
_STYLE = "style"
"""A text the style paints (its glyphs reach outside the cell: the style clips them)."""
_SAMPLE_TINT = QBrush(QColor("#f4c7c3"))
"""A tint like the deadlines' for the sample cells (an opaque colour: the style fills the cell with it)."""
_CACHE_LIMIT = 4_000
"""Texts kept (a screenful is ~200 cells); past it the older half is dropped."""


class CaseListDelegate(QStyledItemDelegate):
    """Paints the case list's plain rows from cached glyph runs (see the module docstring); as the
    view's item delegate it is Qt's own for every cell Qt paints.

    Each entry is keyed by (text, cell width, cell height, right-aligned) and holds the glyph runs and
    their offset inside the cell, laid out as :class:`QCommonStyle` lays out an item's text: a margin of
    ``PM_FocusFrameHMargin + 1`` on each side, one unwrapped line, elided on the right, centred
    vertically on whole pixels.
    """

    def __init__(self, model: CaseListTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self._texts = tuple(column.text for column in model.columns)
        self._right = tuple(column.align_right for column in model.columns)
        self._cache: dict[_Key, _Entry | str] = {}
        self._rows: dict[int, tuple[CaseRow, tuple[Any, ...], _Row]] = {}  # id(row) → its cells
        self.last_drawn = 0
        """Cells the last paint drew from kept glyph runs."""
        self._font = QFont()
        self._margin = -1  # unknown until the first paint (it is the style's)
        self._usable: bool | None = False  # None: to be checked against the style at the next paint

    def forget(self, view: QTableView | None = None) -> None:
        """The font, style or direction changed: drop every kept text (and re-check whether the fast
        path applies: only left-to-right, unwrapped, right-elided text)."""
        self._cache.clear()
        self._rows.clear()
        self._margin = -1
        if view is not None:
            plain = (
                view.layoutDirection() == Qt.LayoutDirection.LeftToRight
                and not view.wordWrap()
                and view.textElideMode() == _ELIDE_RIGHT
            )
            self._usable = None if plain else False
            self._font = QFont(view.font())
            self._margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1

    def cached_texts(self) -> int:
        return len(self._cache)

    def paint_rows(self, view: QTableView, region: QRegion) -> QRegion | None:
        """Paint the plain rows of ``region`` — background, tint, text and grid — as :class:`QTableView`
        and :class:`QStyledItemDelegate` paint them, and return the part left to Qt's own painting: the
        rows with a selected, current or hovered cell, and texts the style must clip. None: nothing was
        painted, Qt paints it all.

        One Python call per paint instead of one per cell (each of which also had Qt ask the model for
        an index: two more Python calls). The cells' glyph runs are kept per row object; an alternate
        row's background is one fill and each grid line one (the grid is opaque: it covers what is
        under it, as Qt draws it last)."""
        self.last_drawn = 0
        if self._usable is None:
            self._usable = self._agrees_with_style(view)
        if not self._usable or not _plain_layout(view):
            return None
        model = self.model
        area = region.boundingRect()
        horizontal, vertical = view.horizontalHeader(), view.verticalHeader()
        left = area.left()
        right = min(area.right(), horizontal.length() - horizontal.offset() - 1)
        bottom = min(area.bottom(), vertical.length() - vertical.offset() - 1)
        first = view.rowAt(area.top())
        if first < 0 or right < left or bottom < area.top():
            return None
        last = view.rowAt(bottom)
        last = model.rowCount() - 1 if last < 0 else last
        grid = 1 if view.showGrid() else 0
        count = len(self._texts)
        widths = tuple(view.columnWidth(c) - grid for c in range(count))
        columns = []  # the columns in the area: (column, x)
        for c in range(count):
            x = view.columnViewportPosition(c)
            if x <= right and x + widths[c] + grid > left:
                columns.append((c, x))
        special = self._special_rows(view, first, last)
        day = model.today()
        kept_rows = self._rows
        if len(kept_rows) > _CACHE_LIMIT:
            kept_rows.clear()
        rest = QRegion()
        rows: list[tuple[int, int, int, _Row]] = []  # number, y, height less the grid, cells
        for number in range(first, last + 1):
            y, height = view.rowViewportPosition(number), view.rowHeight(number)
            row = model.row_at(number)
            shape = (height - grid, widths, day)
            kept = kept_rows.get(id(row))
            if number not in special and (kept is None or kept[0] is not row or kept[1] != shape):
                # Keeping the row object keeps its id from being reused while the entry exists.
                kept = kept_rows[id(row)] = (row, shape, self._cells(row, shape[0], widths))
            if number in special or kept is None or kept[2][2]:
                rest += QRect(left, y, area.width(), height)
                continue
            rows.append((number, y, shape[0], kept[2]))
        painter = QPainter(view.viewport())
        group = _group(view)
        if view.alternatingRowColors():
            fill = view.palette().brush(group, _ALTERNATE_BASE)
            for number, y, height, _ in rows:
                if number & 1:
                    painter.fillRect(left, y, right - left + 1, height, fill)
        for _, y, height, (_, tints, _) in rows:
            for c, tint in tints:
                x = view.columnViewportPosition(c)
                painter.fillRect(QRect(x, y, widths[c], height), tint)
        painter.setPen(view.palette().color(group, _TEXT))
        drawn = 0
        for _, y, _, (cells, _, _) in rows:
            for c, x in columns:
                cell = cells[c]
                if cell is not None:
                    at = QPointF(x + cell[1], y + cell[2])
                    for run in cell[0]:
                        painter.drawGlyphRun(at, run)
                    drawn += 1
        if grid:
            colour = _grid_colour(view)
            for _, y, height, _ in rows:
                painter.fillRect(left, y + height, right - left + 1, 1, colour)
            for c, x in columns:
                painter.fillRect(x + widths[c], area.top(), 1, bottom - area.top() + 1, colour)
        painter.end()
        self.last_drawn = drawn
        return rest & region

    def _cells(self, row: CaseRow, height: int, widths: tuple[int, ...]) -> _Row:
        """What the cells of ``row`` draw: each cell's kept glyph runs (None: no text), the tinted cells'
        brushes, and whether a text must be left to the style (its glyphs reach outside the cell)."""
        model, cache, prepare, right = self.model, self._cache, self._prepare, self._right
        cells: list[_Entry | None] = []
        tints: list[tuple[int, QBrush]] = []
        clipped = False
        for column, text_of in enumerate(self._texts):
            tint = model.tint(row, column)
            if tint is not None:
                tints.append((column, tint))
            text = text_of(row)
            if not text:
                cells.append(None)
                continue
            key = (text, widths[column], height, right[column])
            entry = cache.get(key) or prepare(key)
            if isinstance(entry, str):
                clipped = True
                cells.append(None)
            else:
                cells.append(entry)
        return cells, tuple(tints), clipped

    def _agrees_with_style(self, view: QTableView) -> bool:
        """Paint sample cells both ways — as :class:`QTableView` and the style paint them, and as
        :meth:`paint_rows` does — and use the fast path only if they agree pixel for pixel (this style,
        this font, this screen): a style that paints more than the row's background, the tint and the
        text for an item that is not selected keeps Qt's own painting."""
        sample = QStandardItemModel(1, 1)
        item = QStandardItem()
        sample.setItem(0, 0, item)
        ratio = view.viewport().devicePixelRatioF()
        height = max(view.verticalHeader().defaultSectionSize() - 1, 1)
        palette, group = view.palette(), _group(view)
        for text, width, right, alternate, tint in (
            ("Åse Ærø Østergård-Bækgaard, Ærøgade 12, 3. th", 400, False, False, None),
            ("Åse Ærø Østergård-Bækgaard, Ærøgade 12, 3. th", 90, False, True, None),  # elided
            ("12.345,67 kr.", 100, True, True, None),
            ("1.234.567.890,12 kr.", 60, True, False, None),  # elided
            ("24.11.2026 · Retsmøde", 150, False, True, _SAMPLE_TINT),
            ("31.12.2026 · Påkrav", 150, False, False, _SAMPLE_TINT),
        ):
            entry = self._prepare((text, width, height, right))
            # A text the style paints (too tall for the row): compare the backgrounds alone.
            item.setText("" if isinstance(entry, str) else text)
            item.setTextAlignment(_RIGHT if right else _LEFT)
            item.setBackground(tint if tint is not None else QBrush())
            option = QStyleOptionViewItem()
            view.initViewItemOption(option)
            option.state &= ~(
                QStyle.StateFlag.State_HasFocus
                | QStyle.StateFlag.State_MouseOver
                | QStyle.StateFlag.State_Selected
            )
            option.rect = QRect(0, 0, width, height)
            if alternate:
                option.features |= QStyleOptionViewItem.ViewItemFeature.Alternate
            images = []
            for ours in (False, True):
                image = QImage(
                    math.ceil(width * ratio),
                    math.ceil(height * ratio),
                    QImage.Format.Format_ARGB32_Premultiplied,
                )
                image.setDevicePixelRatio(ratio)
                image.fill(palette.color(QPalette.ColorRole.Base))
                painter = QPainter(image)
                painter.setFont(view.font())
                if ours:  # as paint_rows paints a cell
                    if alternate:
                        painter.fillRect(option.rect, palette.brush(group, _ALTERNATE_BASE))
                    if tint is not None:
                        painter.fillRect(option.rect, tint)
                    painter.setPen(palette.color(group, _TEXT))
                    if not isinstance(entry, str):
                        for run in entry[0]:
                            painter.drawGlyphRun(QPointF(entry[1], entry[2]), run)
                else:  # as QTableView paints a cell
                    style = view.style()
                    style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewRow, option, painter, view)
                    super().paint(painter, option, sample.index(0, 0))
                painter.end()
                images.append(image)
            if images[0] != images[1]:
                return False
        return True

    @staticmethod
    def _special_rows(view: QTableView, first: int, last: int) -> set[int]:
        """The rows between ``first`` and ``last`` with a selected, current or hovered cell (a row too
        many only costs the style's painting)."""
        root = view.rootIndex()
        selection = view.selectionModel()
        special = {n for n in range(first, last + 1) if selection.rowIntersectsSelection(n, root)}
        special.add(view.currentIndex().row())
        viewport = view.viewport()
        if viewport.underMouse():
            special.add(view.rowAt(viewport.mapFromGlobal(QCursor.pos()).y()))
        return special

    def _prepare(self, key: _Key) -> _Entry | str:
        """Lay ``text`` out once as :class:`QCommonStyle` does for an item view cell: one unwrapped line
        as wide as the cell less its margins, elided on the right when it does not fit, aligned within
        the line, centred vertically (whole pixels). Keep only the glyph runs: drawing them needs no
        itemizing or shaping. A text whose glyphs reach outside the cell (a font taller than the row)
        is left to the style, which clips it to the cell."""
        text, width, height, right = key
        room = width - 2 * self._margin
        layout = self._layout(text, room, right)
        if layout.lineAt(0).naturalTextWidth() > room:  # most texts fit: laid out once
            layout = self._layout(QFontMetrics(self._font).elidedText(text, _ELIDE_RIGHT, room), room, right)
        top = (height - round(layout.boundingRect().height())) // 2
        if len(self._cache) >= _CACHE_LIMIT:
            for old in list(self._cache)[: _CACHE_LIMIT // 2]:
                del self._cache[old]
        runs = tuple(layout.glyphRuns())
        cell = QRectF(0, 0, width, height)
        inside = all(cell.contains(run.boundingRect().translated(self._margin, top)) for run in runs)
        found = self._cache[key] = (
            (runs, float(self._margin), float(top), width, height) if inside else _STYLE
        )
        return found

    def _layout(self, text: str, room: int, right: bool) -> QTextLayout:
        layout = QTextLayout(text, self._font)
        layout.setTextOption(_OPTIONS[right])
        layout.beginLayout()
        line = layout.createLine()
        line.setLineWidth(room)
        line.setPosition(_ORIGIN)
        layout.endLayout()
        return layout


def _text_option(alignment: Qt.AlignmentFlag) -> QTextOption:
    option = QTextOption(alignment)
    option.setWrapMode(QTextOption.WrapMode.ManualWrap)
    option.setTextDirection(Qt.LayoutDirection.LeftToRight)
    return option


_OPTIONS = {False: _text_option(_LEFT), True: _text_option(_RIGHT)}
_ORIGIN = QPointF(0, 0)


def _group(view: QTableView) -> QPalette.ColorGroup:
    """The palette group the style paints an unselected item in: disabled, active or inactive (its text
    and its alternate background, ``QCommonStyle``)."""
    if not view.isEnabled():
        return _DISABLED
    return _NORMAL if view.isActiveWindow() else _INACTIVE


def _grid_colour(view: QTableView) -> QColor:
    """The grid's colour, asked of the style as :class:`QTableView` asks it."""
    option = QStyleOptionViewItem()
    view.initViewItemOption(option)
    return QColor.fromRgba(
        view.style().styleHint(QStyle.StyleHint.SH_Table_GridLineColor, option, view) & 0xFFFFFFFF
    )


def _plain_layout(view: QTableView) -> bool:
    """Whether :meth:`CaseListDelegate.paint_rows` paints this table as Qt does: rows and columns in
    model order, none hidden (row n is an alternate row when n is odd), a solid opaque grid drawn
    only between cells."""
    horizontal, vertical = view.horizontalHeader(), view.verticalHeader()
    if horizontal.sectionsMoved() or horizontal.sectionsHidden():
        return False
    if vertical.sectionsMoved() or vertical.sectionsHidden():
        return False
    if not view.showGrid():
        return True
    return (
        view.gridStyle() == Qt.PenStyle.SolidLine
        and _grid_colour(view).alpha() == 255
        and not view.style().styleHint(QStyle.StyleHint.SH_Table_AlwaysDrawLeftTopGridLines, None, view)
    )


_FORGET_ON = (QEvent.Type.FontChange, QEvent.Type.StyleChange, QEvent.Type.LayoutDirectionChange)


class CaseListView(QTableView):
    """The Sager tab's table: a :class:`QTableView` painting a :class:`CaseListTableModel` through
    :class:`CaseListDelegate` (set when the model is)."""

    delegate: CaseListDelegate | None = None

    def setModel(self, model: Any) -> None:
        super().setModel(model)
        if self.delegate is not None and self.delegate.model is model:
            return
        self.delegate = CaseListDelegate(model, self)
        self.setItemDelegate(self.delegate)
        self.delegate.forget(self)

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.delegate is None or self.itemDelegate() is not self.delegate:
            super().paintEvent(event)
            return
        rest = self.delegate.paint_rows(self, event.region())
        if rest is None:
            super().paintEvent(event)
        elif not rest.isEmpty():
            super().paintEvent(QPaintEvent(rest))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if self.delegate is not None and event.type() in _FORGET_ON:
            self.delegate.forget(self)

    def setWordWrap(self, on: bool) -> None:
        super().setWordWrap(on)
        if self.delegate is not None:
            self.delegate.forget(self)

    def setTextElideMode(self, mode: Qt.TextElideMode) -> None:
        super().setTextElideMode(mode)
        if self.delegate is not None:
            self.delegate.forget(self)
