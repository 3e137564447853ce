"""The one way BoligDesk previews, prints and saves a PDF (letters, budget, envelope sheets).

* :class:`PdfPreviewDialog` / :func:`preview_pdf` show a PDF (QtPdf) that is not recorded, with
  "Udskriv…" and "Gem som PDF…".
* :func:`print_pdf` asks for a printer, then prints every page on the PDF's own paper (size and orientation
  from its first page, no extra margins: the address lands in the envelope window where the PDF puts it),
  rendered at the printer's resolution but at most :data:`MAX_DPI`.
* :func:`save_pdf` asks for a file name — starting in Dokumenter/BoligDesk/<sagsnr>, never the program's
  working directory — then writes the bytes atomically (a crash never leaves half a file), says in Danish
  when it cannot, and afterwards says where the file went and offers to open it or its folder.

Printing and saving take ``make``: the function that renders the PDF *and records it* (on the case, in the
audit log). It is called only after the adviser confirmed the print or save dialog, so a cancelled dialog
records nothing. A refused ``make`` (:class:`UserInputError`, :class:`StoreError`) is shown in a message box.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QMarginsF,
    QRect,
    QSize,
    QSizeF,
    QStandardPaths,
    Qt,
    QUrl,
)
from PySide6.QtGui import QDesktopServices, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QMessageBox, QVBoxLayout, QWidget

from boligdesk.errors import StoreError, UserInputError
from boligdesk.services.files import atomic_write_bytes, os_error_message
from boligdesk.ui.shared.dialogs import run_modal

MakePdf = Callable[[], bytes]

MAX_DPI = 300  # enough for text; keeps one rendered A4 page under ~35 MB


def load_document(data: bytes, parent: QWidget) -> tuple[QPdfDocument, QBuffer]:
    """A QPdfDocument over the bytes; keep the returned buffer alive as long as the document."""
    buffer = QBuffer(parent)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument(parent)
    document.load(buffer)
    return document, buffer


def _readable(document: QPdfDocument) -> bool:
    return document.status() == QPdfDocument.Status.Ready and document.pageCount() > 0


def _make(make: MakePdf, parent: QWidget, title: str) -> bytes | None:
    try:
        return make()
    except (UserInputError, StoreError) as exc:
        QMessageBox.warning(parent, title, exc.message)
        return None


# --- preview ----------------------------------------------------------------------------------------
class PdfPreviewDialog(QDialog):
    """Shows a PDF, with Udskriv and Gem som PDF (which make and record a fresh copy)."""

    def __init__(
        self, data: bytes, title: str, suggested_name: str, make: MakePdf, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(860, 720)
        self.document, self._buffer = load_document(data, self)
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
        self.print_button.clicked.connect(lambda: print_pdf(make, self, paper=data))
        self.save_button.clicked.connect(lambda: save_pdf(make, suggested_name, self))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(buttons)


def preview_pdf(preview: MakePdf, make: MakePdf, title: str, suggested_name: str, parent: QWidget) -> None:
    """Show ``preview()`` (records nothing); its buttons print or save ``make()``."""
    data = _make(preview, parent, title)
    if data is not None:
        run_modal(PdfPreviewDialog(data, title, suggested_name, make, parent))


# --- print ------------------------------------------------------------------------------------------
def prepare_printer(printer: QPrinter, document: QPdfDocument) -> None:
    """Paper size and orientation from the PDF's first page; no extra margins (the PDF has its own)."""
    size_pt = document.pagePointSize(0)
    landscape = size_pt.width() > size_pt.height()
    portrait_size = QSizeF(min(size_pt.width(), size_pt.height()), max(size_pt.width(), size_pt.height()))
    page_size = QPageSize(portrait_size, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
    orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    printer.setPageLayout(QPageLayout(page_size, orientation, QMarginsF(0, 0, 0, 0)))
    printer.setFullPage(True)


def render_dpi(printer: QPrinter) -> int:
    """The resolution pages are rendered at: the printer's, but at most :data:`MAX_DPI`."""
    return min(printer.resolution(), MAX_DPI)


def render_to_printer(data: bytes, printer: QPrinter, parent: QWidget) -> bool:
    """Print every page at :func:`render_dpi`. False, with a message, on failure."""
    document, _buffer = load_document(data, parent)
    if not _readable(document):
        QMessageBox.warning(parent, "Udskriv", "PDF-filen kunne ikke læses, så den blev ikke udskrevet.")
        return False
    painter = QPainter()
    if not painter.begin(printer):
        QMessageBox.warning(parent, "Udskriv", "Printeren kunne ikke startes. Tjek at den er tændt og valgt.")
        return False
    try:
        dpi = render_dpi(printer)
        for page in range(document.pageCount()):
            if page:
                printer.newPage()
            size_pt = document.pagePointSize(page)
            image = document.render(
                page, QSize(round(size_pt.width() * dpi / 72), round(size_pt.height() * dpi / 72))
            )
            area = painter.viewport()
            target = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(area.topLeft(), target), image)
    finally:
        painter.end()
    return True


def _print_dialog_accepted(printer: QPrinter, parent: QWidget, title: str) -> bool:
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(title)
    return run_modal(dialog)


def print_pdf(make: MakePdf, parent: QWidget, *, title: str = "Udskriv", paper: bytes = b"") -> bool:
    """Ask for a printer, then make the PDF and print every page on its own paper. True when printed.

    ``paper``: a PDF already at hand (the preview) whose page size the print dialog starts with.
    """
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if paper:
        document, _buffer = load_document(paper, parent)
        if _readable(document):
            prepare_printer(printer, document)
    if not _print_dialog_accepted(printer, parent, title):
        return False
    data = _make(make, parent, title)
    if data is None:
        return False
    document, _buffer = load_document(data, parent)
    if _readable(document):
        prepare_printer(printer, document)
    return render_to_printer(data, printer, parent)


# --- save -------------------------------------------------------------------------------------------
def write_pdf(path: Path, data: bytes) -> None:
    """Write the file atomically; any OS problem becomes a Danish :class:`StoreError`."""
    try:
        atomic_write_bytes(path, data, what="PDF-filen")
    except OSError as exc:  # creating a missing folder can fail outside atomic_write_bytes' own handling
        raise os_error_message(exc, "PDF-filen") from exc


def documents_folder() -> Path:
    """The adviser's documents folder (Dokumenter), or the home folder when the system names none."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


def pdf_folder(case_number: str = "") -> Path:
    """Where "Gem som PDF…" starts: Dokumenter/BoligDesk/<sagsnr> (created when it can be)."""
    folder = documents_folder() / "BoligDesk"
    safe = "".join(ch for ch in case_number if ch.isalnum() or ch in "-_").strip("-_")
    if safe:
        folder = folder / safe
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        # A folder that cannot be made (read-only or full disk) must not stop the save: start higher up.
        return next((p for p in (folder.parent, documents_folder()) if p.is_dir()), Path.home())
    return folder


def start_path(suggested_name: str, case_number: str = "") -> str:
    """The save dialog's starting file: the suggested name in :func:`pdf_folder` (a full path is kept)."""
    suggested = Path(suggested_name)
    if suggested.is_absolute():
        return str(suggested)
    return str(pdf_folder(case_number) / suggested.name)


def open_file(path: Path) -> bool:
    """Open a file or folder with the system's own program (PDF reader, file manager)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def tell_saved(parent: QWidget, path: Path, title: str) -> QMessageBox:
    """Say where the PDF went, with "Åbn PDF" and "Åbn mappen". Not blocking: the box closes itself."""
    box = QMessageBox(
        QMessageBox.Icon.Information,
        title,
        f"PDF-filen er gemt som\n{path.name}\n\ni mappen\n{path.parent}",
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    open_pdf = box.addButton("&Åbn PDF", QMessageBox.ButtonRole.ActionRole)
    open_folder = box.addButton("Åbn &mappen", QMessageBox.ButtonRole.ActionRole)
    close = box.addButton("&Luk", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(close)
    box.setEscapeButton(close)
    open_pdf.clicked.connect(lambda: open_file(path))
    open_folder.clicked.connect(lambda: open_file(path.parent))
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def save_pdf(
    make: MakePdf,
    suggested_name: str,
    parent: QWidget,
    *,
    title: str = "Gem som PDF",
    case_number: str = "",
) -> Path | None:
    """Ask where to save (starting in Dokumenter/BoligDesk/<sagsnr>), then make the PDF and write it
    there, and say where it went. The path written, or None."""
    start = start_path(suggested_name, case_number)
    name, _filter = QFileDialog.getSaveFileName(parent, title, start, "PDF-filer (*.pdf)")
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() != ".pdf":
        path = path.with_suffix(".pdf")
    data = _make(make, parent, title)
    if data is None:
        return None
    try:
        write_pdf(path, data)
    except StoreError as exc:
        QMessageBox.warning(parent, title, exc.message)
        return None
    tell_saved(parent, path, title)
    return path
