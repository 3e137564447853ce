"""``boligdesk pdf guide --out FILE``: the whole guide for the binder, run as a user would (subprocess)."""

from __future__ import annotations

import io
import re
from pathlib import Path

from pypdf import PdfReader

from boligdesk.ui.guide import content
from tests.cli.test_pdf_command import run_pdf


def test_pdf_guide_prints_every_chapter_with_screens_and_shortcuts(tmp_path: Path) -> None:
    out = tmp_path / "mappe" / "vejledning.pdf"
    result = run_pdf("guide", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))
    for chapter in content.chapters():
        assert chapter.title in text, chapter.title
    assert "Ctrl+L" in text  # the shortcut list is made from the menus, also in the printed guide
    assert "Ctrl+Q" in text  # built offscreen, where Qt knows no standard Quit key
    assert "14 dage" in text
    images = sum(len(page.images) for page in reader.pages)
    assert images >= 5, "the screenshots are printed too"
    # The contents on page 1 give each chapter's page, and the chapter starts on that page.
    pages = [re.sub(r"\s+", "", page.extract_text()) for page in reader.pages]
    contents = re.sub(r"\s+", " ", reader.pages[0].extract_text())
    for chapter in content.chapters():
        title = re.sub(r"\s+", "", chapter.title)
        listed = re.search(re.escape(chapter.title) + r" (\d+)", contents)
        assert listed, f"{chapter.title} is in the contents with a page number"
        page = int(listed.group(1))
        assert pages[page - 1].startswith(title), f"{chapter.title} starts on page {page}"


def test_pdf_guide_to_a_folder_is_a_danish_message(tmp_path: Path) -> None:
    result = run_pdf("guide", "--out", str(tmp_path))
    assert result.returncode != 0
    assert "er en mappe" in result.stderr and "Traceback" not in result.stderr
