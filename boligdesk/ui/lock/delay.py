"""How long the unlock panel waits after wrong passphrases: growing, capped.

Argon2id (about a second per try) is the real protection against guessing; this delay only slows a
person trying passphrases at the keyboard, and is capped at 30 s so an adviser who mistypes at a
tenant's door is never locked out for minutes. (Issue 14's passphrase-hygiene work writes the shared
policy; this one function is the only place the panel asks, so it can point there.)
"""

from __future__ import annotations

CAP_SECONDS = 30


def delay_after(failures: int) -> int:
    """Seconds to wait before the next try after ``failures`` wrong passphrases in a row.

    No wait after the first two (a typo), then 1, 2, 4, 8, 16, 30, 30, … seconds.
    """
    if failures <= 2:
        return 0
    return int(min(CAP_SECONDS, 2 ** (failures - 3)))
