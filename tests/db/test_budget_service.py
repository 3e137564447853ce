"""Budgets in the encrypted store: versions, lines, totals, norm, receipts and envelope plans."""

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
from boligdesk.services import budgets as svc
from boligdesk.services.cases import NewCase, NewMember, create_case

TODAY = dt.date(2026, 3, 2)


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


def line(store: Store, budget_id: str, category: str) -> LineData:
    with store.session() as s:
        view = svc.load_budget(s, budget_id)
    return next(ln for ln in view.lines if ln.category == category)


def test_new_budget_starts_with_the_form_rows_and_the_tenancys_rent(store: Store) -> None:
    case_id = make_case(store)
    budget_id = svc.create_budget(store, case_id, made_on=TODAY, actor="Rådgiver Test")
    with store.session() as s:
        view = svc.load_budget(s, budget_id)
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


def test_household_with_children_gets_the_childrens_rows(store: Store) -> None:
    case_id = make_case(store, children=(NewMember("Lille Test", MemberRole.CHILD, dt.date(2020, 5, 5)),))
    budget_id = svc.create_budget(store, case_id, made_on=TODAY)
    with store.session() as s:
        categories = {ln.category for ln in svc.load_budget(s, budget_id).lines}
    assert {"child_benefit", "child_allowance", "childcare"} <= categories


def test_latest_budget_totals_follow_the_newest_version(store: Store) -> None:
    case_id = make_case(store)
    with store.session() as s:
        assert svc.latest_budget_totals(s, case_id) is None
    first = svc.create_budget(store, case_id, made_on=TODAY)
    svc.save_line(store, dataclasses.replace(line(store, first, "salary"), amount=Money.kr(14_000)))
    with store.session() as s:
        found = svc.latest_budget_totals(s, case_id)
    assert found is not None and found[0] == first
    assert found[1].income == Money.kr(14_000)
    assert found[1].disposable == Money.kr(14_000 - 5_800)

    second = svc.new_version_from_latest(store, case_id, made_on=TODAY + dt.timedelta(days=30))
    svc.save_line(store, dataclasses.replace(line(store, second, "salary"), amount=Money.kr(15_000)))
    with store.session() as s:
        found = svc.latest_budget_totals(s, case_id)
        versions = svc.list_budgets(s, case_id)
        old = svc.load_budget(s, first)
    assert found is not None and found[0] == second
    assert found[1].income == Money.kr(15_000)
    # the old version is still readable and unchanged
    assert old.totals.income == Money.kr(14_000)
    assert [v.id for v in versions] == [second, first]
    assert versions[0].is_latest and not versions[1].is_latest
    assert versions[0].copied_from_id == first
    assert versions[0].line_count == versions[1].line_count

    svc.delete_budget(store, second)
    with store.session() as s:
        found = svc.latest_budget_totals(s, case_id)
    assert found is not None and found[0] == first


def test_lines_are_validated_before_saving(store: Store) -> None:
    budget_id = svc.create_budget(store, make_case(store), made_on=TODAY)
    with pytest.raises(UserInputError) as err:
        svc.add_line(store, budget_id, LineData("income", "rent", "Husleje?", Money.kr(100)))
    assert err.value.field == "category"
    assert "»Husleje« er en udgift" in err.value.message
    with pytest.raises(UserInputError) as err:
        svc.add_line(store, budget_id, LineData("expense", "food", "Mad", Money(-1), need="need"))
    assert err.value.code == "money.negative"
    with pytest.raises(UserInputError):
        svc.add_line(store, budget_id, LineData("expense", "no_such_category", "?", Money(1)))


def test_a_stored_line_with_an_unknown_category_can_still_be_edited(store: Store) -> None:
    # e.g. a category made by a newer version on another laptop and synced here
    budget_id = svc.create_budget(store, make_case(store), made_on=TODAY)
    with store.session() as s:
        row = s.get(BudgetLine, line(store, budget_id, "media").id)
        assert row is not None
        row.category = "tv_package_from_elsewhere"
    with store.session() as s:
        odd = next(
            ln for ln in svc.load_budget(s, budget_id).lines if ln.category == "tv_package_from_elsewhere"
        )
    svc.save_line(store, dataclasses.replace(odd, amount=Money.kr(499)))
    with store.session() as s:
        assert svc.budget_totals(s, budget_id).category_total("tv_package_from_elsewhere") == Money.kr(499)
    with pytest.raises(UserInputError):
        svc.save_line(store, dataclasses.replace(odd, category="another_unknown"))


def test_added_lines_count_in_the_totals_and_toggle_need_and_nice(store: Store) -> None:
    case_id = make_case(store)
    budget_id = svc.create_budget(store, case_id, made_on=TODAY)
    cola_id = svc.add_line(
        store,
        budget_id,
        LineData("expense", "food", "Cola", Money.kr(200), "weekly", need="need", is_daily_money=True),
    )
    # 200 a week × 52 / 12 = 866,67 a month
    with store.session() as s:
        totals = svc.budget_totals(s, budget_id)
    assert totals.need_expenses == Money.kr(5_800) + Money.kr("866.67")
    with store.session() as s:
        cola = next(ln for ln in svc.load_budget(s, budget_id).lines if ln.id == cola_id)
    svc.save_line(store, dataclasses.replace(cola, need="nice"))
    with store.session() as s:
        totals = svc.budget_totals(s, budget_id)
    assert totals.nice_expenses == Money.kr("866.67")
    assert totals.daily_money == Money.kr("866.67")


def test_deleting_a_line_leaves_a_tombstone(store: Store) -> None:
    budget_id = svc.create_budget(store, make_case(store), made_on=TODAY)
    rent = line(store, budget_id, "rent")
    svc.delete_line(store, rent.id)
    with store.session() as s:
        row = s.get(BudgetLine, rent.id)
        assert row is not None and row.deleted
        assert svc.budget_totals(s, budget_id).rent == Money(0)
        assert all(ln.id != rent.id for ln in svc.load_budget(s, budget_id).lines)


def test_changes_are_audited_with_ids_only(store: Store) -> None:
    case_id = make_case(store)
    budget_id = svc.create_budget(store, case_id, made_on=TODAY, actor="Rådgiver Test")
    svc.save_line(
        store,
        dataclasses.replace(line(store, budget_id, "salary"), amount=Money.kr(1)),
        actor="Rådgiver Test",
    )
    with store.session() as s:
        events = s.scalars(
            select(AuditEvent).where(AuditEvent.case_id == case_id, AuditEvent.entity.like("budget%"))
        ).all()
    assert {(e.action, e.entity) for e in events} == {
        (AuditAction.CREATE, "budget"),
        (AuditAction.UPDATE, "budget_line"),
    }
    assert all("Opdigtetsen" not in e.detail for e in events)


def test_analysis_has_the_households_norm_and_warnings(store: Store) -> None:
    # Budget dated 2.3.2026; the child born 5.5.2020 is 5 → 2–6 band. Norm table 2024 is the newest:
    # 7.240 + 2.520 = 9.760.
    case_id = make_case(store, children=(NewMember("Lille Test", MemberRole.CHILD, dt.date(2020, 5, 5)),))
    budget_id = svc.create_budget(store, case_id, made_on=TODAY)
    svc.save_line(store, dataclasses.replace(line(store, budget_id, "salary"), amount=Money.kr(16_000)))
    with store.session() as s:
        analysis = svc.analyse_budget(s, budget_id)
    assert analysis.norm.amount == Money.kr(9_760)
    assert analysis.norm.year == 2024
    codes = [w.code for w in analysis.warnings]
    assert "child_benefit_missing" in codes
    assert "housing_benefit_missing" in codes  # 5.800 / 16.000 = 36 %


def test_grown_up_child_who_pays_in_is_not_flagged(store: Store) -> None:
    case_id = make_case(store, children=(NewMember("Stor Test", MemberRole.CHILD, dt.date(2000, 1, 1)),))
    budget_id = svc.create_budget(store, case_id, made_on=TODAY)
    with store.session() as s:
        assert "adult_children_not_paying" in [w.code for w in svc.analyse_budget(s, budget_id).warnings]
        member = s.scalars(select(HouseholdMember).where(HouseholdMember.name == "Stor Test")).one()
        member.pays_in = True
    with store.session() as s:
        analysis = svc.analyse_budget(s, budget_id)
    assert "adult_children_not_paying" not in [w.code for w in analysis.warnings]
    assert analysis.norm.adults == 2


def test_receipts_are_kept_per_case_and_carried_into_the_budget(store: Store) -> None:
    case_id = make_case(store)
    budget_id = svc.create_budget(store, case_id, made_on=TODAY)
    svc.add_receipt(store, case_id, ReceiptData(Money.kr(800), "food", "nice", "Cola", dt.date(2026, 2, 10)))
    svc.add_receipt(
        store, case_id, ReceiptData(Money.kr("412.50"), "food", "need", "Netto", dt.date(2026, 2, 3))
    )
    tobacco = svc.add_receipt(store, case_id, ReceiptData(Money.kr(60), "tobacco", "nice", "", None))
    with pytest.raises(UserInputError):
        svc.add_receipt(store, case_id, ReceiptData(Money.kr(1), "salary", "need"))
    svc.delete_receipt(store, tobacco)
    with store.session() as s:
        receipts = svc.list_receipts(s, case_id)
    assert [r.text for r in receipts] == ["Netto", "Cola"]
    before = len(line_ids(store, budget_id))
    added = svc.receipts_into_budget(store, budget_id, receipts)
    assert len(added) == 2
    with store.session() as s:
        view = svc.load_budget(s, budget_id)
    assert len(view.lines) == before + 2
    assert view.lines[-1].text == "Mad og husholdning (nice to have) — fra kvitteringer"
    assert view.lines[-1].amount == Money.kr(800)


def line_ids(store: Store, budget_id: str) -> list[str]:
    with store.session() as s:
        return [ln.id for ln in svc.load_budget(s, budget_id).lines]


def test_envelope_plan_is_saved_and_spending_carries_over(store: Store) -> None:
    case_id = make_case(store)
    budget_id = svc.create_budget(store, case_id, made_on=TODAY)
    svc.save_line(store, dataclasses.replace(line(store, budget_id, "food"), amount=Money.kr(3_000)))
    svc.save_line(store, dataclasses.replace(line(store, budget_id, "transport"), amount=Money.kr(1_000)))
    with store.session() as s:
        defaults = svc.default_envelope_settings(s, budget_id, dt.date(2026, 2, 1))
    assert defaults.monthly_daily_money == Money.kr(4_000)
    assert defaults.purposes == ("Transport (rejsekort, cykel)", "Mad og husholdning")
    plan_id = svc.save_envelope_plan(
        store,
        budget_id,
        pay_day=dt.date(2026, 2, 1),
        start_on=dt.date(2026, 2, 1),
        rounding_unit=Money.kr(50),
        leftover_rule="extra_envelope",
    )
    svc.register_spending(store, plan_id, 1, Money.kr(880), note="Fødselsdag")
    with store.session() as s:
        view = svc.latest_envelope_plan(s, case_id)
    assert view is not None and view.id == plan_id
    assert [e.amount for e in view.result.envelopes] == [Money.kr(1_000)] * 4
    assert view.statuses[1].carried_in == Money.kr(120)
    assert view.notes == {1: "Fødselsdag"}
    # changing the registration and removing it again
    svc.register_spending(store, plan_id, 1, Money.kr(1_050))
    with store.session() as s:
        assert svc.load_envelope_plan(s, plan_id).statuses[1].carried_in == Money.kr(-50)
    svc.register_spending(store, plan_id, 1, None)
    with store.session() as s:
        assert svc.load_envelope_plan(s, plan_id).statuses[1].carried_in == Money(0)


def test_envelope_plan_with_a_start_outside_the_period_is_refused(store: Store) -> None:
    budget_id = svc.create_budget(store, make_case(store), made_on=TODAY)
    with pytest.raises(UserInputError) as err:
        svc.save_envelope_plan(
            store,
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


def test_printed_budget_is_recorded_on_the_case_with_its_hash(store: Store) -> None:
    import hashlib

    from boligdesk.models import GeneratedLetter
    from boligdesk.services import budget_print

    case_id = make_case(store)
    budget_id = svc.create_budget(store, case_id, made_on=TODAY)
    preview = budget_print.budget_pdf_for_budget(store, budget_id, actor="Rådgiver Test", record=False)
    with store.session() as s:
        assert s.scalars(select(GeneratedLetter)).first() is None
    pdf = budget_print.budget_pdf_for_case(store, _case_number(store, case_id), "Rådgiver Test")
    assert pdf.startswith(b"%PDF")
    assert len(preview) > 1000
    with store.session() as s:
        letter = s.scalars(select(GeneratedLetter).where(GeneratedLetter.case_id == case_id)).one()
        assert (letter.template, letter.made_by) == ("budget", "Rådgiver Test")
        assert letter.title == "Budget 02.03.2026"
        assert letter.sha256 == hashlib.sha256(pdf).hexdigest()
        assert letter.pdf == pdf
        printed = s.scalars(select(AuditEvent).where(AuditEvent.action == AuditAction.PRINT)).one()
        assert (printed.entity_id, printed.case_id) == (letter.id, case_id)


def test_printing_a_case_without_budget_or_plan_says_so(store: Store) -> None:
    from boligdesk.services import budget_print

    number = _case_number(store, make_case(store))
    with pytest.raises(UserInputError, match="intet budget endnu"):
        budget_print.budget_pdf_for_case(store, number)
    with pytest.raises(UserInputError, match="ingen kuvertplan endnu"):
        budget_print.envelopes_pdf_for_case(store, number)
    with pytest.raises(UserInputError, match="ingen sag med nummeret 1999-0001"):
        budget_print.budget_pdf_for_case(store, "1999-0001")


def test_command_line_writes_budget_and_envelope_pdfs(
    store: Store, tmp_path: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pathlib import Path

    from pypdf import PdfReader

    from boligdesk.cli import main
    from boligdesk.models import GeneratedLetter
    from tests.conftest import TEST_PASSPHRASE

    case_id = make_case(store)
    budget_id = svc.create_budget(store, case_id, made_on=TODAY)
    svc.save_line(store, dataclasses.replace(line(store, budget_id, "food"), amount=Money.kr(3_000)))
    svc.save_envelope_plan(
        store,
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
