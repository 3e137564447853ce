"""``desk.rates``: the organisation's own rate entries, the file exchange, and every reader using them.

All figures that are not the shipped ones are invented test figures.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from boligdesk.budget.money import Money
from boligdesk.budget.ratebook import HOUSEHOLD_NORMS, REMINDER_FEE, Origin, export_bytes, validate_entry
from boligdesk.budget.vocabulary import AuditAction
from boligdesk.models import AuditEvent
from boligdesk.models.rates import RateEntryRow
from boligdesk.models.store import Store
from boligdesk.services.changes import Part
from boligdesk.services.desk import Desk
from boligdesk.sync.simulation import LaptopLab
from tests.db.case_setup import desk, new_case, refused

NEW_YEAR_2027 = dt.date(2027, 1, 1)
NORMS_2027 = {
    "first_adult": Money.kr(7_900),
    "extra_adult": Money.kr(5_500),
    "child_0_1": Money.kr(2_100),
    "child_2_6": Money.kr(2_700),
    "child_7_17": Money.kr(3_900),
}


def fee_on(d: Desk) -> Money | None:
    bound = d.arrears.fee_bound()
    return bound.amount if bound is not None else None


def test_an_organisations_2027_fee_is_the_bound_from_new_years_day(store: Store) -> None:
    created = desk(store).rates.add(
        REMINDER_FEE, NEW_YEAR_2027, {"amount": Money.kr(333)}, source_title="Opfundet kilde 2027"
    )
    assert created.changes.touches("any-case", Part.BUDGET) and created.changes.touches(None, Part.SETTINGS)
    assert fee_on(desk(store, dt.date(2026, 12, 31))) == Money.kr(314)  # the shipped 2023 rate
    assert fee_on(desk(store, NEW_YEAR_2027)) == Money.kr(333)
    # The timeline's bound follows the påkrav's date.
    case_id = new_case(store)
    d = desk(store, dt.date(2027, 2, 1))
    d.timeline.set_field(case_id, "reminder_sent_on", dt.date(2027, 1, 20))
    computed = d.case_view.details(case_id)
    assert computed is not None and computed.computed.max_reminder_fee is not None
    assert computed.computed.max_reminder_fee.amount == Money.kr(333)


def test_the_organisations_entry_replaces_the_shipped_one_until_it_is_deleted(store: Store) -> None:
    d = desk(store, dt.date(2023, 6, 1))
    created = d.rates.add(REMINDER_FEE, dt.date(2023, 1, 1), {"amount": Money.kr(320)}, source_title="Egen")
    assert fee_on(d) == Money.kr(320)
    shipped = next(
        e for e in d.rates.book().all_entries if e.origin is Origin.SHIPPED and e.valid_from.year == 2023
    )
    assert d.rates.book().shadowed(shipped)
    d.rates.delete(created.id)
    assert fee_on(d) == Money.kr(314)
    # The same year entered again revives the row (same derived id) instead of failing.
    again = d.rates.add(REMINDER_FEE, dt.date(2023, 1, 1), {"amount": Money.kr(321)}, source_title="Egen")
    assert again.id == created.id and fee_on(d) == Money.kr(321)


def test_a_second_entry_for_the_same_date_is_refused_and_edit_keeps_the_date(store: Store) -> None:
    d = desk(store)
    created = d.rates.add(REMINDER_FEE, NEW_YEAR_2027, {"amount": Money.kr(333)}, source_title="A")
    error = refused(d.rates.add, REMINDER_FEE, NEW_YEAR_2027, {"amount": Money.kr(1)}, source_title="B")
    assert error.field == "valid_from" and "Redigér" in error.message
    d.rates.edit(
        created.id, {"amount": Money.kr(334)}, source_title="A2", source_url="https://example.invalid"
    )
    entry = next(e for e in d.rates.book().entries(REMINDER_FEE) if e.valid_from == NEW_YEAR_2027)
    assert (entry.figure("amount"), entry.source_title, entry.entered_by) == (
        Money.kr(334),
        "A2",
        "Rikke Rådgiver",
    )
    d.rates.delete(created.id)
    assert refused(d.rates.delete, created.id).code == "rate_entry.not_found"


def test_the_budget_uses_the_organisations_2027_norm(store: Store) -> None:
    d = desk(store, dt.date(2027, 1, 10))
    case_id = new_case(store)
    budget = d.budget.create(case_id, made_on=dt.date(2027, 1, 10))
    before = d.budget.analyse(budget.id).norm
    assert before.year == 2024
    assert "Satsen er fra 2024 — der er ikke indtastet satser for 2027." in before.notes
    d.rates.add(HOUSEHOLD_NORMS, NEW_YEAR_2027, NORMS_2027, source_title="Opfundet kilde 2027")
    after = d.budget.analyse(budget.id).norm
    assert after.year == 2027 and after.table.first_adult == Money.kr(7_900)
    assert not any("ikke indtastet" in n for n in after.notes)


def test_import_is_all_or_nothing_and_export_gives_the_organisations_own_entries(store: Store) -> None:
    d = desk(store)
    good = validate_entry(REMINDER_FEE, NEW_YEAR_2027, {"amount": 33_300}, source_title="Fil")
    data = export_bytes([good], exported_on=dt.date(2026, 12, 1))
    broken = data.replace(b'"entries": [', b'"entries": [{"table": "reminder_fee"}, ', 1)
    with pytest.raises(Exception) as refused_file:
        d.rates.import_file(broken)
    assert "Intet er ændret" in str(refused_file.value)
    assert not [e for e in d.rates.book().all_entries if e.origin is Origin.ORGANISATION]
    result = d.rates.import_file(data)
    assert (result.added, result.replaced) == (1, 0)
    assert d.rates.import_file(data).replaced == 1
    exported = d.rates.export_file()
    assert b'"reminder_fee"' in exported and b"household_norms" not in exported  # shipped ones stay out
    with store.session() as s:
        assert s.scalar(
            select(func.count()).select_from(AuditEvent).where(AuditEvent.action == AuditAction.EXPORT)
        )


def test_a_row_this_version_cannot_read_is_skipped_not_fatal(store: Store) -> None:
    with store.session() as s:
        s.add(RateEntryRow(table_key="a_future_table", valid_from=NEW_YEAR_2027, figures="{}"))
        s.add(RateEntryRow(table_key=REMINDER_FEE, valid_from=NEW_YEAR_2027, figures="not json"))
    assert desk(store).rates.book().entries(REMINDER_FEE)  # the shipped entries still count


# --- two laptops ----------------------------------------------------------------------------------


@pytest.fixture
def lab(tmp_path: Path) -> Iterator[LaptopLab]:
    lab = LaptopLab(tmp_path)  # no template: each laptop's profile is made on its own
    yield lab
    lab.close()


def on(store: Store, name: str, today: dt.date = dt.date(2027, 2, 1)) -> Desk:
    return Desk(store, adviser_name=name, today=lambda: today)


def test_a_year_entered_on_two_laptops_merges_as_one_row_with_a_kept_conflict(lab: LaptopLab) -> None:
    anne, bo = lab.laptop("anne"), lab.laptop("bo")
    on(anne, "Anne").rates.add(
        REMINDER_FEE, NEW_YEAR_2027, {"amount": Money.kr(333)}, source_title="Annes kilde"
    )
    on(bo, "Bo").rates.add(REMINDER_FEE, NEW_YEAR_2027, {"amount": Money.kr(335)}, source_title="Bos kilde")
    on(anne, "Anne").rates.add(HOUSEHOLD_NORMS, NEW_YEAR_2027, NORMS_2027, source_title="Annes normer")
    for _ in range(2):
        lab.sync(anne)
        lab.sync(bo)
    for store in (anne, bo):
        with store.session() as s:
            rows = s.scalars(select(RateEntryRow).where(RateEntryRow.table_key == REMINDER_FEE)).all()
            assert len(rows) == 1  # one row, not one per laptop
    fees = {fee_on(on(store, "x")) for store in (anne, bo)}
    assert len(fees) == 1 and fees <= {Money.kr(333), Money.kr(335)}  # converged
    items = [
        i for store in (anne, bo) for i in on(store, "x").conflicts.open_items() if i.table == "rate_entries"
    ]
    assert items, "the losing figures must be kept as a conflict"
    labels = {(i.table_label, i.what) for i in items}
    assert ("Sats", "Påkravsgebyr (højeste) fra 01.01.2027") in labels
    shown = {i.field_label: (i.current_text, i.other_text) for i in items}
    assert {"333,00 kr.", "335,00 kr."} <= {t.removeprefix("Gebyr: ") for t in shown["Beløb"]}
    # Bo's budget made in 2027 uses the norm Anne entered.
    case_id = new_case(bo)
    d = on(bo, "Bo", dt.date(2027, 1, 10))
    budget = d.budget.create(case_id, made_on=dt.date(2027, 1, 10))
    norm = d.budget.analyse(budget.id).norm
    assert (norm.year, norm.source, norm.table.first_adult) == (2027, "Annes normer", Money.kr(7_900))
