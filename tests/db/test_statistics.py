"""desk.statistics over a real store: cases and entered counts become the tables, the registrations the
figures need are saved and refused when wrong, the data horizon names the laptops, and a count entered on
two laptops merges as one row with the other value kept as a conflict."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from boligdesk.budget.vocabulary import AdviceOfferAnswer, ArrearsCoveredBy, Outcome, StatsExclusion
from boligdesk.errors import UserInputError
from boligdesk.models import Case, ContactAttempt, SyncConflict
from boligdesk.models.store import Store
from boligdesk.services.desk import Desk
from boligdesk.sync.simulation import LaptopLab
from tests.db.case_samples import make_estate, new_case
from tests.db.case_setup import desk, refused

TODAY = dt.date(2026, 3, 10)


def set_case(store: Store, case_id: str, **fields: object) -> None:
    with store.session() as s:
        case = s.get(Case, case_id)
        assert case is not None
        for name, value in fields.items():
            setattr(case, name, value)


def test_cases_and_entered_counts_make_the_eviction_tables(store: Store) -> None:
    estate = make_estate(store)
    d = desk(store)
    d.statistics.set_baseline(estate, 2024, "evicted", 8, "Optalt fra udlejers liste")
    d.statistics.set_baseline(estate, 2024, "moved_out", 4)
    for outcome in (Outcome.EVICTED, Outcome.EVICTED, Outcome.MOVED_OUT):
        cid = new_case(store, estate_id=estate)
        set_case(
            store,
            cid,
            termination_on=dt.date(2025, 11, 3),
            outcome=outcome,
            eviction_on=dt.date(2026, 1, 8) if outcome is Outcome.EVICTED else None,
            closed_on=dt.date(2026, 1, 8),
        )
    excluded = new_case(store, estate_id=estate)
    set_case(
        store,
        excluded,
        termination_on=dt.date(2025, 5, 1),
        outcome=Outcome.EVICTED,
        closed_on=dt.date(2025, 9, 1),
    )
    d.statistics.set_registration(excluded, "stats_excluded", StatsExclusion.HOUSE_RULES)

    report = d.statistics.report([2024, 2025, 2026], [estate])
    evicted = report.table("evicted").rows[0]
    assert [c.value for c in evicted.cells] == [8, 0, 2]
    assert evicted.cells[0].entered and evicted.cells[0].note == "Optalt fra udlejers liste"
    total = report.table("total").rows[-1]
    assert [c.value for c in total.cells] == [12, 0, 3]
    assert total.change is not None and total.change.value == -75
    assert report.table("terminations").rows[0].cells[1].value == 3  # the excluded one is left out
    assert set(report.table("evicted").rows[0].cells[2].case_ids) <= {r.id for r in d.case_list.rows()}


def test_a_baseline_can_be_changed_and_removed_and_bad_input_is_refused(store: Store) -> None:
    estate = make_estate(store)
    d = desk(store)
    d.statistics.set_baseline(estate, 2011, "evicted", 45)
    d.statistics.set_baseline(estate, 2011, "evicted", 44, "rettet")
    assert [(b.count, b.note) for b in d.statistics.baselines()] == [(44, "rettet")]
    d.statistics.set_baseline(estate, 2011, "evicted", None)
    assert d.statistics.baselines() == []
    d.statistics.set_baseline(estate, 2011, "evicted", 3)  # entered again: the same row comes back
    assert [b.count for b in d.statistics.baselines()] == [3]
    assert "mellem" in refused(d.statistics.set_baseline, estate, 1850, "evicted", 1).message
    assert "helt tal" in refused(d.statistics.set_baseline, estate, 2011, "evicted", -1).message
    assert refused(d.statistics.set_baseline, estate, 2011, "contact", 1).code == "stats.figure_unknown"
    assert "findes ikke" in refused(d.statistics.set_baseline, "no-such-estate", 2011, "evicted", 1).message


def test_the_registrations_are_saved_and_wrong_values_refused(store: Store) -> None:
    cid = new_case(store)
    d = desk(store)
    d.statistics.set_registration(cid, "advice_offer_answer", AdviceOfferAnswer.ACCEPTED)
    d.statistics.set_registration(cid, "arrears_covered_by", "municipality")
    d.statistics.set_registration(cid, "stats_excluded", StatsExclusion.TEMPORARY_RENOVATION)
    reg = d.statistics.registration(cid)
    assert reg.advice_offer_answer is AdviceOfferAnswer.ACCEPTED
    assert reg.arrears_covered_by is ArrearsCoveredBy.MUNICIPALITY
    assert reg.arrears_covered is True  # who covered it says it was covered
    assert reg.stats_excluded is StatsExclusion.TEMPORARY_RENOVATION
    d.statistics.set_registration(cid, "stats_excluded", None)
    assert d.statistics.registration(cid).stats_excluded is None
    with pytest.raises(TypeError):  # not one of the picklist's codes: a programming error, nothing saved
        d.statistics.set_registration(cid, "arrears_covered_by", "the_neighbour")
    assert d.statistics.registration(cid).arrears_covered_by is ArrearsCoveredBy.MUNICIPALITY


def test_outcomes_for_the_command_line_and_years_with_data(store: Store) -> None:
    cid = new_case(store)
    set_case(
        store,
        cid,
        termination_on=dt.date(2025, 12, 1),
        outcome=Outcome.WITHDRAWN,
        closed_on=dt.date(2026, 1, 5),
    )
    facts = desk(store).statistics.case_outcomes()[cid]
    assert (facts.outcome, facts.closed_on, facts.termination_on) == (
        "withdrawn",
        dt.date(2026, 1, 5),
        dt.date(2025, 12, 1),
    )
    assert desk(store).statistics.years_with_data() == (2026, 2026)


def test_the_team_overview_counts_per_adviser(store: Store) -> None:
    quiet = new_case(store)
    set_case(store, quiet, opened_on=dt.date(2026, 1, 2))
    called = new_case(store)
    with store.session() as s:
        s.add(
            ContactAttempt(case_id=called, at=dt.datetime(2026, 3, 9, 10), channel="phone", result="reached")
        )
    overview = desk(store).statistics.team_overview(no_contact_days=30)
    assert len(overview) == 1
    row = overview[0]
    assert set(row.open_ids) == {quiet, called}
    assert row.new_this_month_ids == (called,)  # the other was opened in January
    assert row.no_contact_ids == (quiet,)


def test_the_data_horizon_names_this_laptop(store: Store) -> None:
    new_case(store)
    horizon = desk(store).statistics.horizon(stale_days=14)
    assert [lap.device for lap in horizon.laptops] == [store.device_id]
    assert "denne computer" in " ".join(horizon.lines())


@pytest.fixture
def lab(tmp_path: Path) -> Iterator[LaptopLab]:
    lab = LaptopLab(tmp_path)
    yield lab
    lab.close()


def test_a_count_entered_on_two_laptops_is_one_row_with_a_kept_conflict(lab: LaptopLab) -> None:
    anne, bo = lab.laptop("anne"), lab.laptop("bo")
    estate = make_estate(anne)
    for _ in range(2):
        lab.sync(anne)
        lab.sync(bo)
    Desk(anne, adviser_name="Anne").statistics.set_baseline(estate, 2011, "evicted", 45, "Annes liste")
    Desk(bo, adviser_name="Bo").statistics.set_baseline(estate, 2011, "evicted", 44, "Bos liste")
    for _ in range(2):
        lab.sync(anne)
        lab.sync(bo)
    seen = [Desk(s).statistics.baselines() for s in (anne, bo)]
    assert seen[0] == seen[1] and len(seen[0]) == 1
    assert seen[0][0].count == 44  # the newer entry
    with anne.session() as s:
        conflicts = list(s.scalars(select(SyncConflict).where(SyncConflict.table_name == "stat_baselines")))
    assert conflicts, "the other laptop's count must be kept as a conflict"
    assert any("45" in (c.lost_value or "") + (c.kept_value or "") for c in conflicts)
    # the horizon now names both laptops
    assert len(Desk(anne).statistics.horizon().laptops) == 2


def test_the_2015_evaluation_through_the_store_entered_years_and_cases(store: Store) -> None:
    """2011–2012 entered by hand per estate, 2013–2014 as cases in the store: −77 %, −49 %, −63 %."""
    from boligdesk.models import Estate, HousingAssociation, Person, Tenancy
    from tests.unit.reports import seed004

    with store.session() as s:
        assoc = HousingAssociation(name="Boligorganisationen (opdigtet)")
        s.add(assoc)
        s.flush()
        estates = {name: Estate(association_id=assoc.id, name=name) for name in seed004.ESTATES}
        s.add_all(estates.values())
        s.flush()
        ids = {name: e.id for name, e in estates.items()}
        n = 0
        for name in seed004.ESTATES:
            for i, year in enumerate(seed004.YEARS[2:], start=2):
                for outcome, count in (
                    (Outcome.MOVED_OUT, seed004.MOVED_OUT[name][i]),
                    (Outcome.EVICTED, seed004.EVICTED[name][i]),
                ):
                    for _ in range(count):
                        n += 1
                        person = Person(first_name="Opdigtet", last_name=f"Lejer {n}")
                        tenancy = Tenancy(estate_id=ids[name], address_line=f"Testvej {n}")
                        s.add_all([person, tenancy])
                        s.flush()
                        s.add(
                            Case(
                                number=f"{year}-{n:04d}",
                                tenant_id=person.id,
                                tenancy_id=tenancy.id,
                                opened_on=dt.date(year, 1, 5),
                                termination_on=dt.date(year, 1, 20),
                                outcome=outcome,
                                eviction_on=dt.date(year, 4, 2) if outcome is Outcome.EVICTED else None,
                                closed_on=dt.date(year, 4, 2),
                            )
                        )
    d = desk(store)
    for name in seed004.ESTATES:
        for i, year in enumerate(seed004.YEARS[:2]):
            d.statistics.set_baseline(
                ids[name], year, "moved_out", seed004.MOVED_OUT[name][i], "Evaluering 2015"
            )
            d.statistics.set_baseline(ids[name], year, "evicted", seed004.EVICTED[name][i], "Evaluering 2015")
    report = d.statistics.report(list(seed004.YEARS))
    for key in ("moved_out", "evicted", "total"):
        total = next(r for r in report.table(key).rows if r.is_total)
        assert tuple(c.value for c in total.cells) == seed004.TOTALS[key]
        assert total.change is not None and total.change.value == seed004.CHANGES[key]
    nordkysten = next(r for r in report.table("total").rows if r.label == "Nordkysten")
    assert tuple(c.value for c in nordkysten.cells) == seed004.TOTAL["Nordkysten"]
    assert [c.entered for c in nordkysten.cells] == [True, True, False, False]


def test_courses_and_applications_of_live_cases_reach_the_report(store: Store) -> None:
    """Through the real loader: a course and an application on a case are counted; those of a deleted case
    are not."""
    from boligdesk.budget.cooperation import ApplicationKind, CourseMethod

    estate = make_estate(store)
    d = desk(store)
    kept, gone = new_case(store, estate_id=estate), new_case(store, estate_id=estate)
    for cid in (kept, gone):
        d.courses.start(cid, method=CourseMethod.CTI, planned_months=9, started_on=dt.date(2026, 1, 5))
        d.applications.add(cid, kind=ApplicationKind.HOUSING_COSTS_ARREARS, sent_on=dt.date(2026, 2, 2))
    set_case(store, gone, deleted=True)
    report = d.statistics.report([2026], [estate])
    assert report.table("courses").cell("cti", 0).case_ids == (kept,)
    assert report.table("applications").cell("aktivloven_81", 0).case_ids == (kept,)
    assert report.table("decisions").cell("pending", 0).value == 1


def test_the_number_of_days_before_a_laptop_is_named_is_a_team_setting(lab: LaptopLab) -> None:
    """Set on one laptop, used by the other after a sync; 0, 366 and text are refused in Danish."""
    anne, bo = lab.laptop("anne"), lab.laptop("bo")
    anne_desk, bo_desk = Desk(anne, adviser_name="Anne"), Desk(bo, adviser_name="Bo")
    assert anne_desk.statistics.stale_days() == 14
    assert anne_desk.statistics.horizon().stale_days == 14
    for bad in (0, 366, "tre"):
        with pytest.raises(UserInputError) as error:
            anne_desk.statistics.set_stale_days(bad)  # type: ignore[arg-type]
        assert error.value.message == "Antal dage skal være et helt tal fra 1 til 365."
    anne_desk.statistics.set_stale_days(30)
    assert anne_desk.statistics.stale_days() == 30
    lab.sync_all(rounds=2)
    assert bo_desk.statistics.stale_days() == 30
    assert bo_desk.statistics.horizon().stale_days == 30
    assert "inden for 30 dage" in anne_desk.statistics.horizon().lines()[-1]
