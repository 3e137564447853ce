"""After a whole home visit, no log file, crash log or temporary file holds anything the adviser typed.

The home-visit flow (``test_home_visit.py``, reused as it is) runs with the application's real logging
and crash hook, and with the temporary folder pointed at an empty folder of its own. Then every file in
the profile folder (the database is encrypted) and the temporary folder is scanned for the invented
personal data, in UTF-8, cp1252 and UTF-16 (both byte orders).
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
import tempfile
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from boligdesk.app import install_excepthook
from boligdesk.logging_setup import setup_logging
from boligdesk.models.store import Profile, Store
from boligdesk.ui.main_window import MainWindow
from tests.e2e.test_home_visit import test_a_whole_home_visit as home_visit
from tests.e2e.test_home_visit import window  # noqa: F401  (the fixture the flow needs)

TYPED = ("Opdigtetsen", "Fiktivvej", "101-0042", "Jens Udlejer", "Udlejervej", "cigaretterne", "Kontanthjælp")
ENCODINGS = ("utf-8", "cp1252", "utf-16-le", "utf-16-be")


def readable(data: bytes) -> list[str]:
    found = []
    for secret in TYPED:
        for encoding in ENCODINGS:
            if secret.encode(encoding) in data:
                found.append(f"{secret} ({encoding})")
    return found


def test_the_scan_finds_what_it_looks_for() -> None:
    assert "Opdigtetsen (utf-16-le)" in readable("x Opdigtetsen y".encode("utf-16-le"))
    assert readable(b"nothing here") == []
    assert readable("Kontanthjælp".encode("cp1252")) == ["Kontanthjælp (cp1252)"]


def test_no_personal_data_in_logs_crash_logs_or_temp_files_after_a_home_visit(
    qtbot: QtBot,
    window: MainWindow,  # noqa: F811
    store: Store,
    profile: Profile,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    log_path = setup_logging(profile.log_dir)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored afterwards
    install_excepthook(log_path)
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: QMessageBox.StandardButton.Ok)
    try:
        logging.getLogger("boligdesk").info("scan test starts")
        home_visit(qtbot, window, store, profile, tmp_path, monkeypatch)
        # A crash whose message holds what was typed: the crash log keeps the type and the stack only.
        message = ", ".join(TYPED)  # built at run time: the traceback's source lines show only code
        try:
            raise ValueError(message)
        except ValueError:
            sys.excepthook(*sys.exc_info())
    finally:
        root = logging.getLogger()
        for handler in list(root.handlers):
            if isinstance(handler, logging.handlers.RotatingFileHandler):
                handler.close()
                root.removeHandler(handler)
    log_text = log_path.read_text("utf-8")
    assert "Uventet fejl ValueError" in log_text  # the crash was logged, so the scan looks at something
    files = [p for folder in (profile.folder, temp) for p in folder.rglob("*") if p.is_file()]
    assert log_path in files
    leaks = {str(p.relative_to(tmp_path)): found for p in files if (found := readable(p.read_bytes()))}
    assert leaks == {}
