"""The two kinds of expected failure.

* :class:`UserInputError` — the user typed something we cannot accept. The UI turns ``code`` (and
  ``params``) into a Danish sentence next to ``field``; nothing already entered is discarded.
* :class:`StoreError` — the environment's fault (wrong passphrase, disk full, file from a newer version,
  share not reachable). Shown in a friendly dialog with ``message`` (already Danish).

Anything else is a bug and goes to the global excepthook.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class UserInputError(ValueError):
    """Invalid input for one field. ``message`` is the Danish sentence to show the user."""

    def __init__(self, field: str, code: str, message: str, params: Mapping[str, Any] | None = None) -> None:
        super().__init__(message)
        self.field = field
        self.code = code
        self.message = message
        self.params: dict[str, Any] = dict(params or {})

    def __repr__(self) -> str:
        return f"UserInputError(field={self.field!r}, code={self.code!r})"


class StoreError(RuntimeError):
    """A problem with the environment (files, disk, keys). ``message`` is Danish and says what to do."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class WrongPassphraseError(StoreError):
    def __init__(self) -> None:
        super().__init__(
            "wrong_passphrase",
            "Adgangskoden er forkert. Prøv igen — husk at store og små bogstaver tæller.",
        )
