"""Indstillinger → Boligorganisationer og afdelinger, with each estate's repayment policy."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from boligdesk.errors import UserInputError
from boligdesk.services.organisations import EstateRow, look_like_duplicates
from boligdesk.ui.context import AppContext
from boligdesk.ui.shared.desk_ops import run_write
from boligdesk.ui.shared.error_label import ErrorLabel


def _one_line(address: str) -> str:
    """A stored address (lines) as the one-line field shows it; letters split it at commas again."""
    return ", ".join(line.strip() for line in address.splitlines() if line.strip())


class EstatesDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._rows: list[EstateRow] = []
        self.setWindowTitle("Boligorganisationer og afdelinger")
        self.resize(820, 460)

        self.list = QListWidget()
        self.new_estate = QPushButton("&Ny afdeling")
        self.new_association = QPushButton("Ny &boligorganisation…")
        self.merge = QPushButton("&Flet afdelinger …")
        self.merge.setToolTip(
            "Gør to afdelinger til én: sagerne i den anden flyttes hertil, og den anden slettes."
        )
        self.duplicates_note = QLabel()
        self.duplicates_note.setWordWrap(True)
        self.duplicates_note.hide()

        self.association = QComboBox()
        self.number = QLineEdit()
        self.number.setMaximumWidth(90)
        self.name = QLineEdit()
        self.association_address = QLineEdit()
        self.association_address.setPlaceholderText("fx Søvej 2, 2620 Albertslund")
        self.association_address.setToolTip(
            "Udlejerens adresse på afdragsaftalen. Gælder alle boligorganisationens afdelinger."
        )
        self.estate_address = QLineEdit()
        self.estate_address.setPlaceholderText("bruges kun, når boligorganisationen ingen adresse har")
        self.max_months = QSpinBox()
        self.max_months.setRange(1, 12)
        self.max_months.setSuffix(" mdr.")
        self.phone_months = QSpinBox()
        self.phone_months.setRange(1, 12)
        self.phone_months.setSuffix(" mdr.")
        self.save = QPushButton("&Gem afdeling")
        self.error = ErrorLabel()

        form_box = QGroupBox("Afdeling")
        form = QFormLayout(form_box)
        form.addRow("Boligorgani&sation", self.association)
        form.addRow("Boligorganisationens a&dresse", self.association_address)
        form.addRow("Afdelings&nr.", self.number)
        form.addRow("&Navn", self.name)
        form.addRow("Afdelingens adr&esse", self.estate_address)
        form.addRow("Længste &afdragsordning", self.max_months)
        form.addRow("Længste aftale pr. &telefon", self.phone_months)
        note = QLabel(
            "Afdragsordninger ud over telefongrænsen kræver et budget og din skriftlige vurdering. "
            "Projektets afdelinger brugte 12 måneder som maksimum, én afdeling 6."
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        form.addRow(note)
        form.addRow(self.error)
        form.addRow("", self.save)

        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        left.addWidget(self.duplicates_note)
        buttons_row = QHBoxLayout()
        buttons_row.addWidget(self.new_estate)
        buttons_row.addWidget(self.new_association)
        buttons_row.addWidget(self.merge)
        left.addLayout(buttons_row)

        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addWidget(form_box, 1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText("Luk")
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(close)

        self.list.currentRowChanged.connect(self._show_row)
        self.new_estate.clicked.connect(self._start_new)
        self.new_association.clicked.connect(self._add_association)
        self.save.clicked.connect(self._save)
        self.association.currentIndexChanged.connect(self._show_association_address)
        self.merge.clicked.connect(self._merge)
        self._editing_id: str | None = None
        self.reload()

    def reload(self, select_id: str | None = None) -> None:
        estates = self._ctx.desk.estates
        self._rows = estates.rows()
        self.association.clear()
        for association_id, name in estates.associations():
            self.association.addItem(name, association_id)
        self.list.clear()
        association = None
        first_item: QListWidgetItem | None = None
        select_item: QListWidgetItem | None = None
        for row in self._rows:
            if row.association_name != association:
                association = row.association_name
                header = QListWidgetItem(association)
                font = header.font()
                font.setBold(True)
                header.setFont(font)
                header.setFlags(Qt.ItemFlag.NoItemFlags)
                self.list.addItem(header)
            item = QListWidgetItem(f"    {row.number} {row.name} · højst {row.max_plan_months} mdr.")
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            self.list.addItem(item)
            first_item = first_item or item
            if row.id == select_id:
                select_item = item
        target = select_item or first_item
        if target is not None:
            self.list.setCurrentItem(target)
        else:
            self._start_new()
        groups = estates.duplicates()
        self.duplicates_note.setText(
            "Afdelinger, der ligner dubletter (fx efter synkronisering af to profiler, der blev oprettet "
            "hver for sig): "
            + "; ".join(" = ".join(f"{r.association_name} · {r.number} {r.name}" for r in g) for g in groups)
            + ". Vælg den ene og tryk »Flet afdelinger«."
            if groups
            else ""
        )
        self.duplicates_note.setVisible(bool(groups))
        self.merge.setEnabled(len(self._rows) > 1)

    def _show_row(self, index: int) -> None:
        item = self.list.item(index)
        estate_id = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        row = next((r for r in self._rows if r.id == estate_id), None)
        if row is None:
            return
        self._editing_id = row.id
        self.association.setCurrentIndex(max(0, self.association.findData(row.association_id)))
        self.number.setText(row.number)
        self.name.setText(row.name)
        self.estate_address.setText(_one_line(row.address))
        self._show_association_address()
        self.max_months.setValue(row.max_plan_months)
        self.phone_months.setValue(row.phone_plan_max_months)
        self.error.clear_message()

    def _start_new(self) -> None:
        self._editing_id = None
        self.list.clearSelection()
        self.number.clear()
        self.name.clear()
        self.estate_address.clear()
        self._show_association_address()
        self.max_months.setValue(12)
        self.phone_months.setValue(3)
        self.number.setFocus()

    def _show_association_address(self) -> None:
        association_id = self.association.currentData()
        self.association_address.setText(
            _one_line(self._ctx.desk.estates.association_address(str(association_id)))
            if association_id
            else ""
        )

    def _add_association(self) -> None:
        name, ok = QInputDialog.getText(self, "Ny boligorganisation", "Navn:")
        if not ok:
            return
        created = run_write(
            self, self._ctx, lambda: self._ctx.desk.estates.add_association(name), on_input_error=self._show
        )
        if created is not None:
            self.reload(self._editing_id)

    def _save(self) -> None:
        self.error.clear_message()
        association_id = str(self.association.currentData() or "")
        if association_id:
            typed = self.association_address.text()
            stored = _one_line(self._ctx.desk.estates.association_address(association_id))
            if typed.strip() != stored.strip():
                address_saved = run_write(
                    self,
                    self._ctx,
                    lambda: self._ctx.desk.estates.set_association_address(association_id, typed),
                    on_input_error=self._show,
                )
                if address_saved is None:
                    return
        saved = run_write(
            self,
            self._ctx,
            lambda: self._ctx.desk.estates.save_estate(
                estate_id=self._editing_id,
                association_id=association_id,
                number=self.number.text(),
                name=self.name.text(),
                max_plan_months=self.max_months.value(),
                phone_plan_max_months=self.phone_months.value(),
                address=self.estate_address.text(),
            ),
            on_input_error=self._show,
        )
        if saved is not None:
            self.reload(saved.id)

    def merge_candidates(self) -> list[EstateRow]:
        """The estates that can be merged into the selected one: look-alikes first, then the rest."""
        keep = next((r for r in self._rows if r.id == self._editing_id), None)
        if keep is None:
            return []
        others = [r for r in self._rows if r.id != keep.id]
        return sorted(others, key=lambda r: not look_like_duplicates(keep, r))

    def _merge(self) -> None:
        self.error.clear_message()
        keep = next((r for r in self._rows if r.id == self._editing_id), None)
        candidates = self.merge_candidates()
        if keep is None or not candidates:
            self.error.show_message("Vælg først den afdeling, der skal blive, på listen.")
            return
        labels = [f"{r.association_name} · {r.number} {r.name}".strip() for r in candidates]
        chosen, ok = QInputDialog.getItem(
            self,
            "Flet afdelinger",
            f"Sagerne i den valgte afdeling flyttes til »{keep.association_name} · {keep.number} {keep.name}«,\n"
            "som beholder sine regler for afdragsordninger. Den valgte afdeling slettes (også hos kollegerne\n"
            "ved næste synkronisering).\n\nFlet denne afdeling ind:",
            labels,
            0,
            False,
        )
        if not ok or chosen not in labels:
            return
        retire = candidates[labels.index(chosen)]
        merged = run_write(
            self,
            self._ctx,
            lambda: self._ctx.desk.estates.merge(keep.id, retire.id),
            on_input_error=self._show,
        )
        if merged is not None:
            self.reload(keep.id)

    def _show(self, exc: UserInputError) -> None:
        self.error.show_message(exc.message)
