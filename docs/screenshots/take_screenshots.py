"""Regenerates the screenshots in this folder from the demo data (offscreen Qt, on a
1366 x 768 screen as communes have; the window takes the size it opens with there), and
page 1 of the printed sheet (with poppler's pdftoppm).

    python docs/screenshots/take_screenshots.py
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen:configfile="
                      + str(HERE.parents[1] / "tests" / "offscreen-screens.json"))
sys.path.insert(0, str(HERE.parents[1]))

from PySide6.QtCore import QSettings  # noqa: E402

from tanhoi_desktop.ui.app import make_app  # noqa: E402
from tanhoi_desktop.ui.drill_dialog import DrillDialog  # noqa: E402
from tanhoi_desktop.ui.main_window import MainWindow  # noqa: E402
from tanhoi_desktop.ui.record_dialog import RecordDialog  # noqa: E402


def settle(app, done) -> None:
    """Let what the window computes off the GUI thread arrive before a screenshot."""
    deadline = time.monotonic() + 30
    while not done() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    app.processEvents()


def main() -> None:
    app = make_app()
    settings = QSettings(str(Path(tempfile.mkdtemp()) / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings)
    window.show()
    window.open_demo()
    window.panel.set_as_of(dt.date(2026, 11, 15))
    settle(app, lambda: not window.panel.computing)
    for index, name in enumerate(("don-vi", "can-bo", "quy-hoach", "dao-tao")):
        window.tabs.setCurrentIndex(index)
        if name == "can-bo":  # a leader in the planning pool, so the detail pane shows
            leader = window.store.browse.female_key_leaders("2026-11-15")[0]["cadre_id"]
            window.cadres_tab.table.select_id(leader)
        if name == "dao-tao":
            window.training_tab.courses.view.selectRow(4)
        settle(app, lambda: not window.panel.computing)
        window.grab().save(str(HERE / f"{name}.png"))
    # the trajectory chart at the size of a 1366 x 768 screen; computed off the GUI thread
    window.resize(1366, 768)
    tab = window.show_tab("trajectory")
    settle(app, lambda: tab.trajectory is not None and tab.settled)
    window.grab().save(str(HERE / "quy-dao.png"))
    window.resize(1440, 820)
    for key, name in (("CT1", "chi-tiet-ct1"), ("CT3", "chi-tiet-ct3")):
        dialog = DrillDialog(window.store, key, window.panel.figures, window)
        dialog.show()
        app.processEvents()
        dialog.grab().save(str(HERE / f"{name}.png"))
        dialog.close()
    form = RecordDialog(window.store, "cadres", window.cadres_tab.table.current_id(),
                        parent=window)
    form.show()
    form.editors["full_name"].clear()
    form.save()
    app.processEvents()
    form.grab().save(str(HERE / "sua-can-bo.png"))
    form.close()
    report_page(window.store)
    plan_work(app, window)
    yearly_reports(app, window)
    window.close()


def plan_work(app, window: MainWindow) -> None:
    """Hoạt động, Kinh phí and an inspection's form, on a 1366x768 screen."""
    window.resize(1366, 768)
    for key, name in (("activities", "hoat-dong"), ("budget", "kinh-phi")):
        window.show_tab(key)
        app.processEvents()
        window.grab().save(str(HERE / f"{name}.png"))
    inspection = window.store.browse.page("activities", search="kt2602")[0]["id"]
    form = RecordDialog(window.store, "activities", inspection, parent=window)
    form.show()
    app.processEvents()
    form.grab().save(str(HERE / "sua-hoat-dong.png"))
    form.close()


def yearly_reports(app, window: MainWindow) -> None:
    """Who has reported, the workforce by sex, and the printed appendix's first page."""
    from tanhoi_desktop.ui.submissions_dialog import SubmissionsDialog
    from tanhoi_desktop.ui.workforce_dialog import WorkforceDialog

    for dialog, name in ((SubmissionsDialog(window.store, 2026, window), "gui-bao-cao"),
                         (WorkforceDialog(window.store, dt.date(2026, 11, 15), window),
                          "thuc-trang")):
        dialog.show()
        app.processEvents()
        dialog.grab().save(str(HERE / f"{name}.png"))
        dialog.close()
    if shutil.which("pdftoppm") is None:
        return
    from tanhoi_desktop.report import pdf

    folder = Path(tempfile.mkdtemp())
    pages = pdf.write_pdf(window.store, dt.date(2026, 11, 15), folder / "bao-cao.pdf",
                          issued=dt.date(2026, 11, 20))
    text = subprocess.run(["pdftotext", str(folder / "bao-cao.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout.split("\f")
    first = next((i + 1 for i, page in enumerate(text) if "PHỤ LỤC" in page), pages)
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", str(first), "-l", str(first),
                    "-singlefile", str(folder / "bao-cao.pdf"), str(HERE / "phu-luc")],
                   check=True)


def report_page(store) -> None:
    """Page 1 of the printed sheet at 80 dpi."""
    from tanhoi_desktop.report import pdf

    if shutil.which("pdftoppm") is None:
        print("pdftoppm (poppler-utils) is not installed: bao-cao-trang-1.png not made")
        return
    folder = Path(tempfile.mkdtemp())
    pdf.write_pdf(store, dt.date(2026, 11, 15), folder / "bao-cao.pdf",
                  issued=dt.date(2026, 11, 20))
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile",
                    str(folder / "bao-cao.pdf"), str(HERE / "bao-cao-trang-1")], check=True)


if __name__ == "__main__":
    main()
