"""When to lock: after N minutes without keyboard or mouse input, and when the platform says the session
locks or the laptop goes to sleep (lid closed).

* **Idle time** — one application-wide event filter restarts a single-shot timer on every key press,
  mouse click, wheel turn or mouse move (any window of the app). The filter does nothing else, so it
  costs a comparison per event.
* **Session lock / sleep** — on Linux, over D-Bus when Qt's D-Bus module and a bus are there: logind's
  ``PrepareForSleep(true)`` (system bus: suspend, lid closed), logind's ``Lock`` for this session, and the
  freedesktop/GNOME screensaver's ``ActiveChanged(true)`` (session bus). On Windows and macOS Qt tells
  nothing of a session lock; there the idle timer is the lock (docs/decisions.md §21).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, QTimer, Signal, Slot

log = logging.getLogger(__name__)

_INPUT = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)


class IdleWatch(QObject):
    """Emits :attr:`idle` once ``minutes`` pass without input while :meth:`start` ed; :attr:`session_locked`
    when the platform reports a session lock or sleep."""

    idle = Signal()
    session_locked = Signal()
    input_seen = Signal()
    """The adviser did something (at most once a minute: a visit's clock, not every mouse move)."""

    def __init__(self, minutes: int = 10, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.idle)
        self.set_minutes(minutes)
        self._listening = False
        self._told = QElapsedTimer()

    @property
    def minutes(self) -> int:
        return self._timer.interval() // 60_000

    def set_minutes(self, minutes: int) -> None:
        minutes = max(1, int(minutes))  # the setting is checked where it is saved (services/lock_settings)
        self._timer.setInterval(minutes * 60_000)
        if self._timer.isActive():
            self._timer.start()

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def is_running(self) -> bool:
        return self._timer.isActive()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT and self._timer.isActive():
            self._timer.start()
            if not self._told.isValid() or self._told.elapsed() >= 60_000:
                self._told.start()
                self.input_seen.emit()
        return False

    # --- the platform's session lock ------------------------------------------------------------
    def listen_to_platform(self) -> list[str]:
        """Subscribe to the platform's lock/sleep signals where possible; the names of those subscribed."""
        if self._listening:
            return []
        self._listening = True
        try:
            from PySide6.QtDBus import QDBusConnection
        except ImportError:  # pragma: no cover - Qt built without D-Bus (Windows, macOS)
            return []
        found: list[str] = []
        subscriptions = (
            (
                QDBusConnection.systemBus(),
                "org.freedesktop.login1",
                "/org/freedesktop/login1",
                "org.freedesktop.login1.Manager",
                "PrepareForSleep",
                "_sleeping(bool)",
                "logind PrepareForSleep",
            ),
            (
                QDBusConnection.systemBus(),
                "org.freedesktop.login1",
                "/org/freedesktop/login1/session/auto",
                "org.freedesktop.login1.Session",
                "Lock",
                "_locked()",
                "logind Lock",
            ),
            (
                QDBusConnection.sessionBus(),
                "org.freedesktop.ScreenSaver",
                "/org/freedesktop/ScreenSaver",
                "org.freedesktop.ScreenSaver",
                "ActiveChanged",
                "_screensaver(bool)",
                "ScreenSaver",
            ),
            (
                QDBusConnection.sessionBus(),
                "org.gnome.ScreenSaver",
                "/org/gnome/ScreenSaver",
                "org.gnome.ScreenSaver",
                "ActiveChanged",
                "_screensaver(bool)",
                "GNOME ScreenSaver",
            ),
        )
        for bus, service, path, interface, name, slot, label in subscriptions:
            if not bus.isConnected():
                continue
            try:
                if bus.connect(service, path, interface, name, self, f"1{slot}".encode()):
                    found.append(label)
            except (TypeError, RuntimeError):  # pragma: no cover - depends on the bus
                continue
        log.info("Automatisk lås ved skærmlås/dvale: %s", ", ".join(found) or "ikke tilgængelig")
        return found

    @Slot(bool)
    def _sleeping(self, going: bool) -> None:
        if going:
            self.session_locked.emit()

    @Slot()
    def _locked(self) -> None:
        self.session_locked.emit()

    @Slot(bool)
    def _screensaver(self, active: bool) -> None:
        if active:
            self.session_locked.emit()
