"""Qt's own words (right-click menus, the print preview) are Vietnamese in the program."""

from PySide6.QtGui import QAction
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QProgressDialog, QPushButton

from tanhoi_desktop.ui.app import make_app
from tanhoi_desktop.ui.qt_texts import TEXTS


def menu_texts(widget) -> list[str]:
    menu = widget.createStandardContextMenu()
    try:
        return [a.text().split("\t")[0] for a in menu.actions() if not a.isSeparator()]
    finally:
        menu.deleteLater()


def test_text_fields_right_click_menu_is_vietnamese(qtbot):
    make_app()
    words = ["&Hoàn tác", "&Làm lại", "Cắ&t", "&Sao chép", "&Dán", "Xóa", "Chọn tất cả"]
    for widget in (QLineEdit(), QPlainTextEdit()):
        qtbot.addWidget(widget)
        assert menu_texts(widget) == words


def test_print_preview_and_progress_speak_vietnamese(qtbot):
    make_app()
    dialog = QPrintPreviewDialog(QPrinter(QPrinter.PrinterMode.ScreenResolution))
    qtbot.addWidget(dialog)
    tips = {a.toolTip() for a in dialog.findChildren(QAction) if a.toolTip()}
    assert {"Trang sau", "Phóng to", "In", "Thiết lập trang"} <= tips
    assert not tips & {"Next page", "Zoom in", "Print", "Page setup"}
    progress = QProgressDialog()
    qtbot.addWidget(progress)
    assert [b.text() for b in progress.findChildren(QPushButton)] == ["Hủy"]


def test_every_translation_keeps_its_shortcut_letter():
    for texts in TEXTS.values():
        for source, target in texts.items():
            assert target.count("&") == source.count("&"), (source, target)
