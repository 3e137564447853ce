"""The case view's read model (``desk.case_view``), on a real encrypted store (invented people only)."""

from __future__ import annotations

from boligdesk.budget.contact_process import ContactStep
from boligdesk.budget.vocabulary import AuditAction, CaseKind, MemberRole
from boligdesk.models.store import Store
from tests.db.case_setup import audit_details, desk, details, new_case


def test_a_new_case_loads_with_tenant_household_tenancy_and_kind_history(store: Store) -> None:
    case_id = new_case(store)
    d = details(store, case_id)
    assert d.tenant.full_name == "Mette Testesen"
    assert d.tenant.age == 40
    assert [(m.name, m.role, m.is_tenant) for m in d.members] == [
        ("Mette Testesen", MemberRole.ADULT, True),
        ("Mathias", MemberRole.CHILD, False),
    ]
    assert d.tenancy is not None and d.tenancy.full_address == "Engparken 12, st. tv., 2400 København NV"
    assert [k.kind for k in d.kind_history] == [CaseKind.EVICTION_THREAT]
    assert d.next_contact_step.step is ContactStep.PHONE
    assert d.turning_18[0].text == "Mathias fylder 18 den 3. marts 2027 — børne- og ungeydelsen stopper"
    assert (d.household_count.adults, d.household_count.children) == (1, 1)


def test_a_missing_or_deleted_case_loads_as_none(store: Store) -> None:
    assert desk(store).case_view.details("no-such-id") is None


def test_opening_a_case_is_recorded_as_an_audit_event(store: Store) -> None:
    case_id = new_case(store)
    desk(store).case_view.record_open(case_id)
    assert (AuditAction.OPEN, "case", "") in audit_details(store, case_id)
