"""A value from outside (a cell of someone's spreadsheet, a typed text) as a message may quote it.

A message shows the value between »…«; a value of 100,000 characters or one holding control characters
(a newline, a terminal escape) would wreck the message, the preview table or the terminal, so the quoted
text is cut to :data:`QUOTE_LIMIT` characters and every control character becomes ``�``.
"""

from __future__ import annotations

import unicodedata

QUOTE_LIMIT = 40
REPLACEMENT = "\ufffd"


def has_control_characters(text: str, *, allow: str = "") -> bool:
    """True when ``text`` holds a control character, a line or paragraph separator (``allow`` excepted)."""
    if text.isprintable():  # the usual case, in C: printable text holds none of them
        return False
    return any(_is_control(c) and c not in allow for c in text)


def without_control_characters(text: str) -> str:
    return "".join(REPLACEMENT if _is_control(c) else c for c in text)


def quoted_value(text: str, limit: int = QUOTE_LIMIT) -> str:
    """``text`` fit to be quoted in a message: no control characters, at most ``limit`` characters."""
    clean = without_control_characters(text)
    return clean if len(clean) <= limit else clean[: limit - 1] + "…"


def _is_control(char: str) -> bool:
    return unicodedata.category(char) in ("Cc", "Zl", "Zp")
