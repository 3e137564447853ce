"""Hjælp → Vejledning: chapters, search, F1 context help, "?" buttons, images and the shortcut list."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from boligdesk.models.store import Store
from boligdesk.services.desk import Desk
from boligdesk.ui.context import AppContext
from boligdesk.ui.guide import content, guide_window
from boligdesk.ui.main_window import MainWindow

REPO = Path(__file__).resolve().parents[3]
GUIDE = REPO / "resources" / "guide"


@pytest.fixture
def window(qapp: QApplication, qtbot: QtBot, store: Store) -> MainWindow:
    win = MainWindow(AppContext(Desk(store, adviser_name="Hanne Holm")))
    qtbot.addWidget(win)
    return win


@pytest.fixture(autouse=True)
def _fresh_guide() -> None:
    if guide_window._window is not None:
        guide_window._window.deleteLater()
    guide_window._window = None


def _all_html() -> dict[str, str]:
    return {c.file: (GUIDE / c.file).read_text(encoding="utf-8") for c in content.chapters()}


def test_every_listed_chapter_exists_and_the_work_is_covered() -> None:
    titles = [c.title for c in content.chapters()]
    assert len(titles) >= 10
    text = " ".join(content.plain_text(h) for h in _all_html().values()).casefold()
    for topic in (
        "adgangskode",
        "påkrav",
        "need to have",
        "kuvert",
        "afdragsordning",
        "månedens bunke",
        "konflikter",
        "mistet computer",
        "statistik",
        "automatisk lås",
        "sletning",
        "indsigt",
    ):
        assert topic in text, topic


def test_every_internal_link_and_anchor_resolves() -> None:
    pages = _all_html()
    targets = [*content.CONTEXT_HELP.values(), *content.FIELD_HELP.values()]
    for markup in pages.values():
        targets += [t for t in re.findall(r'href="([^"]+)"', markup) if not t.startswith("http")]
    for target in targets:
        file, _, anchor = target.partition("#")
        assert file in pages, target
        if anchor:
            assert f'id="{anchor}"' in pages[file], target


def test_every_image_the_guide_names_exists_and_comes_from_the_screenshot_script() -> None:
    script = (REPO / "scripts" / "screenshots.py").read_text(encoding="utf-8")
    names = {n for markup in _all_html().values() for n in re.findall(r'<img src="img/([^"]+)"', markup)}
    assert names, "the guide shows the screens"
    for name in names:
        assert (GUIDE / "img" / name).is_file(), f"the guide names a missing image: {name}"
        stem = name.removesuffix(".png")
        produced = f'"{name}"' in script or any(
            re.fullmatch(pattern, stem) for pattern in (r"main_\w+", r"case_\d+_\w+", r"dialog_[A-Z]\w+")
        )
        assert produced, f"scripts/screenshots.py does not make {name}"
    on_disk = {p.name for p in (GUIDE / "img").glob("*.png")}
    assert on_disk == names, "images no chapter uses should not be shipped"


def test_guide_window_lists_chapters_and_search_narrows_them(qapp: QApplication, qtbot: QtBot) -> None:
    guide = guide_window.open_guide()
    qtbot.addWidget(guide)
    assert guide.chapter_list.count() == len(content.chapters())
    assert "adgangskode" in guide.browser.toPlainText()
    guide.search.setText("restdage")
    titles = [guide.chapter_list.item(i).text() for i in range(guide.chapter_list.count())]
    assert titles == ["Kuvertsystemet"]
    assert "fire ugekuverter" in guide.browser.toPlainText()
    guide.search.setText("xyzzyfindesikke")
    assert guide.chapter_list.count() == 0 and not guide.no_hits.isHidden()
    guide.search.clear()
    guide.chapter_list.setCurrentRow(4)
    assert guide.current_file == content.chapters()[4].file


def test_images_load_in_the_browser(qapp: QApplication, qtbot: QtBot) -> None:
    guide = guide_window.open_guide("01_start.html")
    qtbot.addWidget(guide)
    image = guide.browser.document().resource(3, "img/dialog_first_run.png")  # 3 = ImageResource
    assert image is not None and not image.isNull()


def test_screenshots_are_scaled_smoothly_and_shown_full_size_when_clicked(
    qapp: QApplication, qtbot: QtBot
) -> None:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QImage, QTextDocument

    guide = guide_window.open_guide("02_sagen.html")
    qtbot.addWidget(guide)
    native = QImage(str(GUIDE / "img" / "main_sager.png"))
    assert native.width() > 640, "the file is kept at the screen's own resolution"
    shown = guide.browser.loadResource(
        QTextDocument.ResourceType.ImageResource.value, QUrl("img/main_sager.png")
    )
    assert round(shown.width() / shown.devicePixelRatio()) == 640, "the chapter's width, scaled once"
    assert '<a href="img/main_sager.png"><img' in content.chapter_html("02_sagen.html")
    guide.browser.anchorClicked.emit(QUrl("img/main_sager.png"))
    viewer = guide.image_viewer
    assert viewer is not None and viewer.isVisible()
    assert viewer.image.pixmap().width() == native.width(), "a click shows it at full size"
    assert guide.current_file == "02_sagen.html", "the chapter stays where it was"


def test_shortcuts_come_from_the_menus(window: MainWindow) -> None:
    rows = dict(content.shortcut_rows(window))
    native = QKeySequence.SequenceFormat.NativeText
    assert rows["Filer → Lås nu"] == QKeySequence("Ctrl+L").toString(native)
    # Ctrl+Q on every platform, also offscreen where the printed guide is made (StandardKey.Quit is empty)
    assert rows["Filer → Afslut"] == QKeySequence("Ctrl+Q").toString(native)
    assert rows["Hjælp → Vejledning"] == QKeySequence(QKeySequence.StandardKey.HelpContents).toString(native)
    # Every action with a shortcut in any menu is in the list: it cannot drift.
    with_keys = [
        a
        for m in window.menuBar().actions()
        if m.menu()
        for a in m.menu().actions()
        if not a.shortcut().isEmpty()
    ]
    assert len([r for r in rows if "→" in r]) == len(with_keys)
    # A new action added to a menu shows up without touching the guide.
    extra = QAction("&Prøve", window)
    extra.setShortcut(QKeySequence("Ctrl+Shift+Y"))
    window.menuBar().actions()[0].menu().addAction(extra)
    html = content.chapter_html("11_genveje.html", window)
    assert "Filer → Prøve" in html and QKeySequence("Ctrl+Shift+Y").toString(native) in html


def test_f1_opens_the_chapter_of_the_tab_in_front(window: MainWindow, qtbot: QtBot) -> None:
    window.show()
    assert window.tabs is not None
    window.tabs.setCurrentIndex(3)  # Afdragsordning
    window.tab("RepaymentTab")
    help_action = next(a for a in window.findChildren(QAction) if a.text() == "&Vejledning")
    help_action.trigger()
    guide = guide_window._window
    assert guide is not None and guide.isVisible()
    assert guide.current_file == "05_afdrag.html"
    window.tabs.setCurrentIndex(1)
    window.tab("FristerTab")
    help_action.trigger()
    assert guide.current_file == "02_sagen.html"


def test_help_button_opens_the_worked_example(qapp: QApplication, qtbot: QtBot) -> None:
    button = guide_window.help_button("envelope_split")
    qtbot.addWidget(button)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    guide = guide_window._window
    assert guide is not None and guide.current_file == "04_kuverter.html"
    assert "Eksempel" in guide.browser.toPlainText()


def test_the_guide_opens_again_after_the_dialog_it_was_shown_over_is_deleted(
    qapp: QApplication, qtbot: QtBot
) -> None:
    """F1 in a modal dialog makes the guide that dialog's child; dialogs are deleted after use, and the
    guide went with it. The next F1 then raised a RuntimeError (a traceback in front of the user)."""
    import shiboken6
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QDialog

    dialog = QDialog()
    opened: list[guide_window.GuideWindow] = []

    def f1_in_the_dialog() -> None:
        opened.append(guide_window.open_guide("04_kuverter.html"))
        dialog.reject()

    QTimer.singleShot(0, f1_in_the_dialog)
    dialog.exec()
    assert opened and opened[0].parentWidget() is dialog
    shiboken6.delete(dialog)  # as run_modal's deleteLater does, and the guide goes with it
    assert not shiboken6.isValid(opened[0])

    again = guide_window.open_guide("01_start.html")
    qtbot.addWidget(again)
    assert shiboken6.isValid(again) and again.isVisible()
    assert again.current_file == "01_start.html"
