"""Indstillinger → Satser: the window shows what is in force today and adds the organisation's new year.

Figures that are not the shipped ones are invented test figures.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from boligdesk.budget.money import Money
from boligdesk.budget.ratebook import REMINDER_FEE, Origin, parse_file
from boligdesk.models.store import Store
from boligdesk.services.desk import Desk
from boligdesk.ui.context import AppContext
from boligdesk.ui.rates import rates_dialog
from boligdesk.ui.rates.rate_entry_dialog import RateEntryDialog
from boligdesk.ui.rates.rates_dialog import RatesDialog

DECEMBER_2026 = dt.date(2026, 12, 1)


@pytest.fixture
def ctx(qapp: QApplication, store: Store) -> AppContext:
    return AppContext(Desk(store, adviser_name="Hanne Holm", today=lambda: DECEMBER_2026))


def show_table(dialog: RatesDialog, table: str) -> None:
    keys = [dialog.tables.item(i).data(256) for i in range(dialog.tables.count())]
    dialog.tables.setCurrentRow(keys.index(table))


def fill(qtbot: QtBot, entry: RateEntryDialog, amount: str) -> None:
    entry.valid_from.setText("01.01.2027")
    qtbot.keyClicks(entry.figures["amount"], amount)
    qtbot.keyClicks(entry.source_title, "Opfundet kilde til test")


def test_a_stale_rate_is_named_and_adding_2027_updates_the_window_and_the_fee(
    qtbot: QtBot, ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = RatesDialog(ctx)
    qtbot.addWidget(dialog)
    show_table(dialog, REMINDER_FEE)
    assert "Satsen er fra 2023 — der er ikke indtastet satser for 2026." in dialog.today_status.text()
    assert "mangler 2026" in dialog.tables.currentItem().text()
    assert not dialog.edit_button.isEnabled()  # a shipped entry is not edited, only replaced

    seen: list[str] = []

    def fill_and_save(entry: QDialog) -> bool:
        assert isinstance(entry, RateEntryDialog)
        seen.append(entry.valid_from.text())
        fill(qtbot, entry, "333,00")
        entry.save()
        return entry.result() == QDialog.DialogCode.Accepted

    monkeypatch.setattr(rates_dialog, "run_modal", fill_and_save)
    dialog.add_button.click()
    assert seen == ["01.01.2026"]  # the suggestion: this year, as nothing from 2026 is entered
    top = dialog.model.rows()[0]
    assert (top.valid_from, top.origin, top.entered_by) == (
        dt.date(2027, 1, 1),
        Origin.ORGANISATION,
        "Hanne Holm",
    )
    assert dialog.edit_button.isEnabled()  # the new entry is selected
    assert "Gebyr: 333,00 kr." in dialog.details.text()
    bound = Desk(ctx.desk.store, today=lambda: dt.date(2027, 1, 1)).arrears.fee_bound()
    assert bound is not None and bound.amount == Money.kr(333)


def test_a_refused_amount_is_named_and_nothing_is_saved(qtbot: QtBot, ctx: AppContext) -> None:
    book = ctx.desk.rates.book()
    entry = RateEntryDialog(ctx, rates_dialog.TABLES[REMINDER_FEE], book)
    qtbot.addWidget(entry)
    fill(qtbot, entry, "tre hundrede")
    entry.save()
    assert "tre hundrede" in entry.error.text() and entry.result() != QDialog.DialogCode.Accepted
    assert entry.figures["amount"].text() == "tre hundrede"  # the typed text stays
    assert not [e for e in ctx.desk.rates.book().all_entries if e.origin is Origin.ORGANISATION]


def test_a_hostile_file_is_refused_in_the_window_and_export_round_trips(
    qtbot: QtBot, ctx: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = RatesDialog(ctx)
    qtbot.addWidget(dialog)
    hostile = tmp_path / "satser.json"
    hostile.write_bytes(
        b'{"format": "boligdesk-satser", "version": 1, "entries": [{"table": "reminder_fee"}]}'
    )
    assert not dialog.import_file(hostile)
    assert "Intet er ændret" in dialog.error.text()
    ctx.desk.rates.add(REMINDER_FEE, dt.date(2027, 1, 1), {"amount": Money.kr(333)}, source_title="Opfundet")
    out = tmp_path / "ud.json"
    assert dialog.export_to(out)
    [entry] = parse_file(out.read_bytes())
    assert (entry.table, entry.figure("amount")) == (REMINDER_FEE, Money.kr(333))
    monkeypatch.setattr(QMessageBox, "information", lambda *_args: QMessageBox.StandardButton.Ok)
    assert dialog.import_file(out)  # the same file back: replaces, nothing doubled
    assert len([e for e in ctx.desk.rates.book().all_entries if e.origin is Origin.ORGANISATION]) == 1
