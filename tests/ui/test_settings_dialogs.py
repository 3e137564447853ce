"""Settings dialogs: estates with their policy, and changing the passphrase."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QInputDialog
from pytestqt.qtbot import QtBot

from boligdesk.errors import WrongPassphraseError
from boligdesk.models.remember import recall_key, remember_key
from boligdesk.models.store import Profile, Store, open_store
from boligdesk.services.changes import Changes, Part
from boligdesk.services.desk import Desk
from boligdesk.ui.cases.estates_dialog import EstatesDialog
from boligdesk.ui.context import AppContext
from boligdesk.ui.profile.passphrase_dialog import ChangePassphraseDialog
from tests.conftest import TEST_PASSPHRASE


@pytest.fixture
def ctx(qapp: QApplication, store: Store) -> AppContext:
    return AppContext(Desk(store, adviser_name="Hanne Holm"))


def test_new_estate_with_a_six_month_maximum(qtbot: QtBot, ctx: AppContext, store: Store) -> None:
    ctx.desk.estates.add_association("Boligselskabet Prøve")
    dialog = EstatesDialog(ctx)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.number, "103")
    qtbot.keyClicks(dialog.name, "Granhøj")
    dialog.max_months.setValue(6)
    heard: list[Changes] = []
    ctx.bus.changed.connect(heard.append)
    dialog.save.click()
    assert dialog.error.text() == ""
    assert heard == [Changes.of(None, Part.ESTATES)]
    [row] = ctx.desk.estates.rows()
    assert (row.number, row.name, row.max_plan_months, row.phone_plan_max_months) == ("103", "Granhøj", 6, 3)
    # A bold heading per association, then its estates.
    assert [dialog.list.item(i).text().strip() for i in range(dialog.list.count())] == [
        "Boligselskabet Prøve",
        "103 Granhøj · højst 6 mdr.",
    ]


def test_estate_without_a_name_is_explained_and_nothing_saved(
    qtbot: QtBot, ctx: AppContext, store: Store
) -> None:
    ctx.desk.estates.add_association("Boligselskabet Prøve")
    dialog = EstatesDialog(ctx)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.number, "104")
    heard: list[Changes] = []
    ctx.bus.changed.connect(heard.append)
    dialog.save.click()
    assert dialog.error.text() == "Skriv afdelingens navn."
    assert dialog.number.text() == "104"
    assert ctx.desk.estates.rows() == []
    assert heard == []


def test_merge_estates_moves_the_selected_duplicate_into_the_current_one(
    qtbot: QtBot, ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    estates = ctx.desk.estates
    ids = []
    for _copy in range(2):  # two profiles set up separately, then synced
        association = estates.add_association("Boligselskabet Fjordglimt").id
        ids.append(
            estates.save_estate(
                estate_id=None,
                association_id=association,
                number="12",
                name="Engparken",
                max_plan_months=12,
                phone_plan_max_months=3,
            ).id
        )
    other = estates.save_estate(
        estate_id=None,
        association_id=association,
        number="14",
        name="Kærhaven",
        max_plan_months=12,
        phone_plan_max_months=3,
    ).id
    dialog = EstatesDialog(ctx)
    qtbot.addWidget(dialog)
    assert not dialog.duplicates_note.isHidden()
    assert "Boligselskabet Fjordglimt · 12 Engparken" in dialog.duplicates_note.text()
    dialog.reload(ids[0])
    candidates = dialog.merge_candidates()
    assert candidates[0].id == ids[1]  # the look-alike first
    assert {r.id for r in candidates} == {ids[1], other}
    offered: list[list[str]] = []

    def get_item(
        _parent: object, _title: str, _label: str, items: list[str], *_a: object
    ) -> tuple[str, bool]:
        offered.append(items)
        return items[0], True

    monkeypatch.setattr(QInputDialog, "getItem", get_item)
    heard: list[Changes] = []
    ctx.bus.changed.connect(heard.append)
    dialog.merge.click()
    assert offered[0][0] == "Boligselskabet Fjordglimt · 12 Engparken"
    assert len(heard) == 1 and heard[0].touches(None, Part.ESTATES)
    assert {r.id for r in estates.rows()} == {ids[0], other}
    assert dialog.duplicates_note.isHidden()


def test_changing_the_passphrase_from_the_dialog(
    qtbot: QtBot, ctx: AppContext, store: Store, profile: Profile
) -> None:
    assert remember_key(profile.folder, b"\x01" * 32)[0]
    dialog = ChangePassphraseDialog(ctx)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.old, "forkert kodeord")
    qtbot.keyClicks(dialog.new, "Et nyt og bedre kodeord")
    qtbot.keyClicks(dialog.repeat, "Et nyt og bedre kodeord")
    dialog._change()
    assert dialog.error.text().startswith("Adgangskoden er forkert.")
    dialog.old.setText(TEST_PASSPHRASE)
    dialog._change()
    assert dialog.result() == ChangePassphraseDialog.DialogCode.Accepted
    assert recall_key(profile.folder) is None
    store.close()
    with pytest.raises(WrongPassphraseError):
        open_store(profile, passphrase=TEST_PASSPHRASE)
    open_store(profile, passphrase="Et nyt og bedre kodeord").close()
