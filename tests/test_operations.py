"""Long work as an operation (ui/operations.py) on real widgets: import and export run on
a worker with a progress dialog in Vietnamese, a cancel leaves nothing written, success
and failure come back one way, and no processEvents() loop runs."""

import sys
import threading

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QPushButton

from tanhoi_desktop.exchange import workbook as exchange
from tanhoi_desktop.resources import demo_workbook
from tanhoi_desktop.ui import operations

from .waiting import figures_settled, operation_done


@pytest.fixture
def told(monkeypatch):
    """Every message box's text (summaries, failures), none of them shown."""
    said = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: said.append(box.text()) or 0)
    return said


@pytest.fixture
def no_event_loop_by_hand(monkeypatch):
    """The program's own calls of processEvents() (the test tools make some)."""
    calls = []
    real = QCoreApplication.processEvents

    def record(*args):
        caller = sys._getframe(1).f_globals.get("__name__", "")
        if caller.startswith("tanhoi_desktop"):
            calls.append(caller)
        return real(*args)

    for cls in (QCoreApplication, QApplication):
        monkeypatch.setattr(cls, "processEvents", staticmethod(record))
    return calls


def test_an_import_checks_and_writes_on_a_worker_with_its_progress(
        open_window, qtbot, monkeypatch, told, no_event_loop_by_hand):
    monkeypatch.setattr(operations, "SHOW_AFTER_MS", 0)
    win = open_window()
    win.resize(1366, 768)
    win.show()
    threads = {}
    release = threading.Event()
    real_read, real_apply = exchange.read_workbook, exchange.apply

    def read(*args, **kwargs):
        threads["check"] = threading.current_thread()
        release.wait(10)  # held until the dialog has been looked at
        return real_read(*args, **kwargs)

    def apply(*args, **kwargs):
        threads["write"] = threading.current_thread()
        return real_apply(*args, **kwargs)

    monkeypatch.setattr(exchange, "read_workbook", read)
    monkeypatch.setattr(exchange, "apply", apply)
    op = win.import_path(demo_workbook())
    assert op.running and op.ok is None  # the call returned at once
    qtbot.waitUntil(lambda: op.dialog is not None and op.dialog.isVisible(), timeout=5000)
    assert op.dialog.windowTitle() == "Nhập từ Excel"
    assert op.dialog.labelText().startswith("Đang kiểm tra tệp Excel…")
    assert [b.text() for b in op.dialog.findChildren(QPushButton)] == ["Hủy"]
    release.set()
    assert operation_done(qtbot, op)
    assert threading.main_thread() not in threads.values() and len(threads) == 2
    assert told and told[-1].startswith("Đã nhập")
    assert win.store.records.count("cadres") > 0 and win.store.records.count("units") > 0
    # the window heard of the worker's write as its own: tables and panel follow
    figures_settled(qtbot, win.panel)
    assert win.units_tab.model.total == win.store.records.count("units")
    assert win.statusBar().currentMessage() == ""  # not «another program»
    assert no_event_loop_by_hand == []


def test_a_cancel_while_writing_leaves_nothing_written(open_window, qtbot, monkeypatch,
                                                       told):
    win = open_window()
    audit = win.store.records.count("audit_log")
    real_apply = exchange.apply
    steps = []

    def apply(plan, store, sender=None, step=None):
        progress = step.__self__

        def cancel_midway(done, total):
            steps.append(done)
            if done == 3:  # units, cadres and posts are in by now
                progress._cancel.set()  # as the Hủy button does
            step(done, total)

        return real_apply(plan, store, sender, cancel_midway)

    monkeypatch.setattr(exchange, "apply", apply)
    op = win.import_path(demo_workbook())
    assert not operation_done(qtbot, op)
    assert steps == [0, 1, 2, 3]
    assert told == [operations.CANCELLED] and op.message == operations.CANCELLED
    assert win.store.records.count("units") == 0 and win.store.records.count("cadres") == 0
    assert win.store.records.count("audit_log") == audit


def test_a_cancelled_export_leaves_no_file(open_window, qtbot, monkeypatch, told, tmp_path):
    from .test_ui_window import seed

    win = open_window(seed)
    target = tmp_path / "out" / "xuat.xlsx"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    real_export = exchange.export_workbook

    def export(store, path, unit_code=None, year=None, step=None):
        progress = step.__self__

        def cancel_at_cadres(done, total):
            if done == 1:
                progress._cancel.set()
            step(done, total)

        return real_export(store, path, unit_code, year, cancel_at_cadres)

    monkeypatch.setattr(exchange, "export_workbook", export)
    op = win.export_workbook()
    assert op.dialog.labelText() == "Đang ghi các trang của tệp Excel…"
    assert not operation_done(qtbot, op)
    assert told == [operations.CANCELLED]
    assert list(target.parent.iterdir()) == []  # not the file, nor a temporary one
    monkeypatch.setattr(exchange, "export_workbook", real_export)
    assert operation_done(qtbot, win.export_workbook())
    assert target.exists() and told[-1] == f"Đã ghi «{target}»."


def test_a_failure_is_one_sentence_and_a_bug_points_to_the_log(open_window, qtbot,
                                                                monkeypatch, told, tmp_path):
    from tanhoi_desktop.safety import crashlog

    monkeypatch.setattr(crashlog, "log_dir", lambda: tmp_path / "log")
    win = open_window()
    bad = tmp_path / "khong-phai.xlsx"
    bad.write_text("không phải tệp Excel")
    assert not operation_done(qtbot, win.import_path(bad))
    assert len(told) == 1 and "Traceback" not in told[0]

    def broken(*_a, **_k):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(exchange, "read_workbook", broken)
    op = win.import_path(demo_workbook())
    assert not operation_done(qtbot, op)
    assert told[-1].startswith("Đã xảy ra lỗi ngoài dự kiến (ZeroDivisionError)")
    assert str(tmp_path / "log" / "crash.log") in told[-1]
    assert "ZeroDivisionError" in (tmp_path / "log" / "crash.log").read_text()
    assert not operations.busy()


def test_the_excel_report_uses_the_windows_figures_and_a_cancel_leaves_no_file(
        open_window, qtbot, monkeypatch, told, tmp_path):
    """(The PDF is made by a child process: tests/test_report_child.py.)"""
    from tanhoi_desktop.figures import indicators
    from tanhoi_desktop.report import xlsx
    from tanhoi_desktop.ui.report_preview import ReportDialog

    from .test_ui_window import D, seed

    win = open_window(seed, as_of=D)
    dialog = ReportDialog(win.store, D, win, service=win.figures)
    qtbot.addWidget(dialog)
    # the empty written sections print as dotted lines: agreed (nothing typed, nothing
    # written, the window's figures stay current)
    monkeypatch.setattr("tanhoi_desktop.ui.report_preview.ask", lambda *a, **k: True)
    target = tmp_path / "out" / "bao-cao.xlsx"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    computed = []
    real_compute = indicators.compute
    monkeypatch.setattr(indicators, "compute",
                        lambda *a, **k: computed.append(a[1]) or real_compute(*a, **k))
    ops = []
    real_render = xlsx.render

    def cancel_then_render(sheet, path, protect, check):
        ops[0]._progress._cancel.set()  # as the Hủy button does, while it is written
        real_render(sheet, path, protect, check)

    monkeypatch.setattr(xlsx, "render", cancel_then_render)
    op = dialog.export_xlsx()
    ops.append(op)
    assert not operation_done(qtbot, op)
    assert told == [operations.CANCELLED]
    assert list(target.parent.iterdir()) == []  # the workbook was made, then not put in place
    assert computed == []  # the figures on D were the window's
    monkeypatch.setattr(xlsx, "render", real_render)
    assert operation_done(qtbot, dialog.export_xlsx())
    assert target.read_bytes().startswith(b"PK") and told[-1] == f"Đã ghi «{target}»."


def test_backup_and_restore_run_as_operations_and_the_window_opens_the_file_again(
        open_window, qtbot, monkeypatch, told, tmp_path):
    from tanhoi_desktop.ui.restore_dialog import RestoreDialog

    win = open_window()
    win.store.records.save("units", {"code": "A", "name": "Phòng A"})
    usb = tmp_path / "usb"
    usb.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(usb))
    op = win.backup_now()
    assert op.dialog.labelText() == "Đang sao lưu tệp dữ liệu…"
    assert [b.text() for b in op.dialog.findChildren(QPushButton)] == ["Hủy"]
    assert operation_done(qtbot, op)
    backup = next(usb.glob("*.sqlite"))  # (beside the backups: their index)
    assert told[-1] == f"Đã sao lưu vào «{backup}»."
    win.store.records.save("units", {"code": "B", "name": "Phòng B"})
    path = win.store.path
    monkeypatch.setattr(RestoreDialog, "exec", lambda self: 1)
    monkeypatch.setattr(RestoreDialog, "chosen", lambda self: backup)
    op = win.restore_backup()
    assert win.store is None and win.stack.currentWidget() is win.opening
    assert win.opening.text() == f"Đang khôi phục tệp dữ liệu «{path.name}»…"
    assert operation_done(qtbot, op)
    assert win.store is not None and win.store.path == path
    assert [r["code"] for r in win.store.browse.page("units")] == ["A"]
    assert win.stack.currentWidget() is win.tabs
    # a backup of another file is refused, and the window has its file again
    other = tmp_path / "khac.sqlite"
    from tanhoi_desktop.store import Store

    Store.open(other, create=True).close()
    monkeypatch.setattr(RestoreDialog, "chosen", lambda self: other)
    assert not operation_done(qtbot, win.restore_backup())
    assert "là của một tệp dữ liệu khác" in told[-1]
    assert win.store is not None and [r["code"] for r in win.store.browse.page("units")] == ["A"]


@pytest.fixture
def copies_held(monkeypatch):
    """SQLite's backup copies made page by page, each held before it starts until the
    test lets it go (after pressing Hủy); `held.let_through` copies pass at once."""
    from tanhoi_desktop.store import backup as store_backup

    monkeypatch.setattr(store_backup, "STEP_PAGES", 1)
    real = store_backup._backup
    go, started = threading.Event(), threading.Event()
    state = {"let_through": 0}

    def held(source, dest, progress):
        if state["let_through"]:
            state["let_through"] -= 1
        else:
            started.set()
            go.wait(10)
        return real(source, dest, progress)

    monkeypatch.setattr(store_backup, "_backup", held)
    state.update(go=go, started=started)
    return state


def _files(folder):
    return sorted(p.name for p in folder.iterdir())


def test_a_cancelled_backup_leaves_no_file(open_window, qtbot, monkeypatch, told,
                                           tmp_path, copies_held):
    win = open_window()
    for n in range(30):  # some pages to copy one by one
        win.store.records.save("units", {"code": f"U{n}", "name": f"Phòng {n} " + "x" * 150})
    usb = tmp_path / "usb"
    usb.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(usb))
    op = win.backup_now()
    assert copies_held["started"].wait(10)
    op.cancel()  # as the Hủy button does
    copies_held["go"].set()
    assert not operation_done(qtbot, op)
    assert told[-1] == operations.CANCELLED
    assert [p for p in usb.iterdir() if p.suffix == ".sqlite" or ".tmp" in p.name] == []


def test_a_cancelled_restore_leaves_the_file_and_the_backups_as_they_were(
        open_window, qtbot, monkeypatch, told, copies_held):
    from tanhoi_desktop.safety import backups
    from tanhoi_desktop.ui.restore_dialog import RestoreDialog

    win = open_window()
    win.store.records.save("units", {"code": "A", "name": "Phòng A"})
    ids = [win.store.records.save("units", {"code": f"U{n}", "name": f"Phòng {n} " + "x" * 150})
           for n in range(30)]
    copies_held["let_through"] = 1  # the backup to restore from
    backup = backups.make_backup(win.store, "thu")
    for record_id in ids:
        win.store.records.delete("units", record_id)
    path, folder = win.store.path, backup.parent
    before = _files(folder)
    monkeypatch.setattr(RestoreDialog, "exec", lambda self: 1)
    monkeypatch.setattr(RestoreDialog, "chosen", lambda self: backup)
    copies_held["let_through"] = 1  # the backup of the current file, made first
    op = win.restore_backup()
    assert copies_held["started"].wait(10)  # the restore's own copy is about to start
    op.cancel()
    copies_held["go"].set()
    assert not operation_done(qtbot, op)
    assert told[-1] == operations.CANCELLED
    assert win.store is not None and win.store.path == path  # opened again
    assert [r["code"] for r in win.store.browse.page("units")] == ["A"]
    assert _files(folder) == before  # its own backup removed, no old one rotated away


def test_the_window_does_not_close_while_an_operation_runs(open_window, qtbot, monkeypatch,
                                                          told):
    win = open_window()
    release = threading.Event()
    real_read = exchange.read_workbook

    def held(*args, **kwargs):
        release.wait(10)
        return real_read(*args, **kwargs)

    monkeypatch.setattr(exchange, "read_workbook", held)
    op = win.import_path(demo_workbook())
    win.show()
    assert not win.close()  # refused, and said why
    assert win.store is not None and told[-1].startswith("Đang có một việc chạy dở")
    release.set()
    assert operation_done(qtbot, op)
    assert win.close() and win.store is None
