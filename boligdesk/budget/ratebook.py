"""The rate tables and the one rule for "the rate on a date" (pure: no Qt, no SQLAlchemy).

A **table** (:data:`TABLES`) is one official rate that changes over time: Gældsstyrelsens rådighedssatser,
børne- og ungeydelse, kontanthjælp, the påkravsgebyr, the fogedret's retsafgift. Its
:class:`TableSpec` names its figures (amounts in øre, ``None`` = "ikke kendt") once, so the editor, the
file import and the readers all agree on its structure.

An **entry** (:class:`RateEntry`) is one set of figures in force from a date, with its source (title and
address), whether it was checked against the primary source ("verificeret"), and who entered it. Entries
come from two places: the tables shipped with BoligDesk (``resources/rates/*.json``, the defaults) and the
organisation's own entries (synced rows, entered under Indstillinger → Satser). :class:`RateBook` holds
both and applies the one rule:

* the organisation's entry wins over a shipped entry for the same table and date in force;
* the rate on date D is the entry with the latest date in force on or before D.

:meth:`RateBook.on` answers with a :class:`RateOnDate` that also says when the entry is older than D's
year for a table that changes every January ("Satsen er fra 2024 — der er ikke indtastet satser for
2026").
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Any

from boligdesk.budget.calendar import format_short
from boligdesk.budget.money import Money
from boligdesk.errors import UserInputError
from boligdesk.resources import resource_path


class Origin(StrEnum):
    SHIPPED = "shipped"
    ORGANISATION = "organisation"

    @property
    def label(self) -> str:
        return "Leveret med BoligDesk" if self is Origin.SHIPPED else "Organisationens egen"


@dataclass(frozen=True, slots=True)
class FigureSpec:
    """One figure of a table: ``key`` (stored), Danish ``label``, and whether it may be "ikke kendt"."""

    key: str
    label: str
    optional: bool = False
    min_age: int | None = None
    max_age: int | None = None
    frequency: str = "monthly"


@dataclass(frozen=True, slots=True)
class TableSpec:
    key: str
    label: str
    figures: tuple[FigureSpec, ...]
    description: str = ""
    #: True for rates set anew every January: an entry from an earlier year than the date is flagged.
    yearly: bool = True
    #: The file the shipped entries live in (``resources/rates/<file>``).
    file: str = "norms.json"
    #: The last day the table applies (a rate replaced by another table), or None.
    ends: dt.date | None = None

    def figure(self, key: str) -> FigureSpec:
        for spec in self.figures:
            if spec.key == key:
                return spec
        raise KeyError(key)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(f.key for f in self.figures)


HOUSEHOLD_NORMS = "household_norms"
CHILD_BENEFIT = "child_benefit"
CASH_BENEFIT = "cash_benefit"
CASH_BENEFIT_2025 = "cash_benefit_2025"
REMINDER_FEE = "reminder_fee"
BAILIFF_COURT_FEE = "bailiff_court_fee"

#: Kontanthjælpsreformen: one benefit (kontanthjælp) with base rates and supplements from this date.
CASH_BENEFIT_REFORM = dt.date(2025, 7, 1)

TABLES: dict[str, TableSpec] = {
    t.key: t
    for t in (
        TableSpec(
            HOUSEHOLD_NORMS,
            "Rådighedssatser (Gældsstyrelsen)",
            (
                FigureSpec("first_adult", "Første voksne"),
                FigureSpec("extra_adult", "Hver øvrig voksen"),
                FigureSpec("child_0_1", "Barn 0–1 år", min_age=0, max_age=1),
                FigureSpec("child_2_6", "Barn 2–6 år", min_age=2, max_age=6),
                FigureSpec("child_7_17", "Barn 7–17 år", min_age=7, max_age=17),
            ),
            "Beløb pr. måned til daglig livsførelse; budgettets referencesats.",
        ),
        TableSpec(
            CHILD_BENEFIT,
            "Børne- og ungeydelse",
            (
                FigureSpec("age_0_2", "0–2 år (pr. kvartal)", True, 0, 2, "quarterly"),
                FigureSpec("age_3_6", "3–6 år (pr. kvartal)", True, 3, 6, "quarterly"),
                FigureSpec("age_7_14", "7–14 år (pr. kvartal)", True, 7, 14, "quarterly"),
                FigureSpec("age_15_17", "15–17 år (pr. måned)", True, 15, 17, "monthly"),
            ),
            "Før aftrapning ved høj indkomst. Bruges til »Tjek om familien får den«.",
        ),
        TableSpec(
            CASH_BENEFIT,
            "Kontanthjælp til og med 30. juni 2025",
            (
                FigureSpec("over_30_with_children", "Fyldt 30 år, forsørger (pr. måned)", True),
                FigureSpec("over_30_without_children", "Fyldt 30 år, andre (pr. måned)", True),
            ),
            "Satserne efter den tidligere § 25, stk. 2, i lov om aktiv socialpolitik. Fra 1. juli 2025 "
            "gælder tabellen »Kontanthjælp fra 1. juli 2025«.",
            ends=CASH_BENEFIT_REFORM - dt.timedelta(days=1),
        ),
        TableSpec(
            CASH_BENEFIT_2025,
            "Kontanthjælp fra 1. juli 2025",
            (
                FigureSpec("increased_rate", "Forhøjet sats (fx fyldt 30 år) pr. måned", True),
                FigureSpec("basic_rate", "Grundsats pr. måned", True),
                FigureSpec("minimum_rate", "Mindstesats pr. måned", True),
                FigureSpec("living_at_home", "Hjemmeboende under 30 år pr. måned", True),
                FigureSpec("child_supplement", "Børnetillæg pr. måned", True),
                FigureSpec("single_parent_supplement", "Tillæg til enlige forsørgere pr. måned", True),
                FigureSpec("single_supplement", "Tillæg til enlige ikke-forsørgere pr. måned", True),
            ),
            "Én ydelse fra 1. juli 2025: en sats efter alder og situation plus tillæg.",
        ),
        TableSpec(
            REMINDER_FEE,
            "Påkravsgebyr (højeste)",
            (FigureSpec("amount", "Gebyr"),),
            "Det højeste gebyr udlejer må kræve for et påkrav (reguleres hvert år).",
            file="fees.json",
        ),
        TableSpec(
            BAILIFF_COURT_FEE,
            "Retsafgift i fogedretten",
            (FigureSpec("amount", "Afgift"),),
            "Fast afgift for en fogedsag (ikke reguleret årligt).",
            yearly=False,
            file="fees.json",
        ),
    )
}


def table_spec(key: str) -> TableSpec:
    try:
        return TABLES[key]
    except KeyError:
        raise UserInputError(
            "table", "rates.unknown_table", f"Satstabellen »{key[:40]}« kendes ikke."
        ) from None


@dataclass(frozen=True, slots=True)
class RateEntry:
    """One set of figures in force from ``valid_from`` (see the module docstring)."""

    table: str
    valid_from: dt.date
    figures: tuple[tuple[str, int | None], ...]
    source_title: str
    source_url: str = ""
    verified: bool = False
    note: str = ""
    entered_by: str = ""
    origin: Origin = Origin.SHIPPED
    id: str = ""

    @property
    def spec(self) -> TableSpec:
        return TABLES[self.table]

    def figure(self, key: str) -> Money | None:
        """The figure ``key`` (None: "ikke kendt")."""
        for name, ore in self.figures:
            if name == key:
                return None if ore is None else Money(ore)
        return None

    def figure_map(self) -> dict[str, int | None]:
        return dict(self.figures)

    @property
    def key(self) -> tuple[str, dt.date]:
        return (self.table, self.valid_from)

    @property
    def verified_text(self) -> str:
        return "Verificeret" if self.verified else "Ikke verificeret"

    @property
    def source_text(self) -> str:
        return f"{self.source_title} ({self.source_url})" if self.source_url else self.source_title

    def figures_text(self) -> str:
        """``Første voksne: 7.240,00 kr.; … ; Barn 7–17 år: ikke kendt``."""
        return figures_text(self.table, self.figure_map())


def figures_text(table: str, figures: Mapping[str, Any]) -> str:
    spec = TABLES.get(table)
    if spec is None:
        return json.dumps(dict(figures), ensure_ascii=False)
    parts = []
    for f in spec.figures:
        value = figures.get(f.key)
        parts.append(f"{f.label}: {Money(int(value)).format() if isinstance(value, int) else 'ikke kendt'}")
    return "; ".join(parts)


@dataclass(frozen=True, slots=True)
class RateOnDate:
    """The entry in force on ``day`` and what the user must be told about it."""

    entry: RateEntry
    day: dt.date

    @property
    def stale(self) -> bool:
        """True when the table changes every January and the entry is from an earlier year than ``day``."""
        return self.entry.spec.yearly and self.entry.valid_from.year < self.day.year

    @property
    def warning(self) -> str:
        """``Satsen er fra 2024 — der er ikke indtastet satser for 2026.`` (empty when current)."""
        if not self.stale:
            return ""
        return (
            f"Satsen er fra {self.entry.valid_from.year} — der er ikke indtastet satser for {self.day.year}."
        )


@dataclass(frozen=True)
class RateBook:
    """Every entry of every table (shipped and the organisation's) and the rule that picks one."""

    all_entries: tuple[RateEntry, ...] = ()
    _by_table: dict[str, tuple[RateEntry, ...]] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        chosen: dict[tuple[str, dt.date], RateEntry] = {}
        for entry in self.all_entries:
            current = chosen.get(entry.key)
            if current is None or (entry.origin is Origin.ORGANISATION and current.origin is Origin.SHIPPED):
                chosen[entry.key] = entry
        by_table: dict[str, list[RateEntry]] = {}
        for entry in chosen.values():
            by_table.setdefault(entry.table, []).append(entry)
        for key, entries in by_table.items():
            self._by_table[key] = tuple(sorted(entries, key=lambda e: e.valid_from))

    def entries(self, table: str) -> tuple[RateEntry, ...]:
        """The entries that count for ``table`` (the organisation's winning on the same date), oldest first."""
        return self._by_table.get(table, ())

    def shadowed(self, entry: RateEntry) -> bool:
        """True for a shipped entry the organisation's entry for the same date replaces."""
        winner = next((e for e in self.entries(entry.table) if e.valid_from == entry.valid_from), None)
        return winner is not None and winner is not entry and entry.origin is Origin.SHIPPED

    def on(self, table: str, day: dt.date) -> RateOnDate | None:
        """The entry with the latest date in force on or before ``day`` (None: no entry covers it, or the
        table has ended before ``day``)."""
        ends = TABLES[table].ends if table in TABLES else None
        if ends is not None and day > ends:
            return None
        found = None
        for entry in self.entries(table):
            if entry.valid_from <= day:
                found = entry
            else:
                break
        return RateOnDate(found, day) if found is not None else None

    def earliest(self, table: str) -> RateEntry | None:
        entries = self.entries(table)
        return entries[0] if entries else None

    def with_entries(self, extra: Iterable[RateEntry]) -> RateBook:
        return RateBook(self.all_entries + tuple(extra))

    def status(self, table: str, day: dt.date) -> str:
        """One line for the Satser window: what is in force on ``day`` and whether it is known."""
        spec = TABLES[table]
        if spec.ends is not None and day > spec.ends:
            return f"Gælder kun til og med {format_short(spec.ends)}."
        found = self.on(table, day)
        if found is None:
            return f"Ikke kendt: ingen sats gælder den {format_short(day)}."
        unknown = [f.label for f in spec.figures if found.entry.figure(f.key) is None]
        text = f"Gælder fra {format_short(found.entry.valid_from)}."
        if unknown and len(unknown) == len(spec.figures):
            text += " Ingen af beløbene er kendt."
        elif unknown:
            text += " Ikke kendt: " + ", ".join(unknown) + "."
        if found.warning:
            text += " " + found.warning
        return text

    def short_status(self, table: str, day: dt.date) -> tuple[str, bool]:
        """(``fra 2024 — mangler 2026``, needs attention) for the list of tables."""
        spec = TABLES[table]
        if spec.ends is not None and day > spec.ends:
            return f"gælder til og med {format_short(spec.ends)}", False
        found = self.on(table, day)
        if found is None:
            return "ikke kendt i dag", True
        parts = [f"fra {format_short(found.entry.valid_from)}"]
        if any(found.entry.figure(f.key) is None for f in spec.figures):
            parts.append("beløb ikke kendt")
        if found.warning:
            parts.append(f"mangler {day.year}")
        return " — ".join(parts), len(parts) > 1


# --- the shipped tables ---------------------------------------------------------------------------


def _entry_from_json(table: str, raw: Mapping[str, Any], origin: Origin) -> RateEntry:
    """An entry from its JSON form (shipped file or exchange file); validated with the same rules."""
    if not isinstance(raw, Mapping):
        raise _file_error("en sats er ikke et objekt")
    source = raw.get("source")
    if not isinstance(source, Mapping):
        raise _file_error("en sats mangler »source« med titel og adresse")
    figures = raw.get("figures")
    if not isinstance(figures, Mapping):
        raise _file_error("en sats mangler »figures«")
    valid_from = raw.get("valid_from")
    if not isinstance(valid_from, str):
        raise _file_error("en sats mangler »valid_from« (datoen den gælder fra)")
    try:
        day = dt.date.fromisoformat(valid_from)
    except ValueError:
        raise _file_error(f"datoen »{valid_from[:20]}« er ikke en dato (ÅÅÅÅ-MM-DD)") from None
    verified = raw.get("verified", False)
    if not isinstance(verified, bool):
        raise _file_error("»verified« skal være true eller false")
    return validate_entry(
        table,
        day,
        dict(figures),
        source_title=_text(source.get("title")),
        source_url=_text(source.get("url", "")),
        verified=verified,
        note=_text(raw.get("note", "")),
        origin=origin,
        entered_by=_text(raw.get("entered_by", "")),
    )


def _text(value: object) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise _file_error("en tekst i filen er ikke en tekst")
    return value


@lru_cache(maxsize=8)
def _shipped(folder: Path) -> tuple[RateEntry, ...]:
    entries: list[RateEntry] = []
    for name in sorted({t.file for t in TABLES.values()}):
        with (folder / name).open(encoding="utf-8") as fh:
            data = json.load(fh)
        for table, spec in data["tables"].items():
            for raw in spec["entries"]:
                entries.append(_entry_from_json(table, raw, Origin.SHIPPED))
    return tuple(entries)


def shipped_entries(folder: Path | None = None) -> tuple[RateEntry, ...]:
    """The entries shipped with BoligDesk (``resources/rates/``)."""
    return _shipped(folder or resource_path("rates"))


def shipped_book() -> RateBook:
    """Only the shipped tables (pure callers and tests without a store)."""
    return RateBook(shipped_entries())


# --- validation -----------------------------------------------------------------------------------

MAX_ORE = 100_000_000_00  # 100 mio. kr.: no rate is near it; a typo of a few zeros is refused
MAX_TITLE = 300
MAX_URL = 500
MAX_NOTE = 1000
_URL = re.compile(r"^https?://[^\s]+$", re.IGNORECASE)


def validate_entry(
    table: str,
    valid_from: dt.date | None,
    figures: Mapping[str, object],
    *,
    source_title: str,
    source_url: str = "",
    verified: bool = False,
    note: str = "",
    origin: Origin = Origin.ORGANISATION,
    entered_by: str = "",
    row_id: str = "",
) -> RateEntry:
    """A checked entry, or :class:`UserInputError` naming the field and the real cause (in Danish)."""
    spec = table_spec(table)
    if valid_from is None:
        raise UserInputError("valid_from", "rates.valid_from_missing", "Skriv datoen satsen gælder fra.")
    if not dt.date(1990, 1, 1) <= valid_from <= dt.date(2100, 12, 31):
        raise UserInputError(
            "valid_from",
            "rates.valid_from_range",
            f"Datoen {format_short(valid_from)} ligger uden for 1990–2100.",
        )
    unknown = sorted(set(figures) - set(spec.keys))
    if unknown:
        raise UserInputError(
            unknown[0],
            "rates.unknown_figure",
            f"{spec.label} har ikke beløbet »{unknown[0][:40]}«. Beløbene er: "
            + ", ".join(f.label for f in spec.figures)
            + ".",
        )
    checked: list[tuple[str, int | None]] = []
    for f in spec.figures:
        value = figures.get(f.key)
        if isinstance(value, Money):
            value = value.ore
        if value is None:
            if not f.optional:
                raise UserInputError(f.key, "rates.figure_missing", f"Skriv beløbet »{f.label}«.")
            checked.append((f.key, None))
            continue
        if isinstance(value, bool) or not isinstance(value, int):
            raise UserInputError(
                f.key, "rates.figure_not_amount", f"»{f.label}« skal være et beløb i øre (et helt tal)."
            )
        if not 0 <= value <= MAX_ORE:
            raise UserInputError(
                f.key, "rates.figure_range", f"»{f.label}« skal være mellem 0 og {Money(MAX_ORE).format()}."
            )
        checked.append((f.key, value))
    title = " ".join(source_title.split())
    if not title:
        raise UserInputError(
            "source_title", "rates.source_missing", "Skriv kilden (fx »bm.dk, Satser for 2027«)."
        )
    if len(title) > MAX_TITLE:
        raise UserInputError("source_title", "rates.source_long", f"Kilden må højst være {MAX_TITLE} tegn.")
    url = source_url.strip()
    if url and (len(url) > MAX_URL or not _URL.match(url)):
        raise UserInputError(
            "source_url",
            "rates.url",
            "Kildens adresse skal begynde med https:// (eller http://) og være uden mellemrum.",
        )
    if verified and not url:
        raise UserInputError(
            "source_url",
            "rates.verified_needs_url",
            "En verificeret sats skal have adressen på den primære kilde (fx retsinformation.dk, bm.dk).",
        )
    if len(note) > MAX_NOTE:
        raise UserInputError("note", "rates.note_long", f"Noten må højst være {MAX_NOTE} tegn.")
    return RateEntry(
        table=table,
        valid_from=valid_from,
        figures=tuple(checked),
        source_title=title,
        source_url=url,
        verified=verified,
        note=note.strip(),
        entered_by=entered_by[:200],
        origin=origin,
        id=row_id,
    )


# --- the exchange file ----------------------------------------------------------------------------

FILE_FORMAT = "boligdesk-satser"
FILE_VERSION = 1
MAX_FILE_BYTES = 1_000_000
MAX_FILE_ENTRIES = 1000


def _file_error(reason: str) -> UserInputError:
    return UserInputError(
        "file", "rates.file", f"Filen kan ikke læses som satser: {reason}. Intet er ændret."
    )


def entry_to_json(entry: RateEntry) -> dict[str, Any]:
    return {
        "table": entry.table,
        "valid_from": entry.valid_from.isoformat(),
        "figures": entry.figure_map(),
        "source": {"title": entry.source_title, "url": entry.source_url},
        "verified": entry.verified,
        "note": entry.note,
        "entered_by": entry.entered_by,
    }


def export_bytes(entries: Iterable[RateEntry], *, exported_on: dt.date) -> bytes:
    """The exchange file (UTF-8 JSON) for ``entries``."""
    data = {
        "format": FILE_FORMAT,
        "version": FILE_VERSION,
        "exported_on": exported_on.isoformat(),
        "entries": [entry_to_json(e) for e in sorted(entries, key=lambda e: (e.table, e.valid_from))],
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def parse_file(data: bytes) -> tuple[RateEntry, ...]:
    """Every entry of an exchange file, all checked before any is used; else one Danish error."""
    if len(data) > MAX_FILE_BYTES:
        raise _file_error(f"den er større end {MAX_FILE_BYTES // 1_000_000} MB")
    try:
        text = data.decode("utf-8-sig")
        raw = json.loads(text)
    except UnicodeDecodeError:
        raise _file_error("den er ikke tekst (UTF-8)") from None
    except (json.JSONDecodeError, RecursionError):
        raise _file_error("den er ikke gyldig JSON") from None
    if not isinstance(raw, dict) or raw.get("format") != FILE_FORMAT:
        raise _file_error("den er ikke en satsfil fra BoligDesk (»format« mangler)")
    if raw.get("version") != FILE_VERSION:
        raise _file_error(f"version {str(raw.get('version'))[:10]} kendes ikke (kun {FILE_VERSION})")
    entries = raw.get("entries")
    if not isinstance(entries, list):
        raise _file_error("»entries« mangler eller er ikke en liste")
    if len(entries) > MAX_FILE_ENTRIES:
        raise _file_error(f"den har mere end {MAX_FILE_ENTRIES} satser")
    parsed: list[RateEntry] = []
    seen: set[tuple[str, dt.date]] = set()
    for number, item in enumerate(entries, start=1):
        if not isinstance(item, dict) or not isinstance(item.get("table"), str):
            raise _file_error(f"sats nr. {number} mangler »table«")
        try:
            entry = _entry_from_json(item["table"], item, Origin.ORGANISATION)
        except UserInputError as exc:
            if exc.code == "rates.file":
                raise UserInputError(
                    exc.field, exc.code, exc.message.replace(": ", f": sats nr. {number}: ", 1)
                ) from None
            raise _file_error(f"sats nr. {number}: {exc.message.rstrip('.')}") from None
        if entry.key in seen:
            raise _file_error(
                f"sats nr. {number} ({entry.spec.label}, {format_short(entry.valid_from)}) står der to gange"
            )
        seen.add(entry.key)
        parsed.append(entry)
    return tuple(parsed)
