"""Qt's own texts in Danish: the standard buttons, file and print dialogs, context menus.

PySide6 ships ``qtbase_da.qm`` but Qt only uses it when a :class:`QTranslator` is installed, so without
this the message boxes say "Cancel" and a text field's context menu says "Copy".
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

DANISH = QLocale(QLocale.Language.Danish, QLocale.Country.Denmark)


def install_danish_qt(app: QCoreApplication) -> bool:
    """Make Danish the default locale and install Qt's Danish translation on ``app`` (once).

    Returns whether the translation is installed (False if the .qm file is missing: Qt stays English).
    """
    QLocale.setDefault(DANISH)
    existing = app.findChild(QTranslator, "boligdesk-qtbase-da")
    if existing is not None:
        return True
    translator = QTranslator(app)  # parented to the app: lives exactly as long as it
    translator.setObjectName("boligdesk-qtbase-da")
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(DANISH, "qtbase", "_", folder):
        translator.deleteLater()
        return False
    return app.installTranslator(translator)
