"""The file dialogs start beside the data file or in Documents (never in the program's
folder, where a shortcut starts the program), suggest names any Windows folder takes,
and give back paths shown with the system's separators."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from tanhoi_desktop.ui import file_places
from tanhoi_desktop.ui.file_places import safe_file_name, start_folder


@pytest.mark.parametrize(("name", "safe"), [
    ("bao-cao-2026-vp/hđnd.xlsx", "bao-cao-2026-vp-hđnd.xlsx"),
    ('a:b*c?d"e<f>g|h\\i.pdf', "a-b-c-d-e-f-g-h-i.pdf"),
    ("Báo cáo xã Tân Hội.xlsx", "Báo cáo xã Tân Hội.xlsx"),
    ("con.xlsx", "con_.xlsx"),
    ("NUL", "NUL_"),
    ("com1.tar.gz", "com1_.tar.gz"),
    ("LPT9.pdf", "LPT9_.pdf"),
    ("console.pdf", "console.pdf"),
    ("com10.pdf", "com10.pdf"),
    ("ban sao. ", "ban sao"),
    ("tab\there.pdf", "tab-here.pdf"),
    ("///", "---"),
    ("", "tep"),
])
def test_suggested_names_are_names_windows_takes(name, safe):
    assert safe_file_name(name) == safe


def test_start_beside_the_data_file_else_in_documents(tmp_path):
    data = tmp_path / "Dữ liệu xã" / "du-lieu.sqlite"
    data.parent.mkdir()
    assert start_folder(data) == data.parent
    documents = file_places.documents_folder()
    assert start_folder(None) == documents
    assert start_folder(tmp_path / "gone" / "du-lieu.sqlite") == documents
    # the demo's file lives in a temporary folder: nothing is to be saved there
    demo = Path(tempfile.mkdtemp(prefix=file_places.DEMO_FOLDER_PREFIX)) / "mau.sqlite"
    assert start_folder(demo) == documents
    os.rmdir(demo.parent)


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    from tanhoi_desktop.ui.main_window import MainWindow

    program = tmp_path / "Chương trình"  # where a shortcut would start the program
    program.mkdir()
    monkeypatch.chdir(program)
    win = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    yield win
    win.close_store()


def test_the_window_s_dialogs_start_beside_the_data_file(window, tmp_path, monkeypatch):
    asked = []

    def save(parent, caption, start, file_filter):
        asked.append(start)
        return "", ""

    def open_(parent, caption, start, file_filter):
        asked.append(start)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", open_)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        lambda parent, caption, start: asked.append(start) or "")
    window.open_file()  # no file open yet: Documents
    assert asked == [str(file_places.documents_folder())]
    data = tmp_path / "Xã Tân Hội" / "du-lieu.sqlite"
    data.parent.mkdir()
    assert window.open_store(data, create=True)
    asked.clear()
    window.open_file()
    window.save_copy()
    window.backup_now()
    window.export_workbook()
    window.new_file()
    assert [Path(a).parent if Path(a).suffix else Path(a) for a in asked] == \
        [data.parent] * 5, asked
    assert Path(asked[1]).name.startswith("du-lieu-ban-sao-")


def test_a_real_file_dialog_opens_in_the_data_file_s_folder(window, tmp_path):
    data = tmp_path / "Dữ liệu" / "du-lieu.sqlite"
    data.parent.mkdir()
    assert window.open_store(data, create=True)
    seen = []

    def look():
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QFileDialog):
            seen.append(Path(dialog.directory().absolutePath()))
            dialog.reject()
        else:
            QTimer.singleShot(20, look)

    QTimer.singleShot(0, look)
    assert file_places.ask_open_path(window, "Mở", "*", window.store.path) is None
    assert seen == [data.parent]


def test_a_chosen_path_is_shown_as_the_system_writes_it(window, tmp_path, monkeypatch):
    data = tmp_path / "du-lieu.sqlite"
    assert window.open_store(data, create=True)
    told = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: told.append(box.text()) or 0)
    # Qt's dialogs answer with forward slashes on every system
    chosen = str(tmp_path / "ban-sao.sqlite").replace(os.sep, "/")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (chosen, ""))
    window.save_copy()
    assert told == [f"Đã lưu bản sao vào «{Path(chosen)}»."]
    assert file_places.shown("C:/Users/Lan/../Lan/x.sqlite") == os.path.normpath(
        "C:/Users/Lan/x.sqlite")


def _when_dialog_shows(act):
    """`act(dialog)` on the real file dialog the next call opens (Qt's own: offscreen)."""
    def look():
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QFileDialog):
            act(dialog)
        else:
            QTimer.singleShot(20, look)

    QTimer.singleShot(0, look)


def test_each_kind_of_file_remembers_its_folder_across_restarts(window, tmp_path, qtbot,
                                                               monkeypatch):
    from tanhoi_desktop.ui.main_window import MainWindow
    from tanhoi_desktop.ui.operations import Operation

    data = tmp_path / "Xã Tân Hội" / "du-lieu.sqlite"
    data.parent.mkdir()
    assert window.open_store(data, create=True)
    told = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: told.append(box.text()) or 0)
    reports = tmp_path / "Báo cáo gửi huyện"
    reports.mkdir()
    started: list[Path] = []

    def choose(dialog):  # another folder chosen in the real dialog, then Lưu
        started.append(Path(dialog.directory().absolutePath()))
        dialog.setDirectory(str(reports))
        dialog.selectFile("xuat.xlsx")
        dialog.accept()

    def look_and_cancel(dialog):
        started.append(Path(dialog.directory().absolutePath()))
        dialog.reject()

    _when_dialog_shows(choose)
    operation = window.export_workbook()  # Tệp → Xuất ra Excel
    assert isinstance(operation, Operation)
    qtbot.waitUntil(lambda: (reports / "xuat.xlsx").exists() and not operation.running,
                    timeout=20000)
    assert started == [data.parent]  # the first time: beside the data file
    _when_dialog_shows(look_and_cancel)
    window.import_workbook()  # another Excel dialog: where the last Excel file went
    assert started[-1] == reports
    _when_dialog_shows(look_and_cancel)
    assert file_places.ask_save_path(window, "In", "bao-cao.pdf", "Tệp PDF (*.pdf)",
                                     window.store.path) is None
    assert started[-1] == data.parent  # PDFs have a folder of their own

    # a restart: a new window reading the same settings
    window.close_store()
    again = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(again)
    assert again.open_store(data)
    _when_dialog_shows(look_and_cancel)
    again.import_workbook()
    assert started[-1] == reports
    # the folder gone (a USB stick taken out): beside the data file again
    reports.joinpath("xuat.xlsx").unlink()
    reports.rmdir()
    _when_dialog_shows(look_and_cancel)
    again.import_workbook()
    assert started[-1] == data.parent
    again.close_store()


def test_the_demo_s_temporary_folder_is_not_remembered(window, tmp_path):
    demo = Path(tempfile.mkdtemp(prefix=file_places.DEMO_FOLDER_PREFIX))
    try:
        file_places.remember_folder(window, "excel", demo)
        assert file_places.dialog_folder(window, "excel", None) == \
            file_places.documents_folder()
        file_places.remember_folder(window, "excel", tmp_path)
        assert file_places.dialog_folder(window, "excel", None) == tmp_path
        assert file_places.dialog_folder(window, "pdf", None) == \
            file_places.documents_folder()
    finally:
        os.rmdir(demo)
