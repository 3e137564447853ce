"""The figures reproduce the 2015 evaluation's tables, and every definition's edge holds."""

from __future__ import annotations

import datetime as dt
import itertools
from fractions import Fraction

import pytest

from boligdesk.reports.facts import ApplicationFact, BaselineFact, CaseFact, CourseFact, PlanFact, StatsInput
from boligdesk.reports.figures import (
    EvictionCost,
    build_report,
    change_percent,
    round_half_away,
)
from boligdesk.reports.present import cell_text
from tests.unit.reports import seed004

_ids = itertools.count(1)


def case(estate: str | None, **kw: object) -> CaseFact:
    n = next(_ids)
    data: dict[str, object] = {"opened_on": dt.date(2011, 1, 1), "adviser_id": "a1"}
    data.update(kw)
    return CaseFact(id=f"c{n}", number=f"{n}", estate_id=estate, **data)  # type: ignore[arg-type]


def moved(estate: str, year: int, **kw: object) -> CaseFact:
    return case(
        estate,
        termination_on=dt.date(year, 3, 1),
        outcome="moved_out",
        closed_on=dt.date(year, 5, 1),
        **kw,
    )


def evicted(estate: str, year: int, **kw: object) -> CaseFact:
    return case(
        estate,
        termination_on=dt.date(year, 2, 1),
        outcome="evicted",
        eviction_on=dt.date(year, 6, 1),
        closed_on=dt.date(year, 6, 1),
        **kw,
    )


ESTATES = {e: e for e in seed004.ESTATES}


def seed_input(*, baseline_years: tuple[int, ...]) -> StatsInput:
    """004's counts: the ``baseline_years`` entered by hand, the other years as cases."""
    cases: list[CaseFact] = []
    baselines: list[BaselineFact] = []
    for estate in seed004.ESTATES:
        for i, year in enumerate(seed004.YEARS):
            m, e = seed004.MOVED_OUT[estate][i], seed004.EVICTED[estate][i]
            if year in baseline_years:
                baselines.append(BaselineFact(estate, year, "moved_out", m, "Fra evalueringen 2015"))
                baselines.append(BaselineFact(estate, year, "evicted", e, "Fra evalueringen 2015"))
            else:
                cases += [moved(estate, year) for _ in range(m)]
                cases += [evicted(estate, year) for _ in range(e)]
    return StatsInput(cases=tuple(cases), baselines=tuple(baselines), estates=ESTATES)


@pytest.mark.parametrize("baseline_years", [(), (2011,), (2011, 2012)])
def test_the_three_tables_of_the_2015_evaluation_come_out_as_printed(baseline_years: tuple[int, ...]) -> None:
    report = build_report(seed_input(baseline_years=baseline_years), seed004.YEARS)
    for key, per_estate in (
        ("moved_out", seed004.MOVED_OUT),
        ("evicted", seed004.EVICTED),
        ("total", seed004.TOTAL),
    ):
        table = report.table(key)
        for estate, counts in per_estate.items():
            row = next(r for r in table.rows if r.key == estate)
            assert tuple(c.value for c in row.cells) == counts, (key, estate)
        total = next(r for r in table.rows if r.is_total)
        assert tuple(c.value for c in total.cells) == seed004.TOTALS[key]
        if key == "evicted":  # the report's own misprint: its rows and its Total table say 28
            assert total.cells[1].value != seed004.PRINTED_EVICTED_2012
        assert total.change is not None
        assert total.change.value == seed004.CHANGES[key]
        assert cell_text(total.change, "change") == f"−{-seed004.CHANGES[key]} %"
    # entered counts are marked, and the case years are not
    nordkysten = report.table("moved_out").rows[1]
    for i, year in enumerate(seed004.YEARS):
        assert nordkysten.cells[i].entered == (year in baseline_years)
        if year in baseline_years:
            assert cell_text(nordkysten.cells[i]).endswith("*")
    # "–" where there were none, as 004 prints it
    assert cell_text(report.table("moved_out").cell("Birkebo", 3)) == "–"


def test_change_is_rounded_half_away_from_zero() -> None:
    assert change_percent(88, 33) == -63  # −62,5
    assert change_percent(8, 9) == 13  # +12,5
    assert change_percent(45, 23) == -49  # −48,9
    assert change_percent(0, 5) is None
    assert round_half_away(Fraction(-5, 2)) == -3
    assert round_half_away(Fraction(5, 2)) == 3
    assert round_half_away(Fraction(-24, 10)) == -2


def test_a_termination_in_december_with_the_eviction_in_january_counts_in_two_years() -> None:
    c = case(
        "E",
        termination_on=dt.date(2013, 12, 18),
        outcome="evicted",
        eviction_on=dt.date(2014, 1, 9),
        closed_on=dt.date(2014, 1, 9),
    )
    report = build_report(StatsInput(cases=(c,), estates={"E": "E"}), (2013, 2014))
    assert report.table("terminations").cell("E", 0).value == 1
    assert report.table("terminations").cell("E", 1).value == 0
    assert report.table("evicted").cell("E", 0).value == 0
    assert report.table("evicted").cell("E", 1).value == 1
    assert report.table("evicted").cell("E", 1).case_ids == (c.id,)


def test_a_rescheduled_eviction_counts_in_the_year_of_the_new_date() -> None:
    # the loader passes the rescheduled date as eviction_on; without any date the closing date counts
    undated = case("E", outcome="evicted", closed_on=dt.date(2014, 2, 2))
    report = build_report(StatsInput(cases=(undated,), estates={"E": "E"}), (2013, 2014))
    assert report.table("evicted").cell("E", 1).value == 1


def test_husorden_and_temporary_renovation_cases_are_left_out_of_the_eviction_figures() -> None:
    cases = (
        evicted("E", 2014),
        evicted("E", 2014, excluded="house_rules"),
        moved("E", 2014, excluded="temporary_renovation"),
    )
    report = build_report(StatsInput(cases=cases, estates={"E": "E"}), (2014,))
    assert report.table("evicted").cell("E", 0).value == 1
    assert report.table("moved_out").cell("E", 0).value == 0
    assert report.table("terminations").cell("E", 0).value == 1
    # but they are still the advisers' work
    assert report.table("kinds").cell("all", 0).value == 0  # opened 2011, not 2014
    assert build_report(StatsInput(cases=cases), (2011,)).table("kinds").cell("all", 0).value == 3


def test_a_reopened_case_counts_once_with_the_outcome_it_was_closed_with_last() -> None:
    # closed as moved out, reopened (outcome and closing date cleared), closed again as withdrawn
    reopened = case(
        "E", termination_on=dt.date(2014, 3, 1), outcome="withdrawn", closed_on=dt.date(2014, 9, 1)
    )
    still_open = case("E", termination_on=dt.date(2014, 4, 1))  # reopened and not closed again
    report = build_report(StatsInput(cases=(reopened, still_open), estates={"E": "E"}), (2014,))
    assert report.table("moved_out").cell("E", 0).value == 0
    assert report.table("terminations").cell("E", 0).value == 2
    assert report.table("total").cell("total", 0).value == 0


def test_contact_rate_is_reached_over_terminations_and_none_without_terminations() -> None:
    day = dt.date(2014, 3, 5)
    cases = tuple(
        case("E", termination_on=dt.date(2014, 3, 1), reached_on=(day,) if i < 3 else ()) for i in range(4)
    )
    report = build_report(StatsInput(cases=cases, estates={"E": "E", "F": "F"}), (2014,))
    cell = report.table("contact").cell("E", 0)
    assert (cell.value, cell.part, cell.of) == (75, 3, 4)
    # no terminations in F: a share of nothing is none ("–", as the evaluation prints it), not »ikke registreret«
    assert cell_text(report.table("contact").cell("F", 0), "percent") == "–"


def test_arrears_covered_names_who_and_what_is_not_recorded() -> None:
    cases = (
        case(
            "E", termination_on=dt.date(2014, 1, 1), arrears_covered=True, arrears_covered_by="municipality"
        ),
        case("E", termination_on=dt.date(2014, 1, 1), arrears_covered=True),
        case("E", termination_on=dt.date(2014, 1, 1)),
    )
    table = build_report(StatsInput(cases=cases, estates={"E": "E"}), (2014,)).table("arrears")
    assert table.cell("covered", 0).value == 2
    assert table.cell("municipality", 0).value == 1
    assert table.cell("by_not_recorded", 0).value == 1
    assert table.cell("not_recorded", 0).value == 1


def test_plans_made_and_kept_as_in_2014_one_chain_counts_once() -> None:
    cases = tuple(case("E") for _ in range(25))
    plans = [
        PlanFact(
            f"p{i}", c.id, None, "fulfilled" if i < 24 else "active", dt.date(2014, 2, 1), dt.date(2014, 3, 1)
        )
        for i, c in enumerate(cases)
    ]
    # a renegotiated plan: version 1 superseded by version 2, which broke; a draft is not counted
    extra = case("E")
    plans += [
        PlanFact("v1", extra.id, None, "superseded", dt.date(2014, 5, 1), dt.date(2014, 6, 1)),
        PlanFact("v2", extra.id, "v1", "broken", dt.date(2014, 8, 1), dt.date(2014, 9, 1)),
        PlanFact("d", extra.id, None, "draft", None, dt.date(2014, 9, 1)),
    ]
    table = build_report(
        StatsInput(cases=(*cases, extra), plans=tuple(plans), estates={"E": "E"}), (2014,)
    ).table("plans")
    assert [table.cell(k, 0).value for k in ("made", "kept", "broken", "running")] == [26, 24, 1, 1]


def test_new_tenants_share_accepted_and_unrecorded_answers_shown_apart() -> None:
    opened = dt.date(2014, 4, 1)
    answers = ["accepted"] * 2 + ["declined"] * 5 + ["no_answer"] * 2 + ["offered"]
    cases = tuple(
        case("E", opened_on=opened, kinds=frozenset({"new_tenant"}), advice_answer=a) for a in answers
    )
    cases += (case("E", opened_on=opened, kinds=frozenset({"new_tenant"})),)
    table = build_report(StatsInput(cases=cases, estates={"E": "E"}), (2014,)).table("new_tenants")
    assert table.cell("E", 0).value == 20
    assert table.cell("offered", 0).value == 10
    assert table.cell("not_recorded", 0).value == 1


def test_new_tenants_without_any_answer_are_unrecorded_and_an_estate_without_new_tenants_is_none() -> None:
    waiting = case("W", opened_on=dt.date(2014, 4, 1), kinds=frozenset({"new_tenant"}))
    answered = case(
        "E", opened_on=dt.date(2014, 4, 1), kinds=frozenset({"new_tenant"}), advice_answer="declined"
    )
    table = build_report(
        StatsInput(cases=(waiting, answered), estates={"E": "E", "N": "N", "W": "W"}), (2014,)
    ).table("new_tenants")
    unanswered = table.cell("W", 0)
    assert cell_text(unanswered, "percent") == "ikke registreret" and unanswered.case_ids == (waiting.id,)
    assert cell_text(table.cell("N", 0), "percent") == "–"  # no new tenants at all
    assert cell_text(table.cell("E", 0), "percent") == "0 %"
    assert table.cell("offered", 0).value == 1 and table.cell("not_recorded", 0).value == 1


def test_cases_per_kind_count_distinct_cases() -> None:
    both = case("E", opened_on=dt.date(2014, 1, 1), kinds=frozenset({"eviction_threat", "retention"}))
    one = case("E", opened_on=dt.date(2014, 1, 1), kinds=frozenset({"eviction_threat"}))
    table = build_report(StatsInput(cases=(both, one)), (2014,)).table("kinds")
    assert table.cell("eviction_threat", 0).value == 2
    assert table.cell("retention", 0).value == 1
    assert table.cell("all", 0).value == 2


def test_open_and_new_cases_per_adviser_per_month() -> None:
    a = case("E", adviser_id="a1", opened_on=dt.date(2014, 1, 15), closed_on=dt.date(2014, 3, 31))
    b = case("E", adviser_id="a2", opened_on=dt.date(2014, 2, 1))
    report = build_report(StatsInput(cases=(a, b), advisers={"a1": "Anne", "a2": "Bo"}), (2014,))
    opened = report.table("open_per_adviser")
    assert opened.columns[0] == "01.2014"
    assert [opened.cell("a1", m).value for m in range(4)] == [1, 1, 0, 0]  # closed on the last day of March
    assert [opened.cell("a2", m).value for m in range(3)] == [0, 1, 1]
    assert report.table("new_per_adviser").cell("a2", 1).value == 1
    assert [r.label for r in opened.rows] == ["Anne", "Bo", "I alt"]


def test_open_cases_per_month_agree_with_the_rule_case_by_case() -> None:
    """The month sweep gives, for every month, exactly the cases opened on or before its last day and
    not closed on or before it (the rule, checked naively for each case and month; New Year included)."""
    days = [dt.date(2013, 12, 31), dt.date(2014, 1, 1), dt.date(2014, 1, 31), dt.date(2014, 2, 1)]
    days += [dt.date(2014, 2, 28), dt.date(2014, 12, 31), dt.date(2015, 1, 1), dt.date(2015, 6, 30)]
    cases = [
        case("E", adviser_id=f"a{n % 2}", opened_on=o, closed_on=c)
        for n, (o, c) in enumerate(itertools.product(days, [None, *days]))
        if c is None or c >= o
    ]
    report = build_report(StatsInput(cases=tuple(cases)), (2014, 2015))
    table = report.table("open_per_adviser")
    for m, column in enumerate(table.columns):
        month, year = (int(x) for x in column.split("."))
        end = (dt.date(year + (month == 12), month % 12 + 1, 1)) - dt.timedelta(days=1)
        for adviser in ("a0", "a1"):
            expected = {
                c.id
                for c in cases
                if c.adviser_id == adviser
                and c.opened_on <= end
                and (c.closed_on is None or c.closed_on > end)
            }
            cell = table.cell(adviser, m)
            assert set(cell.case_ids) == expected and cell.value == len(expected), (column, adviser)
        total = table.cell("total", m)
        assert total.value == table.cell("a0", m).value + table.cell("a1", m).value


def test_courses_and_applications_are_counted_per_year_of_start_and_of_sending() -> None:
    here, there = case("E1"), case("E2")
    data = StatsInput(
        cases=(here, there),
        estates={"E1": "Afdeling 1", "E2": "Afdeling 2"},
        courses=(
            CourseFact("k1", here.id, "cti", dt.date(2014, 12, 31)),
            CourseFact("k2", here.id, "cti", dt.date(2015, 1, 1), dt.date(2015, 10, 1)),
            CourseFact("k3", there.id, "retention", dt.date(2015, 3, 1)),
            CourseFact("k4", "slettet-sag", "cti", dt.date(2015, 3, 1)),  # its case is not live
        ),
        applications=(
            ApplicationFact("s1", here.id, "aktivloven_81", dt.date(2015, 2, 1), "granted"),
            ApplicationFact("s2", here.id, "boligstoette", dt.date(2015, 2, 1), "pending"),
            ApplicationFact("s3", there.id, "aktivloven_81", dt.date(2014, 11, 1), "refused"),
        ),
    )
    report = build_report(data, (2014, 2015))
    courses = report.table("courses")
    assert [courses.cell("cti", i).value for i in (0, 1)] == [1, 1]  # 31.12 and 01.01: two years
    assert courses.cell("retention", 1).value == 1
    assert [courses.cell("total", i).value for i in (0, 1)] == [1, 2]
    assert courses.cell("total", 1).case_ids == tuple(sorted({here.id, there.id}))
    kinds, decisions = report.table("applications"), report.table("decisions")
    assert kinds.cell("aktivloven_81", 1).value == 1 and kinds.cell("boligstoette", 1).value == 1
    assert [kinds.cell("total", i).value for i in (0, 1)] == [1, 2]
    assert decisions.cell("granted", 1).value == decisions.cell("pending", 1).value == 1
    assert decisions.cell("refused", 0).value == 1
    assert [r.label for r in decisions.rows][:2] == ["Afventer svar", "Bevilget"]
    only_e2 = build_report(data, (2014, 2015), ["E2"])
    assert [only_e2.table("courses").cell("total", i).value for i in (0, 1)] == [0, 1]
    assert only_e2.table("applications").cell("total", 0).value == 1


def test_cost_avoided_is_the_fall_from_the_first_year_times_the_price_in_ore() -> None:
    report = build_report(seed_input(baseline_years=(2011,)), seed004.YEARS)
    saved = report.table("cost").cell("saved", 3)
    assert saved.value == (88 - 33) * 5_360_000
    assert cell_text(saved, "money") == "2.948.000,00 kr."
    assert "Evaluering af Stop Udsættelser, 2015" in report.table("cost").definition
    assert "prisniveau 2013" in report.table("cost").definition
    own = build_report(
        seed_input(baseline_years=()), seed004.YEARS, cost=EvictionCost(100, "Egen beregning", 2024)
    )
    assert own.table("cost").cell("saved", 1).value == (88 - 47) * 100


def test_every_table_has_a_definition_and_cells_list_their_cases() -> None:
    report = build_report(seed_input(baseline_years=()), seed004.YEARS)
    for table in report.tables:
        assert len(table.definition) > 40, table.key
    cell = report.table("evicted").cell("Nordkysten", 3)
    assert len(cell.case_ids) == cell.value == 9
