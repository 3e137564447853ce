"""Domain and service code never imports Qt (STYLE.md: dependency direction ui → services → models → budget)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import boligdesk

NON_UI = ("budget", "models", "services", "letters", "sync", "reports", "importers", "commands")


def _modules(package: str) -> list[str]:
    root = Path(boligdesk.__file__).parent / package
    found = [f"boligdesk.{package}"]
    for info in pkgutil.walk_packages([str(root)], prefix=f"boligdesk.{package}."):
        if ".migrations" not in info.name:
            found.append(info.name)
    return found


def test_non_ui_packages_do_not_import_pyside6() -> None:
    modules = [m for p in NON_UI for m in _modules(p)] + ["boligdesk.cli", "boligdesk.errors"]
    code = "import importlib, sys\n" + "".join(f"importlib.import_module({m!r})\n" for m in modules)
    code += "bad = [m for m in sys.modules if m.startswith('PySide6')]\nprint(','.join(bad))\n"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_budget_rules_do_not_import_sqlalchemy() -> None:
    modules = _modules("budget")
    code = "import importlib, sys\n" + "".join(f"importlib.import_module({m!r})\n" for m in modules)
    code += "print(','.join(m for m in sys.modules if m.startswith(('sqlalchemy', 'PySide6'))))\n"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
