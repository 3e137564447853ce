"""The Synkronisering dialog: set up a team, run a sync in the background, cancel, read the summary."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from boligdesk.budget.money import Money
from boligdesk.models import Case, Person
from boligdesk.models.store import Store
from boligdesk.services.cases import NewCase
from boligdesk.services.changes import Changes
from boligdesk.services.desk import Desk
from boligdesk.sync import team_keyring
from boligdesk.sync.engine import SyncSummary
from boligdesk.sync.settings import load_settings
from boligdesk.sync.simulation import TEAM_PASSPHRASE, LaptopLab, Template, make_template
from boligdesk.ui.context import AppContext
from boligdesk.ui.shared.desk_ops import BackgroundCall
from boligdesk.ui.sync.sync_dialog import SyncDialog
from tests.cases import create_case


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    return make_template(tmp_path_factory.mktemp("skabelon") / "profil")


@pytest.fixture
def lab(tmp_path: Path, template: Template) -> Iterator[LaptopLab]:
    lab = LaptopLab(tmp_path, template)
    yield lab
    lab.close()


def remember_team_key(lab: LaptopLab, store: Store) -> None:
    """As if the adviser had ticked "Husk" when joining (the lab joins without the keyring)."""
    connection = lab.connections[store.device_id]
    assert team_keyring.remember_team_key(connection.team.team_id, connection.team_key)[0]


def open_dialog(qtbot: QtBot, store: Store) -> tuple[SyncDialog, AppContext]:
    ctx = AppContext(Desk(store, adviser_name="Test Rådgiver"))
    dialog = SyncDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog, ctx


def run_sync(qtbot: QtBot, dialog: SyncDialog) -> SyncSummary:
    with qtbot.waitSignal(dialog.sync_finished, timeout=30_000) as finished:
        qtbot.mouseClick(dialog.sync_button, Qt.MouseButton.LeftButton)
    summary = finished.args[0]
    assert isinstance(summary, SyncSummary)
    return summary


def test_first_laptop_creates_the_team_and_syncs(qtbot: QtBot, lab: LaptopLab) -> None:
    store = lab.new_profile("anne")
    with store.session() as s:
        s.add(Person(first_name="Anna"))
    dialog, ctx = open_dialog(qtbot, store)
    assert not dialog.sync_button.isEnabled()
    dialog.folder.setText(str(lab.share))
    dialog.folder.editingFinished.emit()
    assert dialog.team_button.text() == "&Opret team"
    assert not dialog.repeat.isHidden()
    qtbot.keyClicks(dialog.passphrase, TEAM_PASSPHRASE)
    qtbot.keyClicks(dialog.repeat, TEAM_PASSPHRASE)
    qtbot.mouseClick(dialog.team_button, Qt.MouseButton.LeftButton)
    assert load_settings(store.profile.folder).is_set_up
    assert dialog.sync_button.isEnabled()
    assert dialog.team_button.isHidden()

    with qtbot.waitSignal(
        ctx.bus.changed, timeout=30_000, check_params_cb=lambda changes: changes == Changes.all()
    ):
        summary = run_sync(qtbot, dialog)
    assert summary.sent_rows == 1
    assert "Ændringer sendt: 1" in dialog.summary.toPlainText()
    assert "Sidst synkroniseret" in dialog.status.text()
    assert not dialog.is_running()
    store.close()


def test_wrong_team_passphrase_is_shown_next_to_the_field_and_kept(qtbot: QtBot, lab: LaptopLab) -> None:
    lab.laptop("anne")
    bo = lab.new_profile("bo")
    dialog, _ctx = open_dialog(qtbot, bo)
    dialog.folder.setText(str(lab.share))
    dialog.folder.editingFinished.emit()
    assert dialog.team_button.text() == "&Tilslut team"
    assert dialog.repeat.isHidden()
    qtbot.keyClicks(dialog.passphrase, "Forkert teamkodeord")
    qtbot.mouseClick(dialog.team_button, Qt.MouseButton.LeftButton)
    assert "Teamets adgangskode er forkert" in dialog.passphrase_error.text()
    assert not dialog.passphrase_error.isHidden()
    assert dialog.passphrase.text() == "Forkert teamkodeord"
    assert not load_settings(bo.profile.folder).is_set_up
    assert not dialog.sync_button.isEnabled()
    bo.close()


def test_unreachable_folder_is_explained_under_the_folder(qtbot: QtBot, lab: LaptopLab) -> None:
    bo = lab.new_profile("bo")
    dialog, _ctx = open_dialog(qtbot, bo)
    dialog.folder.setText(str(lab.root / "S-drev-findes-ikke"))
    dialog.folder.editingFinished.emit()
    assert "kan ikke nås" in dialog.folder_error.text()
    assert not dialog.team_button.isEnabled()
    bo.close()


def test_a_joined_laptop_receives_the_teams_cases(qtbot: QtBot, lab: LaptopLab) -> None:
    anne = lab.laptop("anne")
    with anne.session() as s:
        s.add(Person(first_name="Anna"))
    lab.sync(anne)
    bo = lab.new_profile("bo")
    dialog, _ctx = open_dialog(qtbot, bo)
    dialog.folder.setText(str(lab.share))
    dialog.folder.editingFinished.emit()
    qtbot.keyClicks(dialog.passphrase, TEAM_PASSPHRASE)
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    assert dialog.sync_button.isEnabled()
    assert not dialog.is_running()
    summary = run_sync(qtbot, dialog)
    assert summary.received_rows == 1
    with bo.session() as s:
        assert s.scalars(select(Person.first_name)).all() == ["Anna"]
    assert dialog.progress.value() == dialog.progress.maximum()
    bo.close()


def test_cancel_stops_between_files_and_the_next_run_finishes(qtbot: QtBot, lab: LaptopLab) -> None:
    anne, bo = lab.laptop("anne"), lab.laptop("bo")
    for i in range(6):
        with anne.session() as s:
            s.add(Person(first_name=f"Person {i}"))
        lab.sync(anne)
    remember_team_key(lab, bo)
    dialog, ctx = open_dialog(qtbot, bo)
    seen: list[tuple[int, int]] = []
    calls: list[BackgroundCall] = []

    def on_progress(done: int, total: int, _text: str) -> None:  # on the sync's thread
        seen.append((done, total))
        if done == 2 and len(calls) == 1:
            calls[0].cancel()  # what "Annullér" does, at an exact moment

    dialog.sync_started.connect(calls.append)
    dialog.progressed.connect(on_progress, Qt.ConnectionType.DirectConnection)
    with qtbot.waitSignal(ctx.bus.changed, timeout=30_000) as changed:
        summary = run_sync(qtbot, dialog)
    assert changed.args[0].everything  # files applied before the cancel stay: every view refreshes
    assert summary.cancelled
    assert summary.received_files == 2
    assert "afbrudt" in dialog.summary.toPlainText()
    assert (2, 6) in seen
    rest = run_sync(qtbot, dialog)
    assert rest.received_files == 4 and not rest.cancelled
    with bo.session() as s:
        assert len(s.scalars(select(Person.id)).all()) == 6


def test_cancel_button_sets_the_flag_and_closing_waits(qtbot: QtBot, lab: LaptopLab) -> None:
    anne = lab.laptop("anne")
    remember_team_key(lab, anne)
    dialog, _ctx = open_dialog(qtbot, anne)
    assert dialog.passphrase.isHidden()
    started: list[BackgroundCall] = []
    dialog.sync_started.connect(started.append)
    with qtbot.waitSignal(dialog.sync_finished, timeout=30_000):
        dialog.start_sync()
        assert dialog.cancel_button.isEnabled()
        assert not dialog.close_button.isEnabled()
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
        assert started[0].progress.cancelled
        dialog.reject()  # closing while it runs only asks it to stop
        assert dialog.isVisible() and dialog.is_running()
    assert not dialog.is_running()
    assert dialog.close_button.isEnabled()
    assert started[0].dialog is None  # the runner makes no progress dialog of its own here


def test_without_a_remembered_key_the_passphrase_is_asked_for_and_used(qtbot: QtBot, lab: LaptopLab) -> None:
    anne = lab.laptop("anne")
    dialog, _ctx = open_dialog(qtbot, anne)
    assert not dialog.passphrase.isHidden()
    assert dialog.team_button.isHidden()
    qtbot.mouseClick(dialog.sync_button, Qt.MouseButton.LeftButton)
    assert "Skriv teamets adgangskode" in dialog.passphrase_error.text()
    qtbot.keyClicks(dialog.passphrase, TEAM_PASSPHRASE)
    summary = run_sync(qtbot, dialog)
    assert not summary.cancelled
    assert dialog.passphrase.text() == ""


def test_a_sync_cancelled_at_once_changes_nothing(qtbot: QtBot, lab: LaptopLab) -> None:
    anne, bo = lab.laptop("anne"), lab.laptop("bo")
    with anne.session() as s:
        s.add(Person(first_name="Anna"))
    lab.sync(anne)
    with bo.session() as s:
        s.add(Person(first_name="Bo"))
    remember_team_key(lab, bo)
    dialog, _ctx = open_dialog(qtbot, bo)
    calls: list[BackgroundCall] = []
    dialog.sync_started.connect(calls.append)

    def press_cancel_at_the_first_report(_done: int, _total: int, _text: str) -> None:
        while not calls:  # the sync's thread can report before start_sync has announced the call
            time.sleep(0.001)
        calls[0].cancel()  # "Annullér" before the first file

    dialog.progressed.connect(press_cancel_at_the_first_report, Qt.ConnectionType.DirectConnection)
    with qtbot.waitSignal(dialog.sync_finished, timeout=30_000) as finished:
        dialog.start_sync()
    summary = finished.args[0]
    assert summary.cancelled and summary.sent_rows == summary.received_rows == 0
    assert "afbrudt" in dialog.summary.toPlainText()
    assert not dialog.is_running()
    with bo.session() as s:
        assert s.scalars(select(Person.first_name)).all() == ["Bo"]  # Anna's row was not applied
    assert not list((lab.share).rglob(f"{bo.device_id}/*.bdsync"))  # and Bo's was not sent
    assert load_settings(bo.profile.folder).last_sync_at is None


def held_deletion_lab(lab: LaptopLab) -> tuple[Store, list[str]]:
    """Anne deletes four cases Bo also has; Bo's next sync holds her file."""
    anne, bo = lab.laptop("anne"), lab.laptop("bo")
    ids = [
        create_case(
            anne,
            NewCase(
                first_name=f"Lejer{n}",
                last_name="Opdigtet",
                address_line=f"Prøvevej {n}",
                rent=Money.kr(5000),
            ),
            today=dt.date(2026, 11, 24),
        )
        for n in range(4)
    ]
    lab.sync(anne)
    lab.sync(bo)
    with anne.session() as s:
        for case_id in ids:
            case = s.get(Case, case_id)
            assert case is not None
            case.deleted = True
    lab.sync(anne)
    remember_team_key(lab, bo)
    return bo, ids


def live_case_count(store: Store) -> int:

    with store.session() as s:
        return len(s.scalars(select(Case.id).where(Case.deleted.is_(False))).all())


@pytest.mark.parametrize("answer", ["Yes", "No"])
def test_held_deletions_are_asked_about_and_yes_applies_them(
    qtbot: QtBot, lab: LaptopLab, monkeypatch: pytest.MonkeyPatch, answer: str
) -> None:
    bo, _ids = held_deletion_lab(lab)
    asked: list[str] = []

    def question(_parent: object, _title: str, text: str, *_a: object) -> QMessageBox.StandardButton:
        asked.append(text)
        return getattr(QMessageBox.StandardButton, answer)

    monkeypatch.setattr(QMessageBox, "question", question)
    dialog, _ctx = open_dialog(qtbot, bo)
    runs: list[SyncSummary | None] = []
    dialog.sync_finished.connect(runs.append)
    first = run_sync(qtbot, dialog)
    assert first.held_deletions and live_case_count(bo) == 4
    qtbot.waitUntil(lambda: bool(asked), timeout=10_000)
    [text] = asked
    assert "vil slette 4 sager" in text
    assert "Nej: filen holdes tilbage og bruges ikke" in text and "Gendan fra sikkerhedskopi" in text
    if answer == "Yes":
        qtbot.waitUntil(lambda: len(runs) == 2 and not dialog.is_running(), timeout=30_000)
        second = runs[1]
        assert second is not None and second.held_deletions == [] and second.ok
        assert live_case_count(bo) == 0
        assert len(asked) == 1
    else:
        assert len(runs) == 1 and not dialog.is_running()
        assert live_case_count(bo) == 4
        shown = dialog.summary.toPlainText()
        assert "vil slette 4 sager" in shown
        assert "Sletningen er ikke bekræftet" in shown and "holdt tilbage" in shown
