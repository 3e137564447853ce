"""The citizen's right of access: every table's rows for the case, redaction, and the release recorded."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from sqlalchemy import select

from boligdesk.budget.vocabulary import AuditAction
from boligdesk.models import AuditEvent, Base, Case
from boligdesk.models.store import Store
from boligdesk.services.access_export import SECTIONS
from boligdesk.services.personal_data import CASE_LINKS, case_row_ids
from tests.db.case_setup import desk
from tests.db.test_erasure import rich_closed_case


def test_every_linked_table_has_a_heading() -> None:
    assert {link.model.__tablename__ for link in CASE_LINKS} <= set(SECTIONS)


def test_the_export_holds_every_row_of_every_table_for_the_case(store: Store) -> None:
    case_id = rich_closed_case(store)
    other = rich_closed_case(store, first_name="Anden", last_name="Borger")
    export = desk(store).access.collect(case_id)
    assert set(export.tables) == {link.model.__tablename__ for link in CASE_LINKS}
    with store.session() as s:
        expected = {
            f"{model.__tablename__}:{row_id}"
            for model, rows in case_row_ids(s, [case_id]).items()
            for row_id in rows
        }
    keys = {item.key for item in export.items}
    assert expected <= keys
    assert any(k.startswith("drafts:") for k in keys)
    # Every table with rows in the database for this case appears with rows
    for table in ("persons", "household_members", "tenancies", "journal_notes", "contact_attempts", "budgets",
                  "budget_lines", "generated_letters", "audit_events", "case_kind_changes"):  # fmt: skip
        assert any(i.table == table for i in export.items), table
    # Nothing of the other case
    text = json.dumps(__import__("boligdesk.services.access_export", fromlist=["as_json"]).as_json(export))
    assert "Anden" not in text and "Borger" not in text
    assert "Mette" in text and "spiller" in text
    assert other not in keys


def test_release_writes_pdf_and_json_without_the_redacted_items_and_records_it(
    store: Store, tmp_path: Path
) -> None:
    case_id = rich_closed_case(store)
    d = desk(store)
    export = d.access.collect(case_id)
    others = [i.key for i in export.items if i.others]
    assert any(k.startswith("household_members:") for k in others)
    assert any(k.startswith("journal_notes:") for k in others)
    released = d.access.release(export, tmp_path / "indsigt.pdf", others, hide_staff=True)
    data = json.loads(released.json.read_text("utf-8"))
    flat = json.dumps(data, ensure_ascii=False)
    members = data["tabeller"]["household_members"]
    assert {"udeladt": True} in members and all(m.get("name") != "Mathias" for m in members)
    assert "spiller" not in flat and "Rikke" not in flat  # a journal note redacted; staff names hidden
    assert "Testesen" in flat  # the citizen's own data is there
    assert released.pdf.read_bytes().startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", str(released.pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Testesen" in text and "spiller" not in text and "Rikke" not in text
    assert "Udeladt" in text
    with store.session() as s:
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == AuditAction.RELEASE)).one()
        assert event.case_id == case_id and "redacted=" in event.detail and "Mette" not in event.detail
        assert s.get(Case, case_id) is not None
    assert Base.metadata.tables  # the model is loaded


def test_the_citizen_reads_danish_labels_and_values_never_column_names_or_codes(store: Store) -> None:
    """Found in the audit of issue 14: the PDF said »sort_order 0«, »Kategori cash_benefit« and
    »Anledning · unpaid_rent« — the database's words, not the citizen's."""
    import re

    from boligdesk.budget.vocabulary import Cause, CodeCategory, LineKind, Trigger
    from boligdesk.models import BudgetLine, CaseCode

    case_id = rich_closed_case(store)
    with store.session() as s:
        s.add(CaseCode(case_id=case_id, category=CodeCategory.TRIGGER, code=Trigger.UNPAID_RENT.value))
        s.add(CaseCode(case_id=case_id, category=CodeCategory.CAUSE, code="debt", qualifier="known"))
        budget_ids = {line.budget_id for line in s.scalars(select(BudgetLine))}
        assert budget_ids
        s.add(
            BudgetLine(
                budget_id=sorted(budget_ids)[0], kind=LineKind.INCOME, category="cash_benefit", text="Ydelse"
            )
        )
    export = desk(store).access.collect(case_id)
    for item in export.items:
        for value in item.values:
            assert not re.fullmatch(r"[a-z]+(_[a-z]+)+", value.label), (item.table, value.label)
            if value.name == "sort_order":
                raise AssertionError(f"{item.table}: sort_order shown")
    texts = {(i.table, v.name): v.shown for i in export.items for v in i.values}
    shown = [v.shown for i in export.items if i.table == "case_codes" for v in i.values]
    assert Trigger.UNPAID_RENT.label in shown and Cause("debt").label in shown and "Kendt" in shown
    assert "unpaid_rent" not in shown and "debt" not in shown and "known" not in shown
    categories = [
        v.shown for i in export.items if i.table == "budget_lines" for v in i.values if v.name == "category"
    ]
    assert "Kontanthjælp / uddannelseshjælp" in categories and "cash_benefit" not in categories
    assert texts
