"""The first-run tour: four small panels anchored to the real widgets, shown once after the first unlock.

The tour opens the demo case (the demo's agreement case, else the first case in the list) and points to
the search field, the case's sections, the Budget tab and the print button. Each panel is a callout
inside the main window placed beside its target (below, above, right or left, whichever fits), and the
target gets an orange frame; the callout never covers the target and stays inside the window, so it fits
a 1366×768 laptop. "Spring over" or "Færdig" closes it; it is marked as seen in the profile's
``lock.json`` when it is first shown (``services.lock_settings``), so it is never shown by itself again.
Hjælp → Vis rundvisningen igen shows it again. Locking the window closes it (its targets are destroyed).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMenu, QPushButton, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from boligdesk.ui.main_window import MainWindow

log = logging.getLogger(__name__)

CALLOUT_WIDTH = 380
GAP = 10  # between the target's frame and the callout
FRAME = 3  # the orange frame around the target

#: Where a step points: a widget and a rectangle in its coordinates.
Target = tuple[QWidget, QRect]


@dataclass(frozen=True)
class Step:
    title: str
    prepare: Callable[[MainWindow], tuple[str, Target | None]]
    """Puts the window in the state the step shows; returns the panel's text and what it points at."""


# --- the steps --------------------------------------------------------------------------------------
def _whole(widget: QWidget) -> Target:
    return widget, widget.rect()


def _search(window: MainWindow) -> tuple[str, Target | None]:
    assert window.tabs is not None
    window.tabs.setCurrentWidget(window.cases_tab)
    window.cases_tab.show_list()
    text = (
        "Velkommen til BoligDesk. Denne korte rundvisning viser de vigtigste steder.<br><br>"
        "Find en sag her: skriv navn, adresse, lejemålsnummer, telefon eller sagsnummer "
        "(<b>Ctrl+F</b>). <b>Enter</b> åbner sagen."
    )
    return text, _whole(window.cases_tab.search)


def demo_case_id(window: MainWindow) -> str | None:
    """The demo's agreement case (budget, plan and letters ready), else the first case in the list."""
    from boligdesk.services.demo_showcase import SHOWCASE_PLAN

    model = window.cases_tab.model
    rows = [model.row_at(i) for i in range(model.rowCount())]
    for row in rows:
        if row.tenant_name == SHOWCASE_PLAN:
            return row.id
    return rows[0].id if rows else None


def _case(window: MainWindow) -> tuple[str, Target | None]:
    cases = window.cases_tab
    case_id = demo_case_id(window)
    if case_id is None:
        cases.show_list()
        text = (
            "Du har ingen sager endnu. Opret den første med <b>Ny sag</b> (<b>Ctrl+N</b>), eller importér "
            "månedens ophævelsesliste under <b>Filer</b>."
        )
        return text, _whole(cases.new_case_button)
    cases.open_case(case_id)
    view = cases.case_view
    view.tabs.setCurrentIndex(0)
    name = view.details.tenant.full_name if view.details is not None else ""
    text = (
        f"Her er sagen for {name}. Sagens oplysninger står i fanebladene: Lejer, Lejemål, Tidslinje, "
        "Kontakt, Journal og flere. Det, du skriver, gemmes med det samme.<br><br>"
        "<b>Esc</b> eller <b>← Alle sager</b> går tilbage til listen."
    )
    bar = view.tabs.tabBar()
    last = bar.tabRect(bar.count() - 1) if bar.count() else bar.rect()
    return text, (bar, bar.tabRect(0).united(last))


def _tab_target(window: MainWindow, cls: str) -> Target:
    assert window.tabs is not None
    holder = window.lazy_tabs[cls]
    window.tabs.setCurrentWidget(holder)
    holder.ensure()
    bar = window.tabs.tabBar()
    return bar, bar.tabRect(window.tabs.indexOf(holder))


def _budget(window: MainWindow) -> tuple[str, Target | None]:
    target = _tab_target(window, "BudgetTab")
    text = (
        "Fanen <b>Budget</b> viser budgettet for den sag, du har valgt. Lav det sammen med lejeren: "
        "indtægter og udgifter, og hvad der er nødvendigt (need to have), og hvad der kan undværes "
        "(nice to have).<br><br>Til højre står rådighedsbeløbet og det, der er værd at tjekke."
    )
    return text, target


def _printing(window: MainWindow) -> tuple[str, Target | None]:
    budget = window.tab("BudgetTab")
    button = getattr(budget, "print_button", None)
    text = (
        "<b>Udskriv… (Ctrl+P)</b> udskriver budgettet til lejeren; <b>Gem som PDF…</b> gemmer det. "
        "Breve laves på fanen <b>Breve</b>. Månedens breve til mange sager på én gang laver du på fanen "
        "<b>Sager</b> med <b>Skriv breve til valgte…</b>.<br><br>"
        "Vejledningen står under <b>Hjælp → Vejledning</b> (<b>F1</b>). Rundvisningen kan du se igen "
        "under <b>Hjælp → Vis rundvisningen igen</b>."
    )
    return text, (_whole(button) if isinstance(button, QWidget) and button.isVisible() else None)


STEPS: tuple[Step, ...] = (
    Step("Find en sag", _search),
    Step("Sagen", _case),
    Step("Budgettet", _budget),
    Step("Udskriv", _printing),
)


# --- the panel --------------------------------------------------------------------------------------
def place_callout(size: tuple[int, int], target: QRect | None, area: QRect) -> QRect:
    """Where a callout of ``size`` goes in ``area`` beside ``target`` without covering it.

    Below, above, right, then left of the target (aligned with its left or top edge, pushed inside the
    area); the first that fits whole in the area. Without a target (or when nothing fits) the bottom
    right corner of the area.
    """
    width, height = size
    corner = QRect(area.right() - width - GAP, area.bottom() - height - GAP, width, height)
    if target is None:
        return corner
    around = target.adjusted(-FRAME - GAP, -FRAME - GAP, FRAME + GAP, FRAME + GAP)

    def inside_x(x: int) -> int:
        return max(area.left() + GAP, min(x, area.right() - width - GAP))

    def inside_y(y: int) -> int:
        return max(area.top() + GAP, min(y, area.bottom() - height - GAP))

    candidates = (
        QRect(inside_x(target.left()), around.bottom() + 1, width, height),
        QRect(inside_x(target.left()), around.top() - height, width, height),
        QRect(around.right() + 1, inside_y(target.top()), width, height),
        QRect(around.left() - width, inside_y(target.top()), width, height),
    )
    for rect in candidates:
        if area.contains(rect) and not rect.intersects(target.adjusted(-FRAME, -FRAME, FRAME, FRAME)):
            return rect
    return corner


class Tour(QFrame):
    """The tour's callout, a child of the main window; :meth:`go` shows a step."""

    closed = Signal()

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.index = 0
        self.target: Target | None = None
        self.setObjectName("tourCallout")
        self.setAccessibleName("Rundvisning")
        self.setFrameShape(QFrame.Shape.Box)
        self.setStyleSheet(
            "QFrame#tourCallout { background: #fffbe6; border: 2px solid #d9822b; border-radius: 6px; }"
            "QLabel { background: transparent; color: #202124; }"
        )
        self.setFixedWidth(CALLOUT_WIDTH)
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 15px; font-weight: 700;")
        self.step_label = QLabel()
        self.step_label.setStyleSheet("color: #5f6368;")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.skip_button = QPushButton("Spring &over")
        self.skip_button.setToolTip("Luk rundvisningen (Esc). Den kan vises igen fra Hjælp-menuen.")
        self.back_button = QPushButton("&Tilbage")
        self.next_button = QPushButton("&Næste")
        self.next_button.setDefault(True)

        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.step_label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.skip_button)
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.addLayout(head)
        layout.addWidget(self.text)
        layout.addLayout(buttons)

        self.highlight = QFrame(window)
        self.highlight.setObjectName("tourHighlight")
        self.highlight.setStyleSheet(
            f"QFrame#tourHighlight {{ border: {FRAME}px solid #d9822b; border-radius: 4px; background: transparent; }}"
        )
        self.highlight.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.highlight.hide()

        self.skip_button.clicked.connect(self.finish)
        self.back_button.clicked.connect(lambda: self.go(self.index - 1))
        self.next_button.clicked.connect(self._next)
        QShortcut(
            QKeySequence(Qt.Key.Key_Escape),
            self,
            self.finish,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        window.installEventFilter(self)
        window.lockedChanged.connect(self._locked_changed)

    def go(self, index: int) -> None:
        """Show step ``index`` (0-based): put the window in its state, then place the callout."""
        self.index = max(0, min(index, len(STEPS) - 1))
        step = STEPS[self.index]
        text, self.target = step.prepare(self.window_)
        self.title.setText(step.title)
        self.step_label.setText(f"{self.index + 1} af {len(STEPS)}")
        self.text.setText(text)
        self.back_button.setEnabled(self.index > 0)
        last = self.index == len(STEPS) - 1
        self.next_button.setText("&Færdig" if last else "&Næste")
        self.skip_button.setVisible(not last)
        self.show()
        self.raise_()
        self.next_button.setFocus()
        self.reposition()
        QTimer.singleShot(0, self.reposition)  # once the step's tab or case has been laid out

    def _next(self) -> None:
        if self.index >= len(STEPS) - 1:
            self.finish()
        else:
            self.go(self.index + 1)

    def target_rect(self) -> QRect | None:
        """The target in the main window's coordinates (None when it is gone or hidden)."""
        if self.target is None:
            return None
        widget, rect = self.target
        if not shiboken6.isValid(widget) or not widget.isVisible():
            return None
        return QRect(widget.mapTo(self.window_, rect.topLeft()), rect.size())

    def reposition(self) -> None:
        if not shiboken6.isValid(self) or not self.isVisible():
            return
        self.adjustSize()
        target = self.target_rect()
        area = self.window_.rect()
        self.setGeometry(place_callout((self.width(), self.height()), target, area))
        if target is None:
            self.highlight.hide()
        else:
            self.highlight.setGeometry(target.adjusted(-FRAME, -FRAME, FRAME, FRAME))
            self.highlight.show()
            self.highlight.raise_()
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window_ and event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest):
            QTimer.singleShot(0, self.reposition)
        return False

    def _locked_changed(self, locked: bool) -> None:
        if locked:
            self.finish()

    def finish(self) -> None:
        """Close the tour (Spring over, Færdig, Esc, or the window locking)."""
        if not shiboken6.isValid(self) or self.parent() is None:
            return  # already closed
        self.window_.removeEventFilter(self)
        self.hide()
        self.highlight.hide()
        self.highlight.deleteLater()
        self.setParent(None)  # not found by current_tour() any more
        self.deleteLater()
        self.closed.emit()


def current_tour(window: MainWindow) -> Tour | None:
    """The tour shown on ``window``, if any."""
    return next((t for t in window.findChildren(Tour) if shiboken6.isValid(t) and t.isVisible()), None)


def start_tour(window: MainWindow) -> Tour | None:
    """Show the tour from its first step (Hjælp → Vis rundvisningen igen); None while locked."""
    if window.is_locked():
        return None
    old = current_tour(window)
    if old is not None:
        old.finish()
    tour = Tour(window)
    tour.go(0)
    return tour


def _first_unlock(window: MainWindow) -> None:
    """After an unlock of a window started locked: the tour, if this profile has never had it."""
    from boligdesk.services.lock_settings import load_tour_seen, save_tour_seen

    if not getattr(window, "tour_on_unlock", False) or window.is_locked() or not window.isVisible():
        return
    folder = window.unlocked.desk.profile_folder
    if load_tour_seen(folder) or current_tour(window) is not None:
        return
    try:
        save_tour_seen(folder)
    except OSError as exc:  # a read-only profile folder: the tour then shows again next time
        log.warning("rundvisningen kunne ikke markeres som set: %s", exc.strerror)
    start_tour(window)


def add_tour_actions(window: MainWindow, help_menu: QMenu) -> QAction:
    """Hjælp → Vis rundvisningen igen, and the tour after the first unlock of the profile."""
    action = window._action("Vis &rundvisningen igen", lambda: start_tour(window))
    help_menu.addAction(action)
    window.lockedChanged.connect(
        lambda locked: None if locked else QTimer.singleShot(200, window, lambda: _first_unlock(window))
    )
    return action
