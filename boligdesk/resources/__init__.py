"""Finds BoligDesk's bundled resources (fonts, rate tables, letter templates, icons, changelog).

The files live in ``resources/`` at the top of the repository (decisions §1). This module imports only
the standard library, so a resource can be read without Qt or SQLAlchemy installed. Three layouts:

* the frozen app (PyInstaller): ``<bundle>/resources/`` (``boligdesk.spec`` puts it there);
* an installed wheel: ``boligdesk/resources/data/`` (``setup.py`` maps ``resources/`` there as package
  data of ``boligdesk.resources.data``);
* a source checkout or an editable install: ``<repo>/resources/``.
"""

from __future__ import annotations

import sys
from pathlib import Path

#: Where the wheel puts ``resources/`` relative to this module.
WHEEL_DATA_DIR = "data"


def resource_dir() -> Path:
    """The folder holding BoligDesk's bundled resources."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root is not None:
        return Path(frozen_root) / "resources"
    here = Path(__file__).resolve().parent
    installed = here / WHEEL_DATA_DIR
    if installed.is_dir():
        return installed
    return here.parents[1] / "resources"


def resource_path(*parts: str) -> Path:
    path = resource_dir().joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"BoligDesk resource missing: {'/'.join(parts)}")
    return path
