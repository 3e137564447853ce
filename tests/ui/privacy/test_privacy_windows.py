"""The privacy windows, driven as an adviser would: retention and erasure, the audit log, the access export."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from boligdesk.models.store import Store
from boligdesk.services.desk import Desk
from boligdesk.ui.context import AppContext
from boligdesk.ui.main_window import MainWindow
from boligdesk.ui.privacy.access_dialog import AccessDialog
from boligdesk.ui.privacy.audit_dialog import AuditLogDialog
from boligdesk.ui.privacy.retention_dialog import RetentionDialog
from tests.db.case_setup import TODAY
from tests.db.test_erasure import rich_closed_case, texts_of_case

# Screenshots for a person to look at, only when asked: BOLIGDESK_TEST_SHOTS=/some/folder.
SHOTS = os.environ.get("BOLIGDESK_TEST_SHOTS")


def _ctx(store: Store) -> AppContext:
    return AppContext(Desk(store, adviser_name="Hanne Holm", today=lambda: TODAY))


def _shot(widget: QDialog, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(exist_ok=True)
        widget.resize(1366 if widget.width() > 1000 else widget.width(), min(widget.height(), 768))
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))


@pytest.fixture
def quiet(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: said.append(text))
    monkeypatch.setattr(
        QMessageBox, "question", lambda _p, _t, text, *a: said.append(text) or QMessageBox.StandardButton.Yes
    )
    return said


def test_retention_starts_unset_then_lists_and_erases_the_chosen_case(
    qtbot: QtBot, store: Store, quiet: list[str]
) -> None:
    case_id = rich_closed_case(store)
    dialog = RetentionDialog(_ctx(store))
    qtbot.addWidget(dialog)
    dialog.show()
    assert "ikke sat" in dialog.status.text()
    assert dialog.months.text() == "" and dialog.months.placeholderText() == "ikke sat"
    assert not dialog.anonymise.isChecked() and not dialog.keep.isChecked()
    assert dialog.model.rowCount() == 0 and not dialog.erase_button.isEnabled()
    qtbot.keyClicks(dialog.months, "12")
    dialog.save()
    assert "Skriv, hvad perioden bygger på" in dialog.error.text()  # nothing saved without a reference
    qtbot.keyClicks(dialog.reference, "Organisationens slettepolitik af 1.3.2026")
    dialog.anonymise.setChecked(True)
    dialog.save()
    assert "12 måneder" in dialog.status.text()
    assert dialog.model.rowCount() == 1 and dialog.erase_button.isEnabled()
    _shot(dialog, "retention")
    dialog.table.selectRow(0)
    dialog.erase_selected()
    assert any("Det kan ikke fortrydes" in s for s in quiet)
    assert any("Personoplysningerne i 1 sag er slettet" in s for s in quiet)
    assert dialog.model.rowCount() == 0
    assert "spiller" not in texts_of_case(store, case_id)


def test_the_audit_window_filters_by_kind_and_exports(
    qtbot: QtBot, store: Store, quiet: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case_id = rich_closed_case(store)
    ctx = _ctx(store)
    ctx.desk.case_view.record_open(case_id)
    dialog = AuditLogDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    everything = dialog.model.rowCount()
    assert everything >= 1
    dialog.kinds["opened"].setChecked(True)
    dialog.refresh()
    assert dialog.model.rowCount() == 1 and dialog.model.row_at(0).actor == "Hanne Holm"
    dialog.kinds["opened"].setChecked(False)
    qtbot.keyClicks(dialog.date_from, "31.02.2026")
    dialog.refresh()
    assert "findes ikke" in dialog.error.text() or "31.02.2026" in dialog.error.text()
    dialog.date_from.setValue(dt.date(2026, 12, 2))
    dialog.date_to.setValue(dt.date(2026, 12, 1))
    dialog.refresh()  # a period given backwards said »0 hændelser« (found in the audit of issue 14)
    assert "ligger efter til-datoen" in dialog.error.text()
    dialog.date_from.clear()
    dialog.date_to.clear()
    dialog.refresh()
    _shot(dialog, "audit")
    target = tmp_path / "log"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    dialog.export()
    sheet = openpyxl.load_workbook(tmp_path / "log.xlsx").active
    assert sheet.max_row == 1 + everything
    assert dialog.model.rowCount() == everything + 1  # the export is now in the log


def test_the_access_dialog_suggests_leaving_out_others_and_saves(
    qtbot: QtBot, store: Store, quiet: list[str], tmp_path: Path
) -> None:
    case_id = rich_closed_case(store)
    dialog = AccessDialog(_ctx(store), case_id)
    qtbot.addWidget(dialog)
    dialog.show()
    redacted = dialog.redacted()
    assert any(k.startswith("journal_notes:") for k in redacted)
    assert not any(k.startswith("persons:") for k in redacted)
    _shot(dialog, "access")
    # The adviser reads the journal note and releases it after all
    note = next(
        i for i in dialog.items if str(i.data(0, Qt.ItemDataRole.UserRole)).startswith("journal_notes:")
    )
    note.setCheckState(0, Qt.CheckState.Checked)
    assert "udleveres" in dialog.status.text()
    assert dialog.save_to(tmp_path / "indsigt.pdf")
    assert "spiller" in (tmp_path / "indsigt.json").read_text("utf-8")
    assert any("noteret i revisionsloggen" in s for s in quiet)


@pytest.mark.parametrize(
    ("action_text", "dialog_name"),
    [
        ("&Opbevaring og sletning…", "RetentionDialog"),
        ("&Revisionslog…", "AuditLogDialog"),
        ("&Udlevér oplysninger om sagen…", "AccessDialog"),
    ],
)
def test_the_menu_opens_each_privacy_window(
    qapp: QApplication,
    qtbot: QtBot,
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
    action_text: str,
    dialog_name: str,
) -> None:
    case_id = rich_closed_case(store)
    window = MainWindow(_ctx(store))
    qtbot.addWidget(window)
    window.current_case_id = case_id
    opened: list[str] = []
    monkeypatch.setattr(QDialog, "exec", lambda d: opened.append(type(d).__name__) or 0)
    next(a for a in window.findChildren(QAction) if a.text() == action_text).trigger()
    assert opened == [dialog_name]
