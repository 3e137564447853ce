"""Appeal deadlines (klagefrister) for decisions on applications, from a dated table with legal sources.

The rules live in ``resources/rules/appeals.json``: one rule per kind of application from a date, with the
period (weeks), what it counts from (the day the citizen received the decision), whether a deadline ending
on a day that is not a hverdag moves to the next hverdag, and the source. A kind with no rule in force on
the day the decision was received has an **unknown** deadline: BoligDesk says "ukendt" and never guesses.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from boligdesk.budget.calendar import format_short, holiday_name, next_weekday_on_or_after
from boligdesk.budget.cooperation import ApplicationKind

_RULES_FILE = Path(__file__).resolve().parent.parent / "resources" / "rules" / "appeals.json"

UNKNOWN_TEXT = "ukendt"


@dataclass(frozen=True, slots=True)
class AppealRule:
    kinds: frozenset[ApplicationKind]
    valid_from: dt.date
    weeks: int
    moves_to_weekday: bool
    source_title: str
    source_url: str
    verified: bool
    note: str


@dataclass(frozen=True, slots=True)
class AppealDeadline:
    """The computed deadline, or ``date is None`` with the reason it is unknown."""

    date: dt.date | None
    explanation: str
    rule: AppealRule | None = None

    @property
    def text(self) -> str:
        return format_short(self.date) if self.date is not None else UNKNOWN_TEXT


def parse_rules(raw: object) -> tuple[AppealRule, ...]:
    if not isinstance(raw, dict) or not isinstance(raw.get("rules"), list):
        raise ValueError("appeal rules: expected {'rules': [...]}")
    rules = []
    for item in raw["rules"]:
        source = item.get("source", {})
        rules.append(
            AppealRule(
                kinds=frozenset(ApplicationKind(k) for k in item["kinds"]),
                valid_from=dt.date.fromisoformat(item["valid_from"]),
                weeks=int(item["weeks"]),
                moves_to_weekday=bool(item.get("moves_to_weekday", False)),
                source_title=str(source.get("title", "")),
                source_url=str(source.get("url", "")),
                verified=bool(item.get("verified", False)),
                note=str(item.get("note", "")),
            )
        )
    return tuple(rules)


@lru_cache(maxsize=1)
def shipped_rules() -> tuple[AppealRule, ...]:
    with _RULES_FILE.open(encoding="utf-8") as fh:
        return parse_rules(json.load(fh))


def rule_for(
    kind: ApplicationKind, received_on: dt.date, rules: tuple[AppealRule, ...] | None = None
) -> AppealRule | None:
    """The newest rule for ``kind`` in force on ``received_on`` (``None``: no rule recorded)."""
    candidates = [
        r
        for r in (shipped_rules() if rules is None else rules)
        if kind in r.kinds and r.valid_from <= received_on
    ]
    return max(candidates, key=lambda r: r.valid_from, default=None)


def appeal_deadline(
    kind: ApplicationKind, received_on: dt.date | None, rules: tuple[AppealRule, ...] | None = None
) -> AppealDeadline:
    """The last day to appeal a decision of ``kind`` received on ``received_on``, with its explanation."""
    if received_on is None:
        return AppealDeadline(
            None, "Klagefristen regnes fra den dag, borgeren modtog afgørelsen: skriv datoen ind."
        )
    rule = rule_for(kind, received_on, rules)
    if rule is None:
        return AppealDeadline(
            None,
            f"BoligDesk kender ingen klagefrist for »{kind.label}«. Se klagevejledningen i afgørelsen.",
        )
    end = received_on + dt.timedelta(weeks=rule.weeks)
    why = f"{rule.weeks} uger fra modtagelsen {format_short(received_on)} ({rule.source_title})"
    if rule.moves_to_weekday:
        moved = next_weekday_on_or_after(end)
        if moved != end:
            name = holiday_name(end)
            reason = name if name else ("lørdag" if end.weekday() == 5 else "søndag")
            why += f"; {format_short(end)} er {reason}, så fristen flyttes til næste hverdag"
            end = moved
    if not rule.verified:
        why += ". Ikke tjekket i en primær kilde — tjek klagevejledningen i afgørelsen"
    return AppealDeadline(end, why, rule)
