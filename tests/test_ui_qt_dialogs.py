"""Qt's own dialogs and menus in Vietnamese: the file dialog (its labels, its columns, its
dates day first, not «5 12 2026»), the print dialog and the editing menus of text fields.
Read from the widgets as they are shown."""

from __future__ import annotations

import datetime as dt
import os
import re

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QFileDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTreeView,
)

from tanhoi_desktop.ui.app import make_app
from tanhoi_desktop.ui.common import file_dialog
from tanhoi_desktop.ui.file_dialogs import size_text

ENGLISH = re.compile(r"\b(Look|File|Files|Save|Open|Cancel|Name|Size|Type|Date|Modified|"
                     r"Print|Printer|Properties|Options|Copies|Pages|Collate|Reverse|"
                     r"Location|Preview|Undo|Redo|Cut|Copy|Paste|Delete|Select|All)\b")


@pytest.fixture(autouse=True)
def vietnamese_app(qapp):
    make_app()  # the translator, as the program installs it


def _texts(widget) -> list[str]:
    texts = [w.text() for w in widget.findChildren(QLabel) if w.isVisible()]
    texts += [w.text() or w.toolTip() for w in widget.findChildren(QAbstractButton)
              if w.isVisible()]
    texts += [w.title() for w in widget.findChildren(QGroupBox) if w.isVisible()]
    return [t for t in texts if t]


def test_the_file_dialog_speaks_vietnamese_and_writes_dates_day_first(qtbot, tmp_path):
    path = tmp_path / "bao-cao.xlsx"
    path.write_bytes(b"x" * 2048)
    when = dt.datetime(2026, 12, 5, 9, 30)
    os.utime(path, (when.timestamp(), when.timestamp()))
    seen = {}

    def look():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QFileDialog)
        dialog.setViewMode(QFileDialog.ViewMode.Detail)
        view = dialog.findChild(QTreeView, "treeView")
        qtbot.waitUntil(lambda: view.model().rowCount(view.rootIndex()) == 1)
        model = view.model()
        row = [model.index(0, c, view.rootIndex()).data() for c in range(4)]
        headers = [model.headerData(c, view.header().orientation()) for c in range(4)]
        widths = [(view.header().sectionSize(c),
                   view.header().fontMetrics().horizontalAdvance(headers[c])) for c in (1, 2, 3)]
        seen.update(texts=_texts(dialog), row=row, headers=headers, widths=widths,
                    title=dialog.windowTitle())
        dialog.reject()

    QTimer.singleShot(0, look)
    chosen, _ = file_dialog().getSaveFileName(None, "Xuất ra Excel", str(tmp_path / "ra.xlsx"),
                                              "Tệp Excel (*.xlsx)")
    assert chosen == ""
    texts = seen["texts"]
    assert {"&Tìm trong:", "&Tên tệp:", "&Loại tệp:", "&Lưu", "Hủy"} <= set(texts)
    assert [t for t in texts if ENGLISH.search(t.replace("&", ""))] == []
    assert seen["headers"] == ["Tên", "Kích thước", "Loại", "Ngày sửa"]
    assert seen["row"][0] == "bao-cao.xlsx"
    assert seen["row"][1] == "2,0 KB"
    assert seen["row"][3] == "05/12/2026 09:30"  # not «5 12 2026»
    assert all(width >= text for width, text in seen["widths"])  # headers whole


def test_sizes_read_with_a_decimal_comma():
    assert [size_text(n) for n in (512, 1536, 5 * 1024 * 1024)] == ["512 byte", "1,5 KB",
                                                                     "5,0 MB"]


def test_the_print_dialog_speaks_vietnamese(qtbot):
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter()
    dialog = QPrintDialog(printer)
    qtbot.addWidget(dialog)
    dialog.show()
    texts = _texts(dialog)
    assert dialog.windowTitle() == "In"
    assert {"Máy in", "&In", "Hủy", "&Tùy chọn >>", "&Tên:"} <= set(texts)
    assert [t for t in texts if ENGLISH.search(t.replace("&", ""))] == []


# (a machine with no printer system: Qt says so, and shows the dialog all the same)
@pytest.mark.qt_log_ignore("Cannot be used on non-native printers")
def test_the_page_setup_dialog_speaks_vietnamese(qtbot):
    """The print preview's «Thiết lập trang» button opens it."""
    from PySide6.QtPrintSupport import QPageSetupDialog, QPrinter

    dialog = QPageSetupDialog(QPrinter())
    qtbot.addWidget(dialog)
    dialog.show()
    texts = [t.replace("&", "") for t in _texts(dialog)]
    assert dialog.windowTitle() == "Thiết lập trang"
    assert {"Khổ giấy:", "Thứ tự trang:", "Số trang mỗi tờ:", "Hướng giấy", "Lề"} <= set(texts)
    assert [t for t in texts if ENGLISH.search(t) or re.search(r"\b(Page|order|sheet)\b", t)
            ] == []


@pytest.mark.parametrize("make", [lambda: QLineEdit("Văn phòng"),
                                  lambda: QPlainTextEdit("Văn phòng")])
def test_the_editing_menus_of_text_fields_are_vietnamese(qtbot, make):
    field = make()
    qtbot.addWidget(field)
    menu = field.createStandardContextMenu()
    words = [a.text().split("\t")[0].replace("&", "") for a in menu.actions() if a.text()]
    assert {"Hoàn tác", "Làm lại", "Cắt", "Sao chép", "Dán", "Xóa", "Chọn tất cả"} <= set(words)
    assert [w for w in words if ENGLISH.search(w)] == []

