"""Lejer: the tenant's details, whether letters reach them, and the household."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QItemSelection
from PySide6.QtWidgets import (
    QCheckBox,
    QCompleter,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from boligdesk.budget.vocabulary import CivilStatus, Education, LetterDelivery, MemberRole
from boligdesk.services.case_read import CaseDetails, MemberRow
from boligdesk.services.cases import CASE_FIELDS
from boligdesk.services.changes import Changes
from boligdesk.services.household import MemberField
from boligdesk.services.tenant import TENANT_FIELDS, TenantField
from boligdesk.ui.cases.case_fields import (
    HINT_STYLE,
    Write,
    add_row,
    date_edit,
    date_text,
    enum_combo,
    hint_label,
    parse_optional_date,
    row_table,
    selected_id,
)
from boligdesk.ui.cases.case_member_dialog import CaseMemberDialog
from boligdesk.ui.cases.case_member_table_model import MemberTableModel
from boligdesk.ui.cases.case_page import CasePage
from boligdesk.ui.context import AppContext
from boligdesk.ui.shared.desk_ops import run_write
from boligdesk.ui.shared.dialogs import run_modal
from boligdesk.ui.shared.error_label import ErrorLabel
from boligdesk.ui.shared.field_labels import form_label

LANGUAGES = (
    "dansk",
    "engelsk",
    "arabisk",
    "somali",
    "tyrkisk",
    "urdu",
    "persisk",
    "polsk",
    "tigrinya",
    "ukrainsk",
    "grønlandsk",
)
TURNING_18_STYLE = "color: #8a4b00; font-weight: 600;"


class CaseTenantPage(CasePage):
    title = "&Lejer"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        b = self.binder

        def tenant(field: TenantField) -> Callable[[Any], Write]:
            return lambda value: self.ctx.desk.tenant.set_field(self.case(), field, value)

        self.first_name = QLineEdit()
        self.last_name = QLineEdit()
        self.phone = QLineEdit()
        self.email = QLineEdit()
        # Created in the order Tab visits them: left column, then right column.
        self.birth_date = date_edit()
        self.age = hint_label()
        self.language = QLineEdit()
        self.language.setCompleter(QCompleter(list(LANGUAGES), self.language))
        self.civil_status = enum_combo(CivilStatus.choices())
        self.education = enum_combo(Education.choices())
        self.letters = enum_combo(LetterDelivery.choices(), none_text=None)

        errors = {
            name: ErrorLabel() for name in ("first", "last", "phone", "email", "lang", "birth", "letters")
        }
        self.errors = errors
        self._first = b.text(self.first_name, errors["first"], tenant("first_name"))
        self._last = b.text(self.last_name, errors["last"], tenant("last_name"))
        self._phone = b.text(self.phone, errors["phone"], tenant("phone"))
        self._email = b.text(self.email, errors["email"], tenant("email"))
        self._lang = b.text(self.language, errors["lang"], tenant("preferred_language"))
        self._birth = b.line(
            self.birth_date, errors["birth"], parse_optional_date("birth_date"), tenant("birth_date")
        )
        self._civil = b.combo(self.civil_status, None, tenant("civil_status"))
        self._education = b.combo(self.education, None, tenant("education"))
        self._letters = b.combo(
            self.letters,
            errors["letters"],
            lambda v: self.ctx.desk.cases.set_field(self.case(), "letters_reach_tenant", v),
        )

        left = QFormLayout()
        t = TENANT_FIELDS
        add_row(left, form_label(t, "first_name", "F"), self.first_name, errors["first"])
        add_row(left, form_label(t, "last_name", "E"), self.last_name, errors["last"])
        add_row(left, form_label(t, "phone", "o"), self.phone, errors["phone"])
        add_row(left, form_label(t, "email", "m"), self.email, errors["email"])
        right = QFormLayout()
        add_row(right, form_label(t, "birth_date", "ø"), self.birth_date, errors["birth"], self.age)
        add_row(right, form_label(t, "preferred_language", "S"), self.language, errors["lang"])
        right.addRow(self._label(form_label(t, "civil_status", "C"), self.civil_status), self.civil_status)
        right.addRow(self._label(form_label(t, "education", "U"), self.education), self.education)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addSpacing(12)
        columns.addLayout(right, 1)
        letters_form = QFormLayout()
        add_row(
            letters_form,
            form_label(CASE_FIELDS, "letters_reach_tenant", "B"),
            self.letters,
            errors["letters"],
        )

        tenant_box = QGroupBox("Lejer")
        tenant_layout = QVBoxLayout(tenant_box)
        tenant_layout.addLayout(columns)
        tenant_layout.addLayout(letters_form)

        # --- household -----------------------------------------------------------------------------
        self.members = MemberTableModel(self)
        self.table = row_table(self.members, 0, min_height=110, name="Husstandens medlemmer")
        self.table.setMaximumHeight(150)
        self.turning_18 = QLabel()
        self.turning_18.setWordWrap(True)
        self.turning_18.setStyleSheet(TURNING_18_STYLE)
        self.count = hint_label()

        self.member_name = QLineEdit()
        self.member_role = enum_combo(MemberRole.choices(), none_text=None)
        self.member_birth = date_edit()
        self.member_pays = QCheckBox("Betaler &ind")
        self.member_pays.setToolTip("Hjemmeboende over 18 der betaler til husstanden")
        self.member_error = ErrorLabel()
        self.member_hint = hint_label()
        self._m_name = b.text(self.member_name, self.member_error, self._member_setter("name"))
        self._m_role = b.combo(self.member_role, self.member_error, self._member_setter("role"))
        self._m_birth = b.line(
            self.member_birth,
            self.member_error,
            parse_optional_date("birth_date"),
            self._member_setter("birth_date"),
        )
        self._m_pays = b.check(self.member_pays, self.member_error, self._member_setter("pays_in"))
        self.add_button = QPushButton("Tilføj &person…")
        self.remove_button = QPushButton("Fje&rn person")
        self.household_error = ErrorLabel()

        edit_row = QHBoxLayout()
        for text, widget in (
            ("N&avn", self.member_name),
            ("Rolle", self.member_role),
            ("Født", self.member_birth),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            edit_row.addWidget(label)
            edit_row.addWidget(widget, 2 if widget is self.member_name else 0)
        edit_row.addWidget(self.member_pays)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.count, 1)

        household_box = QGroupBox("Husstand")
        household_layout = QVBoxLayout(household_box)
        household_layout.addWidget(self.table)
        household_layout.addWidget(self.turning_18)
        household_layout.addLayout(edit_row)
        household_layout.addWidget(self.member_hint)
        household_layout.addWidget(self.member_error)
        household_layout.addLayout(buttons)
        household_layout.addWidget(self.household_error)

        layout = QVBoxLayout(self)
        layout.addWidget(tenant_box)
        layout.addWidget(household_box)
        layout.addStretch(1)

        self.table.selectionModel().selectionChanged.connect(self._member_selected)
        self.add_button.clicked.connect(self.add_member)
        self.remove_button.clicked.connect(self.remove_member)
        self._set_member_editable(None)

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    def _member_setter(self, field: MemberField) -> Callable[[Any], Changes]:
        def save(value: object) -> Changes:
            member_id = self.selected_member_id()
            if member_id is None:
                return Changes.none()
            return self.ctx.desk.household.set_field(self.case(), member_id, field, value)

        return save

    # --- loading ------------------------------------------------------------------------------------
    def load(self, d: CaseDetails, force: bool) -> None:
        t = d.tenant
        self._first.load(t.first_name, force=force)
        self._last.load(t.last_name, force=force)
        self._phone.load(t.phone, force=force)
        self._email.load(t.email, force=force)
        self._lang.load(t.preferred_language, force=force)
        self._birth.load(date_text(t.birth_date), force=force)
        self.age.setText("" if t.age is None else f"{t.age} år")
        self._civil.load(t.civil_status, force=force)
        self._education.load(t.education, force=force)
        self._letters.load(d.letters_reach_tenant, force=force)

        selected = None if force else self.selected_member_id()
        self.members.set_rows(d.members)
        row = self.members.row_of(selected) if selected else -1
        if row >= 0:
            self.table.selectRow(row)
        else:
            self._member_selected(QItemSelection(), QItemSelection())
        self.turning_18.setText("\n".join(t18.text for t18 in d.turning_18))
        self.turning_18.setVisible(bool(d.turning_18))
        count = d.household_count
        adults = "1 voksen" if count.adults == 1 else f"{count.adults} voksne"
        children = "1 barn" if count.children == 1 else f"{count.children} børn"
        self.count.setText(f"{adults} og {children} under 18 i dag")
        if force:
            self.household_error.clear_message()

    def selected_member_id(self) -> str | None:
        return selected_id(self.table)

    def _member_selected(self, _new: QItemSelection, _old: QItemSelection) -> None:
        member_id = self.selected_member_id()
        row = self.members.row_at(self.members.row_of(member_id)) if member_id else None
        self._set_member_editable(row)

    def _set_member_editable(self, row: MemberRow | None) -> None:
        editable = row is not None and not row.is_tenant
        for widget in (self.member_name, self.member_role, self.member_birth, self.member_pays):
            widget.setEnabled(editable)
        self.remove_button.setEnabled(editable)
        self._m_name.load(row.name if row else "", force=True)
        self._m_role.load(row.role if row else MemberRole.CHILD, force=True)
        self._m_birth.load(date_text(row.birth_date) if row else "", force=True)
        self._m_pays.load(row.pays_in if row else False, force=True)
        if row is None:
            self.member_hint.setText("Vælg en person i tabellen for at rette den.")
        elif row.is_tenant:
            self.member_hint.setText("Lejerens egne oplysninger rettes under »Lejer« øverst.")
        else:
            self.member_hint.setText("")
        self.member_hint.setStyleSheet(HINT_STYLE)
        self.member_hint.setVisible(bool(self.member_hint.text()))

    # --- actions ------------------------------------------------------------------------------------
    def add_member(self) -> str | None:
        if self.case_id is None:
            return None
        dialog = CaseMemberDialog(self.ctx, self.case_id, self)
        if not run_modal(dialog) or dialog.created_id is None:
            return None
        row = self.members.row_of(dialog.created_id)
        if row >= 0:
            self.table.selectRow(row)
        return dialog.created_id

    def remove_member(self) -> None:
        member_id = self.selected_member_id()
        if member_id is None:
            return
        if run_write(
            self,
            self.ctx,
            lambda: self.ctx.desk.household.remove(self.case(), member_id),
            on_input_error=lambda exc: self.household_error.show_message(exc.message),
        ):
            self.household_error.clear_message()
