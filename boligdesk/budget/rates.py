"""Dated rate tables kept as data under ``resources/rates/`` — never hard-coded in logic.

A table has entries with ``valid_from``; the rate on a date is the newest entry that is valid then.
When the newest entry is older than the date's year, :attr:`DatedRate.is_current_year` is False so the
UI can say "seneste kendte sats er fra 2023".
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from boligdesk.budget.money import Money
from boligdesk.resources import resource_path


@dataclass(frozen=True, slots=True)
class DatedRate:
    name: str
    label: str
    amount: Money
    valid_from: dt.date
    source: str

    def is_current_for(self, day: dt.date) -> bool:
        return self.valid_from.year == day.year


@lru_cache(maxsize=8)
def _load(path: Path) -> dict[str, dict[str, object]]:
    with path.open(encoding="utf-8") as fh:
        data = json.load(fh)
    rates = data["rates"]
    assert isinstance(rates, dict)
    return rates


def fee_rate(name: str, on: dt.date, *, path: Path | None = None) -> DatedRate:
    """The fee ``name`` (e.g. ``reminder_fee``) in force on ``on``."""
    table = _load(path or resource_path("rates", "fees.json"))
    if name not in table:
        raise KeyError(f"unknown rate {name!r}")
    spec = table[name]
    entries = spec["entries"]
    assert isinstance(entries, list)
    valid = [e for e in entries if dt.date.fromisoformat(e["valid_from"]) <= on]
    if not valid:
        raise LookupError(f"no {name} rate valid on {on.isoformat()}")
    entry = max(valid, key=lambda e: e["valid_from"])
    return DatedRate(
        name=name,
        label=str(spec["label"]),
        amount=Money(int(entry["amount_ore"])),
        valid_from=dt.date.fromisoformat(entry["valid_from"]),
        source=str(entry["source"]),
    )
