"""argparse in Danish: "brug:", "tilvalg:", "vis denne hjælp og afslut", "fejl:" …

argparse translates its texts through ``gettext`` (names it imported as ``_`` and ``ngettext``), and no
Danish catalogue ships with Python. :func:`install` puts this small table in their place before any
parser is built; a text the table does not know stays English rather than failing.
"""

from __future__ import annotations

import argparse

DANISH: dict[str, str] = {
    "usage: ": "brug: ",
    "options": "tilvalg",
    "positional arguments": "positionelle argumenter",
    "show this help message and exit": "vis denne hjælp og afslut",
    "show program's version number and exit": "vis programmets version og afslut",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fejl: %(message)s\n",
    "unrecognized arguments: %s": "ukendte argumenter: %s",
    "the following arguments are required: %s": "disse argumenter mangler: %s",
    "one of the arguments %s is required": "et af argumenterne %s skal angives",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s: %(message)s",
    "expected one argument": "forventede ét argument",
    "expected at most one argument": "forventede højst ét argument",
    "expected at least one argument": "forventede mindst ét argument",
    "invalid choice: %(value)r (choose from %(choices)s)": "ugyldigt valg: %(value)r (vælg mellem %(choices)s)",
    "invalid %(type)s value: %(value)r": "ugyldig værdi: %(value)r",
    "ambiguous option: %(option)s could match %(matches)s": "tvetydigt tilvalg: %(option)s kan være %(matches)s",
    "not allowed with argument %s": "kan ikke bruges sammen med argumentet %s",
    "ignored explicit argument %r": "ignorerede det angivne argument %r",
    "can't open '%(filename)s': %(error)s": "kan ikke åbne '%(filename)s': %(error)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "ukendt kommando %(parser_name)r (vælg mellem %(choices)s)",
    "unexpected option string: %s": "uventet tilvalg: %s",
}

DANISH_PLURAL: dict[tuple[str, str], tuple[str, str]] = {
    ("expected %s argument", "expected %s arguments"): ("forventede %s argument", "forventede %s argumenter"),
}


def gettext(message: str) -> str:
    return DANISH.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    one, many = DANISH_PLURAL.get((singular, plural), (singular, plural))
    return one if n == 1 else many


def install() -> None:
    """Make argparse speak Danish (for every parser built after this call)."""
    setattr(argparse, "_", gettext)  # noqa: B010  # argparse's own module-level gettext alias
    setattr(argparse, "ngettext", ngettext)  # noqa: B010
