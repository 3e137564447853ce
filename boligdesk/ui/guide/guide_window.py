"""The guide window (Hjælp → Vejledning, F1): chapter list, search and the chapter in a QTextBrowser.

One window per application; F1 anywhere (also in a modal dialog) opens it on the chapter about the
window or tab in front (:data:`content.CONTEXT_HELP`). :func:`help_button` makes the small "?" buttons
that open the paragraph explaining one field's rule.
"""

from __future__ import annotations

import re
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QUrl
from PySide6.QtGui import QAction, QImage, QKeyEvent, QKeySequence, QPixmap, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from boligdesk.ui.guide import content

_window: GuideWindow | None = None


class GuideBrowser(QTextBrowser):
    """The chapter view; screenshots are scaled down smoothly to the width the chapter gives them.

    Qt's rich text would scale a 1366 px screenshot to 640 px by dropping pixels, which makes the text in
    it unreadable; here it is scaled once, smoothly, at the screen's pixel ratio.
    """

    def __init__(self) -> None:
        super().__init__()
        self.image_widths: dict[str, int] = {}

    def loadResource(self, kind: int, name: QUrl | str) -> Any:
        path = name.toString() if isinstance(name, QUrl) else name
        if kind == QTextDocument.ResourceType.ImageResource.value and path in self.image_widths:
            image = QImage(str(content.guide_dir() / path))
            ratio = self.devicePixelRatioF()
            width = round(self.image_widths[path] * ratio)
            if not image.isNull() and image.width() > width:
                image = image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
                image.setDevicePixelRatio(ratio)
            return image
        return super().loadResource(kind, name)


class GuideWindow(QDialog):
    def __init__(self, main_window: QMainWindow | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.setWindowTitle("BoligDesk — Vejledning")
        self.setObjectName("GuideWindow")
        self.resize(980, 680)
        self.main_window = main_window
        self.current_file = ""

        self.search = QLineEdit()
        self.search.setPlaceholderText("Søg i vejledningen…")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.chapter_list = QListWidget()
        self.chapter_list.currentItemChanged.connect(self._chosen)
        self.no_hits = QLabel("Intet fundet. Prøv et andet ord.")
        self.no_hits.setWordWrap(True)
        self.no_hits.hide()
        self.browser = GuideBrowser()
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._link)
        self.browser.setSearchPaths([str(content.guide_dir())])
        self.browser.document().setDefaultStyleSheet(content.STYLE_SHEET)
        self.image_viewer: ImageViewer | None = None

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        search_label = QLabel("&Søg:")
        search_label.setBuddy(self.search)
        left_layout.addWidget(search_label)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.chapter_list, 1)
        left_layout.addWidget(self.no_hits)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.browser)
        splitter.setSizes([280, 700])
        layout = QHBoxLayout(self)
        layout.addWidget(splitter)
        self._filter("")

    # --- chapters -----------------------------------------------------------------------------------
    def _filter(self, text: str) -> None:
        hits = content.search(text, self.main_window)
        self.chapter_list.blockSignals(True)
        self.chapter_list.clear()
        for chapter in hits:
            item = QListWidgetItem(chapter.title)
            item.setData(Qt.ItemDataRole.UserRole, chapter.file)
            self.chapter_list.addItem(item)
        self.chapter_list.blockSignals(False)
        self.no_hits.setVisible(not hits)
        if hits and self.current_file not in {c.file for c in hits}:
            self.show_chapter(hits[0].file)
        self._select_current()
        if text.split():
            self.browser.find(text.split()[0])

    def _select_current(self) -> None:
        for row in range(self.chapter_list.count()):
            item = self.chapter_list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == self.current_file:
                self.chapter_list.blockSignals(True)
                self.chapter_list.setCurrentRow(row)
                self.chapter_list.blockSignals(False)

    def _chosen(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.show_chapter(item.data(Qt.ItemDataRole.UserRole))

    def _link(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https", "mailto"):
            return  # the guide is offline; no browser is started from it
        if url.path().startswith("img/"):
            self.show_image(url.path())
            return
        self.show_target(url.toString())

    def show_image(self, name: str) -> ImageViewer:
        """A screenshot at its own size (the chapter shows it smaller), scrollable when larger than the screen."""
        if self.image_viewer is not None:
            self.image_viewer.close()
        self.image_viewer = ImageViewer(str(content.guide_dir() / name), self)
        self.image_viewer.show()
        return self.image_viewer

    def show_target(self, target: str) -> None:
        """Show ``file.html#anchor`` (or just ``#anchor`` in the chapter shown)."""
        file, _, anchor = target.partition("#")
        self.show_chapter(file or self.current_file, anchor)

    def show_chapter(self, file: str, anchor: str = "") -> None:
        if file != self.current_file:
            markup = content.chapter_html(file, self.main_window)
            self.browser.image_widths = {
                name: int(width)
                for name, width in re.findall(r'<img src="(img/[^"]+)" width="(\d+)"', markup)
            }
            self.browser.setHtml(markup)
            self.current_file = file
            self._select_current()
        if anchor:
            self.browser.scrollToAnchor(anchor)
        else:
            self.browser.verticalScrollBar().setValue(0)


class ImageViewer(QDialog):
    """One of the guide's screenshots full size (Esc or Luk closes it)."""

    def __init__(self, path: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("BoligDesk — Vejledning — billede")
        self.image = QLabel()
        self.image.setPixmap(QPixmap(path))
        scroll = QScrollArea()
        scroll.setWidget(self.image)
        close = QPushButton("&Luk")
        close.clicked.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        size = self.image.pixmap().size()
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        width, height = size.width() + 40, size.height() + 80
        if screen is not None:
            width, height = min(width, screen.width() - 40), min(height, screen.height() - 60)
        self.resize(width, height)


def open_guide(target: str = content.FIRST_CHAPTER, main_window: QMainWindow | None = None) -> GuideWindow:
    """Show the guide window (one per application) on ``target`` (``file.html#anchor``)."""
    global _window
    # The guide becomes a modal dialog's child while that dialog is open (below), and every dialog is
    # deleted after use (``run_modal``), taking the guide with it: Python then still holds a wrapper
    # whose C++ object is gone, and the next F1 raised "Internal C++ object already deleted".
    if _window is not None and not shiboken6.isValid(_window):
        _window = None
    if _window is None:
        _window = GuideWindow(main_window)
    elif main_window is not None:
        _window.main_window = main_window
    modal = QApplication.activeModalWidget()
    # A modal dialog blocks every other window: the guide then becomes the dialog's child to be usable.
    wanted_parent = modal if modal is not None and modal is not _window else None
    if _window.parentWidget() is not wanted_parent:
        _window.setParent(wanted_parent, _window.windowFlags() | Qt.WindowType.Window)
    _window.show_target(target)
    _window.show()
    _window.raise_()
    _window.activateWindow()
    return _window


def _main_window(widget: QWidget | None) -> QMainWindow | None:
    for top in QApplication.topLevelWidgets():
        if isinstance(top, QMainWindow) and top.isVisible():
            return top
    top_window = widget.window() if widget is not None else None
    return top_window if isinstance(top_window, QMainWindow) else None


def context_target(window: QMainWindow | None = None) -> str:
    """The chapter about what is in front: the focused widget, else the main window's current tab."""
    front = QApplication.activeModalWidget() or QApplication.focusWidget()
    target = content.context_anchor(QApplication.focusWidget() or front)
    tabs = getattr(window, "tabs", None)
    if target == content.FIRST_CHAPTER and tabs is not None:
        current = tabs.currentWidget()
        target = content.context_anchor(getattr(current, "widget", None) or current)
    if target == content.FIRST_CHAPTER and front is not None:
        target = content.context_anchor(front)
    return target


def open_context_help(window: QMainWindow | None = None) -> GuideWindow:
    window = window or _main_window(None)
    return open_guide(context_target(window), window)


class _F1Filter(QObject):
    """F1 in a dialog (where the main window's shortcut does not reach) opens that dialog's chapter."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress:
            return False  # every event of the application passes here: the cheap test first
        active = QApplication.activeWindow()
        if (
            isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_F1
            and not isinstance(active, QMainWindow)
        ):
            if not isinstance(active, GuideWindow):
                open_context_help()
            return True
        return False


_filter: _F1Filter | None = None


def add_help_actions(window: QMainWindow, help_menu: QMenu) -> QAction:
    """Hjælp → Vejledning (F1, also while locked) and F1 in dialogs."""
    global _filter
    action = QAction("&Vejledning", window)
    action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
    action.triggered.connect(lambda: open_context_help(window))
    help_menu.addAction(action)
    app = QApplication.instance()
    if _filter is None and app is not None:
        _filter = _F1Filter(app)
        app.installEventFilter(_filter)
    return action


def help_button(key: str, parent: QWidget | None = None) -> QToolButton:
    """A small "?" button opening the paragraph on field rule ``key`` (:data:`content.FIELD_HELP`)."""
    target = content.FIELD_HELP[key]
    button = QToolButton(parent)
    button.setText("?")
    button.setObjectName(f"help_{key}")
    button.setToolTip("Forklaring med et eksempel (åbner vejledningen)")
    button.setAccessibleName("Hjælp")
    button.clicked.connect(lambda: open_guide(target, _main_window(button)))
    return button
