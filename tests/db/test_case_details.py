"""A closed case keeps its phase, and everything saved on a case survives closing and reopening the store.

The rules of each part of a case live in their own test files (test_tenant, test_household, test_tenancy,
test_case_registration, test_timeline, test_arrears, test_registration, test_contact, test_journal,
test_closing, test_case_read).
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from boligdesk.budget.money import Money
from boligdesk.budget.vocabulary import CasePhase, Cause, Certainty, CodeCategory, MemberRole, Outcome
from boligdesk.errors import UserInputError
from boligdesk.models import JournalNote
from boligdesk.models.store import Profile, Store, open_store
from boligdesk.services.case_read import CaseDetails
from boligdesk.services.cases import NewCase, NewMember
from boligdesk.services.desk import Desk
from tests.cases import create_case
from tests.conftest import TEST_PASSPHRASE

TODAY = dt.date(2026, 3, 10)  # a Tuesday
ME = "Rikke Rådgiver"


def new_case(store: Store) -> str:
    data = NewCase(
        first_name="Mette",
        last_name="Testesen",
        address_line="Engparken 12, st. tv.",
        postcode="2400",
        city="København NV",
        phone="12 34 56 78",
        rent=Money.kr(6500),
        arrears=Money.kr(13000),
        birth_date=dt.date(1985, 6, 1),
        members=(NewMember("Mathias", MemberRole.CHILD, dt.date(2009, 3, 3)),),
    )
    return create_case(store, data, today=TODAY, actor=ME)


def desk(store: Store) -> Desk:
    return Desk(store, adviser_name=ME, today=lambda: TODAY)


def details(store: Store, case_id: str) -> CaseDetails:
    result = desk(store).case_view.details(case_id)
    assert result is not None
    return result


def test_phase_of_a_closed_case_cannot_be_changed(store: Store) -> None:
    case_id = new_case(store)
    desk(store).closing.set_field(case_id, "outcome", Outcome.OTHER)
    desk(store).closing.close(case_id, closed_on=TODAY)
    with pytest.raises(UserInputError) as error:
        desk(store).cases.set_field(case_id, "phase", CasePhase.ADVICE)
    assert error.value.message == "Sagen er afsluttet. Genåbn den for at ændre fasen."


def test_everything_saved_is_there_after_reopening_the_store(store: Store, profile: Profile) -> None:
    case_id = new_case(store)
    desk(store).tenant.set_field(case_id, "phone", "11 22 33 44")
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
