"""The indicator panel in a narrow window (784 px wide, the demo on 14/11/2026): every
line of every card is shown whole, wrapped between its parts, never cut off (the CT3
card read «mốc năm 202»)."""

import datetime as dt

from PySide6.QtCore import QPoint, QSettings
from PySide6.QtWidgets import QLabel, QMessageBox

from tanhoi_desktop.ui.main_window import MainWindow

from .waiting import figures_settled


def clipped_labels(panel, viewport) -> list[str]:
    """The panel's labels not shown whole: too small for their text, or reaching past
    the right edge of what the dock shows (under its scroll bar)."""
    out = []
    right_edge = viewport.mapToGlobal(QPoint(viewport.width(), 0)).x()
    for label in panel.findChildren(QLabel):
        if not label.isVisible() or not label.text():
            continue
        if label.wordWrap():
            whole = label.heightForWidth(label.width()) <= label.height()
        else:
            whole = label.sizeHint().width() <= label.width()
        whole = whole and label.mapToGlobal(QPoint(label.width(), 0)).x() <= right_edge
        if not whole:
            out.append(label.text())
    return out


def test_no_line_of_the_panel_is_cut_off_in_a_narrow_window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)
    win = MainWindow(QSettings(str(tmp_path / "a.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.open_demo()
    try:
        win.resize(784, 768)
        win.show()
        qtbot.waitExposed(win)
        win.panel.set_as_of(dt.date(2026, 11, 14))
        figures_settled(qtbot, win.panel)
        qtbot.wait(50)  # the layout after the new texts
        assert win.panel.width() < 340  # narrow indeed
        detail = win.panel.cards["CT3"].detail
        assert "\u00a0· mốc\u00a0năm\u00a02026\u00a073,0\u00a0%" in detail.text()
        win.grab().save(str(tmp_path / "narrow.png"))
        assert clipped_labels(win.panel, win.dock.widget().viewport()) == []
    finally:
        win.close_store()


def test_the_progress_tab_fits_a_narrow_window(qtbot, tmp_path, monkeypatch):
    """The Tiến độ tab asked for 888 px: shown on an 800 px screen, the window grew past
    its edge."""
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)
    win = MainWindow(QSettings(str(tmp_path / "a.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.open_demo()
    try:
        win.resize(784, 768)
        win.show()
        qtbot.waitExposed(win)
        tab = win.show_tab("trajectory")
        qtbot.waitUntil(lambda: tab.settled)
        qtbot.wait(50)
        assert win.minimumSizeHint().width() <= 784
        assert win.width() <= 784
        assert clipped_labels(tab, tab) == []
        assert clipped_labels(win.panel, win.dock.widget().viewport()) == []
    finally:
        win.close_store()
