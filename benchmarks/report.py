"""One way for every benchmark to print a figure: the value, its ratio, and the goal it is judged by.

A :class:`Figure` is a measured value with either a **baseline measured in the same run** (a floor, a
bare window, a plain SQL query: the ratio ``value / base`` is what counts, the goal is a ratio) or, when
there is no meaningful floor, an **absolute goal** (the ratio is then ``value / goal``). A figure shown
for information only has no goal and says so. :func:`report` prints one line per figure, or with
``--json`` one JSON object::

    {"benchmark": "sync", "ok": true, "figures": {"send_ms": {"value": 61.0, "unit": "ms",
     "base": 22.0, "ratio": 2.77, "goal": 3.0, "goal_kind": "ratio", "met": true, "label": "..."}}}

``make bench`` runs every benchmark; a goal not met is marked ``IKKE NÅET`` (the exit status stays 0: a
slow machine is not a broken build; wrong results are).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

_LABEL_WIDTH = 44


@dataclass(frozen=True, slots=True)
class Figure:
    key: str
    label: str
    value: float
    unit: str = "ms"
    #: The baseline measured in the same run, in the same unit (``None``: judged against ``goal`` itself).
    base: float | None = None
    #: ``base`` given: the highest acceptable ``value / base``; else the highest acceptable ``value``.
    goal: float | None = None
    #: What the base is, in a word or two ("gulv", "bar vindue"), shown after its value.
    base_label: str = "grundlinje"

    @property
    def ratio(self) -> float | None:
        if self.base is not None:
            return self.value / self.base if self.base > 0 else None
        if self.goal is not None:
            return self.value / self.goal if self.goal > 0 else None
        return None

    @property
    def goal_kind(self) -> str:
        if self.goal is None:
            return "none"
        return "ratio" if self.base is not None else "absolute"

    @property
    def met(self) -> bool | None:
        if self.goal is None:
            return None
        if self.base is not None:
            ratio = self.ratio
            return ratio is not None and ratio <= self.goal
        return self.value <= self.goal

    def line(self) -> str:
        value = _fmt(self.value, self.unit)
        if self.base is not None:
            ratio = self.ratio
            ratio_text = f"{_number(ratio, 2)}×" if ratio is not None else "–"
            text = f"{value}  ({self.base_label} {_fmt(self.base, self.unit)}; {ratio_text}"
            text += (
                f", mål ≤ {_number(self.goal, 1)}×)"
                if self.goal is not None
                else ", intet mål: til orientering)"
            )
        elif self.goal is not None:
            text = f"{value}  ({_number(self.ratio or 0.0, 2)} af målet; mål ≤ {_fmt(self.goal, self.unit)})"
        else:
            text = f"{value}  (intet mål: til orientering)"
        mark = {True: "  ok", False: "  IKKE NÅET", None: ""}[self.met]
        return f"{self.label + ':':<{_LABEL_WIDTH}} {text}{mark}"

    def as_json(self) -> dict[str, object]:
        ratio = self.ratio
        return {
            "label": self.label,
            "value": round(self.value, 4),
            "unit": self.unit,
            "base": None if self.base is None else round(self.base, 4),
            "ratio": None if ratio is None else round(ratio, 3),
            "goal": self.goal,
            "goal_kind": self.goal_kind,
            "met": self.met,
        }


def _number(value: float, decimals: int) -> str:
    """Danish: ``1.234,5``."""
    return f"{value:,.{decimals}f}".replace(",", "_").replace(".", ",").replace("_", ".")


def _fmt(value: float, unit: str) -> str:
    decimals = 0 if abs(value) >= 100 else 1 if abs(value) >= 1 else 3
    if unit == "s":
        decimals = 2
    return f"{_number(value, decimals)} {unit}".strip()


def wants_json(argv: Sequence[str] | None = None) -> bool:
    return "--json" in (sys.argv[1:] if argv is None else argv)


def report(benchmark: str, figures: Iterable[Figure], *, as_json: bool, notes: Iterable[str] = ()) -> None:
    """Print ``figures`` as lines (with ``notes`` after them), or as one JSON object."""
    figures = list(figures)
    if as_json:
        data = {
            "benchmark": benchmark,
            "ok": all(f.met is not False for f in figures),
            "figures": {f.key: f.as_json() for f in figures},
        }
        print(json.dumps(data, ensure_ascii=False, sort_keys=True))
        return
    for figure in figures:
        print(figure.line())
    for note in notes:
        print(note)
