"""Trợ giúp → Hướng dẫn sử dụng (F1): the user's manual, offline, in Vietnamese.

The manual is one HTML page in resources/help with its pictures (made from the demo by
resources/help/make_images.py). It opens at the section of the tab in use, and saves
as a PDF to print for the office binder."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF, QUrl
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..report import fonts
from ..resources import resource
from ..safety import output
from .common import wrote
from .file_places import ask_save_path
from .screen_fit import FitsScreen

MANUAL = "huong-dan.html"
PDF_NAME = "Huong-dan-su-dung.pdf"
# the tab in use -> the manual's section about it (ui/tabs.TABS keys)
SECTION_OF_TAB = {
    "units": "don-vi", "cadres": "can-bo", "planning": "quy-hoach", "training": "dao-tao",
    "activities": "hoat-dong", "budget": "kinh-phi", "trajectory": "tien-do",
}
START = "bat-dau"


def manual_path() -> Path:
    return resource("help", MANUAL)


class HelpDialog(FitsScreen, QDialog):
    def __init__(self, section: str = START, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Hướng dẫn sử dụng")
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(True)
        self.browser.setOpenExternalLinks(False)  # offline: nothing leaves the program
        self.browser.setSource(QUrl.fromLocalFile(str(manual_path())))
        self.pdf_button = QPushButton("Lưu PDF để in…")
        self.pdf_button.clicked.connect(self.save_pdf)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Đóng")
        buttons.addButton(self.pdf_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(900, 680)
        self.show_section(section)

    def show_section(self, section: str) -> None:
        self.browser.scrollToAnchor(section)

    def save_pdf(self) -> None:
        path = ask_save_path(self, "Lưu hướng dẫn thành PDF", PDF_NAME, "Tệp PDF (*.pdf)")
        if path is not None:  # (in Documents: Windows' own, where OneDrive may move it)
            wrote(self, "Lưu hướng dẫn", path, lambda: write_manual_pdf(path))


def write_manual_pdf(out: Path) -> None:
    """The manual as an A4 PDF (written and checked beside `out`, then put in place)."""

    fonts.register()
    document = QTextDocument()
    document.setDefaultStyleSheet(f"body {{ font-family: '{fonts.family()}'; }}")
    html = manual_path().read_text(encoding="utf-8")
    for src in re.findall(r'<img src="([^"]+)"', html):  # (not found through a base URL)
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(src),
                             QImage(str(manual_path().parent / src)))
    document.setHtml(html)
    # laid out on the page's printable area in 96-dpi pixels (the pictures' units), so
    # that a 640-px picture fits within the margins
    printable = QSizeF((210 - 35) / 25.4 * 96, (297 - 40) / 25.4 * 96)
    document.setPageSize(printable)
    with output.replacing(out, output.verify_pdf) as tmp:
        writer = QPdfWriter(str(tmp))
        writer.setResolution(96)  # the document is laid out in 96-dpi pixels, as on screen
        writer.setTitle("Hướng dẫn sử dụng")
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                         QPageLayout.Orientation.Portrait,
                                         QMarginsF(20, 20, 15, 20),
                                         QPageLayout.Unit.Millimeter))
        document.print_(writer)
        del writer  # closes the file; verify_pdf checks it
