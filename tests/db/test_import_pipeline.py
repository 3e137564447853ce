"""The one import pipeline against a real encrypted store, the same for the three imports: the termination
list (``desk.imports``), the new tenants (``desk.new_tenant_imports``) and the caseload
(``desk.case_imports``). The dry run changes nothing and says what the import will do; importing twice
changes nothing the second time; a cancel, in the dry run or in the import, leaves the store as it was;
and a hostile row gets the same answer from the dry run and from the import."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from boligdesk.budget.vocabulary import AuditAction
from boligdesk.importers.plan import ImportStatus
from boligdesk.models import ArrearsItem, AuditEvent, Case, Estate, HousingAssociation, Person, Tenancy
from boligdesk.models.store import Store
from boligdesk.services.desk import Desk
from boligdesk.services.progress import Cancelled, Progress
from tests.unit.importers.list_files import write_csv
from tests.unit.importers.test_pipeline_adversarial import LISTS, TODAY, ListKind

SERVICES = {"ophævelser": "imports", "nye lejere": "new_tenant_imports", "sagsark": "case_imports"}
each_list = pytest.mark.parametrize("kind", LISTS, ids=[k.name for k in LISTS])


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


def _service(store: Store, kind: ListKind):  # type: ignore[no-untyped-def]
    return getattr(Desk(store, adviser_name="Rådgiver Test", today=lambda: TODAY), SERVICES[kind.name])


def _rows(kind: ListKind, count: int) -> list[list[str]]:
    return [
        kind.row(
            **{"Lejemålsnr.": f"12-{n:04d}", "Navn": f"Testperson{n} Østergård", "Adresse": f"Bøgevej {n}"}
        )
        for n in range(1, count + 1)
    ]


def _snapshot(store: Store) -> tuple[int, ...]:
    with store.read_session() as s:
        return tuple(
            s.scalar(select(func.count()).select_from(model)) or 0
            for model in (Case, Person, Tenancy, ArrearsItem, AuditEvent)
        )


@each_list
def test_dry_run_changes_nothing_and_a_second_import_changes_nothing(
    store: Store, estates: None, tmp_path: Path, kind: ListKind
) -> None:
    path = write_csv(tmp_path / "liste.csv", _rows(kind, 60), header=kind.header)
    service = _service(store, kind)
    before = _snapshot(store)
    plan = service.preview(path)
    assert _snapshot(store) == before, "the dry run writes nothing"
    assert plan.counts.created == 60 and plan.counts.rejected == 0
    result = service.apply(plan)
    assert result.created == 60
    with store.read_session() as s:
        numbers = sorted(s.scalars(select(Case.number)).all())
    assert numbers == [f"2026-{n:04d}" for n in range(1, 61)], "one number each, in order"
    after_first = _snapshot(store)
    assert service.apply(plan).created == 0, "the same plan twice makes no duplicate"
    again = service.preview(path)
    assert {r.status for r in again.rows} == {ImportStatus.UNCHANGED}
    assert all(r.case_number for r in again.rows), "the preview names the case a row already is"
    assert service.apply(again).created == 0
    assert _snapshot(store)[:4] == after_first[:4]


@each_list
def test_a_cancel_in_the_import_rolls_everything_back(
    store: Store, estates: None, tmp_path: Path, kind: ListKind
) -> None:
    service = _service(store, kind)
    plan = service.preview(write_csv(tmp_path / "liste.csv", _rows(kind, 120), header=kind.header))
    before = _snapshot(store)
    progress = Progress(lambda done, _total, _text: progress.cancel() if done >= 100 else None)
    with pytest.raises(Cancelled):
        service.apply(plan, progress)
    assert _snapshot(store) == before, "100 cases were made in the transaction, none was kept"
    assert service.apply(plan).created == 120, "the plan can still be imported afterwards"


@each_list
def test_a_cancel_in_the_dry_run_stops_reading(
    store: Store, estates: None, tmp_path: Path, kind: ListKind
) -> None:
    service = _service(store, kind)
    path = write_csv(tmp_path / "liste.csv", _rows(kind, 600), header=kind.header)
    seen: list[int] = []

    def report(done: int, _total: int, _text: str) -> None:
        seen.append(done)
        if done >= 250:
            progress.cancel()

    progress = Progress(report)
    with pytest.raises(Cancelled):
        service.preview(path, progress)
    assert max(seen) < 600, "reading stopped at the cancel, not at the end"
    assert _snapshot(store)[0] == 0


HOSTILE = {
    "påkrav-after-termination": {"Påkravsdato": "20.12.2026", "Ophævelsesdato": "10.12.2026"},
    "arrears-of-ten-years-rent": {"Restance": "900.000,00", "Husleje": "500,00"},
    "name-with-a-newline": {"Navn": "Åse\nKjærgård"},
    "address-with-an-escape": {"Adresse": "Solvænget 4\x1b[2J"},
    "estate-unknown": {"Afd.": "99"},
    "a-tab-in-the-tenancy-number": {"Lejemålsnr.": "12-\t0109"},
}


@each_list
@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_row_gets_the_same_answer_from_the_dry_run_and_the_import(
    store: Store, estates: None, tmp_path: Path, kind: ListKind, name: str
) -> None:
    changes = {h: v for h, v in HOSTILE[name].items() if h in kind.header}
    if not changes:
        pytest.skip(f"{kind.name} has no such column")
    rows = [kind.row(**changes), *_rows(kind, 2)]
    service = _service(store, kind)
    plan = service.preview(write_csv(tmp_path / "liste.csv", rows, header=kind.header, encoding="utf-8"))
    statuses = [r.status for r in plan.rows]
    assert statuses[1:] == [ImportStatus.CREATE, ImportStatus.CREATE]
    if statuses[0] is ImportStatus.REJECTED:
        assert plan.rows[0].detail.strip(), "a rejected row says why"
        assert plan.rows[0].line == 2
    result = service.apply(plan)
    assert (result.created, result.rejected) == (plan.counts.created, plan.counts.rejected)
    with store.read_session() as s:
        assert (s.scalar(select(func.count()).select_from(Case)) or 0) == plan.counts.created


def test_the_shared_rules_reject_a_hostile_row_alike_in_every_import(
    store: Store, estates: None, tmp_path: Path
) -> None:
    """The tenant, address and estate are read by one pipeline: the same hostile cells give the same
    reasons in all three imports' previews."""
    details = []
    for kind in LISTS:
        row = kind.row(Navn="Åse\x1bKjærgård", Adresse="A" * 301, **{"Afd.": "Afd. 99"})
        plan = _service(store, kind).preview(
            write_csv(tmp_path / f"{kind.name}.csv", [row], header=kind.header)
        )
        (only,) = plan.rows
        assert only.status is ImportStatus.REJECTED
        details.append(only.detail)
    assert details[0] == details[1] == details[2]
    assert "Navn:" in details[0] and "Adresse:" in details[0] and "»Afd. 99«" in details[0]


def test_an_import_is_audited_once_per_case_and_once_as_a_run(
    store: Store, estates: None, tmp_path: Path
) -> None:
    for kind in LISTS:
        service = _service(store, kind)
        rows = [
            kind.row(
                **{"Lejemålsnr.": f"14-{kind.name[:2]}{n}", "Afd.": "14", "Navn": f"Ib{n} {kind.name[:3]}"}
            )
            for n in range(3)
        ]
        service.apply(service.preview(write_csv(tmp_path / f"{kind.name}.csv", rows, header=kind.header)))
    with store.read_session() as s:
        cases = s.scalar(select(func.count()).select_from(Case)) or 0
        per_case = s.scalars(select(AuditEvent).where(AuditEvent.entity == "case")).all()
        runs = s.scalars(select(AuditEvent.entity).where(AuditEvent.action == AuditAction.IMPORT)).all()
    assert cases == 9
    assert len(per_case) == 9, "one event per case made, not one per row written"
    assert {"termination_list", "new_tenant_list", "caseload"} <= set(runs)
