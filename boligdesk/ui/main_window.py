"""The main window: tabs Sager, Frister, Budget, Afdragsordning, Breve; menus; status bar."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSize
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QTabWidget, QVBoxLayout, QWidget

from boligdesk import __version__
from boligdesk.ui.cases.cases_tab import CasesTab
from boligdesk.ui.context import AppContext
from boligdesk.ui.shared.dialogs import run_modal
from boligdesk.ui.window_size import fit_to_screen

# (tab title, module, class). Each tab is built the first time it is shown (start-up speed).
TABS: tuple[tuple[str, str, str], ...] = (
    ("&Frister", "boligdesk.ui.cases.frister_tab", "FristerTab"),
    ("&Budget", "boligdesk.ui.budget.budget_tab", "BudgetTab"),
    ("&Afdragsordning", "boligdesk.ui.repayment.repayment_tab", "RepaymentTab"),
    ("B&reve", "boligdesk.ui.letters.letters_tab", "LettersTab"),
)


class LazyTab(QWidget):
    """Holds a tab's place and builds the real tab (importing its module) when it is first shown."""

    def __init__(self, factory: Callable[[], QWidget], current_case: Callable[[], str]) -> None:
        super().__init__()
        self._factory = factory
        self._current_case = current_case
        self.widget: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    def ensure(self) -> QWidget:
        if self.widget is None:
            self.widget = self._factory()
            layout = self.layout()
            assert layout is not None
            layout.addWidget(self.widget)
            # Tabs about one case (Budget, Afdragsordning, Breve) start on the selected case; Frister
            # shows all cases and has no set_case.
            set_case = getattr(self.widget, "set_case", None)
            case_id = self._current_case()
            if case_id and set_case is not None:
                set_case(case_id)
        return self.widget

    def showEvent(self, event: QShowEvent) -> None:
        self.ensure()
        super().showEvent(event)


def _factory(ctx: AppContext, module: str, cls: str) -> Callable[[], QWidget]:
    def build() -> QWidget:
        widget: QWidget = getattr(importlib.import_module(module), cls)(ctx)
        return widget

    return build


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("BoligDesk")
        fit_to_screen(self, preferred=QSize(1340, 720), minimum=QSize(1024, 600))

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.cases_tab = CasesTab(ctx)
        self.tabs.addTab(self.cases_tab, "&Sager")
        self.current_case_id = ""
        self.lazy_tabs: dict[str, LazyTab] = {}
        for title, module, cls in TABS:
            holder = LazyTab(_factory(ctx, module, cls), lambda: self.current_case_id)
            self.lazy_tabs[cls] = holder
            self.tabs.addTab(holder, title)
        self.setCentralWidget(self.tabs)

        self._build_menus()
        self.case_status = QLabel()
        self.sync_status = QLabel()
        self.profile_status = QLabel()
        bar = self.statusBar()
        bar.addWidget(self.case_status, 1)
        bar.addPermanentWidget(self.sync_status)
        bar.addPermanentWidget(self.profile_status)
        self.profile_status.setText(
            f"{ctx.adviser_name or 'Ukendt rådgiver'} · profil: {ctx.desk.profile_folder}"
        )
        self.refresh_sync_status()
        ctx.bus.caseSelected.connect(self._case_selected)
        self._case_selected("")

    # --- menus ------------------------------------------------------------------------------------
    def _action(
        self,
        text: str,
        slot: Callable[[], Any],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        menu = self.menuBar()
        file_menu = menu.addMenu("&Filer")
        self.new_case_action = self._action("&Ny sag…", self.cases_tab.new_case, QKeySequence.StandardKey.New)
        file_menu.addAction(self.new_case_action)
        file_menu.addAction(self._action("&Importér ophævelsesliste…", self.import_terminations))
        file_menu.addSeparator()
        file_menu.addAction(self._action("&Synkronisér med fællesdrev…", self.open_sync))
        file_menu.addAction(self._action("&Konflikter fra synkronisering…", self.open_conflicts))
        file_menu.addAction(self._action("&Gendan fra sikkerhedskopi…", self.open_restore))
        file_menu.addSeparator()
        file_menu.addAction(self._action("&Afslut", self.close, QKeySequence.StandardKey.Quit))

        settings_menu = menu.addMenu("&Indstillinger")
        settings_menu.addAction(self._action("&Boligorganisationer og afdelinger…", self.open_estates))
        settings_menu.addAction(self._action("Brev&hoved og afsender…", self.open_letterhead))
        settings_menu.addAction(
            self._action(
                "&Satser…", lambda: self._open_dialog("boligdesk.ui.rates.rates_dialog", "RatesDialog")
            )
        )
        settings_menu.addAction(
            self._action(
                "&Kontakter…",
                lambda: self._open_dialog("boligdesk.ui.contacts.contacts_dialog", "ContactsDialog"),
            )
        )
        settings_menu.addAction(self._action("Skift &adgangskode…", self.change_passphrase))

        help_menu = menu.addMenu("&Hjælp")
        help_menu.addAction(self._action("&Om BoligDesk", self.about))

        search = self._action("Søg", self.focus_search, QKeySequence.StandardKey.Find)
        self.addAction(search)

    # --- slots ------------------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.tabs.setCurrentWidget(self.cases_tab)
        self.cases_tab.focus_search()

    def tab(self, cls: str) -> QWidget:
        """The feature tab ``cls`` (e.g. ``"BudgetTab"``), built now if it has not been shown yet."""
        return self.lazy_tabs[cls].ensure()

    def _case_selected(self, case_id: str) -> None:
        self.current_case_id = case_id
        if not case_id:
            self.case_status.setText("Ingen sag valgt")
            return
        header = self.ctx.desk.cases.header(case_id)
        self.case_status.setText(f"Sag {header.number} · {header.tenant_name}" if header else "")
        if self.tabs.currentWidget() is self.lazy_tabs["FristerTab"]:
            # Picking a deadline opens its case.
            self.tabs.setCurrentWidget(self.cases_tab)
            self.cases_tab.open_case(case_id)

    def refresh_sync_status(self) -> None:
        # Labelled: "Ikke sat op" alone did not say what was not set up.
        self.sync_status.setText(f"Synkronisering: {self.ctx.desk.sync.status_text()}")
        self.sync_status.setToolTip(
            "Synkronisering med teamets fællesdrev (Filer → Synkronisér med fællesdrev…)"
        )

    def _open_dialog(self, module: str, cls: str) -> None:
        """Open a settings/sync dialog modally (imported on first use).

        The dialog announces what it changed itself (``bus.changed``, once per write), so closing it
        redraws nothing; only the sync status line is read again.
        """
        dialog_cls = getattr(importlib.import_module(module), cls)
        dialog = dialog_cls(self.ctx, self)
        run_modal(dialog)
        self.refresh_sync_status()

    def import_terminations(self) -> None:
        self._open_dialog("boligdesk.ui.cases.import_dialog", "ImportDialog")

    def open_sync(self) -> None:
        self._open_dialog("boligdesk.ui.sync.sync_dialog", "SyncDialog")

    def open_conflicts(self) -> None:
        self._open_dialog("boligdesk.ui.sync.conflicts_dialog", "ConflictsDialog")

    def open_restore(self) -> None:
        self._open_dialog("boligdesk.ui.profile.restore_dialog", "RestoreDialog")

    def open_estates(self) -> None:
        self._open_dialog("boligdesk.ui.cases.estates_dialog", "EstatesDialog")

    def open_letterhead(self) -> None:
        self._open_dialog("boligdesk.ui.letters.letterhead_dialog", "LetterheadDialog")

    def change_passphrase(self) -> None:
        self._open_dialog("boligdesk.ui.profile.passphrase_dialog", "ChangePassphraseDialog")

    def about(self) -> None:
        QMessageBox.about(
            self,
            "Om BoligDesk",
            f"<b>BoligDesk {__version__}</b><p>Sager, budget og afdragsordninger for boligsociale rådgivere. "
            "Data gemmes krypteret på denne computer.</p>",
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        # Every change is already saved as it was made; focus-out of the current field saves it too.
        focused = self.focusWidget()
        if focused is not None:
            focused.clearFocus()
        event.accept()
