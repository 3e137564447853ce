"""Qt's own texts (standard buttons, context menus) are Danish in the app and in the tests."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit, QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from boligdesk.ui.qt_danish import install_danish_qt


def test_installing_twice_keeps_one_translator(qapp: QApplication) -> None:
    assert install_danish_qt(qapp)
    assert install_danish_qt(qapp)
    from PySide6.QtCore import QTranslator

    assert len(qapp.findChildren(QTranslator, "boligdesk-qtbase-da")) == 1


def test_message_box_standard_buttons_are_danish(qtbot: QtBot) -> None:
    box = QMessageBox(QMessageBox.Icon.Question, "BoligDesk", "Gem?")
    box.setStandardButtons(
        QMessageBox.StandardButton.Cancel | QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Yes
    )
    qtbot.addWidget(box)
    assert box.button(QMessageBox.StandardButton.Cancel).text() == "Annuller"
    assert box.button(QMessageBox.StandardButton.Save).text() == "Gem"
    assert box.button(QMessageBox.StandardButton.Yes).text().replace("&", "") == "Ja"


def test_dialog_button_box_is_danish(qtbot: QtBot) -> None:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(buttons)
    texts = {b.text().replace("&", "") for b in buttons.buttons()}
    assert texts == {"Luk", "Annuller"}


def test_line_edit_context_menu_is_danish(qtbot: QtBot) -> None:
    field = QLineEdit("tekst")
    qtbot.addWidget(field)
    field.show()
    seen: list[str] = []

    def read_menu() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        seen.extend(a.text().split("\t")[0].replace("&", "") for a in menu.actions() if a.text())
        menu.close()

    QTimer.singleShot(50, read_menu)
    menu = field.createStandardContextMenu()
    menu.exec(field.mapToGlobal(QPoint(2, 2)))
    menu.deleteLater()
    assert "Kopiér" in seen or "Kopier" in seen
    assert "Sæt ind" in seen
    assert not {"Copy", "Paste", "Undo", "Select All"} & set(seen)
