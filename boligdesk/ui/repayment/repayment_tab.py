"""The Afdragsordning tab: the arrears, the plan builder and the monthly follow-up side by side.

Left: what the arrears consist of and the plan's versions. Middle: build a plan (or a new version).
Right: the follow-up of the version picked in the history (the active one by default).

Every save goes through the desk; the tab redraws when ``bus.changed`` touches its case's arrears, plan,
budget (the builder shows the budget's room), tenancy (rent, estate policy) or the case itself — its own
saves included, so it needs no echo flag.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import QGroupBox, QLabel, QSplitter, QVBoxLayout, QWidget

from boligdesk.budget.money import Money
from boligdesk.budget.vocabulary import PlanStatus
from boligdesk.errors import UserInputError
from boligdesk.services.changes import Changes, Part
from boligdesk.services.plan_rows import PlanContext, PlanView
from boligdesk.ui.context import AppContext
from boligdesk.ui.repayment.repayment_arrears_panel import ArrearsPanel
from boligdesk.ui.repayment.repayment_builder_panel import PlanBuilderPanel
from boligdesk.ui.repayment.repayment_columns import HISTORY_COLUMNS
from boligdesk.ui.repayment.repayment_follow_up_panel import PlanFollowUpPanel
from boligdesk.ui.shared.table_model import ROW_ROLE, TableModel, make_table_view

#: What the tab shows: a change to one of these parts of its case redraws it.
SHOWN_PARTS = (Part.CASE, Part.ARREARS, Part.PLAN, Part.BUDGET, Part.TENANCY, Part.TENANT, Part.ESTATES)


def policy_text(context: PlanContext) -> str:
    policy = context.policy
    where = (
        f"Afdeling {policy.estate_name}" if policy.estate_name else "Ingen afdeling på sagen (standardregler)"
    )
    return (
        f"{where}: højst {policy.max_months} måneder; over {policy.phone_limit_months} måneder kræver "
        "budget og skriftlig vurdering."
    )


class RepaymentTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.case_id: str | None = None
        self._plans: list[PlanView] = []

        self.header = QLabel()
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.RichText)

        self.arrears = ArrearsPanel(ctx)
        self.builder = PlanBuilderPanel(ctx)
        self.follow_up = PlanFollowUpPanel(ctx)

        self.history_model = TableModel(HISTORY_COLUMNS, self)
        self.history_table = make_table_view(self.history_model, stretch_column=4)
        self.history_table.setAccessibleName("Planens versioner")
        history_box = QGroupBox("Versioner")
        history_layout = QVBoxLayout(history_box)
        history_layout.addWidget(self.history_table)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.arrears, 3)
        left_layout.addWidget(history_box, 2)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.builder)
        self.splitter.addWidget(self.follow_up)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([420, 470, 440])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.header)
        layout.addWidget(self.splitter, 1)

        self.setTabOrder(self.arrears.text, self.history_table)
        self.setTabOrder(self.history_table, self.builder.start)

        self.arrears.changed.connect(self._arrears_changed)
        self.builder.agreed.connect(self._plan_agreed)
        self.history_table.selectionModel().selectionChanged.connect(self._version_picked)
        ctx.bus.caseSelected.connect(self._case_selected)
        ctx.bus.changed.connect(self._changed)
        self.set_case(None)

    # --- which case -------------------------------------------------------------------------------
    def _case_selected(self, case_id: str) -> None:
        self.set_case(case_id or None)

    def set_case(self, case_id: str | None) -> None:
        """Show ``case_id`` (None: no case): its saved draft, arrears, versions and follow-up."""
        context = self._load_context(case_id)
        self.case_id = context.case_id if context is not None else None
        draft = None
        if context is not None:
            draft = self._ctx.desk.plan.draft(context.case_id)
            self._plans = self._ctx.desk.plan.plans(context.case_id)
        else:
            self._plans = []
        self._show_header(context)
        if context is not None:
            self.arrears.set_case(context.case_id, context.rent, context.debt)
        else:
            self.arrears.set_case(None, Money(0), None)
        self.builder.set_case(context, draft, has_active=self._has_active())
        self._show_history(keep=None)

    def _load_context(self, case_id: str | None) -> PlanContext | None:
        if not case_id:
            return None
        try:
            return self._ctx.desk.plan.context(case_id)
        except UserInputError:  # the case is gone (deleted, perhaps on another laptop)
            return None

    def reload(self, select_arrears: str | None = None) -> None:
        """New facts for the same case; what is typed in the builder stays."""
        if self.case_id is None:
            return
        context = self._load_context(self.case_id)
        if context is None:
            self.set_case(None)
            return
        self._plans = self._ctx.desk.plan.plans(context.case_id)
        self._show_header(context)
        self.arrears.set_case(context.case_id, context.rent, context.debt, select_arrears)
        self.builder.refresh_context(context, has_active=self._has_active())
        keep = self._picked_plan()
        self._show_history(keep=keep.id if keep is not None else None)

    def _has_active(self) -> bool:
        return any(p.status is PlanStatus.ACTIVE for p in self._plans)

    def _show_header(self, context: PlanContext | None) -> None:
        if context is None:
            self.header.setText("<b>Ingen sag valgt.</b> Vælg en sag under Sager.")
            return
        self.header.setText(
            f"<b>Sag {context.case_number} · {context.tenant_name}</b> — "
            f"husleje {context.rent.format()} om måneden. {policy_text(context)}"
        )

    # --- versions ---------------------------------------------------------------------------------
    def _show_history(self, keep: str | None) -> None:
        self.history_model.set_rows(self._plans)
        target = keep
        if target is None or not any(p.id == target for p in self._plans):
            current = next((p for p in self._plans if p.status is PlanStatus.ACTIVE), None)
            target = current.id if current is not None else (self._plans[0].id if self._plans else None)
        for number, plan in enumerate(self._plans):
            if plan.id == target:
                self.history_table.selectRow(number)
                break
        self.follow_up.show_plan(self._picked_plan())

    def _picked_plan(self) -> PlanView | None:
        indexes = self.history_table.selectionModel().selectedRows()
        if not indexes:
            return None
        row = indexes[0].data(ROW_ROLE)
        return row if isinstance(row, PlanView) else None

    def _version_picked(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self.follow_up.show_plan(self._picked_plan())

    # --- after saving -----------------------------------------------------------------------------
    def _changed(self, changes: Changes) -> None:
        if self.case_id is None or not changes.touches(self.case_id, *SHOWN_PARTS):
            return
        self.reload(select_arrears=self.arrears.selected_id())

    def _arrears_changed(self, item_id: str) -> None:
        """The arrears panel saved a part; its broadcast has redrawn the tab. Keep ``item_id`` selected."""
        if self.case_id is not None and item_id:
            self.arrears.select(item_id)

    def _plan_agreed(self, plan_id: str) -> None:
        # bus.changed has redrawn the tab already; show the new version in the follow-up.
        self._show_history(keep=plan_id)
