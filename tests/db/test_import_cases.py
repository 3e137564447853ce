"""Bringing the existing caseload in: a team's spreadsheet of open cases into a real encrypted store,
idempotent like the termination import; hostile rows rejected with their reasons."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from boligdesk.budget.money import Money
from boligdesk.budget.vocabulary import CaseKind
from boligdesk.importers.plan import ImportStatus
from boligdesk.importers.tabular import ImportFileError
from boligdesk.models import Adviser, ArrearsItem, Case, Estate, HousingAssociation, JournalNote, Tenancy
from boligdesk.models.store import Store
from boligdesk.services.cases import NewCase
from boligdesk.services.desk import Desk
from tests.cases import create_case
from tests.unit.importers.list_files import write_csv, write_xlsx

TODAY = dt.date(2026, 6, 10)
HEADER = [
    "Navn",
    "Adresse",
    "Lejemålsnr.",
    "Afd.",
    "Sagstype",
    "Oprettet",
    "Restance",
    "Ophævelsesdato",
    "Rådgiver",
    "Noter",
]
ROWS = [
    [
        "Ærlig Åkjær",
        "Solvænget 8, 1. tv",
        "12-0301",
        "12",
        "Udsættelsestruet lejer",
        "14.01.2026",
        "8.412,50",
        "05.03.2026",
        "Mette Rådgiver",
        "Aftale om afdrag 500 kr./md.\nRinger om fredagen.",
    ],
    ["Yrsa Østergård", "Kærvej 2", "", "", "Fastholdelse", "02.02.2026", "", "", "", ""],
    ["Ib Bæk", "Solvænget 8, 2. th", "12-0302", "12", "", "", "", "", "", ""],
]


@pytest.fixture
def estates(store: Store) -> None:
    with store.session() as s:
        association = HousingAssociation(name="Boligselskabet Lindely (opdigtet)")
        s.add(association)
        s.flush()
        s.add(Estate(association_id=association.id, number="012", name="Solbakken"))


def _desk(store: Store) -> Desk:
    return Desk(store, adviser_name="Rådgiver Test", today=lambda: TODAY)


def _count(store: Store, model: type) -> int:
    with store.read_session() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def test_open_cases_come_in_with_kind_dates_arrears_adviser_and_notes(
    store: Store, estates: None, tmp_path: Path
) -> None:
    desk = _desk(store)
    plan = desk.case_imports.preview(write_csv(tmp_path / "sager.csv", ROWS, header=HEADER))
    assert [r.status for r in plan.rows] == [ImportStatus.CREATE] * 3
    assert _count(store, Case) == 0
    assert desk.case_imports.apply(plan).created == 3
    with store.read_session() as s:
        rows = s.execute(select(Case, Tenancy).join(Tenancy)).all()
        cases = {t.address_line: c for c, t in rows}
        first = cases["Solvænget 8, 1. tv"]
        assert first.kind is CaseKind.EVICTION_THREAT
        assert first.opened_on == dt.date(2026, 1, 14)
        assert first.arrears == Money(841_250)
        assert first.termination_on == dt.date(2026, 3, 5)
        assert first.closed_on is None
        assert s.scalar(select(Adviser.name).where(Adviser.id == first.adviser_id)) == "Mette Rådgiver"
        items = s.scalars(select(ArrearsItem).where(ArrearsItem.case_id == first.id)).all()
        assert [i.amount for i in items] == [Money(841_250)]
        note = s.scalar(select(JournalNote).where(JournalNote.case_id == first.id))
        assert note is not None and "Ringer om fredagen." in note.text and note.author == "Rådgiver Test"
        assert cases["Kærvej 2"].kind is CaseKind.RETENTION
        assert cases["Kærvej 2"].opened_on == dt.date(2026, 2, 2)
        # No type, no arrears, no termination: advice, opened today.
        assert cases["Solvænget 8, 2. th"].kind is CaseKind.ADVICE
        assert cases["Solvænget 8, 2. th"].opened_on == TODAY


def test_the_same_sheet_twice_as_csv_then_xlsx_changes_nothing(
    store: Store, estates: None, tmp_path: Path
) -> None:
    desk = _desk(store)
    plan = desk.case_imports.preview(write_csv(tmp_path / "sager.csv", ROWS, header=HEADER))
    desk.case_imports.apply(plan)
    again = desk.case_imports.apply(plan)  # a stale plan: decided again against the store
    assert (again.created, again.unchanged) == (0, 3)
    xlsx = desk.case_imports.preview(
        write_xlsx(tmp_path / "sager.xlsx", ROWS, header=HEADER, sheet_title="Sager")
    )
    assert [r.status for r in xlsx.rows] == [ImportStatus.UNCHANGED] * 3
    assert _count(store, Case) == 3 and _count(store, JournalNote) == 1


def test_a_case_entered_by_hand_is_not_doubled(store: Store, estates: None, tmp_path: Path) -> None:
    create_case(
        store, NewCase(first_name="yrsa", last_name="ØSTERGÅRD", address_line="Kærvej 2."), today=TODAY
    )
    plan = _desk(store).case_imports.preview(write_csv(tmp_path / "sager.csv", ROWS[1:2], header=HEADER))
    assert [r.status for r in plan.rows] == [ImportStatus.UNCHANGED]
    assert "findes allerede som åben sag" in plan.rows[0].detail


def test_hostile_rows_are_rejected_with_their_reasons(store: Store, estates: None, tmp_path: Path) -> None:
    hostile = [
        ROWS[0],
        ["", "", "", "99", "Noget andet", "31.02.2026", "-5", "", "", ""],
        ["Bo Dam", "Vej 3", "", "", "", "01.01.2027", "", "", "", ""],  # opened in the future
        ["Cai Ek", "Vej 4", "12-9", "12", "", "", "abc", "", "", "x" * 20_001],
        ["Dan Fo", "Vej 5", "", "", "", "", "", "", "Navn\x1bmed styretegn", ""],
        ["I alt", "", "", "", "", "", "", "", "", ""],
    ]
    desk = _desk(store)
    plan = desk.case_imports.preview(write_csv(tmp_path / "ond.csv", hostile, header=HEADER))
    by_line = {r.line: r for r in plan.rows}
    assert [by_line[n].status for n in (2, 3, 4, 5, 6)] == [
        ImportStatus.CREATE,
        ImportStatus.REJECTED,
        ImportStatus.REJECTED,
        ImportStatus.REJECTED,
        ImportStatus.CREATE,
    ]
    reasons = by_line[3].detail
    assert "navn mangler" in reasons and "Adresse mangler" in reasons
    assert "»99« findes ikke" in reasons and "Sagstypen »Noget andet« findes ikke" in reasons
    assert "fremtiden" in by_line[4].detail
    assert "20.000 tegn" in by_line[5].detail
    assert "Rådgiver" in by_line[6].detail, "an unusable adviser name is left out with a warning"
    assert plan.total_lines == (7,)
    assert desk.case_imports.apply(plan).created == 2


def test_a_sheet_without_names_is_refused_as_a_whole(store: Store, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "forkert.csv", [["12-1", "Vej 1"]], header=["Lejemålsnr.", "Adresse"])
    with pytest.raises(ImportFileError) as caught:
        _desk(store).case_imports.preview(path)
    assert "Navn" in caught.value.message
