"""Rådgivning: the advice checklist of DOMAIN.md §5, advice topics and practical help given."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import QComboBox, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from boligdesk.budget.vocabulary import (
    AdviceTopic,
    ChecklistAnswer,
    ChecklistItem,
    CodeCategory,
    PracticalHelp,
)
from boligdesk.services.case_read import CaseDetails
from boligdesk.ui.cases.case_fields import CheckGrid, enum_combo
from boligdesk.ui.cases.case_page import CasePage
from boligdesk.ui.context import AppContext
from boligdesk.ui.shared.error_label import ErrorLabel

ANSWER_COLOURS = {
    ChecklistAnswer.NOT_ASKED: "",
    ChecklistAnswer.YES: "background: #e6f4ea;",
    ChecklistAnswer.NO: "",
    ChecklistAnswer.FOLLOW_UP: "background: #fce8b2;",
}


class CaseAdvicePage(CasePage):
    title = "Rå&dgivning"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.error = ErrorLabel()
        self.answers: dict[ChecklistItem, QComboBox] = {}
        grid = QGridLayout()
        grid.setVerticalSpacing(3)
        for row, item in enumerate(ChecklistItem):
            label = QLabel(item.label)
            combo = enum_combo(ChecklistAnswer.choices(), none_text=None)
            combo.setAccessibleName(item.label)
            label.setBuddy(combo)
            combo.currentIndexChanged.connect(lambda _i, it=item: self._answered(it))
            grid.addWidget(label, row, 0)
            grid.addWidget(combo, row, 1)
            self.answers[item] = combo
        grid.setColumnStretch(0, 1)
        checklist_box = QGroupBox("Tjekliste for den økonomiske rådgivning")
        QVBoxLayout(checklist_box).addLayout(grid)

        self.topics = CheckGrid(AdviceTopic.choices(), columns=1)
        self.topics.toggled.connect(lambda code, on: self._code(CodeCategory.ADVICE_TOPIC, code, on))
        topics_box = QGroupBox("Rådgivet om")
        QVBoxLayout(topics_box).addWidget(self.topics)
        self.help = CheckGrid(PracticalHelp.choices(), columns=1)
        self.help.toggled.connect(lambda code, on: self._code(CodeCategory.PRACTICAL_HELP, code, on))
        help_box = QGroupBox("Praktisk hjælp givet")
        QVBoxLayout(help_box).addWidget(self.help)
        given = QHBoxLayout()
        given.addWidget(topics_box, 1)
        given.addWidget(help_box, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(checklist_box)
        layout.addLayout(given)
        layout.addWidget(self.error)
        layout.addStretch(1)

    def _answered(self, item: ChecklistItem) -> None:
        answer = ChecklistAnswer(self.answers[item].currentData())
        self.answers[item].setStyleSheet(ANSWER_COLOURS[answer])
        self.run(
            lambda: self.ctx.desk.registration.set_checklist_answer(self.case(), item, answer), self.error
        )

    def _code(self, category: CodeCategory, code: str, on: bool) -> None:
        self.run(lambda: self.ctx.desk.registration.set_code(self.case(), category, code, on), self.error)

    def load(self, d: CaseDetails, force: bool) -> None:
        for item, combo in self.answers.items():
            answer = d.checklist_answer(item)
            with QSignalBlocker(combo):
                combo.setCurrentIndex(max(combo.findData(answer.value), 0))
            combo.setStyleSheet(ANSWER_COLOURS[answer])
        self.topics.set_checked(d.selected(CodeCategory.ADVICE_TOPIC))
        self.help.set_checked(d.selected(CodeCategory.PRACTICAL_HELP))
        if force:
            self.error.clear_message()
