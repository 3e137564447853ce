"""Drives the real app from inside its process, then waits to be closed from outside.

``python tests/e2e/x11_app_driver.py DATA_DIR`` (passphrase in ``BOLIGDESK_PASSPHRASE``) opens the demo
profile in ``DATA_DIR`` the way ``boligdesk`` does (``app.start_qt`` / ``app.run_main_window``), then a
QTimer-driven script visits every tab, every menu dialog and every kind of editor — combo-box popups in
the budget table's delegate included — and prints ``READY <window id>``. The test
(``test_x11_close.py``) then closes the window the way a window manager does, with a ``WM_DELETE_WINDOW``
client message, and checks the exit code and stderr. Not a test module itself (no ``test_`` prefix).
"""

from __future__ import annotations

import faulthandler
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTableView,
    QWidget,
)

from boligdesk.app import open_desk, run_main_window, start_qt
from boligdesk.models.store import Profile, open_store
from boligdesk.ui.main_window import MainWindow

STEP_MS = 30
#: Menu actions of the main window that open a modal dialog (closed again with Esc).
MENU_DIALOGS = (
    "import_terminations",
    "open_sync",
    "open_conflicts",
    "open_estates",
    "open_letterhead",
    "change_passphrase",
    "about",
)
EDITOR_KINDS: tuple[type[QWidget], ...] = (QComboBox, QLineEdit, QPlainTextEdit, QAbstractSpinBox, QCheckBox)

Script = Iterator[int]


def log(text: str) -> None:
    print(f"driver: {text}", file=sys.stderr, flush=True)


def run_script(script: Script, done: Callable[[], None]) -> None:
    """Advance ``script`` one step per timer shot; each step yields how many ms to wait."""

    def step() -> None:
        try:
            delay = next(script)
        except StopIteration:
            done()
            return
        QTimer.singleShot(delay, step)

    QTimer.singleShot(0, step)


def press_escape_on_modal(before: QWidget | None, tries: int = 200) -> None:
    """Press Esc on the next modal dialog that is not ``before`` (polls until it is up)."""
    modal = QApplication.activeModalWidget()
    if modal is not None and modal is not before:
        QTest.keyClick(modal, Qt.Key.Key_Escape)
        return
    if tries > 0:
        QTimer.singleShot(STEP_MS, lambda: press_escape_on_modal(before, tries - 1))


def open_modal_and_escape(open_it: Callable[[], object]) -> Script:
    press_escape_on_modal(QApplication.activeModalWidget())
    open_it()  # returns when the dialog is closed
    yield STEP_MS


def popup_and_escape(widget: QWidget) -> Script:
    """Alt+↓ on a combo box (its list pops up), then Esc closes the list."""
    widget.setFocus()
    QTest.keyClick(widget, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    yield 80
    popup = QApplication.activePopupWidget()
    QTest.keyClick(popup or widget, Qt.Key.Key_Escape)
    yield STEP_MS


def context_menu_and_escape(widget: QWidget) -> Script:
    """The right-click menu of a text field, then Esc."""
    widget.setFocus()
    QTimer.singleShot(
        80, lambda: QTest.keyClick(QApplication.activePopupWidget() or widget, Qt.Key.Key_Escape)
    )
    target = widget.viewport() if isinstance(widget, QPlainTextEdit) else widget
    QTest.mouseClick(target, Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier, QPoint(5, 5))
    yield 120


def visit_editors(root: QWidget) -> Script:
    """Focus the first visible editor of each kind under ``root``; pop up combos and context menus."""
    for kind in EDITOR_KINDS:
        found = [w for w in root.findChildren(kind) if w.isVisibleTo(root) and w.isEnabled()]
        if not found:
            continue
        widget = found[0]
        widget.setFocus()
        yield STEP_MS
        if isinstance(widget, QComboBox):
            yield from popup_and_escape(widget)
        elif isinstance(widget, (QLineEdit, QPlainTextEdit)):
            yield from context_menu_and_escape(widget)


def edit_cell(table: QTableView, row: int, column: int, popup: bool) -> Script:
    """F2 on a cell, Alt+↓ on its combo editor when ``popup``, then Esc (and Esc again)."""
    table.setFocus()
    table.setCurrentIndex(table.model().index(row, column))
    yield STEP_MS
    QTest.keyClick(table.viewport(), Qt.Key.Key_F2)
    yield 60
    editor = QApplication.focusWidget()
    if popup and isinstance(editor, QComboBox):
        QTest.keyClick(editor, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
        yield 80
        QTest.keyClick(QApplication.activePopupWidget() or editor, Qt.Key.Key_Escape)
        yield STEP_MS
    QTest.keyClick(QApplication.focusWidget() or table, Qt.Key.Key_Escape)
    yield STEP_MS
    QTest.keyClick(QApplication.focusWidget() or table, Qt.Key.Key_Escape)
    yield STEP_MS


#: For hunting a crash: ``DRIVER_ONLY=letterhead,cells`` runs only those groups of steps (default: all).
ONLY = os.environ.get("DRIVER_ONLY", "")


def on(group: str) -> bool:
    return not ONLY or group in ONLY.split(",")


def script(window: MainWindow) -> Script:
    yield 100
    cases = window.cases_tab
    # Sager: the list's filters and search field, then every case page with its editors.
    if on("list"):
        yield from visit_editors(cases)
    case_ids = [cases.model.row_at(row).id for row in range(cases.model.rowCount())]
    log(f"{len(case_ids)} cases")
    budget_case = ""
    for case_id in case_ids:
        cases.open_case(case_id)
        yield STEP_MS
        if window.tab("BudgetTab").model.rowCount() > 0:  # type: ignore[attr-defined]
            budget_case = case_id
            break
    log(f"budget case: {budget_case or 'none'}")
    view = cases.case_view
    for index in range(view.tabs.count()) if on("pages") else ():
        view.tabs.setCurrentIndex(index)
        yield STEP_MS
        yield from visit_editors(view.tabs.widget(index))
    if on("newcase"):
        yield from open_modal_and_escape(cases.new_case)
    # Frister.
    window.tabs.setCurrentWidget(window.lazy_tabs["FristerTab"])
    yield 60
    window.tabs.setCurrentWidget(window.cases_tab)
    cases.open_case(budget_case or case_ids[0])
    yield STEP_MS
    # Budget: every editor kind of the lines table (combo popups in the delegate included).
    window.tabs.setCurrentWidget(window.lazy_tabs["BudgetTab"])
    yield 60
    budget = window.tab("BudgetTab")
    from boligdesk.ui.budget.budget_lines_table_model import AMOUNT, CATEGORY, FREQUENCY, NOTE, TEXT

    if on("cells") and budget.model.rowCount() > 0:  # type: ignore[attr-defined]
        for column, popup in (
            (FREQUENCY, True),
            (CATEGORY, True),
            (AMOUNT, False),
            (TEXT, False),
            (NOTE, False),
        ):
            yield from edit_cell(budget.table, 0, column, popup)  # type: ignore[attr-defined]
    if on("budget"):
        yield from visit_editors(budget)
    for button in ("receipts_button", "envelopes_button") if on("budgetdialogs") else ():
        widget = getattr(budget, button)
        if widget.isEnabled():
            yield from open_modal_and_escape(widget.click)
    # Afdragsordning.
    window.tabs.setCurrentWidget(window.lazy_tabs["RepaymentTab"])
    yield 60
    if on("repayment"):
        yield from visit_editors(window.tab("RepaymentTab"))
    # Breve: Afdragsaftale, its preview, the letterhead dialog.
    window.tabs.setCurrentWidget(window.lazy_tabs["LettersTab"])
    yield 60
    letters = window.tab("LettersTab")
    if on("letters"):
        letters.select_template("afdragsaftale")  # type: ignore[attr-defined]
        yield 300
    if on("letterhead"):
        yield from open_modal_and_escape(letters.letterhead_button.click)  # type: ignore[attr-defined]
    if on("lettereditors"):
        yield from visit_editors(letters)
    # Every dialog of the menus.
    for name in MENU_DIALOGS if on("menus") else ():
        yield from open_modal_and_escape(getattr(window, name))
    window.tabs.setCurrentWidget(window.cases_tab)
    yield 100


def main() -> int:
    faulthandler.enable()
    os.environ.setdefault("BOLIGDESK_INSECURE_FAST_KDF", "1")
    data_dir = Path(sys.argv[1])
    app = start_qt()
    desk = open_desk(open_store(Profile(data_dir), passphrase=os.environ["BOLIGDESK_PASSPHRASE"]), None)

    def shown(window: MainWindow) -> None:
        def ready() -> None:
            log("script done")
            print(f"READY {int(window.winId())}", flush=True)

        run_script(script(window), ready)

    code = run_main_window(app, desk, shown)
    log(f"exit {code}")
    return code


if __name__ == "__main__":
    sys.exit(main())
