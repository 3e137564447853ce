"""Where the main window opens: its preferred size when the screen has room, maximised when not; and a
dialog's size, its preferred one shrunk to the screen (:func:`fit_dialog`).

A laptop with a 1366×768 screen and a taskbar has about 1366×728 available; a fixed 1340×720 window
plus its title bar does not fit, and the buttons at the bottom end up under the taskbar.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

#: Room for the window manager's frame and title bar around the client area.
FRAME_ALLOWANCE = QSize(40, 60)


def opening_geometry(available: QRect, preferred: QSize) -> tuple[QRect, bool]:
    """The window's client rectangle on a screen with ``available`` room, and whether to maximise."""
    if (
        preferred.width() + FRAME_ALLOWANCE.width() > available.width()
        or preferred.height() + FRAME_ALLOWANCE.height() > available.height()
    ):
        return QRect(available), True
    rect = QRect(0, 0, preferred.width(), preferred.height())
    rect.moveCenter(available.center())
    return rect, False


def fit_to_screen(window: QWidget, preferred: QSize, minimum: QSize, *, maximise_now: bool = True) -> bool:
    """Size ``window`` (before it is shown) to fit the available geometry of its screen; whether it is to
    be maximised. With ``maximise_now=False`` the caller maximises it itself when showing it
    (``showMaximized``): the start-up window does, since touching any ``Qt.*`` enum first builds all of
    PySide's ``Qt`` namespace (~30 ms) before the first paint."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        window.resize(preferred)
        window.setMinimumSize(minimum)
        return False
    available = screen.availableGeometry()
    rect, maximise = opening_geometry(available, preferred)
    window.setMinimumSize(minimum.boundedTo(available.size()))
    window.resize(rect.size())
    window.move(rect.topLeft())
    if maximise and maximise_now:
        from PySide6.QtCore import Qt

        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)
    return maximise


def dialog_size(available: QSize, preferred: QSize, minimum: QSize) -> QSize:
    """A dialog's size on a screen with ``available`` room: ``preferred``, shrunk so that it and its frame
    fit, but never below ``minimum`` (its layout's minimum size hint)."""
    room = QSize(available.width() - FRAME_ALLOWANCE.width(), available.height() - FRAME_ALLOWANCE.height())
    return preferred.boundedTo(room).expandedTo(minimum)


def fit_dialog(dialog: QWidget, preferred: QSize) -> None:
    """Size ``dialog`` (before it is shown) to ``preferred`` or, on a smaller screen, to the room there
    is: a laptop's 1366×768 less its taskbar leaves about 728 pixels for a dialog and its title bar."""
    screen = dialog.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        dialog.resize(preferred)
        return
    dialog.resize(dialog_size(screen.availableGeometry().size(), preferred, dialog.minimumSizeHint()))
