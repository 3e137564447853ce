"""The Konflikter list in words an adviser understands, and what each choice does on every laptop."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from boligdesk.budget.money import Money
from boligdesk.models import Case
from boligdesk.models.store import Store
from boligdesk.services.cases import NewCase
from boligdesk.sync.conflicts import ItemKind, keep_current, list_open, use_other
from boligdesk.sync.settings import load_settings
from boligdesk.sync.simulation import LaptopLab, Template, make_template
from boligdesk.sync.status import sync_status_text
from tests.cases import create_case


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    return make_template(tmp_path_factory.mktemp("skabelon") / "profil")


@pytest.fixture
def lab(tmp_path: Path, template: Template) -> Iterator[LaptopLab]:
    lab = LaptopLab(tmp_path, template)
    yield lab
    lab.close()


def edit_case(store: Store, case_id: str, **values: object) -> None:
    with store.session() as s:
        case = s.get(Case, case_id)
        assert case is not None
        for name, value in values.items():
            setattr(case, name, value)


def case_value(store: Store, case_id: str, name: str) -> object:
    with store.session() as s:
        case = s.get(Case, case_id)
        assert case is not None
        return getattr(case, name)


@pytest.fixture
def two_with_conflicts(lab: LaptopLab) -> tuple[Store, Store, str]:
    anne, bo = lab.laptop("anne"), lab.laptop("bo")
    case_id = create_case(
        anne,
        NewCase(first_name="Anna", last_name="Hansen", address_line="Lærkevej 4"),
        today=dt.date(2026, 11, 24),
    )
    lab.sync_all(rounds=1)
    edit_case(anne, case_id, eviction_on=dt.date(2026, 12, 15), arrears=Money.kr(9850))
    edit_case(bo, case_id, eviction_on=dt.date(2026, 12, 16), arrears=Money.kr(11200))
    lab.sync_all(rounds=2)
    return anne, bo, case_id


def test_conflicts_are_listed_in_danish_with_both_values(
    two_with_conflicts: tuple[Store, Store, str],
) -> None:
    anne, _bo, _case_id = two_with_conflicts
    items = {item.field_label: item for item in list_open(anne)}
    assert set(items) == {"Udsættelse", "Restance"}
    eviction = items["Udsættelse"]
    assert eviction.what == "Sag 2026-0001"
    assert eviction.table_label == "Sag"
    assert (eviction.current_text, eviction.other_text) == ("16.12.2026", "15.12.2026")
    assert (items["Restance"].current_text, items["Restance"].other_text) == ("11.200,00 kr.", "9.850,00 kr.")
    assert sync_status_text(anne.profile.folder).endswith("· 2 konflikter")


def test_using_the_other_value_reaches_every_laptop(
    lab: LaptopLab, two_with_conflicts: tuple[Store, Store, str]
) -> None:
    anne, bo, case_id = two_with_conflicts
    item = next(i for i in list_open(bo) if i.field == "eviction_on")
    use_other(bo, item.kind, item.id)
    assert case_value(bo, case_id, "eviction_on") == dt.date(2026, 12, 15)
    lab.sync_all(rounds=2)
    assert case_value(anne, case_id, "eviction_on") == dt.date(2026, 12, 15)
    for store in (anne, bo):
        assert [i.field for i in list_open(store)] == ["arrears"]
        assert load_settings(store.profile.folder).open_conflicts == 1


def test_keeping_the_current_value_settles_the_conflict_everywhere(
    lab: LaptopLab, two_with_conflicts: tuple[Store, Store, str]
) -> None:
    anne, bo, case_id = two_with_conflicts
    for item in list_open(anne):
        keep_current(anne, item.kind, item.id)
    assert list_open(anne) == []
    lab.sync_all(rounds=2)
    assert list_open(bo) == []
    assert case_value(anne, case_id, "arrears") == case_value(bo, case_id, "arrears") == Money.kr(11200)


def test_a_kept_deletion_conflict_can_be_turned_into_the_deletion(lab: LaptopLab) -> None:
    anne, bo = lab.laptop("anne"), lab.laptop("bo")
    case_id = create_case(
        anne,
        NewCase(first_name="Anna", last_name="Hansen", address_line="Lærkevej 4"),
        today=dt.date(2026, 11, 24),
    )
    lab.sync_all(rounds=1)
    edit_case(anne, case_id, deleted=True)
    edit_case(bo, case_id, hearing_on=dt.date(2026, 12, 3))
    lab.sync_all(rounds=2)
    item = next(i for i in list_open(anne) if i.field == "deleted")
    assert (item.current_text, item.other_text) == ("Findes", "Slettet")
    assert item.kind is ItemKind.CONFLICT
    use_other(anne, item.kind, item.id)
    lab.sync_all(rounds=2)
    assert case_value(anne, case_id, "deleted") is True
    assert case_value(bo, case_id, "deleted") is True
