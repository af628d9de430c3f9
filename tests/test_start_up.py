"""The start-up paints the window before it opens the file (ui/app.run, ui/first_paint):
what the first paint needs, and the work that waits for it."""

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QLabel

from tanhoi_desktop.ui.first_paint import after_first_paint

ROOT = Path(__file__).resolve().parent.parent

FIRST_PAINT = r"""
import json, sys
import tanhoi_desktop.__main__ as entry
entry.prepare(entry.build_parser().parse_args(["--db", "du-lieu.sqlite"]))  # as main() does
import PySide6.QtCore as QtCore
from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from tanhoi_desktop.ui.app import make_app
from tanhoi_desktop.ui.main_window import MainWindow

app = make_app()
window = MainWindow(QSettings(sys.argv[1], QSettings.Format.IniFormat))
window.show_opening("du-lieu.sqlite")
seen = {}

class AtFirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and not seen:
            seen["modules"] = sorted(m for m in sys.modules if m.startswith("tanhoi_desktop"))
            seen["qt_namespace"] = "Qt" in QtCore.__dict__
            seen["showing"] = window.opening.text()
            QTimer.singleShot(0, app.quit)
        return False

window.installEventFilter(AtFirstPaint(window))
window.show()
app.exec()
print(json.dumps(seen))
"""


def test_the_first_paint_needs_neither_the_data_layer_nor_the_qt_namespace(tmp_path):
    """What makes the window appear fast: the store, the figures, the tabs and the panel
    are imported after the first paint, and nothing before it makes PySide6 build the
    `Qt` namespace's type (~95 enums)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    out = subprocess.run([sys.executable, "-c", FIRST_PAINT, str(tmp_path / "s.ini")],
                         capture_output=True, text=True, env=env, timeout=60, check=True)
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen["showing"] == "Đang mở tệp dữ liệu «du-lieu.sqlite»…"
    assert "tanhoi_desktop.ui.main_window" in seen["modules"]
    later = [m for m in seen["modules"] if m.split(".")[1:2] in
             (["store"], ["domain"], ["indicators"], ["submissions"], ["exchange"], ["report"])
             or m.startswith(("tanhoi_desktop.ui.tabs", "tanhoi_desktop.ui.indicator_panel",
                              "tanhoi_desktop.ui.background"))]
    assert later == []
    assert seen["qt_namespace"] is False


def test_work_after_first_paint_runs_once_after_the_paint(qtbot):
    label = QLabel("x")
    qtbot.addWidget(label)
    painted_before, calls = [], []
    after_first_paint(label, lambda: calls.append(label.isVisible()))
    label.show()
    painted_before.append(list(calls))  # shown, but nothing is painted before the loop runs
    qtbot.waitUntil(lambda: calls == [True])
    label.update()
    label.repaint()
    qtbot.wait(50)
    assert painted_before == [[]] and calls == [True]  # once, not at every paint


def test_work_after_first_paint_runs_even_if_the_window_is_never_painted(qtbot):
    label = QLabel("x")  # never shown: a start-up minimised, say
    qtbot.addWidget(label)
    calls = []
    after_first_paint(label, lambda: calls.append(1), fallback_ms=50)
    qtbot.waitUntil(lambda: calls == [1])
    qtbot.wait(100)
    assert calls == [1]
