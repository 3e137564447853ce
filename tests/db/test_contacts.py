"""Contacts (Indstillinger → Kontakter): validation, links to cases, and two laptops sharing them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from boligdesk.budget.cooperation import ContactRole
from boligdesk.models.store import Store
from boligdesk.services.changes import Part
from boligdesk.services.desk import Desk
from boligdesk.sync.simulation import LaptopLab
from tests.db.case_setup import TODAY, desk, new_case, refused


def sagsbehandler(d: Desk, **extra: object) -> str:
    values: dict[str, object] = {
        "role": ContactRole.CASEWORKER,
        "name": "Sofie Sagsbehandler",
        "organisation": "Opdigtet Kommune, Ydelsescenter",
        "phone": "33 33 33 33",
        "email": "sofie@opdigtet.invalid.dk",
        "hours": "Man–tor 9–12",
        "checked_on": "01.03.2026",
    }
    values.update(extra)
    return d.contacts.add(**values).id


def test_a_contact_is_saved_with_every_field_and_sorted_by_role(store: Store) -> None:
    d = desk(store)
    bank = d.contacts.add(role="bank", name="Kundeservice", organisation="Opdigtet Bank").id
    first = sagsbehandler(d)
    rows = d.contacts.all()
    assert [r.id for r in rows] == [first, bank]  # sagsbehandler before bank
    row = d.contacts.get(first)
    assert (row.role_label, row.phone, row.hours, row.checked_on) == (
        "Sagsbehandler (kommunen)",
        "33 33 33 33",
        "Man–tor 9–12",
        dt.date(2026, 3, 1),
    )
    assert row.days_since_checked(TODAY) == 9


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [
        ("name", "   ", "Skriv kontaktens navn"),
        ("phone", "12", "Telefon"),
        ("email", "ikke en adresse", "E-mail"),
        ("checked_on", "11.03.2026", "efter i dag"),
    ],
)
def test_a_bad_value_is_refused_in_danish_and_nothing_is_saved(
    store: Store, field: str, value: str, says: str
) -> None:
    d = desk(store)
    error = refused(sagsbehandler, d, **{field: value})
    assert error.field == field
    assert says.lower() in error.message.lower()
    assert d.contacts.all() == []


def test_linking_to_a_case_twice_keeps_one_link_and_deleting_the_contact_removes_it(store: Store) -> None:
    d = desk(store)
    case_id = new_case(store)
    contact_id = sagsbehandler(d)
    changes = d.contacts.link(case_id, contact_id)
    assert changes.touches(case_id, Part.CONTACTS)
    d.contacts.link(case_id, contact_id)
    assert [r.id for r in d.contacts.for_case(case_id)] == [contact_id]
    d.contacts.delete(contact_id)
    assert d.contacts.for_case(case_id) == []
    assert d.contacts.all() == []
    assert refused(d.contacts.link, case_id, contact_id).code == "contact.not_found"


def test_editing_changes_only_what_was_typed_and_mark_checked_uses_today(store: Store) -> None:
    d = desk(store)
    contact_id = sagsbehandler(d)
    d.contacts.edit(contact_id, phone="44 44 44 44")
    d.contacts.mark_checked(contact_id)
    row = d.contacts.get(contact_id)
    assert (row.phone, row.name, row.checked_on) == ("44 44 44 44", "Sofie Sagsbehandler", TODAY)


# --- two laptops ----------------------------------------------------------------------------------


@pytest.fixture
def lab(tmp_path: Path) -> Iterator[LaptopLab]:
    lab = LaptopLab(tmp_path)  # no template: each laptop's profile is made on its own
    yield lab
    lab.close()


def test_contacts_made_on_two_independent_laptops_reach_both_and_links_travel(lab: LaptopLab) -> None:
    anne, bo = lab.laptop("anne"), lab.laptop("bo")
    a, b = desk(anne, adviser="Anne"), desk(bo, adviser="Bo")
    sofie = sagsbehandler(a)
    varmemester = b.contacts.add(role="caretaker", name="Kurt Varmemester", phone="22 22 22 22").id
    case_id = new_case(anne)
    lab.sync_all()
    for d in (a, b):
        assert {r.id for r in d.contacts.all()} == {sofie, varmemester}
    # Bo links Anne's contact to Anne's case and corrects the phone; Anne sees both after sync.
    b.contacts.link(case_id, sofie)
    b.contacts.edit(sofie, phone="55 55 55 55")
    lab.sync_all()
    assert [r.phone for r in a.contacts.for_case(case_id)] == ["55 55 55 55"]
    # A deletion travels too.
    a.contacts.delete(varmemester)
    lab.sync_all()
    assert [r.id for r in b.contacts.all()] == [sofie]
