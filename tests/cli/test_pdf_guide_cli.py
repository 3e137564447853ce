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


def test_pdf_guide_to_a_folder_is_a_danish_message(tmp_path: Path) -> None:
    result = run_pdf("guide", "--out", str(tmp_path))
    assert result.returncode != 0
    assert "er en mappe" in result.stderr and "Traceback" not in result.stderr
