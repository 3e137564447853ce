""" "Importér nye lejere": the import dialog over the list of new tenancies; preview, import once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from boligdesk.budget.vocabulary import CaseKind
from boligdesk.models import Case, Tenancy
from boligdesk.ui.cases.new_tenant_import_dialog import NewTenantImportDialog
from boligdesk.ui.context import AppContext
from tests.ui.cases.test_import_dialog import _import, ctx, load  # noqa: F401  (the fixture)
from tests.unit.importers.list_files import write_csv

HEADER = ["Lejemålsnr.", "Navn", "Adresse", "Postnr. og by", "Afd.", "Indflytningsdato"]


@pytest.fixture
def new_list(tmp_path: Path) -> Path:
    rows = [
        ["12-0301", "Ærlig Åkjær", "Solvænget 8, 1. tv", "2400 København NV", "12", "01.03.2026"],
        ["14-0009", "Yrsa Østergård", "Kærvej 2", "2400 København NV", "99", "01.03.2026"],
        ["14-0010", "Bo Dam", "Kærvej 4", "2400 København NV", "14", "15.02.2026"],
    ]
    return write_csv(tmp_path / "nye lejere.csv", rows, header=HEADER)


def test_preview_then_import_makes_new_tenant_cases_once(
    qtbot: QtBot,
    ctx: AppContext,  # noqa: F811
    new_list: Path,
) -> None:
    dialog = NewTenantImportDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Importér nye lejere"
    assert load(dialog, new_list)
    table = dialog.table.model()
    assert [table.index(r, 1).data() for r in range(3)] == ["Ny sag", "Afvist", "Ny sag"]
    assert table.headerData(7, Qt.Orientation.Horizontal) == "Indflyttet"
    assert table.index(0, 7).data() == "01.03.2026"
    assert dialog.table.isColumnHidden(6), "a new tenant has no arrears column"
    result = _import(qtbot, dialog)
    assert result is not None and result.created == 2
    with ctx.desk.store.read_session() as s:
        cases = s.execute(select(Case.kind, Tenancy.move_in_date).join(Tenancy)).all()
    assert sorted(cases) == [
        (CaseKind.NEW_TENANT, dt.date(2026, 2, 15)),
        (CaseKind.NEW_TENANT, dt.date(2026, 3, 1)),
    ]
    assert load(dialog, new_list)
    assert "intet nyt at importere" in dialog.summary_label.text()
    dialog.resize(1366, 660)
    dialog.grab().save("/tmp/muni16b_new_tenants.png")
