"""Draw the app icon once: resources/icon/employer-desk.png (window) and .ico (Windows program).

    QT_QPA_PLATFORM=offscreen python packaging/make_icon.py

The files are committed; run this again only to change the icon.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter

OUT = Path(__file__).resolve().parents[1] / "resources" / "icon"


def draw(size: int) -> QImage:
    """A blue rounded square with a white desk-top bar and the letters ED."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#1f5fa8"))
    p.drawRoundedRect(QRectF(0, 0, size, size), size * 0.18, size * 0.18)
    p.setBrush(QColor("#ffffff"))
    p.drawRect(QRectF(size * 0.14, size * 0.74, size * 0.72, size * 0.07))
    p.setPen(QColor("#ffffff"))
    font = QFont("DejaVu Sans")
    font.setBold(True)
    font.setPixelSize(int(size * 0.44))
    p.setFont(font)
    p.drawText(QRectF(0, 0, size, size * 0.72), Qt.AlignmentFlag.AlignCenter, "ED")
    p.end()
    return image


def main() -> int:
    QGuiApplication(sys.argv[:1])
    OUT.mkdir(parents=True, exist_ok=True)
    draw(256).save(str(OUT / "employer-desk.png"))
    draw(256).scaled(64, 64, mode=Qt.TransformationMode.SmoothTransformation).save(
        str(OUT / "employer-desk.ico")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
