"""The backup made when a file is opened runs on a worker with its own connection: the
window stays free (a province's copy froze it for a second or more), and closing the
file waits for the copy to end."""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QSettings

from tanhoi_desktop.safety import backups


def test_the_opening_backup_is_made_off_the_gui_thread_and_closing_waits(
        qtbot, tmp_path, monkeypatch):
    from tanhoi_desktop.ui.main_window import MainWindow

    real = backups.backup_on_open
    seen, release = {}, threading.Event()
    events = []

    def held(store, now=None):
        seen["thread"] = threading.current_thread()
        seen["read_only"] = store.read_only  # a connection of its own, that only reads
        release.wait(10)
        made = real(store, now)
        events.append("backup made")
        return made

    monkeypatch.setattr(backups, "backup_on_open", held)
    win = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    assert win.open_store(tmp_path / "xa.sqlite", create=True)
    win.store.records.save("units", {"code": "A", "name": "Phòng A"})
    win._backup_on_open(win.store)  # returns at once: the copy waits on the worker
    assert "backup made" not in events
    qtbot.waitUntil(lambda: "thread" in seen, timeout=5000)
    assert seen["thread"] is not threading.main_thread() and seen["read_only"]
    threading.Timer(0.3, release.set).start()
    began = time.monotonic()
    win.close_store()
    events.append("file closed")
    assert events == ["backup made", "file closed"] and time.monotonic() - began >= 0.2
    assert list(backups.backup_dir(tmp_path / "xa.sqlite").glob("*-mo.sqlite"))
