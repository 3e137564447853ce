"""Saving the case's tenant, household, tenancy and own fields, on a real encrypted store (invented
people only). The other parts of the case have their own test modules (test_case_read, test_timeline,
test_arrears, test_registration, test_contact, test_journal, test_closing)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from boligdesk.budget.money import Money
from boligdesk.budget.vocabulary import (
    AuditAction,
    CaseKind,
    CasePhase,
    Cause,
    Certainty,
    CivilStatus,
    CodeCategory,
    Education,
    IncomeBasis,
    LetterDelivery,
    MemberRole,
    Outcome,
)
from boligdesk.errors import UserInputError
from boligdesk.models import AuditEvent, Estate, HouseholdMember, HousingAssociation, JournalNote
from boligdesk.models.store import Profile, Store, open_store
from boligdesk.services import case_details as cd
from boligdesk.services.case_read import CaseDetails
from boligdesk.services.cases import NewCase, NewMember, create_case
from boligdesk.services.desk import Desk
from tests.conftest import TEST_PASSPHRASE

TODAY = dt.date(2026, 3, 10)  # a Tuesday
ME = "Rikke Rådgiver"


def new_case(store: Store, **overrides: object) -> str:
    data = {
        "first_name": "Mette",
        "last_name": "Testesen",
        "address_line": "Engparken 12, st. tv.",
        "postcode": "2400",
        "city": "København NV",
        "phone": "12 34 56 78",
        "rent": Money.kr(6500),
        "arrears": Money.kr(13000),
        "birth_date": dt.date(1985, 6, 1),
        "members": (NewMember("Mathias", MemberRole.CHILD, dt.date(2009, 3, 3)),),
    }
    data.update(overrides)
    return create_case(store, NewCase(**data), today=TODAY, actor=ME)  # type: ignore[arg-type]


def desk(store: Store, today: dt.date = TODAY) -> Desk:
    return Desk(store, adviser_name=ME, today=lambda: today)


def details(store: Store, case_id: str, today: dt.date = TODAY) -> CaseDetails:
    result = desk(store, today).case_view.details(case_id)
    assert result is not None
    return result


def refused(call: object, *args: object, **kwargs: object) -> UserInputError:
    assert callable(call)
    with pytest.raises(UserInputError) as info:
        call(*args, **kwargs)
    return info.value


def audit_details(store: Store, case_id: str) -> list[tuple[AuditAction, str, str]]:
    with store.session() as s:
        events = s.scalars(
            select(AuditEvent).where(AuditEvent.case_id == case_id).order_by(AuditEvent.at)
        ).all()
        return [(e.action, e.entity, e.detail) for e in events]


# --- tenant -----------------------------------------------------------------------------------------


def test_tenant_fields_are_saved_and_the_household_line_follows_the_name(store: Store) -> None:
    case_id = new_case(store)
    cd.set_tenant_field(store, case_id, "first_name", "  Mette Marie ", today=TODAY, actor=ME)
    cd.set_tenant_field(store, case_id, "email", "mette@eksempel.dk", today=TODAY, actor=ME)
    cd.set_tenant_field(store, case_id, "preferred_language", "engelsk", today=TODAY)
    cd.set_tenant_field(store, case_id, "civil_status", CivilStatus.DIVORCED, today=TODAY)
    cd.set_tenant_field(store, case_id, "education", Education.VOCATIONAL, today=TODAY)
    cd.set_tenant_field(store, case_id, "birth_date", dt.date(1986, 1, 2), today=TODAY)
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
    store: Store, field: cd.TenantField, value: object, message: str
) -> None:
    case_id = new_case(store)
    before = details(store, case_id).tenant
    error = refused(cd.set_tenant_field, store, case_id, field, value, today=TODAY)
    assert (error.field, error.message) == (field, message)
    assert details(store, case_id).tenant == before


def test_an_international_phone_number_is_accepted(store: Store) -> None:
    case_id = new_case(store)
    cd.set_tenant_field(store, case_id, "phone", "+46 70 123 45 67", today=TODAY)
    assert details(store, case_id).tenant.phone == "+46 70 123 45 67"


def test_letters_not_reaching_the_tenant_is_registered_with_the_reason(store: Store) -> None:
    case_id = new_case(store)
    cd.set_case_field(store, case_id, "letters_reach_tenant", LetterDelivery.NO_UNOPENED, actor=ME)
    assert details(store, case_id).letters_reach_tenant is LetterDelivery.NO_UNOPENED


def test_changes_are_audited_with_field_names_only(store: Store) -> None:
    case_id = new_case(store)
    cd.set_tenant_field(store, case_id, "phone", "87 65 43 21", today=TODAY, actor=ME)
    events = audit_details(store, case_id)
    assert (AuditAction.UPDATE, "person", "fields=phone") in events
    assert not any("87 65" in detail for _, _, detail in events)


# --- household --------------------------------------------------------------------------------------


def test_members_can_be_added_changed_and_removed_as_tombstones(store: Store) -> None:
    case_id = new_case(store)
    jonas = cd.add_member(
        store, case_id, cd.NewMember("Jonas", MemberRole.CHILD, dt.date(2006, 5, 5)), today=TODAY, actor=ME
    )
    cd.set_member_field(store, case_id, jonas, "pays_in", True, today=TODAY)
    cd.set_member_field(store, case_id, jonas, "role", MemberRole.ADULT, today=TODAY)
    d = details(store, case_id)
    row = next(m for m in d.members if m.id == jonas)
    assert (row.role, row.pays_in, row.age) == (MemberRole.ADULT, True, 19)
    cd.remove_member(store, case_id, jonas, actor=ME)
    assert jonas not in [m.id for m in details(store, case_id).members]
    with store.session() as s:
        tomb = s.get(HouseholdMember, jonas)
        assert tomb is not None and tomb.deleted


def test_the_tenant_cannot_be_removed_from_the_household(store: Store) -> None:
    case_id = new_case(store)
    tenant_line = details(store, case_id).members[0]
    error = refused(cd.remove_member, store, case_id, tenant_line.id)
    assert error.message == "Lejeren kan ikke fjernes fra husstanden."


def test_a_member_needs_a_name(store: Store) -> None:
    case_id = new_case(store)
    error = refused(cd.add_member, store, case_id, cd.NewMember(" ", MemberRole.CHILD), today=TODAY)
    assert error.message == "Skriv navnet på husstandsmedlemmet."


# --- tenancy ----------------------------------------------------------------------------------------


def make_estate(store: Store) -> str:
    with store.session() as s:
        assoc = HousingAssociation(name="Boligselskabet Fjordglimt")
        s.add(assoc)
        s.flush()
        estate = Estate(association_id=assoc.id, number="12", name="Engparken")
        s.add(estate)
        s.flush()
        return estate.id


def test_tenancy_fields_and_estate_are_saved(store: Store) -> None:
    case_id = new_case(store)
    estate_id = make_estate(store)
    cd.set_tenancy_field(store, case_id, "estate_id", estate_id, today=TODAY)
    cd.set_tenancy_field(store, case_id, "tenancy_number", "12-034-05", today=TODAY)
    cd.set_tenancy_field(store, case_id, "rent", Money.kr("7123.50"), today=TODAY)
    cd.set_tenancy_field(store, case_id, "move_in_date", dt.date(2015, 8, 1), today=TODAY)
    cd.set_tenancy_field(store, case_id, "rooms", 3, today=TODAY)
    tenancy = details(store, case_id).tenancy
    assert tenancy is not None
    assert (tenancy.estate_name, tenancy.association_name) == ("12 Engparken", "Boligselskabet Fjordglimt")
    assert (tenancy.tenancy_number, tenancy.rent, tenancy.rooms) == ("12-034-05", Money(712350), 3)
    with store.session() as s:
        assert [c.label for c in cd.load_estate_choices(s)] == ["Boligselskabet Fjordglimt · 12 Engparken"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("address_line", "", "Skriv lejemålets adresse."),
        ("postcode", "240", "Postnummeret skal være fire cifre, fx 2400."),
        ("rent", Money.kr(-1), "Huslejen kan ikke være negativ."),
        ("rent", Money.kr(650000), "En husleje på 650.000,00 kr. om måneden er usandsynlig. Tjek beløbet."),
        ("rooms", 0, "Antal værelser skal være et helt tal fra 1 til 20."),
        ("estate_id", "nope", "Afdelingen findes ikke. Vælg en afdeling på listen."),
        (
            "move_in_date",
            dt.date(2027, 6, 1),
            "Indflytningsdatoen ligger mere end et år ude i fremtiden. Tjek årstallet.",
        ),
    ],
)
def test_bad_tenancy_values_are_refused(
    store: Store, field: cd.TenancyField, value: object, message: str
) -> None:
    case_id = new_case(store)
    error = refused(cd.set_tenancy_field, store, case_id, field, value, today=TODAY)
    assert (error.field, error.message) == (field, message)


# --- kind, phase, picklists, checklist ---------------------------------------------------------------


def test_changing_the_kind_keeps_its_history(store: Store) -> None:
    case_id = new_case(store)
    assert cd.set_kind(store, case_id, CaseKind.RETENTION, actor=ME)
    assert not cd.set_kind(store, case_id, CaseKind.RETENTION, actor=ME)
    d = details(store, case_id)
    assert d.kind is CaseKind.RETENTION
    assert [(k.kind, k.changed_by) for k in d.kind_history] == [
        (CaseKind.EVICTION_THREAT, ME),
        (CaseKind.RETENTION, ME),
    ]


def test_phase_is_saved_but_closing_goes_through_the_closing_registration(store: Store) -> None:
    case_id = new_case(store)
    cd.set_case_field(store, case_id, "phase", CasePhase.ADVICE)
    assert details(store, case_id).phase is CasePhase.ADVICE
    error = refused(cd.set_case_field, store, case_id, "phase", CasePhase.CLOSED)
    assert error.message == "Afslut sagen med knappen »Afslut sagen« under »Afslutning«."


def test_single_value_picklists_are_saved(store: Store) -> None:
    case_id = new_case(store)
    cd.set_case_field(store, case_id, "income_basis", IncomeBasis.CASH_BENEFIT)
    cd.set_case_field(store, case_id, "referral_source", "termination_list")
    cd.set_case_field(store, case_id, "terminations_this_year", 2)
    d = details(store, case_id)
    assert (d.income_basis, d.referral_source, d.terminations_this_year) == (
        IncomeBasis.CASH_BENEFIT,
        "termination_list",
        2,
    )
    error = refused(cd.set_case_field, store, case_id, "terminations_this_year", 13)
    assert error.message == "Antal ophævelser i år skal være et helt tal fra 0 til 12."


def test_phase_of_a_closed_case_cannot_be_changed(store: Store) -> None:
    case_id = new_case(store)
    desk(store).closing.set_field(case_id, "outcome", Outcome.OTHER)
    desk(store).closing.close(case_id, closed_on=TODAY)
    error = refused(cd.set_case_field, store, case_id, "phase", CasePhase.ADVICE)
    assert error.message == "Sagen er afsluttet. Genåbn den for at ændre fasen."


# --- persistence ---------------------------------------------------------------------------------------


def test_everything_saved_is_there_after_reopening_the_store(store: Store, profile: Profile) -> None:
    case_id = new_case(store)
    cd.set_tenant_field(store, case_id, "phone", "11 22 33 44", today=TODAY)
    desk(store).registration.set_code(
        case_id, CodeCategory.CAUSE, Cause.DEBT, True, certainty=Certainty.KNOWN
    )
    desk(store).journal.add_note(case_id, "Første møde holdt.")
    store.close()
    reopened = open_store(profile, passphrase=TEST_PASSPHRASE)
    try:
        d = details(reopened, case_id)
        assert d.tenant.phone == "11 22 33 44"
        assert d.selected(CodeCategory.CAUSE) == {"debt": "known"}
        assert [n.text for n in d.journal] == ["Første møde holdt."]
        with reopened.session() as s:
            assert s.scalars(select(JournalNote)).all()
    finally:
        reopened.close()
