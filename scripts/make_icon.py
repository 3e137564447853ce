"""Render ``resources/icons/boligdesk.svg`` to the PNG (window icon) and ICO (Windows installer, exe).

Run after editing the SVG: ``QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/make_icon.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"


def render(size: int) -> QImage:
    renderer = QSvgRenderer(str(ICONS / "boligdesk.svg"))
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    _app = QGuiApplication(sys.argv)
    if not render(256).save(str(ICONS / "boligdesk.png")):
        print("could not write boligdesk.png", file=sys.stderr)
        return 1
    # Qt's ICO writer stores one image per file; 256 px is what Windows scales down from.
    if not render(256).save(str(ICONS / "boligdesk.ico"), "ICO"):
        print("could not write boligdesk.ico", file=sys.stderr)
        return 1
    print(f"wrote {ICONS / 'boligdesk.png'} and {ICONS / 'boligdesk.ico'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
