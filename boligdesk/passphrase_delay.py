"""How long to wait after wrong passphrases: growing, capped (one rule for the window, the dialogs and
the command line; stdlib only, so the locked window can use it before the heavy imports).

No wait after one or two mistakes (a typo), then 1, 2, 4, 8, 16 s and at most :data:`MAX_DELAY` (30 s).
Argon2id makes every guess expensive already; the delay only slows a person trying guesses by hand, and
an adviser at a tenant's door must never be locked out for minutes.
"""

from __future__ import annotations

MAX_DELAY = 30.0
FREE_TRIES = 2


def delay_after(failures: int) -> float:
    """Seconds to wait before the next try after ``failures`` wrong passphrases in a row."""
    if failures <= FREE_TRIES:
        return 0.0
    return min(MAX_DELAY, float(2 ** min(failures - FREE_TRIES - 1, 10)))
