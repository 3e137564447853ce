"""Several case types at once and activity tags (fixed picklists): set on a case, counted by the
statistics, synced between laptops and part of the personal-data map."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from boligdesk.budget.cooperation import ActivityTag, TagGroup
from boligdesk.budget.vocabulary import CaseKind
from boligdesk.models.store import Store
from boligdesk.services.personal_data import CASE_LINKS
from boligdesk.sync.simulation import LaptopLab, make_template
from tests.db.case_setup import TODAY, desk, new_case, refused


def test_other_case_types_and_activities_are_set_replaced_and_refused_off_the_list(store: Store) -> None:
    case_id = new_case(store)
    tags = desk(store).tags
    tags.set(case_id, TagGroup.CASE_TYPE, ["retention", "concern", "eviction_threat"])
    tags.set(case_id, "activity", ["detective_work", "motivation"])
    now = tags.of_case(case_id)
    assert now.main_kind is CaseKind.EVICTION_THREAT
    assert now.case_types == (CaseKind.RETENTION, CaseKind.CONCERN), "the main type is not repeated"
    assert now.activities == (ActivityTag.DETECTIVE_WORK, ActivityTag.MOTIVATION)
    tags.set(case_id, "activity", ["motivation", "practical_help_at_home"])
    assert [a.label for a in tags.of_case(case_id).activities] == ["Motivation", "Praktisk hjælp i hjemmet"]
    error = refused(tags.set, case_id, "activity", ["kaffe"])
    assert error.message == "»kaffe« findes ikke på listen."
    assert tags.of_case(case_id).activities == (ActivityTag.MOTIVATION, ActivityTag.PRACTICAL_HELP_AT_HOME)


def test_the_statistics_count_a_case_under_each_type_and_each_activity(store: Store) -> None:
    first, second = new_case(store), new_case(store, first_name="Anden")
    d = desk(store)
    d.tags.set(first, "case_type", ["retention"])
    d.tags.set(first, "activity", ["detective_work", "coordination"])
    d.tags.set(second, "activity", ["detective_work"])
    report = d.statistics.report([TODAY.year])
    kinds = report.table("kinds")
    assert kinds.cell("eviction_threat", 0).value == 2
    assert kinds.cell("retention", 0).value == 1
    assert kinds.cell("all", 0).value == 2, "two different cases, however many types"
    activities = report.table("activities")
    assert activities.cell("detective_work", 0).value == 2
    assert activities.cell("coordination", 0).value == 1
    assert activities.cell("motivation", 0).value == 0
    assert activities.cell("all", 0).value == 2
    assert set(activities.cell("coordination", 0).case_ids) == {first}


def test_tags_are_in_the_personal_data_map() -> None:
    assert "case_tags" in {link.model.__tablename__ for link in CASE_LINKS}


@pytest.fixture
def lab(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LaptopLab]:
    lab = LaptopLab(tmp_path, make_template(tmp_path_factory.mktemp("skabelon") / "profil"))
    yield lab
    lab.close()


def test_tags_added_on_two_laptops_add_up_and_a_removal_travels(lab: LaptopLab) -> None:
    anne, bo = lab.laptop("anne"), lab.laptop("bo")
    case_id = new_case(anne)
    desk(anne).tags.set(case_id, "activity", ["detective_work"])
    lab.sync(anne)
    lab.sync(bo)
    desk(bo).tags.set(case_id, "activity", ["detective_work", "relationship_work"])
    desk(anne).tags.set(case_id, "activity", ["detective_work", "motivation"])
    for laptop in (bo, anne, bo):
        lab.sync(laptop)
    expected = (ActivityTag.DETECTIVE_WORK, ActivityTag.RELATIONSHIP_WORK, ActivityTag.MOTIVATION)
    assert set(desk(anne).tags.of_case(case_id).activities) == set(expected)
    assert set(desk(bo).tags.of_case(case_id).activities) == set(expected)
    desk(anne).tags.set(case_id, "activity", ["motivation"])
    lab.sync(anne)
    lab.sync(bo)
    assert desk(bo).tags.of_case(case_id).activities == (ActivityTag.MOTIVATION,)
