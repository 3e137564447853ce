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
    # Windows picks the size it shows (16 px in a title bar, 256 px in Explorer) from the ICO, so it holds
    # several; Qt's ICO writer stores only one, Pillow (a dependency of reportlab) stores them all.
    from PIL import Image

    sizes = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]
    Image.open(ICONS / "boligdesk.png").save(ICONS / "boligdesk.ico", sizes=sizes)
    print(f"wrote {ICONS / 'boligdesk.png'} and {ICONS / 'boligdesk.ico'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
