"""What the guide quotes from the screen exists with that exact text.

The chapters mark a menu, tab, button or field name as ``<span class="ui">`` and a message the program
shows as ``<span class="msg">`` (``content.STYLE_SHEET``). A menu path ``Filer → Importér nye lejere`` must
be that menu and that action; any other label must be the text of a widget on one of the screens (the
main window and its tabs, a case open on every section, every dialog the menus open, the envelope plan
and the statistics window); a message must be a string in BoligDesk's source (``…`` stands for what the
message fills in: a file, a date, a number). Mnemonic ``&`` and a closing ``…`` or ``:`` are not part of
the label. A renamed button or message fails here until the guide says the new one.
"""

from __future__ import annotations

import ast
import datetime as dt
import html
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QTableView,
    QTabWidget,
    QWidget,
)

from boligdesk.models.store import Store
from boligdesk.services.demo import populate
from boligdesk.services.demo_showcase import SHOWCASE_PLAN, add_showcase
from boligdesk.services.desk import Desk
from boligdesk.ui.context import AppContext
from boligdesk.ui.guide import content
from boligdesk.ui.main_window import MainWindow

REPO = Path(__file__).resolve().parents[3]
TODAY = dt.date(2026, 12, 1)
#: Menu actions not opened here (they lock, quit, erase or open the guide itself).
NOT_OPENED = {"Lås nu", "Afslut", "Vejledning", "Vis rundvisningen igen", "Slet personoplysninger i sagen"}


def norm(text: str) -> str:
    text = (
        html.unescape(re.sub(r"<[^>]+>", " ", text)).replace("&&", "\0").replace("&", "").replace("\0", "&")
    )
    text = re.sub(r"\s+", " ", text).strip().rstrip(":…").strip()
    return re.sub(r" \(\d+\)$", "", text)  # "Nye sager fra seneste import (3)": the count is not the label


def _widget_texts(root: QWidget) -> Iterator[str]:
    widgets = [root, *root.findChildren(QWidget)]
    for w in widgets:
        if w.windowTitle():
            yield w.windowTitle()
        if isinstance(w, (QAbstractButton, QLabel)):
            yield w.text()
        elif isinstance(w, QGroupBox):
            yield w.title()
        elif isinstance(w, QLineEdit):
            yield w.placeholderText()
        elif isinstance(w, QComboBox):
            yield from (w.itemText(i) for i in range(w.count()))
        elif isinstance(w, QTabWidget):
            yield from (w.tabText(i) for i in range(w.count()))
        elif isinstance(w, QTableView) and w.model() is not None:
            model = w.model()
            yield from (
                str(model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) or "")
                for c in range(w.horizontalHeader().count())
            )
        yield w.toolTip()


def _menu_paths(window: QMainWindow) -> set[str]:
    paths = set()
    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            paths |= {f"{norm(top.text())} → {norm(a.text())}" for a in menu.actions() if a.text()}
    return paths


@pytest.fixture(scope="module")
def screen_texts(qapp: QApplication, tmp_path_factory: pytest.TempPathFactory) -> tuple[set[str], set[str]]:
    """(menu paths, every other label) of the demo's screens, collected once."""
    from boligdesk.models.store import Profile, create_profile
    from tests.conftest import TEST_PASSPHRASE

    store: Store = create_profile(Profile(tmp_path_factory.mktemp("etiketter") / "p"), TEST_PASSPHRASE)
    Desk(store).advisers.set_current("Hanne Holm")
    populate(store, 8, today=TODAY)
    add_showcase(store, today=TODAY)
    texts: set[str] = set()

    def collect(dialog: QWidget) -> bool:
        texts.update(norm(t) for t in _widget_texts(dialog))
        dialog.deleteLater()
        return False

    patched = []
    for module in (
        "boligdesk.ui.main_window",
        "boligdesk.ui.privacy.menu",
        "boligdesk.ui.budget.budget_tab",
        "boligdesk.ui.cases.cases_tab",
    ):
        mod = __import__(module, fromlist=["run_modal"])
        patched.append((mod, mod.run_modal))
        mod.run_modal = collect
    window = MainWindow(AppContext(Desk(store, adviser_name="Hanne Holm", today=lambda: TODAY)))
    try:
        window.resize(1366, 740)
        window.show()
        cases = window.cases_tab
        case_id = next(r.id for r in cases.model.rows() if r.tenant_name == SHOWCASE_PLAN)
        cases.open_case(case_id)
        for cls in window.lazy_tabs:
            window.tab(cls)
        texts.update(norm(t) for t in _widget_texts(window))
        window.tab("BudgetTab").open_envelopes()  # type: ignore[attr-defined]
        for top in window.menuBar().actions():
            menu = top.menu()
            assert isinstance(menu, QMenu)
            for action in menu.actions():
                if action.text() and norm(action.text()) not in NOT_OPENED:
                    action.trigger()
        from boligdesk.ui.statistics.statistics_window import open_statistics

        stats = open_statistics(window)
        texts.update(norm(t) for t in _widget_texts(stats))
        stats.close()
        from boligdesk.ui.letters.letter_batch_dialog import LetterBatchDialog

        batch = LetterBatchDialog(window.unlocked, [case_id], cases.model.all_rows(), window)
        texts.update(norm(t) for t in _widget_texts(batch))
        batch.deleteLater()
        from boligdesk.ui.letters.letter_batch_dialog import LetterBatchResultDialog

        desk = window.unlocked.desk
        made = desk.letter_batch.make(
            [case_id], "bekraeftelse-af-afdragsordning"
        )  # the showcase's plan is agreed
        result = LetterBatchResultDialog(made, "1. december 2026", window)
        texts.update(norm(t) for t in _widget_texts(result))
        result.deleteLater()
        from boligdesk.ui.guide.guide_window import open_guide
        from boligdesk.ui.tour import start_tour

        tour = start_tour(window)
        assert tour is not None
        texts.update(norm(t) for t in _widget_texts(tour))
        tour.finish()
        guide = open_guide("01_start.html", window)
        texts.update(norm(t) for t in _widget_texts(guide))
        guide.close()
        texts.update(norm(a.text()) for a in window.menuBar().actions())
        from boligdesk.ui.profile.unlock_dialogs import FirstRunDialog, UnlockDialog

        for dialog in (
            FirstRunDialog(Profile(store.profile.folder.parent / "ny")),
            UnlockDialog(store.profile),
        ):
            texts.update(norm(t) for t in _widget_texts(dialog))
            dialog.deleteLater()
        paths = _menu_paths(window)
    finally:
        for mod, original in patched:
            mod.run_modal = original
        window.close()
        window.ctx.desk.close() if window.ctx is not None else None
        store.close()
    return paths, {t for t in texts if t}


def _quoted(kind: str) -> list[tuple[str, str]]:
    found = []
    for chapter in content.chapters():
        markup = (content.guide_dir() / chapter.file).read_text(encoding="utf-8")
        found += [(chapter.file, m) for m in re.findall(rf'<span class="{kind}">(.*?)</span>', markup, re.S)]
    return found


def test_the_chapters_mark_what_they_quote() -> None:
    assert len(_quoted("ui")) >= 60, "menu, tab and button names are marked, so they are checked"
    assert len(_quoted("msg")) >= 15


def test_every_quoted_menu_tab_and_button_exists(screen_texts: tuple[set[str], set[str]]) -> None:
    paths, labels = screen_texts
    # A button shows its shortcut in brackets ("Udskriv… (Ctrl+P)"); the guide may leave it out.
    labels |= {re.sub(r"\s*\((Ctrl|Alt|Shift)\+\w+\)$", "", label).rstrip("…") for label in labels}
    wrong = []
    for file, quoted in _quoted("ui"):
        label = norm(quoted)
        ok = label in paths if "→" in label else label in labels
        if not ok:
            wrong.append(f"{file}: {label}")
    assert not wrong, "the guide names what the program does not show:\n" + "\n".join(wrong)


def _source_strings() -> list[str]:
    """Every string literal in boligdesk/ (f-string fields as …), whitespace made single spaces."""
    found = []
    for path in (REPO / "boligdesk").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr):
                parts = [v.value if isinstance(v, ast.Constant) else "…" for v in node.values]
                found.append("".join(str(p) for p in parts))
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.append(node.value)
    return [re.sub(r"\s+", " ", s) for s in found]


def test_every_quoted_message_is_one_the_program_shows() -> None:
    strings = "\n".join(_source_strings())
    wrong = []
    for file, quoted in _quoted("msg"):
        message = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", quoted))).strip()
        pattern = ".{0,200}?".join(re.escape(part.strip()) for part in message.split("…") if part.strip())
        if not re.search(pattern, strings):
            wrong.append(f"{file}: {message}")
    assert not wrong, "the guide quotes messages the program does not have:\n" + "\n".join(wrong)


def test_the_check_catches_a_wrong_label(screen_texts: tuple[set[str], set[str]]) -> None:
    paths, labels = screen_texts
    assert "Filer → Importér nye lejere" in paths and "Filer → Importér gamle lejere" not in paths
    assert "Samtykke og kontakter" in labels and "Forløb og aktiviteter" in labels
    assert "Skriv breve til valgte" in labels and "Skriv alle breve" not in labels
