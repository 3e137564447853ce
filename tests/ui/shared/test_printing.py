"""The one print helper: save atomically and record once, record nothing when a dialog is cancelled, print on
the PDF's own paper at no more than 300 dpi."""

from __future__ import annotations

import errno
import io
import os
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from reportlab.lib.pagesizes import A6, landscape
from reportlab.pdfgen import canvas

from boligdesk.errors import UserInputError
from boligdesk.models import atomic
from boligdesk.ui.shared import printing


def small_pdf(size: tuple[float, float] = (144, 72), pages: int = 1) -> bytes:
    """A PDF of ``pages`` pages of ``size`` points, with some text and a filled box."""
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=size)
    for page in range(pages):
        pdf.rect(10, 10, 40, 20, fill=1)
        pdf.drawString(12, size[1] - 20, f"Side {page + 1}")
        pdf.showPage()
    pdf.save()
    return out.getvalue()


class Recorder:
    """A ``make`` callable that counts how often it rendered and recorded."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.calls = 0

    def __call__(self) -> bytes:
        self.calls += 1
        return self.data


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: shown.append(text))
    return shown


def answer_save_dialog(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.setattr(printing.QFileDialog, "getSaveFileName", lambda *a, **k: (name, "PDF-filer (*.pdf)"))


# --- save -------------------------------------------------------------------------------------------
def test_save_writes_the_bytes_and_records_once(
    monkeypatch: pytest.MonkeyPatch, parent: QWidget, tmp_path: Path, warnings: list[str]
) -> None:
    make = Recorder(small_pdf())
    answer_save_dialog(monkeypatch, str(tmp_path / "ny mappe" / "budget"))
    path = printing.save_pdf(make, "budget.pdf", parent)
    assert path == tmp_path / "ny mappe" / "budget.pdf"
    assert path.read_bytes() == make.data
    assert make.calls == 1
    assert os.listdir(path.parent) == ["budget.pdf"]  # no temporary file left behind
    assert warnings == []


def test_a_failed_save_keeps_the_old_file_whole_and_says_why_in_danish(
    monkeypatch: pytest.MonkeyPatch, parent: QWidget, tmp_path: Path, warnings: list[str]
) -> None:
    target = tmp_path / "brev.pdf"
    target.write_bytes(b"%PDF det gamle brev")

    def disk_full(_src: object, _dst: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", disk_full)
    answer_save_dialog(monkeypatch, str(target))
    assert printing.save_pdf(Recorder(small_pdf()), "brev.pdf", parent) is None
    assert target.read_bytes() == b"%PDF det gamle brev"
    assert os.listdir(tmp_path) == ["brev.pdf"]
    assert len(warnings) == 1 and "ikke mere plads på disken" in warnings[0]


def test_a_cancelled_save_dialog_records_nothing(
    monkeypatch: pytest.MonkeyPatch, parent: QWidget, tmp_path: Path
) -> None:
    make = Recorder(small_pdf())
    answer_save_dialog(monkeypatch, "")
    assert printing.save_pdf(make, str(tmp_path / "budget.pdf"), parent) is None
    assert make.calls == 0
    assert list(tmp_path.iterdir()) == []


def test_a_refused_make_is_shown_and_nothing_is_written(
    monkeypatch: pytest.MonkeyPatch, parent: QWidget, tmp_path: Path, warnings: list[str]
) -> None:
    def refused() -> bytes:
        raise UserInputError("case", "budget.none", "Sag 2026-0002 har intet budget endnu.")

    answer_save_dialog(monkeypatch, str(tmp_path / "budget.pdf"))
    assert printing.save_pdf(refused, "budget.pdf", parent) is None
    assert warnings == ["Sag 2026-0002 har intet budget endnu."]
    assert list(tmp_path.iterdir()) == []


# --- print ------------------------------------------------------------------------------------------
def file_printer(monkeypatch: pytest.MonkeyPatch, out: Path, resolution: int | None = None) -> None:
    """Printing goes to a PDF file instead of a printer, at ``resolution`` dpi."""

    class FilePrinter(QPrinter):
        def __init__(self, mode: QPrinter.PrinterMode) -> None:
            super().__init__(mode)
            self.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            self.setOutputFileName(str(out))
            if resolution is not None:
                self.setResolution(resolution)

    monkeypatch.setattr(printing, "QPrinter", FilePrinter)


def test_a_cancelled_print_dialog_records_nothing(
    monkeypatch: pytest.MonkeyPatch, parent: QWidget, tmp_path: Path
) -> None:
    file_printer(monkeypatch, tmp_path / "printed.pdf")
    monkeypatch.setattr(printing, "_print_dialog_accepted", lambda *_a: False)
    make = Recorder(small_pdf())
    assert not printing.print_pdf(make, parent, paper=make.data)
    assert make.calls == 0
    assert not (tmp_path / "printed.pdf").exists()


def test_print_makes_once_and_prints_every_page_on_the_pdfs_own_paper(
    monkeypatch: pytest.MonkeyPatch, parent: QWidget, tmp_path: Path
) -> None:
    out = tmp_path / "printed.pdf"
    file_printer(monkeypatch, out)
    monkeypatch.setattr(printing, "_print_dialog_accepted", lambda *_a: True)
    make = Recorder(small_pdf(landscape(A6), pages=2))  # the postcard: A6 landscape
    assert printing.print_pdf(make, parent)  # no preview at hand: the paper comes from the made PDF
    assert make.calls == 1
    printed = PdfReader(out)
    assert len(printed.pages) == 2
    box = printed.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (148, 105)


@pytest.mark.parametrize(("resolution", "expected_dpi"), [(1200, 300), (150, 150)])
def test_pages_are_rendered_at_no_more_than_300_dpi(
    monkeypatch: pytest.MonkeyPatch, parent: QWidget, tmp_path: Path, resolution: int, expected_dpi: int
) -> None:
    out = tmp_path / "printed.pdf"
    file_printer(monkeypatch, out, resolution)
    monkeypatch.setattr(printing, "_print_dialog_accepted", lambda *_a: True)
    assert printing.print_pdf(Recorder(small_pdf((144, 72))), parent)  # 2 × 1 inch
    [image] = PdfReader(out).pages[0].images
    assert image.image is not None
    assert image.image.size == (2 * expected_dpi, expected_dpi)


# --- where "Gem som PDF" starts, and saying where the file went -------------------------------------------
def test_save_starts_in_documents_boligdesk_case_number_never_the_working_directory(
    monkeypatch: pytest.MonkeyPatch, parent: QWidget, tmp_path: Path
) -> None:
    documents = tmp_path / "Dokumenter"
    monkeypatch.setattr(printing, "documents_folder", lambda: documents)
    asked: list[str] = []

    def dialog(_parent: object, _title: str, start: str, _filter: str) -> tuple[str, str]:
        asked.append(start)
        return "", ""

    monkeypatch.setattr(printing.QFileDialog, "getSaveFileName", dialog)
    assert (
        printing.save_pdf(Recorder(small_pdf()), "budget-2026-0007.pdf", parent, case_number="2026-0007")
        is None
    )
    assert asked == [str(documents / "BoligDesk" / "2026-0007" / "budget-2026-0007.pdf")]
    assert (documents / "BoligDesk" / "2026-0007").is_dir()
    assert not Path(asked[0]).parent.samefile(Path.cwd())
    # Without a case number it starts in Dokumenter/BoligDesk.
    printing.save_pdf(Recorder(small_pdf()), "kuverter.pdf", parent)
    assert asked[1] == str(documents / "BoligDesk" / "kuverter.pdf")


def test_after_saving_it_says_where_the_file_went_and_offers_to_open_it(
    monkeypatch: pytest.MonkeyPatch, parent: QWidget, tmp_path: Path, warnings: list[str]
) -> None:
    opened: list[Path] = []
    monkeypatch.setattr(printing, "open_file", lambda path: opened.append(path) or True)
    answer_save_dialog(monkeypatch, str(tmp_path / "brev.pdf"))
    path = printing.save_pdf(Recorder(small_pdf()), "brev.pdf", parent)
    assert path == tmp_path / "brev.pdf"
    box = parent.findChild(QMessageBox)
    assert box is not None and box.isVisible()
    assert "brev.pdf" in box.text() and str(tmp_path) in box.text()
    buttons = {b.text().replace("&", ""): b for b in box.buttons()}
    assert set(buttons) == {"Åbn PDF", "Åbn mappen", "Luk"}
    buttons["Åbn PDF"].click()
    assert opened == [path]


def test_a_failed_or_cancelled_save_says_nothing_was_saved_where(
    monkeypatch: pytest.MonkeyPatch, parent: QWidget, tmp_path: Path
) -> None:
    answer_save_dialog(monkeypatch, "")
    printing.save_pdf(Recorder(small_pdf()), "brev.pdf", parent)
    assert parent.findChild(QMessageBox) is None
