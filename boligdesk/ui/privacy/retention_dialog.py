"""Indstillinger → Opbevaring og sletning: the retention setting, and the closed cases past it.

The organisation sets the period, the reference it relies on and what happens after it; nothing is
preset (the field says "ikke sat"), since BoligDesk does not know the rule that binds the organisation.
The list shows closed cases past the date; "Slet personoplysninger" anonymises the chosen ones after a
confirmation that says what goes and what stays.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from boligdesk.budget.calendar import format_short
from boligdesk.errors import UserInputError
from boligdesk.services.retention import ACTIONS, ANONYMISE, KEEP, DueCase
from boligdesk.ui.context import AppContext
from boligdesk.ui.shared.desk_ops import run_write
from boligdesk.ui.shared.error_label import ErrorLabel
from boligdesk.ui.shared.table_model import Column, TableModel, make_table_view
from boligdesk.ui.window_size import fit_dialog

#: Room for the settings and a dozen rows of cases; shrunk to the screen (it opened 700 px tall, taller
#: than a 1366×768 laptop leaves for a dialog under its taskbar).
PREFERRED_SIZE = QSize(860, 640)

WHAT_GOES = (
    "Navne, fødselsdatoer, telefon, e-mail, adresse og lejemålsnummer, alle tekster (journal, noter, "
    "vurderinger, breve) og brevenes PDF slettes. Tilbage bliver det, statistikken bruger: afdeling, "
    "sagsnummer, datoer, beløb, antal, registreringer og udfald — og revisionsloggen. "
    "Det kan ikke fortrydes. De andre computere i teamet sletter det samme ved næste synkronisering."
)


def confirm_and_erase(parent: QWidget, ctx: AppContext, case_ids: list[str]) -> bool:
    """Ask, then erase ``case_ids``; True when erased."""
    what = "den valgte sag" if len(case_ids) == 1 else f"de {len(case_ids)} valgte sager"
    answer = QMessageBox.question(
        parent,
        "Slet personoplysninger",
        f"Slet personoplysningerne i {what}?\n\n{WHAT_GOES}",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return False
    result = run_write(parent, ctx, lambda: ctx.desk.erasure.erase(case_ids))
    if result is None:
        return False
    QMessageBox.information(parent, "Slet personoplysninger", "\n".join(result.lines()))
    return True


class RetentionDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Opbevaring og sletning")
        policy = ctx.desk.retention.policy()

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setStyleSheet("font-weight: bold;")
        self.status.setMinimumHeight(self.status.fontMetrics().lineSpacing() * 3 + 4)
        self.months = QLineEdit("" if policy.months is None else str(policy.months))
        self.months.setPlaceholderText("ikke sat")
        self.months.setMaximumWidth(90)
        self.reference = QLineEdit(policy.reference)
        self.reference.setPlaceholderText("ikke sat — fx »Organisationens slettepolitik af 1.3.2026«")
        self.choice = QButtonGroup(self)
        self.anonymise = QRadioButton(ACTIONS[ANONYMISE])
        self.keep = QRadioButton(ACTIONS[KEEP])
        row = QHBoxLayout()
        for button in (self.anonymise, self.keep):
            self.choice.addButton(button)
            row.addWidget(button)
        row.addStretch(1)
        self.anonymise.setChecked(policy.action == ANONYMISE)
        self.keep.setChecked(policy.action == KEEP)
        self.error = ErrorLabel()
        save = QPushButton("&Gem indstillingen")
        save.clicked.connect(self.save)
        note = QLabel(
            "BoligDesk kender ikke de regler, der gælder for jeres organisation, og foreslår derfor ingen "
            "periode. Skriv den periode og det grundlag, I selv har besluttet (egen politik, arkivregler "
            "for en kommune, databehandleraftalen). Indstillingen gælder for hele teamet."
        )
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Opbevar lukkede sager (&måneder efter lukning)", self.months)
        form.addRow("G&rundlag", self.reference)
        form.addRow("Derefter", row)
        settings = QGroupBox("Opbevaringsperiode")
        box = QVBoxLayout(settings)
        box.addWidget(self.status)
        box.addWidget(note)
        box.addLayout(form)
        box.addWidget(self.error)
        box.addWidget(save)

        self.model: TableModel[DueCase] = TableModel(
            [
                Column("Sag", lambda r: r.number, width=90),
                Column("Lejer", lambda r: r.tenant_name, width=220),
                Column("Lukket", lambda r: format_short(r.closed_on), sort_key=lambda r: r.closed_on),
                Column("Udløb", lambda r: format_short(r.due_on), sort_key=lambda r: r.due_on),
            ],
            self,
            id_of=lambda r: r.case_id,
        )
        self.table = make_table_view(self.model, stretch_column=1)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.due_label = QLabel()
        self.erase_button = QPushButton("&Slet personoplysninger i de valgte…")
        self.erase_button.clicked.connect(self.erase_selected)
        due = QGroupBox("Lukkede sager efter opbevaringsperioden")
        due_box = QVBoxLayout(due)
        due_box.addWidget(self.due_label)
        due_box.addWidget(self.table, 1)
        due_box.addWidget(self.erase_button)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("&Luk")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(settings)
        layout.addWidget(due, 1)
        layout.addWidget(buttons)
        self.refresh()
        fit_dialog(self, PREFERRED_SIZE)

    def refresh(self) -> None:
        policy = self.ctx.desk.retention.policy()
        self.status.setText(policy.text())
        rows = self.ctx.desk.retention.due(policy)
        self.model.set_rows(rows)
        if not policy.is_set:
            self.due_label.setText("Opbevaringsperioden er ikke sat, så ingen sager vises.")
        elif not rows:
            self.due_label.setText("Ingen lukkede sager er over opbevaringsperioden.")
        else:
            keep = " Organisationen har valgt at beholde dem." if policy.action == KEEP else ""
            what = "1 sag er" if len(rows) == 1 else f"{len(rows)} sager er"
            self.due_label.setText(f"{what} over opbevaringsperioden.{keep}")
        self.erase_button.setEnabled(bool(rows) and policy.action == ANONYMISE)

    def save(self) -> None:
        self.error.clear_message()
        action = ANONYMISE if self.anonymise.isChecked() else KEEP if self.keep.isChecked() else ""

        def shown(exc: UserInputError) -> None:
            self.error.show_message(exc.message)

        call = lambda: self.ctx.desk.retention.set_policy(self.months.text(), self.reference.text(), action)  # noqa: E731
        if run_write(self, self.ctx, call, on_input_error=shown) is not None:
            self.refresh()

    def selected(self) -> list[str]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.row_at(r).case_id for r in rows]

    def erase_selected(self) -> None:
        chosen = self.selected()
        if not chosen:
            QMessageBox.information(
                self, "Slet personoplysninger", "Vælg de sager, der skal slettes, på listen."
            )
            return
        if confirm_and_erase(self, self.ctx, chosen):
            self.refresh()
