"""The "Importér ophævelsesliste" dialog: preview first, nothing saved until "Importér"."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from boligdesk.importers.plan import ImportResult
from boligdesk.models import Case, Estate, HousingAssociation
from boligdesk.models.store import Store
from boligdesk.services.changes import Changes
from boligdesk.services.desk import Desk
from boligdesk.services.import_terminations import ImportStatus
from boligdesk.services.progress import Progress
from boligdesk.ui.cases.import_dialog import ImportDialog
from boligdesk.ui.cases.import_preview_table_model import STATUS_ROLE, ImportPreviewTableModel
from boligdesk.ui.context import AppContext
from tests.unit.importers.list_files import GOOD_ROWS, HEADER, TODAY, write_csv


def _row(index: int, column: str, value: str) -> list[str]:
    row = list(GOOD_ROWS[index])
    row[HEADER.index(column)] = value
    return row


@pytest.fixture
def ctx(store: Store) -> AppContext:
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
    return AppContext(Desk(store, adviser_name="Rådgiver Test", today=lambda: TODAY))


@pytest.fixture
def mixed_list(tmp_path: Path) -> Path:
    rows = [GOOD_ROWS[0], _row(1, "Afd.", "99"), GOOD_ROWS[2], _row(1, "Restance", "-100")]
    return write_csv(tmp_path / "ophævelser.csv", rows)


@pytest.fixture
def dialog(qtbot: QtBot, ctx: AppContext) -> ImportDialog:
    widget = ImportDialog(ctx)
    qtbot.addWidget(widget)
    return widget


def _import(qtbot: QtBot, dialog: ImportDialog) -> ImportResult | None:
    """Start the import and wait for the background call to come back on the GUI thread."""
    call = dialog.import_rows()
    if call is None:
        return None
    with qtbot.waitSignal(call.finished, timeout=10_000):
        pass
    return dialog.import_result


def wait_for(dialog: ImportDialog) -> None:
    """Let the background call (reading or importing) finish and its result arrive on the GUI thread."""
    for _ in range(2000):
        if dialog.running is None:
            return
        QTest.qWait(5)
    raise AssertionError("the background call did not finish")


def load(dialog: ImportDialog, path: Path) -> bool:
    """Read ``path`` the way the dialog does (off the GUI thread) and wait; True when a preview shows."""
    assert dialog.load_file(path) is not None
    wait_for(dialog)
    return dialog.plan is not None


def _case_count(store: Store) -> int:
    with store.read_session() as s:
        return int(s.scalar(select(func.count()).select_from(Case)) or 0)


def test_the_preview_model_passes_qt_model_checks(
    qtmodeltester: ModelTester, ctx: AppContext, mixed_list: Path
) -> None:
    model = ImportPreviewTableModel()
    model.set_rows(ctx.desk.imports.preview(mixed_list).rows)
    qtmodeltester.check(model)
    assert model.index(1, 1).data() == "Afvist"
    assert model.index(1, 1).data(STATUS_ROLE) == "rejected"
    assert model.index(0, 6).data(Qt.ItemDataRole.TextAlignmentRole) is not None
    assert model.headerData(8, Qt.Orientation.Horizontal) == "Ændringer og fejl"


def test_preview_shows_every_row_with_status_and_nothing_is_saved_yet(
    dialog: ImportDialog, ctx: AppContext, mixed_list: Path
) -> None:
    assert not dialog.import_button.isEnabled()
    assert load(dialog, mixed_list)
    table = dialog.table.model()
    assert table.rowCount() == 4
    statuses = [table.index(r, 1).data() for r in range(4)]
    assert statuses == ["Ny sag", "Afvist", "Ny sag", "Afvist"]
    assert table.index(1, 8).data() == (
        "Afdelingen »99« findes ikke i BoligDesk. Ret afdelingen i listen, eller opret den i BoligDesk først."
    )
    summary = dialog.summary_label.text()
    assert "<b>2</b> nye sager" in summary and "<b>2</b> afviste" in summary
    assert dialog.import_button.isEnabled()
    assert dialog.save_rejected_button.isEnabled()
    assert dialog.close_button.text() == "Annullér"
    assert _case_count(ctx.desk.store) == 0, "nothing is saved before the user confirms"


def test_import_saves_the_good_rows_and_tells_the_other_views(
    qtbot: QtBot, dialog: ImportDialog, ctx: AppContext, mixed_list: Path
) -> None:
    load(dialog, mixed_list)
    heard: list[Changes] = []
    ctx.bus.changed.connect(heard.append)
    with qtbot.waitSignal(
        ctx.bus.changed, timeout=10_000, check_params_cb=lambda changes: changes == Changes.all()
    ):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert heard == [Changes.all()]
    qtbot.waitUntil(lambda: dialog.running is None)
    assert _case_count(ctx.desk.store) == 2
    assert dialog.done_label.text() == "Importeret: 2 nye sager, 0 sager opdateret, 0 uændrede, 2 afviste."
    assert not dialog.import_button.isEnabled(), "one click imports once"
    assert dialog.close_button.text() == "Luk"
    with ctx.desk.store.read_session() as s:
        advisers = {c.adviser_id for c in s.scalars(select(Case))}
    assert len(advisers) == 1 and None not in advisers, "the importing adviser becomes responsible"


def test_new_cases_can_be_left_unassigned(
    qtbot: QtBot, dialog: ImportDialog, ctx: AppContext, mixed_list: Path
) -> None:
    load(dialog, mixed_list)
    dialog.assign_check.setChecked(False)
    assert _import(qtbot, dialog) is not None
    with ctx.desk.store.read_session() as s:
        assert {c.adviser_id for c in s.scalars(select(Case))} == {None}


def test_reopening_the_same_file_after_import_shows_nothing_to_import(
    qtbot: QtBot, dialog: ImportDialog, ctx: AppContext, mixed_list: Path
) -> None:
    load(dialog, mixed_list)
    _import(qtbot, dialog)
    load(dialog, mixed_list)
    assert not dialog.import_button.isEnabled()
    assert "intet nyt at importere" in dialog.summary_label.text()
    assert dialog.import_rows() is None
    assert _case_count(ctx.desk.store) == 2


def test_a_cancelled_import_changes_nothing_and_can_be_started_again(
    qtbot: QtBot, dialog: ImportDialog, ctx: AppContext, mixed_list: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load(dialog, mixed_list)
    imports = ctx.desk.imports
    apply = imports.apply

    def cancel_at_once(plan: object, progress: Progress, **kw: object) -> ImportResult:
        progress.cancel()  # as if "Annullér" was pressed before the first row
        return apply(plan, progress, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(imports, "apply", cancel_at_once)
    heard: list[Changes] = []
    ctx.bus.changed.connect(heard.append)
    assert _import(qtbot, dialog) is None
    assert _case_count(ctx.desk.store) == 0 and heard == []
    assert dialog.error_label.text() == "Importen blev annulleret. Intet er gemt."
    assert dialog.import_button.isEnabled()
    monkeypatch.setattr(imports, "apply", apply)
    result = _import(qtbot, dialog)
    assert result is not None and result.created == 2
    assert _case_count(ctx.desk.store) == 2


def test_a_row_with_a_bad_phone_number_is_imported_with_a_warning(
    qtbot: QtBot, dialog: ImportDialog, ctx: AppContext, tmp_path: Path
) -> None:
    load(dialog, write_csv(tmp_path / "liste.csv", [_row(0, "Telefon", "ring ikke")]))
    assert dialog.model.row_at(0).status is ImportStatus.CREATE
    assert dialog.table.model().index(0, 8).data() == (
        "Ny sag: udsættelsestruet lejer. Telefon: »ring ikke« er ikke et telefonnummer. "
        "Skriv 8 cifre, fx 12 34 56 78. Værdien er ikke importeret."
    )
    result = _import(qtbot, dialog)
    assert result is not None and result.created == 1
    assert _case_count(ctx.desk.store) == 1


def test_a_file_with_a_missing_column_shows_a_danish_message_and_changes_nothing(
    dialog: ImportDialog, ctx: AppContext, tmp_path: Path
) -> None:
    path = tmp_path / "forkert.csv"
    path.write_text(
        "Navn;Adresse;Afdeling;Restance;Ophævet\r\nÅse;Vej 1;12;100;05.03.2026\r\n", encoding="utf-8"
    )
    assert not load(dialog, path)
    assert dialog.error_label.isVisibleTo(dialog)
    assert dialog.error_label.text() == (
        "Filen mangler kolonnen »Lejemålsnr.« (eller lejemål, lejenummer, lejemålsnummer). "
        "Overskrifter fundet i række 1: Navn, Adresse, Afdeling, Restance, Ophævet."
    )
    assert dialog.table.model().rowCount() == 0
    assert not dialog.import_button.isEnabled()
    assert dialog.path_edit.text() == str(path), "the chosen file stays visible"
    assert _case_count(ctx.desk.store) == 0


def test_a_good_file_after_a_bad_one_clears_the_message(
    dialog: ImportDialog, tmp_path: Path, mixed_list: Path
) -> None:
    broken = tmp_path / "liste.xlsx"
    broken.write_bytes(b"PK\x03\x04 broken")
    assert not load(dialog, broken)
    assert load(dialog, mixed_list)
    assert not dialog.error_label.isVisibleTo(dialog)


def test_show_filter_lists_only_the_chosen_status(dialog: ImportDialog, mixed_list: Path) -> None:
    load(dialog, mixed_list)
    dialog.show_combo.setCurrentText("Afviste")
    table = dialog.table.model()
    assert table.rowCount() == 2
    assert {table.index(r, 1).data() for r in range(2)} == {"Afvist"}
    dialog.show_combo.setCurrentText("Alle rækker")
    assert table.rowCount() == 4


def test_selecting_a_row_shows_its_full_reason_below_the_table(
    dialog: ImportDialog, mixed_list: Path
) -> None:
    load(dialog, mixed_list)
    dialog.table.selectRow(3)
    assert "Række 5 · Afvist" in dialog.detail_label.text()
    assert "Restance: Beløbet »-100« er negativt." in dialog.detail_label.text()


def test_choose_file_and_save_rejected_rows_through_the_file_dialogs(
    dialog: ImportDialog, mixed_list: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(mixed_list), ""))
    dialog.choose_button.click()
    wait_for(dialog)
    assert dialog.plan is not None and dialog.plan.counts.rejected == 2
    target = tmp_path / "til-udlejer"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "Excel-projektmappe (*.xlsx)")
    )
    dialog.save_rejected_button.click()
    saved = tmp_path / "til-udlejer.xlsx"
    assert saved.exists()
    assert dialog.done_label.text() == f"2 afviste rækker gemt i {saved}."


def test_cancelled_file_dialog_changes_nothing(dialog: ImportDialog, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: ("", ""))
    dialog.choose_button.click()
    assert dialog.plan is None
    assert dialog.path_edit.text() == ""


def test_keyboard_mnemonics_and_row_colours(dialog: ImportDialog, mixed_list: Path) -> None:
    for button in (dialog.choose_button, dialog.save_rejected_button, dialog.import_button):
        assert "&" in button.text()
    load(dialog, mixed_list)
    model = dialog.table.model()
    created = model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole).color().name()
    rejected = model.index(1, 0).data(Qt.ItemDataRole.BackgroundRole).color().name()
    assert created != rejected


def test_statuses_keep_their_meaning_after_sorting(dialog: ImportDialog, mixed_list: Path) -> None:
    load(dialog, mixed_list)
    dialog.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    model = dialog.table.model()
    assert [model.index(r, 1).data(STATUS_ROLE) for r in range(4)] == [
        ImportStatus.REJECTED.value,
        ImportStatus.REJECTED.value,
        ImportStatus.CREATE.value,
        ImportStatus.CREATE.value,
    ]


def big_list(tmp_path: Path, rows: int) -> Path:
    """``rows`` invented rows for estate 12, each a new case."""
    lines = [_row(0, "Lejemålsnr.", f"12-{i:05d}") for i in range(rows)]
    return write_csv(tmp_path / "stor-liste.csv", lines)


def test_reading_runs_off_the_gui_thread_with_progress(
    dialog: ImportDialog, ctx: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = big_list(tmp_path, 600)
    imports = ctx.desk.imports
    preview = imports.preview
    seen: list[tuple[int, int, str, bool]] = []

    def watched(path: Path, progress: Progress) -> object:
        forward = progress._report

        def report(done: int, total: int, text: str) -> None:
            seen.append((done, total, text, threading.current_thread() is threading.main_thread()))
            if forward is not None:
                forward(done, total, text)

        progress._report = report
        return preview(path, progress)

    monkeypatch.setattr(imports, "preview", watched)
    call = dialog.load_file(path)
    assert call is not None and call.dialog is not None, "a progress dialog with Annullér"
    assert not dialog.choose_button.isEnabled() and not dialog.import_button.isEnabled()
    assert dialog.load_file(path) is None, "one reading at a time"
    wait_for(dialog)
    assert dialog.plan is not None and dialog.plan.counts.created == 600
    assert dialog.choose_button.isEnabled() and dialog.import_button.isEnabled()
    assert ("Læser række 251 af 601 …") in [text for _d, _t, text, _main in seen]
    assert not any(main for *_rest, main in seen), "read on a worker thread, not the GUI thread"


def test_cancelling_the_reading_changes_nothing(
    dialog: ImportDialog, ctx: AppContext, tmp_path: Path, mixed_list: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert load(dialog, mixed_list)
    shown = dialog.plan
    imports = ctx.desk.imports
    preview = imports.preview
    steps: list[str] = []

    def cancel_midway(path: Path, progress: Progress) -> object:
        def report(done: int, total: int, text: str) -> None:
            steps.append(text)
            if done >= 250:
                progress.cancel()  # "Annullér" pressed while row 251 is read

        progress._report = report
        return preview(path, progress)

    monkeypatch.setattr(imports, "preview", cancel_midway)
    assert not load(dialog, big_list(tmp_path, 1200)) or dialog.plan is shown
    assert any("251 af" in text for text in steps)
    assert not any("1001 af" in text for text in steps), "reading stopped at the cancel"
    assert dialog.plan is shown, "the preview shown before stays"
    assert dialog.path_edit.text() == str(mixed_list)
    assert dialog.error_label.text() == "Indlæsningen af filen blev annulleret. Intet er ændret."
    assert _case_count(ctx.desk.store) == 0
    monkeypatch.setattr(imports, "preview", preview)
    assert load(dialog, big_list(tmp_path, 30)) and dialog.plan is not None
    assert dialog.plan.counts.created == 30
