"""Teamet (membership, retire, new laptop, rotate the key), "Acceptér tabet" in the sync window, and
Rådgivere (hand over open cases) — driven as an adviser would, with pytest-qt."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from boligdesk.errors import StoreError
from boligdesk.models import Case, Person, RetiredLaptop, SyncLoss
from boligdesk.models.store import Store
from boligdesk.services.desk import Desk
from boligdesk.sync import team_keyring
from boligdesk.sync.engine import SyncSummary
from boligdesk.sync.simulation import LaptopLab
from boligdesk.ui.context import AppContext
from boligdesk.ui.profile.advisers_dialog import AdvisersDialog
from boligdesk.ui.sync.sync_dialog import SyncDialog
from boligdesk.ui.sync.team_dialog import RotateKeyDialog, TeamDialog

# Screenshots for a person to look at, only when asked: BOLIGDESK_TEST_SHOTS=/some/folder.
SHOTS = os.environ.get("BOLIGDESK_TEST_SHOTS")


@pytest.fixture
def lab(tmp_path: Path) -> Iterator[LaptopLab]:
    lab = LaptopLab(tmp_path, independent=True)
    yield lab
    lab.close()


def ctx_for(store: Store, adviser: str) -> AppContext:
    desk = Desk(store, adviser_name=adviser)
    desk.advisers.set_current(adviser)
    return AppContext(desk)


def remember(lab: LaptopLab, store: Store) -> None:
    connection = lab.connections[store.device_id]
    assert team_keyring.remember_team_key(connection.team.team_id, connection.team_key)[0]


def shot(widget: object, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(exist_ok=True)
        widget.grab().save(str(Path(SHOTS) / name))  # type: ignore[attr-defined]


def answer(monkeypatch: pytest.MonkeyPatch, button: str) -> list[str]:
    asked: list[str] = []

    def question(_parent: object, _title: str, text: str, *_a: object) -> QMessageBox.StandardButton:
        asked.append(text)
        return getattr(QMessageBox.StandardButton, button)

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def test_the_team_window_lists_laptops_and_retires_one(
    qtbot: QtBot, lab: LaptopLab, monkeypatch: pytest.MonkeyPatch
) -> None:
    anne, bo, carl = lab.laptop("anne"), lab.laptop("bo"), lab.laptop("carl")
    ctx = ctx_for(anne, "Anne And")
    ctx_for(bo, "Bo Berg")
    ctx_for(carl, "Carl Christensen")
    lab.sync_all(rounds=2)
    dialog = TeamDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    shown = [[dialog.model.index(r, c).data() for c in range(3)] for r in range(3)]
    assert [row[:2] for row in shown] == [
        [f"{anne.device_id[:8]} (denne computer)", "Anne And"],
        [bo.device_id[:8], "Bo Berg"],
        [carl.device_id[:8], "Carl Christensen"],
    ]
    assert all(" kl. " in row[2] for row in shown)
    dialog.select(anne.device_id)
    assert not dialog.retire_button.isEnabled()  # this laptop cannot retire itself
    dialog.select(carl.device_id)
    assert dialog.retire_button.isEnabled()

    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: ("Stjålet fra bilen", True))
    asked = answer(monkeypatch, "No")
    qtbot.mouseClick(dialog.retire_button, Qt.MouseButton.LeftButton)
    assert "Tilbagekald computeren" in asked[0] and "Stjålet fra bilen" in asked[0]
    with anne.session() as s:
        assert s.scalars(select(RetiredLaptop)).all() == []  # "Nej" changes nothing

    answer(monkeypatch, "Yes")
    with qtbot.waitSignal(ctx.bus.changed, timeout=5000):
        qtbot.mouseClick(dialog.retire_button, Qt.MouseButton.LeftButton)
    assert dialog.model.index(2, 3).data() == "Tilbagekaldt"
    assert dialog.model.index(2, 4).data() == "Anne And: Stjålet fra bilen"
    assert "er tilbagekaldt" in dialog.outcome.text()
    assert not dialog.retire_button.isEnabled()
    dialog.resize(1000, 420)
    shot(dialog, "team_dialog.png")

    dialog.stale_days.setValue(30)
    with qtbot.waitSignal(ctx.bus.changed, timeout=5000):
        qtbot.mouseClick(dialog.stale_save, Qt.MouseButton.LeftButton)
    assert ctx.desk.statistics.stale_days() == 30 and "mere end 30 dage" in dialog.outcome.text()
    shot(dialog, "team_dialog_stale_days.png")

    helped: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *_a: helped.append(text))
    qtbot.mouseClick(dialog.join_button, Qt.MouseButton.LeftButton)
    assert str(lab.share) in helped[0] and "Tilslut team" in helped[0]


def test_rotating_the_key_from_the_window_shuts_out_the_retired_laptop(qtbot: QtBot, lab: LaptopLab) -> None:
    anne, carl = lab.laptop("anne"), lab.laptop("carl")
    lab.sync_all(rounds=2)
    remember(lab, anne)
    ctx = ctx_for(anne, "Anne And")
    ctx.desk.sync.retire(carl.device_id, "Bortkommet")
    dialog = RotateKeyDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.current.isHidden()  # the key is remembered: only the new passphrase is asked
    assert "tilbagekaldt computer kan ikke læse" in dialog.findChildren(type(dialog.error))[0].text()
    qtbot.keyClicks(dialog.new, "Det nye teamkodeord 99")
    qtbot.keyClicks(dialog.repeat, "Et andet kodeord 99")
    qtbot.mouseClick(dialog.rotate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.error.isHidden(), timeout=10000)
    assert dialog.result() == 0 and dialog.rotate_button.isEnabled()
    shot(dialog, "rotate_dialog.png")
    dialog.repeat.clear()
    qtbot.keyClicks(dialog.repeat, "Det nye teamkodeord 99")
    qtbot.mouseClick(dialog.rotate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result() == 1, timeout=20000)
    assert "Teamets nøgle er skiftet" in dialog.rotated_lines[0]
    with pytest.raises(StoreError) as refused:
        lab.sync(carl)
    assert refused.value.code == "team_key_rotated"
    assert ctx.desk.sync.reconnect(ask_passphrase=None).remembered  # anne carries on with the new key


def test_the_rotation_runs_off_the_gui_thread_and_cancelling_changes_nothing(
    qtbot: QtBot, lab: LaptopLab, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While the files are sealed again the window answers (a timer fires, the progress dialog shows the
    file count); "Annullér" stops it before the commit: the old key stays and the dialog says so."""
    import threading

    from PySide6.QtCore import QTimer

    import boligdesk.sync.rekey as rekey
    from boligdesk.ui.sync.team_dialog import CANCELLED_TEXT

    anne, carl = lab.laptop("anne"), lab.laptop("carl")
    lab.sync_all(rounds=2)
    remember(lab, anne)
    ctx = ctx_for(anne, "Anne And")
    before = {p: p.read_bytes() for p in lab.share.rglob("*") if p.is_file()}
    inside, release = threading.Event(), threading.Event()
    real = rekey._resealed

    def slow(*args: object) -> bytes | None:
        inside.set()
        release.wait(10)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(rekey, "_resealed", slow)
    dialog = RotateKeyDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.new, "Det nye teamkodeord 99")
    qtbot.keyClicks(dialog.repeat, "Det nye teamkodeord 99")
    qtbot.mouseClick(dialog.rotate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(inside.is_set, timeout=10000)
    ticked: list[bool] = []
    QTimer.singleShot(10, lambda: ticked.append(True))
    qtbot.waitUntil(lambda: bool(ticked), timeout=2000)  # the GUI thread is free while the worker waits
    assert dialog.call is not None and not dialog.rotate_button.isEnabled()
    progress = dialog.call.dialog
    assert progress is not None
    qtbot.waitUntil(lambda: "Krypterer fællesdrevets filer" in progress.labelText(), timeout=5000)
    progress.resize(520, 120)
    shot(progress, "rotate_progress.png")
    dialog.reject()  # Esc / Annullér on the dialog itself does not close it mid-rotation
    assert dialog.isVisible()
    dialog.call.cancel()
    release.set()
    qtbot.waitUntil(lambda: dialog.call is None, timeout=10000)
    assert dialog.error.text() == CANCELLED_TEXT and dialog.result() == 0
    assert dialog.rotate_button.isEnabled()
    assert {p: p.read_bytes() for p in lab.share.rglob("*") if p.is_file()} == before
    assert lab.sync(carl).ok  # the old key still works
    shot(dialog, "rotate_cancelled.png")


def test_accept_the_loss_from_a_laptop_in_the_sync_window(
    qtbot: QtBot, lab: LaptopLab, monkeypatch: pytest.MonkeyPatch
) -> None:
    anne, bo = lab.laptop("anne"), lab.laptop("bo")
    for name in ("Første", "Tabt", "Efter tabet"):
        with anne.session() as s:
            s.add(Person(first_name=name))
        sent = lab.sync(anne).sent_file
        if name == "Tabt":
            (lab.connections[anne.device_id].team.outbox(anne.device_id) / sent).unlink()
    remember(lab, bo)
    ctx = ctx_for(bo, "Bo Berg")
    dialog = SyncDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.sync_finished, timeout=30_000) as finished:
        qtbot.mouseClick(dialog.sync_button, Qt.MouseButton.LeftButton)
    assert isinstance(finished.args[0], SyncSummary) and finished.args[0].gaps
    assert dialog.accept_loss_button.isVisible()
    assert dialog.accept_loss_button.text() == f"Acceptér &tabet fra computeren {anne.device_id[:8]} …"
    shot(dialog, "sync_gap.png")

    asked = answer(monkeypatch, "No")
    qtbot.mouseClick(dialog.accept_loss_button, Qt.MouseButton.LeftButton)
    assert "aldrig synkroniserer igen" in asked[0] and "noteres med dit navn" in asked[0]
    assert not dialog.is_running()

    answer(monkeypatch, "Yes")
    with qtbot.waitSignal(dialog.sync_finished, timeout=30_000) as finished:
        qtbot.mouseClick(dialog.accept_loss_button, Qt.MouseButton.LeftButton)
    summary = finished.args[0]
    assert isinstance(summary, SyncSummary) and summary.ok, summary.lines()
    assert "er accepteret og noteret" in dialog.summary.toPlainText()
    assert dialog.accept_loss_button.isHidden()
    with bo.session() as s:
        [loss] = s.scalars(select(SyncLoss)).all()
        assert (loss.device, loss.first_seq, loss.last_seq, loss.accepted_by) == (
            anne.device_id,
            2,
            2,
            "Bo Berg",
        )
        assert set(s.scalars(select(Person.first_name))) == {"Første", "Efter tabet"}


def test_hand_over_open_cases_in_the_advisers_window(
    qtbot: QtBot, lab: LaptopLab, monkeypatch: pytest.MonkeyPatch
) -> None:
    anne = lab.laptop("anne")
    ctx = ctx_for(anne, "Anne And")
    leaving = ctx.desk.advisers.ensure("Lise Leaving")
    ctx.desk.advisers.ensure("Bo Berg")
    with anne.session() as s:
        tenant = Person(first_name="Lejer")
        s.add(tenant)
        s.flush()
        s.add_all([Case(number=f"2026-00{i}", tenant_id=tenant.id, adviser_id=leaving) for i in range(2)])
        s.add(Case(number="2026-009", tenant_id=tenant.id, adviser_id=leaving, closed_on=dt.date(2026, 1, 5)))
    dialog = AdvisersDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.select("Lise Leaving")
    assert dialog.hand_over_button.isEnabled()
    offered: list[list[str]] = []

    def get_item(_p: object, _t: str, _label: str, items: list[str], *_a: object) -> tuple[str, bool]:
        offered.append(items)
        return "Bo Berg", True

    monkeypatch.setattr(QInputDialog, "getItem", get_item)
    asked = answer(monkeypatch, "Yes")
    with qtbot.waitSignal(ctx.bus.changed, timeout=5000):
        qtbot.mouseClick(dialog.hand_over_button, Qt.MouseButton.LeftButton)
    assert offered == [["Anne And", "Bo Berg"]]
    assert "de 2 åbne sager fra Lise Leaving til Bo Berg" in asked[0]
    assert dialog.outcome.text() == "2 åbne sager er overdraget fra Lise Leaving til Bo Berg."
    counts = {dialog.model.row_at(i).name: dialog.model.row_at(i).open_cases for i in range(3)}
    assert counts == {"Anne And": 0, "Bo Berg": 2, "Lise Leaving": 0}
    shot(dialog, "advisers_dialog.png")


def test_the_sync_window_syncs_with_the_new_key_after_a_rotation_in_teamet(
    qtbot: QtBot, lab: LaptopLab, monkeypatch: pytest.MonkeyPatch
) -> None:
    anne = lab.laptop("anne")
    lab.sync(anne)
    remember(lab, anne)
    ctx = ctx_for(anne, "Anne And")
    dialog = SyncDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()

    def rotate_in_teamet(team_dialog: object) -> bool:
        ctx.desk.sync.rotate_key(lab.connections[anne.device_id], "Nyt teamkodeord 77", "Nyt teamkodeord 77")
        return True

    import boligdesk.ui.sync.sync_dialog as sync_dialog

    monkeypatch.setattr(sync_dialog, "run_modal", rotate_in_teamet)
    qtbot.mouseClick(dialog.team_list_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.sync_finished, timeout=30_000) as finished:
        qtbot.mouseClick(dialog.sync_button, Qt.MouseButton.LeftButton)
    assert isinstance(finished.args[0], SyncSummary), dialog.run_error.text()


def test_a_laptop_not_in_a_team_says_so(qtbot: QtBot, lab: LaptopLab) -> None:
    alone = lab.new_profile("alene")
    dialog = TeamDialog(ctx_for(alone, "Anne And"))
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 0 and not dialog.empty.isHidden()
    assert not dialog.rotate_button.isEnabled() and not dialog.retire_button.isEnabled()
    alone.close()


def test_an_adviser_listed_twice_after_a_move_is_named_and_merged_from_raadgivere(
    qtbot: QtBot, lab: LaptopLab, monkeypatch: pytest.MonkeyPatch
) -> None:
    anne = lab.laptop("anne")
    ctx = ctx_for(anne, "Anne And")
    twin = ctx.desk.advisers.ensure("anne and")  # what the moved profile's first sync brings in
    ctx.desk.advisers.ensure("Bo Berg")
    with anne.session() as s:
        tenant = Person(first_name="Lejer")
        s.add(tenant)
        s.flush()
        s.add(Case(number="2026-001", tenant_id=tenant.id, adviser_id=twin, closed_on=dt.date(2026, 1, 5)))
        s.add(Case(number="2026-002", tenant_id=tenant.id, adviser_id=ctx.desk.adviser_id))
    dialog = AdvisersDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.twice.isVisible() and "»anne and«" in dialog.twice.text().casefold()
    dialog.select("Bo Berg")
    assert not dialog.merge_button.isEnabled()  # two different people are never merged
    dialog.select("anne and")
    assert dialog.merge_button.isEnabled()
    shot(dialog, "advisers_twice.png")
    asked = answer(monkeypatch, "No")
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    assert "står 2 gange" in asked[0] and dialog.model.rowCount() == 3
    answer(monkeypatch, "Yes")
    with qtbot.waitSignal(ctx.bus.changed, timeout=5000):
        qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    assert dialog.model.rowCount() == 2 and not dialog.twice.isVisible()
    assert "står nu én gang" in dialog.outcome.text() and "1 sag flyttet med" in dialog.outcome.text()
    with anne.session() as s:
        assert len(set(s.scalars(select(Case.adviser_id)))) == 1
