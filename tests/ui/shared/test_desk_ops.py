"""The UI's one way to run desk calls: errors shown, changes broadcast once, long calls cancellable."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from boligdesk.errors import StoreError, UserInputError
from boligdesk.models.store import Store
from boligdesk.services.changes import Changes, Created, Part
from boligdesk.services.desk import Desk
from boligdesk.services.progress import Progress
from boligdesk.ui.context import AppContext
from boligdesk.ui.shared.desk_ops import run_in_background, run_write


@pytest.fixture
def ctx(store: Store) -> AppContext:
    return AppContext(Desk(store, adviser_name="Hanne Holm", today=lambda: dt.date(2026, 11, 24)))


def test_a_write_broadcasts_its_changes_once(qtbot: QtBot, ctx: AppContext) -> None:
    seen: list[Changes] = []
    ctx.bus.changed.connect(seen.append)
    result = run_write(None, ctx, lambda: Created("id-1", Changes.of("case-a", Part.BUDGET)))
    assert result is not None and result.id == "id-1"
    assert seen == [Changes.of("case-a", Part.BUDGET)]


def test_a_refused_value_goes_to_its_field_and_nothing_is_broadcast(qtbot: QtBot, ctx: AppContext) -> None:
    seen: list[Changes] = []
    shown: list[str] = []
    ctx.bus.changed.connect(seen.append)

    def refuse() -> Changes:
        raise UserInputError("phone", "phone.invalid", "Telefonnummeret skal have 8 cifre.")

    assert run_write(None, ctx, refuse, on_input_error=lambda exc: shown.append(exc.message)) is None
    assert shown == ["Telefonnummeret skal have 8 cifre."] and seen == []


def test_an_environment_error_is_shown_in_a_dialog(
    qtbot: QtBot, ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text, *a, **k: shown.append(text))

    def full_disk() -> Changes:
        raise StoreError("disk_full", "Disken er fuld. Frigør plads og prøv igen.")

    assert run_write(None, ctx, full_disk) is None
    assert shown == ["Disken er fuld. Frigør plads og prøv igen."]


def test_a_background_call_reports_progress_and_hands_back_its_result(qtbot: QtBot, ctx: AppContext) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: list[Changes] = []
    ctx.bus.changed.connect(seen.append)
    results: list[object] = []

    def work(progress: Progress) -> Changes:
        for i in range(3):
            progress.step(i + 1, 3, f"Række {i + 1}")
        return Changes.all()

    call = run_in_background(parent, ctx, work, results.append, title="Importerer …")
    qtbot.waitUntil(lambda: bool(results), timeout=5000)
    assert results == [Changes.all()] and seen == [Changes.all()]
    assert call.error is None


def test_cancelling_a_background_call_ends_it_without_a_result(qtbot: QtBot, ctx: AppContext) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    entered = threading.Event()
    results: list[object] = []
    cancelled: list[bool] = []

    def work(progress: Progress) -> Changes:
        entered.set()
        while True:
            progress.step(0, 0)
            threading.Event().wait(0.005)

    call = run_in_background(
        parent, ctx, work, results.append, title="Importerer …", on_cancelled=lambda: cancelled.append(True)
    )
    assert entered.wait(5)
    assert call.dialog is not None
    cancel_button = next(b for b in call.dialog.findChildren(QPushButton) if b.text() == "Annullér")
    cancel_button.click()
    qtbot.waitUntil(lambda: bool(cancelled), timeout=5000)
    assert results == []
    assert ctx.desk.cancel_running(wait=1)
