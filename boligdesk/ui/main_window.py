"""The main window: a locked page (the unlock panel) and the unlocked page (tabs Sager, Frister, Budget,
Afdragsordning, Breve); menus; status bar.

Locked, the window shows nothing of the cases: the unlocked page is destroyed on locking (its drafts
flushed and the desk closed first) and built again on unlocking, on the case and tab that were open.
Start-up paints the locked page before anything slow is imported (``app.py``); this module imports only
Qt and the lock panel at load time.
"""

from __future__ import annotations

import datetime as dt
import gc
import importlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QSize, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QCursor, QKeySequence, QPaintEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QMainWindow,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from boligdesk.errors import StoreError
from boligdesk.ui.lock.idle import IdleWatch
from boligdesk.ui.lock.panel import LockPanel
from boligdesk.ui.lock.session import ProfileOpener, release_freed_memory
from boligdesk.ui.shared.dialogs import run_modal
from boligdesk.ui.window_size import fit_to_screen

if TYPE_CHECKING:
    from boligdesk.services.case_list_rows import FirstList
    from boligdesk.services.desk import Desk
    from boligdesk.services.profile import Store
    from boligdesk.ui.cases.cases_tab import CasesTab
    from boligdesk.ui.context import AppContext
    from boligdesk.ui.lock.form_memory import Place

# (tab title, module, class). Each tab is built the first time it is shown (start-up speed).
TABS: tuple[tuple[str, str, str], ...] = (
    ("&Frister", "boligdesk.ui.cases.frister_tab", "FristerTab"),
    ("&Budget", "boligdesk.ui.budget.budget_tab", "BudgetTab"),
    ("&Afdragsordning", "boligdesk.ui.repayment.repayment_tab", "RepaymentTab"),
    ("B&reve", "boligdesk.ui.letters.letters_tab", "LettersTab"),
)

#: Fills the menus and starts what waits for the first paint even if no paint comes (a minimised window).
FIRST_PAINT_FALLBACK_MS = 500

OpenDesk = Callable[["Store", "str | None", QWidget], "Desk"]
"""Makes the desk for a freshly opened store (``app.open_desk``: it may ask the adviser's name)."""


def _default_open_desk(store: Store, new_name: str | None, _parent: QWidget) -> Desk:
    from boligdesk.services.desk import Desk

    desk = Desk(store)
    if new_name:
        desk.advisers.set_current(new_name)
    else:
        desk.advisers.adopt_current()
    return desk


class LazyTab(QWidget):
    """Holds a tab's place and builds the real tab (importing its module) when it is first shown.

    ``factory`` returns None while the desk is not open (the list read ahead at start-up, §44): the tab
    then says so and is built when the desk comes (the factory asks for it)."""

    def __init__(self, factory: Callable[[], QWidget | None], current_case: Callable[[], str]) -> None:
        super().__init__()
        self._factory = factory
        self._current_case = current_case
        self.widget: QWidget | None = None
        self._waiting: QLabel | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    def ensure(self) -> QWidget:
        built = self.try_ensure()
        assert built is not None, "the desk is not open yet"
        return built

    def try_ensure(self) -> QWidget | None:
        """The tab, built now if the desk is open; else None (and »Åbner databasen …« shown)."""
        if self.widget is None:
            widget = self._factory()
            layout = self.layout()
            assert layout is not None
            if widget is None:
                if self._waiting is None:
                    self._waiting = QLabel("Åbner databasen …")
                    layout.addWidget(self._waiting)
                return None
            if self._waiting is not None:
                shiboken6.delete(self._waiting)
                self._waiting = None
            self.widget = widget
            layout.addWidget(self.widget)
            widget.show()  # (added to a holder already on screen: not shown by itself)
            # Tabs about one case (Budget, Afdragsordning, Breve) start on the selected case; Frister
            # shows all cases and has no set_case.
            set_case = getattr(self.widget, "set_case", None)
            case_id = self._current_case()
            if case_id and set_case is not None:
                set_case(case_id)
        return self.widget

    def showEvent(self, event: QShowEvent) -> None:
        self.try_ensure()
        super().showEvent(event)


class MainWindow(QMainWindow):
    """``MainWindow(ctx)`` opens unlocked on ``ctx``; ``MainWindow(opener=…)`` opens locked (start-up).

    Either way it can :meth:`lock` (Filer → Lås nu, after the idle time, on a session lock) and be
    unlocked again with the passphrase — never silently with a remembered key.
    """

    #: True when the window has just locked, False when it has just unlocked.
    lockedChanged = Signal(bool)
    #: The case list is shown (at start-up with a remembered key: before the desk is open, §36).
    listShown = Signal()

    def __init__(
        self,
        ctx: AppContext | None = None,
        parent: QWidget | None = None,
        *,
        opener: ProfileOpener | None = None,
        open_desk: OpenDesk | None = None,
        lock_minutes: Callable[[Path], int] | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx: AppContext | None = None
        if opener is None:
            assert ctx is not None, "a locked window needs an opener"
            opener = ProfileOpener(ctx.desk.profile_folder)
        self.opener = opener
        self._open_desk = open_desk or _default_open_desk
        self._lock_minutes = lock_minutes
        self.setWindowTitle("BoligDesk")
        self._maximise_on_show = (
            fit_to_screen(
                self, preferred=QSize(1340, 720), minimum=QSize(1024, 600), maximise_now=ctx is not None
            )
            and ctx is None
        )

        self.lock_panel = LockPanel(str(opener.folder))
        self.pages = QStackedWidget()
        self.pages.addWidget(self.lock_panel)
        self.setCentralWidget(self.pages)
        self.content: QWidget | None = None
        self.tabs: QTabWidget | None = None
        self._cases_tab: CasesTab | None = None
        self.current_case_id = ""
        self.lazy_tabs: dict[str, LazyTab] = {}
        # (tab, case, case page shown, section of the case): where the adviser was, kept over a lock
        self._state: tuple[int, str, bool, int] = (0, "", False, 0)
        self._typed: dict[Place, str] = {}  # typed, not saved: kept over a lock
        self._lock_retries = 0
        # The list read ahead at start-up (§44): how to open the desk, what waits for it, a busy cursor.
        self._open_desk_later: Callable[[], None] | None = None
        self._desk_waiting: list[Callable[[], Any]] = []
        self._desk_requested = False
        self.tour_on_unlock = ctx is None  # the first-run tour (ui/tour) only on the app's own start

        self._unlocked_actions: list[QAction] = []
        # The menu bar's titles now; their entries (and the guide's, the tour's, the privacy menu's) after
        # the first paint, or at once for a window opened unlocked (see complete_window).
        menu = self.menuBar()
        self.file_menu = menu.addMenu("&Filer")
        self.settings_menu = menu.addMenu("&Indstillinger")
        self.help_menu = menu.addMenu("&Hjælp")
        self._menus_filled = False
        self._after_paint: list[Callable[[], None]] | None = []  # None once the first paint is done
        self.case_status = QLabel()
        self.sync_status = QLabel()
        self.profile_status = QLabel()
        bar = self.statusBar()
        bar.addWidget(self.case_status, 1)
        bar.addPermanentWidget(self.sync_status)
        bar.addPermanentWidget(self.profile_status)

        self.idle = IdleWatch(parent=self)
        self.idle.idle.connect(self.auto_lock)
        self.idle.session_locked.connect(self.auto_lock)
        self.idle.input_seen.connect(self._input_seen)
        self.lock_panel.unlockRequested.connect(self.unlock_with_passphrase)
        if ctx is not None:
            self.show_unlocked(ctx)
        else:
            self._show_locked("start")

    # --- the first paint --------------------------------------------------------------------------
    def after_first_paint(self, fn: Callable[[], None]) -> None:
        """Run ``fn`` from the event loop once the window has been painted (start-up: the unlock panel is
        on screen before anything slow starts). At once (from the event loop) if it has been."""
        if self._after_paint is None:
            QTimer.singleShot(0, self, fn)
        else:
            self._after_paint.append(fn)

    def setVisible(self, visible: bool) -> None:
        if visible and self._maximise_on_show:
            self._maximise_on_show = False
            self.showMaximized()  # shows it, through here again
            return
        super().setVisible(visible)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._after_paint is not None:
            QTimer.singleShot(0, self, self._first_paint_done)  # after this paint (the children paint in it)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._after_paint is not None:
            # A window shown minimised is not painted: start anyway.
            QTimer.singleShot(FIRST_PAINT_FALLBACK_MS, self, self._first_paint_done)  # none once it is gone

    def _first_paint_done(self) -> None:
        if self._after_paint is None:
            return
        pending, self._after_paint = self._after_paint, None
        self.complete_window()
        for fn in pending:
            fn()

    def complete_window(self) -> None:
        """Fill the menus (once). The locked window does it after its first paint; unlocking does it
        first if that has not happened yet, so every entry is there before the cases are."""
        if self._menus_filled:
            return
        self._menus_filled = True
        self.lock_panel.complete()
        self._build_menus()
        self._set_unlocked_actions(self.ctx is not None or self._open_desk_later is not None)

    @property
    def cases_tab(self) -> CasesTab:
        assert self._cases_tab is not None, "the window is locked"
        return self._cases_tab

    def is_locked(self) -> bool:
        return self.ctx is None

    # --- unlocked / locked ------------------------------------------------------------------------
    def show_unlocked(self, ctx: AppContext, *, sync_status_now: bool = True) -> None:
        """Build the unlocked page on ``ctx`` (the case list loads now) and show it.

        ``sync_status_now=False`` (start-up): the sync status line waits for the opener's later imports
        (the sync engine), so the list does not."""
        from boligdesk.ui.cases.cases_tab import CasesTab

        self.ctx = ctx
        self.complete_window()
        shown_ahead = self.tabs is not None and self._cases_tab is not None
        if shown_ahead:  # the list read ahead (show_first_list) goes on with the desk, its tabs too
            self.cases_tab.attach(ctx)
        else:
            self._show_tabs(CasesTab(ctx))
            self._add_lazy_tabs()
        self._open_desk_later = None
        self._set_unlocked_actions(True)
        self.profile_status.setText(
            f"{ctx.adviser_name or 'Ukendt rådgiver'} · profil: {ctx.desk.profile_folder}"
        )
        if sync_status_now or self.opener.later_ready():
            self.refresh_sync_status()
        else:
            self._sync_status_when_loaded()
        ctx.bus.caseSelected.connect(self._case_selected)
        self._case_selected("")
        if not shown_ahead:  # (a start-up list keeps the tab the user is on)
            self._restore_state()
        self.cases_tab.open_waiting_case()
        self.lock_panel.accepted()
        self._start_idle(ctx.desk.profile_folder)
        release_freed_memory()
        self._not_busy()
        self.lockedChanged.emit(False)
        if not shown_ahead:
            self.listShown.emit()
        waiting, self._desk_waiting = self._desk_waiting, []
        for then in waiting:  # what asked for the desk, once this is done
            QTimer.singleShot(0, self, then)

    def _start_idle(self, folder: Path) -> None:
        from boligdesk.services.lock_settings import load_lock_minutes

        self.idle.set_minutes(self._lock_minutes(folder) if self._lock_minutes else load_lock_minutes(folder))
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.idle)
        self.idle.listen_to_platform()
        self.idle.start()

    def _stop_idle(self) -> None:
        self.idle.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.idle)

    @staticmethod
    def _let_locked_objects_go() -> None:
        """After a lock: the case list froze its objects (§43); give them back to the collector and collect,
        so no case (and no key) outlives the lock."""
        gc.unfreeze()
        gc.collect()

    def _add_lazy_tabs(self) -> None:
        assert self.tabs is not None
        self.lazy_tabs = {}
        for title, module, cls in TABS:
            holder = LazyTab(self._tab_factory(module, cls), lambda: self.current_case_id)
            self.lazy_tabs[cls] = holder
            self.tabs.addTab(holder, title)

    def _tab_factory(self, module: str, cls: str) -> Callable[[], QWidget | None]:
        def build() -> QWidget | None:
            if self.ctx is None:  # the list read ahead: the tab is built when the desk is open
                self.request_desk(self._build_current_tab)
                return None
            widget: QWidget = getattr(importlib.import_module(module), cls)(self.ctx)
            return widget

        return build

    def _build_current_tab(self) -> None:
        current = self.tabs.currentWidget() if self.tabs is not None else None
        if isinstance(current, LazyTab):
            current.try_ensure()

    def request_desk(self, then: Callable[[], Any] | None = None) -> None:
        """Run ``then`` with the desk open. At start-up with a remembered key the window shows the list read
        ahead with no desk (SQLAlchemy, the models and the services not even imported, §44): the first
        action that needs the desk opens it — a busy cursor meanwhile — and runs once it is open. Nothing
        while the window is locked."""
        if self.ctx is not None:
            if then is not None:
                then()
            return
        if self._open_desk_later is None:
            return
        if then is not None:
            self._desk_waiting.append(then)
        if self._desk_requested:
            return
        self._desk_requested = True
        from PySide6.QtCore import Qt  # (not before the first paint: it builds the whole namespace, §35)

        QApplication.setOverrideCursor(QCursor(Qt.CursorShape.WaitCursor))
        self.case_status.setText("Åbner databasen …")
        QTimer.singleShot(0, self, self._open_desk_later)

    def _not_busy(self) -> None:
        if self._desk_requested:
            self._desk_requested = False
            QApplication.restoreOverrideCursor()

    def _show_tabs(self, cases_tab: CasesTab) -> None:
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self._cases_tab = cases_tab
        self.tabs.addTab(cases_tab, "&Sager")
        self.content = self.tabs
        self.pages.addWidget(self.tabs)
        self.pages.setCurrentWidget(self.tabs)

    def show_first_list(self, first: FirstList, open_desk: Callable[[], None]) -> None:
        """Start-up with a remembered key: show the list read ahead (§36) and open the desk (``open_desk``,
        which ends in :meth:`open_store`) only when an action first needs it (:meth:`request_desk`, §44):
        a menu entry, another tab, opening a case, "Ny sag", the letters, "Mine sager", the estates.
        Search, sort and the other filters work on the rows meanwhile, and the idle lock runs (it takes
        the list away, :meth:`lock`). The window counts as locked (no desk) until then.
        :meth:`drop_first_list` takes the list away if the store then does not open."""
        from boligdesk.ui.cases.cases_tab import CasesTab

        if self.ctx is not None or self.content is not None:
            return
        self.complete_window()  # every menu entry before the cases
        # A remembered key was ticked at an unlock with the passphrase, which offered the first-run tour;
        # the desk now opens for what the user asked for (a case, a tab), and no tour may take them away.
        self.tour_on_unlock = False
        self._show_tabs(CasesTab(None, first=first, request_desk=self.request_desk))
        self._add_lazy_tabs()
        self._open_desk_later = open_desk
        self._set_unlocked_actions(True)
        self.profile_status.setText(f"profil: {self.opener.folder}")
        self._start_idle(self.opener.folder)
        self.cases_tab.table.setFocus()
        self.listShown.emit()

    def drop_first_list(self, reason: str = "start") -> None:
        """The store did not open after all (or the window locked first): remove the list read ahead (the
        panel says why)."""
        self._open_desk_later, self._desk_waiting = None, []
        self._not_busy()
        if self.ctx is not None or self.content is None:
            return
        content, self.content, self.tabs, self._cases_tab = self.content, None, None, None
        self.lazy_tabs = {}
        self.pages.removeWidget(content)
        shiboken6.delete(content)
        self._show_locked(reason)

    def _show_locked(self, reason: str) -> None:
        self.pages.setCurrentWidget(self.lock_panel)
        self._set_unlocked_actions(False)
        for label in (self.case_status, self.sync_status, self.profile_status):
            label.clear()
        self.lock_panel.set_reason(reason)
        self.lock_panel.reset()
        self.lock_panel.passphrase.setFocus()

    def _set_unlocked_actions(self, on: bool) -> None:
        for action in self._unlocked_actions:
            action.setEnabled(on)

    def auto_lock(self) -> None:
        """The idle timer ran out, or the platform reported a session lock or sleep."""
        self.lock()

    def lock(self) -> bool:
        """Lock now: save what is being typed, close the store, forget the key, show the unlock panel.

        Open dialogs are closed first (rejected, as with Esc) and the lock finishes once their event
        loops have returned; the cases are hidden at once. False when the window was already locked.
        """
        if self.ctx is None:
            return self._lock_first_list()
        focused = QApplication.focusWidget()
        if focused is not None and self.isAncestorOf(focused):
            focused.clearFocus()  # an open cell editor or field saves itself on focus-out
        self.pages.setCurrentWidget(self.lock_panel)
        self._set_unlocked_actions(False)
        popup = QApplication.activePopupWidget()
        if popup is not None:
            popup.close()
        if QApplication.activeModalWidget() is not None and self._lock_retries < 50:
            for widget in QApplication.topLevelWidgets():
                if isinstance(widget, QDialog) and widget.isVisible():
                    widget.reject()
            self._lock_retries += 1
            QTimer.singleShot(20, self.lock)  # after the dialogs' exec() has returned
            return True
        self._lock_retries = 0
        self._state = self._current_state()
        from boligdesk.ui.lock import form_memory

        self._typed = form_memory.snapshot(self.content) if self.content is not None else {}
        ctx, self.ctx = self.ctx, None
        self._stop_idle()
        content, self.content, self.tabs, self._cases_tab = self.content, None, None, None
        self.lazy_tabs = {}
        try:
            ctx.desk.close()  # cancels calls in flight, flushes drafts, closes the store and its engine
        finally:
            if content is not None:
                self.pages.removeWidget(content)
                shiboken6.delete(content)
            del ctx
            self._let_locked_objects_go()
            self._show_locked("locked")
            self.lockedChanged.emit(True)
        return True

    def _lock_first_list(self) -> bool:
        """Lock while the list read ahead is shown, before any desk (§44): the list goes, the remembered key
        is forgotten — the passphrase is asked, as after any lock. False when there is no such list."""
        if self.content is None:
            return False
        self.opener.forget_remembered()
        self._stop_idle()
        self.drop_first_list("locked")
        self._let_locked_objects_go()
        return True

    def _input_seen(self) -> None:
        """Input keeps the visit going: opening a case is recorded once per visit (issue 14)."""
        if self.ctx is not None:
            self.ctx.desk.visits.input(dt.datetime.now())

    def unlock_with_passphrase(self, passphrase: str) -> bool:
        """What "Lås op" does: open the profile with ``passphrase`` (never the keyring) and show the cases.

        Wrong passphrases are counted in the profile folder (the same throttle as the command line), so
        closing and restarting BoligDesk does not reset the growing wait."""
        from boligdesk.services.passphrase_policy import UnlockThrottle, wait_text

        throttle = UnlockThrottle(self.opener.folder)
        self.lock_panel.busy("Låser op …")
        self.lock_panel.repaint()
        remember = self.lock_panel.remember.isVisible() and self.lock_panel.remember.isChecked()
        try:
            # The panel counts down the wait of this session itself; the profile's count adds the wait
            # left from before a restart (a second of slack for the panel's own timer).
            left = throttle.wait_left(dt.datetime.now())
            if left >= 1:
                raise StoreError("passphrase.wait", wait_text(left))
            store = self.opener.open_with_passphrase(passphrase, remember=remember)
        except StoreError as exc:
            wrong = exc.code == "wrong_passphrase"
            if wrong:
                throttle.failed(dt.datetime.now())
                self.lock_panel.failures = max(
                    self.lock_panel.failures, throttle.failures(dt.datetime.now()) - 1
                )
            self.lock_panel.refused(exc.message, wrong_passphrase=wrong)
            return False
        finally:
            del passphrase
        throttle.succeeded()
        self.open_store(store)
        return True

    def open_store(self, store: Store, new_name: str | None = None) -> None:
        """Show the cases of a freshly opened ``store`` (after "Lås op", a remembered key or a first run)."""
        from boligdesk.ui.context import AppContext

        self.show_unlocked(AppContext(self._open_desk(store, new_name, self)), sync_status_now=False)

    def _sync_status_when_loaded(self) -> None:
        if self.opener.later_ready():
            self.refresh_sync_status()
        else:
            QTimer.singleShot(25, self._sync_status_when_loaded)

    def _current_state(self) -> tuple[int, str, bool, int]:
        if self.tabs is None or self._cases_tab is None:
            return (0, "", False, 0)
        showing = self._cases_tab.showing_case()
        section = self._cases_tab.case_view.tabs.currentIndex() if showing else 0
        return (self.tabs.currentIndex(), self.current_case_id, showing, section)

    def _restore_state(self) -> None:
        tab, case_id, showing, section = self._state
        if case_id:
            if showing:
                self.cases_tab.open_case(case_id)
                self.cases_tab.case_view.tabs.setCurrentIndex(section)
            else:
                self.unlocked.bus.caseSelected.emit(case_id)  # the list selects it, the tabs follow
        if self.tabs is not None and 0 <= tab < self.tabs.count():
            self.tabs.setCurrentIndex(tab)
            current = self.tabs.currentWidget()
            if isinstance(current, LazyTab):
                current.ensure()
        if self._typed and self.content is not None:
            from boligdesk.ui.lock import form_memory

            form_memory.restore(self.content, self._typed)
        self._typed = {}

    # --- menus ------------------------------------------------------------------------------------
    def _action(
        self,
        text: str,
        slot: Callable[[], Any],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        *,
        when_locked: bool = False,
        needs_desk: bool = True,
    ) -> QAction:
        """A menu action; unless ``when_locked`` it is disabled while the window is locked. While the list
        read ahead is shown it first opens the desk (:meth:`request_desk`) unless not ``needs_desk``."""
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if needs_desk and not when_locked:
            action.triggered.connect(lambda: self.request_desk(slot))
        else:
            action.triggered.connect(slot)
        if not when_locked:
            self._unlocked_actions.append(action)
        return action

    def _build_menus(self) -> None:
        file_menu = self.file_menu
        self.new_case_action = self._action("&Ny sag…", self.new_case, QKeySequence.StandardKey.New)
        file_menu.addAction(self.new_case_action)
        file_menu.addAction(self._action("&Importér ophævelsesliste…", self.import_terminations))
        file_menu.addAction(self._action("Importér n&ye lejere…", self.import_new_tenants))
        file_menu.addAction(self._action("Udskriv &postkort til nye lejere…", self.print_postcards))
        file_menu.addAction(self._action("Importér &eksisterende sager…", self.import_cases))
        file_menu.addAction(self._action("S&tatistik…", self.open_statistics))
        file_menu.addSeparator()
        file_menu.addAction(self._action("&Synkronisér med fællesdrev…", self.open_sync))
        file_menu.addAction(self._action("&Konflikter fra synkronisering…", self.open_conflicts))
        file_menu.addAction(self._action("&Gendan fra sikkerhedskopi…", self.open_restore))
        file_menu.addSeparator()
        file_menu.addAction(self._action("&Lås nu", self.lock, "Ctrl+L", needs_desk=False))
        file_menu.addAction(
            # Ctrl+Q itself: StandardKey.Quit is empty on Windows and offscreen (the printed shortcut list)
            self._action("&Afslut", self.close, "Ctrl+Q", when_locked=True)
        )

        settings_menu = self.settings_menu
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
        settings_menu.addAction(
            self._action("&Teamet…", lambda: self._open_dialog("boligdesk.ui.sync.team_dialog", "TeamDialog"))
        )
        settings_menu.addAction(
            self._action(
                "&Rådgivere…",
                lambda: self._open_dialog("boligdesk.ui.profile.advisers_dialog", "AdvisersDialog"),
            )
        )
        settings_menu.addAction(self._action("Automatisk &lås…", self.open_lock_settings))
        importlib.import_module("boligdesk.ui.privacy.menu").add_actions(self, settings_menu)

        help_menu = self.help_menu
        importlib.import_module("boligdesk.ui.guide.guide_window").add_help_actions(self, help_menu)
        importlib.import_module("boligdesk.ui.tour").add_tour_actions(self, help_menu)
        help_menu.addAction(self._action("&Om BoligDesk", self.about))

        search = self._action("Søg", self.focus_search, QKeySequence.StandardKey.Find, needs_desk=False)
        self.addAction(search)

    # --- slots ------------------------------------------------------------------------------------
    @property
    def unlocked(self) -> AppContext:
        """The context of the unlocked window (menu actions run only while unlocked)."""
        assert self.ctx is not None, "the window is locked"
        return self.ctx

    def new_case(self) -> str | None:
        return self.cases_tab.new_case()

    def focus_search(self) -> None:
        assert self.tabs is not None
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
        header = self.unlocked.desk.cases.header(case_id)
        self.case_status.setText(f"Sag {header.number} · {header.tenant_name}" if header else "")
        if self.tabs is not None and self.tabs.currentWidget() is self.lazy_tabs["FristerTab"]:
            # Picking a deadline opens its case.
            self.tabs.setCurrentWidget(self.cases_tab)
            self.cases_tab.open_case(case_id)

    def refresh_sync_status(self) -> None:
        # Labelled: "Ikke sat op" alone did not say what was not set up.
        if self.ctx is None:
            return
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
        dialog = dialog_cls(self.unlocked, self)
        run_modal(dialog)
        self.refresh_sync_status()

    def open_statistics(self) -> None:
        importlib.import_module("boligdesk.ui.statistics").open_statistics(self)

    def import_terminations(self) -> None:
        self._open_dialog("boligdesk.ui.cases.import_dialog", "ImportDialog")

    def import_new_tenants(self) -> None:
        self._open_dialog("boligdesk.ui.cases.new_tenant_import_dialog", "NewTenantImportDialog")

    def print_postcards(self) -> None:
        self._open_dialog("boligdesk.ui.letters.postcard_dialog", "PostcardDialog")

    def import_cases(self) -> None:
        self._open_dialog("boligdesk.ui.cases.case_import_dialog", "CaseImportDialog")

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

    def open_lock_settings(self) -> None:
        from boligdesk.ui.lock.settings_dialog import LockSettingsDialog

        dialog = LockSettingsDialog(self.unlocked.desk.profile_folder, self.idle.minutes, self)
        if run_modal(dialog):
            self.idle.set_minutes(dialog.minutes())

    def about(self) -> None:
        self._open_dialog("boligdesk.ui.about", "AboutDialog")

    def closeEvent(self, event: QCloseEvent) -> None:
        # Every change is already saved as it was made; focus-out of the current field saves it too.
        focused = self.focusWidget()
        if focused is not None:
            focused.clearFocus()
        self._stop_idle()
        event.accept()
