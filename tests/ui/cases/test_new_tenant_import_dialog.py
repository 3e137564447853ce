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
from boligdesk.ui.cases.case_import_dialog import CaseImportDialog
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


def test_the_caseload_dialog_previews_and_imports_once(
    qtbot: QtBot,
    ctx: AppContext,  # noqa: F811
    tmp_path: Path,
) -> None:
    rows = [
        [
            "Ærlig Åkjær",
            "Solvænget 8, 1. tv",
            "12-0301",
            "12",
            "Udsættelsestruet lejer",
            "8.412,50",
            "05.03.2026",
        ],
        ["Yrsa Østergård", "Kærvej 2", "", "", "Fastholdelse", "", ""],
        ["Bo Dam", "Kærvej 4", "", "", "Kaffeklub", "", ""],
    ]
    header = ["Navn", "Adresse", "Lejemålsnr.", "Afd.", "Sagstype", "Restance", "Ophævelsesdato"]
    path = write_csv(tmp_path / "sager.csv", rows, header=header)
    dialog = CaseImportDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Importér eksisterende sager"
    assert load(dialog, path)
    table = dialog.table.model()
    assert [table.index(r, 1).data() for r in range(3)] == ["Ny sag", "Ny sag", "Afvist"]
    assert "Kaffeklub" in table.index(2, 8).data()
    dialog.resize(1366, 660)
    dialog.table.selectRow(2)
    result = _import(qtbot, dialog)
    assert result is not None and result.created == 2
    assert load(dialog, path)
    assert "intet nyt at importere" in dialog.summary_label.text()
