"""Errors that were let go silently now reach the crash log and, where the user must act,
a sentence."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from tanhoi_desktop.figures import indicators
from tanhoi_desktop.figures.service import DAY, FiguresService
from tanhoi_desktop.store import StoreError

from .test_ui_window import D, seed


@pytest.fixture
def crash_log(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))
    from tanhoi_desktop.safety import crashlog

    return crashlog.log_dir() / "crash.log"


@pytest.fixture
def told(monkeypatch):
    from tanhoi_desktop.ui import common, file_actions
    from tanhoi_desktop.ui.tabs import record_table

    said = []
    for module in (common, file_actions, record_table):
        monkeypatch.setattr(module, "tell", lambda parent, title, text, *a, **k:
                            said.append(text))
    return said


def test_an_error_in_the_figures_worker_is_logged_and_named(qtbot, store, crash_log,
                                                            monkeypatch):
    seed(store)

    def broken(*args, **kwargs):
        raise ZeroDivisionError("chia cho không")

    monkeypatch.setattr(indicators, "_figures", broken)
    service = FiguresService(store)
    try:
        with qtbot.waitSignal(service.figures_changed, timeout=10000):
            assert not service.request(DAY, D)  # on the worker thread
        result = service.result(DAY, D)
    finally:
        service.close()
    assert isinstance(result, str) and str(crash_log) in result
    assert "ZeroDivisionError: chia cho không" in crash_log.read_text()


def _window(qtbot, tmp_path):
    from tanhoi_desktop.ui.main_window import MainWindow

    win = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    assert win.open_store(tmp_path / "data.sqlite", create=True)
    return win


@pytest.mark.parametrize("when", ["mở", "đóng"])
def test_a_failed_automatic_backup_is_said_and_logged(qtbot, tmp_path, crash_log, told,
                                                      monkeypatch, when):
    from tanhoi_desktop.safety import backups

    def full(*args, **kwargs):
        raise StoreError("Ổ đĩa đã đầy, không ghi được dữ liệu.", "full")

    monkeypatch.setattr(backups, "make_backup", full)
    win = _window(qtbot, tmp_path)
    if when == "mở":
        win._backup_on_open(win.store)  # on a worker; said when it ends
        qtbot.waitUntil(lambda: any("khi mở tệp" in text for text in told), timeout=10000)
    else:
        win.close_store()
    assert any(f"khi {when} tệp" in text and "Ổ đĩa đã đầy" in text for text in told)
    assert "Ổ đĩa đã đầy" in crash_log.read_text()
    if win.store is not None:
        monkeypatch.undo()
        win.close_store()


def test_a_broken_import_of_the_print_preview_is_not_this_version_cannot_print(
        qtbot, tmp_path, monkeypatch):
    import sys

    win = _window(qtbot, tmp_path)
    import tanhoi_desktop.ui

    # a module that cannot be imported (already imported by earlier tests: forgotten)
    monkeypatch.setitem(sys.modules, "tanhoi_desktop.ui.report_preview", None)
    monkeypatch.delattr(tanhoi_desktop.ui, "report_preview", raising=False)
    try:
        with pytest.raises(ImportError):  # to the unexpected-error dialog and the log
            win.print_report()
    finally:
        win.close_store()


def test_a_store_error_on_the_reminder_bar_is_said(qtbot, tmp_path, crash_log,
                                                   monkeypatch):
    import datetime as dt

    from tanhoi_desktop.figures import submissions

    win = _window(qtbot, tmp_path)

    def busy(*args, **kwargs):
        raise StoreError("Tệp dữ liệu đang được một chương trình khác sử dụng.", "busy")

    monkeypatch.setattr(submissions, "deadline_of", busy)
    try:
        assert win.remind_submissions(dt.date(2026, 12, 1)) is None
        assert "đang được một chương trình khác" in win.statusBar().currentMessage()
        assert "Nhắc báo cáo" in crash_log.read_text()
    finally:
        monkeypatch.undo()
        win.close_store()


def test_a_table_that_cannot_read_its_rows_says_so(qtbot, tmp_path, told, monkeypatch):
    win = _window(qtbot, tmp_path)
    try:
        seed(win.store)
        table = win.cadres_tab.table
        table.refresh()

        def gone(*args, **kwargs):
            raise StoreError("Lỗi ổ đĩa khi đọc tệp dữ liệu.", "io")

        monkeypatch.setattr(table.model, "_fetch", gone)
        table.model.mark_stale()
        table.model.row_at(0)
        assert table.count_label.text() == "Lỗi ổ đĩa khi đọc tệp dữ liệu."
        qtbot.waitUntil(lambda: told == ["Lỗi ổ đĩa khi đọc tệp dữ liệu."])
        table.model.row_at(0)  # said once
        qtbot.wait(20)
        assert told == ["Lỗi ổ đĩa khi đọc tệp dữ liệu."]
    finally:
        monkeypatch.undo()
        win.close_store()
