from __future__ import annotations

import pytest

from boligdesk.errors import UserInputError
from boligdesk.models.store import Store
from boligdesk.services.organisations import add_association, list_estates, save_estate


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
