"""The command line on a Windows office PC: output redirected to a file gets the ANSI
code page there (PYTHONIOENCODING=cp1252 stands in for it here), a file dropped on the
program arrives as its only argument, and the windowed program has no stderr."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from tanhoi_desktop import __main__ as cli
from tanhoi_desktop.store import Store


def run_cp1252(*args):
    env = {**os.environ, "PYTHONIOENCODING": "cp1252"}
    return subprocess.run([sys.executable, "-m", "tanhoi_desktop", *map(str, args)],
                          capture_output=True, env=env, timeout=120)


@pytest.fixture
def commune(tmp_path):
    path = tmp_path / "Tân Hội.sqlite"
    with Store.open(path, create=True) as s:
        s.settings.save({"commune_name": "Xã Tân Hội"})
        s.records.save("units", {"code": "A", "name": "Phòng Văn hóa - Xã hội"})
    return path


def test_report_json_redirected_under_an_ansi_code_page_is_utf8(commune):
    out = run_cp1252("report", "--db", commune, "--as-of", "2026-11-15", "--json")
    assert out.returncode == 0, out.stderr.decode("utf-8", "replace")
    data = json.loads(out.stdout.decode("utf-8"))
    assert data["commune"]["name"] == "Xã Tân Hội"
    assert data["units"][0]["name"] == "Phòng Văn hóa - Xã hội"


def test_help_and_errors_under_an_ansi_code_page_are_utf8_sentences(commune, tmp_path):
    out = run_cp1252("--help")
    assert out.returncode == 0 and b"Traceback" not in out.stderr
    assert "Theo dõi chỉ tiêu" in out.stdout.decode("utf-8")
    out = run_cp1252("report", "--db", tmp_path / "không có.sqlite", "--json")
    assert out.returncode == 2 and out.stdout == b""
    text = out.stderr.decode("utf-8")
    assert "Không tìm thấy tệp dữ liệu" in text and "không có.sqlite" in text
    assert "\\u" not in text and "Traceback" not in text


def test_import_redirected_under_an_ansi_code_page_says_what_it_did(commune, tmp_path):
    book = tmp_path / "trao đổi.xlsx"
    assert run_cp1252("export", "--db", commune, book).returncode == 0
    out = run_cp1252("import", "--db", tmp_path / "mới.sqlite", book)
    assert out.returncode == 0, out.stderr.decode("utf-8", "replace")
    assert out.stderr == b"" and "Đã nhập" in out.stdout.decode("utf-8")


def test_a_path_given_alone_opens_that_file_in_the_window(monkeypatch, tmp_path):
    opened = []
    from tanhoi_desktop.ui import app

    monkeypatch.setattr(app, "run", lambda db, demo: opened.append((db, demo)) or 0)
    monkeypatch.setattr(cli, "prepare", lambda args: None)
    target = str(tmp_path / "Dữ liệu xã.sqlite")
    assert cli.main([target]) == 0
    assert opened == [(target, False)]
    # an existing file of any name is opened (the window says if it is no data file)
    other = tmp_path / "so-lieu"
    other.write_bytes(b"x")
    assert cli._window_args([str(other)]) == ["--db", str(other)]
    # a command's name, an option, or another word is not taken for a path
    assert cli._window_args(["report"]) == ["report"]
    assert cli._window_args(["--demo"]) == ["--demo"]
    assert cli._window_args(["bogus"]) == ["bogus"]


def _answer_the_box(qtbot, seen):
    """Closes the message boxes that open, noting (icon, text) of each. (Every visible box:
    a window an earlier test left open may open one of its own when it loses focus.)"""
    def close():
        for box in [w for w in QApplication.topLevelWidgets()
                    if isinstance(w, QMessageBox) and w.isVisible()]:
            seen.append((box.icon(), box.text()))
            box.done(0)
        timer.start()

    timer = QTimer()
    timer.setSingleShot(True)
    timer.setInterval(20)
    timer.timeout.connect(close)
    timer.start()
    return timer


@pytest.mark.parametrize("argv", [["--bogus"], ["a.sqlite", "b.sqlite"], ["report"]])
def test_an_argument_error_in_the_windowed_program_is_a_vietnamese_dialog(
        qtbot, monkeypatch, argv):
    monkeypatch.setattr(sys, "stderr", None)  # what a windowed exe has on Windows
    monkeypatch.setattr(sys, "stdout", None)
    seen = []
    timer = _answer_the_box(qtbot, seen)
    assert cli.main(argv) == 2
    timer.stop()
    said = [text for icon, text in seen if "tham số" in text]
    assert len(said) == 1 and (QMessageBox.Icon.Warning, said[0]) in seen
    assert "Chương trình không hiểu tham số dòng lệnh" in said[0]
    assert "usage" not in said[0]


def test_help_in_the_windowed_program_is_a_dialog(qtbot, monkeypatch):
    monkeypatch.setattr(sys, "stderr", None)
    monkeypatch.setattr(sys, "stdout", None)
    seen = []
    timer = _answer_the_box(qtbot, seen)
    assert cli.main(["--help"]) == 0
    timer.stop()
    assert [text for _icon, text in seen if "Theo dõi chỉ tiêu" in text]
