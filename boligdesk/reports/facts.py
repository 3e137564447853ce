"""The plain rows the statistics count (no Qt, no SQLAlchemy): one per case, plan and entered count.

The loader (:mod:`boligdesk.services.statistics_load`) fills them from the store in a few column queries;
tests and the benchmark may build them directly.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

#: Figures a count may be entered by hand for (baseline years before BoligDesk).
BASELINE_FIGURES: dict[str, str] = {
    "moved_out": "Fraflytninger efter ophævelse",
    "evicted": "Fogedudsættelser",
    "terminations": "Ophævelser modtaget",
}


@dataclass(frozen=True, slots=True)
class CaseFact:
    """What the statistics need of one live case. Enum fields hold their code strings. The loader builds
    it with positional arguments (20,000 at a time): add a field at the end."""

    id: str
    number: str
    estate_id: str | None
    adviser_id: str | None
    opened_on: dt.date
    closed_on: dt.date | None = None
    termination_on: dt.date | None = None
    eviction_on: dt.date | None = None
    outcome: str | None = None
    kinds: frozenset[str] = frozenset()
    #: Activity tags used on the case (seed 000 Table 10).
    activities: frozenset[str] = frozenset()
    excluded: str | None = None
    advice_answer: str | None = None
    arrears_covered: bool | None = None
    arrears_covered_by: str | None = None
    #: Dates of attempts where contact with the tenant was reached.
    reached_on: tuple[dt.date, ...] = ()
    #: Dates of personal meetings held.
    meetings_on: tuple[dt.date, ...] = ()
    #: Date of the latest contact attempt of any kind.
    last_attempt_on: dt.date | None = None


@dataclass(frozen=True, slots=True)
class PlanFact:
    """One version of a repayment plan."""

    id: str
    case_id: str
    previous_id: str | None
    status: str
    agreed_on: dt.date | None
    start_on: dt.date


@dataclass(frozen=True, slots=True)
class CourseFact:
    """One support course (forløb) on a live case; ``method`` holds its code string."""

    id: str
    case_id: str
    method: str
    started_on: dt.date
    ended_on: dt.date | None = None


@dataclass(frozen=True, slots=True)
class ApplicationFact:
    """One application sent for a live case (to the municipality, the bank …); codes as strings."""

    id: str
    case_id: str
    kind: str
    sent_on: dt.date
    decision: str


@dataclass(frozen=True, slots=True)
class BaselineFact:
    """A count entered by hand for one estate, year and figure."""

    estate_id: str
    year: int
    figure: str
    count: int
    note: str = ""


@dataclass(frozen=True, slots=True)
class StatsInput:
    """Everything the figures are computed from."""

    cases: tuple[CaseFact, ...]
    plans: tuple[PlanFact, ...] = ()
    baselines: tuple[BaselineFact, ...] = ()
    #: estate id → display name; the order is the order of the rows.
    estates: dict[str, str] = field(default_factory=dict)
    #: adviser id → name.
    advisers: dict[str, str] = field(default_factory=dict)
    courses: tuple[CourseFact, ...] = ()
    applications: tuple[ApplicationFact, ...] = ()
