"""Frister: every open case's deadlines, most urgent first, with urgency levels."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.orm import Session

from boligdesk.budget.deadlines import DeadlineKind
from boligdesk.budget.money import Money
from boligdesk.budget.vocabulary import AgreedVia, Outcome
from boligdesk.models.store import Store
from boligdesk.services.cases import NewCase
from boligdesk.services.desk import Desk
from boligdesk.services.frister import Urgency, days_left_text, urgency_for
from boligdesk.services.plan_rows import MissedInstalment, PlanInput
from tests.cases import create_case

TODAY = dt.date(2026, 3, 10)  # Tuesday


def desk(store: Store) -> Desk:
    return Desk(store, today=lambda: TODAY)


def case(store: Store, first: str, street: str, **kw: object) -> str:
    data = NewCase(
        first_name=first, last_name="Prøvesen", address_line=street, postcode="8000", city="Aarhus C"
    )
    case_id = create_case(store, data, today=dt.date(2026, 2, 1))
    for field, value in kw.items():
        desk(store).timeline.set_field(case_id, field, value)  # type: ignore[arg-type]
    return case_id


def rows(store: Store, *, today: dt.date = TODAY, **kw: object) -> list:  # type: ignore[type-arg]
    desk = Desk(store, adviser_name="Rikke Rådgiver", today=lambda: today)
    return desk.frister.rows(**kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("days", "urgency"),
    [
        (-1, Urgency.PASSED),
        (0, Urgency.WITHIN_3_DAYS),
        (3, Urgency.WITHIN_3_DAYS),
        (4, Urgency.WITHIN_7_DAYS),
        (7, Urgency.WITHIN_7_DAYS),
        (8, Urgency.LATER),
    ],
)
def test_urgency_levels(days: int, urgency: Urgency) -> None:
    assert urgency_for(days) is urgency


def test_days_left_in_words() -> None:
    assert [days_left_text(d) for d in (-3, -1, 0, 1, 5)] == [
        "3 dage over",
        "i går",
        "i dag",
        "i morgen",
        "om 5 dage",
    ]


def test_open_cases_deadlines_most_urgent_first(store: Store) -> None:
    # Anna: påkrav sent 2 March → deadline Monday 16 March, termination possible 17 March.
    case(store, "Anna", "Vestergade 1", reminder_sent_on=dt.date(2026, 3, 2))
    # Bo: eviction on Thursday 12 March.
    case(store, "Bo", "Østergade 2", termination_on=dt.date(2026, 2, 2), eviction_on=dt.date(2026, 3, 12))
    # Carl: hearing passed on 6 March and nothing later registered: shown as passed.
    case(
        store,
        "Carl",
        "Nørregade 3",
        termination_on=dt.date(2026, 2, 2),
        eviction_on=dt.date(2026, 3, 6),
    )
    result = rows(store)
    assert [(r.tenant_name.split()[0], r.kind, r.date, r.urgency) for r in result] == [
        ("Carl", DeadlineKind.EVICTION, dt.date(2026, 3, 6), Urgency.PASSED),
        ("Bo", DeadlineKind.EVICTION, dt.date(2026, 3, 12), Urgency.WITHIN_3_DAYS),
        ("Anna", DeadlineKind.REMINDER_DEADLINE, dt.date(2026, 3, 16), Urgency.WITHIN_7_DAYS),
        ("Anna", DeadlineKind.EARLIEST_TERMINATION, dt.date(2026, 3, 17), Urgency.WITHIN_7_DAYS),
    ]
    first = result[0]
    assert (first.what, first.days_left, first.address) == (
        "Udkørende fogedforretning",
        -4,
        "Nørregade 3, 8000 Aarhus C",
    )
    assert first.case_number.startswith("2026-")


def test_a_case_shows_its_upcoming_items_and_not_the_ones_already_behind_it(store: Store) -> None:
    case(
        store,
        "Dorte",
        "Søndergade 4",
        termination_on=dt.date(2026, 2, 2),
        hearing_on=dt.date(2026, 3, 3),
        eviction_on=dt.date(2026, 3, 20),
    )
    assert [r.kind for r in rows(store)] == [DeadlineKind.EVICTION]


def test_closed_withdrawn_and_deadline_free_cases_are_not_listed(store: Store) -> None:
    closed = case(store, "Erik", "Algade 5", reminder_sent_on=dt.date(2026, 3, 2))
    desk(store).closing.set_field(closed, "outcome", Outcome.ARREARS_PAID)
    desk(store).closing.close(closed, closed_on=TODAY)
    case(store, "Frida", "Bygade 6", termination_on=dt.date(2026, 3, 2), withdrawn_on=dt.date(2026, 3, 9))
    case(store, "Gunnar", "Torvet 7")
    assert rows(store) == []


def test_follow_ups_are_listed_with_their_text_until_done(store: Store) -> None:
    case_id = case(store, "Hanne", "Havnegade 8")
    fid = desk(store).journal.add_follow_up(case_id, dt.date(2026, 3, 11), "Ring om boligstøtte").id
    desk(store).journal.add_follow_up(case_id, dt.date(2026, 4, 1), "Tjek afdrag")
    listed = rows(store)
    assert [(r.what, r.urgency) for r in listed] == [
        ("Opfølgning: Ring om boligstøtte", Urgency.WITHIN_3_DAYS),
        ("Opfølgning: Tjek afdrag", Urgency.LATER),
    ]
    desk(store).journal.set_follow_up_done(case_id, fid, True)
    assert [r.what for r in rows(store)] == ["Opfølgning: Tjek afdrag"]


def test_an_overdue_follow_up_stays_red_until_done(store: Store) -> None:
    case_id = case(store, "Ib", "Kirkevej 9")
    desk(store).journal.add_follow_up(case_id, dt.date(2026, 3, 10), "Besøg")
    later = rows(store, today=dt.date(2026, 3, 20))
    assert [(r.what, r.urgency, r.days_left) for r in later] == [("Opfølgning: Besøg", Urgency.PASSED, -10)]


def test_missed_instalments_are_listed_as_passed(store: Store) -> None:
    case_id = case(store, "Jens", "Skovvej 10")
    closed = case(store, "Kim", "Skovvej 11")
    desk(store).closing.set_field(closed, "outcome", Outcome.OTHER)
    desk(store).closing.close(closed, closed_on=TODAY)

    def missed(session: Session, today: dt.date) -> list[MissedInstalment]:
        return [
            MissedInstalment(case_id, "plan-1", 2, dt.date(2026, 3, 1), Money.kr(750)),
            MissedInstalment(closed, "plan-2", 1, dt.date(2026, 3, 1), Money.kr(500)),
        ]

    listed = rows(store, missed=missed)
    assert len(listed) == 1
    row = listed[0]
    assert (row.kind, row.what, row.urgency) == (
        DeadlineKind.MISSED_INSTALMENT,
        "Manglende afdrag nr. 2",
        Urgency.PASSED,
    )
    assert row.explanation == "Afdrag nr. 2 forfaldt 01.03.2026; der mangler 750,00 kr."


def test_same_day_the_eviction_comes_before_the_follow_up(store: Store) -> None:
    a = case(store, "Lis", "Vej 1")
    desk(store).journal.add_follow_up(a, dt.date(2026, 3, 12), "Ring")
    case(store, "Mads", "Vej 2", termination_on=dt.date(2026, 2, 2), eviction_on=dt.date(2026, 3, 12))
    assert [r.kind for r in rows(store)] == [DeadlineKind.EVICTION, DeadlineKind.FOLLOW_UP]


def test_a_missed_instalment_of_a_real_plan_shows_up(store: Store) -> None:
    case_id = create_case(
        store,
        NewCase(first_name="Nina", last_name="Prøvesen", address_line="Vej 3", arrears=Money.kr(3000)),
        today=dt.date(2026, 1, 5),
    )
    Desk(store, today=lambda: dt.date(2026, 1, 5)).plan.agree(
        case_id, PlanInput(start_on=dt.date(2026, 2, 1), months=3, agreed_via=AgreedVia.PHONE)
    )
    listed = rows(store)
    missed = [r for r in listed if r.kind is DeadlineKind.MISSED_INSTALMENT]
    # 1 February 2026 is a Sunday: the first instalment falls due on Monday 2 February. Nothing is paid,
    # so on 10 March instalments 1 (2 Feb) and 2 (2 Mar) are missed, 1.000 kr. each.
    assert [(r.case_id, r.date, r.urgency) for r in missed] == [
        (case_id, dt.date(2026, 2, 2), Urgency.PASSED),
        (case_id, dt.date(2026, 3, 2), Urgency.PASSED),
    ]
    assert missed[0].explanation == "Afdrag nr. 1 forfaldt 02.02.2026; der mangler 1.000,00 kr."


def test_ophaevelse_mulig_fra_is_never_counted_as_a_missed_deadline(store: Store) -> None:
    # Påkrav sent 2 February: the deadline (16 Feb) and "Ophævelse mulig fra" (17 Feb) have both passed.
    case_id = case(store, "Ole", "Vej 9", reminder_sent_on=dt.date(2026, 2, 2))
    listed = [r for r in rows(store) if r.case_id == case_id]
    assert [(r.kind, r.urgency) for r in listed] == [(DeadlineKind.REMINDER_DEADLINE, Urgency.PASSED)]
    # Seen on the day after the påkrav deadline, it is listed (from today on) but not as passed.
    on_the_day = [r for r in rows(store, today=dt.date(2026, 2, 17)) if r.case_id == case_id]
    assert [(r.kind, r.urgency) for r in on_the_day] == [
        (DeadlineKind.EARLIEST_TERMINATION, Urgency.WITHIN_3_DAYS)
    ]


def test_a_passed_ophaevelse_mulig_fra_row_is_not_red(store: Store) -> None:
    from boligdesk.services.frister import DeadlineRow

    row = DeadlineRow("c", "2026-0001", "Ole", "", DeadlineKind.EARLIEST_TERMINATION, "x", TODAY, -5, "")
    assert row.urgency is not Urgency.PASSED


def test_the_next_instalment_of_a_plan_is_listed_before_it_falls_due(store: Store) -> None:
    case_id = create_case(
        store,
        NewCase(first_name="Nina", last_name="Prøvesen", address_line="Vej 3", arrears=Money.kr(3000)),
        today=dt.date(2026, 3, 2),
    )
    Desk(store, today=lambda: dt.date(2026, 3, 2)).plan.agree(
        case_id, PlanInput(start_on=dt.date(2026, 4, 1), months=3, agreed_via=AgreedVia.PHONE)
    )
    upcoming = [r for r in rows(store) if r.kind is DeadlineKind.INSTALMENT]
    # Only the next one (1 April 2026, a Wednesday), not all three.
    assert [(r.case_id, r.what, r.date, r.urgency) for r in upcoming] == [
        (case_id, "Afdrag forfalder nr. 1", dt.date(2026, 4, 1), Urgency.LATER)
    ]
    assert upcoming[0].explanation == "Afdrag nr. 1 på 1.000,00 kr. forfalder 01.04.2026"
    # More than a month ahead it is not listed yet.
    assert not [r for r in rows(store, today=dt.date(2026, 2, 20)) if r.kind is DeadlineKind.INSTALMENT]
