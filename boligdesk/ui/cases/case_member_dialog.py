"""Add a person to the household: name, adult/child, birth date, pays in. Validated before saving."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from boligdesk.budget.vocabulary import MemberRole
from boligdesk.errors import UserInputError
from boligdesk.services.household import MEMBER_FIELDS, NewMember
from boligdesk.ui.cases.case_fields import add_row, date_edit, enum_combo, parse_optional_date
from boligdesk.ui.context import AppContext
from boligdesk.ui.shared.buttons import ok_cancel_buttons
from boligdesk.ui.shared.desk_ops import run_write
from boligdesk.ui.shared.error_label import ErrorLabel
from boligdesk.ui.shared.field_labels import form_label


class CaseMemberDialog(QDialog):
    def __init__(self, ctx: AppContext, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._case_id = case_id
        self.created_id: str | None = None
        self.setWindowTitle("Tilføj person til husstanden")
        self.setMinimumWidth(420)

        self.name = QLineEdit()
        self.role: QComboBox = enum_combo(MemberRole.choices(), none_text=None)
        self.role.setCurrentIndex(self.role.findData(MemberRole.CHILD.value))
        self.birth_date = date_edit()
        self.pays_in = QCheckBox("&Betaler til husstanden (hjemmeboende over 18)")
        self.name_error = ErrorLabel()
        self.birth_error = ErrorLabel()
        self.error = ErrorLabel()

        form = QFormLayout()
        add_row(form, form_label(MEMBER_FIELDS, "name", "N"), self.name, self.name_error)
        add_row(form, form_label(MEMBER_FIELDS, "role", "R"), self.role, ErrorLabel())
        add_row(form, form_label(MEMBER_FIELDS, "birth_date", "F"), self.birth_date, self.birth_error)
        form.addRow("", self.pays_in)

        buttons = ok_cancel_buttons("&Tilføj", self.save, self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.name.setFocus()

    def save(self) -> None:
        for label in (self.name_error, self.birth_error, self.error):
            label.clear_message()
        try:
            birth = parse_optional_date("birth_date")(self.birth_date.text())
        except UserInputError as exc:
            self._show(exc)
            return
        member = NewMember(
            name=self.name.text(),
            role=MemberRole(self.role.currentData()),
            birth_date=birth,
            pays_in=self.pays_in.isChecked(),
        )
        created = run_write(
            self,
            self._ctx,
            lambda: self._ctx.desk.household.add(self._case_id, member),
            on_input_error=self._show,
        )
        if created is None:
            return
        self.created_id = created.id
        self.accept()

    def _show(self, exc: UserInputError) -> None:
        target = {"name": (self.name_error, self.name), "birth_date": (self.birth_error, self.birth_date)}
        label, widget = target.get(exc.field, (self.error, self.name))
        label.show_message(exc.message)
        widget.setFocus()
