"""Importing the termination list into a real encrypted store: create, update, unchanged, rejected."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from boligdesk.budget.money import Money
from boligdesk.budget.vocabulary import AuditAction, CaseKind, CasePhase, ReferralSource
from boligdesk.importers.plan import ImportPlan, ImportResult
from boligdesk.models import (
    SYNCED_MODELS,
    ArrearsItem,
    AuditEvent,
    Case,
    CaseKindChange,
    DeviceInfo,
    Estate,
    HouseholdMember,
    HousingAssociation,
    Person,
    Tenancy,
)
from boligdesk.models.store import Store
from boligdesk.services.cases import NewCase
from boligdesk.services.desk import Desk
from boligdesk.services.import_terminations import (
    IMPORTED_ARREARS_TEXT,
    FieldChange,
    ImportStatus,
    save_rejected,
)
from tests.cases import create_case
from tests.unit.importers.list_files import GOOD_ROWS, HEADER, TODAY, write_csv

ACTOR = "Rådgiver Test"


def preview(store: Store, path: Path, today: dt.date) -> ImportPlan:
    return Desk(store, today=lambda: today).imports.preview(path)


def apply(store: Store, plan: ImportPlan, today: dt.date, actor: str) -> ImportResult:
    return Desk(store, adviser_name=actor, today=lambda: today).imports.apply(plan)


@pytest.fixture
def estates(store: Store) -> dict[str, str]:
    with store.session() as s:
        association = HousingAssociation(name="Boligselskabet Lindely (opdigtet)")
        s.add(association)
        s.flush()
        solbakken = Estate(association_id=association.id, number="012", name="Solbakken")
        kaerhaven = Estate(association_id=association.id, number="014", name="Kærhaven")
        s.add_all([solbakken, kaerhaven])
        s.flush()
        return {"12": solbakken.id, "14": kaerhaven.id}


def _snapshot(store: Store) -> dict[str, object]:
    """Every synced row's id, clock and tombstone, plus the device clock: any write changes it."""
    with store.read_session() as s:
        rows: dict[str, object] = {
            model.__tablename__: sorted(
                [tuple(r) for r in s.execute(select(model.id, model.updated_at, model.deleted))]
            )
            for model in SYNCED_MODELS
        }
        rows["device_clock"] = s.scalars(select(DeviceInfo.clock)).all()
        return rows


def _list(tmp_path: Path, rows: list[list[str]] | None = None, name: str = "liste.csv") -> Path:
    return write_csv(tmp_path / name, GOOD_ROWS if rows is None else rows)


def _row(index: int, **changes: str) -> list[str]:
    row = list(GOOD_ROWS[index])
    for header, value in changes.items():
        row[HEADER.index(header)] = value
    return row


def _case_for(store: Store, tenancy_number: str) -> Case:
    with store.read_session() as s:
        case = s.scalars(
            select(Case)
            .join(Tenancy, Case.tenancy_id == Tenancy.id)
            .where(Tenancy.tenancy_number == tenancy_number)
        ).one()
        s.expunge(case)
        return case


def _existing_case(store: Store, estate_id: str, **overrides: object) -> str:
    data = NewCase(
        first_name="Åse",
        last_name="Kjærgård",
        address_line="Solvænget 4, 2. tv",
        postcode="2400",
        city="København NV",
        estate_id=estate_id,
        tenancy_number="12-0101",
        rent=Money.kr(6400),
        arrears=Money.kr(4000),
        kind=CaseKind.RETENTION,
        opened_on=dt.date(2026, 1, 12),
    )
    return create_case(store, dataclasses.replace(data, **overrides), today=dt.date(2026, 1, 12))


def test_preview_shows_what_will_happen_and_changes_nothing(
    store: Store, estates: dict[str, str], tmp_path: Path
) -> None:
    bad = _row(1, Ophævelsesdato="31-02-2026")
    before = _snapshot(store)
    plan = preview(store, _list(tmp_path, [GOOD_ROWS[0], bad, GOOD_ROWS[2]]), TODAY)
    assert [(r.line, r.status) for r in plan.rows] == [
        (2, ImportStatus.CREATE),
        (3, ImportStatus.REJECTED),
        (4, ImportStatus.CREATE),
    ]
    assert plan.rows[1].detail == "Ophævelsesdato: Datoen »31-02-2026« findes ikke. Tjek dag og måned."
    assert plan.rows[1].tenant_name == "Søren Øbro", "a rejected row still shows who it is about"
    assert _snapshot(store) == before


def test_import_creates_one_eviction_threat_case_per_good_row(
    store: Store, estates: dict[str, str], tmp_path: Path
) -> None:
    plan = preview(store, _list(tmp_path), TODAY)
    result = apply(store, plan, today=TODAY, actor=ACTOR)
    assert (result.created, result.updated, result.unchanged, result.rejected) == (3, 0, 0, 0)

    case = _case_for(store, "12-0101")
    assert case.number == "2026-0001"
    assert case.kind is CaseKind.EVICTION_THREAT
    assert case.phase is CasePhase.NEW
    assert case.referral_source is ReferralSource.TERMINATION_LIST
    assert case.terminations_this_year == 1
    assert case.opened_on == TODAY
    assert case.arrears == Money(841250)
    assert case.termination_on == dt.date(2026, 3, 5)
    assert case.reminder_sent_on == dt.date(2026, 2, 17)
    assert case.adviser_id is None
    with store.read_session() as s:
        tenancy = s.get(Tenancy, case.tenancy_id)
        person = s.get(Person, case.tenant_id)
        assert tenancy is not None and person is not None
        assert (tenancy.estate_id, tenancy.address_line, tenancy.postcode, tenancy.city, tenancy.rent) == (
            estates["12"],
            "Solvænget 4, 2. tv",
            "2400",
            "København NV",
            Money(651200),
        )
        assert (person.first_name, person.last_name, person.phone) == ("Åse", "Kjærgård", "20 30 40 50")
        items = s.scalars(select(ArrearsItem).where(ArrearsItem.case_id == case.id)).all()
        assert [(i.text, i.amount) for i in items] == [(IMPORTED_ARREARS_TEXT, Money(841250))]
        members = s.scalars(
            select(HouseholdMember).where(HouseholdMember.household_id == case.household_id)
        ).all()
        assert [(m.name, m.is_tenant) for m in members] == [("Åse Kjærgård", True)]
        kinds = s.scalars(select(CaseKindChange.kind).where(CaseKindChange.case_id == case.id)).all()
        assert kinds == [CaseKind.EVICTION_THREAT]
        numbers = sorted(s.scalars(select(Case.number)).all())
        assert numbers == ["2026-0001", "2026-0002", "2026-0003"]


def test_importing_the_same_file_twice_changes_nothing_the_second_time(
    store: Store, estates: dict[str, str], tmp_path: Path
) -> None:
    path = _list(tmp_path)
    apply(store, preview(store, path, TODAY), today=TODAY, actor=ACTOR)
    after_first = _snapshot(store)

    second = preview(store, path, TODAY)
    assert [r.status for r in second.rows] == [ImportStatus.UNCHANGED] * 3
    assert second.rows[0].detail == "Sag 2026-0001 har allerede disse oplysninger."
    assert not second.has_changes
    result = apply(store, second, today=TODAY, actor=ACTOR)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 3)
    assert _snapshot(store) == after_first


def test_the_same_file_as_xlsx_after_csv_changes_nothing(
    store: Store, estates: dict[str, str], tmp_path: Path
) -> None:
    from tests.unit.importers.list_files import write_xlsx, xlsx_typed_rows

    apply(store, preview(store, _list(tmp_path), TODAY), today=TODAY, actor=ACTOR)
    after_csv = _snapshot(store)
    plan = preview(store, write_xlsx(tmp_path / "liste.xlsx", xlsx_typed_rows()), TODAY)
    assert plan.counts.unchanged == 3
    apply(store, plan, today=TODAY, actor=ACTOR)
    assert _snapshot(store) == after_csv


def test_applying_one_plan_twice_makes_no_duplicates(
    store: Store, estates: dict[str, str], tmp_path: Path
) -> None:
    plan = preview(store, _list(tmp_path), TODAY)
    apply(store, plan, today=TODAY, actor=ACTOR)
    again = apply(store, plan, today=TODAY, actor=ACTOR)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    with store.read_session() as s:
        assert len(s.scalars(select(Case.id)).all()) == 3


def test_a_case_created_after_the_preview_is_updated_not_duplicated(
    store: Store, estates: dict[str, str], tmp_path: Path
) -> None:
    plan = preview(store, _list(tmp_path, [GOOD_ROWS[0]]), TODAY)
    assert plan.rows[0].status is ImportStatus.CREATE
    case_id = _existing_case(store, estates["12"])  # e.g. arrived by sync from a colleague's laptop
    result = apply(store, plan, today=TODAY, actor=ACTOR)
    assert (result.created, result.updated) == (0, 1)
    assert result.case_ids == (case_id,)


def test_a_row_for_an_open_case_updates_it_and_shows_old_and_new(
    store: Store, estates: dict[str, str], tmp_path: Path
) -> None:
    case_id = _existing_case(store, estates["12"])
    plan = preview(store, _list(tmp_path, [GOOD_ROWS[0]]), TODAY)
    (row,) = plan.rows
    assert row.status is ImportStatus.UPDATE
    assert row.case_id == case_id
    assert row.changes == (
        FieldChange("kind", "Sagstype", "Fastholdelse", "Udsættelsestruet lejer"),
        FieldChange("arrears", "Restance", "4.000,00 kr.", "8.412,50 kr."),
        FieldChange("termination_on", "Ophævelsesdato", "–", "05.03.2026"),
        FieldChange("terminations_this_year", "Ophævelser i år", "0", "1"),
        FieldChange("reminder_sent_on", "Påkravsdato", "–", "17.02.2026"),
        FieldChange("rent", "Husleje", "6.400,00 kr.", "6.512,00 kr."),
    )
    assert row.detail == (
        "Sag 2026-0001: Sagstype: Fastholdelse → Udsættelsestruet lejer; Restance: 4.000,00 kr. → 8.412,50 kr.; "
        "Ophævelsesdato: – → 05.03.2026; Ophævelser i år: 0 → 1; Påkravsdato: – → 17.02.2026; Husleje: 6.400,00 kr. → 6.512,00 kr."
    )

    result = apply(store, plan, today=TODAY, actor=ACTOR)
    assert (result.created, result.updated) == (0, 1)
    case = _case_for(store, "12-0101")
    assert case.id == case_id
    assert (case.kind, case.arrears, case.termination_on, case.reminder_sent_on) == (
        CaseKind.EVICTION_THREAT,
        Money(841250),
        dt.date(2026, 3, 5),
        dt.date(2026, 2, 17),
    )
    assert case.terminations_this_year == 1
    assert case.referral_source is None, "where the case came from is not rewritten"
    with store.read_session() as s:
        tenancy = s.get(Tenancy, case.tenancy_id)
        assert tenancy is not None and tenancy.rent == Money(651200)
        kinds = s.scalars(
            select(CaseKindChange.kind)
            .where(CaseKindChange.case_id == case_id)
            .order_by(CaseKindChange.changed_at)
        ).all()
        assert kinds == [CaseKind.RETENTION, CaseKind.EVICTION_THREAT]
        # The adviser's own breakdown of the arrears is not touched by the import.
        items = s.scalars(select(ArrearsItem).where(ArrearsItem.case_id == case_id)).all()
        assert [(i.text, i.amount) for i in items] == [("Huslejerestance", Money.kr(4000))]


def test_a_later_termination_on_an_open_case_counts_as_another_this_year(
    store: Store, estates: dict[str, str], tmp_path: Path
) -> None:
    apply(store, preview(store, _list(tmp_path, [GOOD_ROWS[0]]), TODAY), today=TODAY, actor=ACTOR)
    april = _row(0, Ophævelsesdato="02.04.2026", Restance="14.924,50")
    plan = preview(store, _list(tmp_path, [april], name="april.csv"), dt.date(2026, 4, 8))
    assert plan.rows[0].status is ImportStatus.UPDATE
    assert plan.rows[0].detail == (
        "Sag 2026-0001: Restance: 8.412,50 kr. → 14.924,50 kr.; Ophævelsesdato: 05.03.2026 → 02.04.2026; "
        "Ophævelser i år: 1 → 2"
    )
    apply(store, plan, today=dt.date(2026, 4, 8), actor=ACTOR)
    case = _case_for(store, "12-0101")
    assert case.terminations_this_year == 2
    assert case.arrears == Money(1492450)
    with store.read_session() as s:
        items = s.scalars(select(ArrearsItem).where(ArrearsItem.case_id == case.id)).all()
        assert [(i.text, i.amount) for i in items] == [(IMPORTED_ARREARS_TEXT, Money(1492450))]


def test_an_earlier_termination_date_is_a_correction_and_not_counted(
    store: Store, estates: dict[str, str], tmp_path: Path
) -> None:
    apply(store, preview(store, _list(tmp_path, [GOOD_ROWS[0]]), TODAY), today=TODAY, actor=ACTOR)
    corrected = _row(0, Ophævelsesdato="04.03.2026")
    plan = preview(store, _list(tmp_path, [corrected], name="ret.csv"), TODAY)
    assert plan.rows[0].detail == "Sag 2026-0001: Ophævelsesdato: 05.03.2026 → 04.03.2026"
    apply(
        store, preview(store, _list(tmp_path, [corrected], name="ret.csv"), TODAY), today=TODAY, actor=ACTOR
    )
    case = _case_for(store, "12-0101")
    assert (case.termination_on, case.terminations_this_year) == (dt.date(2026, 3, 4), 1)


def _close(store: Store, case_id: str, on: dt.date) -> None:
    with store.session() as s:
        case = s.get(Case, case_id)
        assert case is not None
        case.closed_on = on
        case.phase = CasePhase.CLOSED


def test_a_termination_already_on_a_closed_case_is_not_imported_again(
    store: Store, estates: dict[str, str], tmp_path: Path
) -> None:
    path = _list(tmp_path, [GOOD_ROWS[0]])
    result = apply(store, preview(store, path, TODAY), today=TODAY, actor=ACTOR)
    _close(store, result.case_ids[0], dt.date(2026, 3, 20))
    before = _snapshot(store)
    plan = preview(store, path, TODAY)
    assert plan.rows[0].status is ImportStatus.UNCHANGED
    assert plan.rows[0].detail == "Ophævelsen er allerede registreret på den lukkede sag 2026-0001."
    apply(store, plan, today=TODAY, actor=ACTOR)
    assert _snapshot(store) == before


def test_a_new_termination_after_a_closed_case_opens_a_new_case_counting_both(
    store: Store, estates: dict[str, str], tmp_path: Path
) -> None:
    old_id = _existing_case(
        store, estates["12"], termination_on=dt.date(2026, 1, 5), kind=CaseKind.EVICTION_THREAT
    )
    _close(store, old_id, dt.date(2026, 2, 1))
    result = apply(store, preview(store, _list(tmp_path, [GOOD_ROWS[0]]), TODAY), today=TODAY, actor=ACTOR)
    assert result.created == 1
    with store.read_session() as s:
        new = s.get(Case, result.case_ids[0])
        assert new is not None
        assert new.terminations_this_year == 2
        assert new.number == "2026-0002"


def test_the_preview_says_when_a_new_case_is_the_tenancys_second_termination_this_year(
    store: Store, estates: dict[str, str], tmp_path: Path
) -> None:
    old_id = _existing_case(
        store, estates["12"], termination_on=dt.date(2026, 1, 5), kind=CaseKind.EVICTION_THREAT
    )
    _close(store, old_id, dt.date(2026, 2, 1))
    plan = preview(store, _list(tmp_path, [GOOD_ROWS[0], GOOD_ROWS[1]]), TODAY)
    assert [r.detail for r in plan.rows] == [
        "Ny sag: udsættelsestruet lejer. Lejemålets 2. ophævelse i 2026.",
        "Ny sag: udsættelsestruet lejer.",
    ]


def test_two_open_cases_for_one_tenancy_reject_the_row(
    store: Store, estates: dict[str, str], tmp_path: Path
) -> None:
    _existing_case(store, estates["12"])
    _existing_case(store, estates["12"])
    plan = preview(store, _list(tmp_path, [GOOD_ROWS[0]]), TODAY)
    assert plan.rows[0].status is ImportStatus.REJECTED
    assert plan.rows[0].detail == (
        "Lejemålet har flere åbne sager (2026-0001, 2026-0002). Luk eller ret de forkerte sager i BoligDesk, "
        "og importér listen igen."
    )


def test_the_same_tenancy_number_in_another_estate_is_a_new_case(
    store: Store, estates: dict[str, str], tmp_path: Path
) -> None:
    _existing_case(store, estates["14"])
    plan = preview(store, _list(tmp_path, [GOOD_ROWS[0]]), TODAY)
    assert plan.rows[0].status is ImportStatus.CREATE


def test_a_tenancy_without_estate_is_matched_but_only_by_one_row(
    store: Store, estates: dict[str, str], tmp_path: Path
) -> None:
    case_id = _existing_case(store, None)
    in_14 = _row(0, **{"Afd.": "14"})
    plan = preview(store, _list(tmp_path, [GOOD_ROWS[0], in_14]), TODAY)
    assert [(r.status, r.case_id) for r in plan.rows] == [
        (ImportStatus.UPDATE, case_id),
        (ImportStatus.REJECTED, None),
    ]
    assert plan.rows[1].detail == "Række 2 gælder allerede sag 2026-0001."


def test_the_audit_log_counts_the_import_without_personal_data(
    store: Store, estates: dict[str, str], tmp_path: Path
) -> None:
    rows = [GOOD_ROWS[0], GOOD_ROWS[1], _row(2, Restance="-5")]
    apply(store, preview(store, _list(tmp_path, rows), TODAY), today=TODAY, actor=ACTOR)
    with store.read_session() as s:
        events = s.scalars(select(AuditEvent)).all()
    imports = [e for e in events if e.action is AuditAction.IMPORT]
    assert [(e.entity, e.detail, e.actor) for e in imports] == [
        ("termination_list", "created=2 updated=0 unchanged=0 rejected=1", ACTOR)
    ]
    creates = [e for e in events if e.action is AuditAction.CREATE]
    # Each case's event names the import run (the import's own event carries its id).
    assert len(creates) == 2 and all(
        e.detail == f"import={imports[0].entity_id}" and e.case_id for e in creates
    )
    every_detail = " ".join(e.detail for e in events)
    for personal in ("Åse", "Kjærgård", "Solvænget", "12-0101", "8.412"):
        assert personal not in every_detail


def test_rejected_rows_are_saved_as_a_danish_excel_csv_with_a_fejl_column(
    store: Store, estates: dict[str, str], tmp_path: Path
) -> None:
    bad = _row(1, Ophævelsesdato="31-02-2026")
    plan = preview(store, _list(tmp_path, [GOOD_ROWS[0], bad]), TODAY)
    target = tmp_path / "afviste.csv"
    assert save_rejected(plan, target) == 1
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM so Danish Excel shows æøå"
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert table == [
        ["Række", *HEADER, "Fejl"],
        ["3", *bad, "Ophævelsesdato: Datoen »31-02-2026« findes ikke. Tjek dag og måned."],
    ]


def test_the_saved_rejected_file_can_be_corrected_and_imported(
    store: Store, estates: dict[str, str], tmp_path: Path
) -> None:
    plan = preview(store, _list(tmp_path, [_row(1, Ophævelsesdato="31-02-2026")]), TODAY)
    target = tmp_path / "afviste.csv"
    save_rejected(plan, target)
    target.write_bytes(target.read_bytes().replace(b"31-02-2026", b"28-02-2026"))
    again = preview(store, target, TODAY)
    assert [(r.line, r.status) for r in again.rows] == [(2, ImportStatus.CREATE)]


def test_rejected_rows_saved_as_xlsx_keep_every_value_as_text(
    store: Store, estates: dict[str, str], tmp_path: Path
) -> None:
    sneaky = _row(0, **{"Lejers navn": '=HYPERLINK("http://example.invalid")', "Restance": "-1"})
    plan = preview(store, _list(tmp_path, [sneaky]), TODAY)
    target = tmp_path / "afviste.xlsx"
    save_rejected(plan, target)
    workbook = load_workbook(target)
    sheet = workbook.active
    assert sheet is not None
    assert [c.value for c in sheet[1]] == ["Række", *HEADER, "Fejl"]
    name_cell = sheet.cell(row=2, column=3)
    assert name_cell.value == '=HYPERLINK("http://example.invalid")'
    assert name_cell.data_type == "s", "someone else's formula must stay inert text"
    assert sheet.cell(row=2, column=len(HEADER) + 2).value == "Restance: Beløbet »-1« er negativt."
    workbook.close()


def _long_list(tmp_path: Path, count: int) -> Path:
    rows = [
        [f"12-{i:04d}", f"Opdigtet Lejer{i}", f"Solvænget {i}", "2400", "København NV", "12", f"{i}.000,00",
         "05.03.2026", "", "", ""]
        for i in range(1, count + 1)
    ]  # fmt: skip
    return write_csv(tmp_path / "lang.csv", rows)


def test_a_long_list_gets_consecutive_case_numbers_with_every_detail(
    store: Store, estates: dict[str, str], tmp_path: Path
) -> None:
    _existing_case(store, estates["14"])  # 2026-0001 already taken
    result = apply(store, preview(store, _long_list(tmp_path, 120), TODAY), TODAY, ACTOR)
    assert result.created == 120
    with store.read_session() as s:
        numbers = sorted(s.scalars(select(Case.number)).all())
        assert numbers == [f"2026-{n:04d}" for n in range(1, 122)]
        assert len(s.scalars(select(CaseKindChange.id)).all()) == 121
        imported_items = s.scalars(select(ArrearsItem).where(ArrearsItem.text == IMPORTED_ARREARS_TEXT)).all()
        assert sum(i.amount.ore for i in imported_items) == sum(range(1, 121)) * 100_000


def test_an_import_that_fails_halfway_saves_nothing(
    store: Store, estates: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from boligdesk.services import import_terminations

    plan = preview(store, _long_list(tmp_path, 120), TODAY)
    before = _snapshot(store)
    calls = {"n": 0}
    original = import_terminations._add_case_details

    def fail_late(*args: object) -> None:
        calls["n"] += 1
        if calls["n"] == 100:
            raise OSError("disken er fuld (simuleret)")
        original(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(import_terminations, "_add_case_details", fail_late)
    with pytest.raises(OSError):
        apply(store, plan, TODAY, ACTOR)
    assert _snapshot(store) == before
