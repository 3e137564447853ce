"""Importing the list of new tenancies (nye lejere) into a real encrypted store: "Ny lejer" cases,
idempotent like the termination import, hostile rows rejected with their reasons."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from boligdesk.budget.money import Money
from boligdesk.budget.vocabulary import CaseKind, ReferralSource
from boligdesk.importers.plan import ImportStatus
from boligdesk.importers.tabular import ImportFileError
from boligdesk.models import Case, Estate, HousingAssociation, Person, Tenancy
from boligdesk.models.store import Store
from boligdesk.services.desk import Desk
from tests.unit.importers.list_files import write_csv, write_xlsx

TODAY = dt.date(2026, 3, 10)
HEADER = ["Lejemålsnr.", "Navn", "Adresse", "Postnr. og by", "Afd.", "Indflytningsdato", "Husleje", "Mobil"]
ROWS = [
    ["12-0301", "Ærlig Åkjær", "Solvænget 8, 1. tv", "2400 København NV", "12", "01.03.2026", "6.100,00", ""],
    ["Afd. 14-009", "Yrsa Østergård", "Kærvej 2", "2400 København NV", "014", "1-4-2026", "", "2o 30"],
    ["12-0302", "Ib Bæk", "Solvænget 8, 2. th", "", "12", "15.02.2026", "", "20304050"],
]


@pytest.fixture
def estates(store: Store) -> None:
    with store.session() as s:
        association = HousingAssociation(name="Boligselskabet Lindely (opdigtet)")
        s.add(association)
        s.flush()
        s.add_all(
            [
                Estate(association_id=association.id, number="012", name="Solbakken"),
                Estate(association_id=association.id, number="014", name="Kærhaven"),
            ]
        )


def _desk(store: Store) -> Desk:
    return Desk(store, adviser_name="Rådgiver Test", today=lambda: TODAY)


def _cases(store: Store) -> int:
    with store.read_session() as s:
        return s.scalar(select(func.count()).select_from(Case)) or 0


def test_new_tenancies_become_new_tenant_cases_with_move_in_date(
    store: Store, estates: None, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "nye.csv", ROWS, header=HEADER)
    desk = _desk(store)
    plan = desk.new_tenant_imports.preview(path)
    assert [r.status for r in plan.rows] == [ImportStatus.CREATE] * 3
    # The malformed phone number is left out with a warning, the tenant still gets a case.
    assert any("Mobil" in w for w in plan.rows[1].warnings)
    assert _cases(store) == 0  # the preview writes nothing
    result = desk.new_tenant_imports.apply(plan)
    assert result.created == 3
    with store.read_session() as s:
        rows = s.execute(
            select(Case, Tenancy, Person).join(Tenancy).join(Person, Case.tenant_id == Person.id)
        ).all()
        by_number = {t.tenancy_number: (c, t, p) for c, t, p in rows}
    case, tenancy, person = by_number["12-0301"]
    assert case.kind is CaseKind.NEW_TENANT
    assert case.referral_source is ReferralSource.LANDLORD
    assert case.arrears == Money(0) and case.termination_on is None
    assert tenancy.move_in_date == dt.date(2026, 3, 1)
    assert tenancy.rent == Money(610_000)
    assert (tenancy.postcode, tenancy.city) == ("2400", "København NV")
    assert (person.first_name, person.last_name) == ("Ærlig", "Åkjær")
    assert by_number["Afd. 14-009"][2].phone == ""
    assert by_number["12-0302"][2].phone == "20304050"


def test_the_same_file_twice_and_the_same_file_as_xlsx_changes_nothing(
    store: Store, estates: None, tmp_path: Path
) -> None:
    csv_path = write_csv(tmp_path / "nye.csv", ROWS, header=HEADER)
    desk = _desk(store)
    plan = desk.new_tenant_imports.preview(csv_path)
    assert desk.new_tenant_imports.apply(plan).created == 3
    # Applying the same (stale) plan again: decided again against the store, nothing made twice.
    again = desk.new_tenant_imports.apply(plan)
    assert (again.created, again.unchanged) == (0, 3)
    xlsx_rows = [[*r[:5], dt.datetime(2026, 3, 1) if i == 0 else r[5], *r[6:]] for i, r in enumerate(ROWS)]
    xlsx = write_xlsx(tmp_path / "nye.xlsx", xlsx_rows, header=HEADER, sheet_title="Nye lejere")
    second = desk.new_tenant_imports.preview(xlsx)
    assert [r.status for r in second.rows] == [ImportStatus.UNCHANGED] * 3
    assert "allerede importeret" in second.rows[0].detail
    assert _cases(store) == 3


def test_a_new_move_in_date_on_the_same_tenancy_is_a_new_tenant(
    store: Store, estates: None, tmp_path: Path
) -> None:
    desk = _desk(store)
    desk.new_tenant_imports.apply(
        desk.new_tenant_imports.preview(write_csv(tmp_path / "a.csv", ROWS[:1], header=HEADER))
    )
    later = [[*ROWS[0][:1], "Nyt Navn", *ROWS[0][2:5], "01.06.2026", *ROWS[0][6:]]]
    plan = desk.new_tenant_imports.preview(write_csv(tmp_path / "b.csv", later, header=HEADER))
    assert [r.status for r in plan.rows] == [ImportStatus.CREATE]


def test_hostile_rows_are_rejected_with_every_reason_and_the_rest_imported(
    store: Store, estates: None, tmp_path: Path
) -> None:
    hostile = [
        ROWS[0],
        ["", "", "Vej 1", "", "99", "31.02.2026", "", ""],  # no number, no name, unknown estate, no such day
        ["12-0400", "Anna\x1b Berg", "Vej 2", "", "12", "01.01.0001", "", ""],  # control char, year 1
        ["12-0401", "Bo Dam", "Vej 3", "", "12", "01.01.2031", "", ""],  # too far ahead
        ["12-0402", "Cai Ek", "Vej 4", "", "12", "01.03.2026", "", ""],
        ["12-0402", "Cai Ek", "Vej 4", "", "12", "02.03.2026", "", ""],  # same tenancy, other facts
        ["I alt", "", "", "", "", "", "", ""],
    ]
    desk = _desk(store)
    plan = desk.new_tenant_imports.preview(write_csv(tmp_path / "ond.csv", hostile, header=HEADER))
    statuses = {r.line: r.status for r in plan.rows}
    assert statuses == {2: ImportStatus.CREATE, **{n: ImportStatus.REJECTED for n in range(3, 8)}}
    second = next(r for r in plan.rows if r.line == 3).detail
    assert "Lejemålsnummer mangler." in second and "navn mangler" in second and "findes ikke" in second
    assert "Indflytningsdato" in second
    assert "række 6 og 7" in next(r for r in plan.rows if r.line == 6).detail
    assert plan.total_lines == (8,)
    assert desk.new_tenant_imports.apply(plan).created == 1
    saved = desk.new_tenant_imports.save_rejected(plan, tmp_path / "afviste.csv")
    assert saved == 5


def test_a_termination_list_is_refused_as_a_whole_naming_the_move_in_column(
    store: Store, estates: None, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path / "forkert.csv",
        [["12-1", "A B", "Vej 1", "12", "100"]],
        header=["Lejemålsnr.", "Navn", "Adresse", "Afd.", "Restance"],
    )
    with pytest.raises(ImportFileError) as caught:
        _desk(store).new_tenant_imports.preview(path)
    assert "Indflytningsdato" in caught.value.message
