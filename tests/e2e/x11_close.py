"""Closing a window the way a window manager does: a ``WM_DELETE_WINDOW`` client message (ctypes/libX11).

A window manager does not call ``close()`` inside the program: it sends the top-level window a
``ClientMessage`` of type ``WM_PROTOCOLS`` carrying the ``WM_DELETE_WINDOW`` atom, and Qt turns that into
a close event. That is the path on which the exit crash showed, so the test takes it too.
"""

from __future__ import annotations

import ctypes
import ctypes.util

CLIENT_MESSAGE = 33  # X.h: ClientMessage
NO_EVENT_MASK = 0
CURRENT_TIME = 0


class XClientMessageEvent(ctypes.Structure):
    _fields_ = (
        ("type", ctypes.c_int),
        ("serial", ctypes.c_ulong),
        ("send_event", ctypes.c_int),
        ("display", ctypes.c_void_p),
        ("window", ctypes.c_ulong),
        ("message_type", ctypes.c_ulong),
        ("format", ctypes.c_int),
        ("data", ctypes.c_long * 5),
    )


class XEvent(ctypes.Union):
    _fields_ = (("xclient", XClientMessageEvent), ("pad", ctypes.c_long * 24))


def _libx11() -> ctypes.CDLL:
    name = ctypes.util.find_library("X11") or "libX11.so.6"
    lib = ctypes.CDLL(name)
    lib.XOpenDisplay.restype = ctypes.c_void_p
    lib.XOpenDisplay.argtypes = (ctypes.c_char_p,)
    lib.XInternAtom.restype = ctypes.c_ulong
    lib.XInternAtom.argtypes = (ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int)
    lib.XSendEvent.restype = ctypes.c_int
    lib.XSendEvent.argtypes = (
        ctypes.c_void_p,
        ctypes.c_ulong,
        ctypes.c_int,
        ctypes.c_long,
        ctypes.POINTER(XEvent),
    )
    lib.XFlush.argtypes = (ctypes.c_void_p,)
    lib.XCloseDisplay.argtypes = (ctypes.c_void_p,)
    return lib


def send_wm_delete_window(display_name: str, window_id: int) -> None:
    """Ask the top-level X window ``window_id`` on ``display_name`` (e.g. ``":99"``) to close."""
    x11 = _libx11()
    display = x11.XOpenDisplay(display_name.encode())
    if not display:
        raise OSError(f"cannot open X display {display_name}")
    try:
        event = XEvent()
        message = event.xclient
        message.type = CLIENT_MESSAGE
        message.send_event = 1
        message.display = display
        message.window = window_id
        message.message_type = x11.XInternAtom(display, b"WM_PROTOCOLS", 0)
        message.format = 32
        message.data[0] = x11.XInternAtom(display, b"WM_DELETE_WINDOW", 0)
        message.data[1] = CURRENT_TIME
        if not x11.XSendEvent(display, window_id, 0, NO_EVENT_MASK, ctypes.byref(event)):
            raise OSError("XSendEvent failed")
        x11.XFlush(display)
    finally:
        x11.XCloseDisplay(display)
