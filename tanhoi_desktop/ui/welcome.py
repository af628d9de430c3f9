"""First start on an empty file: three ways to begin."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget


class WelcomePage(QWidget):
    def __init__(self, import_workbook: Callable[[], object], open_demo: Callable[[], object],
                 start_entering: Callable[[], object], parent: QWidget | None = None):
        super().__init__(parent)
        title = QLabel("<h2>Chào mừng đến với chương trình theo dõi bình đẳng giới</h2>"
                       "<p>Tệp dữ liệu còn trống. Chọn cách bắt đầu:</p>")
        title.setTextFormat(Qt.TextFormat.RichText)  # our own words only
        title.setWordWrap(True)
        self.import_button = QPushButton("Nhập từ tệp Excel của các đơn vị…")
        self.demo_button = QPushButton("Mở dữ liệu mẫu để xem thử")
        self.start_button = QPushButton("Bắt đầu nhập liệu")
        self.import_button.clicked.connect(lambda: import_workbook())
        self.demo_button.clicked.connect(lambda: open_demo())
        self.start_button.clicked.connect(lambda: start_entering())
        layout = QVBoxLayout(self)
        layout.addStretch()
        layout.addWidget(title)
        for button in (self.import_button, self.demo_button, self.start_button):
            button.setMinimumHeight(40)
            layout.addWidget(button)
        layout.addStretch()
        layout.setContentsMargins(120, 40, 120, 40)
