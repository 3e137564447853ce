"""Issue 11, item 12: the plausibility bounds live in the field tables, so editing, "Ny sag" and the
termination import refuse the same implausible value (the import rejects the row, with the reason)."""

from __future__ import annotations

from pathlib import Path

import pytest

from boligdesk.budget.money import Money
from boligdesk.errors import UserInputError
from boligdesk.importers.plan import ImportStatus
from boligdesk.models.store import Store
from boligdesk.services.cases import MAX_ARREARS
from tests.db.case_samples import desk, new_case, sample_case
from tests.db.test_field_rules import REJECT, Bad, _deleted_estate, _import_file, tenancy, tenant, timeline

IMPLAUSIBLE = [
    Bad("arrears-above-the-bound", "arrears", MAX_ARREARS + Money(1), timeline("arrears"), "arrears", "Restance", "1.000.000,01", REJECT),
    Bad("tenancy-number-with-newline", "tenancy_number", "12-\n0101", tenancy("tenancy_number"), "tenancy_number", "Lejemålsnr.", "12-\n0101", REJECT),
    Bad("tenancy-number-with-bell", "tenancy_number", "12-\x070101", tenancy("tenancy_number"), "tenancy_number", "Lejemålsnr.", "12-\x070101", REJECT),
    Bad("first-name-with-escape", "first_name", "Åse\x1b[31m", tenant("first_name"), "first_name", "Lejers navn", "Åse\x1b[31m", REJECT),
    Bad("address-with-newline", "address_line", "Solvænget 4\n2. tv", tenancy("address_line"), "address_line", "Adresse", "Solvænget 4\n2. tv", REJECT),
    Bad("name-of-100000-characters", "first_name", "Å" * 100_000, tenant("first_name"), "first_name", "Lejers navn", "Å" * 100_000, REJECT),
]  # fmt: skip


@pytest.mark.parametrize("bad", IMPLAUSIBLE, ids=lambda b: b.id)
def test_editing_and_ny_sag_refuse_an_implausible_value_alike(store: Store, bad: Bad) -> None:
    case_id = new_case(store)
    assert bad.edit is not None and bad.new_case is not None
    with pytest.raises(UserInputError) as edited:
        bad.edit(store, case_id, bad.value)
    with pytest.raises(UserInputError) as created:
        desk(store).cases.create(sample_case(**{bad.new_case: bad.value}))
    assert (created.value.field, created.value.code, created.value.message) == (
        edited.value.field,
        edited.value.code,
        edited.value.message,
    )
    assert edited.value.field == bad.field
    assert desk(store).cases.count() == 1


@pytest.mark.parametrize("bad", IMPLAUSIBLE, ids=lambda b: b.id)
def test_the_import_rejects_an_implausible_row_with_the_fields_reason(
    store: Store, tmp_path: Path, bad: Bad
) -> None:
    _deleted_estate(store)
    assert bad.column is not None
    imports = desk(store).imports
    plan = imports.preview(_import_file(tmp_path, bad.column, bad.text))
    [row] = plan.rows
    assert row.status is ImportStatus.REJECTED
    assert row.note.startswith(f"{bad.column}: "), row.note
    assert imports.apply(plan).created == 0


def test_ny_sag_refuses_arrears_of_more_than_ten_years_of_rent(store: Store) -> None:
    with pytest.raises(UserInputError) as info:
        desk(store).cases.create(sample_case(rent=Money.kr(1000), arrears=Money.kr(120_001)))
    assert info.value.code == "case.arrears_implausible"
    assert desk(store).cases.count() == 0
    desk(store).cases.create(sample_case(rent=Money.kr(1000), arrears=Money.kr(120_000)))
