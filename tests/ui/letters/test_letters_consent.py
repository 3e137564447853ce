"""The letters tab refuses a letter to someone other than the tenant without consent, saying what is missing."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from boligdesk.models import GeneratedLetter
from boligdesk.models.store import Store
from boligdesk.services.desk import Desk
from boligdesk.ui.context import AppContext
from boligdesk.ui.letters.letters_tab import LettersTab
from boligdesk.ui.shared import printing
from tests.db.letters_samples import ADVISER, TODAY, add_case

TO_LANDLORD = """titel = Orientering til udlejer
deles_med = udlejer

[modtager]
{udlejer}

[tekst]
Vi hjælper {lejer_navn} med restancen på {restance}.
"""


@pytest.fixture
def ctx(qapp: QApplication, store: Store) -> AppContext:
    return AppContext(Desk(store, adviser_name=ADVISER, today=lambda: TODAY))


def recorded(store: Store) -> int:
    with store.session() as s:
        return s.scalar(select(func.count()).select_from(GeneratedLetter)) or 0


def test_saving_without_consent_says_what_is_missing_and_writes_nothing(
    monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, tmp_path: Path, ctx: AppContext, store: Store
) -> None:
    folder = ctx.desk.letters.template_folder()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "orientering-udlejer.txt").write_text(TO_LANDLORD, encoding="utf-8")
    case_id = add_case(store)
    target = tmp_path / "brev.pdf"
    monkeypatch.setattr(printing.QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    tab = LettersTab(ctx)
    qtbot.addWidget(tab)
    ctx.bus.caseSelected.emit(case_id)
    tab.reload_templates()
    tab.select_template("orientering-udlejer")
    tab.save_letter()
    assert not target.exists() and recorded(store) == 0
    assert "Udlejer (boligorganisationen)" in tab.error.text()
    assert "Samtykke" in tab.error.text()
    ctx.desk.consent.add(case_id, share_with="landlord", given_on=TODAY, how="written")
    tab.refresh_preview()
    tab.save_letter()
    assert target.exists() and recorded(store) == 1
