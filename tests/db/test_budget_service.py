"""Budgets in the encrypted store through the desk: versions, lines, totals, norm, receipts, envelope
plans and the printouts."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import select

from boligdesk.budget.lines import LineData
from boligdesk.budget.money import Money
from boligdesk.budget.receipts import ReceiptData
from boligdesk.budget.vocabulary import AuditAction, MemberRole
from boligdesk.errors import UserInputError
from boligdesk.models import AuditEvent, BudgetLine, HouseholdMember
from boligdesk.models.store import Store
from boligdesk.services.cases import NewCase, NewMember
from boligdesk.services.changes import Changes, Part
from boligdesk.services.desk import Desk, NotFoundError
from tests.cases import create_case

TODAY = dt.date(2026, 3, 2)


@pytest.fixture
def desk(store: Store) -> Desk:
    return Desk(store, adviser_name="Rådgiver Test", today=lambda: TODAY)


def make_case(store: Store, *, children: tuple[NewMember, ...] = ()) -> str:
    return create_case(
        store,
        NewCase(
            first_name="Testa",
            last_name="Opdigtetsen",
            address_line="Prøvevej 3, st. tv.",
            rent=Money.kr(5_800),
            members=children,
        ),
        today=TODAY,
    )


def line(desk: Desk, budget_id: str, category: str) -> LineData:
    return next(ln for ln in desk.budget.load(budget_id).lines if ln.category == category)


def test_new_budget_starts_with_the_form_rows_and_the_tenancys_rent(store: Store, desk: Desk) -> None:
    case_id = make_case(store)
    created = desk.budget.create(case_id)
    assert created.changes == Changes.of(case_id, Part.BUDGET)
    view = desk.budget.load(created.id)
    categories = [ln.category for ln in view.lines]
    assert categories[0] == "salary"  # income first
    assert "rent" in categories and "food" in categories
    assert "child_benefit" not in categories  # no children in this household
    rent = next(ln for ln in view.lines if ln.category == "rent")
    assert (rent.amount, rent.need, rent.text) == (Money.kr(5_800), "need", "Husleje")
    food = next(ln for ln in view.lines if ln.category == "food")
    assert food.is_daily_money
    assert view.totals.rent == Money.kr(5_800)
    assert view.made_by == "Rådgiver Test"
    assert view.made_on == TODAY  # the desk's clock


def test_household_with_children_gets_the_childrens_rows(store: Store, desk: Desk) -> None:
    case_id = make_case(store, children=(NewMember("Lille Test", MemberRole.CHILD, dt.date(2020, 5, 5)),))
    budget_id = desk.budget.create(case_id).id
    categories = {ln.category for ln in desk.budget.load(budget_id).lines}
    assert {"child_benefit", "child_allowance", "childcare"} <= categories


def test_latest_budget_totals_follow_the_newest_version(store: Store, desk: Desk) -> None:
    case_id = make_case(store)
    assert desk.budget.latest_totals(case_id) is None
    assert desk.budget.latest_id(case_id) is None
    first = desk.budget.create(case_id).id
    desk.budget.save_line(dataclasses.replace(line(desk, first, "salary"), amount=Money.kr(14_000)))
    found = desk.budget.latest_totals(case_id)
    assert found is not None and found[0] == first
    assert found[1].income == Money.kr(14_000)
    assert found[1].disposable == Money.kr(14_000 - 5_800)

    second = desk.budget.new_version_from_latest(case_id, made_on=TODAY + dt.timedelta(days=30)).id
    desk.budget.save_line(dataclasses.replace(line(desk, second, "salary"), amount=Money.kr(15_000)))
    found = desk.budget.latest_totals(case_id)
    versions = desk.budget.versions(case_id)
    old = desk.budget.load(first)
    assert found is not None and found[0] == second
    assert found[1].income == Money.kr(15_000)
    # the old version is still readable and unchanged
    assert old.totals.income == Money.kr(14_000)
    assert [v.id for v in versions] == [second, first]
    assert versions[0].is_latest and not versions[1].is_latest
    assert versions[0].copied_from_id == first
    assert versions[0].line_count == versions[1].line_count

    assert desk.budget.delete(second) == Changes.of(case_id, Part.BUDGET)
    found = desk.budget.latest_totals(case_id)
    assert found is not None and found[0] == first


def test_a_deleted_budget_is_not_found(store: Store, desk: Desk) -> None:
    case_id = make_case(store)
    budget_id = desk.budget.create(case_id).id
    salary = line(desk, budget_id, "salary")
    desk.budget.delete(budget_id)
    with pytest.raises(NotFoundError) as err:
        desk.budget.load(budget_id)
    assert err.value.code == "budget.not_found"
    assert "Budgettet findes ikke længere" in err.value.message
    with pytest.raises(NotFoundError):
        desk.budget.add_line(budget_id, LineData("expense", "food", "Mad", Money(1), need="need"))
    with pytest.raises(NotFoundError) as err:
        desk.budget.save_line(dataclasses.replace(salary, amount=Money.kr(1)))
    assert err.value.code == "budget_line.not_found"
    with pytest.raises(NotFoundError):
        desk.budget.update_info(budget_id, title="Ny titel")


def test_the_budgets_date_and_title_can_be_changed(store: Store, desk: Desk) -> None:
    case_id = make_case(store)
    budget_id = desk.budget.create(case_id).id
    changes = desk.budget.update_info(budget_id, made_on=dt.date(2026, 3, 9), title="  Efter mødet ")
    assert changes == Changes.of(case_id, Part.BUDGET)
    view = desk.budget.load(budget_id)
    assert (view.made_on, view.title) == (dt.date(2026, 3, 9), "Efter mødet")
    with pytest.raises(UserInputError) as err:
        desk.budget.update_info(budget_id, title="x" * 201)
    assert err.value.field == "title"


def test_lines_are_validated_before_saving(store: Store, desk: Desk) -> None:
    budget_id = desk.budget.create(make_case(store)).id
    with pytest.raises(UserInputError) as err:
        desk.budget.add_line(budget_id, LineData("income", "rent", "Husleje?", Money.kr(100)))
    assert err.value.field == "category"
    assert "»Husleje« er en udgift" in err.value.message
    with pytest.raises(UserInputError) as err:
        desk.budget.add_line(budget_id, LineData("expense", "food", "Mad", Money(-1), need="need"))
    assert err.value.code == "money.negative"
    with pytest.raises(UserInputError):
        desk.budget.add_line(budget_id, LineData("expense", "no_such_category", "?", Money(1)))


def test_a_stored_line_with_an_unknown_category_can_still_be_edited(store: Store, desk: Desk) -> None:
    # e.g. a category made by a newer version on another laptop and synced here
    budget_id = desk.budget.create(make_case(store)).id
    with store.session() as s:
        row = s.get(BudgetLine, line(desk, budget_id, "media").id)
        assert row is not None
        row.category = "tv_package_from_elsewhere"
    odd = next(ln for ln in desk.budget.load(budget_id).lines if ln.category == "tv_package_from_elsewhere")
    desk.budget.save_line(dataclasses.replace(odd, amount=Money.kr(499)))
    assert desk.budget.totals(budget_id).category_total("tv_package_from_elsewhere") == Money.kr(499)
    with pytest.raises(UserInputError):
        desk.budget.save_line(dataclasses.replace(odd, category="another_unknown"))


def test_added_lines_count_in_the_totals_and_toggle_need_and_nice(store: Store, desk: Desk) -> None:
    case_id = make_case(store)
    budget_id = desk.budget.create(case_id).id
    created = desk.budget.add_line(
        budget_id,
        LineData("expense", "food", "Cola", Money.kr(200), "weekly", need="need", is_daily_money=True),
    )
    assert created.changes == Changes.of(case_id, Part.BUDGET)
    cola_id = created.id
    # 200 a week × 52 / 12 = 866,67 a month
    totals = desk.budget.totals(budget_id)
    assert totals.need_expenses == Money.kr(5_800) + Money.kr("866.67")
    cola = next(ln for ln in desk.budget.load(budget_id).lines if ln.id == cola_id)
    assert desk.budget.save_line(dataclasses.replace(cola, need="nice")) == Changes.of(case_id, Part.BUDGET)
    totals = desk.budget.totals(budget_id)
    assert totals.nice_expenses == Money.kr("866.67")
    assert totals.daily_money == Money.kr("866.67")


def test_deleting_a_line_leaves_a_tombstone(store: Store, desk: Desk) -> None:
    case_id = make_case(store)
    budget_id = desk.budget.create(case_id).id
    rent = line(desk, budget_id, "rent")
    assert desk.budget.delete_line(rent.id) == Changes.of(case_id, Part.BUDGET)
    with store.session() as s:
        row = s.get(BudgetLine, rent.id)
        assert row is not None and row.deleted
    assert desk.budget.totals(budget_id).rent == Money(0)
    assert all(ln.id != rent.id for ln in desk.budget.load(budget_id).lines)
    assert not desk.budget.delete_line(rent.id)  # already gone: nothing changes


def test_changes_are_audited_with_ids_only(store: Store, desk: Desk) -> None:
    case_id = make_case(store)
    budget_id = desk.budget.create(case_id).id
    starter_lines = len(desk.budget.load(budget_id).lines)
    salary = line(desk, budget_id, "salary")
    desk.budget.save_line(dataclasses.replace(salary, amount=Money.kr(1)))
    with store.session() as s:
        events = s.scalars(
            select(AuditEvent).where(AuditEvent.case_id == case_id, AuditEvent.entity.like("budget%"))
        ).all()
    # one event per row written by the store's flush hook: the budget, its starter lines, the edit
    assert {(e.action, e.entity) for e in events} == {
        (AuditAction.CREATE, "budget"),
        (AuditAction.CREATE, "budget_line"),
        (AuditAction.UPDATE, "budget_line"),
    }
    assert [(e.entity_id, e.detail) for e in events if e.action == AuditAction.UPDATE] == [
        (salary.id, "fields=amount")
    ]
    assert sum(1 for e in events if e.action == AuditAction.CREATE) == 1 + starter_lines
    assert {e.actor for e in events} == {"Rådgiver Test"}
    assert all("Opdigtetsen" not in e.detail for e in events)


def test_analysis_has_the_households_norm_and_warnings(store: Store, desk: Desk) -> None:
    # Budget dated 2.3.2026; the child born 5.5.2020 is 5 → 2–6 band. Norm table 2024 is the newest:
    # 7.240 + 2.520 = 9.760.
    case_id = make_case(store, children=(NewMember("Lille Test", MemberRole.CHILD, dt.date(2020, 5, 5)),))
    budget_id = desk.budget.create(case_id).id
    desk.budget.save_line(dataclasses.replace(line(desk, budget_id, "salary"), amount=Money.kr(16_000)))
    analysis = desk.budget.analyse(budget_id)
    assert analysis.norm.amount == Money.kr(9_760)
    assert analysis.norm.year == 2024
    assert desk.budget.norm(case_id, TODAY) == analysis.norm
    codes = [w.code for w in analysis.warnings]
    assert "child_benefit_missing" in codes
    assert "housing_benefit_missing" in codes  # 5.800 / 16.000 = 36 %


def test_grown_up_child_who_pays_in_is_not_flagged(store: Store, desk: Desk) -> None:
    case_id = make_case(store, children=(NewMember("Stor Test", MemberRole.CHILD, dt.date(2000, 1, 1)),))
    budget_id = desk.budget.create(case_id).id
    assert "adult_children_not_paying" in [w.code for w in desk.budget.analyse(budget_id).warnings]
    with store.session() as s:
        member = s.scalars(select(HouseholdMember).where(HouseholdMember.name == "Stor Test")).one()
        member.pays_in = True
    analysis = desk.budget.analyse(budget_id)
    assert "adult_children_not_paying" not in [w.code for w in analysis.warnings]
    assert analysis.norm.adults == 2


def test_receipts_are_kept_per_case_and_carried_into_the_budget(store: Store, desk: Desk) -> None:
    case_id = make_case(store)
    budget_id = desk.budget.create(case_id).id
    cola = desk.receipts.add(
        case_id, ReceiptData(Money.kr(800), "food", "nice", "Cola", dt.date(2026, 2, 10))
    )
    assert cola.changes == Changes.of(case_id, Part.RECEIPTS)
    desk.receipts.add(case_id, ReceiptData(Money.kr("412.50"), "food", "need", "Netto", dt.date(2026, 2, 3)))
    tobacco = desk.receipts.add(case_id, ReceiptData(Money.kr(60), "tobacco", "nice", "", None)).id
    with pytest.raises(UserInputError):
        desk.receipts.add(case_id, ReceiptData(Money.kr(1), "salary", "need"))
    assert desk.receipts.delete(tobacco) == Changes.of(case_id, Part.RECEIPTS)
    receipts = desk.receipts.of_case(case_id)
    assert [r.text for r in receipts] == ["Netto", "Cola"]
    before = len(line_ids(desk, budget_id))
    added = desk.receipts.into_budget(budget_id, receipts)
    assert len(added.ids) == 2
    assert added.changes == Changes.of(case_id, Part.BUDGET)
    view = desk.budget.load(budget_id)
    assert len(view.lines) == before + 2
    assert view.lines[-1].text == "Mad og husholdning (nice to have) — fra kvitteringer"
    assert view.lines[-1].amount == Money.kr(800)


def test_a_receipt_can_be_corrected(store: Store, desk: Desk) -> None:
    case_id = make_case(store)
    receipt_id = desk.receipts.add(case_id, ReceiptData(Money.kr(80), "food", "need", "Netto")).id
    receipt = desk.receipts.of_case(case_id)[0]
    changes = desk.receipts.save(dataclasses.replace(receipt, amount=Money.kr(90), need="nice"))
    assert changes == Changes.of(case_id, Part.RECEIPTS)
    assert [(r.id, r.amount, r.need) for r in desk.receipts.of_case(case_id)] == [
        (receipt_id, Money.kr(90), "nice")
    ]
    with store.session() as s:
        event = s.scalars(
            select(AuditEvent).where(AuditEvent.entity == "receipt", AuditEvent.action == AuditAction.UPDATE)
        ).one()
    assert (event.entity_id, event.case_id, event.detail) == (receipt_id, case_id, "fields=amount,need")


def line_ids(desk: Desk, budget_id: str) -> list[str]:
    return [ln.id for ln in desk.budget.load(budget_id).lines]


def test_envelope_plan_is_saved_and_spending_carries_over(store: Store, desk: Desk) -> None:
    case_id = make_case(store)
    budget_id = desk.budget.create(case_id).id
    desk.budget.save_line(dataclasses.replace(line(desk, budget_id, "food"), amount=Money.kr(3_000)))
    desk.budget.save_line(dataclasses.replace(line(desk, budget_id, "transport"), amount=Money.kr(1_000)))
    defaults = desk.envelopes.default_settings(budget_id, dt.date(2026, 2, 1))
    assert defaults.monthly_daily_money == Money.kr(4_000)
    assert defaults.purposes == ("Transport (rejsekort, cykel)", "Mad og husholdning")
    saved = desk.envelopes.save_plan(
        budget_id,
        pay_day=dt.date(2026, 2, 1),
        start_on=dt.date(2026, 2, 1),
        rounding_unit=Money.kr(50),
        leftover_rule="extra_envelope",
    )
    assert saved.changes == Changes.of(case_id, Part.ENVELOPES)
    plan_id = saved.id
    changes = desk.envelopes.register_spending(plan_id, 1, Money.kr(880), note="Fødselsdag")
    assert changes == Changes.of(case_id, Part.ENVELOPES)
    view = desk.envelopes.latest(case_id)
    assert view is not None and view.id == plan_id
    assert [e.amount for e in view.result.envelopes] == [Money.kr(1_000)] * 4
    assert view.statuses[1].carried_in == Money.kr(120)
    assert view.notes == {1: "Fødselsdag"}
    # changing the registration and removing it again
    desk.envelopes.register_spending(plan_id, 1, Money.kr(1_050))
    assert desk.envelopes.load(plan_id).statuses[1].carried_in == Money.kr(-50)
    desk.envelopes.register_spending(plan_id, 1, None)
    assert desk.envelopes.load(plan_id).statuses[1].carried_in == Money(0)
    # the plan's choices changed: the same plan
    again = desk.envelopes.save_plan(
        budget_id,
        pay_day=dt.date(2026, 2, 1),
        start_on=dt.date(2026, 2, 1),
        rounding_unit=Money.kr(10),
        leftover_rule="spread",
        plan_id=plan_id,
    )
    assert again.id == plan_id
    with store.session() as s:
        events = s.scalars(
            select(AuditEvent).where(AuditEvent.entity.in_(["envelope_plan", "envelope_spending"]))
        ).all()
    assert {(e.action, e.entity) for e in events} == {
        (AuditAction.CREATE, "envelope_plan"),
        (AuditAction.UPDATE, "envelope_plan"),
        (AuditAction.CREATE, "envelope_spending"),
        (AuditAction.UPDATE, "envelope_spending"),
        (AuditAction.DELETE, "envelope_spending"),
    }
    assert {e.case_id for e in events} == {case_id}


def test_negative_spending_is_refused(store: Store, desk: Desk) -> None:
    budget_id = desk.budget.create(make_case(store)).id
    plan_id = desk.envelopes.save_plan(
        budget_id,
        pay_day=dt.date(2026, 2, 1),
        start_on=dt.date(2026, 2, 1),
        rounding_unit=Money.kr(10),
        leftover_rule="spread",
    ).id
    with pytest.raises(UserInputError) as err:
        desk.envelopes.register_spending(plan_id, 0, Money(-1))
    assert (err.value.field, err.value.code) == ("spent", "money.negative")


def test_envelope_plan_with_a_start_outside_the_period_is_refused(store: Store, desk: Desk) -> None:
    budget_id = desk.budget.create(make_case(store)).id
    with pytest.raises(UserInputError) as err:
        desk.envelopes.save_plan(
            budget_id,
            pay_day=dt.date(2026, 2, 1),
            start_on=dt.date(2026, 2, 9),
            rounding_unit=Money.kr(10),
            leftover_rule="spread",
        )
    assert err.value.field == "start_on"


# --- printing ------------------------------------------------------------------------------------------
def _case_number(store: Store, case_id: str) -> str:
    from boligdesk.models import Case

    with store.session() as s:
        case = s.get(Case, case_id)
        assert case is not None
        return case.number


def test_printed_budget_is_recorded_on_the_case_with_its_hash(store: Store, desk: Desk) -> None:
    import hashlib

    from boligdesk.models import GeneratedLetter

    case_id = make_case(store)
    budget_id = desk.budget.create(case_id).id
    preview = desk.budget_print.budget_pdf(budget_id, record=False)
    assert not preview.changes
    with store.session() as s:
        assert s.scalars(select(GeneratedLetter)).first() is None
    pdf = desk.budget_print.budget_pdf_for_case(_case_number(store, case_id))
    assert pdf.startswith(b"%PDF")
    assert len(preview.pdf) > 1000
    with store.session() as s:
        letter = s.scalars(select(GeneratedLetter).where(GeneratedLetter.case_id == case_id)).one()
        assert (letter.template, letter.made_by) == ("budget", "Rådgiver Test")
        assert letter.title == "Budget 02.03.2026"
        assert letter.sha256 == hashlib.sha256(pdf).hexdigest()
        assert letter.pdf == pdf
        printed = s.scalars(select(AuditEvent).where(AuditEvent.action == AuditAction.PRINT)).one()
        assert (printed.entity_id, printed.case_id) == (letter.id, case_id)
        assert (printed.entity, printed.actor, printed.detail) == (
            "generated_letter",
            "Rådgiver Test",
            "budget",
        )
    recorded = desk.budget_print.budget_pdf(budget_id)
    assert recorded.changes == Changes.of(case_id, Part.LETTERS)


def test_the_budget_print_data_is_printed_today_by_the_desks_adviser(store: Store, desk: Desk) -> None:
    case_id = make_case(store, children=(NewMember("Lille Test", MemberRole.CHILD, dt.date(2020, 5, 5)),))
    budget_id = desk.budget.create(case_id, made_on=dt.date(2026, 2, 20)).id
    data = desk.budget_print.budget_data(budget_id)
    assert (data.printed_on, data.made_on, data.adviser) == (TODAY, dt.date(2026, 2, 20), "Rådgiver Test")
    assert data.tenant_name == "Testa Opdigtetsen"
    assert data.household_members == ("Testa Opdigtetsen", "Lille Test (5 år)")
    assert data.category_labels["rent"] == "Husleje"


def test_printing_a_case_without_budget_or_plan_says_so(store: Store, desk: Desk) -> None:
    number = _case_number(store, make_case(store))
    with pytest.raises(UserInputError, match="intet budget endnu"):
        desk.budget_print.budget_pdf_for_case(number)
    with pytest.raises(UserInputError, match="ingen kuvertplan endnu"):
        desk.budget_print.envelopes_pdf_for_case(number)
    with pytest.raises(UserInputError, match="ingen sag med nummeret 1999-0001"):
        desk.budget_print.budget_pdf_for_case("1999-0001")


def test_command_line_writes_budget_and_envelope_pdfs(
    store: Store, desk: Desk, tmp_path: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pathlib import Path

    from pypdf import PdfReader

    from boligdesk.cli import main
    from boligdesk.models import GeneratedLetter
    from tests.conftest import TEST_PASSPHRASE

    case_id = make_case(store)
    budget_id = desk.budget.create(case_id).id
    desk.budget.save_line(dataclasses.replace(line(desk, budget_id, "food"), amount=Money.kr(3_000)))
    desk.envelopes.save_plan(
        budget_id,
        pay_day=dt.date(2026, 2, 1),
        start_on=dt.date(2026, 2, 1),
        rounding_unit=Money.kr(10),
        leftover_rule="spread",
    )
    number = _case_number(store, case_id)
    folder = store.profile.folder
    store.close()
    monkeypatch.setenv("BOLIGDESK_PASSPHRASE", TEST_PASSPHRASE)
    out = Path(str(tmp_path)) / "ud"
    assert (
        main(
            [
                "pdf",
                "budget",
                "--case",
                number,
                "--out",
                str(out / "budget.pdf"),
                "--data-dir",
                str(folder),
                "--adviser",
                "Rådgiver Test",
            ]
        )
        == 0
    )
    assert (
        main(
            [
                "pdf",
                "envelopes",
                "--case",
                number,
                "--out",
                str(out / "kuverter.pdf"),
                "--data-dir",
                str(folder),
                "--adviser",
                "Rådgiver Test",
            ]
        )
        == 0
    )
    budget_text = "".join(p.extract_text() for p in PdfReader(out / "budget.pdf").pages)
    envelope_text = "".join(p.extract_text() for p in PdfReader(out / "kuverter.pdf").pages)
    assert "5.800,00" in budget_text  # the rent from the tenancy
    assert "750 kr." in envelope_text  # 3.000 / 4 weeks (spread rule)
    from boligdesk.models.store import open_store

    reopened = open_store(store.profile, passphrase=TEST_PASSPHRASE)
    try:
        with reopened.session() as s:
            templates = sorted(s.scalars(select(GeneratedLetter.template)).all())
        assert templates == ["budget", "envelopes"]
    finally:
        reopened.close()
