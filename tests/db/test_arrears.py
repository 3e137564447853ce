"""The arrears parts (``desk.arrears``): one owner, one order, one total for every screen that shows them."""

from __future__ import annotations

import datetime as dt

from boligdesk.budget.money import Money
from boligdesk.budget.vocabulary import ArrearsKind, AuditAction
from boligdesk.models.store import Store
from boligdesk.services.arrears import ArrearsInput
from boligdesk.services.changes import Part
from boligdesk.services.plan_loading import debt_picture
from tests.db.case_setup import audit_details, desk, details, new_case, refused

D = dt.date


def test_a_registered_arrears_that_differs_from_its_parts_is_shown_and_can_be_aligned(store: Store) -> None:
    case_id = new_case(store)  # 13.000 kr. arrears, one rent part of 13.000 kr. from create_case
    desk(store).arrears.add(
        case_id, ArrearsInput(ArrearsKind.REMINDER_FEE, Money.kr(314), text="Påkravsgebyr")
    )
    d = details(store, case_id)
    assert d.computed.arrears_items_total == Money.kr(13314)
    assert d.computed.warnings == ()  # parts edited: the arrears follow them
    desk(store).timeline.set_field(case_id, "arrears", Money.kr(15000))  # the landlord's new figure
    assert details(store, case_id).computed.warnings == (
        "Posterne summer til 13.314,00 kr., men restancen er registreret som 15.000,00 kr.",
    )
    desk(store).arrears.align_registered(case_id)
    assert details(store, case_id).timeline.arrears == Money.kr(13314)
    assert details(store, case_id).computed.warnings == ()


def test_case_view_builder_and_timeline_warning_agree_on_the_parts_their_order_and_total(
    store: Store,
) -> None:
    case_id = new_case(store)  # one rent part of 13.000 kr. without a period, from create_case
    arrears = desk(store).arrears
    arrears.add(case_id, ArrearsInput(ArrearsKind.REMINDER_FEE, Money.kr(314), period=D(2026, 1, 5)))
    arrears.add(case_id, ArrearsInput(ArrearsKind.RENT, Money.kr(6500), period=D(2026, 3, 1)))
    arrears.add(case_id, ArrearsInput(ArrearsKind.RENT, Money.kr(6400), period=D(2026, 2, 1)))
    desk(store).timeline.set_field(case_id, "arrears", Money.kr(20000))  # a figure that differs
    d = details(store, case_id)
    with store.session() as s:
        picture = debt_picture(s, case_id)
    expected_total = Money.kr(13000 + 314 + 6500 + 6400)
    # One order: rent (without period first, then by month), then fees.
    assert [(r.kind, r.period) for r in d.arrears_items] == [
        (ArrearsKind.RENT, None),
        (ArrearsKind.RENT, D(2026, 2, 1)),
        (ArrearsKind.RENT, D(2026, 3, 1)),
        (ArrearsKind.REMINDER_FEE, D(2026, 1, 5)),
    ]
    assert tuple(picture.items) == d.arrears_items == arrears.rows(case_id)
    # One total: the case view's, the builder's and the one in the timeline's warning.
    assert d.computed.arrears_items_total == picture.items_total == expected_total
    assert d.computed.warnings == (
        f"Posterne summer til {expected_total.format()}, men restancen er registreret som 20.000,00 kr.",
    )
    assert picture.registered_differs and picture.registered == Money.kr(20000)


def test_writes_name_the_arrears_and_are_audited_by_the_flush_hook(store: Store) -> None:
    case_id = new_case(store)
    arrears = desk(store).arrears
    created = arrears.add(case_id, ArrearsInput(ArrearsKind.OTHER, Money.kr(100), text="Nøgle"))
    assert created.changes.touches(case_id, Part.ARREARS)
    assert arrears.update(created.id, ArrearsInput(ArrearsKind.OTHER, Money.kr(150))).case_id == case_id
    assert details(store, case_id).timeline.arrears == Money.kr(13150)
    assert arrears.remove(created.id).touches(case_id, Part.ARREARS)
    assert not arrears.remove(created.id)  # already gone: nothing changes
    assert details(store, case_id).timeline.arrears == Money.kr(13000)
    events = audit_details(store, case_id)
    assert (AuditAction.CREATE, "arrears_item", "") in events
    assert (AuditAction.DELETE, "arrears_item", "") in events
    assert (AuditAction.UPDATE, "case", "fields=arrears") in events


def test_a_part_that_is_gone_cannot_be_changed(store: Store) -> None:
    error = refused(desk(store).arrears.update, "no-such-id", ArrearsInput(ArrearsKind.RENT, Money.kr(1)))
    assert error.code == "arrears_item.not_found"
    assert error.message.startswith("Restanceposten findes ikke længere.")


def test_a_new_case_with_rent_and_pakrav_date_gets_its_arrears_as_rent_months(store: Store) -> None:
    case_id = new_case(store, reminder_sent_on=D(2026, 1, 7))  # rent 6.500 kr., arrears 13.000 kr.
    rows = desk(store).arrears.rows(case_id)
    assert [(r.kind, r.period, r.amount) for r in rows] == [
        (ArrearsKind.RENT, D(2025, 12, 1), Money.kr(6500)),
        (ArrearsKind.RENT, D(2026, 1, 1), Money.kr(6500)),
    ]


def test_a_lump_without_parts_is_split_with_the_charged_fee_before_a_part_is_added(store: Store) -> None:
    case_id = new_case(store, arrears=Money(0), reminder_sent_on=D(2026, 1, 7))
    d = desk(store)
    assert d.arrears.rows(case_id) == ()
    d.timeline.set_field(case_id, "arrears", Money.kr(10_300))
    d.timeline.set_field(case_id, "reminder_fee", Money.kr(300))
    d.arrears.add(case_id, ArrearsInput(ArrearsKind.RENT, Money.kr(6500), period=D(2026, 2, 1)))
    rows = d.arrears.rows(case_id)
    assert [(r.kind, r.period, r.amount) for r in rows] == [
        (ArrearsKind.RENT, D(2025, 12, 1), Money.kr(3500)),
        (ArrearsKind.RENT, D(2026, 1, 1), Money.kr(6500)),
        (ArrearsKind.RENT, D(2026, 2, 1), Money.kr(6500)),
        (ArrearsKind.REMINDER_FEE, D(2026, 1, 7), Money.kr(300)),
    ]
    assert details(store, case_id).timeline.arrears == Money.kr(16_800)  # the lump kept, the new part added
