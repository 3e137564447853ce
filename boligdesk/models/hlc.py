"""Hybrid logical clock (HLC) values for sync.

An HLC value is a string that sorts in causal-then-wall-clock order:

    ``<15-digit milliseconds since epoch>-<5-digit counter>-<device id>``

* :meth:`HybridClock.tick` gives the value for a local change: wall time if it moved forward, else the
  last value's time with the counter + 1.
* :meth:`HybridClock.observe` is called with every remote value applied, so later local changes sort
  after what this laptop has seen (a laptop whose clock is behind still wins fairly over older edits).
* A remote value more than :data:`MAX_DRIFT_MS` ahead of the local wall clock is not trusted
  (:meth:`is_too_far_in_future`); sync quarantines it instead of letting it win unfairly.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

MAX_DRIFT_MS = 5 * 60 * 1000
_COUNTER_MAX = 99_999


@dataclass(frozen=True, order=True, slots=True)
class HlcValue:
    millis: int
    counter: int
    device: str

    def encode(self) -> str:
        return f"{self.millis:015d}-{self.counter:05d}-{self.device}"

    @classmethod
    def decode(cls, text: str) -> HlcValue:
        millis, counter, device = text.split("-", 2)
        return cls(int(millis), int(counter), device)


ZERO = HlcValue(0, 0, "").encode()


def _wall_ms() -> int:
    return time.time_ns() // 1_000_000


class HybridClock:
    def __init__(self, device: str, last: str | None = None, wall: Callable[[], int] = _wall_ms) -> None:
        if "-" in device or not device:
            raise ValueError("device id must be non-empty and contain no '-'")
        self.device = device
        self._wall = wall
        self._lock = threading.Lock()
        self._millis = 0
        self._counter = 0
        if last:
            value = HlcValue.decode(last)
            self._millis, self._counter = value.millis, value.counter

    def tick(self) -> str:
        with self._lock:
            now = self._wall()
            if now > self._millis:
                self._millis, self._counter = now, 0
            else:
                self._counter += 1
                if self._counter > _COUNTER_MAX:
                    self._millis += 1
                    self._counter = 0
            return HlcValue(self._millis, self._counter, self.device).encode()

    def observe(self, remote: str) -> None:
        value = HlcValue.decode(remote)
        with self._lock:
            if (value.millis, value.counter) > (self._millis, self._counter):
                self._millis, self._counter = value.millis, value.counter

    def is_too_far_in_future(self, remote: str) -> bool:
        return HlcValue.decode(remote).millis > self._wall() + MAX_DRIFT_MS

    @property
    def last(self) -> str:
        return HlcValue(self._millis, self._counter, self.device).encode()
