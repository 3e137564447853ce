"""Udlevér oplysninger: review everything stored about the case's citizen, redact, save PDF and JSON.

Every stored row is listed under its section with a check box: ticked rows are released. Rows that may
hold other people's data (household members other than the tenant, journal notes, contact notes,
letters) start unticked, marked "andre personer"; the adviser reads them and decides. Staff names can
be left out as a whole. Saving writes the PDF and a JSON file next to it and records the release.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from boligdesk.errors import StoreError
from boligdesk.services.access_export import AccessExport
from boligdesk.ui.context import AppContext
from boligdesk.ui.shared.desk_ops import run_write, show_error
from boligdesk.ui.shared.printing import pdf_folder

KEY_ROLE = Qt.ItemDataRole.UserRole


class AccessDialog(QDialog):
    def __init__(self, ctx: AppContext, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.export: AccessExport = ctx.desk.access.collect(case_id)
        self.setWindowTitle(f"Udlevér oplysninger — sag {self.export.case_number}")
        self.resize(900, 640)
        intro = QLabel(
            "Her er alt, der er gemt om sagen. Afkrydsede oplysninger udleveres. Oplysninger, der kan handle "
            "om <b>andre personer</b> (husstanden, journalen, kontaktnoter, breve), er ikke afkrydset: læs "
            "dem, og afkryds dem, der kun handler om borgeren."
        )
        intro.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Oplysning", "Bemærkning"])
        self.tree.setColumnWidth(0, 640)
        self.items: list[QTreeWidgetItem] = []
        for title, rows in self.export.sections():
            if not rows:
                continue
            section = QTreeWidgetItem([f"{title} ({len(rows)})", ""])
            self.tree.addTopLevelItem(section)
            for row in rows:
                note = "andre personer" if row.others else ("slettet, men gemt" if row.deleted else "")
                item = QTreeWidgetItem([row.summary or "(tom)", note])
                item.setData(0, KEY_ROLE, row.key)
                item.setCheckState(0, Qt.CheckState.Unchecked if row.others else Qt.CheckState.Checked)
                item.setToolTip(0, "\n".join(f"{v.label}: {v.shown}" for v in row.values if v.shown))
                section.addChild(item)
                self.items.append(item)
            section.setExpanded(True)
        self.hide_staff = QCheckBox("Udelad &medarbejdernes navne")
        self.status = QLabel()
        self.tree.itemChanged.connect(lambda *_: self._count())
        buttons = QDialogButtonBox()
        save = buttons.addButton("&Gem PDF og JSON…", QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = buttons.addButton("&Annullér", QDialogButtonBox.ButtonRole.RejectRole)
        save.clicked.connect(self.save)
        cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.hide_staff)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self._count()

    def redacted(self) -> list[str]:
        return [str(i.data(0, KEY_ROLE)) for i in self.items if i.checkState(0) != Qt.CheckState.Checked]

    def _count(self) -> None:
        left = len(self.redacted())
        self.status.setText(f"{len(self.items) - left} oplysninger udleveres, {left} udelades.")

    def save(self) -> None:
        start = str(pdf_folder(self.export.case_number) / f"Indsigt sag {self.export.case_number}.pdf")
        name, _f = QFileDialog.getSaveFileName(self, "Gem udlevering", start, "PDF-filer (*.pdf)")
        if not name:
            return
        self.save_to(Path(name))

    def save_to(self, path: Path) -> bool:
        redacted, hide = self.redacted(), self.hide_staff.isChecked()
        try:
            released = run_write(
                self,
                self.ctx,
                lambda: self.ctx.desk.access.release(self.export, path, redacted, hide_staff=hide),
            )
        except StoreError as exc:  # pragma: no cover - run_write shows it already
            show_error(self, exc)
            return False
        if released is None:
            return False
        QMessageBox.information(self, "Udlevér oplysninger", "\n".join(released.lines()))
        self.accept()
        return True
