"""Preview, print and save PDFs from the Budget tab and the envelope dialog (QtPdf, QPrinter).

A preview shows a PDF that is not recorded; printing and saving ask first (printer, file name) and only
then call ``make()`` — the function that renders the PDF *and records it on the case* — so a cancelled
dialog leaves no "printed" record behind.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QMessageBox, QVBoxLayout, QWidget

from boligdesk.errors import StoreError, UserInputError

MakePdf = Callable[[], bytes]


def _document(data: bytes, parent: QWidget) -> tuple[QPdfDocument, QBuffer]:
    buffer = QBuffer(parent)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument(parent)
    document.load(buffer)
    return document, buffer


def _make(make: MakePdf, parent: QWidget, title: str) -> bytes | None:
    try:
        return make()
    except (UserInputError, StoreError) as exc:
        QMessageBox.warning(parent, title, exc.message)
        return None


class PdfPreviewDialog(QDialog):
    """Shows a PDF, with Udskriv and Gem som PDF (which make and record a fresh copy)."""

    def __init__(
        self, data: bytes, title: str, suggested_name: str, make: MakePdf, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(860, 720)
        self.document, self._buffer = _document(data, self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        if close_button is not None:
            close_button.setText("&Luk")
        self.print_button = buttons.addButton("&Udskriv…", QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button = buttons.addButton("Gem som &PDF…", QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.clicked.connect(lambda: print_pdf(make, self))
        self.save_button.clicked.connect(lambda: save_pdf(make, suggested_name, self))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(buttons)


def preview_pdf(preview: MakePdf, make: MakePdf, title: str, suggested_name: str, parent: QWidget) -> None:
    data = _make(preview, parent, title)
    if data is not None:
        PdfPreviewDialog(data, title, suggested_name, make, parent).exec()


def print_pdf(make: MakePdf, parent: QWidget) -> bool:
    """Ask for a printer, then make the PDF and print every page. True when printed."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Udskriv")
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    data = _make(make, parent, "Udskriv")
    return data is not None and render_to_printer(data, printer, parent)


def render_to_printer(data: bytes, printer: QPrinter, parent: QWidget) -> bool:
    document, _buffer = _document(data, parent)
    if document.status() != QPdfDocument.Status.Ready:
        QMessageBox.warning(parent, "Udskriv", "PDF-filen kunne ikke læses, så den blev ikke udskrevet.")
        return False
    painter = QPainter()
    if not painter.begin(printer):
        QMessageBox.warning(parent, "Udskriv", "Printeren kunne ikke startes. Tjek at den er tændt og valgt.")
        return False
    try:
        dpi = printer.resolution()
        for page in range(document.pageCount()):
            if page:
                printer.newPage()
            size_pt = document.pagePointSize(page)
            target = QSize(int(size_pt.width() * dpi / 72), int(size_pt.height() * dpi / 72))
            image = document.render(page, target)
            area = painter.viewport()
            scaled = target.scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(area.topLeft(), scaled), image)
    finally:
        painter.end()
    return True


def save_pdf(make: MakePdf, suggested_name: str, parent: QWidget) -> Path | None:
    """Ask where to save, then make the PDF and write it there (only where the user chose)."""
    name, _filter = QFileDialog.getSaveFileName(parent, "Gem som PDF", suggested_name, "PDF-filer (*.pdf)")
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() != ".pdf":
        path = path.with_suffix(".pdf")
    data = _make(make, parent, "Gem som PDF")
    if data is None:
        return None
    try:
        path.write_bytes(data)
    except OSError as exc:
        QMessageBox.warning(
            parent, "Gem som PDF", f"Filen kunne ikke gemmes i {path.parent}: {exc.strerror or exc}."
        )
        return None
    return path
