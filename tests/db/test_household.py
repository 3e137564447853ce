"""``desk.household``: the people living with the tenant (invented people only)."""

from __future__ import annotations

import datetime as dt

from boligdesk.budget.vocabulary import MemberRole
from boligdesk.models import HouseholdMember
from boligdesk.models.store import Store
from boligdesk.services.changes import Changes, Part
from boligdesk.services.household import NewMember
from tests.db.case_samples import desk, details, new_case, refused


def test_members_can_be_added_changed_and_removed_as_tombstones(store: Store) -> None:
    case_id = new_case(store)
    household = desk(store).household
    created = household.add(case_id, NewMember("Jonas", MemberRole.CHILD, dt.date(2006, 5, 5)))
    assert created.changes == Changes.of(case_id, Part.HOUSEHOLD)
    jonas = created.id
    household.set_field(case_id, jonas, "pays_in", True)
    household.set_field(case_id, jonas, "role", MemberRole.ADULT)
    d = details(store, case_id)
    row = next(m for m in d.members if m.id == jonas)
    assert (row.role, row.pays_in, row.age) == (MemberRole.ADULT, True, 19)
    assert household.remove(case_id, jonas) == Changes.of(case_id, Part.HOUSEHOLD)
    assert jonas not in [m.id for m in details(store, case_id).members]
    with store.session() as s:
        tomb = s.get(HouseholdMember, jonas)
        assert tomb is not None and tomb.deleted


def test_the_tenant_cannot_be_removed_from_the_household(store: Store) -> None:
    case_id = new_case(store)
    tenant_line = details(store, case_id).members[0]
    error = refused(desk(store).household.remove, case_id, tenant_line.id)
    assert error.message == "Lejeren kan ikke fjernes fra husstanden."


def test_the_tenants_own_line_is_changed_on_the_tenant(store: Store) -> None:
    case_id = new_case(store)
    tenant_line = details(store, case_id).members[0]
    error = refused(desk(store).household.set_field, case_id, tenant_line.id, "name", "Anden")
    assert error.message == "Lejerens egne oplysninger rettes under »Lejer« øverst på siden."


def test_a_member_needs_a_name(store: Store) -> None:
    case_id = new_case(store)
    error = refused(desk(store).household.add, case_id, NewMember(" ", MemberRole.CHILD))
    assert error.message == "Skriv navnet på husstandsmedlemmet."


def test_a_removed_member_cannot_be_changed(store: Store) -> None:
    case_id = new_case(store)
    household = desk(store).household
    jonas = household.add(case_id, NewMember("Jonas", MemberRole.CHILD)).id
    household.remove(case_id, jonas)
    error = refused(household.set_field, case_id, jonas, "pays_in", True)
    assert error.code == "household_member.not_found"
