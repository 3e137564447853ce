from __future__ import annotations

import pytest

from boligdesk.errors import UserInputError
from boligdesk.models.store import Store
from boligdesk.services.changes import Changes, Part
from boligdesk.services.desk import Desk
from boligdesk.services.organisations import EstateRow


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
