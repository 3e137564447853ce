"""Recognising the columns of a termination list by their header names.

A header is compared after *normalising* it: lower case, æ/ø/å spelled ae/oe/aa (so ``Ophaevet`` and
``Ophævet`` match), every character that is not a letter or digit removed (``Lejemåls-nr.`` →
``lejemaalsnr``, ``E-mail`` → ``email``) and a trailing unit dropped (``Restance (kr.)`` → ``restance``).
Each column has the synonyms landlords' systems use; a header that is none of them is ignored.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import StrEnum


class Column(StrEnum):
    TENANCY_NUMBER = "tenancy_number"
    NAME = "name"
    FIRST_NAME = "first_name"
    LAST_NAME = "last_name"
    ADDRESS = "address"
    POSTCODE = "postcode"
    CITY = "city"
    POSTCODE_CITY = "postcode_city"
    ESTATE = "estate"
    ARREARS = "arrears"
    RENT = "rent"
    TERMINATION_ON = "termination_on"
    REMINDER_SENT_ON = "reminder_sent_on"
    PHONE = "phone"
    EMAIL = "email"
    MOVE_IN_ON = "move_in_on"
    CASE_KIND = "case_kind"
    OPENED_ON = "opened_on"
    ADVISER = "adviser"
    NOTES = "notes"

    @property
    def label(self) -> str:
        return LABELS[self]


LABELS: dict[Column, str] = {
    Column.TENANCY_NUMBER: "Lejemålsnr.",
    Column.NAME: "Navn",
    Column.FIRST_NAME: "Fornavn",
    Column.LAST_NAME: "Efternavn",
    Column.ADDRESS: "Adresse",
    Column.POSTCODE: "Postnr.",
    Column.CITY: "By",
    Column.POSTCODE_CITY: "Postnr. og by",
    Column.ESTATE: "Afdeling",
    Column.ARREARS: "Restance",
    Column.RENT: "Husleje",
    Column.TERMINATION_ON: "Ophævelsesdato",
    Column.REMINDER_SENT_ON: "Påkravsdato",
    Column.PHONE: "Telefon",
    Column.EMAIL: "E-mail",
    Column.MOVE_IN_ON: "Indflytningsdato",
    Column.CASE_KIND: "Sagstype",
    Column.OPENED_ON: "Oprettet",
    Column.ADVISER: "Rådgiver",
    Column.NOTES: "Noter",
}

SYNONYMS: dict[Column, tuple[str, ...]] = {
    Column.TENANCY_NUMBER: (
        "lejemålsnr",
        "lejemål",
        "lejenummer",
        "lejemålsnummer",
        "lejenr",
        "lejemålnr",
        "lejemålsid",
    ),
    Column.NAME: ("navn", "lejer", "lejers navn", "lejerens navn", "lejernavn", "fulde navn", "beboer"),
    Column.FIRST_NAME: ("fornavn", "fornavne"),
    Column.LAST_NAME: ("efternavn",),
    Column.ADDRESS: ("adresse", "vej", "vejnavn", "lejemålets adresse", "lejemålsadresse", "gade"),
    Column.POSTCODE: ("postnr", "postnummer"),
    Column.CITY: ("by", "bynavn", "postdistrikt"),
    Column.POSTCODE_CITY: ("postnr og by", "postnr by", "postnummer og by"),
    Column.ESTATE: (
        "afdeling",
        "afd",
        "afdelingsnr",
        "afdelingsnummer",
        "afd nr",
        "afdelingsnavn",
    ),
    Column.ARREARS: (
        "restance",
        "restancebeløb",
        "skyldigt beløb",
        "skyldig husleje",
        "huslejerestance",
        "restance i alt",
        "samlet restance",
    ),
    Column.RENT: ("husleje", "månedlig leje", "månedlig husleje", "leje", "månedsleje", "husleje pr md"),
    Column.TERMINATION_ON: (
        "ophævelsesdato",
        "ophævet",
        "dato for ophævelse",
        "ophævelse",
        "ophævet den",
        "ophævelse dato",
    ),
    Column.REMINDER_SENT_ON: ("påkravsdato", "påkrav", "påkrav sendt", "dato for påkrav", "påkrav dato"),
    Column.PHONE: ("telefon", "tlf", "mobil", "telefonnr", "telefonnummer", "tlfnr", "mobilnr"),
    Column.EMAIL: ("e-mail", "email", "mail", "e-mailadresse", "mailadresse"),
    Column.MOVE_IN_ON: (
        "indflytningsdato",
        "indflytning",
        "indflyttet",
        "indflytningsdag",
        "overtagelsesdato",
        "overtagelse",
        "lejestart",
    ),
    Column.CASE_KIND: ("sagstype", "type af sag", "sagens type"),
    Column.OPENED_ON: ("oprettet", "sagsstart", "startdato", "oprettelsesdato", "sag oprettet", "åbnet"),
    Column.ADVISER: ("rådgiver", "ansvarlig rådgiver", "ansvarlig", "medarbejder", "boligsocial medarbejder"),
    Column.NOTES: ("noter", "note", "bemærkninger", "bemærkning", "kommentar", "kommentarer", "notat"),
}

REQUIRED: tuple[Column, ...] = (
    Column.TENANCY_NUMBER,
    Column.NAME,
    Column.ADDRESS,
    Column.ESTATE,
    Column.ARREARS,
    Column.TERMINATION_ON,
)
"""Columns a termination list must have. ``Navn`` may instead be ``Fornavn`` (+ ``Efternavn``)."""

_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "é": "e", "ü": "u", "ö": "oe", "ä": "ae"})
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
_UNIT_SUFFIXES = ("dkk", "kr")


def normalise(text: str) -> str:
    """``"  Lejemåls-Nr. "`` → ``"lejemaalsnr"``."""
    return _NOT_ALNUM.sub("", text.casefold().translate(_FOLD))


_BY_KEY: dict[str, Column] = {normalise(s): column for column, names in SYNONYMS.items() for s in names}


def match_header(text: str) -> Column | None:
    """The column a header names, or None for a header BoligDesk does not use."""
    key = normalise(text)
    if key in _BY_KEY:
        return _BY_KEY[key]
    for unit in _UNIT_SUFFIXES:
        if key.endswith(unit) and key[: -len(unit)] in _BY_KEY:
            return _BY_KEY[key[: -len(unit)]]
    return None


def map_headers(headers: Sequence[str]) -> dict[Column, int]:
    """Column → index for the recognised headers. When two headers name one column, the first wins."""
    found: dict[Column, int] = {}
    for index, header in enumerate(headers):
        column = match_header(header)
        if column is not None and column not in found:
            found[column] = index
    return found


NEW_TENANT_REQUIRED: tuple[Column, ...] = (
    Column.TENANCY_NUMBER,
    Column.NAME,
    Column.ADDRESS,
    Column.ESTATE,
    Column.MOVE_IN_ON,
)
"""Columns a list of new tenancies (nye lejere) must have."""

CASELOAD_REQUIRED: tuple[Column, ...] = (Column.NAME, Column.ADDRESS)
"""Columns a team's own spreadsheet of open cases must have (the rest is optional)."""


def missing_required(found: dict[Column, int], required: Sequence[Column] = REQUIRED) -> list[Column]:
    missing = []
    for column in required:
        if column is Column.NAME and Column.FIRST_NAME in found:
            continue
        if column not in found:
            missing.append(column)
    return missing


def hint(column: Column) -> str:
    """``»Lejemålsnr.« (eller lejemål, lejenummer, lejemålsnummer)`` for the missing-column message."""
    others = [s for s in SYNONYMS[column] if normalise(s) != normalise(column.label)][:3]
    if column is Column.NAME:
        others = ["lejer", "lejers navn", "fornavn og efternavn"]
    return f"»{column.label}« (eller {', '.join(others)})" if others else f"»{column.label}«"
