"""The sync package (and the sync command) never pull in Qt."""

from __future__ import annotations

import subprocess
import sys


def test_sync_modules_import_without_pyside6() -> None:
    code = (
        "import sys, pkgutil, importlib, boligdesk.sync as p\n"
        "for m in pkgutil.iter_modules(p.__path__): importlib.import_module('boligdesk.sync.' + m.name)\n"
        "import boligdesk.commands.sync\n"
        "print('PySide6' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
