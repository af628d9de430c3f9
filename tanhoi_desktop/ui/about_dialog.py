"""Trợ giúp → Giới thiệu: version, data file, schema version, where backups are."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout

from ..safety import backups
from ..store import Store
from ..version import version
from .screen_fit import FitsScreen


class AboutDialog(FitsScreen, QDialog):
    def __init__(self, store: Store | None, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Giới thiệu")
        title = QLabel("<b>Theo dõi bình đẳng giới trong lãnh đạo, quản lý</b><br>"
                       "Kế hoạch thực hiện Quyết định số 2282/QĐ-TTg giai đoạn 2026 - 2030")
        title.setTextFormat(Qt.TextFormat.RichText)
        title.setWordWrap(True)
        form = QFormLayout()
        self.fields = {
            "version": version(),
            "data_file": str(store.path) if store else "(chưa mở tệp)",
            "schema": str(store.schema_version) if store else "—",
            "backups": str(backups.backup_dir(store.path)) if store else "—",
        }
        labels = {"version": "Phiên bản:", "data_file": "Tệp dữ liệu:",
                  "schema": "Phiên bản cấu trúc dữ liệu:", "backups": "Thư mục sao lưu:"}
        for key, text in self.fields.items():
            value = QLabel(text)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            form.addRow(labels[key], value)
        note = QLabel("Chương trình chạy hoàn toàn trên máy, không kết nối Internet. "
                      "Dữ liệu nằm trong thư mục dữ liệu của người dùng, không nằm trong thư "
                      "mục cài đặt: gỡ hoặc cập nhật chương trình không ảnh hưởng đến dữ liệu.")
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Đóng")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())
