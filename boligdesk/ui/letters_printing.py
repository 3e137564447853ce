"""Printing a letter's PDF bytes on a real printer (QPrintDialog, QPdfDocument.render, QPrinter).

The printer is set to the letter's own paper (A4 portrait, or A6 landscape for the postcard) and full-page
mode, so the address lands in the envelope window exactly where the PDF puts it.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRect, QSize, QSizeF, Qt
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

MAX_DPI = 300  # enough for text; keeps one rendered A4 page under ~35 MB


def load_document(data: bytes, parent: QWidget) -> tuple[QPdfDocument, QBuffer]:
    """A QPdfDocument over the bytes; keep the returned buffer alive as long as the document."""
    buffer = QBuffer(parent)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument(parent)
    document.load(buffer)
    return document, buffer


def prepare_printer(printer: QPrinter, document: QPdfDocument) -> None:
    """Paper size and orientation from the PDF's first page; no extra margins (the PDF has its own)."""
    size_pt = document.pagePointSize(0)
    landscape = size_pt.width() > size_pt.height()
    portrait_size = QSizeF(min(size_pt.width(), size_pt.height()), max(size_pt.width(), size_pt.height()))
    page_size = QPageSize(portrait_size, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
    orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    printer.setPageLayout(QPageLayout(page_size, orientation, QMarginsF(0, 0, 0, 0)))
    printer.setFullPage(True)


def render_to_printer(data: bytes, printer: QPrinter, parent: QWidget) -> bool:
    """Print every page at the printer's resolution (at most 300 dpi). False, with a message, on failure."""
    document, _buffer = load_document(data, parent)
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() == 0:
        QMessageBox.warning(parent, "Udskriv", "Brevet kunne ikke læses, så det blev ikke udskrevet.")
        return False
    painter = QPainter()
    if not painter.begin(printer):
        QMessageBox.warning(parent, "Udskriv", "Printeren kunne ikke startes. Tjek at den er tændt og valgt.")
        return False
    try:
        dpi = min(printer.resolution(), MAX_DPI)
        for page in range(document.pageCount()):
            if page:
                printer.newPage()
            size_pt = document.pagePointSize(page)
            image = document.render(
                page, QSize(int(size_pt.width() * dpi / 72), int(size_pt.height() * dpi / 72))
            )
            area = painter.viewport()
            target = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(area.topLeft(), target), image)
    finally:
        painter.end()
    return True


def print_pdf(data: bytes, parent: QWidget) -> bool:
    """Ask for a printer (Danish dialog title) and print. True when it was printed."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    document, _buffer = load_document(data, parent)
    if document.status() == QPdfDocument.Status.Ready and document.pageCount():
        prepare_printer(printer, document)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Udskriv brev")
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    return render_to_printer(data, printer, parent)
