"""The Konflikter dialog: both values side by side, and the adviser's choice saved at once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from boligdesk.budget.money import Money
from boligdesk.models import Case
from boligdesk.models.store import Store
from boligdesk.services.cases import NewCase
from boligdesk.services.desk import Desk
from boligdesk.sync.simulation import LaptopLab, Template, make_template
from boligdesk.ui.context import AppContext
from boligdesk.ui.sync.conflicts_dialog import ConflictsDialog
from boligdesk.ui.sync.conflicts_table_model import COLUMNS, ConflictsTableModel
from tests.cases import create_case


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Template:
    return make_template(tmp_path_factory.mktemp("skabelon") / "profil")


@pytest.fixture
def lab(tmp_path: Path, template: Template) -> Iterator[LaptopLab]:
    lab = LaptopLab(tmp_path, template)
    yield lab
    lab.close()


def edit_case(store: Store, case_id: str, **values: object) -> None:
    with store.session() as s:
        case = s.get(Case, case_id)
        assert case is not None
        for name, value in values.items():
            setattr(case, name, value)


@pytest.fixture
def anne_with_two_conflicts(lab: LaptopLab) -> tuple[Store, str]:
    anne, bo = lab.laptop("anne"), lab.laptop("bo")
    case_id = create_case(
        anne,
        NewCase(first_name="Anna", last_name="Hansen", address_line="Lærkevej 4"),
        today=dt.date(2026, 11, 24),
    )
    lab.sync_all(rounds=1)
    edit_case(anne, case_id, eviction_on=dt.date(2026, 12, 15), arrears=Money.kr(9850))
    edit_case(bo, case_id, eviction_on=dt.date(2026, 12, 16), arrears=Money.kr(11200))
    lab.sync_all(rounds=2)
    return anne, case_id


def open_dialog(qtbot: QtBot, store: Store) -> tuple[ConflictsDialog, AppContext]:
    desk = Desk(store)
    desk.advisers.adopt_current()
    ctx = AppContext(desk)
    dialog = ConflictsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog, ctx


def row_texts(dialog: ConflictsDialog) -> list[list[str]]:
    proxy = dialog.proxy
    return [[proxy.index(r, c).data() for c in range(len(COLUMNS))] for r in range(proxy.rowCount())]


def test_table_model_behaves_for_qt(
    qtmodeltester: ModelTester, anne_with_two_conflicts: tuple[Store, str]
) -> None:
    anne, _case_id = anne_with_two_conflicts
    model = ConflictsTableModel(Desk(anne).conflicts.open_items())
    qtmodeltester.check(model)
    model.set_rows([])
    qtmodeltester.check(model)


def test_both_values_are_shown_side_by_side(qtbot: QtBot, anne_with_two_conflicts: tuple[Store, str]) -> None:
    anne, _case_id = anne_with_two_conflicts
    dialog, _ctx = open_dialog(qtbot, anne)
    rows = {row[1]: row for row in row_texts(dialog)}
    assert rows["Udsættelse"][:4] == ["Sag 2026-0001", "Udsættelse", "16.12.2026", "15.12.2026"]
    assert rows["Restance"][2:4] == ["11.200,00 kr.", "9.850,00 kr."]
    assert dialog.keep_button.isEnabled() and dialog.other_button.isEnabled()
    selected = dialog.selected()
    assert selected is not None
    assert dialog.current_detail.toPlainText() == selected.current_text
    assert dialog.other_detail.toPlainText() == selected.other_text


def test_use_the_other_value_saves_it_and_removes_the_line(
    qtbot: QtBot, anne_with_two_conflicts: tuple[Store, str]
) -> None:
    anne, case_id = anne_with_two_conflicts
    dialog, ctx = open_dialog(qtbot, anne)
    row = next(r for r in range(dialog.proxy.rowCount()) if dialog.proxy.index(r, 1).data() == "Udsættelse")
    dialog.table.selectRow(row)
    with qtbot.waitSignal(ctx.bus.changed) as changed:
        qtbot.mouseClick(dialog.other_button, Qt.MouseButton.LeftButton)
    assert changed.args[0].everything  # a choice can change any row: every view refreshes
    with anne.session() as s:
        case = s.get(Case, case_id)
        assert case is not None and case.eviction_on == dt.date(2026, 12, 15)
    assert [r[1] for r in row_texts(dialog)] == ["Restance"]


def test_keep_current_leaves_the_value_and_empties_the_list(
    qtbot: QtBot, anne_with_two_conflicts: tuple[Store, str]
) -> None:
    anne, case_id = anne_with_two_conflicts
    dialog, _ctx = open_dialog(qtbot, anne)
    for _ in range(2):
        qtbot.mouseClick(dialog.keep_button, Qt.MouseButton.LeftButton)
    assert dialog.model.rowCount() == 0
    assert not dialog.empty.isHidden()
    assert dialog.table.isHidden()
    with anne.session() as s:
        case = s.get(Case, case_id)
        assert case is not None
        assert (case.eviction_on, case.arrears) == (dt.date(2026, 12, 16), Money.kr(11200))


def test_no_conflicts_says_so(qtbot: QtBot, lab: LaptopLab) -> None:
    anne = lab.laptop("anne")
    dialog, _ctx = open_dialog(qtbot, anne)
    assert not dialog.empty.isHidden()
    assert not dialog.keep_button.isEnabled()
    assert not dialog.other_button.isEnabled()
