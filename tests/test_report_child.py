"""The report dialogs' PDF is made by a child process, the program's own `print` command
(report/child.py): the same report as the window used to make, the window's temporary
file put in place only when the child succeeded, a cancel kills the child and leaves
nothing, a failure is one Vietnamese sentence."""

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton

from tanhoi_desktop.exchange import workbook as exchange
from tanhoi_desktop.report import child, content, pdf, period
from tanhoi_desktop.resources import demo_workbook
from tanhoi_desktop.ui import operations
from tanhoi_desktop.ui.period_preview import PeriodReportDialog
from tanhoi_desktop.ui.report_preview import ReportDialog

from .waiting import operation_done

D = dt.date(2026, 11, 15)
SIGNED = dt.date(2026, 12, 1)


@pytest.fixture
def told(monkeypatch):
    said = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: said.append(box.text()) or 0)
    return said


@pytest.fixture
def demo_window(open_window, monkeypatch):
    monkeypatch.setattr("tanhoi_desktop.ui.report_preview.ask", lambda *a, **k: True)
    return open_window(lambda store: exchange.apply(exchange.read_workbook(
        demo_workbook(), store), store), as_of=D)


def _dialog(qtbot, win, cls=ReportDialog):
    dialog = cls(win.store, D, win) if cls is PeriodReportDialog else \
        cls(win.store, D, win, service=win.figures)
    qtbot.addWidget(dialog)
    dialog.issued.setDate(SIGNED)
    return dialog


def _save_to(monkeypatch, target: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))


def _text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


# -- which command is the child ---------------------------------------------------------

def test_from_source_the_child_is_this_python_with_the_package(monkeypatch):
    monkeypatch.delattr(sys, "frozen", raising=False)
    assert child.command() == [sys.executable, "-m", "tanhoi_desktop"]


@pytest.mark.parametrize("platform, name", [("win32", "tanhoi-desktop-cli.exe"),
                                            ("linux", "tanhoi-desktop-cli")])
def test_frozen_the_child_is_the_console_executable_beside_the_program(
        monkeypatch, tmp_path, platform, name):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "app" / "tanhoi-desktop.exe"))
    assert child.command() == [str(tmp_path / "app" / name)]


def test_the_print_command_is_given_both_dates_the_kind_and_the_file(tmp_path):
    args = child.print_args(tmp_path / "d.sqlite", tmp_path / "x.pdf", D, SIGNED,
                            whole_period=True)
    assert args == ["print", "--db", str(tmp_path / "d.sqlite"), "--as-of", "2026-11-15",
                    "--issued", "2026-12-01", "--period", "--progress", str(tmp_path / "x.pdf")]
    assert "--period" not in child.print_args(tmp_path / "d.sqlite", tmp_path / "x.pdf", D,
                                              SIGNED, whole_period=False)


# -- the dialogs ------------------------------------------------------------------------

@pytest.mark.parametrize("cls, build", [(ReportDialog, content.build),
                                        (PeriodReportDialog, period.build)])
def test_the_childs_pdf_is_the_report_the_window_made(demo_window, qtbot, monkeypatch, told,
                                                       tmp_path, cls, build):
    dialog = _dialog(qtbot, demo_window, cls)
    dialog.texts["difficulties"].setPlainText("Nguồn cán bộ nữ còn ít.")  # saved, then read
    target = tmp_path / "out" / "bao-cao.pdf"
    target.parent.mkdir()
    _save_to(monkeypatch, target)
    phases = []
    op = dialog.export_pdf()
    op._job.progressed.connect(lambda text, percent: phases.append((text, percent)))
    assert operation_done(qtbot, op)
    assert told == [f"Đã ghi «{target}»."]
    assert list(target.parent.iterdir()) == [target]  # no temporary file left
    # what the window made in its own process before, from the same file and dates
    before = tmp_path / "before.pdf"
    pdf.write_sheet_pdf(build(demo_window.store, D, SIGNED), before)
    made = _text(target)
    assert made == _text(before)
    assert "Nguồn cán bộ nữ còn ít." in made and "ngày 01 tháng 12 năm 2026" in made
    # the child's phases, in Vietnamese, with a percent that only grows
    texts = [t for t, _p in phases]
    assert "Đang tính số liệu và soạn báo cáo…" in texts and "Đang dàn trang…" in texts
    assert any(t.startswith("Đang ghi tệp PDF: trang ") for t in texts)
    percents = [p for _t, p in phases]
    assert percents == sorted(percents) and percents[-1] == 99


def test_a_cancel_kills_the_child_and_leaves_no_file(demo_window, qtbot, monkeypatch, told,
                                                     tmp_path):
    dialog = _dialog(qtbot, demo_window)
    target = tmp_path / "out" / "bao-cao.pdf"
    target.parent.mkdir()
    _save_to(monkeypatch, target)
    started = []
    real_popen = subprocess.Popen
    monkeypatch.setattr(subprocess, "Popen",
                        lambda *a, **k: started.append(real_popen(*a, **k)) or started[-1])
    ops = []
    real_pass_on = child._pass_on

    def wait_for_the_click(line, progress):  # (on the worker: the window is not held)
        real_pass_on(line, progress)
        ops[0]._progress._cancel.wait(10)

    monkeypatch.setattr(child, "_pass_on", wait_for_the_click)
    ops.append(dialog.export_pdf())
    # Hủy, clicked as soon as the child has said where it is
    ops[0]._job.progressed.connect(
        lambda *_a: ops[0].dialog is not None and ops[0].dialog.findChild(QPushButton).click())
    assert not operation_done(qtbot, ops[0])
    assert told == [operations.CANCELLED]
    assert list(target.parent.iterdir()) == []
    assert len(started) == 1 and started[0].poll() is not None  # the child is gone


def test_a_cancel_kills_a_child_still_at_work(tmp_path):
    slow = [sys.executable, "-c", "import time; print('progress 5 sheet', flush=True); "
            "time.sleep(60)"]
    heard = []

    def check():
        if heard:
            raise operations.Cancelled()

    started = []
    real_popen = subprocess.Popen
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(subprocess, "Popen",
                   lambda *a, **k: started.append(real_popen(*a, **k)) or started[-1])
        with pytest.raises(operations.Cancelled):
            child.run(slow, lambda text, percent: heard.append((text, percent)), check)
    assert heard == [("Đang tính số liệu và soạn báo cáo…", 5)]
    assert started[0].returncode not in (None, 0)  # killed, long before its minute


def test_a_failing_child_says_one_sentence(demo_window, qtbot, monkeypatch, told, tmp_path):
    dialog = _dialog(qtbot, demo_window)
    target = tmp_path / "out" / "bao-cao.pdf"
    target.parent.mkdir()
    _save_to(monkeypatch, target)
    # the child reads the data file anew: another program put a text file in its place
    db = demo_window.store.path
    junk = tmp_path / "junk"
    junk.write_text("không phải tệp dữ liệu", encoding="utf-8")
    kept = tmp_path / "kept.sqlite"
    db.rename(kept)
    junk.rename(db)
    try:
        assert not operation_done(qtbot, dialog.export_pdf())
    finally:
        kept.replace(db)
    assert len(told) == 1 and str(db) in told[0] and "Traceback" not in told[0]
    assert "\n" not in told[0] and ".tmp" not in told[0]
    assert list(target.parent.iterdir()) == []


def test_a_removed_folder_is_said_before_any_child_runs(demo_window, qtbot, monkeypatch,
                                                        told, tmp_path):
    dialog = _dialog(qtbot, demo_window)
    target = tmp_path / "gone" / "bao-cao.pdf"
    _save_to(monkeypatch, target)
    monkeypatch.setattr(subprocess, "Popen", lambda *a, **k: pytest.fail("a child ran"))
    assert not operation_done(qtbot, dialog.export_pdf())
    assert told == [f"Thư mục «{target.parent}» không tồn tại; hãy chọn thư mục khác để ghi "
                    "tệp «bao-cao.pdf»."]


def test_a_crashed_child_points_to_the_crash_log(demo_window, qtbot, monkeypatch, told,
                                                 tmp_path):
    from tanhoi_desktop.safety import crashlog

    monkeypatch.setattr(crashlog, "log_dir", lambda: tmp_path / "log")
    dialog = _dialog(qtbot, demo_window)
    target = tmp_path / "out" / "bao-cao.pdf"
    target.parent.mkdir()
    _save_to(monkeypatch, target)
    # a child that ends without a sentence of its own (as one crashed in Qt: a few words
    # of its runtime on stderr, then gone)
    monkeypatch.setattr(child, "command",
                        lambda: [sys.executable, "-c", "import os, sys; sys.stderr.write("
                                 "'Fatal Python error\\n'); sys.stderr.flush(); os._exit(3)"])
    assert not operation_done(qtbot, dialog.export_pdf())
    log = tmp_path / "log" / "crash.log"
    assert len(told) == 1 and told[0].startswith(
        "Đã xảy ra lỗi ngoài dự kiến khi soạn báo cáo") and f"«{log}»" in told[0]
    assert "Fatal Python error" not in told[0] and "Fatal Python error" in log.read_text()
    assert list(target.parent.iterdir()) == []


def test_a_missing_console_executable_is_said(demo_window, qtbot, monkeypatch, told,
                                              tmp_path):
    dialog = _dialog(qtbot, demo_window)
    target = tmp_path / "out" / "bao-cao.pdf"
    target.parent.mkdir()
    _save_to(monkeypatch, target)
    monkeypatch.setattr(sys, "frozen", True, raising=False)  # an install missing its half
    monkeypatch.setattr(sys, "executable", str(tmp_path / "app" / "tanhoi-desktop"))
    assert not operation_done(qtbot, dialog.export_pdf())
    assert len(told) == 1 and told[0].startswith("Không chạy được «tanhoi-desktop-cli» để "
                                                 "ghi tệp PDF (")
    assert told[0].endswith("hãy cài đặt lại chương trình. Không có gì được ghi.")
    assert list(target.parent.iterdir()) == []


# -- the command ------------------------------------------------------------------------

def test_print_takes_the_signing_date(tmp_path):
    db = tmp_path / "d.sqlite"
    run = [sys.executable, "-m", "tanhoi_desktop"]
    subprocess.run([*run, "import", "--db", str(db), str(demo_workbook())], check=True,
                   capture_output=True)
    out = tmp_path / "bao-cao.pdf"
    done = subprocess.run([*run, "print", "--db", str(db), "--as-of", "15/11/2026",
                           "--issued", "02/12/2026", str(out)], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout == ""  # no progress lines unless asked
    assert "ngày 02 tháng 12 năm 2026" in _text(out)
    bad = subprocess.run([*run, "print", "--db", str(db), "--issued", "31/02/2026",
                          str(tmp_path / "x.pdf")], capture_output=True, text=True)
    assert bad.returncode == 2 and "«31/02/2026» không phải ngày hợp lệ" in bad.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_the_child_never_writes_into_the_data_file(tmp_path):
    db = tmp_path / "d.sqlite"
    run = [sys.executable, "-m", "tanhoi_desktop"]
    subprocess.run([*run, "import", "--db", str(db), str(demo_workbook())], check=True,
                   capture_output=True)
    before = db.read_bytes()
    done = subprocess.run([*run, "print", "--db", str(db), "--progress", str(db)],
                          capture_output=True, text=True)
    assert done.returncode == 2 and "đó là tệp dữ liệu" in done.stderr
    assert db.read_bytes() == before
