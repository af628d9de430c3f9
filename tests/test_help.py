"""Trợ giúp → Hướng dẫn sử dụng (F1): the offline manual opens at the section of the tab
in use, every picture it shows exists, and it saves as a PDF to print."""

import re
import subprocess

import pytest
from PySide6.QtCore import QPoint, Qt

from tanhoi_desktop.ui import help_dialog
from tanhoi_desktop.ui.common import file_dialog
from tanhoi_desktop.ui.help_dialog import SECTION_OF_TAB, START, HelpDialog
from tanhoi_desktop.ui.tabs import TABS

HTML = help_dialog.manual_path().read_text(encoding="utf-8")


def _show_active(window, qtbot) -> None:
    """Shown and active, as a window the user works in: its shortcuts then work."""
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def _top_line(dialog: HelpDialog) -> str:
    """The text of the line shown at the top of the manual's view."""
    return dialog.browser.cursorForPosition(QPoint(10, 12)).block().text()


def test_every_tab_has_its_section_and_every_picture_exists():
    assert {spec.key for spec in TABS} == set(SECTION_OF_TAB)
    anchors = set(re.findall(r'id="([^"]+)"', HTML))
    assert {*SECTION_OF_TAB.values(), START} <= anchors
    for spec in TABS:  # the manual names each tab as the window does
        assert f"<b>{spec.title}</b>" in HTML
    pictures = re.findall(r'<img src="([^"]+)"', HTML)
    assert pictures
    for picture in pictures:
        assert (help_dialog.manual_path().parent / picture).is_file(), picture
    # every link inside the manual goes to a section of it
    assert set(re.findall(r'href="#([^"]+)"', HTML)) <= anchors


@pytest.mark.parametrize(("key", "heading"), [
    ("cadres", "4. Nhập cán bộ và chức vụ lãnh đạo"),
    ("training", "6. Nhập lớp đào tạo, bồi dưỡng"),
    ("trajectory", "13. Tiến độ qua các năm"),
])
def test_f1_opens_the_manual_at_the_tab_in_use(open_window, qtbot, key, heading):
    window = open_window()
    window.store.records.save("units", {"code": "A", "name": "Phòng Văn hóa - Xã hội"})
    _show_active(window, qtbot)
    window.show_tab(key)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialog = window.help_dialog
    assert dialog.isVisible()
    assert dialog.windowTitle() == "Hướng dẫn sử dụng"
    assert _top_line(dialog) == heading
    dialog.close()


def test_before_any_data_the_manual_opens_at_the_start(open_window, qtbot):
    window = open_window()  # an empty file: the welcome page, no tab in use
    _show_active(window, qtbot)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    assert _top_line(window.help_dialog) == "1. Lần đầu mở chương trình"
    window.help_dialog.close()


def test_the_manual_saves_as_a_pdf_to_print(tmp_path, qtbot):
    out = tmp_path / "Hướng dẫn.pdf"
    help_dialog.write_manual_pdf(out)
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "HƯỚNG DẪN SỬ DỤNG" in text
    assert "15. Ý nghĩa của từng chỉ tiêu" in text
    pages = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True,
                           check=True).stdout
    assert int(re.search(r"Pages:\s+(\d+)", pages).group(1)) >= 4
    images = subprocess.run(["pdfimages", "-list", str(out)], capture_output=True, text=True,
                            check=True).stdout.splitlines()[2:]
    assert len(images) >= len(re.findall(r"<img ", HTML))  # the pictures are printed too


def test_the_pdf_button_writes_where_the_user_chose(qtbot, tmp_path, monkeypatch):
    dialog = HelpDialog()
    qtbot.addWidget(dialog)
    out = tmp_path / "hd.pdf"
    monkeypatch.setattr(file_dialog(), "getSaveFileName",
                        lambda *a, **k: (str(out), "Tệp PDF (*.pdf)"))
    qtbot.mouseClick(dialog.pdf_button, Qt.MouseButton.LeftButton)
    assert out.read_bytes().startswith(b"%PDF")
