"""A tab whose feature is not built yet: shows the selected case and says what will come there."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from boligdesk.models import Case
from boligdesk.ui.context import AppContext


class PlaceholderTab(QWidget):
    def __init__(self, ctx: AppContext, coming: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.case_label = QLabel()
        self.case_label.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.coming = QLabel(coming)
        self.coming.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.case_label)
        layout.addWidget(self.coming)
        layout.addStretch(1)
        layout.setAlignment(Qt.AlignmentFlag.AlignTop)
        ctx.bus.caseSelected.connect(self.set_case)
        self.set_case(None)

    def set_case(self, case_id: str | None) -> None:
        if not case_id:
            self.case_label.setText("Ingen sag valgt — vælg en sag under Sager.")
            return
        with self._ctx.store.session() as s:
            case = s.get(Case, case_id)
            text = f"Sag {case.number} · {case.tenant.full_name}" if case is not None else ""
        self.case_label.setText(text)
