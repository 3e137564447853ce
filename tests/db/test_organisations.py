from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from boligdesk.budget.vocabulary import AuditAction
from boligdesk.errors import UserInputError
from boligdesk.models import AuditEvent, Case, Estate
from boligdesk.models.store import Store
from boligdesk.services.cases import NewCase
from boligdesk.services.changes import Changes, Part
from boligdesk.services.desk import Desk
from boligdesk.services.import_terminations import estate_refs
from boligdesk.services.organisations import EstateRow
from tests.cases import create_case

TODAY = dt.date(2026, 11, 24)


def add_association(store: Store, name: str) -> str:
    return Desk(store).estates.add_association(name).id


def list_estates(store: Store) -> list[EstateRow]:
    return Desk(store).estates.rows()


def save_estate(store: Store, **values: object) -> str:
    created = Desk(store).estates.save_estate(**values)  # type: ignore[arg-type]
    assert created.changes == Changes.of(None, Part.ESTATES)
    return created.id


def test_estate_policy_is_saved_per_estate(store: Store) -> None:
    association = add_association(store, "Boligselskabet Prøve")
    six = save_estate(
        store,
        estate_id=None,
        association_id=association,
        number="103",
        name="Granhøj",
        max_plan_months=6,
        phone_plan_max_months=3,
    )
    save_estate(
        store,
        estate_id=None,
        association_id=association,
        number="101",
        name="Solgården",
        max_plan_months=12,
        phone_plan_max_months=3,
    )
    rows = {r.id: r for r in list_estates(store)}
    assert rows[six].max_plan_months == 6
    assert [r.number for r in list_estates(store)] == ["101", "103"]


@pytest.mark.parametrize(
    ("max_months", "phone_months", "message"),
    [
        (13, 3, "Den længste afdragsordning skal være mellem 1 og 12 måneder."),
        (
            6,
            7,
            "Grænsen for aftaler pr. telefon skal være mindst 1 måned og højst afdelingens længste ordning.",
        ),
    ],
)
def test_impossible_policy_is_refused(store: Store, max_months: int, phone_months: int, message: str) -> None:
    association = add_association(store, "Boligselskabet Prøve")
    with pytest.raises(UserInputError) as info:
        save_estate(
            store,
            estate_id=None,
            association_id=association,
            number="1",
            name="A",
            max_plan_months=max_months,
            phone_plan_max_months=phone_months,
        )
    assert info.value.message == message
    assert list_estates(store) == []


def test_estate_choices_leave_out_deleted_estates_and_associations(store: Store) -> None:
    desk = Desk(store)
    live = add_association(store, "Boligselskabet Prøve")
    keep = save_estate(
        store,
        estate_id=None,
        association_id=live,
        number="7",
        name="Lyngen",
        max_plan_months=12,
        phone_plan_max_months=3,
    )
    gone = save_estate(
        store,
        estate_id=None,
        association_id=live,
        number="8",
        name="Mosen",
        max_plan_months=12,
        phone_plan_max_months=3,
    )
    from boligdesk.models import Estate

    with store.session() as s:
        row = s.get(Estate, gone)
        assert row is not None
        row.deleted = True
    assert [(c.id, c.label, c.short_label) for c in desk.estates.choices()] == [
        (keep, "Boligselskabet Prøve · 7 Lyngen", "7 Lyngen")
    ]
    with pytest.raises(UserInputError) as info:
        desk.estates.save_estate(
            estate_id=gone,
            association_id=live,
            number="8",
            name="Mosen",
            max_plan_months=12,
            phone_plan_max_months=3,
        )
    assert info.value.code == "estate.not_found"


def two_copies_of_one_estate(store: Store) -> tuple[str, str]:
    """Two profiles set up separately, then synced: the association and its estate exist twice."""
    ids = []
    for _copy in range(2):
        association = add_association(store, "Boligselskabet Fjordglimt")
        ids.append(
            save_estate(
                store,
                estate_id=None,
                association_id=association,
                number="12",
                name="Engparken",
                max_plan_months=12,
                phone_plan_max_months=3,
            )
        )
    return ids[0], ids[1]


def test_merging_estates_moves_the_cases_and_retires_the_duplicate(store: Store) -> None:
    desk = Desk(store, adviser_name="Test Rådgiver", today=lambda: TODAY)
    keep, retire = two_copies_of_one_estate(store)
    other_association = add_association(store, "Boligforeningen Hav")
    save_estate(
        store,
        estate_id=None,
        association_id=other_association,
        number="12",
        name="Engparken",
        max_plan_months=6,
        phone_plan_max_months=3,
    )
    moved = create_case(
        store,
        NewCase(first_name="Åse", last_name="Kjær", address_line="Engvej 1", estate_id=retire),
        today=TODAY,
    )
    stays = create_case(
        store,
        NewCase(first_name="Bo", last_name="Lund", address_line="Engvej 2", estate_id=keep),
        today=TODAY,
    )
    [group] = desk.estates.duplicates()
    assert {r.id for r in group} == {keep, retire}  # the same number in another association is not one

    changes = desk.estates.merge(keep, retire)

    assert changes.touches(None, Part.ESTATES)
    assert changes.touches(moved, Part.TENANCY) and not changes.touches(stays, Part.TENANCY)
    assert desk.estates.duplicates() == []
    assert retire not in {r.id for r in desk.estates.rows()}
    assert [name for _id, name in desk.estates.associations()].count("Boligselskabet Fjordglimt") == 1
    with desk.reading() as s:
        case = s.get(Case, moved)
        assert case is not None and case.tenancy is not None
        assert case.tenancy.estate_id == keep
        assert "estate_id" in json.loads(case.tenancy.field_clocks)  # an ordinary edit: it syncs
        retired = s.get(Estate, retire)
        assert retired is not None and retired.deleted
        kinds = {
            (e.entity, e.action)
            for e in s.scalars(select(AuditEvent).where(AuditEvent.actor == "Test Rådgiver"))
        }
    assert ("tenancy", AuditAction.UPDATE) in kinds and ("estate", AuditAction.DELETE) in kinds


def test_merging_an_estate_with_itself_or_a_retired_one_is_refused(store: Store) -> None:
    desk = Desk(store)
    keep, retire = two_copies_of_one_estate(store)
    with pytest.raises(UserInputError) as same:
        desk.estates.merge(keep, keep)
    assert same.value.code == "estate.merge_same"
    desk.estates.merge(keep, retire)
    with pytest.raises(UserInputError) as gone:
        desk.estates.merge(keep, retire)
    assert gone.value.code == "estate.not_found"


def test_the_import_sees_each_estates_association(store: Store) -> None:
    keep, retire = two_copies_of_one_estate(store)
    with store.session() as s:
        refs = {r.id: r for r in estate_refs(s)}
    assert refs[keep].association_name == refs[retire].association_name == "Boligselskabet Fjordglimt"
    assert refs[keep].duplicate_key == refs[retire].duplicate_key
