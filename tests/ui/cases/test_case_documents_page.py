"""Dokumenter on the case: attach (button and drop), a refused file explained, view inside BoligDesk
without a plaintext copy on disk, save as, delete with confirmation; the total shown."""

from __future__ import annotations

import datetime as dt
import io
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDropEvent, QFont, QImage, QPainter
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from boligdesk.models.store import Store
from boligdesk.services.desk import Desk
from boligdesk.ui.cases import case_documents_page
from boligdesk.ui.cases.case_documents_page import CaseDocumentsPage, DocumentViewer
from boligdesk.ui.cases.case_view import CaseView
from boligdesk.ui.context import AppContext
from tests.db.case_setup import new_case
from tests.db.test_documents import MARKER, assert_no_plaintext

TODAY = dt.date(2026, 12, 10)


def letter_pdf(heading: str, lines: list[str]) -> bytes:
    """An invented letter as a real PDF (reportlab), with the test marker in its metadata."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4)
    c.setTitle(MARKER.decode())
    c.setFont("Helvetica-Bold", 18)
    c.drawString(72, 760, heading)
    c.setFont("Helvetica", 11)
    for i, line in enumerate(lines):
        c.drawString(72, 720 - i * 16, line)
    c.showPage()
    c.save()
    return out.getvalue()


def scan_png(path: Path) -> None:
    image = QImage(600, 400, QImage.Format.Format_RGB32)
    image.fill(QColor("#f7f4ec"))
    painter = QPainter(image)
    painter.setFont(QFont("DejaVu Sans", 20))
    painter.drawText(40, 80, "Aftale om afdrag (scannet)")
    painter.setFont(QFont("DejaVu Sans", 12))
    painter.drawText(40, 140, "Opdigtet Boligselskab og lejeren aftaler 500 kr. pr. måned.")
    painter.drawLine(40, 320, 260, 300)
    painter.drawText(40, 350, "Underskrift")
    painter.end()
    assert image.save(str(path), "PNG")


@pytest.fixture
def ctx(store: Store) -> AppContext:
    return AppContext(Desk(store, adviser_name="Rikke Rådgiver", today=lambda: TODAY))


@pytest.fixture
def view(qtbot: QtBot, ctx: AppContext, store: Store) -> Iterator[CaseView]:
    view = CaseView(ctx)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    qtbot.waitExposed(view)
    view.set_case(new_case(store))
    yield view


@pytest.fixture
def page(view: CaseView) -> CaseDocumentsPage:
    found = view.page(CaseDocumentsPage)
    assert isinstance(found, CaseDocumentsPage)
    view.tabs.setCurrentIndex(view.pages.index(found))
    return found


def files(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "scannede"
    folder.mkdir(exist_ok=True)
    paakrav = folder / "paakrav.pdf"
    paakrav.write_bytes(
        letter_pdf(
            "PÅKRAV",
            ["Opdigtet Boligselskab, afdeling 7", "Restance: 13.000,00 kr.", "Betales senest 14 dage efter."],
        )
    )
    summons = folder / "fogedret.pdf"
    summons.write_bytes(letter_pdf("Indkaldelse til fogedretten", ["Mødedato: 12.01.2027 kl. 9.30"]))
    scan = folder / "aftale.png"
    scan_png(scan)
    return {"paakrav": paakrav, "summons": summons, "scan": scan}


def fill(page: CaseDocumentsPage, kind: str, title: str, received: str) -> None:
    page.kind.setCurrentIndex(page.kind.findText(kind))
    page.doc_title.setText(title)
    page.received_on.setText(received)


def drop(page: CaseDocumentsPage, *paths: Path) -> None:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    event = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    page.dropEvent(event)


def test_attach_by_button_and_by_drop_then_view_save_and_delete(
    page: CaseDocumentsPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    found = files(tmp_path)
    assert page.total.text() == "Ingen dokumenter"

    fill(page, "Påkrav", "Påkrav fra Opdigtet Boligselskab", "01.12.2026")
    chosen = str(found["paakrav"])
    monkeypatch.setattr(
        case_documents_page.QFileDialog, "getOpenFileName", lambda *a, **k: (chosen, "Dokumenter")
    )
    page.attach_button.click()
    assert page.attach_error.text() == ""
    fill(page, "Indkaldelse fra fogedretten", "", "08.12.2026")
    drop(page, found["summons"])
    fill(page, "Underskrevet aftale", "Afdragsaftale, underskrevet", "09.12.2026")
    drop(page, found["scan"])
    assert page.attach_error.text() == ""
    cells = [[str(page.documents.index(r, c).data()) for c in (0, 1, 2, 3)] for r in range(3)]
    assert cells == [
        ["Underskrevet aftale", "Afdragsaftale, underskrevet", "09.12.2026", "aftale.png"],
        ["Indkaldelse fra fogedretten", "Indkaldelse fra fogedretten", "08.12.2026", "fogedret.pdf"],
        ["Påkrav", "Påkrav fra Opdigtet Boligselskab", "01.12.2026", "paakrav.pdf"],
    ]
    assert page.total.text().startswith("3 dokumenter, ") and page.total.text().endswith(" i alt")

    # A text file renamed .pdf is refused with the reason; nothing is added.
    fake = tmp_path / "falsk.pdf"
    fake.write_text("ikke en pdf", encoding="utf-8")
    drop(page, fake)
    assert "ikke en PDF-fil" in page.attach_error.text()
    assert page.documents.rowCount() == 3

    # Vis: the PDF inside BoligDesk, from memory.
    shown: list[DocumentViewer] = []

    def look(dialog: DocumentViewer) -> bool:
        shown.append(dialog)
        assert dialog.pdf_view is not None and dialog.document.pageCount() == 1
        return False

    monkeypatch.setattr(case_documents_page, "run_modal", look)
    page.table.selectRow(2)
    page.view_button.click()
    page.table.selectRow(0)
    monkeypatch.setattr(
        case_documents_page, "run_modal", lambda d: shown.append(d) or d.image_label.pixmap().width() == 600
    )
    page.view_button.click()
    assert len(shown) == 2 and shown[1].image_label is not None
    assert_no_plaintext(temp, page.ctx.desk.profile_folder)

    # Gem som: where the adviser chooses.
    target = tmp_path / "ud" / "aftale-kopi.png"
    monkeypatch.setattr(
        case_documents_page.QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "Dokument")
    )
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a, **k: told.append(text))
    page.save_button.click()
    assert target.read_bytes() == found["scan"].read_bytes()
    assert told and "aftale-kopi.png" in told[0]

    # Slet asks first; "No" keeps it, "Yes" deletes it.
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: answers.pop(0))
    page.table.selectRow(0)
    page.delete_button.click()
    assert page.documents.rowCount() == 3
    page.table.selectRow(0)
    page.delete_button.click()
    assert page.documents.rowCount() == 2 and page.total.text().startswith("2 dokumenter, ")


def test_screenshot_of_the_tab_with_three_documents_and_the_viewer(
    view: CaseView, page: CaseDocumentsPage, tmp_path: Path, qtbot: QtBot
) -> None:
    found = files(tmp_path)
    for kind, title, day, key in (
        ("Påkrav", "Påkrav fra Opdigtet Boligselskab", "01.12.2026", "paakrav"),
        ("Indkaldelse fra fogedretten", "", "08.12.2026", "summons"),
        ("Underskrevet aftale", "Afdragsaftale, underskrevet", "09.12.2026", "scan"),
    ):
        fill(page, kind, title, day)
        assert page.attach_path(found[key]), page.attach_error.text()
    page.table.selectRow(2)
    qtbot.wait(50)  # let the layout take the new total's width
    view.grab().save("/tmp/attach16_documents_tab_only.png")
    opened = page.ctx.desk.documents.content(page.documents.row_at(2).id)
    viewer = DocumentViewer(opened, lambda: None, view)
    viewer.resize(700, 560)
    viewer.show()
    qtbot.waitExposed(viewer)
    qtbot.wait(200)
    QApplication.processEvents()
    shot = view.grab().toImage()
    painter = QPainter(shot)
    painter.drawImage(640, 180, viewer.grab().toImage())
    painter.end()
    shot.save("/tmp/attach16_documents_tab.png")
    viewer.close()
    viewer.deleteLater()
    scan = DocumentViewer(page.ctx.desk.documents.content(page.documents.row_at(0).id), lambda: None, view)
    scan.resize(700, 560)
    scan.show()
    qtbot.waitExposed(scan)
    assert scan.image_label is not None and scan.image_label.pixmap().width() == 600
    scan.grab().save("/tmp/attach16_image_viewer.png")
    scan.close()
    scan.deleteLater()


def test_the_sync_window_shows_the_documents_stored_for_the_team(
    qtbot: QtBot, ctx: AppContext, store: Store, tmp_path: Path
) -> None:
    from boligdesk.ui.sync.sync_dialog import SyncDialog

    case_id = new_case(store)
    ctx.desk.documents.attach(case_id, files(tmp_path)["scan"], kind="signed_agreement")
    dialog = SyncDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    size = ctx.desk.documents.for_case(case_id).rows[0].size_text
    assert f"Dokumenter på sagerne: 1 dokument, {size} i alt" in dialog.status.text()


def test_dropping_two_files_attaches_both_and_a_refused_one_stops_the_rest(
    page: CaseDocumentsPage, tmp_path: Path
) -> None:
    found = files(tmp_path)
    fill(page, "Afgørelse om ydelse", "Afgørelse om boligstøtte", "02.12.2026")
    drop(page, found["paakrav"], found["summons"])
    assert [page.documents.row_at(r).title for r in range(2)] == ["Afgørelse om boligstøtte"] * 2
    empty = tmp_path / "tom.pdf"
    empty.write_bytes(b"")
    drop(page, empty, found["scan"])
    assert "er tom (0 byte)" in page.attach_error.text()
    assert page.documents.rowCount() == 2
