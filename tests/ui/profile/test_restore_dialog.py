"""Filer → Gendan fra sikkerhedskopi: the list of backups, the question, and every view redrawn after."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from boligdesk.budget.money import Money
from boligdesk.models.store import Store
from boligdesk.services.cases import NewCase
from boligdesk.services.changes import Changes
from boligdesk.services.desk import Desk
from boligdesk.sync.safety import backup_before_sync
from boligdesk.ui.context import AppContext
from boligdesk.ui.profile.restore_dialog import RestoreDialog
from tests.cases import create_case

TODAY = dt.date(2026, 11, 24)


def case_count(ctx: AppContext) -> int:
    return len(ctx.desk.case_list.rows())


@pytest.mark.parametrize("answer", ["Yes", "No"])
def test_restoring_the_chosen_backup_redraws_everything(
    qapp: QApplication, qtbot: QtBot, store: Store, monkeypatch: pytest.MonkeyPatch, answer: str
) -> None:
    ctx = AppContext(Desk(store, adviser_name="Hanne Holm", today=lambda: TODAY))
    backup = backup_before_sync(store)  # an empty profile
    create_case(
        store,
        NewCase(first_name="Ib", last_name="Prøve", address_line="Vej 1", rent=Money.kr(5000)),
        today=TODAY,
    )
    asked: list[str] = []

    def question(_parent: object, _title: str, text: str, *_a: object) -> QMessageBox.StandardButton:
        asked.append(text)
        return getattr(QMessageBox.StandardButton, answer)

    monkeypatch.setattr(QMessageBox, "question", question)
    dialog = RestoreDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 1 and "Før synkronisering" in dialog.list.item(0).text()
    assert dialog.empty.isHidden()
    heard: list[Changes] = []
    ctx.bus.changed.connect(heard.append)
    dialog.restore_button.click()
    [text] = asked
    assert "gemmes først som en sikkerhedskopi" in text
    if answer == "No":
        assert heard == [] and case_count(ctx) == 1
        return
    assert heard == [Changes.all()]
    assert case_count(ctx) == 0
    assert backup.name in dialog.outcome.text() and "gemt som" in dialog.outcome.text()
    assert dialog.list.count() == 2  # the replaced database is a backup now
    assert any("Før gendannelse" in dialog.list.item(i).text() for i in range(2))


def test_without_backups_the_dialog_says_so(qapp: QApplication, qtbot: QtBot, store: Store) -> None:
    dialog = RestoreDialog(AppContext(Desk(store)))
    qtbot.addWidget(dialog)
    assert not dialog.empty.isHidden() and not dialog.restore_button.isEnabled()
