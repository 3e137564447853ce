"""Shared set-up for the case services' tests: one invented case, a desk on a fixed day, refusals."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from boligdesk.budget.money import Money
from boligdesk.budget.vocabulary import AuditAction, MemberRole
from boligdesk.errors import UserInputError
from boligdesk.models import AuditEvent
from boligdesk.models.store import Store
from boligdesk.services.case_read import CaseDetails
from boligdesk.services.cases import NewCase, NewMember
from boligdesk.services.desk import Desk
from tests.cases import create_case

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


def desk(store: Store, today: dt.date = TODAY, adviser: str = ME) -> Desk:
    return Desk(store, adviser_name=adviser, today=lambda: today)


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
