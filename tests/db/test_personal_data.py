"""Every table and every text column has a decided place in erasure and the access export."""

from __future__ import annotations

from boligdesk.models import Base
from boligdesk.services.personal_data import CASE_LINKS, NOT_ABOUT_A_CASE, Treatment, is_text, treatments


def test_every_table_is_either_linked_to_a_case_or_named_as_not_about_one() -> None:
    linked = {link.model.__tablename__ for link in CASE_LINKS}
    tables = set(Base.metadata.tables)
    assert not linked & set(NOT_ABOUT_A_CASE)
    missing = tables - linked - set(NOT_ABOUT_A_CASE)
    assert not missing, f"decide where these tables belong (personal_data.CASE_LINKS): {sorted(missing)}"
    # and every table with a case_id column is linked
    with_case_id = {name for name, t in Base.metadata.tables.items() if "case_id" in t.columns}
    assert with_case_id <= linked


def test_every_text_column_of_a_case_table_is_classified() -> None:
    for link in CASE_LINKS:
        table = link.model.__table__  # type: ignore[attr-defined]
        decided = treatments(link.model)
        for column in table.columns:
            if column.name in {"id", "created_at", "updated_at", "updated_by", "deleted", "field_clocks"}:
                continue
            assert column.name in decided, f"{table.name}.{column.name}: say what it is (personal_data)"
            if is_text(column) and not column.foreign_keys:
                assert decided[column.name] in Treatment


def test_the_citizens_names_and_free_text_are_erased_and_the_statistics_kept() -> None:
    by_table = {link.model.__tablename__: treatments(link.model) for link in CASE_LINKS}
    assert by_table["persons"]["first_name"] is Treatment.BLANK
    assert by_table["persons"]["birth_date"] is Treatment.BLANK
    assert by_table["household_members"]["name"] is Treatment.BLANK
    assert by_table["tenancies"]["address_line"] is Treatment.BLANK
    assert by_table["tenancies"]["estate_id"] is Treatment.KEEP
    assert by_table["journal_notes"]["text"] is Treatment.TEXT
    assert by_table["generated_letters"]["pdf"] is Treatment.TEXT
    assert by_table["cases"]["outcome"] is Treatment.KEEP
    assert by_table["budget_lines"]["amount"] is Treatment.KEEP
    assert by_table["journal_notes"]["author"] is Treatment.STAFF
