"""Renders tanhoi.svg to the PNG sizes and the Windows .ico the bundle uses.

    python resources/icons/make_icons.py"""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

HERE = Path(__file__).resolve().parent
SIZES = (256, 48, 32, 16)


def render(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(HERE / "tanhoi.svg")).render(painter)
    painter.end()
    return image


def main() -> None:
    app = QGuiApplication([])  # noqa: F841 - fonts and image plugins need it
    for size in SIZES:
        render(size).save(str(HERE / f"tanhoi-{size}.png"))
    render(256).save(str(HERE / "tanhoi.ico"))


if __name__ == "__main__":
    main()
