"""One rule per field, on every path: editing refuses it, "Ny sag" refuses it, and the termination import
rejects the row (a required fact) or imports it without the value and with a warning (an optional one).

Every bad value goes through all three paths on a real encrypted store (invented people only).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from boligdesk.budget.money import Money
from boligdesk.budget.vocabulary import MemberRole
from boligdesk.errors import UserInputError
from boligdesk.importers.plan import ImportStatus
from boligdesk.models import Estate, HousingAssociation
from boligdesk.models.store import Store
from boligdesk.services.cases import CASE_FIELDS
from boligdesk.services.household import MEMBER_FIELDS, NewMember
from boligdesk.services.tenancy import TENANCY_FIELDS
from boligdesk.services.tenant import TENANT_FIELDS
from boligdesk.sync.labels import field_label
from tests.db.case_samples import TODAY, desk, new_case, sample_case
from tests.unit.importers.list_files import GOOD_ROWS, HEADER, write_csv

REJECT, DROP = "reject", "drop"
LONG_AGO = dt.date(TODAY.year - 130, 5, 1)


@dataclasses.dataclass(frozen=True)
class Bad:
    """A bad value for one field, as each path receives it."""

    id: str
    field: str
    value: Any  # what the edit service and "Ny sag" get
    edit: Callable[[Store, str, Any], object] | None  # (store, case id, value) → the edit call
    new_case: str | None = None  # the NewCase attribute ("members": a member with this value)
    column: str | None = None  # the import column the text goes in
    text: str = ""
    on_import: str | None = None  # REJECT or DROP
    kept: tuple[str, Any] | None = None  # attribute of the imported row once the value is dropped


def tenant(field: str) -> Callable[[Store, str, Any], object]:
    return lambda store, case_id, value: desk(store).tenant.set_field(case_id, field, value)  # type: ignore[arg-type]


def tenancy(field: str) -> Callable[[Store, str, Any], object]:
    return lambda store, case_id, value: desk(store).tenancy.set_field(case_id, field, value)  # type: ignore[arg-type]


def timeline(field: str) -> Callable[[Store, str, Any], object]:
    return lambda store, case_id, value: desk(store).timeline.set_field(case_id, field, value)  # type: ignore[arg-type]


def member(field: str) -> Callable[[Store, str, Any], object]:
    def add(store: Store, case_id: str, value: Any) -> object:
        values: dict[str, Any] = {"name": "Barn", "role": MemberRole.CHILD, field: value}
        return desk(store).household.add(case_id, NewMember(**values))

    return add


BAD = [
    Bad("phone-abc", "phone", "abc", tenant("phone"), "phone", "Telefon", "abc", DROP, ("phone", "")),
    Bad("email-no-at", "email", "mette.eksempel.dk", tenant("email"), "email", "E-mail", "mette.eksempel.dk", DROP, ("email", "")),
    Bad("name-too-long", "first_name", "Å" * 121, tenant("first_name"), "first_name", "Lejers navn", "Å" * 121, REJECT),
    Bad("name-missing", "first_name", " ", tenant("first_name"), "first_name", "Lejers navn", " ", REJECT),
    Bad("birth-130-years-ago", "birth_date", LONG_AGO, tenant("birth_date"), "birth_date"),
    Bad("birth-in-future", "birth_date", TODAY + dt.timedelta(days=1), tenant("birth_date"), "birth_date"),
    Bad("rent-a-million", "rent", Money.kr(1_000_000), tenancy("rent"), "rent", "Husleje", "1.000.000,00", DROP, ("rent", None)),
    Bad("rent-negative", "rent", Money.kr(-1), tenancy("rent"), "rent", "Husleje", "-1", DROP, ("rent", None)),
    Bad("postcode-letters", "postcode", "24OO", tenancy("postcode"), "postcode", "Postnr.", "24OO", DROP, ("postcode", "")),
    Bad("city-too-long", "city", "K" * 101, tenancy("city"), "city", "By", "K" * 101, DROP, ("city", "")),
    Bad("address-too-long", "address_line", "v" * 301, tenancy("address_line"), "address_line", "Adresse", "v" * 301, REJECT),
    Bad("address-missing", "address_line", "", tenancy("address_line"), "address_line", "Adresse", "", REJECT),
    Bad("tenancy-number-too-long", "tenancy_number", "1" * 41, tenancy("tenancy_number"), "tenancy_number", "Lejemålsnr.", "1" * 41, REJECT),
    Bad("tombstoned-estate", "estate_id", "<deleted estate>", tenancy("estate_id"), "estate_id", "Afd.", "99", REJECT),
    Bad("rooms-zero", "rooms", 0, tenancy("rooms")),
    Bad("move-in-far-ahead", "move_in_date", TODAY + dt.timedelta(days=800), tenancy("move_in_date")),
    Bad("arrears-negative", "arrears", Money.kr(-5), timeline("arrears"), "arrears", "Restance", "-5", REJECT),
    Bad("termination-two-years-ahead", "termination_on", TODAY + dt.timedelta(days=730), timeline("termination_on"), "termination_on", "Ophævelsesdato", "10.03.2028", REJECT),
    Bad("termination-ancient", "termination_on", dt.date(1989, 12, 31), timeline("termination_on"), "termination_on", "Ophævelsesdato", "31.12.1989", REJECT),
    Bad("reminder-in-future", "reminder_sent_on", TODAY + dt.timedelta(days=3), timeline("reminder_sent_on"), "reminder_sent_on", "Påkravsdato", "13.03.2026", REJECT),
    Bad("member-name-too-long", "name", "B" * 201, member("name"), "members"),
    Bad("member-born-in-future", "birth_date", TODAY + dt.timedelta(days=1), member("birth_date"), "members"),
]  # fmt: skip


def _deleted_estate(store: Store) -> str:
    with store.session() as s:
        association = HousingAssociation(name="Boligselskabet Lindely (opdigtet)")
        s.add(association)
        s.flush()
        s.add(Estate(association_id=association.id, number="012", name="Solbakken"))
        gone = Estate(association_id=association.id, number="099", name="Nedlagt", deleted=True)
        s.add(gone)
        s.flush()
        return gone.id


def _value(bad: Bad, store: Store) -> Any:
    return _deleted_estate(store) if bad.value == "<deleted estate>" else bad.value


@pytest.mark.parametrize("bad", BAD, ids=lambda b: b.id)
def test_editing_and_ny_sag_refuse_the_same_value_with_the_same_message(store: Store, bad: Bad) -> None:
    value = _value(bad, store)
    case_id = new_case(store)
    assert bad.edit is not None
    with pytest.raises(UserInputError) as edited:
        bad.edit(store, case_id, value)
    assert edited.value.field == bad.field
    if bad.new_case is None:
        return
    if bad.new_case == "members":
        values: dict[str, Any] = {"name": "Barn", "role": MemberRole.CHILD, bad.field: value}
        data = sample_case(members=(NewMember(**values),))
    else:
        data = sample_case(**{bad.new_case: value})
    with pytest.raises(UserInputError) as created:
        desk(store).cases.create(data)
    assert (created.value.field, created.value.code, created.value.message) == (
        edited.value.field,
        edited.value.code,
        edited.value.message,
    )
    assert desk(store).cases.count() == 1, "Ny sag saved nothing"


def _import_file(tmp_path: Path, column: str, text: str) -> Path:
    header = [*HEADER, "E-mail"]
    row = [*GOOD_ROWS[0], ""]
    row[header.index(column)] = text
    return write_csv(tmp_path / "liste.csv", [row], header=header)


@pytest.mark.parametrize("bad", [b for b in BAD if b.on_import], ids=lambda b: b.id)
def test_the_import_rejects_a_bad_required_fact_and_drops_a_bad_optional_value(
    store: Store, tmp_path: Path, bad: Bad
) -> None:
    _deleted_estate(store)
    assert bad.column is not None
    imports = desk(store).imports
    plan = imports.preview(_import_file(tmp_path, bad.column, bad.text))
    [row] = plan.rows
    if bad.on_import == REJECT:
        assert row.status is ImportStatus.REJECTED
        assert row.note.startswith(bad.column) or "mangler" in row.note or "findes ikke" in row.note
        assert imports.apply(plan).created == 0
        return
    assert row.status is ImportStatus.CREATE, row.detail
    assert row.row is not None and bad.kept is not None
    [warning] = row.warnings
    assert warning.startswith(f"{bad.column}: ") and warning.endswith(" Værdien er ikke importeret.")
    assert warning in row.detail
    name, empty = bad.kept
    assert getattr(row.row, name) == empty
    assert imports.apply(plan).created == 1, "the tenant at risk is written to all the same"


def test_a_good_value_passes_every_path(store: Store, tmp_path: Path) -> None:
    """The counterpart: the same fields with good values are saved on every path."""
    _deleted_estate(store)
    case_id = desk(store).cases.create(sample_case(phone="+45 20 30 40 50", email="a@b.dk")).id
    desk(store).tenant.set_field(case_id, "phone", "20 30 40 50")
    imports = desk(store).imports
    plan = imports.preview(_import_file(tmp_path, "E-mail", "aase@eksempel.dk"))
    assert [r.warnings for r in plan.rows] == [()]
    assert imports.apply(plan).created == 1


@pytest.mark.parametrize(
    "table", [TENANT_FIELDS, MEMBER_FIELDS, TENANCY_FIELDS, CASE_FIELDS], ids=lambda t: t.entity
)
def test_the_sync_conflict_list_names_each_field_as_its_table_does(table: Any) -> None:
    for f in table:
        assert field_label(f.name, table.table) == f.label
