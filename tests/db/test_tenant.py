"""``desk.tenant``: the tenant's details, field by field (invented people only)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from boligdesk.budget.vocabulary import AuditAction, CivilStatus, Education, LetterDelivery
from boligdesk.models import AuditEvent
from boligdesk.models.store import Store
from boligdesk.services.changes import Changes, Part
from boligdesk.services.tenant import TENANT_FIELDS, TenantField
from tests.db.case_samples import desk, details, new_case, refused


def audit_details(store: Store, case_id: str) -> list[tuple[AuditAction, str, str]]:
    with store.session() as s:
        events = s.scalars(
            select(AuditEvent).where(AuditEvent.case_id == case_id).order_by(AuditEvent.at)
        ).all()
        return [(e.action, e.entity, e.detail) for e in events]


def test_tenant_fields_are_saved_and_the_household_line_follows_the_name(store: Store) -> None:
    case_id = new_case(store)
    tenant = desk(store).tenant
    changes = tenant.set_field(case_id, "first_name", "  Mette Marie ")
    assert changes == Changes.of(case_id, Part.TENANT, Part.HOUSEHOLD)
    tenant.set_field(case_id, "email", "mette@eksempel.dk")
    assert tenant.set_field(case_id, "preferred_language", "engelsk") == Changes.of(case_id, Part.TENANT)
    tenant.set_field(case_id, "civil_status", CivilStatus.DIVORCED)
    tenant.set_field(case_id, "education", Education.VOCATIONAL)
    tenant.set_field(case_id, "birth_date", dt.date(1986, 1, 2))
    d = details(store, case_id)
    assert d.tenant.full_name == "Mette Marie Testesen"
    assert (d.tenant.email, d.tenant.preferred_language) == ("mette@eksempel.dk", "engelsk")
    assert (d.tenant.civil_status, d.tenant.education) == (CivilStatus.DIVORCED, Education.VOCATIONAL)
    assert d.members[0].name == "Mette Marie Testesen"
    assert d.members[0].birth_date == dt.date(1986, 1, 2)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("first_name", "  ", "Skriv lejerens fornavn."),
        ("phone", "12 34", "»12 34« er ikke et telefonnummer. Skriv 8 cifre, fx 12 34 56 78."),
        ("email", "mette@", "»mette@« er ikke en e-mailadresse. Skriv fx navn@eksempel.dk."),
        ("birth_date", dt.date(2026, 3, 11), "Fødselsdatoen ligger i fremtiden."),
        ("birth_date", dt.date(1900, 1, 1), "Fødselsdatoen ligger mere end 120 år tilbage. Tjek årstallet."),
        ("last_name", "x" * 121, "Efternavnet er for lang (højst 120 tegn)."),
    ],
)
def test_bad_tenant_values_are_refused_with_a_danish_message_and_nothing_changes(
    store: Store, field: TenantField, value: object, message: str
) -> None:
    case_id = new_case(store)
    before = details(store, case_id).tenant
    error = refused(desk(store).tenant.set_field, case_id, field, value)
    assert (error.field, error.message) == (field, message)
    assert details(store, case_id).tenant == before


def test_an_international_phone_number_is_accepted(store: Store) -> None:
    case_id = new_case(store)
    desk(store).tenant.set_field(case_id, "phone", "+46 70 123 45 67")
    assert details(store, case_id).tenant.phone == "+46 70 123 45 67"


def test_letters_not_reaching_the_tenant_is_registered_with_the_reason(store: Store) -> None:
    case_id = new_case(store)
    desk(store).cases.set_field(case_id, "letters_reach_tenant", LetterDelivery.NO_UNOPENED)
    assert details(store, case_id).letters_reach_tenant is LetterDelivery.NO_UNOPENED


def test_changes_are_audited_with_field_names_only(store: Store) -> None:
    case_id = new_case(store)
    desk(store).tenant.set_field(case_id, "phone", "87 65 43 21")
    events = audit_details(store, case_id)
    assert (AuditAction.UPDATE, "person", "fields=phone") in events
    assert not any("87 65" in detail for _, _, detail in events)


def test_a_deleted_case_is_refused_with_the_one_not_found_message(store: Store) -> None:
    error = refused(desk(store).tenant.set_field, "no-such-case", "phone", "12345678")
    assert error.code == "case.not_found"


def test_the_tenant_table_labels_every_field_in_danish() -> None:
    assert TENANT_FIELDS.labels()["phone"] == "Telefon"
    assert set(TENANT_FIELDS.names) == set(TenantField.__args__)  # type: ignore[attr-defined]
