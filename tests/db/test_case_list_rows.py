"""The case list read in batches (issue 15, memory): every case comes back once, the same as in one batch,
with shared copies of the values that repeat."""

from __future__ import annotations

import datetime as dt

import pytest

from boligdesk.budget.deadlines import DeadlineKind
from boligdesk.budget.money import Money
from boligdesk.budget.vocabulary import PlanStatus
from boligdesk.models.store import Store
from boligdesk.services import case_list
from boligdesk.services.demo import populate
from boligdesk.services.desk import Desk

TODAY = dt.date(2026, 11, 24)


def test_the_list_read_in_small_batches_is_the_list_read_at_once(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    populate(store, 9, today=TODAY)
    desk = Desk(store, today=lambda: TODAY)
    at_once = desk.case_list.rows()
    monkeypatch.setattr(case_list, "_BATCH", 2)
    in_batches = desk.case_list.rows()
    assert len(at_once) == 9 and len({r.id for r in in_batches}) == 9
    assert in_batches == at_once
    assert [r.search_text for r in in_batches] == [r.search_text for r in at_once]
    by_estate: dict[str, str] = {}
    for row in in_batches:
        by_estate.setdefault(row.estate_name, row.estate_name)
        assert row.estate_name is by_estate[row.estate_name]  # one copy per estate, not one per case


# --- the list read with the driver alone at start-up (decisions §36) ---------------------------------
NEW_YEAR = dt.date(2026, 12, 29)


def add_plan(
    store: Store,
    case_id: str,
    dues: list[dt.date],
    paid: list[tuple[dt.date, int]] = (),  # type: ignore[assignment]
    status: PlanStatus = PlanStatus.ACTIVE,
    each: int = 100_000,
) -> None:
    """An agreed plan of ``each`` øre on each of ``dues``, with payments ``(day, øre)`` (invented data)."""
    from boligdesk.models import Instalment, Payment, RepaymentPlan

    with store.session() as s:
        plan = RepaymentPlan(
            case_id=case_id,
            status=status,
            debt=Money(each * len(dues)),
            start_on=dues[0],
            months=len(dues),
            instalment=Money(each),
            agreed_on=dues[0] - dt.timedelta(days=10),
        )
        s.add(plan)
        s.flush()
        for seq, due in enumerate(dues, start=1):
            s.add(Instalment(plan_id=plan.id, seq=seq, due_on=due, amount=Money(each)))
        for day, ore in paid:
            s.add(Payment(plan_id=plan.id, paid_on=day, amount=Money(ore)))


MONTHLY = [dt.date(2026, 11, 1), dt.date(2026, 12, 1), dt.date(2027, 1, 1), dt.date(2027, 2, 1)]


def _varied_profile(store: Store) -> None:
    """Cases that exercise every column and rule of the list: æøå and the longest names, a case with and
    one without an estate, one without a tenancy at all, deadlines over Christmas and New Year, follow-ups
    (passed and coming), a closed, a withdrawn and a deleted case; repayment plans (decisions §46): a
    missed instalment, a part-paid one behind a coming hearing, a plan paid up across New Year, a broken
    plan and a plan of a closed case."""
    from boligdesk.models import Case, FollowUp
    from tests.db.case_samples import make_estate
    from tests.db.case_setup import new_case

    estate = make_estate(store, number="007", name="Æblehaven Østergård")
    with_estate = new_case(
        store,
        first_name="Åse Ærø",
        last_name="Øster-Ålund",
        estate_id=estate,
        tenancy_number="7-Å12",
    )
    no_estate = new_case(store, first_name="Jørgen", last_name="Æbelø", phone="", postcode="", city="")
    long_name = new_case(store, first_name="Bodil " * 8, last_name="Længstnavn-Sørensen " * 4)
    no_tenancy = new_case(store, first_name="Søren", last_name="Uden Lejemål")
    closed = new_case(store, first_name="Lukket", last_name="Sag", termination_on=dt.date(2026, 12, 30))
    withdrawn = new_case(
        store, first_name="Trukket", last_name="Tilbage", termination_on=dt.date(2026, 12, 1)
    )
    deleted = new_case(store, first_name="Slettet", last_name="Sag")
    missed = new_case(store, first_name="Manglende", last_name="Afdrag")  # no estate
    part_paid = new_case(store, first_name="Delvis", last_name="Betalt", estate_id=estate)
    new_year = new_case(store, first_name="Nytår", last_name="Betalt Op")
    broken = new_case(store, first_name="Misligholdt", last_name="Plan")
    add_plan(store, missed, MONTHLY, [(dt.date(2026, 11, 2), 100_000)])  # nr. 2 (01.12) not paid
    add_plan(store, part_paid, MONTHLY, [(dt.date(2026, 11, 3), 150_000)])  # nr. 2 half paid
    add_plan(store, new_year, MONTHLY, [(dt.date(2026, 11, 2), 100_000), (dt.date(2026, 12, 2), 100_000)])
    add_plan(store, broken, MONTHLY, status=PlanStatus.BROKEN)
    add_plan(store, closed, MONTHLY)
    with store.session() as s:
        # the reminder's deadline runs over Christmas and New Year
        s.get(Case, with_estate).reminder_sent_on = dt.date(2026, 12, 21)  # type: ignore[union-attr]
        s.get(Case, closed).termination_on = dt.date(2026, 12, 30)  # type: ignore[union-attr]
        s.get(Case, withdrawn).termination_on = dt.date(2026, 12, 1)  # type: ignore[union-attr]
        s.get(Case, no_tenancy).tenancy_id = None  # type: ignore[union-attr]
        s.get(Case, closed).closed_on = dt.date(2026, 12, 28)  # type: ignore[union-attr]
        s.get(Case, withdrawn).withdrawn_on = dt.date(2026, 12, 20)  # type: ignore[union-attr]
        s.get(Case, deleted).deleted = True  # type: ignore[union-attr]
        hearing = s.get(Case, no_estate)
        assert hearing is not None
        hearing.termination_on = dt.date(2026, 12, 2)
        hearing.hearing_on = dt.date(2027, 1, 4)
        s.get(Case, part_paid).hearing_on = dt.date(2027, 1, 5)  # type: ignore[union-attr]
        s.add(FollowUp(case_id=long_name, due_on=dt.date(2027, 1, 1), text="Ring nytårsdag"))
        s.add(FollowUp(case_id=long_name, due_on=dt.date(2026, 12, 1), text="Forbi"))
        s.add(FollowUp(case_id=with_estate, due_on=dt.date(2026, 12, 24), text="Juleaften"))
        s.add(FollowUp(case_id=no_tenancy, due_on=dt.date(2026, 12, 31), done_on=NEW_YEAR, text="Klaret"))


@pytest.mark.parametrize("today", [NEW_YEAR, dt.date(2027, 1, 2)])
def test_the_list_read_with_the_driver_alone_is_the_list_the_desk_reads(store: Store, today: dt.date) -> None:
    from boligdesk.models.store import unlock_key
    from boligdesk.services.case_list_rows import read_first_list
    from tests.conftest import TEST_PASSPHRASE

    _varied_profile(store)
    orm = Desk(store, today=lambda: today).case_list.rows()
    first = read_first_list(store.profile.db_path, unlock_key(store.profile, TEST_PASSPHRASE), today)
    assert len(orm) == 10  # the deleted case is in neither
    assert first.rows == orm
    assert [r.search_text for r in first.rows] == [r.search_text for r in orm]
    assert [(r.next_deadline, r.arrears, r.kind, r.phase) for r in first.rows] == [
        (r.next_deadline, r.arrears, r.kind, r.phase) for r in orm
    ]
    by_name = {r.tenant_name: r for r in first.rows}
    assert by_name["Søren Uden Lejemål"].address == "" and by_name["Søren Uden Lejemål"].estate_id is None
    assert by_name["Jørgen Æbelø"].estate_name == ""
    assert by_name["Åse Ærø Øster-Ålund"].estate_name == "007 Æblehaven Østergård"
    assert by_name["Åse Ærø Øster-Ålund"].next_deadline is not None
    assert by_name["Lukket Sag"].closed and by_name["Lukket Sag"].next_deadline is None
    missed = by_name["Manglende Afdrag"].next_deadline
    assert missed is not None and missed.kind is DeadlineKind.MISSED_INSTALMENT
    assert (missed.label, missed.date) == ("Manglende afdrag nr. 2", dt.date(2026, 12, 1))
    assert missed.explanation == "Afdrag nr. 2 forfaldt 01.12.2026; der mangler 1.000,00 kr."
    assert by_name["Manglende Afdrag"].is_urgent(today) and by_name["Manglende Afdrag"].estate_id is None
    part = by_name["Delvis Betalt"].next_deadline  # a missed instalment before a hearing to come
    assert part is not None and part.label == "Manglende afdrag nr. 2" and "500,00 kr." in part.explanation
    paid_up = by_name["Nytår Betalt Op"].next_deadline  # nr. 3 falls due on New Year's Day
    assert paid_up is not None and paid_up.kind is DeadlineKind.INSTALMENT
    assert paid_up.label == "Afdrag forfalder nr. 3"
    # before New Year it is shown on its day; after it, within its grace, on its last on-time day
    assert paid_up.date == (dt.date(2027, 1, 1) if today == NEW_YEAR else dt.date(2027, 1, 6))
    assert by_name["Misligholdt Plan"].next_deadline is None  # a broken plan's instalments call for nothing
    assert first.revision and Desk(store, today=lambda: today).case_list.still_current(first)
    assert not Desk(store, today=lambda: today + dt.timedelta(days=1)).case_list.still_current(first)


def test_the_driver_alone_refuses_a_wrong_key_and_changes_nothing(store: Store) -> None:
    from boligdesk.services.case_list_rows import read_first_list

    _varied_profile(store)
    store.checkpoint()
    before = store.profile.db_path.read_bytes()
    with pytest.raises(Exception, match=r"not a database|file is not"):
        read_first_list(store.profile.db_path, bytes(32), TODAY)
    assert store.profile.db_path.read_bytes() == before


@pytest.mark.parametrize("today", [NEW_YEAR, dt.date(2027, 1, 2), dt.date(2027, 2, 10)])
def test_the_list_shows_the_next_deadline_the_case_header_shows(store: Store, today: dt.date) -> None:
    """One rule (decisions §46): every case's »Næste frist« in the list is the header's — kind, day and
    text — a missed instalment included (the list showed nothing for it before)."""
    _varied_profile(store)
    desk = Desk(store, today=lambda: today)
    rows = desk.case_list.rows()
    for row in rows:
        header = desk.frister.next_for_case(row.id)
        shown = row.next_deadline
        if header is None:
            assert shown is None, row.tenant_name
            continue
        assert shown is not None, row.tenant_name
        assert (shown.kind, shown.date, shown.explanation) == (
            header.kind,
            header.date,
            header.explanation,
        ), row.tenant_name
        # a follow-up's own text (»Opfølgning: Ring nytårsdag«) is the case's; the list names the kind
        assert header.what == shown.label or header.what.startswith(f"{shown.label}: "), row.tenant_name
    assert sum(r.next_deadline is not None for r in rows) == 6  # the open cases with a deadline
