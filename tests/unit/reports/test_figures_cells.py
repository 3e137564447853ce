"""Every cell of the report lists each case behind it once, in id order, and counts it once — however the
facts arrive (shuffled, a case given twice, two meetings in one year, a stray code). The builder relies
on walking the cases distinct and in id order instead of sorting each cell (issue 15, §38)."""

from __future__ import annotations

import datetime as dt
import random

from boligdesk.reports.facts import CaseFact, StatsInput
from boligdesk.reports.figures import build_report

YEARS = (2024, 2025)


def _cases() -> list[CaseFact]:
    rng = random.Random(38)
    cases = []
    for n in range(60):
        year = rng.choice(YEARS)
        opened = dt.date(year, rng.randrange(1, 13), rng.randrange(1, 28))
        meetings = (opened, opened + dt.timedelta(days=3)) if n % 4 == 0 else ()  # two the same year
        cases.append(
            CaseFact(
                id=f"{rng.getrandbits(64):016x}",
                number=f"{year}-{n:03d}",
                estate_id=rng.choice(["E1", "E2", None]),
                adviser_id=rng.choice(["A", "B", None]),
                opened_on=opened,
                closed_on=opened + dt.timedelta(days=40) if n % 3 else None,
                termination_on=opened if n % 5 else None,
                eviction_on=None,
                outcome=rng.choice([None, "moved_out", "evicted", "withdrawn"]),
                kinds=frozenset({"eviction_threat", "new_tenant"} if n % 7 == 0 else {"eviction_threat"}),
                activities=frozenset({"advice", "coordination", "all"} if n % 2 else ()),
                excluded="house_rules" if n % 11 == 0 else None,
                advice_answer=rng.choice([None, "accepted", "declined"]),
                arrears_covered=rng.choice([None, True, False]),
                arrears_covered_by=rng.choice([None, "tenant"]),
                reached_on=meetings,
                meetings_on=meetings,
                last_attempt_on=meetings[-1] if meetings else None,
            )
        )
    return cases


def test_each_cell_lists_its_cases_once_in_id_order_and_counts_them_once() -> None:
    cases = _cases()
    shuffled = cases + cases[:5]  # five cases given twice
    random.Random(1).shuffle(shuffled)
    report = build_report(StatsInput(cases=tuple(shuffled), estates={"E1": "Et", "E2": "To"}), YEARS)
    in_order = build_report(
        StatsInput(cases=tuple(sorted(cases, key=lambda c: c.id)), estates={"E1": "Et", "E2": "To"}), YEARS
    )
    assert report == in_order  # the order and repeats of the input change nothing
    by_case = ("moved_out", "evicted", "terminations", "meetings", "arrears", "kinds", "activities")
    for table in report.tables:
        for row in table.rows:
            for cell in row.cells:
                if table.key == "open_per_adviser" or table.key == "new_per_adviser":
                    assert len(set(cell.case_ids)) == len(cell.case_ids) == cell.value
                    continue
                assert list(cell.case_ids) == sorted(set(cell.case_ids)), (table.key, row.key)
                if table.key in by_case and not row.is_total:
                    assert cell.value == len(cell.case_ids), (table.key, row.key)
    # a case with two meetings in one year is one case in that year's cell
    twice = [c for c in cases if len(c.meetings_on) == 2 and c.excluded is None and c.estate_id == "E1"]
    assert twice
    first = twice[0]
    col = YEARS.index(first.meetings_on[0].year)
    cell = report.table("meetings").cell("E1", col)
    assert cell.case_ids.count(first.id) == 1
    # the stray activity code »all« does not count a case twice in »Sager med mindst én aktivitet«
    tagged = {c.id for c in cases if c.activities and c.opened_on.year == YEARS[0]}
    assert report.table("activities").cell("all", 0).value == len(tagged)
