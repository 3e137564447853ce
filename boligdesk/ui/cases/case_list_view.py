"""The case list's table view: Qt's own painting, with the plain cells' text drawn from a cache.

At 20,000 cases a keystroke is mostly the repaint, and the repaint was mostly Qt's text layout: the
style lays each cell's text out three times per paint (its size, the elision, the drawing — itemizing
and HarfBuzz shaping every time). :class:`CaseListDelegate` lays each text out once, as the style does,
and keeps its glyph runs; before each paint :class:`CaseListView` looks the visible rows' cells up once,
and a plain cell is then drawn with one ``drawGlyphRun``.

A *plain* cell is one the style paints as the row background (which the view draws) plus text: not in
a selected row, the current row or the row under the mouse, and not tinted. Every other cell is painted
by :class:`QStyledItemDelegate` as before, from the model's roles, so selection, focus, hover and the
deadline's tint look exactly as the style draws them. The model still answers every role (screen
readers and ``index.data()`` read it). The cache is used only while sample cells painted both ways
agree pixel for pixel with the style in use (checked at the first paint and after each style, font or
direction change), and ``tests/ui/cases/test_case_list_view.py`` compares the whole table with Qt's own
painting (decisions §37).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QPointF, QRect, Qt
from PySide6.QtGui import (
    QColor,
    QCursor,
    QFont,
    QFontMetrics,
    QGlyphRun,
    QImage,
    QPainter,
    QPaintEvent,
    QPalette,
    QStandardItem,
    QStandardItemModel,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTableView, QWidget

if TYPE_CHECKING:
    from boligdesk.services.case_list import CaseRow
    from boligdesk.ui.cases.case_list_table_model import CaseListTableModel

_Index = QModelIndex | QPersistentModelIndex

_TEXT = QPalette.ColorRole.Text
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
_Cell = _Entry | str | None
_STYLE = "style"
"""A cell the style paints (tinted, or in a selected, current or hovered row)."""
_CACHE_LIMIT = 4_000
"""Texts kept (a screenful is ~200 cells); past it the older half is dropped."""


class CaseListDelegate(QStyledItemDelegate):
    """Draws the case list's plain cells from cached glyph runs (see the module docstring).

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
        self._cache: dict[_Key, _Entry] = {}
        self._plain: dict[int, list[_Cell]] = {}  # row number → its cells, for the paint under way
        self._rows: dict[int, tuple[CaseRow, tuple[Any, ...], list[_Cell]]] = {}  # id(row) → its cells
        self._pen = QColor()
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

    def begin_paint(self, view: QTableView, area: QRect) -> None:
        """Before the view paints ``area``: what each plain cell of the rows there will draw.

        A row the style must paint itself — selected, holding the current cell, under the mouse — is
        left out, and so is a tinted cell: :meth:`paint` hands those to :class:`QStyledItemDelegate`.
        The text colour is the style's for an item that is not selected: the palette's text in the
        group the view's state gives (enabled and active, inactive, or disabled)."""
        self._plain = {}
        if self._usable is None:
            self._usable = self._agrees_with_style(view)
        if not self._usable:
            return
        model = self.model
        count = model.rowCount()
        first = view.rowAt(area.top())
        if first < 0:
            return
        last = view.rowAt(area.bottom())
        last = count - 1 if last < 0 else last
        special = self._special_rows(view, first, last)
        grid = 1 if view.showGrid() else 0
        widths = tuple(view.columnWidth(c) - grid for c in range(len(self._texts)))
        day = model.today()
        kept_rows = self._rows
        if len(kept_rows) > _CACHE_LIMIT:
            kept_rows.clear()
        for number in range(first, last + 1):
            if number in special:
                continue
            row = model.row_at(number)
            shape = (view.rowHeight(number) - grid, widths, day)
            kept = kept_rows.get(id(row))
            if kept is None or kept[0] is not row or kept[1] != shape:
                # Keeping the row object keeps its id from being reused while the entry exists.
                kept = kept_rows[id(row)] = (row, shape, self._cells(row, shape[0], widths))
            self._plain[number] = kept[2]
        self._pen = _text_colour(view)

    def end_paint(self) -> None:
        """After the view's paint: a cell painted outside it (a drag image) goes the style's way."""
        self._plain = {}

    def _cells(self, row: CaseRow, height: int, widths: tuple[int, ...]) -> list[_Cell]:
        """What each cell of ``row`` draws: its kept glyph runs, nothing (no text) or the style's."""
        model, cache, prepare, right = self.model, self._cache, self._prepare, self._right
        cells: list[_Cell] = []
        for column, text_of in enumerate(self._texts):
            if model.tinted(row, column):
                cells.append(_STYLE)
                continue
            text = text_of(row)
            if not text:
                cells.append(None)
                continue
            key = (text, widths[column], height, right[column])
            cells.append(cache.get(key) or prepare(key))
        return cells

    def _agrees_with_style(self, view: QTableView) -> bool:
        """Paint sample cells both ways — as the style does and from glyph runs — and use the cache only
        if they agree pixel for pixel (this style, this font, this screen): a style that paints more
        than the row background and the text for a plain item keeps Qt's own painting."""
        sample = QStandardItemModel(1, 1)
        item = QStandardItem()
        sample.setItem(0, 0, item)
        ratio = view.viewport().devicePixelRatioF()
        height = max(view.verticalHeader().defaultSectionSize() - 1, 1)
        for text, width, right, alternate in (
            ("Åse Ærø Østergård-Bækgaard, Ærøgade 12, 3. th", 400, False, False),
            ("Åse Ærø Østergård-Bækgaard, Ærøgade 12, 3. th", 90, False, True),  # elided
            ("12.345,67 kr.", 100, True, True),
            ("1.234.567.890,12 kr.", 60, True, False),  # elided
        ):
            item.setText(text)
            item.setTextAlignment(_RIGHT if right else _LEFT)
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
                image.fill(view.palette().color(QPalette.ColorRole.Base))
                painter = QPainter(image)
                painter.setFont(view.font())
                view.style().drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewRow, option, painter, view)
                if ours:
                    runs, dx, dy, _, _ = self._prepare((text, width, height, right))
                    painter.setPen(_text_colour(view))
                    for run in runs:
                        painter.drawGlyphRun(QPointF(dx, dy), run)
                else:
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

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        cells = self._plain.get(index.row())
        cell = _STYLE if cells is None else cells[index.column()]
        if cell is None:
            return  # a plain cell without text: the view has painted its background
        rect = option.rect
        if isinstance(cell, str) or rect.width() != cell[3] or rect.height() != cell[4]:
            super().paint(painter, option, index)
            return
        painter.setPen(self._pen)
        at = QPointF(rect.x() + cell[1], rect.y() + cell[2])
        for run in cell[0]:
            painter.drawGlyphRun(at, run)

    def _prepare(self, key: _Key) -> _Entry:
        """Lay ``text`` out once as :class:`QCommonStyle` does for an item view cell: one unwrapped line
        as wide as the cell less its margins, elided on the right when it does not fit, aligned within
        the line, centred vertically (whole pixels). Keep only the glyph runs: drawing them needs no
        itemizing or shaping."""
        text, width, height, right = key
        room = width - 2 * self._margin
        layout = self._layout(text, room, right)
        if layout.lineAt(0).naturalTextWidth() > room:  # most texts fit: laid out once
            layout = self._layout(QFontMetrics(self._font).elidedText(text, _ELIDE_RIGHT, room), room, right)
        top = (height - round(layout.boundingRect().height())) // 2
        if len(self._cache) >= _CACHE_LIMIT:
            for old in list(self._cache)[: _CACHE_LIMIT // 2]:
                del self._cache[old]
        found = self._cache[key] = (tuple(layout.glyphRuns()), float(self._margin), float(top), width, height)
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


def _text_colour(view: QTableView) -> QColor:
    """The style's colour for an unselected item's text: the palette's text in the view's group."""
    if not view.isEnabled():
        group = _DISABLED
    elif view.isActiveWindow():
        group = _NORMAL
    else:
        group = _INACTIVE
    return view.palette().color(group, _TEXT)


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
        self.delegate.begin_paint(self, event.rect())
        try:
            super().paintEvent(event)
        finally:
            self.delegate.end_paint()

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
