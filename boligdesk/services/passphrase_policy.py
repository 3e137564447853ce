"""Passphrase hygiene: the strength rules shown up front, and a growing delay after wrong passphrases.

* :func:`strength_rules` is the text shown *before* a passphrase is chosen (first start, "Skift
  adgangskode"); it states the same rules :func:`~boligdesk.models.keys.validate_new_passphrase` enforces.
* :func:`~boligdesk.passphrase_delay.delay_after` is the policy: no wait after one or two mistakes (a typo), then 1, 2, 4, 8, 16 s and
  at most :data:`MAX_DELAY` (30 s). Argon2id makes every guess expensive already; the delay only slows a
  person trying guesses by hand, and an adviser at a tenant's door must never be locked out for minutes.
* :class:`UnlockThrottle` applies it. Its state (a count and a time, no secret) is kept in the profile
  folder, so closing and restarting the program (or the command line, one process per call) does not
  reset it; a correct passphrase does. The unlock dialog, the locked window and ``boligdesk`` commands
  all use it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import math
from pathlib import Path

from boligdesk.errors import StoreError
from boligdesk.models.keys import MIN_PASSPHRASE_LENGTH
from boligdesk.passphrase_delay import FREE_TRIES, MAX_DELAY, delay_after

__all__ = [
    "FREE_TRIES",
    "MAX_DELAY",
    "UnlockThrottle",
    "delay_after",
    "rules_html",
    "strength_rules",
    "wait_text",
]

FORGET_AFTER = dt.timedelta(hours=1)
"""Mistakes older than this are forgotten (the count starts again)."""

STATE_FILE = "laas-op-forsoeg.json"


def strength_rules() -> list[str]:
    """The rules for a new passphrase, in Danish, to show where one is chosen."""
    return [
        f"Mindst {MIN_PASSPHRASE_LENGTH} tegn. En kort sætning er let at huske og svær at gætte, "
        "fx »Kaffe med mælk kl 9«.",
        "Mindst 5 forskellige tegn, og ikke en kendt kode som »1234567890« eller »adgangskode«.",
        "Brug ikke den samme kode som til e-mail eller Windows.",
    ]


def rules_html() -> str:
    items = "".join(f"<li>{rule}</li>" for rule in strength_rules())
    return f"<b>Regler for adgangskoden</b><ul style='margin-left:-20px'>{items}</ul>"


def wait_text(seconds: float) -> str:
    whole = max(1, math.ceil(seconds))
    unit = "sekund" if whole == 1 else "sekunder"
    return f"For mange forkerte forsøg. Vent {whole} {unit}, og prøv igen."


class UnlockThrottle:
    """The wrong-passphrase count of one profile folder, kept on disk (no secret in it)."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / STATE_FILE

    def _read(self) -> tuple[int, dt.datetime | None]:
        try:
            data = json.loads(self.path.read_text("utf-8"))
            return int(data["failures"]), dt.datetime.fromisoformat(str(data["last"]))
        except (OSError, ValueError, KeyError, TypeError):
            return 0, None

    def failures(self, now: dt.datetime) -> int:
        count, last = self._read()
        if last is None or now - last > FORGET_AFTER or last > now + dt.timedelta(minutes=5):
            return 0
        return count

    def wait_left(self, now: dt.datetime) -> float:
        """Seconds left before another try is allowed (0: now)."""
        count, last = self._read()
        if last is None or self.failures(now) == 0:
            return 0.0
        return max(0.0, delay_after(count) - (now - last).total_seconds())

    def failed(self, now: dt.datetime) -> float:
        """Count one wrong passphrase; returns the delay before the next try."""
        count = self.failures(now) + 1
        # A read-only profile folder keeps no count (Argon2id still slows every guess).
        with contextlib.suppress(OSError):
            self.path.write_text(json.dumps({"failures": count, "last": now.isoformat()}), "utf-8")
        return delay_after(count)

    def succeeded(self) -> None:
        self.path.unlink(missing_ok=True)

    def check(self, now: dt.datetime) -> None:
        """Raise :class:`StoreError` (Danish, with the seconds left) while a try is not allowed yet."""
        left = self.wait_left(now)
        if left > 0:
            raise StoreError("passphrase.wait", wait_text(left))
