"""Dokumenter: the documents received on the case — the påkrav, the ophævelse, the fogedret's summons,
benefit decisions, the signed agreement scanned (issue 16).

A file is attached with "Vedhæft fil…" or by dropping it on the tab; the type, title and date received
are taken from the fields above the button. "Vis" shows a PDF (QPdfView over the bytes in memory) or an
image (QPixmap) inside BoligDesk: nothing is written to disk. "Gem som…" writes a copy where the adviser
chooses (recorded in the audit log); "Slet" asks first.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QImage, QPixmap
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from boligdesk.budget.documents import LIMIT_TEXT, SUFFIXES, DocumentKind, total_text
from boligdesk.errors import StoreError, UserInputError
from boligdesk.services.case_read import CaseDetails
from boligdesk.services.documents import DocumentRow, OpenedDocument
from boligdesk.ui.cases.case_fields import date_edit, hint_label, row_table, select_id, selected_id
from boligdesk.ui.cases.case_page import CasePage
from boligdesk.ui.context import AppContext
from boligdesk.ui.shared.dialogs import run_modal
from boligdesk.ui.shared.error_label import ErrorLabel
from boligdesk.ui.shared.form_grid import add_labelled_columns
from boligdesk.ui.shared.printing import documents_folder, load_document, pdf_folder
from boligdesk.ui.shared.table_model import Column, TableModel

OPEN_FILTER = "Dokumenter (*.pdf *.png *.jpg *.jpeg);;PDF-filer (*.pdf);;Billeder (*.png *.jpg *.jpeg)"
ERASED_COLOUR = "#777777"


def documents_model(parent: QWidget) -> TableModel[DocumentRow]:
    return TableModel(
        (
            Column("Type", lambda r: r.kind.label, width=170),
            Column("Titel", lambda r: r.title, width=220),
            Column("Modtaget", lambda r: r.received_text, width=80),
            Column("Fil", lambda r: r.file_name if not r.erased else "(filen er slettet)", width=180),
            Column("Størrelse", lambda r: r.size_text, align_right=True, width=75),
            Column("Vedhæftet af", lambda r: r.added_by, width=120),
            Column("Vedhæftet", lambda r: f"{r.added_on:%d.%m.%Y}", width=80),
        ),
        parent,
        tooltip=lambda r: f"SHA-256: {r.sha256}" if r.sha256 else None,
        style=lambda r: (ERASED_COLOUR if r.erased else None, None, None),
    )


class DocumentViewer(QDialog):
    """A document shown inside BoligDesk, from the bytes in memory (never a temporary file)."""

    def __init__(self, opened: OpenedDocument, save: object, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = opened.row
        self.setWindowTitle(f"{row.kind.label}: {row.title}")
        self.resize(820, 700)
        layout = QVBoxLayout(self)
        facts = QLabel(
            f"{row.file_name}  ·  {row.size_text}  ·  modtaget {row.received_text or 'ukendt dato'}  ·  "
            f"vedhæftet {row.added_on:%d.%m.%Y} af {row.added_by or 'ukendt'}"
        )
        facts.setWordWrap(True)
        layout.addWidget(facts)
        self.pdf_view: QPdfView | None = None
        self.image_label: QLabel | None = None
        self._buffer: QBuffer | None = None
        if row.file_type is not None and row.file_type.is_image:
            image = QImage.fromData(opened.data)
            self.image_label = QLabel()
            self.image_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            if image.isNull():
                self.image_label.setText(
                    "Billedet kunne ikke vises (filen kan være beskadiget). Prøv »Gem som…«."
                )
            else:
                pixmap = QPixmap.fromImage(image)
                if pixmap.width() > 760:
                    pixmap = pixmap.scaledToWidth(760, Qt.TransformationMode.SmoothTransformation)
                self.image_label.setPixmap(pixmap)
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setWidget(self.image_label)
            layout.addWidget(scroll, 1)
        else:
            self.document, self._buffer = load_document(opened.data, self)
            self.pdf_view = QPdfView(self)
            self.pdf_view.setDocument(self.document)
            self.pdf_view.setPageMode(QPdfView.PageMode.MultiPage)
            self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
            layout.addWidget(self.pdf_view, 1)
            if self.document.status() != QPdfDocument.Status.Ready:
                layout.addWidget(
                    QLabel("PDF-filen kunne ikke vises (den kan være beskadiget). Prøv »Gem som…«.")
                )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        if close_button is not None:
            close_button.setText("&Luk")
        self.save_button = buttons.addButton("&Gem som…", QDialogButtonBox.ButtonRole.ActionRole)
        assert callable(save)
        self.save_button.clicked.connect(save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class CaseDocumentsPage(CasePage):
    title = "Dokumenter"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setAcceptDrops(True)
        self.documents = documents_model(self)
        self.table = row_table(self.documents, 1, min_height=150, name="Dokumenter")
        self.table.doubleClicked.connect(lambda *_: self.view_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        self.total = QLabel(total_text(0, 0))
        self.total.setAccessibleName("Dokumenter i alt")
        bold = self.total.font()
        bold.setBold(True)
        self.total.setFont(bold)

        self.view_button = QPushButton("&Vis")
        self.save_button = QPushButton("&Gem som…")
        self.delete_button = QPushButton("&Slet")
        self.view_button.clicked.connect(self.view_selected)
        self.save_button.clicked.connect(self.save_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.error = ErrorLabel()
        row_buttons = QHBoxLayout()
        row_buttons.addWidget(self.total)
        row_buttons.addStretch(1)
        for button in (self.view_button, self.save_button, self.delete_button):
            row_buttons.addWidget(button)

        # --- a new document: the fields, then the file (button or drop)
        self.kind = QComboBox()
        for kind in DocumentKind:
            self.kind.addItem(kind.label, kind.value)
        self.doc_title = QLineEdit()
        self.doc_title.setMaxLength(200)
        self.doc_title.setPlaceholderText("fx Påkrav fra boligselskabet (tom: typen)")
        self.received_on = date_edit()
        self.attach_button = QPushButton("&Vedhæft fil…")
        self.attach_button.clicked.connect(self.choose_file)
        self.attach_error = ErrorLabel()
        grid = QGridLayout()
        add_labelled_columns(
            grid, [("&Type", self.kind), ("T&itel", self.doc_title), ("&Modtaget", self.received_on)]
        )
        attach_row = QHBoxLayout()
        attach_row.addWidget(
            hint_label(f"PDF, PNG eller JPEG, højst {LIMIT_TEXT} pr. fil. Du kan også trække filen hertil."),
            1,
        )
        attach_row.addWidget(self.attach_button)
        new_box = QGroupBox("Nyt dokument")
        new_layout = QVBoxLayout(new_box)
        new_layout.addLayout(grid)
        new_layout.addLayout(attach_row)
        new_layout.addWidget(self.attach_error)

        layout = QVBoxLayout(self)
        layout.addWidget(
            hint_label(
                "Breve og afgørelser, sagen har modtaget: påkrav, ophævelse, indkaldelse fra fogedretten, "
                "afgørelser om ydelser, den underskrevne aftale. Filerne gemmes krypteret i BoligDesk og "
                "synkroniseres med teamet."
            )
        )
        layout.addWidget(self.table)
        layout.addLayout(row_buttons)
        layout.addWidget(self.error)
        layout.addWidget(new_box)
        layout.addStretch(1)
        self.viewer: DocumentViewer | None = None
        self._enable()

    # --- showing ------------------------------------------------------------------------------------
    def load(self, details: CaseDetails, force: bool) -> None:
        chosen = None if force else selected_id(self.table)
        listed = self.ctx.desk.documents.for_case(details.id)
        self.documents.set_rows(listed.rows)
        self.total.setText(listed.total_text)
        if force:
            self.doc_title.clear()
            self.received_on.setValue(self.today())
            self.kind.setCurrentIndex(0)
            self.attach_error.clear_message()
            self.error.clear_message()
        select_id(self.table, chosen)
        self._enable()

    def _chosen(self) -> DocumentRow | None:
        chosen = selected_id(self.table)
        return next((r for r in self.documents.rows() if r.id == chosen), None)

    def _enable(self) -> None:
        row = self._chosen()
        for button in (self.view_button, self.save_button):
            button.setEnabled(row is not None and not row.erased)
        self.delete_button.setEnabled(row is not None)

    # --- attaching ----------------------------------------------------------------------------------
    def choose_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, "Vedhæft dokument", str(documents_folder()), OPEN_FILTER
        )
        if name:
            self.attach_path(Path(name))

    def attach_path(self, path: Path) -> bool:
        """Attach ``path`` with the type, title and date in the fields; True when it was saved."""
        case_id = self.case()
        kind, title = self.kind.currentData(), self.doc_title.text()
        try:
            received = self.received_on.value()
        except UserInputError as exc:
            self.attach_error.show_message(exc.message)
            return False
        saved = self.run(
            lambda: self.ctx.desk.documents.attach(
                case_id, path, kind=kind, title=title, received_on=received
            ),
            self.attach_error,
        )
        if saved:
            self.doc_title.clear()
        return saved

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        if self.case_id is not None and urls and all(url.isLocalFile() for url in urls):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        """Each dropped file is attached with the fields' type, title and date; a refusal stops there."""
        urls = event.mimeData().urls()
        if self.case_id is None or not urls or not all(url.isLocalFile() for url in urls):
            return
        event.acceptProposedAction()
        title = self.doc_title.text()
        for url in urls:
            self.doc_title.setText(title)  # the same title for each file of one drop
            if not self.attach_path(Path(url.toLocalFile())):
                break

    # --- the chosen document ------------------------------------------------------------------------
    def view_selected(self) -> None:
        row = self._chosen()
        if row is None or row.erased:
            return
        try:
            opened = self.ctx.desk.documents.content(row.id)
        except (UserInputError, StoreError) as exc:
            self.error.show_message(exc.message)
            return
        self.error.clear_message()
        self.viewer = DocumentViewer(opened, lambda: self.save_document(row, self.viewer), self)
        run_modal(self.viewer)
        self.viewer = None

    def save_selected(self) -> None:
        row = self._chosen()
        if row is not None and not row.erased:
            self.save_document(row, self)

    def save_document(self, row: DocumentRow, parent: QWidget | None) -> Path | None:
        suffix = row.file_type.suffix if row.file_type is not None else Path(row.file_name).suffix
        number = self.details.number if self.details is not None else ""
        start = str(pdf_folder(number) / (Path(row.file_name).stem + suffix))
        patterns = " ".join(f"*{s}" for s, t in SUFFIXES.items() if t is row.file_type) or "*"
        name, _f = QFileDialog.getSaveFileName(
            parent or self, "Gem dokumentet som", start, f"Dokument ({patterns})"
        )
        if not name:
            return None
        try:
            path = self.ctx.desk.documents.save_as(row.id, Path(name))
        except (UserInputError, StoreError) as exc:
            QMessageBox.warning(parent or self, "Gem som", exc.message)
            return None
        self.error.clear_message()
        QMessageBox.information(
            parent or self, "Gem som", f"Dokumentet er gemt som\n{path.name}\n\ni mappen\n{path.parent}"
        )
        return path

    def delete_selected(self) -> None:
        row = self._chosen()
        if row is None:
            return
        answer = QMessageBox.question(
            self,
            "Slet dokument",
            f"Slet »{row.title}« ({row.file_name}) fra sagen? Det slettes også på kollegernes computere "
            "ved næste synkronisering.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        case_id = self.case()
        self.run(lambda: self.ctx.desk.documents.delete(case_id, row.id), self.error)
