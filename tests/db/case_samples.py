"""A made-up case to edit, on a real encrypted store, for the tenant/household/tenancy/case-field tests."""

from __future__ import annotations

import datetime as dt

import pytest

from boligdesk.budget.money import Money
from boligdesk.budget.vocabulary import MemberRole
from boligdesk.errors import UserInputError
from boligdesk.models import Estate, HousingAssociation
from boligdesk.models.store import Store
from boligdesk.services import case_read as cd
from boligdesk.services.cases import NewCase, NewMember
from boligdesk.services.desk import Desk

TODAY = dt.date(2026, 3, 10)  # a Tuesday
ME = "Rikke Rådgiver"


def desk(store: Store, today: dt.date = TODAY) -> Desk:
    return Desk(store, adviser_name=ME, today=lambda: today)


def sample_case(**overrides: object) -> NewCase:
    data: dict[str, object] = {
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
    return NewCase(**data)  # type: ignore[arg-type]


def new_case(store: Store, **overrides: object) -> str:
    return desk(store).cases.create(sample_case(**overrides)).id


def details(store: Store, case_id: str, today: dt.date = TODAY) -> cd.CaseDetails:
    with store.session() as s:
        result = cd.load_case_details(s, case_id, today)
    assert result is not None
    return result


def refused(call: object, *args: object, **kwargs: object) -> UserInputError:
    assert callable(call)
    with pytest.raises(UserInputError) as info:
        call(*args, **kwargs)
    return info.value


def make_estate(store: Store, *, deleted: bool = False, number: str = "12", name: str = "Engparken") -> str:
    with store.session() as s:
        assoc = HousingAssociation(name="Boligselskabet Fjordglimt")
        s.add(assoc)
        s.flush()
        estate = Estate(association_id=assoc.id, number=number, name=name, deleted=deleted)
        s.add(estate)
        s.flush()
        return estate.id
