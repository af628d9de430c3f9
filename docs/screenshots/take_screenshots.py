"""Regenerates the screenshots in this folder from the demo data (offscreen Qt).

    python docs/screenshots/take_screenshots.py
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from PySide6.QtCore import QSettings  # noqa: E402

from tanhoi_desktop.ui.app import make_app  # noqa: E402
from tanhoi_desktop.ui.drill_dialog import DrillDialog  # noqa: E402
from tanhoi_desktop.ui.main_window import MainWindow  # noqa: E402
from tanhoi_desktop.ui.record_dialog import RecordDialog  # noqa: E402


def main() -> None:
    app = make_app()
    settings = QSettings(str(Path(tempfile.mkdtemp()) / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings)
    window.resize(1440, 820)
    window.show()
    window.open_demo()
    window.panel.set_as_of(dt.date(2026, 11, 15))
    for index, name in enumerate(("don-vi", "can-bo", "quy-hoach", "dao-tao")):
        window.tabs.setCurrentIndex(index)
        if name == "can-bo":  # a leader in the planning pool, so the detail pane shows
            leader = window.store.female_key_leaders("2026-11-15")[0]["cadre_id"]
            window.cadres_tab.table.select_id(leader)
        if name == "dao-tao":
            window.training_tab.courses.view.selectRow(4)
        app.processEvents()
        window.grab().save(str(HERE / f"{name}.png"))
    # the trajectory chart at the size of a 1366 x 768 screen; computed off the GUI thread
    window.resize(1366, 768)
    tab = window.show_tab("trajectory")
    while tab.trajectory is None or tab._running:
        app.processEvents()
    app.processEvents()
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
    window.close()


if __name__ == "__main__":
    main()
