"""Makes the manual's pictures (img/*.png) from the demo data, so that they show the
window as it is: offscreen Qt on a 1366 x 768 screen, scaled to 900 px wide; the
report's first page with poppler's pdftoppm.

    python resources/help/make_images.py
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen:configfile="
                      + str(ROOT / "tests" / "offscreen-screens.json"))
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtGui import QImage  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from tanhoi_desktop.ui.app import make_app  # noqa: E402
from tanhoi_desktop.ui.main_window import MainWindow  # noqa: E402

IMG = HERE / "img"
WIDTH = 900
DAY = dt.date(2026, 11, 15)


def save(widget, name: str) -> None:
    QTest.qWait(1500)  # figures are computed off the GUI thread; let them arrive
    picture = widget.grab().scaledToWidth(WIDTH, Qt.TransformationMode.SmoothTransformation)
    # a 256-colour palette: a third of the size, and a screen of flat colours looks the same
    image = picture.toImage().convertToFormat(
        QImage.Format.Format_Indexed8, Qt.ImageConversionFlag.ThresholdDither
        | Qt.ImageConversionFlag.AvoidDither)
    image.save(str(IMG / f"{name}.png"), "PNG", 9)


def main() -> None:
    IMG.mkdir(exist_ok=True)
    app = make_app()
    folder = Path(tempfile.mkdtemp())
    settings = QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings)
    window.resize(1366, 728)
    window.show()
    window.open_store(folder / "trong.sqlite", create=True)
    save(window, "bat-dau")
    window.open_demo()
    window.panel.set_as_of(DAY)
    window.show_tab("units")
    save(window, "man-hinh-chinh")
    save(window.tab("units"), "don-vi")
    for key in ("cadres", "planning", "training", "activities", "trajectory"):
        page = window.show_tab(key)
        if key == "cadres":
            page.table.view.selectRow(0)
        if key == "training":
            page.courses.view.selectRow(0)
        name = {"cadres": "can-bo", "planning": "quy-hoach", "training": "dao-tao",
                "activities": "hoat-dong", "trajectory": "tien-do"}[key]
        save(window if key == "trajectory" else page, name)
    pdf = folder / "bao-cao.pdf"
    subprocess.run([sys.executable, "-m", "tanhoi_desktop", "print", "--db",
                    str(window.store.path), "--as-of", DAY.isoformat(), str(pdf)], check=True,
                   cwd=ROOT)
    window.close()
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-gray", "-r", "60", "-f", "1", "-l", "1",
                        "-singlefile", str(pdf), str(IMG / "bao-cao")], check=True)
    app.quit()


if __name__ == "__main__":
    main()
