"""Issue 11, item 11: the preview (the dry run) and the real import agree, whatever the file holds.

The 10^24 arrears once passed the preview ("2 new cases") and then overflowed SQLite's 64-bit integer on
the real import; a 30-digit amount raised ``decimal.InvalidOperation``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from boligdesk.importers.plan import ImportStatus
from boligdesk.models import Estate, HousingAssociation
from boligdesk.models.store import Store
from tests.db.case_samples import desk
from tests.unit.importers.list_files import GOOD_ROWS
from tests.unit.importers.malformed_files import csv_with, row_with, xlsx_with_cell


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


IMPLAUSIBLE_ROWS = {
    "arrears-of-30-digits": {"Restance": "123456789012345678901234567890"},
    "arrears-of-10^24": {"Restance": "1" + "0" * 24},
    "arrears-of-a-billion": {"Restance": "1.000.000.000"},
    "termination-in-year-1": {"Ophævelsesdato": "01.01.0001"},
    "reminder-before-1900": {"Påkravsdato": "31.12.1899"},
    "tenancy-number-with-newline": {"Lejemålsnr.": "12-\n0101"},
    "name-of-100000-characters": {"Lejers navn": "Å" * 100_000},
}


@pytest.mark.parametrize("name", IMPLAUSIBLE_ROWS)
def test_an_implausible_row_is_rejected_by_the_dry_run_and_the_real_run_alike(
    store: Store,
    estates: None,
    tmp_path: Path,
    name: str,
) -> None:
    path = csv_with(tmp_path, [row_with(0, **IMPLAUSIBLE_ROWS[name]), GOOD_ROWS[1], GOOD_ROWS[2]])
    imports = desk(store).imports
    plan = imports.preview(path)
    assert [r.status for r in plan.rows] == [ImportStatus.REJECTED, ImportStatus.CREATE, ImportStatus.CREATE]
    assert plan.rows[0].detail, "the rejected row says why"
    result = imports.apply(plan)
    assert (result.created, result.updated, result.rejected) == (plan.counts.created, 0, plan.counts.rejected)
    assert desk(store).cases.count() == 2


def test_an_xlsx_arrears_cell_of_1e300_is_rejected_before_the_real_run(
    store: Store,
    estates: None,
    tmp_path: Path,
) -> None:
    imports = desk(store).imports
    plan = imports.preview(xlsx_with_cell(tmp_path, "Restance", 1e300))
    assert (plan.counts.created, plan.counts.rejected) == (2, 1)
    assert imports.apply(plan).created == 2


def test_the_rejected_rows_file_neutralises_formulas_and_survives_control_characters(
    store: Store,
    estates: None,
    tmp_path: Path,
) -> None:
    rows = [
        row_with(0, **{"Lejers navn": '=HYPERLINK("http://example.invalid")', "Restance": "-1"}),
        row_with(1, **{"Lejemålsnr.": "12-\x070102"}),
    ]
    plan = desk(store).imports.preview(csv_with(tmp_path, rows))
    assert plan.counts.rejected == 2
    target = tmp_path / "afviste.csv"
    assert desk(store).imports.save_rejected(plan, target) == 2
    text = target.read_text(encoding="utf-8-sig")
    assert ';"\'=HYPERLINK(""http://example.invalid"")";' in text
    xlsx = tmp_path / "afviste.xlsx"
    assert desk(store).imports.save_rejected(plan, xlsx) == 2
