"""The selected case, beside the case list: a header and a tab per section.

The header shows case number, tenant, address, kind/phase, arrears and the next deadline (coloured by
urgency; the same rows as the Frister list). Every section saves as the user goes, through the desk; each write's ``Changes`` is broadcast
once on ``ctx.bus.changed``, and the view reloads the case (``desk.case_view.details``) when a change
touches the case and a part it shows — its own writes and writes made elsewhere alike.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from boligdesk.budget.calendar import format_short
from boligdesk.budget.vocabulary import AdviceOfferAnswer, CaseKind
from boligdesk.services.case_read import CaseDetails
from boligdesk.services.changes import Changes, Part
from boligdesk.services.frister import DeadlineRow, Urgency, days_left_text, next_of
from boligdesk.ui.cases.case_advice_page import CaseAdvicePage
from boligdesk.ui.cases.case_applications_page import CaseApplicationsPage
from boligdesk.ui.cases.case_closing_page import CaseClosingPage
from boligdesk.ui.cases.case_consent_page import CaseConsentPage
from boligdesk.ui.cases.case_contact_page import CaseContactPage
from boligdesk.ui.cases.case_courses_page import CaseCoursesPage
from boligdesk.ui.cases.case_documents_page import CaseDocumentsPage
from boligdesk.ui.cases.case_journal_page import CaseJournalPage
from boligdesk.ui.cases.case_page import CasePage
from boligdesk.ui.cases.case_registration_page import CaseRegistrationPage
from boligdesk.ui.cases.case_tenancy_page import CaseTenancyPage
from boligdesk.ui.cases.case_tenant_page import CaseTenantPage
from boligdesk.ui.cases.case_timeline_page import CaseTimelinePage
from boligdesk.ui.context import AppContext
from boligdesk.ui.shared.desk_ops import run_write

URGENCY_STYLE = {
    Urgency.PASSED: "background: #f4c7c3; color: #6d0f0f;",
    Urgency.WITHIN_3_DAYS: "background: #fbd38d; color: #5c3300;",
    Urgency.WITHIN_7_DAYS: "background: #fff3b0; color: #4d4000;",
    Urgency.LATER: "background: #e8eaed; color: #202124;",
}
PAGE_MAX_WIDTH = 1100
#: What the view shows of a case: a change touching one of these parts (of this case) redraws it.
SHOWN_PARTS = (
    Part.CASE,
    Part.TENANT,
    Part.HOUSEHOLD,
    Part.TENANCY,
    Part.TIMELINE,
    Part.ARREARS,
    Part.CONTACT,
    Part.JOURNAL,
    Part.ADVICE,
    Part.CLOSING,
    Part.PLAN,  # agreeing, fulfilling or breaking a plan moves the phase and the outcome
    Part.ESTATES,  # the estate's name in the header and on Lejemål
    Part.ADVISERS,
    Part.CONSENT,
    Part.CONTACTS,
    Part.APPLICATIONS,
    Part.COURSES,
    Part.TAGS,
    Part.DOCUMENTS,
)
PAGE_CLASSES: tuple[type[CasePage], ...] = (
    CaseTenantPage,
    CaseTenancyPage,
    CaseTimelinePage,
    CaseRegistrationPage,
    CaseContactPage,
    CaseAdvicePage,
    CaseJournalPage,
    CaseConsentPage,
    CaseApplicationsPage,
    CaseCoursesPage,
    CaseDocumentsPage,
    CaseClosingPage,
)


#: The one-click answers of a new tenant to the offer of advice (004); "Tilbudt" is set by the postcards.
ANSWER_BUTTONS = (AdviceOfferAnswer.ACCEPTED, AdviceOfferAnswer.DECLINED, AdviceOfferAnswer.NO_ANSWER)


class CaseHeader(QFrame):
    answerChosen = Signal(str)
    """A new tenant's answer to the offer of advice, clicked in the header (an ``AdviceOfferAnswer`` value)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseHeader")
        self.setStyleSheet("QFrame#caseHeader { border-bottom: 1px solid #c8c8c8; }")
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 15px; font-weight: 700;")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.address = QLabel()
        self.address.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = QLabel()
        self.deadline = QLabel()
        self.deadline.setAccessibleName("Næste frist")
        for label in (self.title, self.address, self.status):
            # Wrap rather than force the pane wider: the view must fit whatever the splitter gives it.
            label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.address)
        layout.addWidget(self.status)
        deadline_row = QHBoxLayout()
        deadline_row.addWidget(self.deadline)
        deadline_row.addStretch(1)
        layout.addLayout(deadline_row)
        # A new tenant's answer to the offer, one click from the case (counted by the statistics).
        self.answer_row = QWidget()
        answer_layout = QHBoxLayout(self.answer_row)
        answer_layout.setContentsMargins(0, 2, 0, 0)
        self.answer = QLabel()
        answer_layout.addWidget(self.answer)
        self.answer_buttons: dict[AdviceOfferAnswer, QPushButton] = {}
        for value in ANSWER_BUTTONS:
            button = QPushButton(value.label)
            button.setCheckable(True)
            button.setAutoDefault(False)
            button.setToolTip(f"Registrér svaret på tilbuddet om rådgivning: {value.label.lower()}")
            button.clicked.connect(lambda _checked=False, v=value: self.answerChosen.emit(v.value))
            answer_layout.addWidget(button)
            self.answer_buttons[value] = button
        answer_layout.addStretch(1)
        layout.addWidget(self.answer_row)
        self.answer_row.setVisible(False)

    def show_answer(self, shown: bool, answer: AdviceOfferAnswer | None) -> None:
        """The new tenant's answer row: shown for a "Ny lejer" case (or one with an answer registered)."""
        self.answer_row.setVisible(shown)
        current = answer.label if answer is not None else "ikke registreret"
        self.answer.setText(f"Svar på tilbud om rådgivning: <b>{current}</b>")
        for value, button in self.answer_buttons.items():
            button.setChecked(value is answer)

    def show_case(self, d: CaseDetails, deadlines: Sequence[DeadlineRow]) -> None:
        """``deadlines``: the case's rows of the Frister list (``desk.frister.for_case``): one rule."""
        self.title.setText(f"{d.number}  ·  {d.tenant.full_name}")
        tenancy = d.tenancy
        parts = [tenancy.full_address, tenancy.estate_name] if tenancy else []
        if tenancy and tenancy.tenancy_number:
            parts.append(f"lejemål {tenancy.tenancy_number}")
        if d.tenant.phone:
            parts.append(f"tlf. {d.tenant.phone}")
        self.address.setText("  ·  ".join(p for p in parts if p))
        status = [d.kind.label, d.phase.label, f"restance {d.timeline.arrears.format()}"]
        if d.adviser_name:
            status.append(d.adviser_name)
        self.status.setText("  ·  ".join(status))
        if d.is_closed and d.closing.closed_on is not None:
            outcome = d.closing.outcome.label if d.closing.outcome else ""
            self.deadline.setText(f"Afsluttet {format_short(d.closing.closed_on)}  ·  {outcome}")
            self.deadline.setStyleSheet("padding: 2px 6px; background: #eeeeee;")
            return
        nxt = next_of(deadlines)
        if nxt is None:
            self.deadline.setText("Ingen frister")
            self.deadline.setToolTip("")
            self.deadline.setStyleSheet("padding: 2px 6px; color: #555;")
            return
        others = len(deadlines) - 1
        more = f"  ·  {others} {'frist' if others == 1 else 'frister'} mere under Frister" if others else ""
        self.deadline.setText(
            f"Næste frist: {format_short(nxt.date)} ({days_left_text(nxt.days_left)})  ·  {nxt.what}{more}"
        )
        self.deadline.setToolTip(nxt.explanation)
        self.deadline.setStyleSheet(f"padding: 2px 6px; font-weight: 600; {URGENCY_STYLE[nxt.urgency]}")


class CaseView(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.case_id: str | None = None
        self.details: CaseDetails | None = None

        self.empty = QLabel("Vælg en sag i listen.")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.header = CaseHeader()
        self.tabs = QTabWidget()
        self.tabs.setUsesScrollButtons(True)
        self.pages: list[CasePage] = []
        for page_class in PAGE_CLASSES:
            page = page_class(ctx)
            page.setMaximumWidth(PAGE_MAX_WIDTH)  # readable line lengths when the view gets the full width
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            scroll.setWidget(page)
            self.tabs.addTab(scroll, page_class.title)
            self.pages.append(page)

        self.case_panel = QWidget()
        panel_layout = QVBoxLayout(self.case_panel)
        panel_layout.setContentsMargins(0, 0, 0, 0)
        panel_layout.setSpacing(4)
        panel_layout.addWidget(self.header)
        panel_layout.addWidget(self.tabs, 1)

        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.case_panel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.setFocusProxy(self.tabs)  # focusing the view puts the keyboard on its section tabs

        self.header.answerChosen.connect(self._answer_chosen)
        ctx.bus.caseSelected.connect(self._selected)
        ctx.bus.changed.connect(self._changed)

    def page(self, page_class: type[CasePage]) -> CasePage:
        return next(p for p in self.pages if isinstance(p, page_class))

    # --- selection ---------------------------------------------------------------------------------
    def _selected(self, case_id: str) -> None:
        self.set_case(case_id or None)

    def set_case(self, case_id: str | None) -> None:
        """Show the case (None: nothing). Unsaved text in the current case's fields is saved first."""
        if case_id == self.case_id and self.details is not None:
            return
        for page in self.pages:
            if self.case_id is not None:
                page.flush()
        self.case_id = case_id
        self.details = None
        if case_id is not None:
            self.ctx.desk.case_view.record_open(case_id)
        self._load(new_case=True)

    # --- loading -------------------------------------------------------------------------------------
    def reload(self) -> None:
        self._load(new_case=False)

    def _load(self, *, new_case: bool) -> None:
        details = self.ctx.desk.case_view.details(self.case_id) if self.case_id is not None else None
        self.details = details
        if details is None:
            self.case_id = None
            self.stack.setCurrentWidget(self.empty)
            return
        deadlines = [] if details.is_closed else self.ctx.desk.frister.for_case(details.id)
        self.header.show_case(details, deadlines)
        answer = self.ctx.desk.statistics.registration(details.id).advice_offer_answer
        self.header.show_answer(details.kind is CaseKind.NEW_TENANT or answer is not None, answer)
        for page in self.pages:
            page.show_details(details, new_case=new_case)
        self.stack.setCurrentWidget(self.case_panel)

    def _answer_chosen(self, value: str) -> None:
        if self.case_id is None:
            return
        case_id = self.case_id
        run_write(
            self,
            self.ctx,
            lambda: self.ctx.desk.statistics.set_registration(case_id, "advice_offer_answer", value),
        )

    # --- redrawing after writes ------------------------------------------------------------------
    def _changed(self, changes: Changes) -> None:
        if self.case_id is not None and changes.touches(self.case_id, *SHOWN_PARTS):
            self.reload()
