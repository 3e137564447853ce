"""Retention settings and the retention run; the audit log's filters and export; "opened" once per visit."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from boligdesk.budget.vocabulary import AuditAction
from boligdesk.models import AuditEvent, Case, Person
from boligdesk.models.store import Store
from boligdesk.services.audit_log import VISIT_GAP, AuditFilter, OpenVisits
from boligdesk.services.retention import ANONYMISE, KEEP
from tests.db.case_setup import desk, new_case, refused
from tests.db.test_erasure import rich_closed_case

TODAY = dt.date(2026, 3, 10)


def test_retention_is_not_set_until_the_organisation_sets_it_and_nothing_is_due(store: Store) -> None:
    rich_closed_case(store)
    d = desk(store)
    assert not d.retention.policy().is_set
    assert "ikke sat" in d.retention.policy().text()
    assert d.retention.due() == []
    assert "ikke sat" in refused(d.retention.apply).message


@pytest.mark.parametrize(
    ("months", "reference", "action", "field"),
    [("", "Politik", ANONYMISE, "months"), ("0", "Politik", ANONYMISE, "months"), ("tolv", "x", ANONYMISE, "months"),
     ("12", "  ", ANONYMISE, "reference"), ("12", "Politik", "", "action")],
)  # fmt: skip
def test_bad_retention_settings_are_refused_naming_the_field(
    store: Store, months: str, reference: str, action: str, field: str
) -> None:
    error = refused(desk(store).retention.set_policy, months, reference, action)
    assert error.field == field


def test_cases_past_the_date_are_listed_and_anonymised_only_when_chosen(store: Store) -> None:
    old = rich_closed_case(store)  # closed 15.01.2025
    recent = rich_closed_case(store, first_name="Nyere")
    with store.session() as s:
        case = s.get(Case, recent)
        assert case is not None
        case.closed_on = dt.date(2026, 1, 1)
    open_case = new_case(store, first_name="Åben")
    d = desk(store)
    d.retention.set_policy("12", "Organisationens politik af 1.1.2026", KEEP)
    assert [c.case_id for c in d.retention.due()] == [old]
    assert "beholde" in refused(d.retention.apply).message
    assert not d.erasure.is_erased(old)
    d.retention.set_policy("12", "Organisationens politik af 1.1.2026", ANONYMISE)
    result = d.retention.apply()
    assert result.cases == 1
    assert d.erasure.erased() == {old}
    assert d.retention.due() == []
    assert open_case not in d.erasure.erased()
    # 14 months: due on 15.03.2026, not yet on 10.03.2026
    d.retention.set_policy("14", "Politik", ANONYMISE)
    assert d.retention.due() == []


def test_open_is_recorded_once_per_visit() -> None:
    visits = OpenVisits()
    t0 = dt.datetime(2026, 3, 10, 9, 0)
    assert visits.opened("a", t0)
    assert not visits.opened("a", t0 + dt.timedelta(minutes=5))  # clicking around in the same visit
    assert visits.opened("b", t0 + dt.timedelta(minutes=6))
    visits.input(t0 + dt.timedelta(minutes=20))
    assert not visits.opened("a", t0 + dt.timedelta(minutes=40))  # input in between: same visit
    assert visits.opened("a", t0 + dt.timedelta(minutes=40) + VISIT_GAP)  # 30 min without input
    visits.unlock()
    assert visits.opened("a", t0 + dt.timedelta(minutes=41) + VISIT_GAP)  # after locking


def test_opening_through_the_desk_records_one_event_per_visit(store: Store) -> None:
    case_id = new_case(store)
    d = desk(store)
    t0 = dt.datetime(2026, 3, 10, 9, 0)
    for minute in range(5):
        d.case_view.record_open(case_id, now=t0 + dt.timedelta(minutes=minute))
    d.visits.unlock()
    d.case_view.record_open(case_id, now=t0 + dt.timedelta(minutes=6))
    with store.session() as s:
        opened = s.scalars(select(AuditEvent).where(AuditEvent.action == AuditAction.OPEN)).all()
    assert len(opened) == 2


def _event(store: Store, action: AuditAction, case_id: str | None, actor: str, at: dt.datetime) -> None:
    with store.session() as s:
        s.add(
            AuditEvent(
                action=action,
                entity="case",
                entity_id=case_id or "",
                case_id=case_id,
                actor=actor,
                device="d",
                at=at,
            )
        )


def test_the_audit_filters_by_case_adviser_kind_and_period(store: Store, tmp_path: Path) -> None:
    a = new_case(store)
    b = new_case(store, first_name="Bente")
    with store.session() as s:
        number_a = s.get(Case, a).number  # type: ignore[union-attr]
    _event(store, AuditAction.OPEN, a, "Anne", dt.datetime(2026, 2, 1, 12))
    _event(store, AuditAction.PRINT, a, "Bo", dt.datetime(2026, 2, 10, 12))
    _event(store, AuditAction.ERASE, b, "Anne", dt.datetime(2026, 3, 1, 12))
    _event(store, AuditAction.EXPORT, b, "Bo", dt.datetime(2026, 3, 2, 12))
    log = desk(store).audit_log
    by_case = log.rows(AuditFilter(case_number=number_a))
    assert by_case and all(r.case_id == a for r in by_case)
    assert {r.actor for r in log.rows(AuditFilter(adviser="Bo"))} == {"Bo"}
    assert [r.action for r in log.rows(AuditFilter(kinds=frozenset({"erased"})))] == [AuditAction.ERASE]
    assert [
        r.action for r in log.rows(AuditFilter(kinds=frozenset({"opened", "printed"}), adviser="Bo"))
    ] == [AuditAction.PRINT]
    period = log.rows(AuditFilter(date_from=dt.date(2026, 2, 5), date_to=dt.date(2026, 3, 1)))
    assert [r.action for r in period] == [AuditAction.ERASE, AuditAction.PRINT]  # newest first
    assert {"Anne", "Bo", "Rikke Rådgiver"} <= set(log.advisers())
    # Export: every row as text, and the export is itself logged
    path = tmp_path / "log.xlsx"
    rows = log.rows(AuditFilter(adviser="Bo"))
    log.export(rows, path)
    sheet = openpyxl.load_workbook(path).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][0] == "Tidspunkt" and len(values) == 1 + len(rows)
    assert any(r.action is AuditAction.EXPORT and r.entity == "audit_log" for r in log.rows())


def test_the_log_says_what_happened_in_danish_in_the_window_and_excel_and_raw_in_json(
    store: Store, tmp_path: Path
) -> None:
    """Found in the audit of issue 14: the DPO read »items=35,redacted=0,staff_hidden=0« and
    »fields=phone,email«. The stored form stays for programs (``boligdesk audit --json``)."""
    from boligdesk.services.audit_log import detail_text

    case_id = new_case(store)
    d = desk(store)
    d.record(
        AuditAction.RELEASE, "case", case_id, case_id=case_id, detail="items=35,redacted=2,staff_hidden=1"
    )
    d.record(AuditAction.PRINT, "case", case_id, case_id=case_id, detail="template=rykker;batch")
    with d.writing(case_id) as s:  # an ordinary stamped edit: the flush hook writes the update event
        person = s.scalars(select(Person)).first()
        assert person is not None
        person.phone = "87 65 43 21"
    rows = d.audit_log.rows(AuditFilter())
    shown = {r.cells()[-1] for r in rows}
    assert "35 oplysninger udleveret, 2 udeladt, medarbejdernes navne udeladt" in shown
    assert "Skabelon rykker (samlet udskrift)" in shown
    assert any(text.startswith("Felter: ") and "telefon" in text for text in shown), shown
    assert not any("=" in text for text in shown)
    path = tmp_path / "log.xlsx"
    d.audit_log.export(rows, path)
    cells = {row[-1].value for row in openpyxl.load_workbook(path).active.iter_rows(min_row=2)}
    assert "35 oplysninger udleveret, 2 udeladt, medarbejdernes navne udeladt" in cells
    assert {r.detail for r in rows} >= {"items=35,redacted=2,staff_hidden=1", "template=rykker;batch"}
    assert detail_text("noget andet") == "noget andet"  # an unknown form is shown as stored
